"""The delivery engine: drains the outbox within Telegram's limits, surviving errors.

A row is marked sent only after Telegram accepted it, in its own transaction, so a crash
loses nothing: on restart every row still pending is sent, and at most the messages in
flight at the crash go out twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock, utcnow
from bot.rate_limit import GROUP_INTERVAL, PRIVATE_INTERVAL, ChatPacer, Monotonic, TokenBucket
from bot.transport import ChatGone, Outgoing, Rejected, RetryAfter, Transient, Transport
from storage import Database, Repos
from storage.outbox_repo import OutboxRow

log = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 1.0  # the longest the sender sleeps before looking again


@dataclass(frozen=True)
class Rendered:
    message: Outgoing
    edit_of: int | None = None  # a message id to edit in place instead of sending anew


# Builds the message for an outbox row at send time (so it is in the chat's language of
# the moment); None when there is nothing to send any more.
Renderer = Callable[[Repos, OutboxRow], Awaitable[Rendered | None]]
AfterSend = Callable[[Repos, OutboxRow, int], Awaitable[None]]


@dataclass(frozen=True)
class SenderConfig:
    rate: float = 25.0  # messages a second, all chats together (BROADCAST_RATE)
    max_attempts: int = 5  # for 5xx and network errors
    backoff_base_seconds: float = 2.0
    backoff_max_seconds: float = 600.0
    batch: int = 200
    concurrency: int = 8
    private_interval: float = PRIVATE_INTERVAL  # seconds between messages to one user
    group_interval: float = GROUP_INTERVAL  # and to one group or channel (20 a minute)


class Sender:
    def __init__(
        self,
        db: Database,
        transport: Transport,
        render: Renderer,
        config: SenderConfig = SenderConfig(),
        *,
        after_send: AfterSend | None = None,
        clock: Clock = utcnow,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        self._db = db
        self._repos = Repos.on(db.conn)
        self._transport = transport
        self._render = render
        self._config = config
        self._after_send = after_send
        self._clock = clock
        self.bucket = TokenBucket(config.rate, monotonic)
        self._pacer = ChatPacer(
            monotonic,
            private_interval=config.private_interval,
            group_interval=config.group_interval,
        )
        self._wake = asyncio.Event()
        self._in_flight: set[int] = set()
        self._slots = asyncio.Semaphore(config.concurrency)
        self._tasks: set[asyncio.Task[None]] = set()

    def wake(self) -> None:
        """New rows are waiting: stop sleeping."""
        self._wake.set()

    async def run(self) -> None:
        """Send until cancelled."""
        try:
            while True:
                dispatched, waiting = await self.drain_once()
                if dispatched:
                    continue
                if self._tasks:  # rows in flight may settle into retries: look again soon
                    await asyncio.wait(self._tasks, timeout=0.05)
                elif waiting is not None:
                    await asyncio.sleep(waiting)
                else:
                    await self._idle()
        finally:
            for task in self._tasks:
                task.cancel()

    async def drain_once(self) -> tuple[int, float | None]:
        """Start sending what is due now, in order, each chat at its own pace, without
        waiting for the sends to finish (so the rate holds across batches). Returns how
        many were started and, when rows are due only for chats that must wait, how long
        until the first of them may get its message."""
        rows = await self._repos.outbox.due(self._clock(), self._config.batch)
        started = 0
        paced = []
        for row in rows:
            if row.id in self._in_flight:
                continue
            if not self._pacer.ready(row.chat_id):
                paced.append(self._pacer.wait(row.chat_id))
                continue
            self._pacer.sent(row.chat_id, _is_private(row.chat_id))
            await self.bucket.acquire()
            await self._slots.acquire()
            self._in_flight.add(row.id)
            task = asyncio.create_task(self._deliver(row))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            started += 1
        waiting = min(min(paced, default=1.0), 1.0) if paced and not started else None
        return started, waiting

    async def settle(self) -> None:
        """Wait for the sends in flight to finish."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def _idle(self) -> None:
        self._wake.clear()
        next_due = await self._repos.outbox.next_due()
        delay = IDLE_POLL_SECONDS
        if next_due is not None:
            delay = min(delay, max(0.0, (next_due - self._clock()).total_seconds()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=max(delay, 0.01))

    async def _deliver(self, row: OutboxRow) -> None:
        try:
            await self._attempt(row)
        except Exception:
            # A bug in rendering must not stop every other delivery; the row is retried.
            log.exception("delivery of outbox row %s failed unexpectedly", row.id)
            await self._retry(row, "internal error")
        finally:
            self._in_flight.discard(row.id)
            self._slots.release()

    async def _attempt(self, row: OutboxRow) -> None:
        rendered = await self._render(self._repos, row)
        if rendered is None:
            async with self._db.transaction():
                await self._repos.outbox.give_up(row.id, "nothing to send", "dropped")
            return
        try:
            if rendered.edit_of is not None:
                await self._transport.edit(rendered.edit_of, rendered.message)
                message_id = rendered.edit_of
            else:
                message_id = await self._transport.send(rendered.message)
        except RetryAfter as exc:
            self.bucket.pause(exc.seconds)
            await self._later(row, str(exc), exc.seconds, count=False)
        except ChatGone as exc:
            await self._chat_gone(row, str(exc))
        except Transient as exc:
            await self._retry(row, str(exc))
        except Rejected as exc:
            log.warning("Telegram rejected outbox row %s: %s", row.id, exc)
            async with self._db.transaction():
                await self._repos.outbox.give_up(row.id, str(exc))
        else:
            async with self._db.transaction():
                await self._repos.outbox.mark_sent(row.id, message_id, self._clock())
                if self._after_send:
                    await self._after_send(self._repos, row, message_id)

    async def _retry(self, row: OutboxRow, error: str) -> None:
        attempts = row.attempts + 1
        if attempts >= self._config.max_attempts:
            log.warning("giving up outbox row %s after %s tries: %s", row.id, attempts, error)
            async with self._db.transaction():
                await self._repos.outbox.give_up(row.id, error)
            return
        delay = min(
            self._config.backoff_base_seconds * 2 ** (attempts - 1),
            self._config.backoff_max_seconds,
        )
        await self._later(row, error, delay)

    async def _later(self, row: OutboxRow, error: str, seconds: float, count: bool = True) -> None:
        not_before = self._clock() + timedelta(seconds=seconds)
        async with self._db.transaction():
            await self._repos.outbox.retry_later(row.id, error, not_before, count=count)

    async def _chat_gone(self, row: OutboxRow, error: str) -> None:
        log.info("chat %s is gone (%s): deactivated", row.chat_id, error)
        async with self._db.transaction():
            await self._repos.outbox.give_up(row.id, error, "dropped")
            await self._repos.outbox.drop_chat(row.chat_id, error)
            if isinstance(row.chat_id, int):
                await self._repos.chats.deactivate(row.chat_id, error, self._clock())


def _is_private(chat_id: object) -> bool:
    # Telegram gives users positive ids, groups and channels negative ones.
    return isinstance(chat_id, int) and chat_id > 0

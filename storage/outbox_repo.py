"""SQL for the outbox: every message the bot owes, until Telegram has accepted it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str  # alert, review, notice
    item_id: int | None
    chat_id: int | str
    body: str | None
    attempts: int


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    failed: int
    sent: int


class OutboxRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def enqueue(
        self,
        kind: str,
        item_id: int | None,
        chat_ids: Iterable[int | str],
        now: datetime,
        body: str | None = None,
    ) -> int:
        """One row per chat; a row that exists already (the same alert to the same chat)
        is not added twice. Returns how many were added."""
        stamp = to_db(now)
        before = self._conn.total_changes
        await self._conn.executemany(
            "INSERT OR IGNORE INTO outbox (kind, item_id, chat_id, body, not_before, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(kind, item_id, chat_id, body, stamp, stamp) for chat_id in chat_ids],
        )
        return self._conn.total_changes - before

    async def due(self, now: datetime, limit: int) -> list[OutboxRow]:
        """Pending rows whose time has come, oldest first (alerts in approval order)."""
        async with self._conn.execute(
            "SELECT id, kind, item_id, chat_id, body, attempts FROM outbox"
            " WHERE status = 'pending' AND not_before <= ? ORDER BY id LIMIT ?",
            (to_db(now), limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [OutboxRow(*tuple(row)) for row in rows]

    async def next_due(self) -> datetime | None:
        async with self._conn.execute(
            "SELECT MIN(not_before) FROM outbox WHERE status = 'pending'"
        ) as cursor:
            row = await cursor.fetchone()
        return from_db(row[0]) if row else None

    async def mark_sent(self, row_id: int, message_id: int | None, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?,"
            " attempts = attempts + 1 WHERE id = ?",
            (message_id, to_db(now), row_id),
        )

    async def retry_later(
        self, row_id: int, error: str, not_before: datetime, *, count: bool = True
    ) -> None:
        """Try again at `not_before`; count=False when the failure was not the row's
        (flood control pausing everyone), so it does not bring the row closer to giving up."""
        await self._conn.execute(
            "UPDATE outbox SET attempts = attempts + ?, last_error = ?, not_before = ?"
            " WHERE id = ?",
            (int(count), error, to_db(not_before), row_id),
        )

    async def give_up(self, row_id: int, error: str, status: str = "failed") -> None:
        """failed: tried and gave up; dropped: the chat is gone (blocked, not found)."""
        await self._conn.execute(
            "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
            (status, error, row_id),
        )

    async def drop_chat(self, chat_id: int, error: str) -> None:
        await self._conn.execute(
            "UPDATE outbox SET status = 'dropped', last_error = ?"
            " WHERE chat_id = ? AND status = 'pending'",
            (error, chat_id),
        )

    async def delivered(self, kind: str, item_id: int) -> list[tuple[int, int]]:
        """(chat id, message id) of every accepted message of that kind about the item."""
        async with self._conn.execute(
            "SELECT chat_id, message_id FROM outbox WHERE kind = ? AND item_id = ?"
            " AND status = 'sent' ORDER BY id",
            (kind, item_id),
        ) as cursor:
            return [(row[0], row[1]) for row in await cursor.fetchall()]

    async def stats(self) -> OutboxStats:
        async with self._conn.execute(
            "SELECT SUM(status = 'pending'), SUM(status = 'failed'), SUM(status = 'sent')"
            " FROM outbox"
        ) as cursor:
            row = await cursor.fetchone()
        values = [int(v or 0) for v in row] if row else [0, 0, 0]
        return OutboxStats(*values)

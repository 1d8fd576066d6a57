"""Pacing of sends: a global token bucket and a minimum interval per chat."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

Monotonic = Callable[[], float]

PRIVATE_INTERVAL = 1.0  # Telegram: about one message a second to one chat
GROUP_INTERVAL = 3.0  # and 20 a minute to a group or channel
# Latency varies between requests (and a busy event loop delays some), so Telegram may
# see sends closer together than they left; a guard keeps any second at or under the
# rate. 50 ms keeps bench/fanout.py free of 429s; it caps utilisation at about 0.95.
WINDOW_GUARD = 0.05


class TokenBucket:
    """At most `rate` sends a second, evenly spaced (a bucket of one token refilled at
    `rate`), and never more than `rate` in any window of a second plus the guard."""

    def __init__(self, rate: float, clock: Monotonic = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self._clock = clock
        self._next = 0.0
        self._recent: deque[float] = deque(maxlen=max(1, int(rate)))
        self._lock = asyncio.Lock()
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Hold every send for `seconds` (Telegram's retry_after)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = self._clock()
                ready = max(self._next, self._paused_until)
                if len(self._recent) == self._recent.maxlen:
                    ready = max(ready, self._recent[0] + 1.0 + WINDOW_GUARD)
                if ready <= now:
                    break
                await asyncio.sleep(ready - now)
            # From the previous slot, not from now: sleeping overshoots a little each
            # time, and those bits would add up to a slower rate than asked for.
            self._next = max(self._next + 1.0 / self.rate, now)
            self._recent.append(now)


class ChatPacer:
    """When each chat may get its next message."""

    def __init__(
        self,
        clock: Monotonic = time.monotonic,
        *,
        private_interval: float = PRIVATE_INTERVAL,
        group_interval: float = GROUP_INTERVAL,
    ) -> None:
        self._clock = clock
        self._intervals = {True: private_interval, False: group_interval}
        self._next: dict[object, float] = {}

    def ready(self, chat_id: object) -> bool:
        return self._next.get(chat_id, 0.0) <= self._clock()

    def wait(self, chat_id: object) -> float:
        return max(0.0, self._next.get(chat_id, 0.0) - self._clock())

    def sent(self, chat_id: object, is_private: bool) -> None:
        self._next[chat_id] = self._clock() + self._intervals[is_private]
        if len(self._next) > 100_000:  # forget chats whose pause is long over
            now = self._clock()
            self._next = {c: t for c, t in self._next.items() if t > now}

"""When to poll a source next: pure functions of counts, headers and a random draw."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# A server may ask for a pause; more than a day is treated as a day.
MAX_RETRY_AFTER_SECONDS = 24 * 3600

Draw = Callable[[], float]


def failure_delay(
    failures: int,
    interval: float,
    max_delay: float,
    retry_after: float | None = None,
    draw: Draw = random.random,
) -> float:
    """Seconds to wait after the `failures`-th consecutive failure: the interval doubled
    per failure, capped, then jittered into [half, full] so that sources failing together
    do not retry together. A server's Retry-After is honoured as a floor."""
    if failures < 1:
        raise ValueError("failure_delay needs at least one failure")
    ceiling = min(interval * 2 ** min(failures - 1, 30), max_delay)
    delay = ceiling / 2 + draw() * ceiling / 2
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER_SECONDS))
    return delay


def success_delay(interval: float, jitter: float, draw: Draw = random.random) -> float:
    return interval + draw() * jitter


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from `now`: delta-seconds or an HTTP date; None if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - now).total_seconds(), 0.0)

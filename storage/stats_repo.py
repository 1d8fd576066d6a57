"""SQL for the figures moderators see in /stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class FailingSource:
    id: int
    key: str
    reason: str
    disabled: bool
    last_success_at: datetime | None


class StatsRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def _one(self, sql: str, params: tuple[object, ...] = ()) -> int:
        async with self._conn.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        return int(row[0] or 0) if row else 0

    async def items_since(self, since: datetime) -> int:
        return await self._one("SELECT COUNT(*) FROM items WHERE fetched_at >= ?", (to_db(since),))

    async def categories_since(self, since: datetime) -> dict[str, int]:
        """Items fetched since then per classifier category."""
        async with self._conn.execute(
            "SELECT c.value, COUNT(*) FROM items i, json_each(i.categories) c"
            " WHERE i.fetched_at >= ? GROUP BY c.value ORDER BY COUNT(*) DESC",
            (to_db(since),),
        ) as cursor:
            return {row[0]: int(row[1]) for row in await cursor.fetchall()}

    async def reviews(self) -> dict[str, int]:
        async with self._conn.execute(
            "SELECT status, COUNT(*) FROM reviews GROUP BY status"
        ) as cursor:
            return {row[0]: int(row[1]) for row in await cursor.fetchall()}

    async def failing_sources(self, stale_before: datetime) -> list[FailingSource]:
        """Sources disabled for a reason other than leaving the sources file, and active
        ones failing with no success since `stale_before`."""
        async with self._conn.execute(
            "SELECT id, key, disabled_reason, last_error, last_success_at, created_at"
            " FROM sources"
            " WHERE (disabled_reason IS NOT NULL AND disabled_reason NOT LIKE 'removed%')"
            " OR (disabled_reason IS NULL AND failure_count > 0"
            "   AND COALESCE(last_success_at, created_at) < ?) ORDER BY key",
            (to_db(stale_before),),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            FailingSource(
                row["id"],
                row["key"],
                row["disabled_reason"] or row["last_error"] or "failing",
                row["disabled_reason"] is not None,
                from_db(row["last_success_at"]),
            )
            for row in rows
        ]

    async def notice_sent(self, source_id: int, reason: str, now: datetime) -> bool:
        """Record that moderators are told about this source problem; False when they
        were told already."""
        cursor = await self._conn.execute(
            "INSERT OR IGNORE INTO source_notices (source_id, reason, notified_at)"
            " VALUES (?, ?, ?)",
            (source_id, reason, to_db(now)),
        )
        return cursor.rowcount == 1

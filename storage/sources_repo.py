"""SQL for the sources table."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.records import Source, SourceSeed, SyncSummary
from storage.timefmt import from_db, to_db

RETIRED_REASON = "removed from the sources file"

_COLUMNS = (
    "id, key, name, url, seed_url, origin, lang, country, interval_seconds, etag, "
    "last_modified, failure_count, last_error, last_polled_at, last_success_at, "
    "next_poll_at, disabled_reason, disabled_at"
)


def _source(row: aiosqlite.Row) -> Source:
    return Source(
        id=row["id"],
        key=row["key"],
        name=row["name"],
        url=row["url"],
        seed_url=row["seed_url"],
        origin=row["origin"],
        lang=row["lang"],
        country=row["country"],
        interval_seconds=row["interval_seconds"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        failure_count=row["failure_count"],
        last_error=row["last_error"],
        last_polled_at=from_db(row["last_polled_at"]),
        last_success_at=from_db(row["last_success_at"]),
        next_poll_at=from_db(row["next_poll_at"]),
        disabled_reason=row["disabled_reason"],
        disabled_at=from_db(row["disabled_at"]),
    )


class SourceRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def list_all(self) -> list[Source]:
        async with self._conn.execute(f"SELECT {_COLUMNS} FROM sources ORDER BY id") as cur:
            return [_source(row) for row in await cur.fetchall()]

    async def list_active(self) -> list[Source]:
        return [source for source in await self.list_all() if source.active]

    async def get(self, source_id: int) -> Source | None:
        sql = f"SELECT {_COLUMNS} FROM sources WHERE id = ?"
        async with self._conn.execute(sql, (source_id,)) as cur:
            row = await cur.fetchone()
        return _source(row) if row else None

    async def get_by_key(self, key: str) -> Source | None:
        sql = f"SELECT {_COLUMNS} FROM sources WHERE key = ?"
        async with self._conn.execute(sql, (key,)) as cur:
            row = await cur.fetchone()
        return _source(row) if row else None

    async def add(self, seed: SourceSeed, now: datetime, *, origin: str = "file") -> int:
        cursor = await self._conn.execute(
            "INSERT INTO sources (key, name, url, seed_url, origin, lang, country, "
            "interval_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seed.key,
                seed.name,
                seed.url,
                seed.url,
                origin,
                seed.lang,
                seed.country,
                seed.interval_seconds,
                to_db(now),
            ),
        )
        return int(cursor.lastrowid or 0)

    async def sync_from_file(self, seeds: list[SourceSeed], now: datetime) -> SyncSummary:
        """Make the file's sources present. A URL changed in the file wins over a stored
        redirect target; sources dropped from the file are disabled, not deleted, so
        their items keep their provenance."""
        existing = {source.key: source for source in await self.list_all()}
        added, updated = [], []
        for seed in seeds:
            known = existing.get(seed.key)
            if known is None:
                await self.add(seed, now)
                added.append(seed.key)
            elif await self._refresh(known, seed):
                updated.append(seed.key)
        wanted = {seed.key for seed in seeds}
        retired = [
            source.key
            for source in existing.values()
            if source.origin == "file" and source.key not in wanted and source.active
        ]
        for key in retired:
            await self.disable(existing[key].id, RETIRED_REASON, now)
        return SyncSummary(tuple(added), tuple(updated), tuple(retired))

    async def _refresh(self, known: Source, seed: SourceSeed) -> bool:
        url_changed = seed.url != known.seed_url
        revived = known.disabled_reason == RETIRED_REASON
        same = (
            known.name == seed.name
            and known.lang == seed.lang
            and known.country == seed.country
            and known.interval_seconds == seed.interval_seconds
        )
        if same and not url_changed and not revived:
            return False
        await self._conn.execute(
            "UPDATE sources SET name = ?, lang = ?, country = ?, interval_seconds = ? "
            "WHERE id = ?",
            (seed.name, seed.lang, seed.country, seed.interval_seconds, known.id),
        )
        if url_changed or revived:
            # A new address (or a source brought back) starts over: no stale validators.
            await self._conn.execute(
                "UPDATE sources SET url = ?, seed_url = ?, etag = NULL, last_modified = NULL,"
                " failure_count = 0, last_error = NULL, next_poll_at = NULL,"
                " disabled_reason = NULL, disabled_at = NULL WHERE id = ?",
                (seed.url, seed.url, known.id),
            )
        return True

    async def record_success(
        self,
        source_id: int,
        *,
        now: datetime,
        next_poll_at: datetime,
        etag: str | None,
        last_modified: str | None,
        new_url: str | None = None,
    ) -> None:
        await self._conn.execute(
            "UPDATE sources SET etag = ?, last_modified = ?, failure_count = 0,"
            " last_error = NULL, last_polled_at = ?, last_success_at = ?, next_poll_at = ?,"
            " url = COALESCE(?, url) WHERE id = ?",
            (
                etag,
                last_modified,
                to_db(now),
                to_db(now),
                to_db(next_poll_at),
                new_url,
                source_id,
            ),
        )

    async def record_failure(
        self, source_id: int, *, now: datetime, error: str, next_poll_at: datetime
    ) -> int:
        """Count one more consecutive failure; returns the new count."""
        await self._conn.execute(
            "UPDATE sources SET failure_count = failure_count + 1, last_error = ?,"
            " last_polled_at = ?, next_poll_at = ? WHERE id = ?",
            (error, to_db(now), to_db(next_poll_at), source_id),
        )
        async with self._conn.execute(
            "SELECT failure_count FROM sources WHERE id = ?", (source_id,)
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def disable(self, source_id: int, reason: str, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE sources SET disabled_reason = ?, disabled_at = ? WHERE id = ?",
            (reason, to_db(now), source_id),
        )

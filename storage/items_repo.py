"""SQL for items and the sources that reported them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

import aiosqlite

from storage.records import ClassificationRecord, ItemStatus, NewItem, StoredItem, StoreResult
from storage.timefmt import from_db, to_db

# Well under SQLite's bound-parameter limit, and small enough to keep each query quick.
_CHUNK = 500

_ITEM_COLUMNS = (
    "i.id, i.source_id, s.key AS source_key, s.name AS source_name, i.guid, i.canonical_url,"
    " i.url, i.title, i.text, i.author, i.lang, i.published_at, i.fetched_at,"
    " i.content_hash, i.status,"
    " (SELECT COUNT(*) FROM item_sources x WHERE x.item_id = i.id) AS source_count"
)


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _stored(row: aiosqlite.Row) -> StoredItem:
    return StoredItem(
        id=row["id"],
        source_id=row["source_id"],
        source_key=row["source_key"],
        source_name=row["source_name"],
        guid=row["guid"],
        canonical_url=row["canonical_url"],
        url=row["url"],
        title=row["title"],
        text=row["text"],
        author=row["author"],
        lang=row["lang"],
        published_at=from_db(row["published_at"]),  # type: ignore[arg-type]
        fetched_at=from_db(row["fetched_at"]),  # type: ignore[arg-type]
        content_hash=row["content_hash"],
        status=ItemStatus(row["status"]),
        source_count=row["source_count"],
    )


class ItemRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def store_entries(
        self, source_id: int, entries: Iterable[NewItem], now: datetime
    ) -> StoreResult:
        """Insert what is new, link what another source already gave, skip what this
        source gave before. Call inside a transaction: ids are allocated from max(id)."""
        fresh = _first_per_key(entries)
        seen = await self._known_entry_keys(source_id, [e.entry_key for e in fresh])
        fresh = [e for e in fresh if e.entry_key not in seen]
        by_url = await self._items_by_canonical_url([e.canonical_url for e in fresh])
        next_id = await self._next_item_id()
        item_rows, link_rows, new_ids, reviewable, linked = [], [], [], [], 0
        fetched = to_db(now)
        for entry in sorted(fresh, key=lambda e: e.published_at):
            item_id = by_url.get(entry.canonical_url) if entry.canonical_url else None
            if item_id is None:
                item_id, next_id = next_id, next_id + 1
                item_rows.append(_item_row(item_id, source_id, entry, fetched))
                new_ids.append(item_id)
                if entry.status is ItemStatus.NEW:
                    reviewable.append(item_id)
                if entry.canonical_url:
                    by_url[entry.canonical_url] = item_id
            else:
                linked += 1
            link_rows.append((item_id, source_id, entry.entry_key, entry.url, fetched))
        await self._conn.executemany(
            "INSERT INTO items (id, source_id, guid, canonical_url, url, title, text, author,"
            " lang, published_at, fetched_at, content_hash, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            item_rows,
        )
        await self._conn.executemany(
            "INSERT INTO item_sources (item_id, source_id, entry_key, url, seen_at)"
            " VALUES (?, ?, ?, ?, ?)",
            link_rows,
        )
        return StoreResult(tuple(new_ids), tuple(reviewable), linked, len(seen))

    async def _known_entry_keys(self, source_id: int, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT entry_key FROM item_sources"
                f" WHERE source_id = ? AND entry_key IN ({marks})"
            )
            async with self._conn.execute(sql, (source_id, *chunk)) as cur:
                found.update(row[0] for row in await cur.fetchall())
        return found

    async def _items_by_canonical_url(self, urls: Sequence[str | None]) -> dict[str, int]:
        wanted = sorted({url for url in urls if url})
        found: dict[str, int] = {}
        for chunk in _chunks(wanted):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT canonical_url, id FROM items WHERE canonical_url IN ({marks})"
            async with self._conn.execute(sql, chunk) as cur:
                found.update({row[0]: row[1] for row in await cur.fetchall()})
        return found

    async def _next_item_id(self) -> int:
        async with self._conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM items") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 1

    async def get(self, item_id: int) -> StoredItem | None:
        sql = (
            f"SELECT {_ITEM_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id"
            " WHERE i.id = ?"
        )
        async with self._conn.execute(sql, (item_id,)) as cur:
            row = await cur.fetchone()
        return _stored(row) if row else None

    async def list_recent(self, limit: int = 50) -> list[StoredItem]:
        sql = (
            f"SELECT {_ITEM_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id"
            " ORDER BY i.published_at DESC, i.id DESC LIMIT ?"
        )
        async with self._conn.execute(sql, (limit,)) as cur:
            return [_stored(row) for row in await cur.fetchall()]

    async def source_keys(self, item_id: int) -> list[str]:
        sql = (
            "SELECT s.key FROM item_sources x JOIN sources s ON s.id = x.source_id"
            " WHERE x.item_id = ? ORDER BY x.seen_at, x.rowid"
        )
        async with self._conn.execute(sql, (item_id,)) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def unclassified(self, limit: int) -> list[StoredItem]:
        """Items the classifier has not seen yet, oldest first (so a restart resumes)."""
        sql = (
            f"SELECT {_ITEM_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id"
            " WHERE i.classified_at IS NULL ORDER BY i.id LIMIT ?"
        )
        async with self._conn.execute(sql, (limit,)) as cur:
            return [_stored(row) for row in await cur.fetchall()]

    async def save_classification(
        self, item_id: int, result: ClassificationRecord, now: datetime
    ) -> None:
        await self._conn.execute(
            "UPDATE items SET categories = ?, scores = ?, relevance = ?, countries = ?,"
            " persons = ?, articles = ?, evidence = ?, lang = ?, classified_at = ?"
            " WHERE id = ?",
            (
                json.dumps(list(result.categories)),
                json.dumps(result.scores),
                result.relevance,
                json.dumps(list(result.countries), ensure_ascii=False),
                json.dumps(list(result.persons), ensure_ascii=False),
                json.dumps(list(result.articles), ensure_ascii=False),
                json.dumps({k: list(v) for k, v in result.evidence.items()}, ensure_ascii=False),
                result.lang,
                to_db(now),
                item_id,
            ),
        )

    async def classification(self, item_id: int) -> ClassificationRecord | None:
        sql = (
            "SELECT categories, scores, relevance, countries, persons, articles, evidence, lang"
            " FROM items WHERE id = ? AND classified_at IS NOT NULL"
        )
        async with self._conn.execute(sql, (item_id,)) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return ClassificationRecord(
            categories=tuple(json.loads(row["categories"])),
            scores=json.loads(row["scores"]),
            relevance=row["relevance"],
            countries=tuple(json.loads(row["countries"])),
            persons=tuple(json.loads(row["persons"])),
            articles=tuple(json.loads(row["articles"])),
            evidence={k: tuple(v) for k, v in json.loads(row["evidence"]).items()},
            lang=row["lang"],
        )

    async def count_by_status(self) -> dict[ItemStatus, int]:
        async with self._conn.execute("SELECT status, COUNT(*) FROM items GROUP BY status") as cur:
            return {ItemStatus(row[0]): row[1] for row in await cur.fetchall()}

    async def count_links(self) -> int:
        async with self._conn.execute("SELECT COUNT(*) FROM item_sources") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0


def _first_per_key(entries: Iterable[NewItem]) -> list[NewItem]:
    unique: dict[str, NewItem] = {}
    for entry in entries:
        unique.setdefault(entry.entry_key, entry)
    return list(unique.values())


def _item_row(item_id: int, source_id: int, entry: NewItem, fetched: str) -> tuple[object, ...]:
    return (
        item_id,
        source_id,
        entry.guid,
        entry.canonical_url,
        entry.url,
        entry.title,
        entry.text,
        entry.author,
        entry.lang,
        to_db(entry.published_at),
        fetched,
        entry.content_hash,
        entry.status.value,
    )

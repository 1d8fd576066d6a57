"""SQL for moderation: the review queue, decisions and the cards posted for them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class Review:
    item_id: int
    status: str  # pending, approved, rejected
    proposed: tuple[str, ...]
    draft: tuple[str, ...] | None
    categories: tuple[str, ...] | None
    decided_by_name: str | None
    decided_at: datetime | None

    @property
    def editing(self) -> tuple[str, ...]:
        """The categories a moderator is looking at: the draft, else the proposal."""
        return self.draft if self.draft is not None else self.proposed


@dataclass(frozen=True)
class Correction:
    """A decision that changed the classifier's categories: labelled data."""

    item_id: int
    lang: str | None
    title: str
    text: str
    url: str | None
    countries: tuple[str, ...]
    persons: tuple[str, ...]
    proposed: tuple[str, ...]
    categories: tuple[str, ...]


def _review(row: aiosqlite.Row) -> Review:
    return Review(
        item_id=row["item_id"],
        status=row["status"],
        proposed=tuple(json.loads(row["proposed"])),
        draft=tuple(json.loads(row["draft"])) if row["draft"] is not None else None,
        categories=tuple(json.loads(row["categories"])) if row["categories"] else None,
        decided_by_name=row["decided_by_name"],
        decided_at=from_db(row["decided_at"]),
    )


class ReviewRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def enqueue(self, item_id: int, proposed: Sequence[str], now: datetime) -> bool:
        """Put the item up for review once; False when it already was."""
        cursor = await self._conn.execute(
            "INSERT OR IGNORE INTO reviews (item_id, status, proposed, queued_at)"
            " VALUES (?, 'pending', ?, ?)",
            (item_id, json.dumps(list(proposed)), to_db(now)),
        )
        return cursor.rowcount == 1

    async def unreviewed(self, since: datetime) -> list[tuple[int, list[str]]]:
        """New items fetched since then that have categories and no review, oldest first."""
        async with self._conn.execute(
            "SELECT i.id, i.categories FROM items i LEFT JOIN reviews r ON r.item_id = i.id"
            " WHERE r.item_id IS NULL AND i.status = 'new' AND i.classified_at IS NOT NULL"
            " AND i.categories != '[]' AND i.fetched_at >= ? ORDER BY i.published_at, i.id",
            (to_db(since),),
        ) as cursor:
            return [(row[0], json.loads(row[1])) for row in await cursor.fetchall()]

    async def get(self, item_id: int) -> Review | None:
        async with self._conn.execute(
            "SELECT * FROM reviews WHERE item_id = ?", (item_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return _review(row) if row else None

    async def set_draft(self, item_id: int, categories: Sequence[str]) -> bool:
        cursor = await self._conn.execute(
            "UPDATE reviews SET draft = ? WHERE item_id = ? AND status = 'pending'",
            (json.dumps(list(categories)), item_id),
        )
        return cursor.rowcount == 1

    async def clear_draft(self, item_id: int) -> None:
        await self._conn.execute("UPDATE reviews SET draft = NULL WHERE item_id = ?", (item_id,))

    async def decide(
        self,
        item_id: int,
        action: str,
        categories: Sequence[str],
        moderator: tuple[int, str],
        now: datetime,
    ) -> bool:
        """Record the decision if the item is still pending. The status check and the
        write are one statement, so of two moderators pressing at once exactly one wins."""
        status = {"approve": "approved", "reject": "rejected"}[action]
        moderator_id, name = moderator
        cursor = await self._conn.execute(
            "UPDATE reviews SET status = ?, categories = ?, draft = NULL, decided_by = ?,"
            " decided_by_name = ?, decided_at = ? WHERE item_id = ? AND status = 'pending'",
            (status, json.dumps(list(categories)), moderator_id, name, to_db(now), item_id),
        )
        if cursor.rowcount != 1:
            return False
        await self._conn.execute(
            "INSERT INTO decisions (item_id, moderator_id, moderator_name, action,"
            " old_categories, new_categories, decided_at)"
            " SELECT item_id, ?, ?, ?, proposed, ?, ? FROM reviews WHERE item_id = ?",
            (moderator_id, name, action, json.dumps(list(categories)), to_db(now), item_id),
        )
        return True

    async def pending(self, limit: int, offset: int = 0) -> tuple[list[Review], int]:
        """A page of the queue, oldest first, and how many are waiting in all."""
        async with self._conn.execute(
            "SELECT * FROM reviews WHERE status = 'pending' ORDER BY queued_at, item_id"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        ) as cursor:
            rows = await cursor.fetchall()
        async with self._conn.execute(
            "SELECT COUNT(*) FROM reviews WHERE status = 'pending'"
        ) as cursor:
            total = await cursor.fetchone()
        return [_review(r) for r in rows], int(total[0]) if total else 0

    async def add_card(self, item_id: int, chat_id: int | str, message_id: int) -> None:
        await self._conn.execute(
            "INSERT OR REPLACE INTO review_cards (item_id, chat_id, message_id) VALUES (?, ?, ?)",
            (item_id, chat_id, message_id),
        )

    async def cards(self, item_id: int) -> list[tuple[int | str, int]]:
        async with self._conn.execute(
            "SELECT chat_id, message_id FROM review_cards WHERE item_id = ?", (item_id,)
        ) as cursor:
            return [(row[0], row[1]) for row in await cursor.fetchall()]

    async def corrections(self) -> list[Correction]:
        """Decided items whose categories the moderator changed, oldest first; a
        rejection says the item reports no incident (no categories)."""
        async with self._conn.execute(
            "SELECT r.item_id, i.lang, i.title, i.text, i.url, i.countries, i.persons,"
            " r.proposed, r.categories FROM reviews r JOIN items i ON i.id = r.item_id"
            " WHERE r.status IN ('approved', 'rejected') ORDER BY r.decided_at, r.item_id"
        ) as cursor:
            rows = await cursor.fetchall()
        found = []
        for row in rows:
            proposed, final = json.loads(row["proposed"]), json.loads(row["categories"])
            if sorted(proposed) != sorted(final):
                found.append(_correction(row, proposed, final))
        return found


def _correction(row: aiosqlite.Row, proposed: list[str], final: list[str]) -> Correction:
    return Correction(
        item_id=row["item_id"],
        lang=row["lang"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        countries=tuple(json.loads(row["countries"])),
        persons=tuple(json.loads(row["persons"])),
        proposed=tuple(proposed),
        categories=tuple(final),
    )

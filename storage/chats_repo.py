"""SQL for chats, their subscriptions and country filters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.timefmt import to_db


@dataclass(frozen=True)
class Chat:
    id: int
    kind: str
    lang: str | None
    active: bool


class ChatRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def register(self, chat_id: int, kind: str, lang: str, now: datetime) -> Chat:
        """Create the chat in `lang`, or bring back one that had blocked the bot and
        returned (keeping the language it chose)."""
        stamp = to_db(now)
        await self._conn.execute(
            "INSERT INTO chats (id, kind, lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, active = 1,"
            " inactive_reason = NULL, updated_at = excluded.updated_at",
            (chat_id, kind, lang, stamp, stamp),
        )
        chat = await self.get(chat_id)
        assert chat is not None
        return chat

    async def get(self, chat_id: int) -> Chat | None:
        async with self._conn.execute(
            "SELECT id, kind, lang, active FROM chats WHERE id = ?", (chat_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return Chat(row["id"], row["kind"], row["lang"], bool(row["active"])) if row else None

    async def set_lang(self, chat_id: int, lang: str, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE chats SET lang = ?, updated_at = ? WHERE id = ?", (lang, to_db(now), chat_id)
        )

    async def deactivate(self, chat_id: int, reason: str, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE id = ?",
            (reason, to_db(now), chat_id),
        )

    async def forget(self, chat_id: int) -> None:
        """Everything held about the chat: the row (subscriptions and countries go with
        it), what was waiting to be sent there and the record of what was sent."""
        await self._conn.execute("DELETE FROM outbox WHERE chat_id = ?", (chat_id,))
        await self._conn.execute("DELETE FROM review_cards WHERE chat_id = ?", (chat_id,))
        await self._conn.execute("DELETE FROM chats WHERE id = ?", (chat_id,))

    async def subscriptions(self, chat_id: int) -> set[str]:
        async with self._conn.execute(
            "SELECT category FROM subscriptions WHERE chat_id = ?", (chat_id,)
        ) as cursor:
            return {row[0] for row in await cursor.fetchall()}

    async def subscribe(self, chat_id: int, categories: Iterable[str]) -> None:
        await self._conn.executemany(
            "INSERT OR IGNORE INTO subscriptions (chat_id, category) VALUES (?, ?)",
            [(chat_id, c) for c in categories],
        )

    async def unsubscribe(self, chat_id: int, categories: Iterable[str]) -> None:
        await self._conn.executemany(
            "DELETE FROM subscriptions WHERE chat_id = ? AND category = ?",
            [(chat_id, c) for c in categories],
        )

    async def countries(self, chat_id: int) -> set[str]:
        async with self._conn.execute(
            "SELECT country FROM chat_countries WHERE chat_id = ?", (chat_id,)
        ) as cursor:
            return {row[0] for row in await cursor.fetchall()}

    async def set_countries(self, chat_id: int, countries: Iterable[str]) -> None:
        await self._conn.execute("DELETE FROM chat_countries WHERE chat_id = ?", (chat_id,))
        await self._conn.executemany(
            "INSERT INTO chat_countries (chat_id, country) VALUES (?, ?)",
            [(chat_id, c) for c in sorted(set(countries))],
        )

    async def audience(self, categories: Sequence[str], countries: Sequence[str]) -> list[int]:
        """Active chats following any of the categories whose country filter, if they
        set one, names one of the item's countries; in chat order."""
        if not categories:
            return []
        marks = ",".join("?" * len(categories))
        country_marks = ",".join("?" * len(countries)) or "NULL"
        async with self._conn.execute(
            f"SELECT DISTINCT c.id FROM chats c JOIN subscriptions s ON s.chat_id = c.id"
            f" WHERE c.active = 1 AND s.category IN ({marks})"
            f" AND (NOT EXISTS (SELECT 1 FROM chat_countries f WHERE f.chat_id = c.id)"
            f"      OR EXISTS (SELECT 1 FROM chat_countries f WHERE f.chat_id = c.id"
            f"                 AND f.country IN ({country_marks})))"
            f" ORDER BY c.id",
            (*categories, *countries),
        ) as cursor:
            return [row[0] for row in await cursor.fetchall()]

    async def counts(self) -> dict[str, int]:
        async with self._conn.execute("SELECT SUM(active), SUM(1 - active) FROM chats") as cursor:
            row = await cursor.fetchone()
        return {"active": int(row[0] or 0), "inactive": int(row[1] or 0)} if row else {}

"""The bot running against the Bot API double: real aiogram polling, real SQLite file,
real delivery engine; tests act as Telegram users by injecting updates."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from bot.classifier.taxonomy import load_taxonomy
from bot.clock import utcnow
from bot.config import Settings
from handlers.app import RunningBot, running_bot
from handlers.context import BotContext
from storage import Database, Repos
from storage.records import ClassificationRecord, ItemStatus, NewItem, SourceSeed
from tests.telegram_double import TOKEN, BotAPIDouble, Call

MODERATOR = 9001
SECOND_MODERATOR = 9002
_ids = itertools.count(1)


def bot_settings(settings: Settings, api: BotAPIDouble, **changes: Any) -> Settings:
    values = {
        "bot_token": SecretStr(TOKEN),
        "telegram_api_url": api.base_url,
        "moderator_ids": [MODERATOR, SECOND_MODERATOR],
        "broadcast_rate": 200.0,
        **changes,
    }
    return settings.model_copy(update=values)


def user(user_id: int, lang: str | None = "en", name: str = "User") -> dict[str, Any]:
    found: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": name}
    if lang:
        found["language_code"] = lang
    return found


def chat_of(user_id: int) -> dict[str, Any]:
    if user_id < 0:
        return {"id": user_id, "type": "supergroup", "title": "Group"}
    return {"id": user_id, "type": "private", "first_name": "User"}


def command(api: BotAPIDouble, chat_id: int, text: str, sender: dict[str, Any]) -> int:
    word = text.split(maxsplit=1)[0]
    return api.push_update(
        {
            "message": {
                "message_id": next(_ids),
                "date": 0,
                "chat": chat_of(chat_id),
                "from": sender,
                "text": text,
                "entities": [{"type": "bot_command", "offset": 0, "length": len(word)}],
            }
        }
    )


def press(
    api: BotAPIDouble, sender: dict[str, Any], data: str, chat_id: int, message_id: int
) -> str:
    query_id = f"q{next(_ids)}"
    api.push_update(
        {
            "callback_query": {
                "id": query_id,
                "from": sender,
                "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": 0,
                    "chat": chat_of(chat_id),
                    "text": "card",
                },
            }
        }
    )
    return query_id


async def wait_for(check: Callable[[], Any], limit: float = 10.0) -> Any:
    """Poll until `check()` is truthy; its value. Fails the test on timeout."""
    deadline = asyncio.get_running_loop().time() + limit
    while True:
        value = check()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the bot")
        await asyncio.sleep(0.02)


def answer_to(api: BotAPIDouble, query_id: str) -> Call | None:
    calls = api.sent("answerCallbackQuery")
    return next((c for c in calls if c.params.get("callback_query_id") == query_id), None)


def buttons(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


@dataclass
class Harness:
    api: BotAPIDouble
    ctx: BotContext
    running: RunningBot

    @property
    def repos(self) -> Repos:
        return Repos.on(self.ctx.db.conn)


@asynccontextmanager
async def harness(
    db: Database, settings: Settings, api: BotAPIDouble, **ctx_fields: Any
) -> AsyncIterator[Harness]:
    ctx = BotContext(db, load_taxonomy(), settings, **ctx_fields)
    async with running_bot(ctx) as running:
        yield Harness(api, ctx, running)


async def stored_item(
    db: Database,
    *,
    title: str = "Активиста задержали в Алматы",
    text: str = "Полиция задержала активиста после пикета.",
    categories: tuple[str, ...] = ("peaceful_assembly",),
    countries: tuple[str, ...] = ("KZ",),
    url: str = "https://example.kz/news/1",
    review: bool = True,
) -> int:
    """An item stored, classified and (review=True) put up for review with no card
    sent: its id."""
    now = utcnow()
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        source = await repos.sources.get_by_key("test")
        source_id = (
            source.id
            if source
            else await repos.sources.add(
                SourceSeed("test", "Test Outlet", "https://example.kz/rss"), now
            )
        )
        n = next(_ids)
        entry = NewItem(
            entry_key=f"k{n}", guid=f"g{n}", canonical_url=f"{url}?n={n}", url=url,
            title=title, text=text, author=None, lang="ru", published_at=now,
            content_hash=f"h{n}", status=ItemStatus.NEW,
        )  # fmt: skip
        result = await repos.items.store_entries(source_id, [entry], now)
        item_id = result.new_item_ids[0]
        record = ClassificationRecord(
            categories=categories, scores=dict.fromkeys(categories, 0.9), relevance=0.9,
            countries=countries, persons=(), articles=(), evidence={}, lang="ru",
        )  # fmt: skip
        await repos.items.save_classification(item_id, record, now)
        if review:
            await repos.reviews.enqueue(item_id, categories, now)
    return item_id


async def subscribe_all(db: Database, chat_ids: Sequence[int], lang: str = "en") -> None:
    now = utcnow()
    slugs = load_taxonomy().slugs
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        for chat_id in chat_ids:
            await repos.chats.register(chat_id, "private" if chat_id > 0 else "group", lang, now)
            await repos.chats.subscribe(chat_id, slugs)

"""The bot running against the Bot API double: real aiogram polling, real SQLite file,
real delivery engine; tests act as Telegram users by injecting updates."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from bot.classifier.taxonomy import load_taxonomy
from bot.config import Settings
from handlers.app import RunningBot, running_bot
from handlers.context import BotContext
from storage import Database, Repos
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

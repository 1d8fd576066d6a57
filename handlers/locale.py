"""Each update is answered in its chat's chosen language, else the user's Telegram
language, through aiogram's gettext I18n over the bot's catalogs."""

from __future__ import annotations

from typing import Any

from aiogram.types import Chat, TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware

from bot.i18n import DEFAULT_LANG, DOMAIN, LOCALES_DIR, ui_lang
from handlers.context import BotContext


def make_i18n() -> I18n:
    return I18n(path=LOCALES_DIR, default_locale=DEFAULT_LANG, domain=DOMAIN)


class ChatLocale(I18nMiddleware):
    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        chat: Chat | None = data.get("event_chat")
        user: User | None = data.get("event_from_user")
        ctx: BotContext = data["ctx"]
        if chat is not None:
            known = await ctx.repos.chats.get(chat.id)
            if known is not None and known.lang:
                return known.lang
        return ui_lang(user.language_code if user else None)

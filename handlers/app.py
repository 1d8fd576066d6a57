"""The aiogram side assembled: bot, dispatcher, routers, commands menu, sender."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.config import Settings
from bot.i18n import N_, UI_LANGS, translations
from bot.outbox_render import OutboxRenderer
from bot.sender import Sender, SenderConfig
from handlers import moderation, subscribers
from handlers.context import BotContext
from handlers.locale import ChatLocale, make_i18n
from handlers.telegram_transport import AiogramTransport
from storage import Repos
from storage.outbox_repo import OutboxRow

log = logging.getLogger(__name__)

PUBLIC_COMMANDS = (
    ("start", N_("About the bot")),
    ("subscribe", N_("Choose categories of alerts")),
    ("unsubscribe", N_("Stop some or all categories")),
    ("mysubs", N_("What this chat follows")),
    ("countries", N_("Only alerts about some countries")),
    ("lang", N_("Interface language")),
    ("forget", N_("Delete everything about this chat")),
    ("help", N_("All commands")),
)
MODERATOR_COMMANDS = (
    ("queue", N_("Items awaiting review")),
    ("sources", N_("Sources and their state")),
    ("addsource", N_("Add a feed by URL")),
    ("removesource", N_("Stop polling a source")),
    ("stats", N_("Today's figures")),
    ("corrections", N_("Corrected labels as a file")),
)


def make_bot(settings: Settings) -> Bot:
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode="HTML"))


def make_dispatcher(ctx: BotContext) -> Dispatcher:
    dispatcher = Dispatcher(ctx=ctx)
    ChatLocale(make_i18n()).setup(dispatcher)
    dispatcher.include_routers(
        moderation.build_router(), moderation.build_refusals(), subscribers.build_router()
    )
    return dispatcher


def make_sender(ctx: BotContext, bot: Bot) -> Sender:
    config = SenderConfig(
        rate=ctx.settings.broadcast_rate,
        max_attempts=ctx.settings.max_delivery_attempts,
        backoff_base_seconds=ctx.settings.delivery_retry_seconds,
    )
    return Sender(
        ctx.db,
        AiogramTransport(bot),
        OutboxRenderer(ctx.taxonomy),
        config,
        after_send=_card_posted,
        clock=ctx.clock,
    )


async def _card_posted(repos: Repos, row: OutboxRow, message_id: int) -> None:
    # Where each review card went, so that a decision shows on every copy.
    if row.kind == "review" and row.item_id is not None:
        await repos.reviews.add_card(row.item_id, row.chat_id, message_id)


async def set_commands(bot: Bot, moderator_chats: Sequence[int | str]) -> None:
    """The commands menu in each interface language, with the moderator commands shown
    in the moderators' own chats."""
    for lang in UI_LANGS:
        gettext = translations(lang).gettext
        public = [BotCommand(command=c, description=gettext(d)) for c, d in PUBLIC_COMMANDS]
        extra = [BotCommand(command=c, description=gettext(d)) for c, d in MODERATOR_COMMANDS]
        code = None if lang == "en" else lang
        await bot.set_my_commands(public, BotCommandScopeDefault(), language_code=code)
        for chat in moderator_chats:
            scope = BotCommandScopeChat(chat_id=chat)
            await bot.set_my_commands(public + extra, scope, language_code=code)


async def _menu(bot: Bot, moderator_chats: Sequence[int | str]) -> None:
    try:
        await set_commands(bot, moderator_chats)
    except Exception as exc:  # a menu is a convenience, not a reason to stop
        log.warning("could not set the commands menu: %s", exc)


@dataclass
class RunningBot:
    bot: Bot
    dispatcher: Dispatcher
    sender: Sender


@asynccontextmanager
async def running_bot(ctx: BotContext, *, polling: bool = True) -> AsyncIterator[RunningBot]:
    """Bot, dispatcher and sender started; stopped in reverse order on exit."""
    bot = make_bot(ctx.settings)
    sender = make_sender(ctx, bot)
    ctx.sender = sender
    dispatcher = make_dispatcher(ctx)
    tasks = [asyncio.create_task(sender.run(), name="sender")]
    try:
        moderator_chats = [*ctx.settings.moderator_ids]
        if ctx.settings.moderation_chat_id is not None:
            moderator_chats.append(ctx.settings.moderation_chat_id)
        tasks.append(asyncio.create_task(_menu(bot, moderator_chats), name="commands menu"))
        if polling:
            tasks.append(
                asyncio.create_task(
                    dispatcher.start_polling(bot, handle_signals=False, close_bot_session=False),
                    name="polling",
                )
            )
        yield RunningBot(bot, dispatcher, sender)
    finally:
        if polling:
            with contextlib.suppress(RuntimeError):
                await dispatcher.stop_polling()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await bot.session.close()

"""Commands of subscribers: /start, /help, /lang, /subscribe, /unsubscribe, /mysubs,
/countries and /forget, in private chats and groups."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Chat, Message, User
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot import callbacks
from bot.category_names import COUNTRIES, resolve, resolve_countries
from bot.html_text import esc
from bot.i18n import UI_LANGS, ui_lang
from handlers import keyboards
from handlers.context import BotContext
from handlers.filters import may_configure


async def _register(ctx: BotContext, chat: Chat, user: User | None) -> str:
    """The chat registered (in the user's Telegram language if new); its language."""
    async with ctx.db.transaction():
        registered = await ctx.repos.chats.register(
            chat.id, chat.type, ui_lang(user.language_code if user else None), ctx.clock()
        )
    return registered.lang or ui_lang(None)


def help_text() -> str:
    return "\n".join(
        [
            _("<b>Commands</b>"),
            "/subscribe — " + _("choose categories of alerts"),
            "/unsubscribe — " + _("stop some or all categories"),
            "/mysubs — " + _("what this chat follows"),
            "/countries — " + _("only alerts about some countries"),
            "/lang — " + _("interface language"),
            "/forget — " + _("delete everything the bot holds about this chat"),
            "/help — " + _("this list"),
        ]
    )


async def start(message: Message, ctx: BotContext, i18n: I18n) -> None:
    lang = await _register(ctx, message.chat, message.from_user)
    with i18n.use_locale(lang):
        await message.answer(
            _(
                "Hello! I send alerts about human-rights incidents in Kazakhstan and Central "
                "Asia: torture, political persecution, freedom of assembly, religion and more. "
                "Moderators check every alert before it goes out."
            )
            + "\n\n"
            + _("Choose what to follow with /subscribe. /help lists every command.")
        )


async def help_command(message: Message) -> None:
    await message.answer(help_text())


async def _refuse_unless_allowed(message: Message, bot: Bot) -> bool:
    """True (and a refusal sent) when a group member who is not an admin tries."""
    if await may_configure(bot, message.chat, message.from_user, message):
        return False
    await message.answer(_("Only the group's administrators can change its settings."))
    return True


async def _may_press(query: CallbackQuery, bot: Bot) -> bool:
    chat = query.message.chat if query.message else None
    if chat is None:
        return False
    if await may_configure(bot, chat, query.from_user, None):
        return True
    await query.answer(
        _("Only the group's administrators can change its settings."), show_alert=True
    )
    return False


def _labels(ctx: BotContext, slugs: set[str] | tuple[str, ...], lang: str) -> str:
    ordered = [s for s in ctx.taxonomy.slugs if s in slugs]
    return "\n".join("• " + esc(ctx.taxonomy.label(s, lang)) for s in ordered)


async def subscribe(
    message: Message, command: CommandObject, ctx: BotContext, bot: Bot, i18n: I18n
) -> None:
    if await _refuse_unless_allowed(message, bot):
        return
    lang = await _register(ctx, message.chat, message.from_user)
    chats = ctx.repos.chats
    if not command.args:
        chosen = await chats.subscriptions(message.chat.id)
        await message.answer(
            _("Tap a category to follow or stop it:"),
            reply_markup=keyboards.categories(ctx.taxonomy, chosen, lang),
        )
        return
    wanted = resolve(command.args, ctx.taxonomy)
    if wanted.unknown:
        await message.answer(
            _("I do not know the category {names}. Send /subscribe to pick from a list.").format(
                names=esc(", ".join(wanted.unknown))
            )
        )
        return
    slugs = ctx.taxonomy.slugs if wanted.all else wanted.slugs
    async with ctx.db.transaction():
        if command.command == "subscribe":
            await chats.subscribe(message.chat.id, slugs)
        else:
            await chats.unsubscribe(message.chat.id, slugs)
    await _show_subscriptions(message, ctx, lang)


async def _show_subscriptions(message: Message, ctx: BotContext, lang: str) -> None:
    chosen = await ctx.repos.chats.subscriptions(message.chat.id)
    countries = await ctx.repos.chats.countries(message.chat.id)
    if not chosen:
        await message.answer(_("This chat follows no categories. Send /subscribe to choose."))
        return
    text = _("This chat follows:") + "\n" + _labels(ctx, chosen, lang)
    if countries:
        text += "\n" + _("Only about: {codes}").format(codes=esc(", ".join(sorted(countries))))
    await message.answer(text)


async def mysubs(message: Message, ctx: BotContext) -> None:
    lang = await _register(ctx, message.chat, message.from_user)
    await _show_subscriptions(message, ctx, lang)


async def toggle_category(query: CallbackQuery, ctx: BotContext, bot: Bot) -> None:
    parsed = callbacks.parse(query.data)
    if parsed is None or query.message is None or not await _may_press(query, bot):
        return
    chat = query.message.chat
    lang = await _register(ctx, chat, query.from_user)
    chats = ctx.repos.chats
    async with ctx.db.transaction():
        chosen = await chats.subscriptions(chat.id)
        index = parsed.int_arg(0)
        if parsed.action == "all":
            await chats.subscribe(chat.id, ctx.taxonomy.slugs)
        elif parsed.action == "none":
            await chats.unsubscribe(chat.id, ctx.taxonomy.slugs)
        elif parsed.action == "t" and index is not None and 0 <= index < len(ctx.taxonomy.slugs):
            slug = ctx.taxonomy.slugs[index]
            change = chats.unsubscribe if slug in chosen else chats.subscribe
            await change(chat.id, [slug])
        chosen = await chats.subscriptions(chat.id)
    await query.message.edit_reply_markup(  # type: ignore[union-attr]
        reply_markup=keyboards.categories(ctx.taxonomy, chosen, lang)
    )
    await query.answer(_("Saved"))


async def countries(message: Message, command: CommandObject, ctx: BotContext, bot: Bot) -> None:
    if await _refuse_unless_allowed(message, bot):
        return
    await _register(ctx, message.chat, message.from_user)
    chats = ctx.repos.chats
    if command.args:
        codes, unknown, every = resolve_countries(command.args)
        if unknown:
            await message.answer(
                _("Use two-letter country codes, for example: /countries KZ KG. Not a code: {x}")
                .format(x=esc(", ".join(unknown)))
            )  # fmt: skip
            return
        async with ctx.db.transaction():
            await chats.set_countries(message.chat.id, () if every else codes)
    chosen = await chats.countries(message.chat.id)
    summary = ", ".join(sorted(chosen)) if chosen else _("all countries")
    await message.answer(
        _("Alerts about: {codes}. Tap to change:").format(codes=esc(summary)),
        reply_markup=keyboards.countries(chosen),
    )


async def toggle_country(query: CallbackQuery, ctx: BotContext, bot: Bot) -> None:
    parsed = callbacks.parse(query.data)
    if parsed is None or query.message is None or not await _may_press(query, bot):
        return
    chat_id = query.message.chat.id
    chats = ctx.repos.chats
    async with ctx.db.transaction():
        chosen = await chats.countries(chat_id)
        code = parsed.args[0] if parsed.args else ""
        if parsed.action == "all":
            chosen = set()
        elif parsed.action == "t" and code in COUNTRIES:
            chosen ^= {code}
        await chats.set_countries(chat_id, chosen)
    await query.message.edit_reply_markup(  # type: ignore[union-attr]
        reply_markup=keyboards.countries(chosen)
    )
    await query.answer(_("Saved"))


async def lang_command(
    message: Message, command: CommandObject, ctx: BotContext, bot: Bot, i18n: I18n
) -> None:
    if await _refuse_unless_allowed(message, bot):
        return
    current = await _register(ctx, message.chat, message.from_user)
    wanted = (command.args or "").strip().lower()
    if wanted in UI_LANGS:
        await _set_lang(ctx, message.chat.id, wanted)
        with i18n.use_locale(wanted):
            await message.answer(_("Interface language: English"))
        return
    await message.answer(
        _("Choose the interface language:"), reply_markup=keyboards.languages(current)
    )


async def lang_pressed(query: CallbackQuery, ctx: BotContext, bot: Bot, i18n: I18n) -> None:
    parsed = callbacks.parse(query.data)
    if parsed is None or query.message is None or not await _may_press(query, bot):
        return
    if parsed.action not in UI_LANGS:
        await query.answer()
        return
    await _register(ctx, query.message.chat, query.from_user)
    await _set_lang(ctx, query.message.chat.id, parsed.action)
    with i18n.use_locale(parsed.action):
        await query.message.edit_text(  # type: ignore[union-attr]
            _("Interface language: English"), reply_markup=keyboards.languages(parsed.action)
        )
        await query.answer(_("Saved"))


async def _set_lang(ctx: BotContext, chat_id: int, lang: str) -> None:
    async with ctx.db.transaction():
        await ctx.repos.chats.set_lang(chat_id, lang, ctx.clock())


async def forget(message: Message, bot: Bot) -> None:
    if await _refuse_unless_allowed(message, bot):
        return
    await message.answer(
        _(
            "This deletes this chat's subscriptions, filters, language and any alerts "
            "waiting for it. Continue?"
        ),
        reply_markup=keyboards.confirm_forget(),
    )


async def forget_pressed(query: CallbackQuery, ctx: BotContext, bot: Bot) -> None:
    parsed = callbacks.parse(query.data)
    if parsed is None or query.message is None or not await _may_press(query, bot):
        return
    if parsed.action == "yes":
        async with ctx.db.transaction():
            await ctx.repos.chats.forget(query.message.chat.id)
        text = _("Done: the bot holds nothing about this chat any more. /start to come back.")
    else:
        text = _("Nothing was deleted.")
    await query.message.edit_text(text)  # type: ignore[union-attr]
    await query.answer()


def build_router() -> Router:
    router = Router(name="subscribers")
    router.message.register(start, CommandStart())
    router.message.register(help_command, Command("help"))
    router.message.register(subscribe, Command("subscribe", "unsubscribe"))
    router.message.register(mysubs, Command("mysubs"))
    router.callback_query.register(toggle_category, F.data.startswith("sub:"))
    router.message.register(countries, Command("countries"))
    router.callback_query.register(toggle_country, F.data.startswith("ctry:"))
    router.message.register(lang_command, Command("lang"))
    router.callback_query.register(lang_pressed, F.data.startswith("lang:"))
    router.message.register(forget, Command("forget"))
    router.callback_query.register(forget_pressed, F.data.startswith("fg:"))
    return router

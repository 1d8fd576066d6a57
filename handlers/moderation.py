"""Moderation: review-card buttons and moderator commands. Every handler here sits
behind the IsModerator filter on the router, so the check is made on the server for
every action and command; `refusals` answers everyone else."""

from __future__ import annotations

from datetime import timedelta

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    User,
)
from aiogram.utils.i18n import gettext as _

from bot import callbacks, moderation
from bot.corrections import corrections_jsonl
from bot.html_text import esc, shorten
from bot.outbox_render import OutboxRenderer
from bot.source_check import SourceRejected, check_source
from handlers.context import BotContext
from handlers.filters import IsModerator
from handlers.telegram_transport import keyboard
from storage.records import SourceSeed
from storage.reviews_repo import Review

MODERATOR_COMMANDS = ("queue", "sources", "addsource", "removesource", "stats", "corrections")
QUEUE_PAGE = 5
CHUNK = 3500  # characters of a long list per message, under Telegram's 4096


def _moderator(user: User) -> moderation.Moderator:
    name = user.full_name + (f" (@{user.username})" if user.username else "")
    return moderation.Moderator(user.id, shorten(name, 64))


async def _lang(ctx: BotContext, chat_id: int) -> str:
    chat = await ctx.repos.chats.get(chat_id)
    return chat.lang if chat and chat.lang else "en"


async def _show_card(query: CallbackQuery, ctx: BotContext, item_id: int) -> None:
    """Redraw the pressed card from the database."""
    repos = ctx.repos
    item, review = await repos.items.get(item_id), await repos.reviews.get(item_id)
    if item is None or review is None or query.message is None:
        return
    lang = await _lang(ctx, query.message.chat.id)
    found = await repos.items.classification(item_id)
    card = OutboxRenderer(ctx.taxonomy).card(query.message.chat.id, item, found, review, lang)
    await query.message.edit_text(  # type: ignore[union-attr]
        card.text, reply_markup=keyboard(card.buttons), disable_web_page_preview=True
    )


async def review_pressed(query: CallbackQuery, ctx: BotContext) -> None:
    parsed = callbacks.parse(query.data)
    item_id = parsed.int_arg(0) if parsed else None
    if parsed is None or item_id is None:
        await query.answer()
        return
    if parsed.action in ("ok", "no"):
        await _decide(query, ctx, item_id, "approve" if parsed.action == "ok" else "reject")
        return
    if parsed.action == "edit":
        review = await moderation.start_editing(ctx.db, item_id)
    elif parsed.action == "cancel":
        review = await moderation.cancel_editing(ctx.db, item_id)
    elif parsed.action == "t":
        index = parsed.int_arg(1)
        if index is None or not 0 <= index < len(ctx.taxonomy.slugs):
            await query.answer()
            return
        review = await moderation.toggle(ctx.db, item_id, ctx.taxonomy.slugs[index])
    elif parsed.action == "show":
        review = await ctx.repos.reviews.get(item_id)
    else:
        await query.answer()
        return
    if review is not None and review.status != "pending":
        await _already(query, review)
    await _show_card(query, ctx, item_id)
    await query.answer()


async def _already(query: CallbackQuery, review: Review) -> None:
    by = review.decided_by_name or "?"
    when = review.decided_at.strftime("%Y-%m-%d %H:%M UTC") if review.decided_at else ""
    await query.answer(
        _("Already decided by {name} at {time}.").format(name=by, time=when), show_alert=True
    )


async def _decide(query: CallbackQuery, ctx: BotContext, item_id: int, action: str) -> None:
    outcome = await moderation.decide(
        ctx.db,
        item_id,
        action,
        _moderator(query.from_user),
        ctx.clock(),
        channel=ctx.settings.channel_id,
        card_chat=query.message.chat.id if query.message else None,
    )
    if not outcome.decided:
        if outcome.review is None:
            await query.answer(_("This item is not up for review."), show_alert=True)
            return
        await _already(query, outcome.review)
        await _show_card(query, ctx, item_id)
        return
    ctx.wake_sender()
    await _show_card(query, ctx, item_id)
    if action == "approve":
        await query.answer(_("Approved: {n} alerts queued.").format(n=outcome.alerts))
    else:
        await query.answer(_("Rejected."))


async def queue(message: Message, command: CommandObject, ctx: BotContext) -> None:
    page = max(0, int(command.args) - 1) if (command.args or "").strip().isdigit() else 0
    await _send_queue_page(message, ctx, page)


async def queue_page(query: CallbackQuery, ctx: BotContext) -> None:
    parsed = callbacks.parse(query.data)
    page = parsed.int_arg(0) if parsed else None
    if page is not None and query.message is not None:
        await _send_queue_page(query.message, ctx, max(0, page))  # type: ignore[arg-type]
    await query.answer()


async def _send_queue_page(message: Message, ctx: BotContext, page: int) -> None:
    reviews, total = await ctx.repos.reviews.pending(QUEUE_PAGE, page * QUEUE_PAGE)
    if not total:
        await message.answer(_("Nothing is waiting for review."))
        return
    lines = [_("Waiting for review: {n}").format(n=total)]
    buttons = []
    for review in reviews:
        item = await ctx.repos.items.get(review.item_id)
        title = esc(shorten(item.title if item else "?", 120))
        lines.append(f"#{review.item_id} {title} — {esc(', '.join(review.proposed))}")
        buttons.append((f"#{review.item_id}", callbacks.review("show", review.item_id)))
    pages = (total + QUEUE_PAGE - 1) // QUEUE_PAGE
    lines.append(_("Page {page} of {pages}").format(page=page + 1, pages=pages))
    rows = [[_b(text, data) for text, data in buttons]]
    nav = []
    if page > 0:
        nav.append(_b("◀️", callbacks.Callback("q", "p", (str(page - 1),)).pack()))
    if page + 1 < pages:
        nav.append(_b("▶️", callbacks.Callback("q", "p", (str(page + 1),)).pack()))
    if nav:
        rows.append(nav)
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


def _b(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


async def _answer_long(message: Message, lines: list[str]) -> None:
    """Lines sent in as many messages as Telegram's limit needs, in order."""
    chunk: list[str] = []
    size = 0
    for line in lines:
        if chunk and size + len(line) + 1 > CHUNK:
            await message.answer("\n".join(chunk), disable_web_page_preview=True)
            chunk, size = [], 0
        chunk.append(line[:CHUNK])
        size += len(line) + 1
    if chunk:
        await message.answer("\n".join(chunk), disable_web_page_preview=True)


async def sources(message: Message, ctx: BotContext) -> None:
    lines = [_("<b>Sources</b>")]
    for source in await ctx.repos.sources.list_all():
        state = "✅" if source.active else "⛔"
        next_poll = source.next_poll_at.strftime("%m-%d %H:%M") if source.next_poll_at else "—"
        line = f"{state} <code>{esc(source.key)}</code> · {_('next poll')} {next_poll}"
        problem = source.disabled_reason or source.last_error
        if problem:
            line += f"\n    {esc(shorten(problem, 150))}"
        lines.append(line)
    await _answer_long(message, lines)


async def addsource(message: Message, command: CommandObject, ctx: BotContext) -> None:
    url = (command.args or "").strip()
    if not url:
        await message.answer(_("Usage: /addsource https://example.org/rss"))
        return
    if ctx.fetcher is None:
        await message.answer(_("Feeds are not polled by this process."))
        return
    try:
        checked = await check_source(
            url, ctx.fetcher, allow_private=ctx.settings.allow_private_sources
        )
    except SourceRejected as exc:
        await message.answer(_("Not added: {reason}").format(reason=esc(str(exc))))
        return
    repos = ctx.repos
    if await repos.sources.get_by_key(checked.key) is not None:
        await message.answer(_("Already a source: {key}").format(key=esc(checked.key)))
        return
    seed = SourceSeed(checked.key, checked.title or checked.key, checked.url)
    async with ctx.db.transaction():
        await repos.sources.add(seed, ctx.clock(), origin="chat")
    if ctx.on_sources_changed is not None:
        await ctx.on_sources_changed()
    await message.answer(
        _("Added {key}: {title} ({n} entries now).").format(
            key=esc(checked.key), title=esc(checked.title or "—"), n=checked.entries
        )
    )


async def removesource(message: Message, command: CommandObject, ctx: BotContext) -> None:
    key = (command.args or "").strip()
    source = await ctx.repos.sources.get_by_key(key) if key else None
    if source is None:
        await message.answer(_("Usage: /removesource <key> (see /sources)"))
        return
    by = _moderator(message.from_user).name if message.from_user else "?"
    async with ctx.db.transaction():
        await ctx.repos.sources.disable(source.id, f"removed by {by}", ctx.clock())
    if ctx.on_sources_changed is not None:
        await ctx.on_sources_changed()
    await message.answer(_("Removed {key}; its items are kept.").format(key=esc(source.key)))


async def stats(message: Message, ctx: BotContext) -> None:
    now = ctx.clock()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    repos = ctx.repos
    outbox = await repos.outbox.stats()
    review_counts = await repos.stats.reviews()
    lines = [
        _("<b>Today (UTC)</b>: {n} items").format(n=await repos.stats.items_since(today)),
    ]
    for slug, count in (await repos.stats.categories_since(today)).items():
        label = ctx.taxonomy.label(slug, await _lang(ctx, message.chat.id))
        lines.append(f"• {esc(label)}: {count}")
    lines += [
        _("Waiting for review: {n}").format(n=review_counts.get("pending", 0)),
        _("Deliveries pending: {p}, failed: {f}").format(p=outbox.pending, f=outbox.failed),
    ]
    failing = await repos.stats.failing_sources(now - timedelta(days=1))
    lines.append(_("Failed sources: {n}").format(n=len(failing)))
    lines += [f"⛔ <code>{esc(s.key)}</code>: {esc(shorten(s.reason, 120))}" for s in failing]
    await _answer_long(message, lines)


async def corrections(message: Message, ctx: BotContext) -> None:
    found = await ctx.repos.reviews.corrections()
    if not found:
        await message.answer(_("No moderator has changed a category yet."))
        return
    body = corrections_jsonl(found).encode()
    await message.answer_document(
        BufferedInputFile(body, filename="corrections.jsonl"),
        caption=_("{n} corrected items, in the labelled-corpus format.").format(n=len(found)),
    )


async def refuse_press(query: CallbackQuery) -> None:
    await query.answer(_("Only moderators can do this."), show_alert=True)


async def refuse_command(message: Message) -> None:
    await message.answer(_("Only moderators can use this command."))


def build_router() -> Router:
    """Moderator actions; the filter on the router checks every one of them."""
    router = Router(name="moderation")
    router.message.filter(IsModerator())
    router.callback_query.filter(IsModerator())
    router.callback_query.register(review_pressed, F.data.startswith("rv:"))
    router.message.register(queue, Command("queue"))
    router.callback_query.register(queue_page, F.data.startswith("q:"))
    router.message.register(sources, Command("sources"))
    router.message.register(addsource, Command("addsource"))
    router.message.register(removesource, Command("removesource"))
    router.message.register(stats, Command("stats"))
    router.message.register(corrections, Command("corrections"))
    return router


def build_refusals() -> Router:
    """Placed after the moderation router: what a non-moderator's press or command gets."""
    refusals = Router(name="moderation-refusals")
    refusals.callback_query.register(refuse_press, F.data.startswith(("rv:", "q:")))
    refusals.message.register(refuse_command, Command(*MODERATOR_COMMANDS))
    return refusals

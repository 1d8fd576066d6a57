"""Moderation decisions and what follows from them, without Telegram: the handlers call
these after checking that the user is a moderator."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.transport import ChatId
from storage import Database, Repos
from storage.reviews_repo import Review


@dataclass(frozen=True)
class Moderator:
    id: int
    name: str


@dataclass(frozen=True)
class Outcome:
    decided: bool  # False: someone else had decided already (or no such review)
    review: Review | None
    alerts: int = 0  # outbox rows written for subscribers and the channel


def review_targets(moderation_chat: ChatId | None, moderator_ids: Sequence[int]) -> list[ChatId]:
    """Where review cards go: the moderation chat, else each moderator privately."""
    return [moderation_chat] if moderation_chat is not None else list(moderator_ids)


async def submit(
    db: Database,
    item_id: int,
    categories: Sequence[str],
    targets: Sequence[ChatId],
    now: datetime,
) -> bool:
    """Queue the item for review and its cards for sending, once."""
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        if not await repos.reviews.enqueue(item_id, categories, now):
            return False
        await repos.outbox.enqueue("review", item_id, targets, now)
    return True


async def decide(
    db: Database,
    item_id: int,
    action: str,
    moderator: Moderator,
    now: datetime,
    *,
    channel: ChatId | None = None,
    card_chat: ChatId | None = None,
) -> Outcome:
    """Approve or reject. Approval writes, in the same transaction, one outbox row per
    matching subscriber and one for the channel; the other copies of the card are queued
    for an update. Of two moderators deciding at once, one wins; the other learns who."""
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        review = await repos.reviews.get(item_id)
        if review is None or review.status != "pending":
            return Outcome(False, review)
        categories = list(review.editing) if action == "approve" else []
        await repos.reviews.decide(
            item_id, action, categories, (moderator.id, moderator.name), now
        )
        alerts = 0
        if action == "approve" and categories:
            alerts = await _queue_alerts(repos, item_id, categories, channel, now)
        others = [chat for chat, _ in await repos.reviews.cards(item_id) if chat != card_chat]
        await repos.outbox.enqueue("card", item_id, others, now)
        return Outcome(True, await repos.reviews.get(item_id), alerts)


async def _queue_alerts(
    repos: Repos, item_id: int, categories: Sequence[str], channel: ChatId | None, now: datetime
) -> int:
    classification = await repos.items.classification(item_id)
    countries = classification.countries if classification else ()
    audience: list[ChatId] = list(await repos.chats.audience(categories, countries))
    if channel is not None and channel not in audience:
        audience.append(channel)
    return await repos.outbox.enqueue("alert", item_id, audience, now)


async def start_editing(db: Database, item_id: int) -> Review | None:
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        review = await repos.reviews.get(item_id)
        if review is None or review.status != "pending":
            return review
        await repos.reviews.set_draft(item_id, review.editing)
        return await repos.reviews.get(item_id)


async def toggle(db: Database, item_id: int, slug: str) -> Review | None:
    """Add or remove a category in the draft; the decided review unchanged if decided."""
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        review = await repos.reviews.get(item_id)
        if review is None or review.status != "pending":
            return review
        chosen = list(review.editing)
        chosen = [c for c in chosen if c != slug] if slug in chosen else [*chosen, slug]
        await repos.reviews.set_draft(item_id, chosen)
        return await repos.reviews.get(item_id)


async def cancel_editing(db: Database, item_id: int) -> Review | None:
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        await repos.reviews.clear_draft(item_id)
        return await repos.reviews.get(item_id)

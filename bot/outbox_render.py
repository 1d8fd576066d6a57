"""Outbox rows turned into messages at send time, in the chat's language of the moment."""

from __future__ import annotations

from dataclasses import dataclass

from bot.alert_text import AlertItem, alert_text
from bot.classifier.taxonomy import Taxonomy
from bot.i18n import DEFAULT_LANG
from bot.review_card import CardItem, CardState, card_buttons, card_text
from bot.sender import Rendered
from bot.transport import Outgoing
from storage import Repos
from storage.outbox_repo import OutboxRow
from storage.records import ClassificationRecord, StoredItem
from storage.reviews_repo import Review


@dataclass(frozen=True)
class OutboxRenderer:
    taxonomy: Taxonomy

    async def __call__(self, repos: Repos, row: OutboxRow) -> Rendered | None:
        if row.kind == "notice":
            return Rendered(Outgoing(row.chat_id, row.body)) if row.body else None
        item = await repos.items.get(row.item_id) if row.item_id is not None else None
        review = await repos.reviews.get(item.id) if item is not None else None
        if item is None or review is None:
            return None
        found = await repos.items.classification(item.id)
        lang = await chat_lang(repos, row.chat_id)
        if row.kind == "alert":
            return self._alert(row, item, found, review, lang)
        if row.kind == "review" and review.status == "pending":
            return Rendered(self.card(row.chat_id, item, found, review, lang))
        if row.kind == "card":
            posted = dict(await repos.reviews.cards(item.id)).get(row.chat_id)
            if posted is not None:
                message = self.card(row.chat_id, item, found, review, lang)
                return Rendered(message, edit_of=posted)
        return None  # a card for an item decided before it went out, or nothing to edit

    def _alert(
        self,
        row: OutboxRow,
        item: StoredItem,
        found: ClassificationRecord | None,
        review: Review,
        lang: str,
    ) -> Rendered | None:
        if review.status != "approved" or not review.categories:
            return None
        labels = tuple(self.taxonomy.label(slug, lang) for slug in review.categories)
        alert = AlertItem(
            title=item.title,
            text=item.text,
            url=item.url,
            source_name=item.source_name,
            published_at=item.published_at,
            labels=labels,
            countries=found.countries if found else (),
        )
        return Rendered(Outgoing(row.chat_id, alert_text(alert, lang)))

    def card(
        self,
        chat_id: int | str,
        item: StoredItem,
        found: ClassificationRecord | None,
        review: Review,
        lang: str,
    ) -> Outgoing:
        card = card_item(item, found)
        state = card_state(review)
        text = card_text(card, state, self.taxonomy, lang)
        return Outgoing(chat_id, text, card_buttons(card, state, self.taxonomy, lang))


def card_item(item: StoredItem, found: ClassificationRecord | None) -> CardItem:
    return CardItem(
        item_id=item.id,
        title=item.title,
        text=item.text,
        url=item.url,
        source_name=item.source_name,
        published_at=item.published_at,
        lang=found.lang if found else item.lang,
        scores=found.scores if found else {},
        evidence=found.evidence if found else {},
        countries=found.countries if found else (),
        persons=found.persons if found else (),
        articles=found.articles if found else (),
    )


def card_state(review: Review) -> CardState:
    if review.status == "pending":
        return CardState("pending", review.editing, editing=review.draft is not None)
    return CardState(
        review.status,
        review.categories or (),
        decided_by=review.decided_by_name,
        decided_at=review.decided_at,
    )


async def chat_lang(repos: Repos, chat_id: int | str) -> str:
    chat = await repos.chats.get(chat_id) if isinstance(chat_id, int) else None
    return chat.lang if chat and chat.lang else DEFAULT_LANG

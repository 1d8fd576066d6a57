"""The card moderators review an item on: what the classifier found and why, with the
buttons to decide. Rebuilt from the database whenever it is shown, so every copy of a
card tells the same story (pending, being edited, approved or rejected by whom)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import callbacks
from bot.classifier.taxonomy import Taxonomy
from bot.html_text import MAX_MESSAGE, esc, shorten, visible_length
from bot.i18n import translations
from bot.transport import Button

TITLE_CHARS = 300
EVIDENCE_PHRASES = 3
PHRASE_CHARS = 40
LIST_ITEMS = 10


@dataclass(frozen=True)
class CardItem:
    item_id: int
    title: str
    text: str
    url: str | None
    source_name: str
    published_at: datetime
    lang: str | None
    scores: dict[str, float]
    evidence: dict[str, tuple[str, ...]]
    countries: tuple[str, ...]
    persons: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class CardState:
    status: str  # pending, approved, rejected
    categories: tuple[str, ...]  # proposed, draft, or decided
    editing: bool = False
    decided_by: str | None = None
    decided_at: datetime | None = None


def card_text(item: CardItem, state: CardState, taxonomy: Taxonomy, lang: str) -> str:
    # Thirteen categories of evidence and a long excerpt could pass Telegram's limit:
    # shed the excerpt first, then evidence, rather than fail to show the card.
    for excerpt, phrases in ((700, EVIDENCE_PHRASES), (0, EVIDENCE_PHRASES), (0, 1)):
        text = _card_text(item, state, taxonomy, lang, excerpt=excerpt, phrases=phrases)
        if visible_length(text) <= MAX_MESSAGE:
            return text
    return text[:MAX_MESSAGE]  # unreachable with the caps above


def _card_text(
    item: CardItem, state: CardState, taxonomy: Taxonomy, lang: str, *, excerpt: int, phrases: int
) -> str:
    gettext = translations(lang).gettext
    lines = [_status_line(item.item_id, state, lang)]
    lines.append("<b>" + esc(shorten(item.title, TITLE_CHARS)) + "</b>")
    meta = [esc(item.source_name), item.published_at.strftime("%Y-%m-%d")]
    if item.lang:
        meta.append(esc(item.lang))
    lines.append("<i>" + " · ".join(meta) + "</i>")
    lines.append("")
    lines.append("<b>" + esc(gettext("Categories")) + ":</b>")
    for slug in state.categories or ():
        found = item.evidence.get(slug, ())[:phrases]
        quoted = ", ".join("«" + esc(shorten(p, PHRASE_CHARS)) + "»" for p in found)
        score = item.scores.get(slug)
        line = "• " + esc(taxonomy.label(slug, lang))
        line += f" ({score:.2f})" if score is not None else ""
        lines.append(line + (" — " + quoted if quoted else ""))
    if not state.categories:
        lines.append("• " + esc(gettext("none")))
    for title, values in (
        (gettext("Countries"), item.countries),
        (gettext("Persons"), item.persons),
        (gettext("Articles"), item.articles),
    ):
        if values:
            shown = ", ".join(esc(shorten(v, 60)) for v in values[:LIST_ITEMS])
            lines.append(f"<b>{esc(title)}:</b> {shown}")
    if excerpt and item.text:
        lines += ["", esc(shorten(item.text, excerpt))]
    return "\n".join(lines)


def _status_line(item_id: int, state: CardState, lang: str) -> str:
    gettext = translations(lang).gettext
    when = state.decided_at.strftime("%Y-%m-%d %H:%M UTC") if state.decided_at else ""
    who = esc(state.decided_by or "?")
    if state.status == "approved":
        return "✅ " + esc(gettext("Approved by {name} at {time}")).format(name=who, time=when)
    if state.status == "rejected":
        return "❌ " + esc(gettext("Rejected by {name} at {time}")).format(name=who, time=when)
    if state.editing:
        return "✏️ " + esc(gettext("Editing categories of item #{id}")).format(id=item_id)
    return "🆕 " + esc(gettext("For review: item #{id}")).format(id=item_id)


def card_buttons(
    item: CardItem, state: CardState, taxonomy: Taxonomy, lang: str
) -> tuple[tuple[Button, ...], ...]:
    gettext = translations(lang).gettext
    rows: list[tuple[Button, ...]] = []
    if state.status == "pending" and state.editing:
        toggles = []
        for index, slug in enumerate(taxonomy.slugs):
            mark = "✅" if slug in state.categories else "▫️"
            label = f"{mark} {shorten(taxonomy.label(slug, lang), 40)}"
            toggles.append(Button(label, callbacks.review("t", item.item_id, index)))
        rows += [tuple(toggles[n : n + 2]) for n in range(0, len(toggles), 2)]
        rows.append(
            (
                Button("✅ " + gettext("Approve"), callbacks.review("ok", item.item_id)),
                Button("↩️ " + gettext("Cancel"), callbacks.review("cancel", item.item_id)),
            )
        )
    elif state.status == "pending":
        rows.append(
            (
                Button("✅ " + gettext("Approve"), callbacks.review("ok", item.item_id)),
                Button("❌ " + gettext("Reject"), callbacks.review("no", item.item_id)),
            )
        )
        rows.append(
            (Button("✏️ " + gettext("Edit categories"), callbacks.review("edit", item.item_id)),)
        )
    if item.url and item.url.lower().startswith(("http://", "https://")):
        rows.append((Button("🔗 " + gettext("Open link"), url=item.url),))
    return tuple(rows)

"""The alert a subscriber receives: labels in their language, title, excerpt, source,
date and link, in Telegram HTML with every outside string escaped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.html_text import MAX_MESSAGE, esc, link, shorten, visible_length
from bot.i18n import translations

TITLE_CHARS = 300
EXCERPT_CHARS = 600


@dataclass(frozen=True)
class AlertItem:
    title: str
    text: str
    url: str | None
    source_name: str
    published_at: datetime
    labels: tuple[str, ...]  # category labels, already in the reader's language
    countries: tuple[str, ...] = ()


def alert_text(item: AlertItem, lang: str) -> str:
    gettext = translations(lang).gettext
    lines = [
        "🔔 <b>" + esc(" · ".join(item.labels)) + "</b>",
        "<b>" + esc(shorten(item.title, TITLE_CHARS)) + "</b>",
    ]
    excerpt = shorten(item.text, EXCERPT_CHARS)
    if excerpt:
        lines.append(esc(excerpt))
    meta = [esc(item.source_name), item.published_at.strftime("%Y-%m-%d")]
    if item.countries:
        meta.append(esc(", ".join(item.countries)))
    lines.append("<i>" + " · ".join(meta) + "</i>")
    read = link(item.url, gettext("Read the report"))
    if read:
        lines.append(read)
    text = "\n\n".join(lines[:2]) + "\n" + "\n".join(lines[2:])
    if visible_length(text) > MAX_MESSAGE:  # cannot happen with the caps above; be sure
        raise ValueError("alert over Telegram's limit")
    return text

"""Telegram HTML from outside strings: everything escaped, everything within limits."""

from __future__ import annotations

import html
import re

MAX_MESSAGE = 4096  # characters after entities are parsed
_SPACE = re.compile(r"\s+")


def esc(text: str | None) -> str:
    """Text for Telegram HTML: <, >, & and quotes escaped (safe in an href too)."""
    return html.escape(text or "", quote=True)


def shorten(text: str | None, limit: int) -> str:
    """At most `limit` characters, whitespace collapsed, cut at a word with an ellipsis."""
    flat = _SPACE.sub(" ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:—-") + "…"


def link(url: str | None, label: str) -> str:
    """An <a> only for http(s) links: a feed's javascript: or data: URL is shown as
    nothing at all."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return ""
    return f'<a href="{esc(url)}">{esc(label)}</a>'


def visible_length(markup: str) -> int:
    """What Telegram counts: the text without tags, entities decoded, in UTF-16 units."""
    text = html.unescape(re.sub(r"<[^<>]+>", "", markup))
    return len(text.encode("utf-16-le")) // 2

"""Feed entries -> NewItem records: clean text, canonical link, identity, time, language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.feed_parse import ParsedFeed
from bot.langid import pick_language
from bot.normalize import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    canonical_url,
    plain_text,
    plausible_time,
    struct_to_datetime,
    truncate,
)
from storage.records import ItemStatus, NewItem


@dataclass(frozen=True)
class EntryContext:
    """What decides an entry's status besides the entry itself."""

    now: datetime
    backlog_before: datetime  # entries published earlier are old news
    first_poll: bool  # on a source's first poll an undated entry is old news too
    source_lang: str | None = None

    @classmethod
    def for_poll(
        cls, now: datetime, max_age: timedelta, *, first_poll: bool, source_lang: str | None
    ) -> EntryContext:
        return cls(now, now - max_age, first_poll, source_lang)


def normalise_entries(feed: ParsedFeed, ctx: EntryContext) -> list[NewItem]:
    items = []
    for entry in feed.entries:
        item = normalise_entry(entry, feed.language, ctx)
        if item is not None:
            items.append(item)
    return items


def normalise_entry(entry: Any, feed_lang: str | None, ctx: EntryContext) -> NewItem | None:
    text = _entry_text(entry)
    title = _field_text(entry, "title")
    if not title and not text:
        return None
    title = truncate(title or text.split("\n", 1)[0], MAX_TITLE_CHARS)
    text = truncate(text, MAX_TEXT_CHARS)
    link = _safe_link(entry.get("link"))
    canonical = canonical_url(link)
    guid = (entry.get("id") or "").strip()[:1000] or None
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:32]
    entry_key = f"g:{guid}" if guid else f"u:{canonical}" if canonical else f"h:{digest}"
    dated = _published(entry, ctx.now)
    published = dated or ctx.now
    old = published < ctx.backlog_before or (ctx.first_poll and dated is None)
    return NewItem(
        entry_key=entry_key,
        guid=guid,
        canonical_url=canonical,
        url=link if canonical else None,
        title=title,
        text=text,
        author=_author(entry),
        lang=pick_language(f"{title}\n{text}", _entry_lang(entry), feed_lang, ctx.source_lang),
        published_at=published,
        content_hash=digest,
        status=ItemStatus.BACKLOG if old else ItemStatus.NEW,
    )


def _entry_text(entry: Any) -> str:
    """The longest of the entry's bodies: full content when the feed gives it."""
    candidates = [(c.get("value") or "", c.get("type")) for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type")))
    texts = [plain_text(value, kind) for value, kind in candidates if value]
    return max(texts, key=len, default="")


def _field_text(entry: Any, name: str) -> str:
    value = entry.get(name) or ""
    detail = entry.get(f"{name}_detail") or {}
    return plain_text(value, detail.get("type")) if value else ""


def _safe_link(link: object) -> str | None:
    if not isinstance(link, str):
        return None
    link = link.strip()
    return link if link.lower().startswith(("http://", "https://")) else None


def _author(entry: Any) -> str | None:
    author = entry.get("author")
    return truncate(plain_text(author, None), 200) or None if author else None


def _entry_lang(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        if content.get("language"):
            return str(content["language"])
    return None


def _published(entry: Any, now: datetime) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # `in` first: feedparser answers a missing updated_parsed with published_parsed and a
        # DeprecationWarning, so an implausible date would be read twice, noisily.
        moment = plausible_time(struct_to_datetime(entry.get(key)), now) if key in entry else None
        if moment is not None:
            return moment
    return None

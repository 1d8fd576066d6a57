"""feedparser over bytes we fetched ourselves: it never touches the network or disk here."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import feedparser


class FeedParseError(Exception):
    """The body yields no entries and is not a valid (possibly empty) feed."""


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    language: str | None
    entries: list[Any]  # feedparser's FeedParserDict entries
    warning: str | None  # why feedparser flagged it ill-formed, when entries were kept anyway


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser would treat a body that looks like a path
    # or URL as one and open it.
    result = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )
    entries = list(result.get("entries") or [])
    problem = _describe(result.get("bozo_exception")) if result.get("bozo") else None
    if not entries:
        if problem:
            raise FeedParseError(f"not a usable feed: {problem}")
        if not result.get("version"):
            raise FeedParseError("not a feed: no RSS or Atom structure found (an HTML page?)")
    feed = result.get("feed") or {}
    return ParsedFeed(
        title=feed.get("title") or None,
        language=feed.get("language") or None,
        entries=entries,
        warning=problem,
    )


def _describe(exc: object) -> str:
    text = str(exc) if exc is not None else "ill-formed feed"
    return f"{type(exc).__name__}: {text}"[:300] if exc is not None else text

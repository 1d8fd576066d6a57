"""feedparser over bytes we fetched ourselves: it never touches the network or disk here."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from typing import Any

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

# The guess for a body that is not UTF-8 although it claims to be (or claims nothing, which
# in XML means UTF-8): in this region that is almost always a Cyrillic page; feedparser would
# guess windows-1252 and turn every letter into accented Latin.
FALLBACK_CHARSET = "windows-1251"

_UTF8_NAMES = frozenset({"utf-8", "utf8"})
_UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
_DECLARATION = re.compile(r"^\s*<\?xml\s[^>]*>")
_DECLARED = re.compile(rb"^\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.IGNORECASE)
# `>?` keeps every attempt linear: an unclosed declaration matches to the next `>` or the end.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>?")


class FeedParseError(Exception):
    """The body yields no entries and is not a valid (possibly empty) feed."""


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    language: str | None
    entries: list[Any]  # feedparser's FeedParserDict entries
    warning: str | None  # why feedparser flagged it ill-formed, when entries were kept anyway


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    body, content_type = _as_utf8(_without_entity_declarations(body), content_type)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser would treat a body that looks like a path
    # or URL as one and open it. Its HTML sanitiser and URI rewriting are off: they halve
    # its speed, and normalize.html_to_text keeps only visible text anyway (entry links are
    # still resolved against the feed's URL).
    result = feedparser.parse(
        io.BytesIO(body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = list(result.get("entries") or [])
    exc = result.get("bozo_exception")
    problem = _describe(exc) if result.get("bozo") else None
    if not entries:
        if not result.get("version"):
            raise FeedParseError("not a feed: no RSS or Atom structure found (an HTML page?)")
        # A header complaint (wrong Content-Type, charset) says nothing about the document.
        if problem and not isinstance(exc, ThingsNobodyCaresAboutButMe):
            raise FeedParseError(f"not a usable feed: {problem}")
    feed = result.get("feed") or {}
    return ParsedFeed(
        title=feed.get("title") or None,
        language=feed.get("language") or None,
        entries=entries,
        warning=problem,
    )


def _without_entity_declarations(body: bytes) -> bytes:
    """The body minus its own entity declarations: they are how a small XML body expands
    to gigabytes (nested "billion laughs", or one long entity used thousands of times), and
    feedparser's guard misses declarations that do not start a line. References to them
    are then left as they are."""
    return _ENTITY_DECLARATION.sub(b"", body) if b"<!ENTITY" in body else body


def _as_utf8(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """The body as UTF-8 under a declaration and Content-Type that say so, when its own may
    be wrong: text that is valid UTF-8 is UTF-8 whatever it declares (a legacy charset
    almost never gives valid UTF-8 by chance, mojibake is certain)."""
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    # ASCII needs no decision; UTF-16/32 and EBCDIC bodies are left to feedparser.
    if body.isascii() or start[:1] != b"<" or start[1:2] == b"\x00":
        return body, content_type
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        if _claimed_charsets(start, content_type) - _UTF8_NAMES:
            return body, content_type  # a legacy charset is named: feedparser honours it
        # A byte-order mark says UTF-8 however broken the bytes after it are.
        charset = "utf-8-sig" if body.startswith(codecs.BOM_UTF8) else FALLBACK_CHARSET
        text = body.decode(charset, errors="replace")
    recoded = (_UTF8_DECLARATION + _DECLARATION.sub("", text, count=1)).encode()
    mime = content_type.split(";", 1)[0].strip() if content_type else None
    return recoded, f"{mime}; charset=utf-8" if mime else None


def _claimed_charsets(body: bytes, content_type: str | None) -> set[str]:
    claimed = set()
    declared = _DECLARED.match(body)
    if declared:
        claimed.add(declared.group(1).decode("ascii").lower())
    header = _CHARSET.search(content_type or "")
    if header:
        claimed.add(header.group(1).lower())
    return claimed


def _describe(exc: object) -> str:
    text = str(exc) if exc is not None else "ill-formed feed"
    return f"{type(exc).__name__}: {text}"[:300] if exc is not None else text

"""Pure functions that turn feed fields into clean item fields."""

from __future__ import annotations

import calendar
import html
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from w3lib.url import canonicalize_url

MAX_TEXT_CHARS = 50_000
MAX_TITLE_CHARS = 500

_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "math", "head", "title", "form", "button", "select", "textarea"]  # fmt: skip
# A block element's start tag and its end tag are both boundaries: HTML lets </p> and </li>
# be left out, and a block may open in the middle of another block's text.
_BLOCK_END = re.compile(
    r"<(?:br|hr)\b[^>]*>"
    r"|</?(?:p|div|li|h[1-6]|tr|blockquote|pre|section|article|table|ul|ol)\b[^>]*>",
    re.IGNORECASE,
)
_BREAK = "\ue000"  # private-use mark for a block boundary, invisible to the page's own text
_DOCUMENT = re.compile(r"\s*(?:<!doctype|<html|<head|<body)", re.IGNORECASE)
_BREAKS = re.compile(rf"\s*{_BREAK}[\s{_BREAK}]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
_LEFT_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#x[0-9a-fA-F]{2,6});")
# Comments, CDATA markers and processing instructions count: debris of markup all the same.
_LEFT_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?\s*>|<[!?][^<>]*>")

_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "igshid",
     "mc_cid", "mc_eid", "_ga", "_gl", "_openstat", "ncid", "cmpid", "ref_src", "spm",
     "rss_source", "from_rss", "twclid", "srsltid"}
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")
_PLAIN_URL = re.compile(r"^[A-Za-z0-9\-._~:/?@!$&'()*+,;=]*\Z")

EARLIEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment: entities decoded, block boundaries as line
    breaks, every other run of white space one space."""
    text = _extract(markup)
    # Some feeds escape their HTML twice; a second pass removes what the first revealed.
    if _LEFT_TAG.search(text) or _LEFT_ENTITY.search(text):
        text = _extract(text.replace("\n", _BREAK))
    return _drop_tags(text)


def _drop_tags(text: str) -> str:
    """A tag still standing after both passes was escaped three times or more, which no
    careless feed does: it is hostile, and is dropped rather than stored. So is a CDATA
    end marker that an escaped one became."""
    text = text.replace("]]>", "")
    if not _LEFT_TAG.search(text):
        return text
    text = _LEFT_TAG.sub("", text)
    # Nested pieces such as "<scr<b>ipt>" rebuild a tag when the inner one goes.
    return text.replace("<", "") if _LEFT_TAG.search(text) else text


def _extract(markup: str) -> str:
    if "<" not in markup and "&" not in markup:
        return clean_text(markup)
    # CDATA markers mean nothing in HTML; an HTML parser reads "<![CDATA[" as a comment that
    # ends at the next ">", which can cut a <script> open and spill its code into the text.
    markup = markup.replace("<![CDATA[", "").replace("]]>", "")
    marked = _BLOCK_END.sub(lambda m: m.group(0) + _BREAK, markup)
    # A fragment is body content: without the explicit <body>, a leading <noscript> or
    # <style> is hoisted into <head> and its text would leak past strip_tags.
    if not _DOCUMENT.match(marked):
        marked = "<body>" + marked
    tree = HTMLParser(marked)
    tree.strip_tags(_DROP_TAGS)
    root = tree.body or tree.root
    raw = root.text(deep=True, separator="") if root is not None else ""
    return clean_text(raw)


def clean_text(text: str) -> str:
    text = _CONTROL.sub("", text)
    parts = [" ".join(part.split()) for part in _BREAKS.split(text)]
    return "\n".join(part for part in parts if part)


def plain_text(value: str, content_type: str | None) -> str:
    """Text of a feed field whatever type it declares; plain text may still carry
    entities or stray tags from careless feeds, so both kinds go through HTML extraction."""
    # Only a real tag makes a plain field markup: "a<b" and "<info@kloop.kg>" are text.
    if content_type and "html" not in content_type and not _LEFT_TAG.search(value):
        text = html.unescape(value)
        # An escaped tag in a "plain" field is markup all the same once unescaped.
        if not _LEFT_TAG.search(text):
            return clean_text(re.sub(r"\r?\n\s*\n", _BREAK, text))
    return html_to_text(value)


def canonical_url(url: str | None) -> str | None:
    """The link as an identity: http(s) only, no fragment, no tracking parameters,
    query sorted and percent-encoding normalised."""
    parts = _http_parts(url)
    netloc = _netloc(parts) if parts else None
    if parts is None or netloc is None:
        return None
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() not in _TRACKING and not name.lower().startswith(_TRACKING_PREFIXES)
    ]
    rebuilt = urlunsplit((parts.scheme, netloc, parts.path or "/", urlencode(sorted(query)), ""))
    # w3lib's canonicalisation is the slowest step of normalising an entry; a plain ASCII
    # URL with no escapes is already in the form it would return.
    if _PLAIN_URL.match(rebuilt):
        return rebuilt
    try:
        return canonicalize_url(rebuilt, keep_fragments=False)
    except ValueError:
        return None


def _http_parts(url: str | None) -> SplitResult | None:
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts._replace(scheme=scheme)


def _netloc(parts: SplitResult) -> str | None:
    """Host lowercased, without a trailing dot or the scheme's default port."""
    try:
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    return host if port in (None, {"http": 80, "https": 443}[parts.scheme]) else f"{host}:{port}"


def struct_to_datetime(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def plausible_time(moment: datetime | None, now: datetime) -> datetime | None:
    """The feed's time if it could be true, else None (the caller uses fetch time)."""
    if moment is None or moment < EARLIEST_PLAUSIBLE or moment > now + FUTURE_SLACK:
        return None
    return moment


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

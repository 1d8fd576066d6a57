"""Small feed documents built in code, so each test shows the entries it relies on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Entry:
    title: str
    link: str | None = None
    guid: str | None = None
    published: datetime | None = None
    html: str = "<p>Body text.</p>"


def rss(*entries: Entry, language: str | None = "ru", title: str = "Test feed") -> str:
    items = "".join(_rss_item(e) for e in entries)
    lang = f"<language>{language}</language>" if language else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>{lang}"
        f"<description>test</description>{items}</channel></rss>"
    )


def _rss_item(entry: Entry) -> str:
    parts = [f"<title>{escape(entry.title)}</title>"]
    if entry.link:
        parts.append(f"<link>{escape(entry.link)}</link>")
    if entry.guid:
        parts.append(f'<guid isPermaLink="false">{escape(entry.guid)}</guid>')
    if entry.published:
        parts.append(f"<pubDate>{format_datetime(entry.published)}</pubDate>")
    parts.append(f"<description>{escape(entry.html)}</description>")
    return "<item>" + "".join(parts) + "</item>"


def atom(*entries: Entry, language: str | None = "en") -> str:
    lang = f' xml:lang="{language}"' if language else ""
    body = "".join(
        "<entry>"
        f"<title>{escape(e.title)}</title>"
        + (f'<link href="{escape(e.link)}"/>' if e.link else "")
        + f"<id>{escape(e.guid or e.link or e.title)}</id>"
        + (f"<updated>{e.published.isoformat()}</updated>" if e.published else "")
        + f'<content type="html">{escape(e.html)}</content>'
        "</entry>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{lang}><title>Atom test</title>'
        "<id>urn:test</id><updated>2026-11-20T10:00:00Z</updated>"
        f"{body}</feed>"
    )

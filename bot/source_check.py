"""Checks on a feed a moderator adds from chat: a public http(s) URL that fetches and
parses as a feed. Private, loopback and link-local addresses are refused (a bot that
fetches what chat users name must not be a way into the host's network) unless
ALLOW_PRIVATE_SOURCES is set."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.clock import utcnow
from bot.feed_parse import FeedParseError, parse_feed
from bot.fetch import Fetcher, FetchError

MAX_URL = 2000


class SourceRejected(Exception):
    """One line saying why the URL cannot be a source."""


@dataclass(frozen=True)
class CheckedSource:
    url: str
    title: str | None
    entries: int
    key: str


async def check_source(url: str, fetcher: Fetcher, *, allow_private: bool) -> CheckedSource:
    url = url.strip()
    parts = urlsplit(url) if len(url) <= MAX_URL else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceRejected("only http:// or https:// URLs of a feed can be added")
    if not allow_private:
        await _refuse_private(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        )
    try:
        fetched = await fetcher.fetch(url, etag=None, last_modified=None, now=utcnow())
        parsed = parse_feed(
            fetched.body or b"", url=fetched.final_url, content_type=fetched.content_type
        )
    except FetchError as exc:
        raise SourceRejected(f"could not fetch it: {exc}") from exc
    except FeedParseError as exc:
        raise SourceRejected(str(exc)) from exc
    return CheckedSource(fetched.final_url, parsed.title, len(parsed.entries), source_key(url))


async def _refuse_private(host: str, port: int) -> None:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise SourceRejected(f"the host {host} does not resolve") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise SourceRejected(
                f"{host} is a private, loopback or link-local address ({address}); "
                "set ALLOW_PRIVATE_SOURCES=true to allow such feeds"
            )


def source_key(url: str) -> str:
    """A readable, stable key: the host and path, e.g. chat-vlast-kz-rss."""
    parts = urlsplit(url)
    words = re.findall(r"[a-z0-9]+", f"{parts.hostname or ''}{parts.path}".lower())
    words = [w for w in words if w != "www"]
    return ("chat-" + "-".join(words))[:80]

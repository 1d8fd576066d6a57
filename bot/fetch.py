"""HTTP for feeds: conditional GET, size cap, redirects, per-host and global limits, proxy."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp
from aiohttp_socks import ProxyConnector

from bot.backoff import parse_retry_after
from bot.config import Settings

log = logging.getLogger(__name__)

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PERMANENT_REDIRECTS = frozenset({301, 308})
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchConfig:
    user_agent: str
    timeout_seconds: float
    max_bytes: int
    max_concurrent: int
    per_host: int
    proxy: str | None = None


@dataclass(frozen=True)
class Fetched:
    """A 200 with a body, or a 304 with none."""

    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    final_url: str
    moved_to: str | None  # set when every redirect on the way was permanent

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    @property
    def gone(self) -> bool:
        return self.status == 410


class Fetcher:
    """One aiohttp session for all feeds; use as an async context manager."""

    def __init__(self, config: FetchConfig) -> None:
        self._config = config
        self._session: aiohttp.ClientSession | None = None
        self._all = asyncio.Semaphore(config.max_concurrent)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        connector: aiohttp.BaseConnector
        if self._config.proxy:
            connector = ProxyConnector.from_url(self._config.proxy, limit=0)
        else:
            connector = aiohttp.TCPConnector(limit=0)
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=self._config.timeout_seconds),
            headers={"User-Agent": self._config.user_agent, "Accept": ACCEPT},
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(
        self, url: str, *, etag: str | None, last_modified: str | None, now: datetime
    ) -> Fetched:
        if self._session is None:
            raise RuntimeError("Fetcher used outside `async with`")
        host = (urlsplit(url).hostname or "").lower()
        per_host = self._hosts.setdefault(host, asyncio.Semaphore(self._config.per_host))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with self._all, per_host:
            try:
                return await self._get(url, headers, now)
            except FetchError:
                raise
            except TimeoutError as exc:
                raise FetchError(f"timed out after {self._config.timeout_seconds:g}s") from exc
            except aiohttp.TooManyRedirects as exc:
                raise FetchError(f"more than {MAX_REDIRECTS} redirects") from exc
            except (aiohttp.ClientError, OSError, ValueError) as exc:
                raise FetchError(f"connection failed: {type(exc).__name__}: {exc}"[:300]) from exc

    async def _get(self, url: str, headers: dict[str, str], now: datetime) -> Fetched:
        assert self._session is not None
        async with self._session.get(
            url, headers=headers, allow_redirects=True, max_redirects=MAX_REDIRECTS
        ) as resp:
            if resp.status == 304:
                return self._result(resp, url, None)
            if resp.status != 200:
                retry_after = parse_retry_after(resp.headers.get("Retry-After"), now)
                raise FetchError(
                    f"HTTP {resp.status} {resp.reason or ''}".strip(),
                    status=resp.status,
                    retry_after=retry_after,
                )
            body = await self._read_capped(resp)
            return self._result(resp, url, body)

    async def _read_capped(self, resp: aiohttp.ClientResponse) -> bytes:
        limit = self._config.max_bytes
        declared = resp.content_length
        if declared is not None and declared > limit:
            raise FetchError(f"body of {declared} bytes is over the {limit}-byte cap")
        chunks, size = [], 0
        async for chunk in resp.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"body over the {limit}-byte cap; download aborted")
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _result(resp: aiohttp.ClientResponse, url: str, body: bytes | None) -> Fetched:
        final = str(resp.url)
        permanent = bool(resp.history) and all(
            r.status in PERMANENT_REDIRECTS for r in resp.history
        )
        return Fetched(
            status=resp.status,
            body=body,
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
            content_type=resp.headers.get("Content-Type"),
            final_url=final,
            moved_to=final if permanent and final != url else None,
        )


def fetch_config(settings: Settings) -> FetchConfig:
    return FetchConfig(
        user_agent=settings.user_agent,
        timeout_seconds=settings.fetch_timeout_seconds,
        max_bytes=settings.max_feed_bytes,
        max_concurrent=settings.max_concurrent_fetches,
        per_host=settings.per_host_concurrency,
        proxy=settings.feed_proxy,
    )

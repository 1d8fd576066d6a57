"""One poll of one source: fetch, parse, normalise, de-duplicate and store, then hand on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from bot.backoff import failure_delay, success_delay
from bot.clock import Clock, utcnow
from bot.config import Settings
from bot.entries import EntryContext, normalise_entries
from bot.feed_parse import FeedParseError, parse_feed
from bot.fetch import Fetched, Fetcher, FetchError
from storage import Database, Repos
from storage.records import NewItem, Source, StoreResult

log = logging.getLogger(__name__)

NewItemsHandler = Callable[[Sequence[int]], Awaitable[None]]


class PollStatus(StrEnum):
    STORED = "ok"
    NOT_MODIFIED = "not modified"
    FAILED = "failed"
    DISABLED = "disabled"
    NOT_DUE = "not due"
    BUSY = "busy"


@dataclass(frozen=True)
class PollOutcome:
    source_key: str
    status: PollStatus
    new: int = 0
    linked: int = 0
    seen: int = 0
    backlog: int = 0
    error: str | None = None
    new_item_ids: tuple[int, ...] = field(default=(), repr=False)


class FeedPipeline:
    def __init__(
        self,
        db: Database,
        fetcher: Fetcher,
        settings: Settings,
        *,
        clock: Clock = utcnow,
        on_new_items: NewItemsHandler | None = None,
    ) -> None:
        self._db = db
        self.repos = Repos.on(db.conn)
        self._fetcher = fetcher
        self._settings = settings
        self._clock = clock
        self._on_new_items = on_new_items
        self._busy: set[int] = set()

    async def poll_all(self, *, force: bool = False) -> list[PollOutcome]:
        """Poll every active source concurrently (the fetcher bounds the concurrency);
        one source's trouble never stops the others."""
        sources = await self.repos.sources.list_active()
        return list(await asyncio.gather(*(self.poll(s, force=force) for s in sources)))

    async def poll_by_id(self, source_id: int) -> PollOutcome | None:
        source = await self.repos.sources.get(source_id)
        return await self.poll(source) if source else None

    async def poll(self, source: Source, *, force: bool = False) -> PollOutcome:
        if not source.active:
            return PollOutcome(source.key, PollStatus.DISABLED, error=source.disabled_reason)
        now = self._clock()
        if not force and source.next_poll_at and source.next_poll_at > now:
            return PollOutcome(source.key, PollStatus.NOT_DUE)
        if source.id in self._busy:
            return PollOutcome(source.key, PollStatus.BUSY)
        self._busy.add(source.id)
        try:
            return await self._poll(source)
        except Exception as exc:
            # A bug or a storage fault, not the feed's doing: the poll's transaction was
            # rolled back, nothing is half-stored, and the next poll tries again.
            log.exception("source=%s poll aborted", source.key)
            return PollOutcome(source.key, PollStatus.FAILED, error=f"internal error: {exc}")
        finally:
            self._busy.discard(source.id)

    async def _poll(self, source: Source) -> PollOutcome:
        now = self._clock()
        try:
            fetched = await self._fetcher.fetch(
                source.url, etag=source.etag, last_modified=source.last_modified, now=now
            )
            if fetched.not_modified:
                await self._record_success(source, fetched, [])
                return PollOutcome(source.key, PollStatus.NOT_MODIFIED)
            result = await self.ingest(source, fetched)
        except (FetchError, FeedParseError) as exc:
            return await self._record_failure(source, exc)
        log.info(
            "polled source=%s new=%d linked=%d seen=%d",
            source.key, result.new_count, result.linked_to_existing, result.already_seen,
        )  # fmt: skip
        if result.new_item_ids and self._on_new_items is not None:
            # Backlog is handed on too (to be classified and searchable), but only the
            # ids that may go to review are named.
            await self._on_new_items(result.reviewable_ids)
        return PollOutcome(
            source.key,
            PollStatus.STORED,
            new=result.new_count,
            linked=result.linked_to_existing,
            seen=result.already_seen,
            backlog=result.backlog_count,
            new_item_ids=result.new_item_ids,
        )

    async def ingest(self, source: Source, fetched: Fetched) -> StoreResult:
        """Parse, normalise, de-duplicate and store a fetched body in one transaction."""
        items = await asyncio.to_thread(self._parse, source, fetched)
        return await self._record_success(source, fetched, items)

    def _parse(self, source: Source, fetched: Fetched) -> list[NewItem]:
        # Runs in a worker thread: feedparser and HTML extraction are CPU-bound.
        feed = parse_feed(
            fetched.body or b"", url=fetched.final_url, content_type=fetched.content_type
        )
        if feed.warning:
            log.warning("source=%s ill-formed feed kept: %s", source.key, feed.warning)
        ctx = EntryContext.for_poll(
            self._clock(),
            timedelta(hours=self._settings.backlog_max_age_hours),
            first_poll=source.last_success_at is None,
            source_lang=source.lang,
        )
        return normalise_entries(feed, ctx)

    async def _record_success(
        self, source: Source, fetched: Fetched, items: list[NewItem]
    ) -> StoreResult:
        now = self._clock()
        interval = source.interval_seconds or self._settings.poll_interval_seconds
        next_poll = now + timedelta(
            seconds=success_delay(interval, self._settings.poll_jitter_seconds)
        )
        async with self._db.transaction():
            result = await self.repos.items.store_entries(source.id, items, now)
            await self.repos.sources.record_success(
                source.id,
                now=now,
                next_poll_at=next_poll,
                etag=fetched.etag or (source.etag if fetched.not_modified else None),
                last_modified=fetched.last_modified
                or (source.last_modified if fetched.not_modified else None),
                new_url=fetched.moved_to,
            )
        if fetched.moved_to:
            log.info("source=%s moved permanently to %s", source.key, fetched.moved_to)
        return result

    async def _record_failure(
        self, source: Source, exc: FetchError | FeedParseError
    ) -> PollOutcome:
        now = self._clock()
        error = str(exc)
        interval = source.interval_seconds or self._settings.poll_interval_seconds
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        delay = failure_delay(
            source.failure_count + 1, interval, self._settings.backoff_max_seconds, retry_after
        )
        async with self._db.transaction():
            failures = await self.repos.sources.record_failure(
                source.id, now=now, error=error, next_poll_at=now + timedelta(seconds=delay)
            )
            reason = self._disable_reason(exc, failures)
            if reason:
                await self.repos.sources.disable(source.id, reason, now)
        log.warning("source=%s poll failed (%d in a row): %s", source.key, failures, error)
        status = PollStatus.DISABLED if reason else PollStatus.FAILED
        return PollOutcome(source.key, status, error=reason or error)

    def _disable_reason(self, exc: Exception, failures: int) -> str | None:
        if isinstance(exc, FetchError) and exc.gone:
            return "HTTP 410 Gone: the feed was removed by its publisher"
        limit = self._settings.max_consecutive_failures
        if failures >= limit:
            return f"{failures} consecutive failures, last: {exc}"
        return None

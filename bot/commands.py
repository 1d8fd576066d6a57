"""What each CLI subcommand does, once settings are known to be good."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import utcnow
from bot.config import Settings
from bot.demo import DEMO_DATABASE, run_demo
from bot.fetch import Fetcher, fetch_config
from bot.instance_lock import hold_instance_lock
from bot.pipeline import FeedPipeline
from bot.scheduler import sync_poll_jobs
from bot.sources_file import SourceEntry, load_sources_file
from bot.table import render_table
from storage import Database, Repos, open_database

log = logging.getLogger(__name__)


async def demo(settings: Settings, database: Path | None) -> int:
    result = await run_demo(settings, database=database or DEMO_DATABASE, out=sys.stdout)
    return 0 if result.items else 1


async def sync_sources(db: Database, settings: Settings, entries: list[SourceEntry]) -> None:
    async with db.transaction():
        summary = await Repos.on(db.conn).sources.sync_from_file(
            [entry.seed() for entry in entries], utcnow()
        )
    log.info(
        "sources file %s: %d added, %d updated, %d retired",
        settings.sources_file, len(summary.added), len(summary.updated), len(summary.retired),
    )  # fmt: skip


@asynccontextmanager
async def _ingestion(settings: Settings) -> AsyncIterator[tuple[Database, Fetcher]]:
    """The sources file checked, the one-instance lock held, the database open and synced
    with the file, and a fetcher ready; all released in reverse order."""
    entries = load_sources_file(settings.sources_file)
    lock = hold_instance_lock(settings.database_path)
    try:
        db = await open_database(settings.database_path)
        try:
            await sync_sources(db, settings, entries)
            async with Fetcher(fetch_config(settings)) as fetcher:
                yield db, fetcher
        finally:
            await db.close()
    finally:
        lock.release()


async def poll_once(settings: Settings) -> int:
    async with _ingestion(settings) as (db, fetcher):
        outcomes = await FeedPipeline(db, fetcher, settings).poll_all(force=True)
    rows = [
        (o.source_key, o.status, o.new, o.linked, o.seen, o.backlog, o.error) for o in outcomes
    ]
    print(render_table(["source", "status", "new", "linked", "seen", "backlog", "error"], rows))
    failed = sum(1 for o in outcomes if o.error)
    print(
        f"\n{len(outcomes)} sources polled: {sum(o.new for o in outcomes)} new items "
        f"({sum(o.backlog for o in outcomes)} of them backlog), {failed} sources with errors"
    )
    return 0


async def run(settings: Settings) -> int:
    async with _ingestion(settings) as (db, fetcher):
        await _serve(db, fetcher, settings)
    return 0


async def _serve(db: Database, fetcher: Fetcher, settings: Settings) -> None:
    pipeline = FeedPipeline(db, fetcher, settings)
    scheduler = AsyncIOScheduler(timezone="UTC")
    sync_poll_jobs(
        scheduler,
        pipeline,
        await Repos.on(db.conn).sources.list_active(),
        default_interval=settings.poll_interval_seconds,
        jitter=settings.poll_jitter_seconds,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    scheduler.start()
    log.info("polling %d sources; press Ctrl+C to stop", len(scheduler.get_jobs()))
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)

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

from bot.classifier.classify import Classifier
from bot.classifier_commands import thresholds
from bot.classify_stage import ClassificationStage
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
async def _ingestion(settings: Settings) -> AsyncIterator[FeedPipeline]:
    """The sources file checked, the one-instance lock held, the database open and synced
    with the file, the classifier loaded, anything left unclassified by a previous run
    classified, and the pipeline ready; all released in reverse order."""
    entries = load_sources_file(settings.sources_file)
    classifier = Classifier.load(thresholds(settings))
    lock = hold_instance_lock(settings.database_path)
    try:
        db = await open_database(settings.database_path)
        try:
            await sync_sources(db, settings, entries)
            stage = ClassificationStage(db, classifier)
            await stage.classify_pending()
            async with Fetcher(fetch_config(settings)) as fetcher:
                yield FeedPipeline(db, fetcher, settings, on_new_items=stage.on_new_items)
        finally:
            await db.close()
    finally:
        lock.release()


async def poll_once(settings: Settings) -> int:
    async with _ingestion(settings) as pipeline:
        outcomes = await pipeline.poll_all(force=True)
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
    async with _ingestion(settings) as pipeline:
        await _serve(pipeline, settings)
    return 0


async def _serve(pipeline: FeedPipeline, settings: Settings) -> None:
    scheduler = AsyncIOScheduler(timezone="UTC")
    sync_poll_jobs(
        scheduler,
        pipeline,
        await pipeline.repos.sources.list_active(),
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

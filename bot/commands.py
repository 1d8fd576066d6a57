"""What each CLI subcommand does, once settings are known to be good."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.classifier.classify import Classifier
from bot.classifier.taxonomy import load_taxonomy
from bot.classifier_commands import thresholds
from bot.classify_stage import ClassificationStage, ReviewRouting
from bot.clock import utcnow
from bot.config import Settings
from bot.corrections import corrections_jsonl
from bot.demo import DEMO_DATABASE, run_demo
from bot.fetch import Fetcher, fetch_config
from bot.instance_lock import hold_instance_lock
from bot.moderation import review_targets
from bot.pipeline import FeedPipeline
from bot.scheduler import JOB_PREFIX, sync_poll_jobs
from bot.source_notices import notify_source_problems
from bot.sources_file import SourceEntry, load_sources_file
from bot.table import render_table
from storage import Database, Repos, open_database

if TYPE_CHECKING:
    from handlers.context import BotContext

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


@dataclass
class Ingestion:
    db: Database
    fetcher: Fetcher
    stage: ClassificationStage
    pipeline: FeedPipeline


@asynccontextmanager
async def _ingestion(settings: Settings) -> AsyncIterator[Ingestion]:
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
            stage = ClassificationStage(db, classifier, review=_review_routing(settings))
            await stage.classify_pending()
            async with Fetcher(fetch_config(settings)) as fetcher:
                pipeline = FeedPipeline(db, fetcher, settings, on_new_items=stage.on_new_items)
                yield Ingestion(db, fetcher, stage, pipeline)
        finally:
            await db.close()
    finally:
        lock.release()


def _review_routing(settings: Settings) -> ReviewRouting | None:
    """Items go to review only when a bot can show them to someone."""
    if not settings.has_token:
        return None
    targets = review_targets(settings.moderation_chat_id, settings.moderator_ids)
    return ReviewRouting(targets) if targets else None


async def poll_once(settings: Settings) -> int:
    async with _ingestion(settings) as ingestion:
        outcomes = await ingestion.pipeline.poll_all(force=True)
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
    async with _ingestion(settings) as ingestion:
        await _serve_with_bot(ingestion, settings)
    return 0


async def export_corrections(settings: Settings, file: Path | None) -> int:
    """Reads only: safe beside a running bot (SQLite's WAL lets readers in)."""
    db = await open_database(settings.database_path)
    try:
        found = await Repos.on(db.conn).reviews.corrections()
    finally:
        await db.close()
    text = corrections_jsonl(found)
    if file is None:
        sys.stdout.write(text)
    else:
        await asyncio.to_thread(file.write_text, text, encoding="utf-8")
    print(f"{len(found)} corrected items", file=sys.stderr)
    return 0


async def _serve_with_bot(ingestion: Ingestion, settings: Settings) -> None:
    from handlers.app import running_bot  # noqa: PLC0415 - Telegram only when configured
    from handlers.context import BotContext  # noqa: PLC0415

    ctx = BotContext(ingestion.db, load_taxonomy(), settings, fetcher=ingestion.fetcher)
    if not settings.moderator_ids:
        log.warning("MODERATOR_IDS is empty: nobody can review items or use moderator commands")
    async with running_bot(ctx) as bot:
        stage = ingestion.stage
        if stage.review is not None:
            stage.review = ReviewRouting(stage.review.targets, bot.sender.wake)
            since = utcnow() - timedelta(hours=settings.backlog_max_age_hours)
            await stage.review_leftovers(since)
        await _serve(ingestion, settings, ctx)


async def _serve(ingestion: Ingestion, settings: Settings, ctx: BotContext) -> None:
    pipeline = ingestion.pipeline
    scheduler = AsyncIOScheduler(timezone="UTC")

    async def resync() -> None:
        sync_poll_jobs(
            scheduler,
            pipeline,
            await pipeline.repos.sources.list_active(),
            default_interval=settings.poll_interval_seconds,
            jitter=settings.poll_jitter_seconds,
        )

    await resync()
    targets = review_targets(settings.moderation_chat_id, settings.moderator_ids)
    ctx.on_sources_changed = resync
    if targets:
        scheduler.add_job(
            _notify_sources, "interval", minutes=15, args=[ingestion.db, targets, ctx],
            id="source-notices", max_instances=1, coalesce=True, next_run_time=utcnow(),
        )  # fmt: skip
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    scheduler.start()
    polled = [job for job in scheduler.get_jobs() if job.id.startswith(JOB_PREFIX)]
    log.info("polling %d sources; press Ctrl+C to stop", len(polled))
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)


async def _notify_sources(db: Database, targets: list[int | str], ctx: BotContext) -> None:
    if await notify_source_problems(db, targets, utcnow()):
        ctx.wake_sender()

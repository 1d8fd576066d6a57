"""APScheduler jobs: one per source, on its own interval, never overlapping itself."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import utcnow
from bot.pipeline import FeedPipeline
from storage.records import Source

JOB_PREFIX = "poll:"
# Spread the first polls after start-up so that dozens of feeds are not hit at once:
# two seconds a source, a minute at most.
START_SPREAD_SECONDS = 60
SPREAD_PER_SOURCE = 2


def job_id(source_id: int) -> str:
    return f"{JOB_PREFIX}{source_id}"


def sync_poll_jobs(
    scheduler: AsyncIOScheduler,
    pipeline: FeedPipeline,
    sources: list[Source],
    *,
    default_interval: int,
    jitter: int,
    now: datetime | None = None,
    spread_seconds: float | None = None,
) -> None:
    """Make the scheduler's poll jobs match the active sources."""
    now = now or utcnow()
    wanted = {job_id(s.id): s for s in sources if s.active}
    if spread_seconds is None:
        spread_seconds = min(START_SPREAD_SECONDS, SPREAD_PER_SOURCE * len(wanted))
    for job in scheduler.get_jobs():
        if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
            job.remove()
    for jid, source in wanted.items():
        interval = source.interval_seconds or default_interval
        trigger = IntervalTrigger(seconds=interval, jitter=jitter or None)
        existing = scheduler.get_job(jid)
        if existing is not None:
            if existing.trigger.interval != timedelta(seconds=interval):
                existing.reschedule(trigger)
            continue
        first = now + timedelta(seconds=random.uniform(0, spread_seconds))  # noqa: S311
        scheduler.add_job(
            pipeline.poll_by_id,
            trigger,
            args=[source.id],
            id=jid,
            name=f"poll {source.key}",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=interval,
            next_run_time=first,
        )

"""APScheduler runs one poll job per active source."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduler import job_id, sync_poll_jobs
from tests.conftest import NOW
from tests.feeds import Entry, rss

FEED = rss(Entry("Новость", "https://example.org/1", "g1", NOW - timedelta(hours=1)))


async def test_each_active_source_gets_one_non_overlapping_coalesced_job(
    pipeline, add_source, repos, db, clock
):
    fast = await add_source("fast", "http://127.0.0.1:9/a.xml")
    slow = await add_source("slow", "http://127.0.0.1:9/b.xml", interval_seconds=3600)
    off = await add_source("off", "http://127.0.0.1:9/c.xml")
    async with db.transaction():
        await repos.sources.disable(off.id, "test", clock())
    scheduler = AsyncIOScheduler(timezone="UTC")

    sync_poll_jobs(
        scheduler, pipeline, await repos.sources.list_all(), default_interval=300, jitter=30
    )

    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {job_id(fast.id), job_id(slow.id)}
    assert jobs[job_id(fast.id)].trigger.interval == timedelta(seconds=300)
    assert jobs[job_id(slow.id)].trigger.interval == timedelta(seconds=3600)
    for job in jobs.values():
        assert (job.max_instances, job.coalesce) == (1, True)
        assert job.trigger.jitter == 30


async def test_syncing_again_drops_jobs_of_disabled_sources(
    pipeline, add_source, repos, db, clock
):
    source = await add_source("site", "http://127.0.0.1:9/a.xml")
    scheduler = AsyncIOScheduler(timezone="UTC")
    sync_poll_jobs(scheduler, pipeline, [source], default_interval=300, jitter=0)
    async with db.transaction():
        await repos.sources.disable(source.id, "HTTP 410 Gone", clock())

    sync_poll_jobs(
        scheduler, pipeline, await repos.sources.list_all(), default_interval=300, jitter=0
    )

    assert scheduler.get_jobs() == []


async def test_a_started_scheduler_polls_the_source(feed_server, pipeline, add_source, repos):
    source = await add_source("site", feed_server.add("/f.xml", FEED))
    scheduler = AsyncIOScheduler(timezone="UTC")
    sync_poll_jobs(scheduler, pipeline, [source], default_interval=300, jitter=0, spread_seconds=0)
    scheduler.start()
    try:
        for _ in range(100):
            if (await repos.sources.get(source.id)).last_success_at:
                break
            await asyncio.sleep(0.02)
    finally:
        scheduler.shutdown(wait=False)

    assert await repos.items.count_links() == 1

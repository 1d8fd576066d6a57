"""Backoff with jitter on failures, and disabling a source with the reason recorded."""

from __future__ import annotations

from datetime import timedelta

from bot.pipeline import PollStatus
from tests.conftest import NOW
from tests.feeds import Entry, rss

FEED = rss(Entry("Новость", "https://example.org/1", "g1", NOW - timedelta(hours=1)))


async def test_a_failure_pushes_the_next_poll_back_and_counts(
    feed_server, pipeline, add_source, repos, settings
):
    source = await add_source("site", feed_server.add("/f.xml", status=502))

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.FAILED
    stored = await repos.sources.get(source.id)
    assert stored.failure_count == 1
    assert stored.last_error.startswith("HTTP 502")
    interval = timedelta(seconds=settings.poll_interval_seconds)
    assert NOW + interval / 2 <= stored.next_poll_at <= NOW + interval


async def test_backoff_doubles_with_each_consecutive_failure(
    feed_server, pipeline, add_source, repos, clock, settings
):
    source = await add_source("site", feed_server.add("/f.xml", status=500))
    waits = []
    for _ in range(2):
        await pipeline.poll(await repos.sources.get(source.id), force=True)
        stored = await repos.sources.get(source.id)
        waits.append(stored.next_poll_at - clock())
    interval = timedelta(seconds=settings.poll_interval_seconds)
    assert interval / 2 <= waits[0] <= interval
    assert interval <= waits[1] <= 2 * interval


async def test_a_source_is_not_polled_before_its_backoff_ends(
    feed_server, pipeline, add_source, repos, clock
):
    source = await add_source("site", feed_server.add("/f.xml", status=500))
    await pipeline.poll(source)

    early = await pipeline.poll(await repos.sources.get(source.id))
    clock.advance(hours=1)
    due = await pipeline.poll(await repos.sources.get(source.id))

    assert early.status == PollStatus.NOT_DUE
    assert due.status == PollStatus.FAILED
    assert len(feed_server.hits("/f.xml")) == 2


async def test_retry_after_is_honoured(feed_server, pipeline, add_source, repos):
    source = await add_source(
        "site", feed_server.add("/f.xml", status=429, headers={"Retry-After": "7200"})
    )

    await pipeline.poll(source)

    stored = await repos.sources.get(source.id)
    assert stored.next_poll_at >= NOW + timedelta(seconds=7200)


async def test_a_success_resets_the_failure_count(feed_server, pipeline, add_source, repos):
    source = await add_source("site", feed_server.add("/f.xml", status=503))
    await pipeline.poll(source)
    feed_server.add("/f.xml", FEED)

    outcome = await pipeline.poll(await repos.sources.get(source.id), force=True)

    stored = await repos.sources.get(source.id)
    assert outcome.new == 1
    assert (stored.failure_count, stored.last_error) == (0, None)


async def test_gone_disables_the_source_at_once(feed_server, pipeline, add_source, repos):
    source = await add_source("site", feed_server.add("/f.xml", status=410))

    outcome = await pipeline.poll(source)

    stored = await repos.sources.get(source.id)
    assert outcome.status == PollStatus.DISABLED
    assert "410" in stored.disabled_reason
    assert stored.disabled_at == NOW


async def test_consecutive_failures_disable_the_source_with_the_reason(
    feed_server, pipeline, add_source, repos, settings
):
    source = await add_source("site", feed_server.add("/f.xml", status=500))
    statuses = []
    for _ in range(settings.max_consecutive_failures):
        statuses.append(
            (await pipeline.poll(await repos.sources.get(source.id), force=True)).status
        )

    stored = await repos.sources.get(source.id)
    assert statuses[-1] == PollStatus.DISABLED
    assert set(statuses[:-1]) == {PollStatus.FAILED}
    assert stored.disabled_reason == "3 consecutive failures, last: HTTP 500 Internal Server Error"


async def test_a_disabled_source_is_never_fetched(feed_server, pipeline, add_source, repos):
    source = await add_source("site", feed_server.add("/f.xml", status=410))
    await pipeline.poll(source)

    again = await pipeline.poll(await repos.sources.get(source.id), force=True)
    everything = await pipeline.poll_all(force=True)

    assert again.status == PollStatus.DISABLED
    assert everything == []
    assert len(feed_server.hits("/f.xml")) == 1


async def test_an_unreachable_host_is_a_recorded_failure(pipeline, add_source, repos):
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    source = await add_source("down", "http://127.0.0.1:9/feed.xml")

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.FAILED
    assert (await repos.sources.get(source.id)).last_error.startswith("connection failed")

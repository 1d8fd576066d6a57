"""Fetching over real HTTP: conditional GET, redirects, limits and the proxy."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.fetch import Fetcher, fetch_config
from bot.pipeline import FeedPipeline, PollStatus
from tests.conftest import NOW
from tests.feeds import Entry, rss
from tests.proxies import ConnectProxy, Socks5Proxy

FEED = rss(Entry("Новость", "https://example.org/n/1", "n1", NOW - timedelta(hours=2)))


async def test_etag_makes_the_second_poll_a_304_that_parses_nothing(
    feed_server, pipeline, add_source, repos
):
    url = feed_server.add("/feed.xml", FEED, etag='"v1"')
    source = await add_source("site", url)
    assert (await pipeline.poll(source)).status == PollStatus.STORED
    # Were the body parsed again, this garbage would fail the poll.
    feed_server.routes["/feed.xml"].body = b"<html>not a feed</html>"

    second = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert second.status == PollStatus.NOT_MODIFIED
    assert feed_server.hits("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'
    stored = await repos.sources.get(source.id)
    assert (stored.etag, stored.failure_count, stored.last_error) == ('"v1"', 0, None)


async def test_last_modified_is_sent_back_as_if_modified_since(
    feed_server, pipeline, add_source, repos
):
    stamp = "Thu, 19 Nov 2026 10:00:00 GMT"
    url = feed_server.add("/feed.xml", FEED, last_modified=stamp)
    source = await add_source("site", url)
    await pipeline.poll(source)

    second = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert second.status == PollStatus.NOT_MODIFIED
    assert feed_server.hits("/feed.xml")[-1].headers["If-Modified-Since"] == stamp


async def test_no_validators_means_no_conditional_headers(feed_server, pipeline, add_source):
    url = feed_server.add("/feed.xml", FEED)
    source = await add_source("site", url)
    await pipeline.poll(source)
    headers = feed_server.hits("/feed.xml")[0].headers
    assert "If-None-Match" not in headers
    assert "If-Modified-Since" not in headers
    assert headers["User-Agent"].startswith("rights-alert-bot/")


async def test_a_changed_feed_is_fetched_again_and_only_new_entries_are_added(
    feed_server, pipeline, add_source, repos
):
    url = feed_server.add("/feed.xml", FEED, etag='"v1"')
    source = await add_source("site", url)
    await pipeline.poll(source)
    later = Entry("Ещё новость", "https://example.org/n/2", "n2", NOW - timedelta(hours=1))
    feed_server.add(
        "/feed.xml",
        rss(later, Entry("Новость", "https://example.org/n/1", "n1", NOW - timedelta(hours=2))),
        etag='"v2"',
    )

    second = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert (second.status, second.new, second.seen) == (PollStatus.STORED, 1, 1)
    assert (await repos.sources.get(source.id)).etag == '"v2"'


async def test_a_permanent_redirect_updates_the_stored_url(
    feed_server, pipeline, add_source, repos
):
    target = feed_server.add("/new.xml", FEED)
    old = feed_server.add("/old.xml", status=301, redirect_to=target)
    source = await add_source("site", old)

    outcome = await pipeline.poll(source)

    assert outcome.new == 1
    stored = await repos.sources.get(source.id)
    assert stored.url == target
    assert stored.seed_url == old


async def test_a_temporary_redirect_keeps_the_stored_url(feed_server, pipeline, add_source, repos):
    target = feed_server.add("/today.xml", FEED)
    old = feed_server.add("/feed.xml", status=302, redirect_to=target)
    source = await add_source("site", old)

    outcome = await pipeline.poll(source)

    assert outcome.new == 1
    assert (await repos.sources.get(source.id)).url == old


async def test_a_chain_with_one_temporary_hop_is_not_permanent(
    feed_server, pipeline, add_source, repos
):
    target = feed_server.add("/final.xml", FEED)
    middle = feed_server.add("/middle.xml", status=307, redirect_to=target)
    first = feed_server.add("/first.xml", status=308, redirect_to=middle)
    source = await add_source("site", first)

    await pipeline.poll(source)

    assert (await repos.sources.get(source.id)).url == first


async def test_at_most_two_requests_per_host_at_once(feed_server, pipeline, add_source):
    for n in range(6):
        url = feed_server.add(f"/f{n}.xml", FEED.replace("n1", f"n1-{n}"), delay=0.15)
        await add_source(f"site-{n}", url)

    outcomes = await pipeline.poll_all()

    assert [o.status for o in outcomes] == [PollStatus.STORED] * 6
    assert feed_server.max_in_flight == 2


async def test_the_global_cap_bounds_requests_across_hosts(
    feed_server, db, settings, clock, add_source
):
    # 127.0.0.1 and localhost are two hosts to the fetcher, one server to the test.
    capped = settings.model_copy(update={"max_concurrent_fetches": 3})
    for n in range(4):
        for host in ("127.0.0.1", "localhost"):
            path = f"/{host}-{n}.xml"
            feed_server.add(path, FEED.replace("n1", path), delay=0.15)
            await add_source(
                f"s-{host.replace('.', '-')}-{n}", f"http://{host}:{feed_server.port}{path}"
            )

    async with Fetcher(fetch_config(capped)) as fetcher:
        outcomes = await FeedPipeline(db, fetcher, capped, clock=clock).poll_all()

    assert all(o.status == PollStatus.STORED for o in outcomes)
    assert feed_server.max_in_flight == 3


@pytest.mark.parametrize("proxy_kind", [ConnectProxy, Socks5Proxy], ids=["http", "socks5"])
async def test_feeds_are_fetched_through_the_configured_proxy(
    feed_server, db, settings, clock, add_source, proxy_kind
):
    proxy = proxy_kind()
    await proxy.start()
    try:
        proxied = settings.model_copy(update={"feed_proxy": proxy.url})
        source = await add_source("blocked", feed_server.add("/feed.xml", FEED))
        async with Fetcher(fetch_config(proxied)) as fetcher:
            outcome = await FeedPipeline(db, fetcher, proxied, clock=clock).poll(source)
    finally:
        await proxy.stop()

    assert outcome.new == 1
    assert proxy.tunnels == [f"127.0.0.1:{feed_server.port}"]


async def test_two_polls_of_one_source_never_run_at_once(feed_server, pipeline, add_source):
    source = await add_source("slow", feed_server.add("/feed.xml", FEED, delay=0.2))

    first, second = await asyncio.gather(pipeline.poll(source), pipeline.poll(source))

    assert sorted([first.status, second.status]) == sorted([PollStatus.STORED, PollStatus.BUSY])
    assert len(feed_server.hits("/feed.xml")) == 1

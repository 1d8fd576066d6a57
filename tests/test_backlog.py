"""No burst of old news: old entries are stored as backlog and never handed on."""

from __future__ import annotations

from datetime import timedelta

from bot.pipeline import FeedPipeline
from storage import Repos
from storage.records import ItemStatus
from tests.conftest import NOW
from tests.feeds import Entry, rss


def _entry(n: int, age: timedelta | None) -> Entry:
    published = NOW - age if age is not None else None
    return Entry(f"Новость {n}", f"https://example.org/{n}", f"g{n}", published)


async def test_first_poll_stores_old_entries_as_backlog(feed_server, pipeline, add_source, repos):
    feed = rss(_entry(1, timedelta(days=5)), _entry(2, timedelta(hours=3)))
    source = await add_source("site", feed_server.add("/f.xml", feed))

    outcome = await pipeline.poll(source)

    assert (outcome.new, outcome.backlog) == (2, 1)
    statuses = {i.title: i.status for i in await repos.items.list_recent()}
    assert statuses == {"Новость 1": ItemStatus.BACKLOG, "Новость 2": ItemStatus.NEW}


async def test_first_poll_treats_undated_entries_as_backlog(
    feed_server, pipeline, add_source, repos
):
    source = await add_source("site", feed_server.add("/f.xml", rss(_entry(1, None))))

    outcome = await pipeline.poll(source)

    assert outcome.backlog == 1
    [item] = await repos.items.list_recent()
    assert item.published_at == NOW  # fetch time stands in for the missing date


async def test_later_undated_entries_are_news(feed_server, pipeline, add_source, repos, clock):
    source = await add_source(
        "site", feed_server.add("/f.xml", rss(_entry(1, timedelta(hours=1))))
    )
    await pipeline.poll(source)
    clock.advance(minutes=10)
    feed_server.add("/f.xml", rss(_entry(2, None), _entry(1, timedelta(hours=1))))

    outcome = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert (outcome.new, outcome.backlog) == (1, 0)


async def test_after_a_long_outage_only_recent_entries_are_news(
    feed_server, pipeline, add_source, repos, clock
):
    source = await add_source(
        "site", feed_server.add("/f.xml", rss(_entry(0, timedelta(hours=1))))
    )
    await pipeline.poll(source)
    clock.advance(days=6)
    now = clock()
    # The feed kept publishing while we could not reach it.
    ages = {
        1: timedelta(hours=2),
        2: timedelta(days=1),
        3: timedelta(days=3),
        4: timedelta(days=5),
    }
    feed_server.add(
        "/f.xml",
        rss(
            *(
                Entry(f"N{n}", f"https://example.org/{n}", f"g{n}", now - a)
                for n, a in ages.items()
            )
        ),
    )

    outcome = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert (outcome.new, outcome.backlog) == (4, 2)


async def test_new_entries_are_handed_on_oldest_first(
    feed_server, db, fetcher, settings, clock, add_source
):
    handed: list[list[int]] = []

    async def collect(ids):
        handed.append(list(ids))

    pipeline = FeedPipeline(db, fetcher, settings, clock=clock, on_new_items=collect)
    # Feeds list newest first; the oldest must still reach review first.
    feed = rss(
        _entry(3, timedelta(hours=1)),
        _entry(2, timedelta(hours=2)),
        _entry(1, timedelta(hours=3)),
        _entry(0, timedelta(days=9)),
    )
    source = await add_source("site", feed_server.add("/f.xml", feed))

    await pipeline.poll(source)

    repos = Repos.on(db.conn)
    titles = [(await repos.items.get(item_id)).title for item_id in handed[0]]
    assert titles == ["Новость 1", "Новость 2", "Новость 3"]
    assert handed[0] == sorted(handed[0])


async def test_backlog_age_is_a_setting(feed_server, db, fetcher, settings, clock, add_source):
    short = settings.model_copy(update={"backlog_max_age_hours": 1})
    pipeline = FeedPipeline(db, fetcher, short, clock=clock)
    source = await add_source(
        "site", feed_server.add("/f.xml", rss(_entry(1, timedelta(hours=2))))
    )

    outcome = await pipeline.poll(source)

    assert outcome.backlog == 1

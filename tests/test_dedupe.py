"""An item's identity: GUID within its source, else canonical URL; one story, many sources."""

from __future__ import annotations

from datetime import timedelta

from bot.pipeline import PollStatus
from tests.conftest import NOW
from tests.feeds import Entry, atom, rss

HOUR_AGO = NOW - timedelta(hours=1)


async def test_repolling_the_same_feed_adds_nothing(feed_server, pipeline, add_source, repos):
    feed = rss(
        Entry("Один", "https://example.org/1", "g-1", HOUR_AGO),
        Entry("Два", "https://example.org/2", "g-2", HOUR_AGO),
    )
    source = await add_source("site", feed_server.add("/feed.xml", feed))
    first = await pipeline.poll(source)
    second = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert (first.new, second.new, second.seen) == (2, 0, 2)
    assert await repos.items.count_links() == 2


async def test_the_same_canonical_url_from_two_sources_is_one_item_with_two_sources(
    feed_server, pipeline, add_source, repos
):
    shared = "https://vlast.kz/novosti/67168-x.html"
    one = rss(Entry("Мажилис принял поправки", shared + "?utm_source=rss", "vlast-1", HOUR_AGO))
    two = atom(Entry("Mazhilis adopts amendments", shared + "#comments", "urn:other:9", HOUR_AGO))
    first = await add_source("vlast", feed_server.add("/vlast.xml", one))
    second = await add_source("mirror", feed_server.add("/mirror.xml", two))

    a = await pipeline.poll(first)
    b = await pipeline.poll(second)

    assert (a.new, b.new, b.linked) == (1, 0, 1)
    [item] = await repos.items.list_recent()
    assert item.canonical_url == shared
    assert item.source_count == 2
    assert await repos.items.source_keys(item.id) == ["vlast", "mirror"]


async def test_a_guid_identifies_an_entry_even_when_its_link_changes(
    feed_server, pipeline, add_source, repos
):
    source = await add_source(
        "site",
        feed_server.add(
            "/f.xml", rss(Entry("Заголовок", "https://example.org/a", "id-7", HOUR_AGO))
        ),
    )
    await pipeline.poll(source)
    feed_server.add("/f.xml", rss(Entry("Заголовок", "https://example.org/b", "id-7", HOUR_AGO)))

    again = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert (again.new, again.seen) == (0, 1)


async def test_without_a_guid_the_canonical_url_is_the_identity(
    feed_server, pipeline, add_source, repos
):
    feed = rss(Entry("Без GUID", "https://example.org/x?b=2&a=1&fbclid=zz", None, HOUR_AGO))
    source = await add_source("site", feed_server.add("/f.xml", feed))
    await pipeline.poll(source)
    feed_server.add(
        "/f.xml", rss(Entry("Без GUID", "https://example.org/x?a=1&b=2", None, HOUR_AGO))
    )

    again = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert (again.new, again.seen) == (0, 1)
    [item] = await repos.items.list_recent()
    assert item.guid is None
    assert item.canonical_url == "https://example.org/x?a=1&b=2"


async def test_an_entry_repeated_inside_one_feed_is_stored_once(
    feed_server, pipeline, add_source, repos
):
    entry = Entry("Дубль", "https://example.org/d", "dup", HOUR_AGO)
    source = await add_source("site", feed_server.add("/f.xml", rss(entry, entry)))

    outcome = await pipeline.poll(source)

    assert outcome.new == 1
    assert await repos.items.count_links() == 1


async def test_entries_with_neither_guid_nor_link_are_told_apart_by_content(
    feed_server, pipeline, add_source, repos
):
    feed = rss(Entry("Первая", None, None, HOUR_AGO), Entry("Вторая", None, None, HOUR_AGO))
    source = await add_source("site", feed_server.add("/f.xml", feed))

    first = await pipeline.poll(source)
    second = await pipeline.poll(await repos.sources.get(source.id), force=True)

    assert (first.new, second.new, second.seen) == (2, 0, 2)


async def test_one_polls_inserts_are_one_transaction(feed_server, pipeline, add_source, db):
    """A failure mid-way leaves no half-stored poll: the items and the source's new state
    are committed together."""
    entries = [Entry(f"N{n}", f"https://example.org/{n}", f"g{n}", HOUR_AGO) for n in range(5)]
    source = await add_source("site", feed_server.add("/f.xml", rss(*entries)))
    await db.conn.execute(
        "CREATE TRIGGER refuse_fifth BEFORE INSERT ON items WHEN NEW.title = 'N4' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.FAILED
    assert "refused" in (outcome.error or "")
    async with db.conn.execute("SELECT COUNT(*) FROM items") as cur:
        assert (await cur.fetchone())[0] == 0
    async with db.conn.execute("SELECT last_success_at FROM sources") as cur:
        assert (await cur.fetchone())[0] is None

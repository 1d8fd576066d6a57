from datetime import timedelta

from tests.conftest import NOW
from tests.feeds import Entry, rss


async def test_a_new_feed_is_stored_once(feed_server, pipeline, add_source, repos):
    url = feed_server.add(
        "/feed.xml",
        rss(Entry("Первая новость", "https://example.org/a/1", "g1", NOW - timedelta(hours=1))),
    )
    source = await add_source("example", url)
    outcome = await pipeline.poll(source)
    assert outcome.new == 1
    again = await pipeline.poll(await repos.sources.get(source.id), force=True)
    assert (again.new, again.seen) == (0, 1)

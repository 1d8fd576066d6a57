"""/addsource and /removesource, and moderators told once about failing sources."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import utcnow
from bot.fetch import Fetcher, fetch_config
from bot.source_check import SourceRejected, check_source, source_key
from bot.source_notices import notify_source_problems
from storage import Repos
from storage.records import SourceSeed
from tests.feeds import Entry, rss
from tests.telegram_double import BotAPIDouble
from tests.telegram_harness import MODERATOR, bot_settings, command, harness, user, wait_for


@pytest.fixture
async def api():
    double = BotAPIDouble()
    await double.start()
    yield double
    await double.stop()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/rss", "http"),
        ("file:///etc/passwd", "http"),
        ("not a url", "http"),
        ("http://127.0.0.1:9/rss", "private"),
        ("http://10.1.2.3/rss", "private"),
        ("http://169.254.169.254/latest/meta-data", "private"),
        ("http://[::1]/rss", "private"),
        ("http://localhost/rss", "private"),
    ],
)
async def test_bad_or_private_urls_are_refused_before_any_fetch(settings, url, reason):
    async with Fetcher(fetch_config(settings)) as fetcher:
        with pytest.raises(SourceRejected, match=reason):
            await check_source(url, fetcher, allow_private=False)


async def test_a_page_that_is_not_a_feed_is_refused(settings, feed_server):
    page = feed_server.add(
        "/page", "<html><body>hello</body></html>", headers={"Content-Type": "text/html"}
    )
    async with Fetcher(fetch_config(settings)) as fetcher:
        with pytest.raises(SourceRejected, match="not a feed"):
            await check_source(page, fetcher, allow_private=True)


async def test_addsource_adds_a_working_feed_and_removesource_stops_it(
    db, settings, api, feed_server
):
    url = feed_server.add("/rss.xml", rss(Entry("Новость", "https://example.kz/1", "g1")))
    config = bot_settings(settings, api, allow_private_sources=True)
    changed = []

    async def resync() -> None:
        changed.append(1)

    mod = user(MODERATOR, "en")
    async with (
        Fetcher(fetch_config(config)) as fetcher,
        harness(db, config, api, fetcher=fetcher, on_sources_changed=resync) as h,
    ):
        command(api, MODERATOR, f"/addsource {url}", mod)
        await wait_for(lambda: api.sent(chat_id=MODERATOR))
        added = await h.repos.sources.get_by_key(source_key(url))
        command(api, MODERATOR, f"/addsource {url}", mod)
        await wait_for(lambda: len(api.sent(chat_id=MODERATOR)) == 2)
        command(api, MODERATOR, f"/removesource {source_key(url)}", mod)
        await wait_for(lambda: len(api.sent(chat_id=MODERATOR)) == 3)
        removed = await h.repos.sources.get_by_key(source_key(url))
    replies = [c.params["text"] for c in api.sent(chat_id=MODERATOR)]
    assert replies[0].startswith("Added")
    assert replies[1].startswith("Already a source")
    assert added is not None
    assert added.origin == "chat"
    assert added.active
    assert not removed.active
    assert "removed by" in removed.disabled_reason
    assert changed == [1, 1]


async def test_moderators_are_told_once_about_a_disabled_or_day_long_failing_source(db):
    now = utcnow()
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        dead = await repos.sources.add(SourceSeed("dead", "Dead", "https://a.kz/rss"), now)
        await repos.sources.disable(dead, "HTTP 410 Gone", now)
        flaky = await repos.sources.add(
            SourceSeed("flaky", "Flaky", "https://b.kz/rss"), now - timedelta(days=3)
        )
        await repos.sources.record_failure(
            flaky, now=now, error="timed out", next_poll_at=now + timedelta(hours=1)
        )
        await repos.sources.add(SourceSeed("fine", "Fine", "https://c.kz/rss"), now)
    first = await notify_source_problems(db, [MODERATOR], now)
    again = await notify_source_problems(db, [MODERATOR], now + timedelta(hours=1))
    bodies = [row[0] for row in await db.conn.execute_fetchall("SELECT body FROM outbox")]
    assert (first, again) == (2, 0)
    assert any("dead" in b and "410" in b for b in bodies)
    assert any("flaky" in b and "timed out" in b for b in bodies)

"""Hostile feeds through the real pipeline: served over 127.0.0.1, stored in a real SQLite file.

None may crash a poll, hold up the other sources, or leave markup in what is stored.
"""

from __future__ import annotations

import re
import resource
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.fetch import Fetcher, fetch_config
from bot.pipeline import FeedPipeline, PollStatus
from storage import Database, Repos
from storage.records import ItemStatus, Source, StoredItem
from tests.conftest import NOW, FakeClock
from tests.feed_server import FeedServer
from tests.feeds import Entry, rss

TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]*>")
STORY = "Суд в Алматы назначил активисту штраф за пикет"
GOOD = rss(Entry(STORY, "https://example.org/good/1", "good-1", NOW - timedelta(hours=1)))


def raw_rss(*items: str, encoding: str = "utf-8", prolog: str = "") -> str:
    """An RSS document with items written out by hand, for what tests.feeds would escape."""
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{prolog}'
        '<rss version="2.0"><channel><title>Лента</title><link>https://example.org/</link>'
        f"<description>test</description>{''.join(items)}</channel></rss>"
    )


def raw_item(n: int, description: str, title: str = STORY, extra: str = "") -> str:
    return (
        f"<item><title>{title}</title><link>https://example.org/h/{n}</link>"
        f'<guid isPermaLink="false">h-{n}</guid>{extra}<description>{description}</description>'
        "</item>"
    )


def atom_entry(inner: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom</title><id>urn:hostile</id><updated>2026-11-20T10:00:00Z</updated>"
        f'<entry><id>urn:hostile:1</id><link href="https://example.org/a/1"/>{inner}</entry>'
        "</feed>"
    )


def billion_laughs(*, one_line: bool) -> str:
    """The classic nested-entity bomb: &lol9; expands to 10**9 "lol"s."""
    sep = "" if one_line else "\n"
    levels = [f'<!ENTITY lol "lol">{sep}'] + [
        f'<!ENTITY lol{n} "{("&lol;" if n == 1 else f"&lol{n - 1};") * 10}">{sep}'
        for n in range(1, 10)
    ]
    prolog = f"<!DOCTYPE rss [{sep}{''.join(levels)}]>{sep}"
    document = raw_rss(raw_item(1, "&lol9;", title="Bomb &lol9;"), prolog=prolog)
    # All on one line, no declaration starts a line: feedparser's own filter misses them all.
    return document.replace("?>\n", "?>") if one_line else document


def quadratic_blowup() -> str:
    """One long entity used thousands of times: no nesting, still 100 MB from 56 KB."""
    prolog = f'<!DOCTYPE rss [\n<!ENTITY a "{"ha" * 25_000}">\n]>\n'
    return raw_rss(raw_item(1, "&a;" * 2_000, title="Quadratic"), prolog=prolog)


TRUNCATED = raw_rss(raw_item(1, "Полный текст первой новости."), raw_item(2, "Второй"))
TRUNCATED = TRUNCATED[: TRUNCATED.index("Второй") + 3]

# Every hostile body that should still give stored items; each must be stored free of markup.
HOSTILE: dict[str, tuple[bytes, str]] = {
    "script": (
        rss(Entry(STORY, "https://example.org/x/1", html="<script>alert(1)</script><p>Текст</p>")),
        "application/rss+xml; charset=utf-8",
    ),
    "event-handlers": (
        rss(
            Entry(
                STORY,
                "https://example.org/x/2",
                html='<img src=x onerror=alert(1)><div onmouseover="alert(1)">Текст</div>'
                "<svg onload=alert(1)></svg><body onload=alert(1)>",
            )
        ),
        "application/rss+xml",
    ),
    "javascript-urls": (
        raw_rss(
            "<item><title>Ссылка</title><link>javascript:alert(1)</link>"
            '<description>&lt;a href="javascript:alert(1)"&gt;Подробнее&lt;/a&gt;'
            '&lt;iframe src="javascript:alert(1)"&gt;&lt;/iframe&gt;</description></item>'
        ),
        "application/rss+xml",
    ),
    "script-escaped-twice": (
        rss(
            Entry(STORY, "https://example.org/x/3", html="&lt;script&gt;alert(1)&lt;/script&gt;Т")
        ),
        "application/rss+xml",
    ),
    "script-escaped-three-times": (
        rss(Entry(STORY, "https://example.org/x/4", html="&amp;lt;script&amp;gt;alert(1)Т")),
        "application/rss+xml",
    ),
    "cdata-script": (
        raw_rss(raw_item(5, "<![CDATA[<script>alert(1)</script><p onclick=x>Текст</p>]]>")),
        "application/rss+xml",
    ),
    "nested-cdata-script": (
        raw_rss(raw_item(12, "<![CDATA[<![CDATA[<script>alert(1)</script>]]&gt;Текст]]>")),
        "application/rss+xml",
    ),
    "markup-in-title-and-author": (
        raw_rss(
            raw_item(
                6,
                "Текст",
                title="&lt;img src=x onerror=alert(1)&gt;Заголовок",
                extra="<author>&lt;script&gt;alert(1)&lt;/script&gt;Автор</author>",
            )
        ),
        "application/rss+xml",
    ),
    "escaped-markup-in-atom-text": (
        atom_entry(
            '<title type="text">&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Т</title>'
            '<summary type="text">&amp;lt;img src=x onerror=alert(1)&amp;gt;Текст</summary>'
        ),
        "application/atom+xml",
    ),
    "atom-xhtml-script": (
        atom_entry(
            "<title>Заголовок</title>"
            '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            '<script>alert(1)</script><img src="x" onerror="alert(1)"/>Текст</div></content>'
        ),
        "application/atom+xml",
    ),
    "tag-pieces-that-rebuild-a-tag": (
        rss(Entry(STORY, "https://example.org/x/7", html="&lt;scr&lt;b&gt;ipt&gt;alert(1)Т")),
        "application/rss+xml",
    ),
    "noscript-mutation": (
        rss(
            Entry(
                STORY,
                "https://example.org/x/8",
                html='<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>Т',
            )
        ),
        "application/rss+xml",
    ),
    "style-object-embed": (
        rss(
            Entry(
                STORY,
                "https://example.org/x/9",
                html="<style>*{x:expression(alert(1))}</style><object data=x></object>"
                "<embed src=x><math><mi xlink:href=javascript:alert(1)>m</mi></math>Текст",
            )
        ),
        "application/rss+xml",
    ),
    "utf8-declared-windows-1251": (
        rss(Entry(STORY, "https://example.org/x/10"))
        .replace('encoding="utf-8"', 'encoding="windows-1251"')
        .encode(),
        "application/rss+xml",
    ),
    "windows-1251-declared-utf8": (
        rss(Entry(STORY, "https://example.org/x/11")).encode("cp1251"),
        "application/rss+xml; charset=utf-8",
    ),
    "truncated-with-entries": (TRUNCATED, "application/rss+xml"),
    "billion-laughs": (billion_laughs(one_line=True), "application/rss+xml"),
    "quadratic-blowup": (quadratic_blowup(), "application/rss+xml"),
}


def assert_no_markup(item: StoredItem) -> None:
    for field in (item.title, item.text, item.author or ""):
        lowered = field.lower()
        assert "<script" not in lowered, field
        assert "onerror" not in lowered, field
        assert "javascript:" not in lowered, field
        assert not TAG.search(field), field
    assert item.url is None or item.url.startswith(("http://", "https://"))


async def items_of(repos: Repos, key: str) -> list[StoredItem]:
    return [item for item in await repos.items.list_recent(1000) if item.source_key == key]


async def serve(
    feed_server: FeedServer,
    add_source: Callable[..., Awaitable[Source]],
    key: str,
    body: bytes | str,
    content_type: str,
) -> Source:
    url = feed_server.add(f"/{key}.xml", body, headers={"Content-Type": content_type})
    return await add_source(key, url)


@pytest.fixture
def store_one(feed_server, pipeline, add_source, repos):
    """Serve one feed, poll it, and return the single item it stored."""

    async def store(body: bytes | str, content_type: str) -> StoredItem:
        await pipeline.poll(await serve(feed_server, add_source, "site", body, content_type))
        [item] = await items_of(repos, "site")
        return item

    return store


@asynccontextmanager
async def tuned_pipeline(
    db: Database, settings: Settings, clock: FakeClock, **changes: object
) -> AsyncIterator[FeedPipeline]:
    """The real pipeline on settings with a few values changed (a smaller cap, a shorter
    timeout), with its own fetcher."""
    tuned = settings.model_copy(update=changes)
    async with Fetcher(fetch_config(tuned)) as fetcher:
        yield FeedPipeline(db, fetcher, tuned, clock=clock)


# --- markup -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_no_hostile_feed_leaves_markup_in_a_stored_item(
    case, feed_server, pipeline, add_source, repos
):
    body, content_type = HOSTILE[case]
    source = await serve(feed_server, add_source, "hostile", body, content_type)

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.STORED, outcome.error
    items = await items_of(repos, "hostile")
    assert items
    for item in items:
        assert_no_markup(item)


async def test_a_script_in_a_description_is_dropped_with_its_code(store_one):
    html = "<script>alert(document.cookie)</script><p>Суд назначил штраф.</p>"
    item = await store_one(
        rss(Entry(STORY, "https://example.org/1", html=html)), "application/rss+xml"
    )
    assert item.title == STORY
    assert item.text == "Суд назначил штраф."


async def test_event_handler_attributes_leave_only_the_visible_text(store_one):
    html = '<img src=x onerror="alert(1)"><p onclick="alert(2)">Видимый текст</p>'
    item = await store_one(
        rss(Entry(STORY, "https://example.org/1", html=html)), "application/rss+xml"
    )
    assert item.text == "Видимый текст"


async def test_a_javascript_link_is_never_stored_as_the_item_url(store_one):
    body, content_type = HOSTILE["javascript-urls"]
    item = await store_one(body, content_type)
    assert (item.url, item.canonical_url) == (None, None)
    assert item.text == "Подробнее"


async def test_a_script_escaped_twice_in_a_description_is_dropped(store_one):
    html = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Текст&lt;/p&gt;"
    item = await store_one(
        rss(Entry(STORY, "https://example.org/1", html=html)), "application/rss+xml"
    )
    assert item.text == "Текст"


async def test_a_tag_escaped_three_times_is_stripped_not_stored(store_one):
    body, content_type = HOSTILE["script-escaped-three-times"]
    item = await store_one(body, content_type)
    assert item.text == "alert(1)Т"


async def test_escaped_markup_in_an_atom_text_field_is_stripped(store_one):
    body, content_type = HOSTILE["escaped-markup-in-atom-text"]
    item = await store_one(body, content_type)
    assert (item.title, item.text) == ("Т", "Текст")


async def test_a_cdata_script_is_dropped(store_one):
    body, content_type = HOSTILE["cdata-script"]
    item = await store_one(body, content_type)
    assert item.text == "Текст"


async def test_a_nested_cdata_marker_is_not_left_in_the_text(store_one):
    body, content_type = HOSTILE["nested-cdata-script"]
    item = await store_one(body, content_type)
    assert item.text == "Текст"


# --- encodings --------------------------------------------------------------------------


async def test_utf8_declared_as_windows_1251_reads_as_cyrillic(
    feed_server, pipeline, add_source, repos
):
    body, content_type = HOSTILE["utf8-declared-windows-1251"]
    source = await serve(feed_server, add_source, "site", body, content_type)

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.STORED
    [item] = await items_of(repos, "site")
    assert item.title == STORY


async def test_windows_1251_declared_as_utf8_reads_as_cyrillic(
    feed_server, pipeline, add_source, repos
):
    body, content_type = HOSTILE["windows-1251-declared-utf8"]
    source = await serve(feed_server, add_source, "site", body, content_type)

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.STORED
    [item] = await items_of(repos, "site")
    assert item.title == STORY


async def test_a_legacy_charset_the_feed_declares_is_honoured(store_one):
    body = (
        rss(Entry(STORY, "https://example.org/1"))
        .replace('encoding="utf-8"', 'encoding="koi8-r"')
        .encode("koi8-r")
    )
    item = await store_one(body, "application/rss+xml")
    assert item.title == STORY


# --- broken documents -------------------------------------------------------------------


async def test_a_truncated_feed_keeps_the_entries_it_yields(
    feed_server, pipeline, add_source, repos
):
    source = await serve(feed_server, add_source, "site", TRUNCATED, "application/rss+xml")

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.STORED
    stored = await repos.sources.get(source.id)
    assert (stored.failure_count, stored.last_error) == (0, None)
    texts = {item.canonical_url: item.text for item in await items_of(repos, "site")}
    assert texts["https://example.org/h/1"] == "Полный текст первой новости."


async def test_a_truncated_feed_without_entries_fails_with_the_parse_error(
    feed_server, pipeline, add_source, repos
):
    body = raw_rss()[:120]
    source = await serve(feed_server, add_source, "site", body, "application/rss+xml")

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.FAILED
    stored = await repos.sources.get(source.id)
    assert stored.failure_count == 1
    assert stored.last_error.startswith("not a usable feed: SAXParseException")
    assert await items_of(repos, "site") == []


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/rss+xml"])
async def test_an_html_page_is_not_a_feed_and_nothing_is_stored(
    content_type, feed_server, pipeline, add_source, repos
):
    page = (
        "<!DOCTYPE html><html><head><title>Welcome</title><script>alert(1)</script></head>"
        "<body><h1>Новости</h1><p>Статья</p><a href='/rss'>RSS</a></body></html>"
    )
    source = await serve(feed_server, add_source, "site", page, content_type)

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.FAILED
    assert outcome.error.startswith("not a feed")
    assert (await repos.sources.get(source.id)).last_error.startswith("not a feed")
    assert await items_of(repos, "site") == []


async def test_binary_garbage_is_not_a_feed(feed_server, pipeline, add_source, repos):
    body = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    source = await serve(feed_server, add_source, "site", body, "application/octet-stream")

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.FAILED
    assert outcome.error.startswith("not a feed")


async def test_an_empty_feed_served_as_text_plain_is_a_successful_poll(
    feed_server, pipeline, add_source, repos
):
    source = await serve(feed_server, add_source, "site", rss(), "text/plain")

    outcome = await pipeline.poll(source)

    assert (outcome.status, outcome.new) == (PollStatus.STORED, 0)
    assert (await repos.sources.get(source.id)).failure_count == 0


# --- size and expansion -----------------------------------------------------------------


async def test_a_body_declared_over_the_cap_is_refused(
    feed_server, db, settings, clock, add_source, repos
):
    body = raw_rss(*(raw_item(n, "Текст " * 50) for n in range(20)))
    source = await serve(feed_server, add_source, "big", body, "application/rss+xml")

    async with tuned_pipeline(db, settings, clock, max_feed_bytes=4096) as capped:
        outcome = await capped.poll(source)

    assert outcome.status == PollStatus.FAILED
    assert re.fullmatch(r"body of \d+ bytes is over the 4096-byte cap", outcome.error)
    assert (await repos.sources.get(source.id)).failure_count == 1
    assert await items_of(repos, "big") == []


async def test_a_streamed_body_over_the_cap_is_aborted_mid_download(
    feed_server, db, settings, clock, add_source, repos
):
    body = raw_rss(*(raw_item(n, "Текст " * 50) for n in range(200)))
    url = feed_server.add("/big.xml", body, trickle=0.002)
    source = await add_source("big", url)

    async with tuned_pipeline(db, settings, clock, max_feed_bytes=4096) as capped:
        started = time.monotonic()
        outcome = await capped.poll(source)
        elapsed = time.monotonic() - started

    assert outcome.status == PollStatus.FAILED
    assert outcome.error == "body over the 4096-byte cap; download aborted"
    # The whole body would take over a second to trickle; the fetch stopped at the cap.
    assert elapsed < 0.5
    assert await items_of(repos, "big") == []


@pytest.mark.parametrize("one_line", [False, True], ids=["one-per-line", "all-on-one-line"])
async def test_an_entity_bomb_is_not_expanded(one_line, feed_server, pipeline, add_source, repos):
    source = await serve(
        feed_server, add_source, "bomb", billion_laughs(one_line=one_line), "application/rss+xml"
    )
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    started = time.monotonic()
    outcome = await pipeline.poll(source)
    elapsed = time.monotonic() - started

    assert outcome.status == PollStatus.STORED
    [item] = await items_of(repos, "bomb")
    assert "lollol" not in item.title + item.text
    assert len(item.title) + len(item.text) < 100
    assert elapsed < 0.5
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kib < 64 * 1024


async def test_one_long_entity_used_thousands_of_times_is_not_expanded(
    feed_server, pipeline, add_source, repos
):
    source = await serve(
        feed_server, add_source, "quad", quadratic_blowup(), "application/rss+xml"
    )
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    outcome = await pipeline.poll(source)

    assert outcome.status == PollStatus.STORED
    [item] = await items_of(repos, "quad")
    assert "hahaha" not in item.text
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kib < 64 * 1024


# --- slow and failing servers -----------------------------------------------------------


async def test_a_slow_server_times_out_while_a_fast_source_is_stored(
    feed_server, db, settings, clock, add_source, repos
):
    slow = await add_source("slow", feed_server.add("/slow.xml", GOOD, delay=1.5))
    await add_source("fast", feed_server.add("/fast.xml", GOOD.replace("good-1", "fast-1")))

    async with tuned_pipeline(db, settings, clock, fetch_timeout_seconds=0.2) as quick:
        started = time.monotonic()
        outcomes = {o.source_key: o for o in await quick.poll_all()}
        elapsed = time.monotonic() - started

    assert outcomes["slow"].status == PollStatus.FAILED
    assert outcomes["slow"].error == "timed out after 0.2s"
    assert (await repos.sources.get(slow.id)).failure_count == 1
    assert (outcomes["fast"].status, outcomes["fast"].new) == (PollStatus.STORED, 1)
    assert elapsed < 1.0


async def test_a_body_trickled_past_the_timeout_fails_with_a_timeout(
    feed_server, db, settings, clock, add_source, repos
):
    body = raw_rss(*(raw_item(n, "Текст") for n in range(40)))
    source = await add_source("drip", feed_server.add("/drip.xml", body, trickle=0.1))

    async with tuned_pipeline(db, settings, clock, fetch_timeout_seconds=0.2) as quick:
        outcome = await quick.poll(source)

    assert outcome.status == PollStatus.FAILED
    assert outcome.error == "timed out after 0.2s"
    assert await items_of(repos, "drip") == []


async def test_a_500_with_an_html_body_is_a_failure_that_backs_off(
    feed_server, pipeline, add_source, repos, clock, settings
):
    page = "<html><body><script>alert(1)</script>Internal error</body></html>"
    url = feed_server.add("/broken.xml", page, status=500, headers={"Content-Type": "text/html"})
    broken = await add_source("broken", url)
    await add_source("good", feed_server.add("/good.xml", GOOD))

    outcomes = {o.source_key: o for o in await pipeline.poll_all()}

    assert outcomes["broken"].status == PollStatus.FAILED
    stored = await repos.sources.get(broken.id)
    assert stored.failure_count == 1
    assert stored.last_error == "HTTP 500 Internal Server Error"
    assert stored.next_poll_at >= clock() + timedelta(seconds=settings.poll_interval_seconds / 2)
    assert await items_of(repos, "broken") == []
    assert outcomes["good"].new == 1


async def test_consecutive_500s_disable_the_source_but_not_its_neighbours(
    feed_server, pipeline, add_source, repos, clock, settings
):
    broken = await add_source("broken", feed_server.add("/broken.xml", status=500))
    good = await add_source("good", feed_server.add("/good.xml", GOOD))
    statuses = []
    for _ in range(settings.max_consecutive_failures + 1):
        outcomes = {o.source_key: o for o in await pipeline.poll_all()}
        statuses.append(outcomes["broken"].status if "broken" in outcomes else None)
        clock.advance(hours=1)

    assert statuses == [PollStatus.FAILED, PollStatus.FAILED, PollStatus.DISABLED, None]
    stored = await repos.sources.get(broken.id)
    assert stored.disabled_reason == "3 consecutive failures, last: HTTP 500 Internal Server Error"
    assert len(feed_server.hits("/broken.xml")) == settings.max_consecutive_failures
    neighbour = await repos.sources.get(good.id)
    assert (neighbour.active, neighbour.failure_count) == (True, 0)
    assert len(feed_server.hits("/good.xml")) == settings.max_consecutive_failures + 1


# --- dates ------------------------------------------------------------------------------


async def test_absurd_dates_are_replaced_by_the_fetch_time(
    feed_server, pipeline, add_source, repos, clock
):
    plausible = NOW - timedelta(hours=2)
    body = rss(
        Entry("Из будущего", "https://example.org/d/2099", published=NOW.replace(year=2099)),
        Entry("Из 1970-го", "https://example.org/d/1970", published=NOW.replace(year=1970)),
        Entry("Обычная", "https://example.org/d/now", published=plausible),
    )
    source = await serve(feed_server, add_source, "dates", body, "application/rss+xml")

    await pipeline.poll(source)

    items = {item.canonical_url: item for item in await items_of(repos, "dates")}
    assert items["https://example.org/d/2099"].published_at == clock()
    assert items["https://example.org/d/1970"].published_at == clock()
    assert items["https://example.org/d/now"].published_at == plausible
    # A first poll treats an undated entry as old news: a fake date cannot jump the queue.
    assert items["https://example.org/d/2099"].status == ItemStatus.BACKLOG


# --- all at once ------------------------------------------------------------------------


async def test_one_round_over_every_hostile_source_still_stores_the_good_one(
    feed_server, db, settings, clock, add_source, repos
):
    for n, (body, content_type) in enumerate(HOSTILE.values()):
        await serve(feed_server, add_source, f"hostile-{n}", body, content_type)
    await add_source("slow", feed_server.add("/slow.xml", GOOD, delay=1.5))
    await add_source("huge", feed_server.add("/huge.xml", "x" * 200_000))
    await add_source("down", feed_server.add("/down.xml", status=500))
    await serve(feed_server, add_source, "page", "<html><p>Hi</p></html>", "text/html")
    await add_source("good", feed_server.add("/good.xml", GOOD))

    async with tuned_pipeline(
        db, settings, clock, fetch_timeout_seconds=0.2, max_feed_bytes=100_000
    ) as tuned:
        outcomes = {o.source_key: o for o in await tuned.poll_all()}

    assert (outcomes["good"].status, outcomes["good"].new) == (PollStatus.STORED, 1)
    failed = {key for key, o in outcomes.items() if o.status == PollStatus.FAILED}
    assert failed == {"slow", "huge", "down", "page"}
    for item in await repos.items.list_recent(1000):
        assert_no_markup(item)

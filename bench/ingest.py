"""Ingest speed: feedparser alone vs the whole path (parse, normalise, de-duplicate, store).

Run: .venv/bin/python bench/ingest.py [--entries 5000] [--rounds 3]
Prints items per second for both, the ratio whole/parse-alone (goal <= 1.5), and what a
second poll of the unchanged feed costs (a 304: no parse at all).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import feed_parse
from bot.config import Settings
from bot.fetch import Fetched, Fetcher, fetch_config
from bot.pipeline import FeedPipeline, PollStatus
from storage import Repos, open_database
from storage.records import SourceSeed
from tests.feed_server import FeedServer

_PHRASE = (
    "суд приговорил активиста блогера журналиста задержали полиция Алматы Астана митинг "
    "правозащитники заявили статья уголовного кодекса жалоба адвокат профсоюз мигранты "
    "Kazakhstan court detained activist police protest rights lawyer union"
)
WORDS = _PHRASE.split()


def make_feed(entries: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    items = []
    for n in range(entries):
        paragraphs = "".join(
            f"<p>{' '.join(rnd.choices(WORDS, k=30))} <a href='https://ex.org/{n}'>ссылка</a></p>"
            for _ in range(3)
        )  # about 1 KB of text per entry, like a news teaser of a few paragraphs
        items.append(
            f"<item><title>{escape(' '.join(rnd.choices(WORDS, k=8)))} №{n}</title>"
            f"<link>https://example.org/news/{n}?utm_source=rss</link>"
            f'<guid isPermaLink="false">bench-{n}</guid>'
            f"<pubDate>{format_datetime(now - timedelta(minutes=n))}</pubDate>"
            f"<description>{escape(paragraphs)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
        "<link>https://example.org/</link><language>ru</language><description>b</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def time_parse_alone(body: bytes, rounds: int, *, as_pipeline: bool) -> float:
    """feedparser.parse with its defaults, or with the options the pipeline passes."""
    options = {"sanitize_html": False, "resolve_relative_uris": False} if as_pipeline else {}
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        result = feedparser.parse(
            io.BytesIO(body),
            response_headers={"content-location": "https://example.org/feed.xml"},
            **options,
        )
        best = min(best, time.perf_counter() - start)
        assert result.entries
    return best


async def time_whole_path(body: bytes, rounds: int, workdir: Path) -> tuple[float, int]:
    best, stored = float("inf"), 0
    for n in range(rounds):
        settings = Settings(_env_file=None, database_path=workdir / f"bench-{n}.sqlite3")  # type: ignore[call-arg]
        db = await open_database(settings.database_path)
        async with db.transaction():
            await Repos.on(db.conn).sources.add(
                SourceSeed("bench", "Bench", "https://example.org/feed.xml", "ru"),
                datetime.now(UTC),
            )
        source = await Repos.on(db.conn).sources.get_by_key("bench")
        assert source is not None
        fetched = Fetched(200, body, None, None, "application/rss+xml", source.url, None)
        async with Fetcher(fetch_config(settings)) as fetcher:
            pipeline = FeedPipeline(db, fetcher, settings)
            start = time.perf_counter()
            result = await pipeline.ingest(source, fetched)
            best = min(best, time.perf_counter() - start)
        stored = result.new_count
        await db.close()
    return best, stored


async def second_poll_cost(body: bytes, workdir: Path) -> tuple[PollStatus, int, float]:
    """Poll a served feed twice; count feedparser calls during the second (304) poll."""
    server = FeedServer()
    await server.start()
    calls = 0
    original = feed_parse.feedparser.parse

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    try:
        url = server.add("/feed.xml", body, etag='"bench-1"')
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, database_path=workdir / "poll.sqlite3", max_feed_bytes=len(body) * 2
        )
        db = await open_database(settings.database_path)
        async with db.transaction():
            await Repos.on(db.conn).sources.add(
                SourceSeed("bench", "Bench", url, "ru"), datetime.now(UTC)
            )
        repos = Repos.on(db.conn)
        async with Fetcher(fetch_config(settings)) as fetcher:
            pipeline = FeedPipeline(db, fetcher, settings)
            await pipeline.poll_all(force=True)
            feed_parse.feedparser.parse = counting  # type: ignore[assignment]
            start = time.perf_counter()
            [outcome] = await pipeline.poll_all(force=True)
            elapsed = time.perf_counter() - start
        assert await repos.items.count_links() > 0
        await db.close()
    finally:
        feed_parse.feedparser.parse = original  # type: ignore[assignment]
        await server.stop()
    return outcome.status, calls, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    body = make_feed(args.entries)
    print(f"feed: {args.entries} entries, {len(body) / 1e6:.1f} MB; best of {args.rounds} rounds")
    parse_s = time_parse_alone(body, args.rounds, as_pipeline=False)
    lean_s = time_parse_alone(body, args.rounds, as_pipeline=True)
    with tempfile.TemporaryDirectory() as tmp:
        whole_s, stored = asyncio.run(time_whole_path(body, args.rounds, Path(tmp)))
        status, calls, second_s = asyncio.run(second_poll_cost(body, Path(tmp)))
    n = args.entries
    print(f"feedparser parse alone : {parse_s:6.2f} s  {n / parse_s:8.0f} items/s  (defaults)")
    print(f"  as the pipeline calls: {lean_s:6.2f} s  {n / lean_s:8.0f} items/s  (no sanitiser)")
    print(
        f"whole ingest path      : {whole_s:6.2f} s  {n / whole_s:8.0f} items/s  ({stored} stored)"
    )
    print(f"ratio whole/parse      : {whole_s / parse_s:6.2f}   (goal <= 1.5)")
    print(f"ratio whole/lean parse : {whole_s / lean_s:6.2f}   (normalise + store overhead)")
    ms = second_s * 1000
    print(f"second poll            : {status.value}, feedparser calls: {calls}, {ms:.0f} ms")


if __name__ == "__main__":
    main()

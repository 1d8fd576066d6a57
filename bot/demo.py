"""The offline demo: the seed stories served on 127.0.0.1, through the real pipeline."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import yaml
from aiohttp import web
from pydantic import BaseModel

from bot.classifier.classify import Classifier
from bot.classifier_commands import thresholds
from bot.classify_stage import ClassificationStage
from bot.clock import utcnow
from bot.config import Settings
from bot.fetch import Fetcher, fetch_config
from bot.pipeline import FeedPipeline, PollOutcome
from bot.table import render_table
from storage import Database, Repos, open_database
from storage.records import SourceSeed

log = logging.getLogger(__name__)

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "seeds" / "samples"
DEMO_DATABASE = Path("data/demo.sqlite3")
# The seed stories are years old; the demo treats them as new so they go on to review.
DEMO_BACKLOG_HOURS = 24 * 365 * 30


class DemoSource(BaseModel):
    key: str
    name: str
    file: str
    lang: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class DemoResult:
    first: list[PollOutcome]
    second: list[PollOutcome]
    items: int


def load_manifest(samples: Path) -> list[DemoSource]:
    raw = yaml.safe_load((samples / "manifest.yaml").read_text(encoding="utf-8"))
    return [DemoSource.model_validate(entry) for entry in raw["sources"]]


async def serve_samples(samples: Path, files: list[str]) -> tuple[web.AppRunner, int]:
    """Serve exactly the listed files, with the ETag/Last-Modified a real site sends."""
    allowed = set(files)

    async def feed(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in allowed:
            raise web.HTTPNotFound
        return web.FileResponse(samples / name, headers={"Content-Type": "application/xml"})

    app = web.Application()
    app.router.add_get("/{name}", feed)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, port


def fresh_database_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def run_demo(
    settings: Settings,
    *,
    samples: Path = SAMPLES_DIR,
    database: Path = DEMO_DATABASE,
    out: TextIO,
) -> DemoResult:
    sources = load_manifest(samples)
    runner, port = await serve_samples(samples, [s.file for s in sources])
    fresh_database_file(database)
    db = await open_database(database)
    try:
        seeds = [
            SourceSeed(s.key, s.name, f"http://127.0.0.1:{port}/{s.file}", s.lang, s.country)
            for s in sources
        ]
        async with db.transaction():
            await Repos.on(db.conn).sources.sync_from_file(seeds, utcnow())
        demo_settings = settings.model_copy(update={"backlog_max_age_hours": DEMO_BACKLOG_HOURS})
        stage = ClassificationStage(db, Classifier.load(thresholds(settings)))
        async with Fetcher(fetch_config(demo_settings)) as fetcher:
            pipeline = FeedPipeline(db, fetcher, demo_settings, on_new_items=stage.on_new_items)
            first = await pipeline.poll_all(force=True)
            second = await pipeline.poll_all(force=True)
        items = await _print_report(db, first, second, database, out)
    finally:
        await db.close()
        await runner.cleanup()
    return DemoResult(first, second, items)


async def _print_report(
    db: Database, first: list[PollOutcome], second: list[PollOutcome], path: Path, out: TextIO
) -> int:
    repos = Repos.on(db.conn)
    items = sorted(await repos.items.list_recent(limit=1000), key=lambda i: (i.published_at, i.id))
    rows = []
    for item in items:
        found = await repos.items.classification(item.id)
        labels = ", ".join(found.categories) if found and found.categories else "-"
        day = item.published_at.strftime("%Y-%m-%d")
        rows.append((item.id, item.source_key, day, item.lang, item.title, labels))
    out.write("Offline demo: the seed stories, fetched over 127.0.0.1, stored and classified\n\n")
    headers = ["#", "source", "date", "lang", "title", "categories"]
    out.write(render_table(headers, rows, max_width=(4, 12, 10, 4, 44, 90)))
    out.write("\n\n")
    failed = [o for o in first if o.error]
    out.write(
        f"first poll:  {len(first)} sources, {sum(o.new for o in first)} new items, "
        f"{sum(o.linked for o in first)} linked to a story already stored, {len(failed)} failed\n"
    )
    out.write(
        f"second poll: {sum(o.new for o in second)} new items, "
        f"{sum(1 for o in second if o.status == 'not modified')} of {len(second)} sources "
        "answered 304 Not Modified (nothing parsed)\n"
    )
    for outcome in failed:
        out.write(f"  {outcome.source_key}: {outcome.error}\n")
    out.write(f"{len(items)} items stored in {path}\n")
    return len(items)

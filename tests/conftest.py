from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.fetch import Fetcher, fetch_config
from bot.pipeline import FeedPipeline
from storage import Database, Repos, open_database
from storage.records import Source, SourceSeed
from tests.feed_server import FeedServer

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's .env or environment."""
    monkeypatch.chdir(tmp_path)
    for name in list(Settings.model_fields):
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_path=tmp_path / "bot.sqlite3",
        fetch_timeout_seconds=2,
        poll_jitter_seconds=0,
        max_consecutive_failures=3,
    )


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Database]:
    database = await open_database(settings.database_path)
    yield database
    await database.close()


@pytest.fixture
def repos(db: Database) -> Repos:
    return Repos.on(db.conn)


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    async with Fetcher(fetch_config(settings)) as active:
        yield active


@pytest.fixture
def pipeline(db: Database, fetcher: Fetcher, settings: Settings, clock: FakeClock) -> FeedPipeline:
    return FeedPipeline(db, fetcher, settings, clock=clock)


@pytest.fixture
def add_source(db: Database, repos: Repos, clock: FakeClock) -> Callable[..., object]:
    """Register a source and return it as stored: `await add_source("key", url)`."""

    async def add(key: str, url: str, **fields: object) -> Source:
        async with db.transaction():
            source_id = await repos.sources.add(
                SourceSeed(key=key, name=key.title(), url=url, **fields),  # type: ignore[arg-type]
                clock(),
            )
        stored = await repos.sources.get(source_id)
        assert stored is not None
        return stored

    return add

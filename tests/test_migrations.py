"""Schema migrations: ordered, recorded in user_version, keeping existing data."""

from __future__ import annotations

import sqlite3

import pytest

from storage import open_database
from storage.migrate import MigrationError, load_migrations


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in load_migrations()]
    assert versions == list(range(1, len(versions) + 1))


async def test_a_fresh_database_reaches_the_latest_version(tmp_path):
    db = await open_database(tmp_path / "fresh.sqlite3")
    async with db.conn.execute("PRAGMA user_version") as cur:
        version = (await cur.fetchone())[0]
    async with db.conn.execute("PRAGMA journal_mode") as cur:
        mode = (await cur.fetchone())[0]
    async with db.conn.execute("PRAGMA foreign_keys") as cur:
        fks = (await cur.fetchone())[0]
    await db.close()
    assert version == len(load_migrations())
    assert (mode, fks) == ("wal", 1)


async def test_migrating_an_existing_database_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = await open_database(path, migrate_to=1)
    await old.conn.execute(
        "INSERT INTO sources (key, name, url, seed_url, created_at) "
        "VALUES ('vlast', 'Власть', 'https://vlast.kz/rss', 'https://vlast.kz/rss', "
        "'2025-11-12T10:00:00Z')"
    )
    await old.conn.execute(
        "INSERT INTO items (source_id, guid, canonical_url, title, text, published_at, "
        "fetched_at, content_hash, status) VALUES (1, 'g', 'https://vlast.kz/n/1', "
        "'Заголовок', 'Текст', '2025-11-12T10:00:00Z', '2025-11-12T10:05:00Z', 'h', 'new')"
    )
    await old.conn.commit()
    await old.close()

    db = await open_database(path)
    async with db.conn.execute("SELECT title, categories, relevance FROM items") as cur:
        rows = [tuple(row) for row in await cur.fetchall()]
    async with db.conn.execute("PRAGMA user_version") as cur:
        version = (await cur.fetchone())[0]
    await db.close()

    assert rows == [("Заголовок", "[]", None)]
    assert version == len(load_migrations())


async def test_reopening_a_current_database_changes_nothing(tmp_path):
    path = tmp_path / "db.sqlite3"
    await (await open_database(path)).close()
    before = path.stat().st_size
    db = await open_database(path)
    await db.close()
    assert path.stat().st_size == before


async def test_a_database_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(MigrationError, match="newer than this program knows"):
        await open_database(path)

"""Ordered, append-only SQL migrations recorded in PRAGMA user_version."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources

import aiosqlite

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The migration files in order; numbering must be 1, 2, 3... with no gaps."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"migration {migration.name} breaks the 1, 2, 3... numbering")
    return found


async def current_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def apply_migrations(conn: aiosqlite.Connection, *, target: int | None = None) -> int:
    """Bring the schema up to `target` (default: latest), each migration in its own
    transaction. Returns the version reached."""
    migrations = load_migrations()
    latest = migrations[-1].version if migrations else 0
    target = latest if target is None else target
    version = await current_version(conn)
    if version > latest:
        raise MigrationError(
            f"database schema version {version} is newer than this program knows ({latest}); "
            "upgrade the program or use another DATABASE_PATH"
        )
    for migration in migrations:
        if version < migration.version <= target:
            await _apply_one(conn, migration)
            version = migration.version
    return version


async def _apply_one(conn: aiosqlite.Connection, migration: Migration) -> None:
    log.info("applying migration %s", migration.name)
    # One script in one transaction: a failing statement leaves the version untouched.
    script = (
        f"BEGIN IMMEDIATE;\n{migration.sql}\n;"
        f"PRAGMA user_version = {migration.version:d};\nCOMMIT;"
    )
    try:
        await conn.executescript(script)
    except BaseException:
        if conn.in_transaction:
            await conn.rollback()
        raise

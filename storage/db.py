"""Connection set-up and the transaction boundary the callers own."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.migrate import apply_migrations

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


class Database:
    """One aiosqlite connection; writes go through `transaction()`."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # Coroutines share the connection; their transactions must take turns.
        self._write_lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            # IMMEDIATE takes SQLite's write lock up front, so no other process can slip
            # in between our reads and writes (id allocation relies on it).
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.rollback()
                raise
            else:
                await self.conn.commit()

    async def close(self) -> None:
        await self.conn.close()


async def open_database(path: Path | str, *, migrate_to: int | None = None) -> Database:
    """Open (creating folders as needed), configure and migrate the database at `path`."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA synchronous=NORMAL")
        await apply_migrations(conn, target=migrate_to)
    except BaseException:
        await conn.close()
        raise
    return Database(conn, path)

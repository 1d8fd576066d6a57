"""The repositories handed to the pipeline and handlers, all on one connection."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.items_repo import ItemRepo
from storage.sources_repo import SourceRepo


@dataclass(frozen=True)
class Repos:
    sources: SourceRepo
    items: ItemRepo

    @classmethod
    def on(cls, conn: aiosqlite.Connection) -> Repos:
        return cls(sources=SourceRepo(conn), items=ItemRepo(conn))

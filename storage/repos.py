"""The repositories handed to the pipeline and handlers, all on one connection."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.chats_repo import ChatRepo
from storage.items_repo import ItemRepo
from storage.outbox_repo import OutboxRepo
from storage.reviews_repo import ReviewRepo
from storage.sources_repo import SourceRepo
from storage.stats_repo import StatsRepo


@dataclass(frozen=True)
class Repos:
    sources: SourceRepo
    items: ItemRepo
    chats: ChatRepo
    reviews: ReviewRepo
    outbox: OutboxRepo
    stats: StatsRepo

    @classmethod
    def on(cls, conn: aiosqlite.Connection) -> Repos:
        return cls(
            sources=SourceRepo(conn),
            items=ItemRepo(conn),
            chats=ChatRepo(conn),
            reviews=ReviewRepo(conn),
            outbox=OutboxRepo(conn),
            stats=StatsRepo(conn),
        )

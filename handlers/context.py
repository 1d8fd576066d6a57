"""What every handler gets (as the `ctx` argument): the database, taxonomy, settings,
the sender to wake and the clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.classifier.taxonomy import Taxonomy
from bot.clock import Clock, utcnow
from bot.config import Settings
from bot.fetch import Fetcher
from bot.sender import Sender
from storage import Database, Repos


@dataclass
class BotContext:
    db: Database
    taxonomy: Taxonomy
    settings: Settings
    sender: Sender | None = None
    clock: Clock = utcnow
    # Set when the bot runs the feed pipeline: /addsource fetches with it, and the poll
    # jobs are brought in line with the sources after /addsource and /removesource.
    fetcher: Fetcher | None = None
    on_sources_changed: Callable[[], Awaitable[None]] | None = None

    @property
    def repos(self) -> Repos:
        return Repos.on(self.db.conn)

    def is_moderator(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.moderator_ids

    def wake_sender(self) -> None:
        if self.sender is not None:
            self.sender.wake()

"""Moderators are told once when a source is disabled or has failed for a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.html_text import esc, shorten
from bot.transport import ChatId
from storage import Database, Repos

FAILING_FOR = timedelta(days=1)


async def notify_source_problems(db: Database, targets: Sequence[ChatId], now: datetime) -> int:
    """Queue a notice for each source problem not reported yet; returns how many."""
    told = 0
    async with db.transaction() as conn:
        repos = Repos.on(conn)
        for source in await repos.stats.failing_sources(now - FAILING_FOR):
            kind = "disabled" if source.disabled else "failing"
            if not await repos.stats.notice_sent(source.id, f"{kind}: {source.reason}"[:500], now):
                continue
            headline = "⛔ Source disabled" if source.disabled else "⚠️ Source failing for a day"
            body = (
                f"<b>{headline}</b>: <code>{esc(source.key)}</code>\n"
                f"{esc(shorten(source.reason, 500))}"
            )
            await repos.outbox.enqueue("notice", None, targets, now, body=body)
            told += 1
    return told

"""`python -m bot run` with a token, as an operator starts it: a real process polling a
feed on 127.0.0.1, classifying, and sending review cards to the Bot API double."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime, timedelta

import pytest

from tests.feeds import Entry, rss
from tests.telegram_double import TOKEN, BotAPIDouble
from tests.telegram_harness import MODERATOR, buttons, wait_for
from tests.test_cli import _bot

STORY = (
    "<p>В Шымкенте полицейские избили и пытали задержанного, выбивая признание; "
    "адвокат подал жалобу в прокуратуру о пытках.</p>"
)


@pytest.fixture
async def api():
    double = BotAPIDouble()
    await double.start()
    yield double
    await double.stop()


async def test_run_polls_classifies_and_sends_the_review_card(tmp_path, api, feed_server):
    published = datetime.now(UTC) - timedelta(hours=1)
    url = feed_server.add(
        "/feed.xml", rss(Entry("Задержанного пытали в Шымкенте", "https://e.kz/9", "g9",
                               published, STORY))
    )  # fmt: skip
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"sources:\n  - {{key: local, name: Local, url: '{url}', lang: ru}}\n")
    process = await _bot(
        "run",
        cwd=tmp_path,
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api.base_url,
        MODERATOR_IDS=str(MODERATOR),
        SOURCES_FILE=str(sources),
        DATABASE_PATH="bot.sqlite3",
        POLL_JITTER_SECONDS="0",
    )
    try:
        card = await wait_for(lambda: api.sent(chat_id=MODERATOR), limit=60)
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 30)
    assert "Задержанного пытали в Шымкенте" in card[0].params["text"]
    assert any("Approve" in b["text"] for b in buttons(card[0]))
    assert code == 0

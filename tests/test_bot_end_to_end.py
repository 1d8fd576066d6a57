"""A subscriber, a feed item, a moderator and the alert: end to end through aiogram's
real session, the Bot API double, the real pipeline and classifier, and a SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.classifier.classify import Classifier
from bot.classify_stage import ClassificationStage, ReviewRouting
from bot.clock import utcnow
from bot.fetch import Fetcher, fetch_config
from bot.pipeline import FeedPipeline
from storage import Repos
from storage.records import SourceSeed
from tests.feeds import Entry, rss
from tests.telegram_double import BotAPIDouble
from tests.telegram_harness import (
    MODERATOR,
    answer_to,
    bot_settings,
    buttons,
    command,
    harness,
    press,
    user,
    wait_for,
)

TORTURE_STORY = (
    "<p>В Алматы сотрудники полиции задержали 24-летнего Ержана Сапарова и, по словам "
    "адвоката, пытали его в отделении, выбивая признательные показания: били и надевали "
    "пакет на голову. Прокуратура начала проверку по статье о пытках.</p>"
)


@pytest.fixture
async def api():
    double = BotAPIDouble()
    await double.start()
    yield double
    await double.stop()


@pytest.fixture
def classifier() -> Classifier:
    return Classifier.load()


def _mentions(calls, words):
    return [c for c in calls if words in c.params.get("text", "")]


async def _feed_item(db, settings, feed_server, classifier, on_queued):
    """Serve one torture story, poll it, classify it and put it up for review."""
    published = datetime.now(UTC) - timedelta(hours=1)
    url = feed_server.add(
        "/news.xml",
        rss(Entry("Задержанного пытали в полиции Алматы", "https://example.kz/1", "g1", published,
                  TORTURE_STORY)),
    )  # fmt: skip
    async with db.transaction() as conn:
        await Repos.on(conn).sources.add(SourceSeed("local", "Local News", url), utcnow())
    stage = ClassificationStage(db, classifier, review=ReviewRouting([MODERATOR], on_queued))
    async with Fetcher(fetch_config(settings)) as fetcher:
        pipeline = FeedPipeline(db, fetcher, settings, on_new_items=stage.on_new_items)
        await pipeline.poll_all(force=True)


async def test_subscribe_review_approve_delivers_exactly_to_matching_subscribers(
    db, settings, api, feed_server, classifier
):
    config = bot_settings(settings, api)
    reader, other = 101, 102
    async with harness(db, config, api) as h:
        command(api, reader, "/start", user(reader, "ru"))
        command(api, reader, "/subscribe torture", user(reader, "ru"))
        command(api, other, "/start", user(other, "en"))
        command(api, other, "/subscribe religion", user(other, "en"))
        await wait_for(lambda: len(api.sent(chat_id=reader)) >= 2)
        await wait_for(lambda: len(api.sent(chat_id=other)) >= 2)

        await _feed_item(db, config, feed_server, classifier, h.running.sender.wake)
        card = await wait_for(lambda: api.sent(chat_id=MODERATOR))
        card = card[0]
        texts = [b["text"] for b in buttons(card)]
        assert any("Approve" in t for t in texts)
        assert any("Reject" in t for t in texts)
        assert "Задержанного пытали" in card.params["text"]
        item_id = (await h.repos.reviews.pending(10))[0][0].item_id

        # Someone who is not a moderator presses Approve: refused, nothing changes.
        refused = press(api, user(reader, "ru"), f"rv:ok:{item_id}", MODERATOR, 1)
        answer = await wait_for(lambda: answer_to(api, refused))
        assert answer.params.get("show_alert") in (True, "true", "True")
        assert (await h.repos.reviews.get(item_id)).status == "pending"

        approve = press(api, user(MODERATOR, "en", "Aida"), f"rv:ok:{item_id}", MODERATOR, 1)
        await wait_for(lambda: answer_to(api, approve))
        alerts = await wait_for(lambda: _mentions(api.sent(chat_id=reader), "Задержанного"))

    assert len(alerts) == 1
    assert "Пытки" in alerts[0].params["text"]  # the reader's language
    assert not _mentions(api.sent(chat_id=other), "Задержанного")
    review = await h.repos.reviews.get(item_id)
    assert review.status == "approved"
    assert review.decided_by_name.startswith("Aida")

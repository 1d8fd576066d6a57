"""The delivery engine against the Bot API double through aiogram's real session:
fan-out, flood control, blocked chats, server errors, restarts."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot import moderation
from bot.classifier.taxonomy import load_taxonomy
from bot.clock import utcnow
from handlers.app import running_bot
from handlers.context import BotContext
from tests.telegram_double import (
    BLOCKED,
    CHAT_NOT_FOUND,
    SERVER_ERROR,
    BotAPIDouble,
    too_many_requests,
)
from tests.telegram_harness import (
    MODERATOR,
    bot_settings,
    harness,
    stored_item,
    subscribe_all,
    wait_for,
)

ADMIN = moderation.Moderator(MODERATOR, "Aida")


@pytest.fixture
async def api():
    double = BotAPIDouble()
    await double.start()
    yield double
    await double.stop()


def _alerts(api: BotAPIDouble, chat_id: int | None = None) -> list:
    return [c for c in api.sent(chat_id=chat_id) if "Активиста" in c.params.get("text", "")]


async def _approve(db, item_id: int, channel=None) -> moderation.Outcome:
    return await moderation.decide(db, item_id, "approve", ADMIN, utcnow(), channel=channel)


async def test_every_matching_subscriber_and_the_channel_get_one_alert(db, settings, api):
    readers = list(range(1001, 1031))
    await subscribe_all(db, readers)
    item_id = await stored_item(db)
    config = bot_settings(settings, api, channel_id="@rights_alerts")
    async with harness(db, config, api) as h:
        outcome = await _approve(db, item_id, channel="@rights_alerts")
        h.running.sender.wake()
        await wait_for(lambda: len(_alerts(api)) == 31)
        await asyncio.sleep(0.2)  # nothing more arrives
    assert outcome.alerts == 31
    assert sorted(str(c.chat_id) for c in _alerts(api)) == sorted(
        [*map(str, readers), "@rights_alerts"]
    )
    stats = await h.repos.outbox.stats()
    assert (stats.pending, stats.failed, stats.sent) == (0, 0, 31)


async def test_a_blocked_or_vanished_chat_is_dropped_and_never_retried(db, settings, api):
    await subscribe_all(db, [2001, 2002, 2003])
    api.fail("sendMessage", BLOCKED, chat_id=2001, times=5)
    api.fail("sendMessage", CHAT_NOT_FOUND, chat_id=2002, times=5)
    item_id = await stored_item(db)
    async with harness(db, bot_settings(settings, api), api) as h:
        await _approve(db, item_id)
        h.running.sender.wake()
        await wait_for(lambda: _alerts(api, 2003))
        await asyncio.sleep(0.3)
        blocked = await h.repos.chats.get(2001)
        gone = await h.repos.chats.get(2002)
        second = await stored_item(db, title="Активиста снова задержали")
        await _approve(db, second)
        h.running.sender.wake()
        await wait_for(lambda: len(_alerts(api, 2003)) == 2)
    assert len(api.sent(chat_id=2001)) == 1  # the one refused attempt, never again
    assert len(api.sent(chat_id=2002)) == 1
    assert not blocked.active
    assert not gone.active


async def test_flood_control_pauses_everything_then_resumes(db, settings, api):
    await subscribe_all(db, [3001, 3002])
    api.fail("sendMessage", too_many_requests(1), chat_id=3001)
    item_id = await stored_item(db)
    async with harness(db, bot_settings(settings, api), api) as h:
        await _approve(db, item_id)
        h.running.sender.wake()
        await wait_for(lambda: len(_alerts(api)) >= 2 and _alerts(api, 3001)[-1:] and
                       len(api.sent(chat_id=3001)) == 2, limit=15)  # fmt: skip
    first, retried = api.sent(chat_id=3001)
    assert retried.at - first.at >= 0.9  # Telegram's retry_after was honoured
    assert len(_alerts(api, 3002)) == 1


async def test_server_errors_are_retried_with_backoff_then_given_up_and_counted(db, settings, api):
    await subscribe_all(db, [4001, 4002])
    api.fail("sendMessage", SERVER_ERROR, chat_id=4001, times=2)
    api.fail("sendMessage", SERVER_ERROR, chat_id=4002, times=50)
    item_id = await stored_item(db)
    config = bot_settings(settings, api, max_delivery_attempts=3, delivery_retry_seconds=0.5)
    async with harness(db, config, api) as h:
        await _approve(db, item_id)
        h.running.sender.wake()
        await wait_for(lambda: len(api.sent(chat_id=4002)) == 3, limit=20)
        await wait_for(lambda: len(api.sent(chat_id=4001)) == 3, limit=20)
        await asyncio.sleep(0.3)
        stats = await h.repos.outbox.stats()
    assert (stats.sent, stats.failed, stats.pending) == (1, 1, 0)
    tries = api.sent(chat_id=4002)
    gaps = [b.at - a.at for a, b in itertools.pairwise(tries)]
    assert gaps[1] > gaps[0]  # exponential backoff


async def test_a_restart_in_the_middle_of_a_broadcast_loses_nothing(db, settings, api):
    readers = list(range(5001, 5061))
    await subscribe_all(db, readers)
    item_id = await stored_item(db)
    config = bot_settings(settings, api, broadcast_rate=20.0)
    async with harness(db, config, api) as h:
        await _approve(db, item_id)
        h.running.sender.wake()
        await wait_for(lambda: len(_alerts(api)) >= 10)
    # The process stops here mid-broadcast; a new one starts on the same database.
    before = len(_alerts(api))
    assert before < len(readers)
    ctx = BotContext(db, load_taxonomy(), config)
    async with running_bot(ctx):
        await wait_for(lambda: len({c.chat_id for c in _alerts(api)}) == len(readers), limit=20)
    per_chat = [len(_alerts(api, r)) for r in readers]
    assert min(per_chat) == 1
    assert sum(per_chat) - len(readers) <= 8  # at most the messages in flight, twice

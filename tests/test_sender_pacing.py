"""Pacing of the delivery engine: the global bucket, per-chat intervals, order."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from bot.clock import utcnow
from bot.rate_limit import ChatPacer, TokenBucket
from bot.sender import Rendered, Sender, SenderConfig
from bot.transport import Outgoing
from storage import Repos
from tests.telegram_harness import stored_item, wait_for


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_chat_pacer_spaces_private_chats_by_a_second_and_groups_by_three():
    clock = FakeMonotonic()
    pacer = ChatPacer(clock)
    pacer.sent(5, is_private=True)
    pacer.sent(-5, is_private=False)
    assert not pacer.ready(5)
    assert not pacer.ready(-5)
    assert pacer.ready(6)
    clock.now += 1.0
    assert pacer.ready(5)
    assert not pacer.ready(-5)
    clock.now += 2.0
    assert pacer.ready(-5)


async def test_the_bucket_keeps_every_second_at_or_under_the_rate():
    bucket = TokenBucket(50)
    stamps = []
    for _ in range(120):
        await bucket.acquire()
        stamps.append(time.monotonic())
    for n in range(len(stamps) - 50):
        assert stamps[n + 50] - stamps[n] >= 1.0  # never 51 within a second
    assert stamps[-1] - stamps[0] <= 120 / 50 + 0.5  # and not much slower than the rate


async def test_a_pause_holds_every_send():
    bucket = TokenBucket(1000)
    bucket.pause(0.3)
    start = time.monotonic()
    await bucket.acquire()
    assert time.monotonic() - start >= 0.29


def test_a_rate_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        TokenBucket(0)


class RecordingTransport:
    def __init__(self) -> None:
        self.sent: list[tuple[float, object, str]] = []

    async def send(self, message: Outgoing) -> int:
        self.sent.append((time.monotonic(), message.chat_id, message.text))
        await asyncio.sleep(0)
        return len(self.sent)

    async def edit(self, message_id: int, message: Outgoing) -> None:
        raise AssertionError("no edits here")


async def _text_of(repos: Repos, row) -> Rendered:
    item = await repos.items.get(row.item_id)
    return Rendered(Outgoing(row.chat_id, item.title))


async def test_a_busy_review_chat_gets_every_card_in_order_at_the_group_pace(db):
    ids = [await stored_item(db, title=f"item {n}", review=False) for n in range(6)]
    group = -1001
    async with db.transaction() as conn:
        for item_id in ids:
            await Repos.on(conn).outbox.enqueue("review", item_id, [group, 77], utcnow())
    transport = RecordingTransport()
    config = SenderConfig(rate=100, group_interval=0.15, private_interval=0.05)
    sender = Sender(db, transport, _text_of, config)
    task = asyncio.create_task(sender.run())
    try:
        await wait_for(lambda: len(transport.sent) == 12)
    finally:
        task.cancel()
    to_group = [(at, text) for at, chat, text in transport.sent if chat == group]
    assert [text for _, text in to_group] == [f"item {n}" for n in range(6)]
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(to_group)]
    assert min(gaps) >= 0.14
    stats = await Repos.on(db.conn).outbox.stats()
    assert (stats.sent, stats.pending) == (12, 0)

"""Moderation through the real aiogram session: cards, decisions, races, edits, refusals."""

from __future__ import annotations

import json

import pytest

from bot import moderation
from bot.classifier.taxonomy import load_taxonomy
from bot.clock import utcnow
from tests.telegram_double import BotAPIDouble
from tests.telegram_harness import (
    MODERATOR,
    SECOND_MODERATOR,
    answer_to,
    bot_settings,
    buttons,
    command,
    harness,
    press,
    stored_item,
    subscribe_all,
    user,
    wait_for,
)

TAXONOMY = load_taxonomy()


@pytest.fixture
async def api():
    double = BotAPIDouble()
    await double.start()
    yield double
    await double.stop()


async def _cards_sent(h, api, item_id, targets):
    await moderation.submit(h.ctx.db, item_id, ["peaceful_assembly"], targets, utcnow())
    h.running.sender.wake()
    await wait_for(lambda: all(api.sent(chat_id=t) for t in targets))
    return {t: api.sent(chat_id=t)[0] for t in targets}


async def test_two_moderators_at_once_one_wins_and_every_card_shows_who(db, settings, api):
    item_id = await stored_item(db, review=False)
    async with harness(db, bot_settings(settings, api), api) as h:
        cards = await _cards_sent(h, api, item_id, [MODERATOR, SECOND_MODERATOR])
        first = press(api, user(MODERATOR, "en", "Aida"), f"rv:ok:{item_id}", MODERATOR, 1)
        second = press(
            api, user(SECOND_MODERATOR, "en", "Bolat"), f"rv:no:{item_id}", SECOND_MODERATOR, 2
        )
        answers = await wait_for(
            lambda: (
                (a, b) if (a := answer_to(api, first)) and (b := answer_to(api, second)) else None
            )
        )
        # The other copy of the card is edited to show the decision.
        edits = await wait_for(lambda: api.sent("editMessageText", chat_id=SECOND_MODERATOR))
    review = await h.repos.reviews.get(item_id)
    assert review.status == "approved"  # the first press reached the server first
    loser = answers[1].params
    assert loser["text"].startswith("Already decided by Aida")
    assert loser.get("show_alert") in (True, "true", "True")
    assert "Aida" in edits[-1].params["text"]
    assert cards[MODERATOR].params["text"].startswith("🆕")
    decisions = await db.conn.execute_fetchall("SELECT moderator_id, action FROM decisions")
    assert [tuple(d) for d in decisions] == [(MODERATOR, "approve")]


async def test_edit_categories_then_approve_keeps_the_correction_as_labelled_data(
    db, settings, api
):
    item_id = await stored_item(db, categories=("peaceful_assembly",), review=False)
    await subscribe_all(db, [701])
    async with harness(db, bot_settings(settings, api), api) as h:
        await _cards_sent(h, api, item_id, [MODERATOR])
        mod = user(MODERATOR, "en", "Aida")
        for data in (
            f"rv:edit:{item_id}",
            f"rv:t:{item_id}:{TAXONOMY.slugs.index('law_enforcement_abuse')}",
            f"rv:t:{item_id}:{TAXONOMY.slugs.index('peaceful_assembly')}",
        ):
            query = press(api, mod, data, MODERATOR, 1)
            await wait_for(lambda q=query: answer_to(api, q))
        editing = api.sent("editMessageText", chat_id=MODERATOR)[-1]
        toggles = [b["text"] for b in buttons(editing)]
        assert any(t.startswith("✅") and "Abuse of power" in t for t in toggles)
        done = press(api, mod, f"rv:ok:{item_id}", MODERATOR, 1)
        await wait_for(lambda: answer_to(api, done))
        command(api, MODERATOR, "/corrections", mod)
        document = await wait_for(lambda: api.sent("sendDocument", chat_id=MODERATOR))
    review = await h.repos.reviews.get(item_id)
    assert review.categories == ("law_enforcement_abuse",)
    line = json.loads(document[0].params["document"].splitlines()[0])
    assert line["categories"] == ["law_enforcement_abuse"]
    assert line["classifier"] == ["peaceful_assembly"]
    assert {"id", "lang", "title", "text", "countries", "persons", "source_url"} <= set(line)
    old, new = (await db.conn.execute_fetchall(
        "SELECT old_categories, new_categories FROM decisions"))[0]  # fmt: skip
    assert (json.loads(old), json.loads(new)) == (["peaceful_assembly"], ["law_enforcement_abuse"])


async def test_a_non_moderator_can_neither_press_nor_command(db, settings, api):
    item_id = await stored_item(db, review=False)
    stranger = user(4242, "en", "Mallory")
    async with harness(db, bot_settings(settings, api), api) as h:
        await _cards_sent(h, api, item_id, [MODERATOR])
        queries = [
            press(api, stranger, f"rv:{action}:{item_id}", MODERATOR, 1)
            for action in ("ok", "no", "edit", "t")
        ]
        for name in ("queue", "sources", "stats", "corrections", "addsource http://x.org/rss"):
            command(api, 4242, f"/{name}", stranger)
        answers = await wait_for(lambda: all(answer_to(api, q) for q in queries) and
                                 len(api.sent(chat_id=4242)) == 5)  # fmt: skip
        assert answers
        for query in queries:
            assert answer_to(api, query).params.get("show_alert") in (True, "true", "True")
        replies = [c.params["text"] for c in api.sent(chat_id=4242)]
    assert all("Only moderators" in r for r in replies)
    assert (await h.repos.reviews.get(item_id)).status == "pending"
    assert (await h.repos.reviews.get(item_id)).draft is None


async def test_queue_and_stats_for_moderators(db, settings, api):
    ids = [await stored_item(db, title=f"Пикет номер {n}") for n in range(7)]
    async with harness(db, bot_settings(settings, api), api):
        mod = user(MODERATOR, "ru", "Aida")
        command(api, MODERATOR, "/queue", mod)
        page = await wait_for(lambda: api.sent(chat_id=MODERATOR))
        command(api, MODERATOR, "/stats", mod)
        stats = await wait_for(lambda: api.sent(chat_id=MODERATOR)[1:])
    assert "7" in page[0].params["text"]
    assert f"#{ids[0]}" in page[0].params["text"]
    assert len([b for b in buttons(page[0]) if b["text"].startswith("#")]) == 5
    assert "▶️" in [b["text"] for b in buttons(page[0])]
    assert "7" in stats[0].params["text"]

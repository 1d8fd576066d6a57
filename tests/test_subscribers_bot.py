"""Subscriber commands through the real aiogram session and the Bot API double."""

from __future__ import annotations

import pytest

from bot import moderation
from bot.clock import utcnow
from tests.telegram_double import BotAPIDouble
from tests.telegram_harness import (
    MODERATOR,
    answer_to,
    bot_settings,
    buttons,
    command,
    harness,
    press,
    stored_item,
    user,
    wait_for,
)

GROUP, ADMIN, MEMBER = -100500, 61, 62


@pytest.fixture
async def api():
    double = BotAPIDouble()
    await double.start()
    yield double
    await double.stop()


def _texts(api: BotAPIDouble, chat_id: int) -> list[str]:
    return [c.params.get("text", "") for c in api.sent(chat_id=chat_id)]


async def test_start_speaks_the_users_language_and_help_lists_commands(db, settings, api):
    async with harness(db, bot_settings(settings, api), api):
        command(api, 11, "/start", user(11, "kk"))
        command(api, 12, "/start", user(12, "ru-RU"))
        command(api, 13, "/start", user(13, "de"))
        await wait_for(lambda: _texts(api, 13))
        command(api, 13, "/help", user(13, "de"))
        await wait_for(lambda: _texts(api, 11) and _texts(api, 12) and len(_texts(api, 13)) == 2)
        menus = api.sent("setMyCommands")
    assert "Сәлеметсіз бе" in _texts(api, 11)[0]
    assert "Здравствуйте" in _texts(api, 12)[0]
    assert _texts(api, 13)[0].startswith("Hello")
    assert "/subscribe" in _texts(api, 13)[1]
    assert {c.params.get("language_code") for c in menus} == {None, "ru", "kk"}


async def test_subscribe_by_keyboard_by_slug_and_by_label_in_any_language(db, settings, api):
    async with harness(db, bot_settings(settings, api), api) as h:
        me = user(21, "ru")
        for n, text in enumerate(
            ("/subscribe Пытки", "/subscribe religion, Свобода слова", "/subscribe нечто"), start=1
        ):
            command(api, 21, text, me)
            await wait_for(lambda n=n: len(_texts(api, 21)) == n)
        command(api, 21, "/subscribe", me)
        keyboard = await wait_for(lambda: api.sent(chat_id=21)[3:])
        shown = {b["text"] for b in buttons(keyboard[0])}
        toggle = next(b for b in buttons(keyboard[0]) if "Право на жизнь" in b["text"])
        pressed = press(
            api, me, toggle["callback_data"], 21, keyboard[0].params.get("message_id", 5)
        )
        await wait_for(lambda: answer_to(api, pressed))
        follows = await h.repos.chats.subscriptions(21)
        command(api, 21, "/unsubscribe all", me)
        await wait_for(lambda: len(_texts(api, 21)) == 5)
        after = await h.repos.chats.subscriptions(21)
    assert "✅ Пытки и жестокое обращение" in shown
    assert "нечто" in _texts(api, 21)[2]
    assert follows == {"torture", "religion", "expression_media", "right_to_life"}
    assert after == set()


async def test_in_a_group_only_administrators_change_settings(db, settings, api):
    api.admins[GROUP] = {ADMIN}
    async with harness(db, bot_settings(settings, api), api) as h:
        command(api, GROUP, "/subscribe torture", user(MEMBER))
        await wait_for(lambda: _texts(api, GROUP))
        refused = await h.repos.chats.subscriptions(GROUP)
        command(api, GROUP, "/subscribe torture", user(ADMIN))
        await wait_for(lambda: len(_texts(api, GROUP)) == 2)
        query = press(api, user(MEMBER), "sub:all", GROUP, 7)
        answer = await wait_for(lambda: answer_to(api, query))
        allowed = await h.repos.chats.subscriptions(GROUP)
    assert refused == set()
    assert "administrators" in _texts(api, GROUP)[0]
    assert allowed == {"torture"}
    assert answer.params.get("show_alert") in (True, "true", "True")


async def test_lang_switches_the_interface_and_alerts(db, settings, api):
    async with harness(db, bot_settings(settings, api), api) as h:
        me = user(31, "en")
        command(api, 31, "/lang", me)
        picker = await wait_for(lambda: api.sent(chat_id=31))
        assert buttons(picker[0])[0]["text"].startswith("✅")
        query = press(api, me, "lang:kk", 31, 3)
        await wait_for(lambda: answer_to(api, query))
        command(api, 31, "/mysubs", me)
        await wait_for(lambda: len(_texts(api, 31)) == 2)
        chat = await h.repos.chats.get(31)
    assert chat.lang == "kk"
    assert "жазылмаған" in _texts(api, 31)[1]
    assert "Интерфейс тілі: қазақша" in api.sent("editMessageText", chat_id=31)[0].params["text"]


async def test_country_filter_narrows_the_audience(db, settings, api):
    async with harness(db, bot_settings(settings, api), api) as h:
        for chat, countries in ((41, "KZ"), (42, "KG UZ"), (43, "all")):
            command(api, chat, "/subscribe all", user(chat))
            await wait_for(lambda chat=chat: _texts(api, chat))
            command(api, chat, f"/countries {countries}", user(chat))
        command(api, 44, "/countries XYZ", user(44))
        await wait_for(
            lambda: all(len(_texts(api, c)) == 2 for c in (41, 42, 43)) and _texts(api, 44)
        )
        item_id = await stored_item(db, countries=("KZ",))
        outcome = await moderation.decide(
            db, item_id, "approve", moderation.Moderator(MODERATOR, "Aida"), utcnow()
        )
        h.running.sender.wake()
        await wait_for(lambda: len(_texts(api, 41)) == 3 and len(_texts(api, 43)) == 3)
    assert outcome.alerts == 2
    assert len(_texts(api, 42)) == 2
    assert "two-letter" in _texts(api, 44)[0]


async def test_forget_deletes_everything_after_confirmation(db, settings, api):
    async with harness(db, bot_settings(settings, api), api) as h:
        me = user(51, "en")
        for n, text in enumerate(("/subscribe all", "/countries KZ"), start=1):
            command(api, 51, text, me)
            await wait_for(lambda n=n: len(_texts(api, 51)) == n)
        item_id = await stored_item(db)
        await moderation.decide(db, item_id, "approve", moderation.Moderator(1, "A"), utcnow())
        h.running.sender.wake()
        await wait_for(lambda: len(_texts(api, 51)) == 3)  # the alert
        command(api, 51, "/forget", me)
        await wait_for(lambda: len(_texts(api, 51)) == 4)
        kept = await h.repos.chats.subscriptions(51)
        query = press(api, me, "fg:yes", 51, 9)
        await wait_for(lambda: answer_to(api, query))
        chat = await h.repos.chats.get(51)
        left = await db.conn.execute_fetchall(
            "SELECT (SELECT COUNT(*) FROM subscriptions WHERE chat_id = 51),"
            " (SELECT COUNT(*) FROM chat_countries WHERE chat_id = 51),"
            " (SELECT COUNT(*) FROM outbox WHERE chat_id = 51)"
        )
    assert len(kept) == 13
    assert "Активиста" in _texts(api, 51)[2]
    assert chat is None
    assert tuple(left[0]) == (0, 0, 0)

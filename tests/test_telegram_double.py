"""The Bot API double answers aiogram's real session the way Telegram does."""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.telegram_double import BLOCKED, BotAPIDouble, html_problem, too_many_requests


@pytest.fixture
async def api():
    double = BotAPIDouble()
    await double.start()
    yield double
    await double.stop()


async def test_a_message_goes_through_aiogram_and_is_recorded(api):
    async with api.bot() as bot:
        sent = await bot.send_message(42, "<b>Alert</b> &amp; more", parse_mode="HTML")
    assert sent.chat.id == 42
    assert sent.text == "Alert & more"
    assert api.sent(chat_id=42)[0].params["text"] == "<b>Alert</b> &amp; more"


async def test_scripted_errors_become_aiograms_exceptions(api):
    api.fail("sendMessage", too_many_requests(3), chat_id=1)
    api.fail("sendMessage", BLOCKED, chat_id=2)
    async with api.bot() as bot:
        with pytest.raises(TelegramRetryAfter) as waited:
            await bot.send_message(1, "x")
        with pytest.raises(TelegramForbiddenError):
            await bot.send_message(2, "x")
        assert (await bot.send_message(1, "again")).text == "again"
    assert waited.value.retry_after == 3


async def test_telegrams_limits_are_enforced(api):
    long_button = InlineKeyboardButton(text="x", callback_data="y" * 65)
    markup = InlineKeyboardMarkup(inline_keyboard=[[long_button]])
    async with api.bot() as bot:
        with pytest.raises(TelegramBadRequest, match="too long"):
            await bot.send_message(1, "я" * 4097)
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(1, "x", reply_markup=markup)
        with pytest.raises(TelegramBadRequest, match="parse entities"):
            await bot.send_message(1, "a <script> b", parse_mode="HTML")
        # 4096 visible characters pass, however long the markup around them.
        await bot.send_message(1, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ('<b>x</b> <a href="https://a.kz/?a=1&amp;b=2">y</a>', True),
        ("1 &lt; 2", True),
        ("1 < 2", False),
        ("AT&T", False),
        ("<b>x", False),
        ("<i>x</b>", False),
        ("<div>x</div>", False),
    ],
)
def test_html_is_checked_like_telegram_does(text, ok):
    assert (html_problem(text) is None) is ok


async def test_updates_reach_an_aiogram_poller(api):
    update_id = api.push_update(
        {"message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"},
                     "from": {"id": 5, "is_bot": False, "first_name": "A"}, "text": "/start"}}
    )  # fmt: skip
    async with api.bot() as bot:
        first = await bot.get_updates(offset=0, timeout=1)
        after = await bot.get_updates(offset=update_id + 1, timeout=0)
    assert [u.message.text for u in first] == ["/start"]
    assert after == []


async def test_the_rate_limit_answers_429_beyond_r_a_second(api):
    api.rate_limit = 3
    async with api.bot() as bot:
        for n in range(3):
            await bot.send_message(1, str(n))
        with pytest.raises(TelegramRetryAfter):
            await bot.send_message(1, "one too many")
    assert api.too_many == 1

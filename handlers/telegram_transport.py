"""The delivery engine's Transport on aiogram: Telegram's errors mapped to the engine's."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.transport import Button, ChatGone, Outgoing, Rejected, RetryAfter, Transient

# 400s that mean the chat itself is gone, not that the message was wrong.
_GONE = ("chat not found", "user is deactivated", "bot was kicked", "group chat was upgraded")


class AiogramTransport:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, message: Outgoing) -> int:
        try:
            sent = await self._bot.send_message(
                message.chat_id,
                message.text,
                parse_mode="HTML",
                reply_markup=keyboard(message.buttons),
                disable_web_page_preview=True,
            )
        except TelegramAPIError as exc:
            raise _mapped(exc) from exc
        return sent.message_id

    async def edit(self, message_id: int, message: Outgoing) -> None:
        try:
            await self._bot.edit_message_text(
                text=message.text,
                chat_id=message.chat_id,
                message_id=message_id,
                parse_mode="HTML",
                reply_markup=keyboard(message.buttons),
                disable_web_page_preview=True,
            )
        except TelegramBadRequest as exc:
            if "message is not modified" in exc.message:
                return  # already shows this: done
            raise _mapped(exc) from exc
        except TelegramAPIError as exc:
            raise _mapped(exc) from exc


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=b.text, callback_data=b.callback_data, url=b.url)
                for b in row
            ]
            for row in rows
        ]
    )


def _mapped(exc: TelegramAPIError) -> Exception:
    text = exc.message
    if isinstance(exc, TelegramRetryAfter):
        return RetryAfter(exc.retry_after)
    if isinstance(exc, TelegramForbiddenError | TelegramNotFound):
        return ChatGone(text)
    if isinstance(exc, TelegramBadRequest):
        lowered = text.lower()
        return ChatGone(text) if any(g in lowered for g in _GONE) else Rejected(text)
    if isinstance(exc, TelegramServerError | TelegramNetworkError):
        return Transient(text)
    return Transient(text)

"""What the delivery engine needs from Telegram, without importing aiogram.

The aiogram implementation lives in handlers/telegram_transport.py; the engine and its
tests only see this interface and these errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

ChatId = int | str  # a numeric id, or a channel's @username


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Outgoing:
    chat_id: ChatId
    text: str  # Telegram HTML, every outside string escaped
    buttons: tuple[tuple[Button, ...], ...] = field(default=())


class DeliveryError(Exception):
    pass


class RetryAfter(DeliveryError):
    """Flood control: Telegram asks every sender of this bot to pause."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class ChatGone(DeliveryError):
    """Blocked, kicked, deactivated or unknown chat: never worth retrying."""


class Transient(DeliveryError):
    """5xx or a network error: may work later."""


class Rejected(DeliveryError):
    """Telegram refused the message itself (a 400 other than a missing chat)."""


class Transport(Protocol):
    async def send(self, message: Outgoing) -> int:
        """Send; the message id Telegram gave it."""
        ...

    async def edit(self, message_id: int, message: Outgoing) -> None: ...

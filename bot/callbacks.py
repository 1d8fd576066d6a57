"""Callback data of inline buttons: short strings within Telegram's 64 bytes, packed and
parsed here so that the handlers and the message builders agree without aiogram."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64


@dataclass(frozen=True)
class Callback:
    scope: str  # rv (review), sub (subscriptions), ctry (countries), lang, fg (forget), q
    action: str
    args: tuple[str, ...] = ()

    def pack(self) -> str:
        data = ":".join((self.scope, self.action, *self.args))
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def int_arg(self, n: int) -> int | None:
        try:
            return int(self.args[n])
        except (IndexError, ValueError):
            return None


def parse(data: str | None) -> Callback | None:
    """The callback, or None for data this bot did not make (old or forged buttons)."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or not all(parts[:2]):
        return None
    return Callback(parts[0], parts[1], tuple(parts[2:]))


def review(action: str, item_id: int, *args: object) -> str:
    return Callback("rv", action, (str(item_id), *map(str, args))).pack()

"""Server-side checks of who may do what."""

from __future__ import annotations

from aiogram import Bot
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.filters import BaseFilter
from aiogram.types import CallbackQuery, Chat, Message, User

from handlers.context import BotContext


class IsModerator(BaseFilter):
    """Passes only users listed in MODERATOR_IDS, whatever chat they write from."""

    async def __call__(self, event: Message | CallbackQuery, ctx: BotContext) -> bool:
        user = event.from_user
        return user is not None and ctx.is_moderator(user.id)


async def may_configure(bot: Bot, chat: Chat, user: User | None, message: Message | None) -> bool:
    """Whether this user may change this chat's settings: anyone in a private chat, only
    administrators in a group (an anonymous administrator writes as the group itself)."""
    if chat.type == ChatType.PRIVATE:
        return True
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    if user is None:
        return False
    member = await bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)

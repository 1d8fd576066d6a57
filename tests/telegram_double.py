"""A Bot API test double: an HTTP server on 127.0.0.1 that speaks Telegram's protocol.

aiogram reaches it through its real AiohttpSession (TelegramAPIServer.from_base), so a
test exercises the same requests, form encoding and error handling as production. The
double enforces the limits Telegram enforces (4096 characters of text after entity
parsing, 64-byte callback data, well-formed HTML of the allowed tags) and answers with
scripted errors (429 with retry_after, 403, "chat not found", 5xx) when a test asks.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import web

BOT_ID = 777000
TOKEN = f"{BOT_ID}:TEST-token"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
_ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "code", "pre", "blockquote", "tg-emoji",
}  # fmt: skip
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when the double received it

    @property
    def chat_id(self) -> int | str | None:
        return self.params.get("chat_id")


@dataclass(frozen=True)
class Failure:
    status: int
    description: str
    retry_after: int | None = None


BLOCKED = Failure(403, "Forbidden: bot was blocked by the user")
KICKED = Failure(403, "Forbidden: bot was kicked from the group chat")
CHAT_NOT_FOUND = Failure(400, "Bad Request: chat not found")
SERVER_ERROR = Failure(502, "Bad Gateway")


def too_many_requests(retry_after: int) -> Failure:
    return Failure(429, f"Too Many Requests: retry after {retry_after}", retry_after)


@dataclass
class BotAPIDouble:
    calls: list[Call] = field(default_factory=list)
    # Failures to answer, first in first out, per (method, chat id) or per method (chat None).
    failures: dict[tuple[str, Any], deque[Failure]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    # Chat id -> user ids that are its administrators (for getChatMember).
    admins: dict[int, set[int]] = field(default_factory=dict)
    # Sends a second accepted before answering 429, as Telegram's flood control does.
    rate_limit: float | None = None
    too_many: int = 0  # 429s answered for the rate limit
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _update_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _new_update: asyncio.Event = field(default_factory=asyncio.Event)
    _recent: deque[float] = field(default_factory=deque)
    _runner: web.AppRunner | None = None
    base_url: str = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/_double/summary", self._summary)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    def bot(self) -> Bot:
        session = AiohttpSession(api=TelegramAPIServer.from_base(self.base_url))
        return Bot(TOKEN, session=session)

    def fail(self, method: str, failure: Failure, chat_id: Any = None, times: int = 1) -> None:
        self.failures[(method, chat_id)].extend([failure] * times)

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates, as if a user had acted; returns its id."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        self._new_update.set()
        return update_id

    @staticmethod
    def channel_id(username: str) -> int:
        return -1_000_000_000_000 - sum(map(ord, username))

    def sent(self, method: str = "sendMessage", chat_id: Any = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and (chat_id is None or str(c.chat_id) == str(chat_id))
        ]

    async def _summary(self, request: web.Request) -> web.Response:
        """What the double saw, for a process that runs it apart (bench/fanout.py)."""
        del request
        sends: dict[str, int] = defaultdict(int)
        for call in self.calls:
            if call.method == "sendMessage":
                sends[str(call.chat_id)] += 1
        return web.json_response({"too_many": self.too_many, "sends": sends})

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return _error(Failure(401, "Unauthorized"))
        method = request.match_info["method"]
        params = await _params(request)
        self.calls.append(Call(method, params, time.monotonic()))
        if method == "getUpdates":
            return web.json_response({"ok": True, "result": await self._poll(params)})
        failure = self._scripted(method, params.get("chat_id"))
        if failure is None and method.startswith(("send", "edit")):
            failure = self._flood(time.monotonic()) or _check_limits(params)
        if failure is not None:
            return _error(failure)
        return web.json_response({"ok": True, "result": self._result(method, params)})

    async def _poll(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            wait = min(float(params.get("timeout") or 0), 0.25)  # keep tests quick
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), wait)
        return list(self._updates)

    def _flood(self, now: float) -> Failure | None:
        if self.rate_limit is None:
            return None
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.rate_limit:
            self.too_many += 1
            return too_many_requests(1)
        self._recent.append(now)
        return None

    def _scripted(self, method: str, chat_id: Any) -> Failure | None:
        for key in ((method, _as_int(chat_id)), (method, chat_id), (method, None)):
            queue = self.failures.get(key)
            if queue:
                return queue.popleft()
        return None

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {"id": BOT_ID, "is_bot": True, "first_name": "Alerts", "username": "alerts_bot"}
        if method in ("sendMessage", "sendDocument", "editMessageText"):
            return self._message(params)
        if method == "getChatMember":
            user_id = _as_int(params.get("user_id"))
            chat_id = _as_int(params.get("chat_id"))
            status = "administrator" if user_id in self.admins.get(chat_id, set()) else "member"
            return _member(user_id, status)
        return True

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _as_int(params.get("chat_id"))
        if isinstance(chat_id, str):  # a channel's @username: Telegram answers with its id
            chat_id, chat_type = self.channel_id(chat_id), "channel"
        else:
            chat_type = "private" if chat_id > 0 else "supergroup"
        message_id = _as_int(params.get("message_id")) or next(self._ids)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, **_chat_name(chat_type)},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Alerts"},
        }
        if "text" in params:
            message["text"] = (
                _visible(params["text"]) if params.get("parse_mode") else params["text"]
            )
        if "document" in params:
            message["document"] = {"file_id": "doc", "file_unique_id": "doc"}
        return message


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        return dict(await request.json())
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        if isinstance(value, web.FileField):
            params[key] = value.file.read().decode("utf-8", "replace")
            continue
        params[key] = _decode(str(value))
    # Uploaded files travel as separate parts named by an "attach://" reference.
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.pop(value.removeprefix("attach://"), value)
    return params


def _decode(value: str) -> Any:
    # aiogram sends scalars as plain strings and objects as JSON.
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _as_int(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _chat_name(chat_type: str) -> dict[str, str]:
    return {"first_name": "User"} if chat_type == "private" else {"title": "Chat"}


def _member(user_id: int, status: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": "User"}
    if status == "administrator":
        rights = dict.fromkeys(
            ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
             "can_manage_video_chats", "can_restrict_members", "can_promote_members",
             "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
             "can_delete_stories", "can_send_welcome_messages"),
            False,
        )  # fmt: skip
        return {"status": status, "user": user, **rights}
    return {"status": status, "user": user}


def _error(failure: Failure) -> web.Response:
    body: dict[str, Any] = {
        "ok": False,
        "error_code": failure.status,
        "description": failure.description,
    }
    if failure.retry_after is not None:
        body["parameters"] = {"retry_after": failure.retry_after}
    return web.json_response(body, status=failure.status)


def _check_limits(params: dict[str, Any]) -> Failure | None:
    text = params.get("text")
    if isinstance(text, str):
        if params.get("parse_mode") == "HTML":
            problem = html_problem(text)
            if problem:
                return Failure(400, f"Bad Request: can't parse entities: {problem}")
            text = _visible(text)
        if not text.strip():
            return Failure(400, "Bad Request: message text is empty")
        if _utf16_length(text) > MAX_TEXT:
            return Failure(400, "Bad Request: message is too long")
    for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                return Failure(400, "Bad Request: BUTTON_DATA_INVALID")
    return None


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.problem: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            self.problem = self.problem or f'unsupported start tag "{tag}"'
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problem = self.problem or f'unmatched end tag "{tag}"'
            return
        self.open.pop()


def html_problem(text: str) -> str | None:
    """What Telegram would reject in an HTML message, or None when it parses."""
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    if checker.problem:
        return checker.problem
    if checker.open:
        return f'can\'t find end tag corresponding to start tag "{checker.open[-1]}"'
    bare = _ENTITY.sub("", re.sub(r"</?[a-z-]+(\s[^<>]*)?>", "", text))
    for char in "<>&":
        if char in bare:
            return f"unescaped {char!r}"
    return None


def _visible(text: str) -> str:
    return html.unescape(re.sub(r"</?[a-z-]+(\s[^<>]*)?>", "", text))


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2

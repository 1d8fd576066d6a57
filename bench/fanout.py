"""Fan-out of one approved alert to many subscribers through aiogram's real session, with
the Bot API double enforcing Telegram-like flood control at R messages a second.

Run: .venv/bin/python bench/fanout.py [--subscribers 2000] [--rate 200]
Prints delivered, duplicates, 429s, lost and utilisation = (subscribers / R) / seconds.
Goals: utilisation >= 0.9, zero 429s, zero lost. BROADCAST_RATE is set to R.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from pydantic import SecretStr

from bot import moderation
from bot.classifier.taxonomy import load_taxonomy
from bot.clock import utcnow
from bot.config import Settings
from handlers.app import running_bot
from handlers.context import BotContext
from storage import open_database
from tests.telegram_double import TOKEN, BotAPIDouble
from tests.telegram_harness import stored_item, subscribe_all


def _serve_double(rate: float, ready: Connection) -> None:
    """The double in a process of its own, as Telegram is: its clock and event loop are
    not slowed by the bot's, so the rate it measures is the rate the bot sends at."""

    async def serve() -> None:
        api = BotAPIDouble(rate_limit=rate)
        ready.send(await api.start())
        await asyncio.Event().wait()

    asyncio.run(serve())


async def _drained(ctx: BotContext) -> None:
    """Until no row is pending (looked at every 50 ms: the figure's resolution)."""
    while (await ctx.repos.outbox.stats()).pending:  # noqa: ASYNC110 - no event to wait on
        await asyncio.sleep(0.05)


async def fanout(subscribers: int, rate: float) -> dict[str, float]:
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=_serve_double, args=(rate, child), daemon=True)
    server.start()
    base_url = parent.recv()
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_database(Path(tmp) / "bench.sqlite3")
        try:
            chats = list(range(10_000, 10_000 + subscribers))
            await subscribe_all(db, chats)
            item_id = await stored_item(db, title="Активиста задержали")
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                bot_token=SecretStr(TOKEN),
                telegram_api_url=base_url,
                database_path=Path(tmp) / "bench.sqlite3",
                broadcast_rate=rate,
            )
            ctx = BotContext(db, load_taxonomy(), settings)
            async with running_bot(ctx, polling=False) as bot:
                start = time.perf_counter()
                await moderation.decide(
                    db, item_id, "approve", moderation.Moderator(1, "bench"), utcnow()
                )
                bot.sender.wake()
                await _drained(ctx)
                took = time.perf_counter() - start
            stats = await ctx.repos.outbox.stats()
        finally:
            await db.close()
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{base_url}/_double/summary") as response,
    ):
        summary = await response.json()
    server.terminate()
    too_many = summary["too_many"]
    sends = summary["sends"]
    delivered = len(sends)
    return {
        "subscribers": subscribers,
        "rate": rate,
        "seconds": took,
        "delivered": delivered,
        "duplicates": sum(sends.values()) - delivered - too_many,
        "429s": too_many,
        "lost": subscribers - stats.sent,
        "utilisation": (subscribers / rate) / took,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=200)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = asyncio.run(fanout(args.subscribers, args.rate))
    print(f"subscribers {result['subscribers']}, R = BROADCAST_RATE = {result['rate']:g}/s")
    print(f"seconds     {result['seconds']:.2f}  (ideal {args.subscribers / args.rate:.2f})")
    print(f"delivered   {result['delivered']}")
    print(f"duplicates  {result['duplicates']}")
    print(f"429s        {result['429s']}")
    print(f"lost        {result['lost']}")
    print(f"utilisation {result['utilisation']:.3f}  (goal >= 0.9)")


if __name__ == "__main__":
    main()

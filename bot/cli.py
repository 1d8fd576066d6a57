"""`python -m bot`: run, demo, poll-once."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import Settings, SettingsError, load_settings
from bot.instance_lock import AlreadyRunning
from bot.sources_file import SourcesFileError
from storage.migrate import MigrationError

EXIT_USAGE = 2

MISSING_TOKEN_HELP = (  # help text that names the setting, not a secret
    "BOT_TOKEN is not set. Create a bot with @BotFather, then put BOT_TOKEN=<token> in .env "  # noqa: S105
    "(see .env.example) or in the environment. Without a token, `python -m bot demo` "
    "shows the offline demo."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Telegram alerting bot for human-rights monitors in Central Asia.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help="poll the sources on schedule and run the Telegram bot")
    demo = commands.add_parser(
        "demo", help="offline demo: seed stories served on 127.0.0.1 through the real pipeline"
    )
    demo.add_argument("--database", type=Path, default=None, help="default: data/demo.sqlite3")
    commands.add_parser("poll-once", help="poll every active source once, then print a summary")
    commands.add_parser(
        "classify", help="classify JSON Lines from stdin, one JSON result per line on stdout"
    )
    evaluate = commands.add_parser(
        "eval", help="precision, recall and F1 on a JSON Lines file with gold categories"
    )
    evaluate.add_argument("file", type=Path)
    commands.add_parser("train", help="fit the classifier on seeds/labeled/train.jsonl")
    export = commands.add_parser(
        "export-corrections",
        help="moderators' corrected categories as labelled-corpus JSON Lines",
    )
    export.add_argument("file", type=Path, nargs="?", help="default: standard output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # The demo prints its own report; routine log lines would only bury it.
    quiet = args.command == "demo" and settings.log_level == "INFO"
    logging.basicConfig(
        level="WARNING" if quiet else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return asyncio.run(_dispatch(args, settings))
    except (AlreadyRunning, SourcesFileError, MigrationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here so that `--help` and settings errors stay instant.
    from bot import classifier_commands, commands  # noqa: PLC0415

    if args.command == "run":
        if not settings.has_token:
            print(f"error: {MISSING_TOKEN_HELP}", file=sys.stderr)
            return EXIT_USAGE
        return await commands.run(settings)
    if args.command == "demo":
        return await commands.demo(settings, args.database)
    if args.command == "poll-once":
        return await commands.poll_once(settings)
    if args.command == "export-corrections":
        return await commands.export_corrections(settings, args.file)
    return classifier_commands.run(args.command, settings, getattr(args, "file", None))

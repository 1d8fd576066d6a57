"""The command line as an operator meets it: real processes, real files."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.feeds import Entry, rss

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_PATH")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


async def _bot(*args: str, cwd: Path, **env: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        cwd=cwd, env=_env(**env),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _finish(proc: asyncio.subprocess.Process) -> tuple[int, str, str]:
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    return proc.returncode or 0, out.decode(), err.decode()


async def test_demo_stores_and_shows_every_seed_story(tmp_path):
    code, out, _ = await _finish(await _bot("demo", cwd=tmp_path))

    assert code == 0
    assert "Мирболата Мырзатайулы" in out
    assert "Казахстанця катували в Росії" in out
    assert "Kazakh migrant tortured in Russia" in out
    assert "first poll:  9 sources, 13 new items" in out
    assert "second poll: 0 new items, 9 of 9 sources answered 304" in out
    assert (tmp_path / "data" / "demo.sqlite3").exists()


async def test_demo_never_touches_the_configured_database(tmp_path):
    real = tmp_path / "real.sqlite3"
    real.write_bytes(b"precious")

    code, _, _ = await _finish(await _bot("demo", cwd=tmp_path, DATABASE_PATH=str(real)))

    assert code == 0
    assert real.read_bytes() == b"precious"


async def test_poll_once_polls_the_sources_file_and_summarises(tmp_path, feed_server):
    recent = datetime.now(UTC) - timedelta(hours=1)
    url = feed_server.add("/f.xml", rss(Entry("Новость", "https://example.org/1", "g1", recent)))
    broken = feed_server.add("/broken.xml", status=500)
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n"
        f"  - {{key: local, name: Local, url: '{url}', lang: ru, country: KZ}}\n"
        f"  - {{key: broken, name: Broken, url: '{broken}', lang: ru, country: KZ}}\n"
    )

    code, out, _ = await _finish(
        await _bot(
            "poll-once", cwd=tmp_path, SOURCES_FILE=str(sources), DATABASE_PATH="db.sqlite3"
        )
    )

    assert code == 0
    assert "2 sources polled: 1 new items (0 of them backlog), 1 sources with errors" in out
    assert "HTTP 500" in out
    assert (tmp_path / "db.sqlite3").exists()


async def test_a_bad_sources_file_is_one_clear_error(tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - {key: Bad Key, name: x, url: 'ftp://x'}\n")

    code, _, err = await _finish(await _bot("poll-once", cwd=tmp_path, SOURCES_FILE=str(sources)))

    assert code == 2
    assert err.startswith("error: sources file")
    assert "Traceback" not in err


async def test_a_second_run_on_the_same_database_refuses_to_start(tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources: []\n")
    env = {"BOT_TOKEN": "123:fake", "SOURCES_FILE": str(sources), "DATABASE_PATH": "bot.sqlite3"}
    first = await _bot("run", cwd=tmp_path, **env)
    try:
        assert first.stderr is not None
        while b"polling" not in (line := await asyncio.wait_for(first.stderr.readline(), 30)):
            assert line, "the first run exited before it started polling"

        code, _, err = await _finish(await _bot("run", cwd=tmp_path, **env))

        assert code == 2
        assert "another bot process is already using bot.sqlite3" in err
        assert "Traceback" not in err
    finally:
        first.send_signal(signal.SIGTERM)
        first_code = await asyncio.wait_for(first.wait(), 30)
    assert first_code == 0


async def test_the_lock_dies_with_the_process(tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources: []\n")
    env = {"BOT_TOKEN": "123:fake", "SOURCES_FILE": str(sources), "DATABASE_PATH": "bot.sqlite3"}
    crashed = await _bot("run", cwd=tmp_path, **env)
    assert crashed.stderr is not None
    while b"polling" not in await asyncio.wait_for(crashed.stderr.readline(), 30):
        pass
    crashed.kill()
    await crashed.wait()

    code, _, err = await _finish(await _bot("poll-once", cwd=tmp_path, **env))

    assert code == 0, err

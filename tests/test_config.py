"""bot.config and the command line's handling of bad settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[1]


def _settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


# --- values from the environment ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,2,3", [1, 2, 3]),
        ("[1,2,3]", [1, 2, 3]),
        ("[1, 2, 3]", [1, 2, 3]),
        (" 4 , 5 ", [4, 5]),
        ("4,5,", [4, 5]),
        ("123456789", [123456789]),
        ("", []),
        ("   ", []),
        ("[]", []),
    ],
)
def test_moderator_ids_become_a_list_of_ints(monkeypatch, value, expected):
    monkeypatch.setenv("MODERATOR_IDS", value)
    assert _settings().moderator_ids == expected


def test_moderator_ids_default_to_an_empty_list():
    assert _settings().moderator_ids == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("debug", "DEBUG"), ("info", "INFO"), ("Warning", "WARNING"), ("ERROR", "ERROR")],
)
def test_log_level_is_accepted_in_any_case(monkeypatch, value, expected):
    monkeypatch.setenv("LOG_LEVEL", value)
    assert _settings().log_level == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("telegram_api_url", "https://api.telegram.org"),
        ("database_path", Path("data/bot.sqlite3")),
        ("sources_file", Path("seeds/sources.yaml")),
        ("poll_interval_seconds", 300),
        ("broadcast_rate", 25),
        ("log_level", "INFO"),
        ("bot_token", None),
        ("feed_proxy", None),
        ("moderation_chat_id", None),
        ("channel_id", None),
    ],
)
def test_defaults_apply_when_nothing_is_set(field, expected):
    assert getattr(_settings(), field) == expected


def test_without_a_token_has_token_is_false():
    assert _settings().has_token is False


@pytest.mark.parametrize(
    ("name", "value", "field", "expected"),
    [
        ("BOT_TOKEN", "   ", "bot_token", None),
        ("FEED_PROXY", "", "feed_proxy", None),
        ("MODERATION_CHAT_ID", " ", "moderation_chat_id", None),
        ("CHANNEL_ID", "", "channel_id", None),
        ("CHANNEL_ID", "@rights_alerts", "channel_id", "@rights_alerts"),
        (
            "TELEGRAM_API_URL",
            "http://127.0.0.1:8081/",
            "telegram_api_url",
            "http://127.0.0.1:8081",
        ),
        ("FEED_PROXY", "socks5://127.0.0.1:9050", "feed_proxy", "socks5://127.0.0.1:9050"),
        ("poll_interval_seconds", "600", "poll_interval_seconds", 600),
    ],
)
def test_environment_values_are_read_and_tidied(monkeypatch, name, value, field, expected):
    monkeypatch.setenv(name, value)
    assert getattr(_settings(), field) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("-1001234567890", -1001234567890), ("123456789", 123456789)]
)
def test_a_numeric_channel_id_becomes_an_int(monkeypatch, value, expected):
    # Telegram reports chat ids as ints; a string would never equal message.chat.id.
    monkeypatch.setenv("CHANNEL_ID", value)
    assert _settings().channel_id == expected


# --- bad values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("POLL_INTERVAL_SECONDS", "abc"),
        ("POLL_INTERVAL_SECONDS", "5"),
        ("MODERATOR_IDS", "1,x"),
        ("MODERATOR_IDS", "[1,2"),
        ("MODERATOR_IDS", "1;2"),
        ("TELEGRAM_API_URL", "ftp://x"),
        ("TELEGRAM_API_URL", "api.telegram.org"),
        ("FEED_PROXY", "gopher://x"),
        ("BROADCAST_RATE", "5000"),
        ("BROADCAST_RATE", "0"),
        ("MAX_DELIVERY_ATTEMPTS", "0"),
        ("LOG_LEVEL", "verbose"),
    ],
)
def test_a_bad_value_raises_one_line_naming_the_setting(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert "\n" not in message
    assert name in message
    assert name.lower() not in message


def test_several_bad_values_still_make_one_line(monkeypatch):
    monkeypatch.setenv("MODERATOR_IDS", "1,x,y")
    monkeypatch.setenv("POLL_INTERVAL_SECONDS", "abc")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert "\n" not in message
    assert "MODERATOR_IDS" in message
    assert "POLL_INTERVAL_SECONDS" in message


@pytest.mark.parametrize("token", [123456789, 1234567.5, ["123456789:AAE-secret-part"]])
def test_a_bad_bot_token_is_never_echoed(token):
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, bot_token=token)
    message = str(caught.value)
    assert "BOT_TOKEN" in message
    assert "123456789" not in message
    assert "secret" not in message
    assert "1234567.5" not in message


@pytest.mark.parametrize(
    "proxy",
    [
        "sock5://alice:s3cretpass@proxy.example:1080",
        "htp://alice:s3cretpass@proxy.example:3128",
    ],
)
def test_a_bad_proxy_url_does_not_echo_its_password(monkeypatch, proxy):
    monkeypatch.setenv("FEED_PROXY", proxy)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert "FEED_PROXY" in message
    assert "s3cretpass" not in message


# --- the .env file ------------------------------------------------------------------------


def test_values_are_read_from_dotenv_in_the_working_directory(tmp_path):
    (tmp_path / ".env").write_text(
        "# settings for the test\n"
        "BOT_TOKEN=123456:ABC-from-dotenv\n"
        "MODERATOR_IDS=7,8\n"
        "POLL_INTERVAL_SECONDS=120\n"
        "log_level=debug\n",
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == "123456:ABC-from-dotenv"
    assert settings.moderator_ids == [7, 8]
    assert settings.poll_interval_seconds == 120
    assert settings.log_level == "DEBUG"


def test_the_environment_wins_over_dotenv(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("POLL_INTERVAL_SECONDS=120\n", encoding="utf-8")
    monkeypatch.setenv("POLL_INTERVAL_SECONDS", "900")
    assert load_settings().poll_interval_seconds == 900


def test_a_bad_value_in_dotenv_raises_settings_error(tmp_path):
    (tmp_path / ".env").write_text("POLL_INTERVAL_SECONDS=abc\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="POLL_INTERVAL_SECONDS"):
        load_settings()


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16"])
def test_a_dotenv_that_is_not_utf8_raises_settings_error(tmp_path, encoding):
    # A .env saved by Windows Notepad with a Russian comment.
    (tmp_path / ".env").write_text("# Токен бота\nPOLL_INTERVAL_SECONDS=120\n", encoding=encoding)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "\n" not in str(caught.value)
    assert ".env" in str(caught.value)


# --- the command line ---------------------------------------------------------------------


def _bot(*args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name.lower() not in Settings.model_fields
    }
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_run_without_a_token_explains_how_to_get_one(tmp_path):
    result = _bot("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "BOT_TOKEN" in result.stderr
    assert "@BotFather" in result.stderr
    assert "Traceback" not in result.stderr


def test_poll_once_with_a_bad_setting_prints_one_line_and_exits_2(tmp_path):
    result = _bot("poll-once", cwd=tmp_path, POLL_INTERVAL_SECONDS="abc")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "POLL_INTERVAL_SECONDS" in lines[0]
    assert "Traceback" not in result.stderr


def test_help_lists_every_command(tmp_path):
    result = _bot("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("run", "demo", "poll-once"):
        assert command in result.stdout

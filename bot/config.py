"""Settings: read once at start-up from the environment and `.env`, then passed down."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
_URL_PASSWORD = re.compile(r"(//[^/?#@:]*:)[^/?#@]*@")


class SettingsError(Exception):
    """A setting has a bad value; the message is one line meant for the operator."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_path: Path = Path("data/bot.sqlite3")
    moderator_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    moderation_chat_id: int | None = None
    channel_id: int | str | None = None
    sources_file: Path = Path("seeds/sources.yaml")
    poll_interval_seconds: int = Field(300, ge=30)
    poll_jitter_seconds: int = Field(30, ge=0)
    # Telegram allows about 30 messages a second (up to 1000 with paid broadcasts).
    broadcast_rate: float = Field(25, gt=0, le=1000)
    max_delivery_attempts: int = Field(5, ge=1, le=50)
    delivery_retry_seconds: float = Field(2.0, gt=0, le=3600)
    allow_private_sources: bool = False
    log_level: LogLevel = "INFO"

    feed_proxy: str | None = None
    fetch_timeout_seconds: float = Field(30, gt=0)
    max_feed_bytes: int = Field(5_000_000, ge=1024)
    max_concurrent_fetches: int = Field(10, ge=1)
    per_host_concurrency: int = Field(2, ge=1, le=2)
    max_consecutive_failures: int = Field(10, ge=1)
    backoff_max_seconds: int = Field(6 * 3600, ge=60)
    backlog_max_age_hours: float = Field(48, gt=0)
    category_threshold: float | None = Field(None, gt=0, lt=1)
    category_thresholds: dict[str, Annotated[float, Field(gt=0, lt=1)]] = Field(
        default_factory=dict
    )
    relevance_threshold: float = Field(0.35, gt=0, lt=1)
    user_agent: str = "rights-alert-bot/0.1 (+https://github.com/rights-alert-bot; feed reader)"

    @field_validator(
        "bot_token",
        "feed_proxy",
        "moderation_chat_id",
        "channel_id",
        "category_threshold",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("channel_id", mode="before")
    @classmethod
    def _numeric_chat_id(cls, value: object) -> object:
        # Telegram's chat ids are ints; only an @username stays a string.
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            return int(value)
        return value

    @field_validator("moderator_ids", mode="before")
    @classmethod
    def _parse_id_list(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not a JSON list of user ids ({exc.msg})") from exc
        return [part.strip() for part in text.split(",") if part.strip()]

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator("feed_proxy")
    @classmethod
    def _proxy_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        scheme = urlsplit(value).scheme
        if scheme not in ("http", "https", "socks4", "socks5", "socks5h"):
            raise ValueError("must be a proxy URL: http://host:port or socks5://host:port")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def has_token(self) -> bool:
        return self.bot_token is not None and bool(self.bot_token.get_secret_value())


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning a validation failure into one readable line per bad setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None
    except UnicodeDecodeError as exc:
        env_file = overrides.get("_env_file", Settings.model_config.get("env_file"))
        raise SettingsError(
            f"{env_file} is not UTF-8 text (byte {exc.start}): save it as UTF-8"
        ) from None


def describe_validation_error(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        given = error.get("input")
        secret = name == "BOT_TOKEN"
        if isinstance(given, str):
            given = _URL_PASSWORD.sub(r"\1***@", given)  # a proxy URL may carry a password
        shown = f" (got {given!r})" if isinstance(given, str | int | float) and not secret else ""
        message = error["msg"].removeprefix("Value error, ")
        problems.append(f"{name}: {message}{shown}")
    return "bad setting: " + "; ".join(problems)

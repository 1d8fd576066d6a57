"""The sources file (seeds/sources.yaml): validated into SourceSeed records."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.langid import SUPPORTED
from storage.records import SourceSeed

LANGS = SUPPORTED
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class SourcesFileError(Exception):
    pass


class SourceEntry(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    key: str
    name: Annotated[str, Field(min_length=1, max_length=200)]
    url: str
    lang: str | None = None
    country: Annotated[str | None, Field(pattern=r"^[A-Z]{2}$")] = None
    interval: Annotated[int | None, Field(ge=30)] = None
    confirmed: bool = True
    note: str | None = None

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not _KEY.match(value):
            raise ValueError("must be 1-64 lowercase letters, digits and dashes, e.g. vlast-kz")
        return value

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL with a host")
        return value

    @field_validator("lang")
    @classmethod
    def _lang(cls, value: str | None) -> str | None:
        if value is not None and value not in LANGS:
            raise ValueError(f"must be one of {', '.join(LANGS)}")
        return value

    def seed(self) -> SourceSeed:
        return SourceSeed(self.key, self.name, self.url, self.lang, self.country, self.interval)


class SourcesFile(BaseModel):
    sources: list[SourceEntry]

    @field_validator("sources")
    @classmethod
    def _unique(cls, value: list[SourceEntry]) -> list[SourceEntry]:
        keys = [entry.key for entry in value]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            raise ValueError(f"keys used more than once: {', '.join(twice)}")
        return value


def load_sources_file(path: Path) -> list[SourceEntry]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesFileError(f"sources file {path} not found (setting SOURCES_FILE)") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problem = " ".join(str(exc).split())  # YAML errors span lines; ours is one line
        raise SourcesFileError(f"sources file {path} is unreadable: {problem}") from None
    try:
        return SourcesFile.model_validate(raw).sources
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise SourcesFileError(f"sources file {path}: {where}: {message}") from None

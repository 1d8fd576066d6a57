"""Frozen records that cross the storage boundary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ItemStatus(StrEnum):
    NEW = "new"  # fresh, handed on to classification and review
    BACKLOG = "backlog"  # old news from a first poll or an outage: stored, never reviewed


@dataclass(frozen=True)
class SourceSeed:
    """A source as declared in the sources file (or added from chat)."""

    key: str
    name: str
    url: str
    lang: str | None = None
    country: str | None = None
    interval_seconds: int | None = None


@dataclass(frozen=True)
class Source:
    id: int
    key: str
    name: str
    url: str
    seed_url: str
    origin: str
    lang: str | None
    country: str | None
    interval_seconds: int | None
    etag: str | None
    last_modified: str | None
    failure_count: int
    last_error: str | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    next_poll_at: datetime | None
    disabled_reason: str | None
    disabled_at: datetime | None

    @property
    def active(self) -> bool:
        return self.disabled_reason is None


@dataclass(frozen=True)
class NewItem:
    """A normalised feed entry ready to be stored; `entry_key` is its identity in its source."""

    entry_key: str
    guid: str | None
    canonical_url: str | None
    url: str | None
    title: str
    text: str
    author: str | None
    lang: str | None
    published_at: datetime
    content_hash: str
    status: ItemStatus


@dataclass(frozen=True)
class StoredItem:
    id: int
    source_id: int
    source_key: str
    source_name: str
    guid: str | None
    canonical_url: str | None
    url: str | None
    title: str
    text: str
    author: str | None
    lang: str | None
    published_at: datetime
    fetched_at: datetime
    content_hash: str
    status: ItemStatus
    source_count: int


@dataclass(frozen=True)
class StoreResult:
    new_item_ids: tuple[int, ...]  # oldest first
    reviewable_ids: tuple[int, ...]  # the new ones that are not backlog, oldest first
    linked_to_existing: int  # known story, new source for it
    already_seen: int  # entry this source had given before

    @property
    def new_count(self) -> int:
        return len(self.new_item_ids)

    @property
    def backlog_count(self) -> int:
        return len(self.new_item_ids) - len(self.reviewable_ids)


@dataclass(frozen=True)
class SyncSummary:
    added: tuple[str, ...]
    updated: tuple[str, ...]
    retired: tuple[str, ...]


@dataclass(frozen=True)
class ClassificationRecord:
    """What the classifier said about an item, as stored beside it."""

    categories: tuple[str, ...]
    scores: dict[str, float]
    relevance: float
    countries: tuple[str, ...]
    persons: tuple[str, ...]
    articles: tuple[str, ...]
    evidence: dict[str, tuple[str, ...]]
    lang: str

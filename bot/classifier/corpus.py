"""The labelled corpus (seeds/labeled/*.jsonl) as records."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

LABELED_DIR = Path(__file__).resolve().parents[2] / "seeds" / "labeled"
TRAIN_FILE = LABELED_DIR / "train.jsonl"
DEV_FILE = LABELED_DIR / "dev.jsonl"


@dataclass(frozen=True)
class LabeledItem:
    id: str
    lang: str
    title: str
    text: str
    categories: tuple[str, ...]
    countries: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    source_url: str | None = None
    hard_negative: bool = False

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> LabeledItem:
        return cls(
            id=str(raw["id"]),
            lang=str(raw.get("lang") or ""),
            title=str(raw.get("title") or ""),
            text=str(raw.get("text") or ""),
            categories=tuple(raw.get("categories") or ()),  # type: ignore[arg-type]
            countries=tuple(raw.get("countries") or ()),  # type: ignore[arg-type]
            persons=tuple(raw.get("persons") or ()),  # type: ignore[arg-type]
            source_url=raw.get("source_url"),  # type: ignore[arg-type]
            hard_negative=bool(raw.get("hard_negative")),
        )


def load_labeled(path: Path) -> list[LabeledItem]:
    items = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    items.append(LabeledItem.from_json(json.loads(line)))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path}:{number}: {exc}") from None
    return items


DEV_SHARE = 30  # percent of the report items that go to dev


def split_of(item_id: str, origin: str | None = None) -> str:
    """Which split an item belongs to, from its id alone, so that adding items never
    moves old ones. The seed stories are all dev: they are the users' own material, and
    the classifier must be judged on them, not fitted to them."""
    if origin == "seed":
        return "dev"
    bucket = int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % 100
    return "dev" if bucket < DEV_SHARE else "train"

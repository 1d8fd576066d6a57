"""Which categories a user means: a slug or a label in any interface language, whole or
its start, so that "/subscribe пытки", "/subscribe torture" and "/subscribe Азаптау"
all work."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.classifier.taxonomy import Taxonomy

ALL = "all"
_ALL_WORDS = {"all", "все", "всё", "барлығы", "бәрі"}
_SEPARATOR = re.compile(r"[,;\n]+")
_NOT_WORD = re.compile(r"[^\w]+")
COUNTRIES = ("KZ", "KG", "UZ", "TJ", "TM", "RU", "CN", "AF", "TR", "UA")


@dataclass(frozen=True)
class Resolved:
    slugs: tuple[str, ...]
    all: bool
    unknown: tuple[str, ...]


def _key(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold().replace("ё", "е")).strip()


def resolve(text: str, taxonomy: Taxonomy) -> Resolved:
    """The categories named in `text` (comma-separated), whether it said "all", and the
    parts that named nothing."""
    slugs: list[str] = []
    unknown: list[str] = []
    every = False
    for part in filter(None, (p.strip() for p in _SEPARATOR.split(text[:1000]))):
        key = _key(part)
        if key in _ALL_WORDS:
            every = True
            continue
        found = _one(key, taxonomy)
        if found is None:
            unknown.append(part[:100])
        elif found not in slugs:
            slugs.append(found)
    return Resolved(tuple(slugs), every, tuple(unknown))


def _one(key: str, taxonomy: Taxonomy) -> str | None:
    if not key:
        return None
    names = {
        slug: {_key(slug), *(_key(label) for label in taxonomy.by_slug[slug].label.values())}
        for slug in taxonomy.slugs
    }
    for test in (
        lambda name: name == key,
        lambda name: name.startswith(key) and len(key) >= 3,
        lambda name: len(key) >= 4 and key in name.split(),
    ):
        hits = [slug for slug, known in names.items() if any(test(n) for n in known)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None  # ambiguous: better to ask than to guess
    return None


def resolve_countries(text: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """ISO codes named in `text`, the parts that are not codes, and whether it said all."""
    codes: list[str] = []
    unknown: list[str] = []
    every = False
    for part in re.split(r"[\s,;]+", text[:500].strip()):
        if not part:
            continue
        if _key(part) in _ALL_WORDS:
            every = True
        elif re.fullmatch(r"[A-Za-z]{2}", part):
            if part.upper() not in codes:
                codes.append(part.upper())
        else:
            unknown.append(part[:20])
    return tuple(codes), tuple(unknown), every

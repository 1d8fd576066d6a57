"""Countries a news text names, from the names, places, demonyms and institutions in
seeds/places.yaml (the file's header explains the pattern syntax and the choices)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

PLACES_FILE = Path(__file__).resolve().parents[2] / "seeds" / "places.yaml"

_STAR = r"[^\W\d_]*"
# A case ending is matched loosely and checked against the endings list afterwards: the
# list spelled out at every "~" made the regex several times slower to compile.
_ENDING = r"([^\W\d_]{0,5})"
# libyaml's safe loader reads the file ten times faster than the pure-Python one.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SPECIAL = {"*": _STAR, "~": _ENDING, " ": r"\s+", "-": "[-‐‑–—]", "'": "[ʻʼ'‘’`]?"}


@dataclass(frozen=True)
class CountryHit:
    code: str  # ISO 3166-1 alpha-2
    phrase: str  # the words as written in the text


@dataclass(frozen=True)
class _Target:
    code: str  # "" for an ignored phrase
    case: re.Pattern[str] | None  # the letter case a "=" pattern demands
    ending: int  # the group that holds a "~" pattern's case ending, else 0
    leader: bool  # a person standing for the state, from the `leaders` lists


@dataclass(frozen=True)
class Matcher:
    regex: re.Pattern[str]
    targets: dict[int, _Target]  # by the number of the empty group that ends a pattern
    endings: frozenset[str]


def find_countries(text: str) -> list[CountryHit]:
    """Each country the text names, once, in the order of its first mention."""
    hits: dict[str, CountryHit] = {}
    for start, end, code in country_phrases(text):
        if code and code not in hits:
            hits[code] = CountryHit(code, text[start:end])
    return list(hits.values())


def country_phrases(text: str, *, leaders: bool = True) -> Iterator[tuple[int, int, str]]:
    """Start, end and country code of every pattern the text matches; the code is ""
    for a phrase under `ignore`. leaders=False leaves out the heads of state."""
    matcher = _matcher()
    for match in matcher.regex.finditer(fold(text)):
        target = matcher.targets[match.lastindex or 0]
        if target.leader and not leaders:
            continue
        if target.ending and match.group(target.ending) not in matcher.endings:
            continue
        # The match includes the character before the word (see compile_patterns), and
        # fold put a space before the text: both shift offsets by one.
        start, end = match.start(), match.end() - 1
        if target.case is not None and not target.case.fullmatch(text, start, end):
            continue
        yield start, end, target.code


def is_place(words: str) -> bool:
    """Whether the words, all of them, are one pattern of a country (a place, a country
    name, a demonym or an institution; not a leader)."""
    matcher = _matcher()
    match = matcher.regex.fullmatch(_fold(words))
    if match is None:
        return False
    target = matcher.targets[match.lastindex or 0]
    return bool(
        target.code
        and not target.leader
        and (not target.ending or match.group(target.ending) in matcher.endings)
        and (target.case is None or target.case.fullmatch(words))
    )


# The extractors run one after another on the same text: the lower case is made once.
@lru_cache(maxsize=8)
def fold(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    """The text in lower case after one leading space; every letter keeps its place.

    Lower-case text against lower-case literals, rather than IGNORECASE, lets the regex
    engine drop every branch whose first letter differs in one step.
    """
    folded = text.replace("\u0130", "I").lower().replace("ё", "е")
    if len(folded) != len(text):  # a letter whose lower case is longer; none in our languages
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return " " + folded


@cache
def _matcher() -> Matcher:
    text = PLACES_FILE.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader either way
    entries = [
        (code, pattern, kind == "leaders")
        for code, lists in data["countries"].items()
        for kind, patterns in lists.items()
        for pattern in patterns
    ]
    entries += [("", pattern, False) for pattern in data.get("ignore", [])]
    endings = {ending for endings in data["endings"].values() for ending in endings}
    return compile_patterns(entries, endings)


def compile_patterns(entries: list[tuple[str, str, bool]], endings: set[str]) -> Matcher:
    """One regex for all (code, pattern, leader) entries, built as a trie so that a shared
    beginning is tried once. Each pattern ends in an empty group; match.lastindex, the
    last group closed, tells which pattern matched."""
    root: dict[str, Any] = {}
    for code, pattern, leader in entries:
        if "~" in pattern[:-1]:
            raise ValueError(f"{pattern!r}: '~' only at the end of a pattern")
        node = root
        for atom in _atoms(pattern.removeprefix("=")):
            node = node.setdefault(atom, {})
        node.setdefault("", []).append((code, pattern, leader))
    emitter = _Emitter()
    body = emitter.emit(root)
    # The search engine skips ahead only to characters a pattern can start with; starting
    # with the non-letter before a word (fold puts a space before the text) it stops at
    # word starts, instead of trying every letter with a \b.
    regex = re.compile(rf"\W(?:{body})(?!\w)")
    return Matcher(regex, emitter.targets, frozenset(endings) | {""})


def _atoms(pattern: str) -> list[str]:
    text = pattern.lower().replace("ё", "е")
    return [_SPECIAL.get(ch) or re.escape(ch) for ch in text]


class _Emitter:
    def __init__(self) -> None:
        self.targets: dict[int, _Target] = {}
        self.groups = 0
        self.ending = 0

    def emit(self, node: dict[str, Any]) -> str:
        # Letters before "*" and "~", and the pattern that ends here last: a longer
        # pattern wins over a shorter one at the same place.
        atoms = sorted((a for a in node if a), key=lambda a: a in _SPECIAL.values())
        branches = [self._atom(atom, node[atom]) for atom in atoms]
        if "" in node:
            branches.append(self._terminal(node[""]))
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    def _atom(self, atom: str, child: dict[str, Any]) -> str:
        if atom == _ENDING:
            self.groups += 1
            self.ending = self.groups
        return atom + self.emit(child)

    def _terminal(self, ending_here: list[tuple[str, str, bool]]) -> str:
        (code, pattern, leader), *others = ending_here
        for other_code, other, _ in others:
            if other_code != code or "=" in (pattern[0], other[0]):
                raise ValueError(f"{PLACES_FILE.name}: {pattern!r} and {other!r} clash")
        self.groups += 1
        ending = self.ending if pattern.endswith("~") else 0
        case = re.compile(_case_regex(pattern[1:])) if pattern.startswith("=") else None
        self.targets[self.groups] = _Target(code, case, ending, leader)
        return "()"


def _case_regex(pattern: str) -> str:
    """The pattern in its own letter case, checked on the words the lower-case match found."""
    return "".join(
        {"*": r"\w*", "~": r"\w*"}.get(ch) or _SPECIAL.get(ch) or re.escape(ch) for ch in pattern
    )

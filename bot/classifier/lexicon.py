"""Cue phrases of the taxonomy, matched word by word, with the evidence they leave.

A cue is written the way a monitor would: words separated by spaces, a trailing `*` for
"any ending" (Russian, Ukrainian, Kazakh and Kyrgyz inflect, so stems carry the meaning:
"пытк*" matches пытки, пыток, пытками), `ё` and `е` alike, case ignored. The text is
split into words once and every category's cues are looked up in one index, so the cost
does not grow with the number of categories.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from bot.classifier.taxonomy import Taxonomy

_WORD = re.compile(r"\w+")
_CUE_WORD = re.compile(r"\w+\*?")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class Cue:
    category: str
    strong: bool
    words: tuple[tuple[str, bool], ...]  # (word or stem, is a stem)


@dataclass(frozen=True)
class CueHits:
    strong: tuple[str, ...]  # the phrases as written in the text, first seen first
    weak: tuple[str, ...]


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def parse_cue(text: str, category: str, *, strong: bool) -> Cue:
    # Split the way the text is split: hyphens and apostrophes separate words there too.
    words = tuple((fold(w.rstrip("*")), w.endswith("*")) for w in _CUE_WORD.findall(text))
    if not words or any(not w for w, _ in words):
        raise ValueError(f"empty word in cue {text!r} of {category}")
    return Cue(category, strong, words)


class Lexicon:
    """All languages' cues in one index: a Russian article quoting a Kazakh phrase hits too."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._exact: dict[str, list[Cue]] = defaultdict(list)
        self._stems: dict[str, list[Cue]] = defaultdict(list)
        for category in taxonomy.categories:
            for strong, lists in ((True, category.cues.strong), (False, category.cues.weak)):
                for cues in lists.values():
                    for text in cues:
                        self._add(parse_cue(text, category.slug, strong=strong))
        self._stem_lengths = sorted({len(stem) for stem in self._stems})
        # News reuses its words; looking each one up once keeps matching linear and cheap.
        self._cache: dict[str, tuple[Cue, ...]] = {}

    def _add(self, cue: Cue) -> None:
        first, is_stem = cue.words[0]
        (self._stems if is_stem else self._exact)[first].append(cue)

    def hits(self, text: str) -> dict[str, CueHits]:
        folded = fold(text)
        if len(folded) == len(text):
            words = _WORD.findall(folded)
            spans = _Spans(folded, words)
        else:  # a rare letter whose lower case is longer: fold word by word
            matches = list(_WORD.finditer(text))
            words = [fold(m.group(0)) for m in matches]
            spans = _Spans(folded, words, [m.span() for m in matches])
        found: dict[str, dict[bool, dict[str, None]]] = {}
        cache = self._cache
        # Only the positions of words that carry a cue are visited word by word.
        cued = set()
        for word in set(words):
            cues = cache.get(word)
            if cues is None:
                cues = self._candidates(word)
            if cues:
                cued.add(word)
        for i, word in enumerate(words):
            if word not in cued:
                continue
            for cue in cache[word]:
                last = _last_word(cue, words, i)
                if last is None:
                    continue
                phrase = text[spans.start(i) : spans.end(last)]
                kinds = found.setdefault(cue.category, {True: {}, False: {}})
                kinds[cue.strong][phrase] = None
        return {
            slug: CueHits(tuple(kinds[True]), tuple(kinds[False])) for slug, kinds in found.items()
        }

    def _candidates(self, word: str) -> tuple[Cue, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        cues = list(self._exact.get(word, ()))
        for length in self._stem_lengths:
            if length > len(word):
                break
            cues.extend(self._stems.get(word[:length], ()))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = found = tuple(cues)
        return found


class _Spans:
    """Where each word is in the text, found only as far as asked: most items have their
    last cue well before their last word."""

    def __init__(
        self, folded: str, words: list[str], known: list[tuple[int, int]] | None = None
    ) -> None:
        self._folded = folded
        self._words = words
        self._spans = known or []
        self._position = 0

    def _upto(self, n: int) -> tuple[int, int]:
        spans = self._spans
        while len(spans) <= n:
            word = self._words[len(spans)]
            # Words are consecutive runs of \w: the next one starts at the next match.
            start = self._folded.find(word, self._position)
            self._position = start + len(word)
            spans.append((start, self._position))
        return spans[n]

    def start(self, n: int) -> int:
        return self._upto(n)[0]

    def end(self, n: int) -> int:
        return self._upto(n)[1]


def _last_word(cue: Cue, words: list[str], i: int) -> int | None:
    """Index of the cue's last word when it matches from word i. Most cues are one word
    (the candidate lookup matched them already); for the others the second word is
    checked here, because cues that start with a preposition ("в", "на", "in") are tried
    at every one of its many occurrences."""
    size = len(cue.words)
    if size == 1:
        return i
    if i + 1 >= len(words):
        return None
    expected, is_stem = cue.words[1]
    following = words[i + 1]
    if not (following.startswith(expected) if is_stem else following == expected):
        return None
    return i + 1 if size == 2 else _match_rest(cue, words, i)


def _match_rest(cue: Cue, words: list[str], start: int) -> int | None:
    """Index of the last word of the cue when the words after `start` match it."""
    last = start + len(cue.words) - 1
    if last >= len(words):
        return None
    for offset in range(1, len(cue.words)):
        expected, is_stem = cue.words[offset]
        word = words[start + offset]
        if not (word.startswith(expected) if is_stem else word == expected):
            return None
    return last

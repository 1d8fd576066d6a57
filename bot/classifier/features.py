"""Words of an item turned into the sparse features the linear model reads.

Stems by truncation: the first letters of a word carry its meaning in all five languages
(пытки, пыток, пытками -> "пытк"...; Kazakh and Kyrgyz stack suffixes after the root),
which is cheap, needs no dictionaries, and works the same for every language. Adjacent
stem pairs catch phrases ("сотрудник полиц"), and title words count apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise

from bot.classifier.lexicon import CueHits

_WORD = re.compile(r"[^\W\d_]{2,}")
STEM_LENGTH = {"en": 6}  # English inflects little; a longer stem keeps words apart
DEFAULT_STEM = 5
MAX_WORDS = 700  # the lead of a long article says what it is about


def stems(text: str, lang: str | None) -> list[str]:
    length = STEM_LENGTH.get(lang or "", DEFAULT_STEM)
    words = _WORD.findall(text.lower().replace("ё", "е"))[:MAX_WORDS]
    return [word[:length] for word in words]


def cue_features(hits: Mapping[str, CueHits]) -> set[str]:
    """The lexicon's findings as features, so each category's model weighs every
    category's cues (torture cues also speak for law_enforcement_abuse)."""
    found = set()
    for slug, cue in hits.items():
        for kind, phrases in (("strong", cue.strong), ("weak", cue.weak)):
            if phrases:
                found.add(f"cue:{slug}:{kind}")
            if len(phrases) > 1:
                found.add(f"cue:{slug}:{kind}:2")
    return found


def features(
    title: str, text: str, lang: str | None, hits: Mapping[str, CueHits] | None = None
) -> set[str]:
    head = stems(title, lang)
    body = stems(text, lang)
    found = set(body)
    found.update(map(" ".join, pairwise(body)))
    found.update(["t:" + s for s in head])
    found.update(head)
    if hits:
        found |= cue_features(hits)
    return found

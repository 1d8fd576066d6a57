"""Language of a text from its script and the letters that set the Cyrillic languages apart.

This is the fallback the feed pipeline uses when a feed does not declare its language,
and the check it uses when it does (feeds often declare one language for all entries).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

SUPPORTED = ("ru", "kk", "ky", "uk", "en", "uz", "tg")

_KK_ONLY = frozenset("әғқұһ")  # Kazakh letters neither Kyrgyz nor Ukrainian use
_UK_ONLY = frozenset("їєґ")
_KY_KK = frozenset("ңөү")  # shared by Kyrgyz and Kazakh
_NOT_UK = frozenset("ыэъё")  # Russian, Kazakh and Kyrgyz letters Ukrainian lacks
_UZ_CYRILLIC = frozenset("ўҳ")  # Uzbek letters; Kazakh writes һ, not ҳ, and has no ў
_TG_CYRILLIC = frozenset("ҷӣӯ")  # Tajik, which also writes ҳ
# Uzbek Latin: oʻ/gʻ with any apostrophe people type, q not followed by u (English writes
# "qu"), and common function words. English function words count against it.
_UZ_LATIN = re.compile(
    r"[og][ʻʼ'‘’`]|q(?!u)|\b(?:va|bilan|uchun|emas|bo'yicha|qilgan|qildi|haqida|deb|bu)\b",
    re.IGNORECASE,
)
_EN_WORDS = re.compile(
    r"\b(?:the|of|and|to|in|on|for|is|was|were|said|with|that|by|from|a|an)\b", re.IGNORECASE
)
# Russian words no Kazakh or Kyrgyz sentence uses: with them around, a few Kazakh or Kyrgyz
# letters are a name, not the language.
_RU_WORDS = frozenset(
    ("в", "и", "на", "не", "что", "по", "с", "к", "о", "за", "от", "для", "из", "как", "это",
     "при", "он", "она", "они", "его", "её", "их", "был", "была", "было")
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")

# Below this many letters a text's own evidence is too thin to overrule a declared language.
_MIN_LETTERS = 80
# Distinctive letters must make up this share of the Cyrillic letters: one Kazakh name in a
# Russian article must not turn the article Kazakh.
_MIN_SHARE = 0.01
_SAMPLE_CHARS = 4000


@dataclass(frozen=True)
class Guess:
    lang: str
    confident: bool


def guess_language(text: str) -> Guess:
    # Counting every character in C and filtering the few distinct ones after is far
    # cheaper than a Python-level filter; a few thousand characters settle the language.
    sample = text[:_SAMPLE_CHARS]
    counts = Counter(sample.lower())
    letters = Counter({ch: n for ch, n in counts.items() if ch.isalpha()})
    cyrillic = sum(n for ch, n in letters.items() if "\u0400" <= ch <= "\u04ff")
    latin = sum(n for ch, n in letters.items() if "a" <= ch <= "z")
    total = cyrillic + latin
    if total == 0:
        return Guess("ru", confident=False)
    confident = total >= _MIN_LETTERS
    if latin > cyrillic:
        uz_marks = len(_UZ_LATIN.findall(sample))
        uz = uz_marks >= 3 and uz_marks > len(_EN_WORDS.findall(sample))
        return Guess("uz" if uz else "en", confident)
    words = _WORD.findall(sample.lower())
    russian = sum(word in _RU_WORDS for word in words) >= max(2, len(words) // 10)
    return Guess(_cyrillic_language(letters, cyrillic, russian=russian), confident)


def _cyrillic_language(letters: Counter[str], cyrillic: int, *, russian: bool) -> str:
    def share(chars: frozenset[str]) -> float:
        return sum(letters[ch] for ch in chars) / cyrillic

    # In Russian prose the local letters come from names; the language's own text is
    # several times denser in them.
    local = _MIN_SHARE * 4 if russian else _MIN_SHARE
    # First match wins; the order settles the letters two languages share.
    rules = (
        ("tg", share(_TG_CYRILLIC) >= _MIN_SHARE),
        ("uz", share(_UZ_CYRILLIC) >= _MIN_SHARE),
        ("kk", share(_KK_ONLY) >= local),
        ("uk", share(_UK_ONLY | {"і"}) >= _MIN_SHARE * 3 and share(_NOT_UK) < _MIN_SHARE),
        ("kk", share(frozenset("і")) >= local),
        ("ky", share(_KY_KK) >= local),
    )
    return next((lang for lang, hit in rules if hit), "ru")


def normalise_code(code: str | None) -> str | None:
    """'ru-RU', 'RU', 'kk_KZ' -> 'ru', 'kk'; None when not one of ours."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    aliases = {"kz": "kk", "kg": "ky", "ua": "uk"}
    base = aliases.get(base, base)
    return base if base in SUPPORTED else None


def pick_language(text: str, *declared: str | None) -> str:
    """The text's own letters when there are enough of them, else the first declared
    language we support, else the best guess."""
    guess = guess_language(text)
    if guess.confident:
        return guess.lang
    for code in declared:
        lang = normalise_code(code)
        if lang:
            return lang
    return guess.lang

"""Language of a text from its script and the letters that set the Cyrillic languages apart.

This is the fallback the feed pipeline uses when a feed does not declare its language,
and the check it uses when it does (feeds often declare one language for all entries).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

SUPPORTED = ("ru", "kk", "ky", "uk", "en", "uz")

_KK_ONLY = frozenset("әғқұһ")  # Kazakh letters neither Kyrgyz nor Ukrainian use
_UK_ONLY = frozenset("їєґ")
_KY_KK = frozenset("ңөү")  # shared by Kyrgyz and Kazakh
_NOT_UK = frozenset("ыэъё")  # Russian, Kazakh and Kyrgyz letters Ukrainian lacks
_UZ_LATIN = re.compile(r"[oOgG][ʻʼ'‘`]|\b(?:va|bilan|uchun|emas|bo'yicha|qilgan)\b")

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
    counts = Counter(text[:_SAMPLE_CHARS].lower())
    letters = Counter({ch: n for ch, n in counts.items() if ch.isalpha()})
    cyrillic = sum(n for ch, n in letters.items() if "\u0400" <= ch <= "\u04ff")
    latin = sum(n for ch, n in letters.items() if "a" <= ch <= "z")
    total = cyrillic + latin
    if total == 0:
        return Guess("ru", confident=False)
    confident = total >= _MIN_LETTERS
    if latin > cyrillic:
        uz = len(_UZ_LATIN.findall(text)) >= 3
        return Guess("uz" if uz else "en", confident)
    return Guess(_cyrillic_language(letters, cyrillic), confident)


def _cyrillic_language(letters: Counter[str], cyrillic: int) -> str:
    def share(chars: frozenset[str]) -> float:
        return sum(letters[ch] for ch in chars) / cyrillic

    if share(_KK_ONLY) >= _MIN_SHARE:
        return "kk"
    if share(_UK_ONLY | frozenset("і")) >= _MIN_SHARE * 3 and share(_NOT_UK) < _MIN_SHARE:
        return "uk"
    if share(frozenset("і")) >= _MIN_SHARE:
        return "kk"
    if share(_KY_KK) >= _MIN_SHARE:
        return "ky"
    return "ru"


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

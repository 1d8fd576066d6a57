"""Language of a text from its script and the letters that set the Cyrillic languages apart.

This is the fallback the feed pipeline uses when a feed does not declare its language,
and the check it uses when it does (feeds often declare one language for all entries).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
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
_KY_WORDS = frozenset(
    ("жана", "менен", "боюнча", "үчүн", "деп", "бул", "анын", "болуп", "тууралуу", "дагы",
     "алар", "экенин", "кийин", "ошондой")
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_TELLING = _KK_ONLY | _UK_ONLY | _KY_KK | _NOT_UK | _UZ_CYRILLIC | _TG_CYRILLIC | {"і"}
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")
_NOT_LATIN_BYTES = bytes(b for b in range(256) if not ord("a") <= b <= ord("z"))

# Below this many letters a text's own evidence is too thin to overrule a declared language.
_MIN_LETTERS = 80
# Distinctive letters must make up this share of the Cyrillic letters: one Kazakh name in a
# Russian article must not turn the article Kazakh.
_MIN_SHARE = 0.01
_SAMPLE_CHARS = 1500


@dataclass(frozen=True)
class Guess:
    lang: str
    confident: bool


def guess_language(text: str) -> Guess:
    sample = text[:_SAMPLE_CHARS].lower()
    # str.count and bytes.count run in C; a Python loop over every character cost more
    # than the rest of feed normalisation together. Every Cyrillic letter is two bytes
    # in UTF-8 with a lead byte D0-D3, which continuation bytes never are.
    encoded = sample.encode()
    cyrillic = sum(encoded.count(lead) for lead in _CYRILLIC_LEADS)
    latin = len(encoded.translate(None, _NOT_LATIN_BYTES))
    total = cyrillic + latin
    if total == 0:
        return Guess("ru", confident=False)
    confident = total >= _MIN_LETTERS
    if latin > cyrillic:
        uz_marks = len(_UZ_LATIN.findall(sample))
        uz = uz_marks >= 3 and uz_marks > len(_EN_WORDS.findall(sample))
        return Guess("uz" if uz else "en", confident)
    letters = Counter({ch: sample.count(ch) for ch in _TELLING})
    return Guess(_cyrillic_language(letters, cyrillic, sample), confident)


def _count_words(sample: str, vocabulary: frozenset[str]) -> int:
    return sum(word in vocabulary for word in _WORD.findall(sample))


def _reads_russian(sample: str) -> bool:
    words = _WORD.findall(sample)
    return sum(word in _RU_WORDS for word in words) >= max(2, len(words) // 10)


def _cyrillic_language(letters: Counter[str], cyrillic: int, sample: str) -> str:
    def share(chars: Iterable[str]) -> float:
        return sum(letters[ch] for ch in chars) / cyrillic

    def local() -> float:
        # In Russian prose the local letters come from names; the language's own text is
        # several times denser in them.
        return _MIN_SHARE * 4 if _reads_russian(sample) else _MIN_SHARE

    # First match wins; the order settles the letters two languages share.
    rules: tuple[tuple[str, Callable[[], bool]], ...] = (
        ("tg", lambda: share(_TG_CYRILLIC) >= _MIN_SHARE),
        ("uz", lambda: share(_UZ_CYRILLIC) >= _MIN_SHARE),
        ("kk", lambda: share(_KK_ONLY) >= _MIN_SHARE and share(_KK_ONLY) >= local()),
        ("uk", lambda: share(_UK_ONLY | {"і"}) >= _MIN_SHARE * 3 and share(_NOT_UK) < _MIN_SHARE),
        ("kk", lambda: share("і") >= _MIN_SHARE and share("і") >= local()),
        ("ky", lambda: share(_KY_KK) >= _MIN_SHARE and share(_KY_KK) >= local()),
        # Kyrgyz prose thin in ң ө ү still has its function words and no Russian ones.
        ("ky", lambda: _count_words(sample, _KY_WORDS) >= 2 and not _reads_russian(sample)),
    )
    return next((lang for lang, hit in rules if hit()), "ru")


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

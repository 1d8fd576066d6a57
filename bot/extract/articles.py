"""Criminal and administrative code articles a news text cites, as "ст. 174 ч. 1 УК РК".

The code ("УК РК", "КоАП") is added only when the text names it next to the article; the
text's country is not guessed. A number is an article only after an article word
("статья", "ст.", "стаття", "article") or before a Turkic one ("174-бабы", "174-беренеси",
"174-moddasi"). Articles of anything but a criminal, criminal-procedure or administrative
code are left out: a convention, a covenant, a constitution, a law, the civil code.
"Article 19" with a capital A and no code after it is the NGO ARTICLE 19, not an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.countries import fold

_NUM = r"\d{1,4}(?:[-.]\d{1,3})?(?!\d)"
# "статьи 174 и 5 лет", "статья 2023 года": a number that counts or dates something.
_QUANTITY = (
    r"(?!\s*(?:лет|год|г\.|мес|сут|дн|час|тенге|теңге|тыс|млн|млрд|мрп|%|процент|человек"
    r"|раз\b|рубл|сом\b|доллар|year|month|day|hour|people|person|percent|times|жыл|ай\b|күн"
    r"|январ|феврал|март|апрел|ма[яй]\b|июн|июл|август|сентябр|октябр|ноябр|декабр"
    r"|january|february|march|april|may\b|june|july|august|september|october|november"
    r"|december|січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд))"
)
_PART_WORD = r"(?:ч\.?|част(?:ь|и|ью|ина|ини|иною|ину)|part)"
# A part after the number belongs to it unless an article word follows ("ст. 174, ч. 2 ст. 405").
_PART_AFTER = (
    rf"(?:\s*\((?P<paren>\d{{1,2}})\)|\s*,?\s*{_PART_WORD}\s*(?P<part>\d{{1,3}})"
    r"(?!\s*(?:ст|art|of\s+art|\d)))"
)
_TITLE = r"(?:\s*\([^()\n]{0,100}\)|\s*«[^«»\n]{0,100}»)"
_ITEM = rf"(?P<num>{_NUM}){_QUANTITY}(?:{_PART_AFTER})?{_TITLE}?"
_CONJ = r"(?:и|или|либо|а\s+также|также|дополнительно|та|і|й|або|and|or|as\s+well\s+as|&)"
_SEP = rf"(?:\s*[,;]\s*(?:{_CONJ}\s+)*|\s+(?:{_CONJ}\s+)+)"
_UNNAMED_ITEM = re.sub(r"\(\?P<\w+>", "(?:", _ITEM)

# One regex per article word, each opening with the word's first letters: the engine then
# jumps between occurrences of those letters in C, where a regex opening with a choice of
# words has to be tried at every position. The boundary behind the word is checked after.
_ARTICLE_WORDS = (
    ("ст", r"(?:\.\s*ст\.|ст\.|\.|(?=\s*\d)|ать(?:я|и|е|ю|ей|ям|ями|ях)|атей"
     r"|атт(?:я|і|ю|ею|ями|ях))"),
    ("art", r"(?:\.|icles?)"),
    ("модда", r"(?:и|ҳои)"),
)  # fmt: skip
_ARTICLE_FIRST = [
    re.compile(
        rf"{word}(?<!\w{'.' * len(word)}){rest}"
        rf"\s*(?:№\s*)?(?P<list>{_UNNAMED_ITEM}(?:{_SEP}{_UNNAMED_ITEM})*)"
    )
    for word, rest in _ARTICLE_WORDS
]
_TURKIC_ARTICLE_WORDS = ("бап", "баб", "берене", "modda", "модда")
_NUMBER_FIRST = re.compile(
    rf"(?P<list>\d(?<!\w\d)\d{{0,3}}(?:[-.]\d{{1,3}})?(?!\d)"
    rf"(?:\s*(?:,|және|мен|жана|менен|va|ва|и)\s*{_NUM})*)"
    r"\s*[-‐‑–]?\s*(?:бап|баб|берене|modda|модда)\w*"
    r"(?:\s+(?P<part>\d{1,3})\s*[-‐‑–]?\s*(?:бөлі|бөлү|qism|қисм)\w*)?"
)
_LIST_ITEM = re.compile(_ITEM)
_PRE_PART = re.compile(
    rf"(?<!\w)(?:(?:п\.|пункт\w*)\s*«?\w»?\s*)?{_PART_WORD}\s*(?P<part>\d{{1,3}})\s*"
    r"(?:of\s+(?:the\s+)?)?\Z"
)

_COUNTRIES = (
    (r"казах|kazakh|қазақ|^рк$|^қр$", "РК"),
    (r"кыргыз|киргиз|kyrgyz|^кр$", "КР"),
    (r"росси|росії|russia|ресей|^рф$", "РФ"),
    (r"узбек|uzbek|o.?zbek|ўзбек|^руз$", "РУз"),
    (r"таджик|tajik|тоҷик|^рт$", "РТ"),
    (r"украин|україн|ukrain", "Украины"),
    (r"беларус|belarus|^рб$", "РБ"),
)
_COUNTRY = (
    r"рк|кр|рф|руз|рт|рб|республики\s+\w+|\w+\s+республики|российской\s+федерации"
    r"|(?:the\s+)?(?:republic\s+of\s+)?(?:kazakhstan|kyrgyzstan|uzbekistan|tajikistan|belarus)"
    r"|(?:the\s+)?kyrgyz\s+republic|(?:the\s+)?russian\s+federation|russia|ukraine"
    r"|(?:казахстан|кыргызстан|киргиз|узбекистан|таджикистан|беларус|білорус|украин|україн"
    r"|росси|росі)\w*"
)
_COUNTRY_BEFORE = (
    r"(?:kazakhstan|kyrgyzstan|russia|uzbekistan|tajikistan|ukraine|belarus)(?:['’]s)?"
    r"|kazakh|kyrgyz|russian|uzbek|tajik|ukrainian|belarusian"
    r"|қр|кр|рф|қазақстан(?:\s+республикасы)?\w*|кыргыз\s+республикасы\w*|кыргызстан\w*"
    r"|ресей(?:\s+федерациясы)?\w*|o['ʻʼ‘’`]?zbekiston\s+respublikasi\w*"
    r"|ўзбекистон\s+республикаси\w*|ҷумҳурии\s+тоҷикистон"
)
_CODE = (
    r"(?P<upk>упк|уголовно-процессуальн\w*\s+кодекс\w*|кпк|кримінальн\w*\s+процесуальн\w*"
    r"\s+кодекс\w*|criminal\s+procedur\w*\s+code|code\s+of\s+criminal\s+procedure|қпк"
    r"|қылмыстық[\s-]+процестік\s+кодекс\w*|кылмыш-жаза[\s-]+процесстик\s+кодекс\w*)"
    r"|(?P<uk>ук|уголовн\w*\s+кодекс\w*|кк|кримінальн\w*\s+кодекс\w*|criminal\s+code"
    r"|penal\s+code|қк|қылмыстық\s+кодекс\w*|кылмыш(?:-жаза)?\s+кодекс\w*|кжк"
    r"|jinoyat\s+kodeks\w*|жиноят\s+кодекс\w*|кодекси\s+ҷиноятӣ)"
    r"|(?P<kupap>купап|кодекс\w*\s+україни\s+про\s+адміністративні\s+правопорушення)"
    r"|(?P<koap>коап|кодекс\w*\s+(?:республики\s+(?P<middle>\w+)\s+)?об\s+административных"
    r"\s+правонарушениях|code\s+(?:of|on)\s+administrative\s+(?:offen[cs]es|violations)"
    r"|administrative\s+(?:offen[cs]es\s+)?code|әқбтк|әкімшілік\s+құқық\s+бұзушылық"
    r"\s+туралы\s+кодекс\w*)"
    r"|(?P<kop>кодекс\w*\s+(?:кыргызской\s+республики\s+)?о\s+правонарушениях"
    r"|укук\s+бузуулар\s+жөнүндө\s+кодекс\w*)"
)
_CODE_NAMES = {"upk": "УПК", "uk": "УК", "kupap": "КУпАП", "koap": "КоАП", "kop": "КоП"}
_CODE_AFTER = re.compile(
    rf"{_TITLE}?\s*,?\s*(?:(?:of|under)\s+)?(?:the\s+)?(?:(?P<before>{_COUNTRY_BEFORE})\s+)?"
    rf"(?:{_CODE})(?!\w)(?:\s*,?\s+(?:of\s+)?(?P<after>{_COUNTRY})(?!\w))?"
)
_CODE_BEFORE = re.compile(
    rf"(?<!\w)(?:(?P<before>{_COUNTRY_BEFORE})\s+)?(?:{_CODE})(?:[-‐‑–]?\w+)?\s*\Z"
)
# Articles of these are not criminal or administrative code articles.
_OTHER_ACT = (
    r"конвенц|конституц|пакта?\b|деклараци|закона?\b|закону|законом|регламент|устав"
    r"|положени|правил|постановлени|указа?\b|приказа?\b|договора?\b|соглашени|хартии"
    r"|резолюци|(?:гражданск|трудов|налогов|семейн|земельн|жилищн|бюджетн|экологическ|водн"
    r"|лесн|предпринимательск|цивільн|податков|сімейн|земельн)\w*(?:[\s-]+процессуальн\w*)?"
    r"\s+кодекс|convention|covenant|constitution|declaration|law\b|act\b|charter|treaty"
    r"|protocol|(?:civil|labou?r|tax|family|land)\s+code|iccpr|udhr|echr|resolution|decree"
)
_OTHER_AFTER = re.compile(
    rf"{_TITLE}?\s*,?\s*(?:(?:of|under)\s+)?(?:the\s+)?(?:\w+\s+)?(?:{_OTHER_ACT})"
)
_OTHER_BEFORE = re.compile(
    r"(?<!\w)(?:конституция|конвенция|пакт|заң|азаматтық|еңбек|салық|мыйзам|жарандык|эмгек"
    r"|konstitutsiya|qonun)\w*(?:[-‐‑–]?\w+)?\s*\Z"
)
_BEFORE_WINDOW = 80


@dataclass
class _Citation:
    start: int
    end: int
    items: list[tuple[str, str | None]]  # article number, part
    code: str | None


def find_articles(text: str) -> list[str]:
    """Code articles the text cites, normalised as "ст. 174 ч. 1 УК РК", unique, in order."""
    if not _has_digit(text):
        return []
    folded = fold(text)
    citations = [*_article_first(text, folded), *_number_first(folded)]
    citations.sort(key=lambda c: c.start)
    _share_codes(citations, folded)
    return _unique(citations)


def _has_digit(text: str) -> bool:
    return any(d in text for d in "0123456789")


def _article_first(text: str, folded: str) -> list[_Citation]:
    found = []
    last_end = 0
    matches = [match for regex in _ARTICLE_FIRST for match in regex.finditer(folded)]
    for match in sorted(matches, key=lambda match: match.start()):
        start, end = match.start(), match.end()
        code_match = _CODE_AFTER.match(folded, end)
        if code_match is None and _OTHER_AFTER.match(folded, end):
            continue
        code = _code(code_match) if code_match else None
        items = [
            (item["num"], item["part"] or item["paren"])
            for item in _LIST_ITEM.finditer(folded, match.start("list"), end)
        ]
        pre = _PRE_PART.search(folded, max(last_end, start - _BEFORE_WINDOW), start)
        last_end = end
        if pre and items:
            items[0] = (items[0][0], items[0][1] or pre["part"])
            start = pre.start()
        # The NGO: "Article 19 said", "ARTICLE 19" (folded offsets are text offsets + 1).
        if code is None and text[match.start() - 1] == "A":
            items = [(num, part) for num, part in items if num != "19"]
        found.append(_Citation(start, end, items, code))
    return found


def _number_first(folded: str) -> list[_Citation]:
    found: list[_Citation] = []
    if not any(word in folded for word in _TURKIC_ARTICLE_WORDS):
        return found
    for match in _NUMBER_FIRST.finditer(folded):
        start = match.start()
        window = max(0, start - _BEFORE_WINDOW)
        if _OTHER_BEFORE.search(folded, window, start):
            continue
        code_match = _CODE_BEFORE.search(folded, window, start)
        code = _code(code_match) if code_match else None
        numbers = re.findall(_NUM, match["list"])
        items: list[tuple[str, str | None]] = [(num, None) for num in numbers]
        items[-1] = (items[-1][0], match["part"])
        found.append(
            _Citation(code_match.start() if code_match else start, match.end(), items, code)
        )
    return found


def _code(match: re.Match[str]) -> str:
    kind = next(name for name in _CODE_NAMES if match.group(name))
    groups = match.groupdict()
    country = groups.get("before") or groups.get("after") or groups.get("middle")
    abbreviation = _country(country) if country and kind != "kupap" else None
    return f"{_CODE_NAMES[kind]} {abbreviation}" if abbreviation else _CODE_NAMES[kind]


def _country(phrase: str) -> str | None:
    return next((abbr for pattern, abbr in _COUNTRIES if re.search(pattern, phrase)), None)


_CONNECTOR = re.compile(rf"\s*(?:[,;]\s*)?(?:{_CONJ}\s+)*\Z")


def _share_codes(citations: list[_Citation], folded: str) -> None:
    """'ч. 2 ст. 174 и ч. 1 ст. 405 УК РК': the code named after a chain of citations
    belongs to each of them."""
    for this, after in zip(reversed(citations[:-1]), reversed(citations[1:]), strict=True):
        if this.code is None and after.code and _CONNECTOR.match(folded, this.end, after.start):
            this.code = after.code


def _unique(citations: list[_Citation]) -> list[str]:
    """One entry per article; a bare "ст. 174" and a later "ст. 174 УК РК" are one article
    (the bare one takes the code), unless the text cites it under two codes."""
    found: dict[tuple[str, str | None], list[str | None]] = {}
    order: list[tuple[tuple[str, str | None], int]] = []
    for citation in citations:
        for num, part in citation.items:
            key = (num, part)
            codes = found.setdefault(key, [])
            if citation.code in codes or (citation.code is None and codes):
                continue
            if citation.code is not None and None in codes:
                codes[codes.index(None)] = citation.code
                continue
            codes.append(citation.code)
            order.append((key, len(codes) - 1))
    return [_format(key, found[key][index]) for key, index in order]


def _format(key: tuple[str, str | None], code: str | None) -> str:
    num, part = key
    return f"ст. {num}" + (f" ч. {part}" if part else "") + (f" {code}" if code else "")

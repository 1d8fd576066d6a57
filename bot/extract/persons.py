"""Full names of people in a news text, by their shape: two or three capitalised words of
which at least one is a known first name (seeds/first_names.txt) or a surname or
patronymic by its ending, or a surname with initials ("Бектенов О.Б."). Names are
returned as the text writes them at their first mention, in whatever case form
("Мирболата Мырзатайулы"); a lone surname is not a full name and is left out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path

from bot.extract.countries import is_place

NAMES_FILE = Path(__file__).resolve().parents[2] / "seeds" / "first_names.txt"

# Latin, Cyrillic and the letters Kazakh, Kyrgyz, Ukrainian, Uzbek, Tajik and Turkish add.
# Ranges, not every capital of Unicode: a small set is a faster first test.
_UPPER = "A-ZÀ-ÖØ-ÞЀ-ЯҒҚҢҮҰҲҶҺӘӢӨӮҐĞİŞŠŽČ"
_LOWER = "a-zß-öø-ÿа-яѐ-џғқңүұҳҷһәӣөӯґğışšžč"
# A token: initials ("О.", "О.Б.", "О. Б."), a capitalised word ("Касым-Жомарт", Ukrainian
# "Бек'янов" but not English "Tokayev's"), or a word in capitals ("ВААЛЬ" in a byline).
# It opens with the capital and checks the word boundary behind it: a regex that opens
# with a character set lets the engine skip lower-case text in C.
_TOKEN = (
    rf"[{_UPPER}](?<!\w.)(?:\.(?:[ \u00a0]?[{_UPPER}]\.)?"
    rf"|[{_LOWER}]+(?:['’ʼ][{_LOWER}]{{2,}})?(?:[-‐][{_UPPER}]?[{_LOWER}]+)*"
    rf"|[{_UPPER}]+(?:-[{_UPPER}]+)*)(?!\w)"
)
# Kazakh and Kyrgyz write the patronymic particle in lower case: "Азамат Эсен уулу".
_PARTICLE = r"(?:уулу|кызы|ұлы|қызы|uulu|kyzy|uly|qyzy)[а-яңөүәғқұһі]{0,4}(?!\w)"
_RUN = re.compile(rf"{_TOKEN}(?:[ \u00a0]+{_TOKEN})+(?:[ \u00a0]+{_PARTICLE})?")
_TOKENS = re.compile(rf"{_TOKEN}|{_PARTICLE}")

# Kazakh, Kyrgyz, Ukrainian, Uzbek and Tajik letters read as their Russian look-alikes, and
# ы as и, so that one spelling in the gazetteer and one suffix list serve every language.
_LOOK_ALIKE = str.maketrans("әғқңөұүһіїєёґўҳҷӣӯыэ", "агкноуухииеегухчиуие", "ьъ")

# Case endings in the look-alike spelling (ы is и). Not -ов/-ев: "Майоров" is a surname,
# not the genitive plural of "майор".
_SLAVIC_ENDINGS = frozenset((
    "а", "у", "е", "ю", "я", "ом", "ем", "ой", "ей", "ою", "ею", "и", "им", "их", "ими", "ам",
    "ами", "ах", "ои", "ови", "еви",
))  # fmt: skip
_TURKIC_ENDINGS = frozenset((
    "а", "е", "и", "у", "н", "га", "ге", "ка", "ке", "на", "не", "нин", "дин", "тин", "ди",
    "ти", "ни", "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен", "мен",
    "бен", "пен", "менен", "дун", "тун", "нун", "ду", "ту", "ну", "го", "ко", "до", "то",
    "дон", "тон", "нон",
))  # fmt: skip
_ENDINGS_BY_LANG = {
    "ru": _SLAVIC_ENDINGS,
    "uk": _SLAVIC_ENDINGS,
    "kk": _TURKIC_ENDINGS,
    "ky": _TURKIC_ENDINGS,
    "en": frozenset(),
}
_ALL_ENDINGS = _SLAVIC_ENDINGS | _TURKIC_ENDINGS

# Endings of compound first names the gazetteer cannot list one by one: Фазылжан,
# Умеджон, Шарофиддин, Хидирназар, Айымгуль, Даулетмурат, Торехан.
_FIRST_NAME_ENDINGS = (
    "жан", "жон", "джон", "иддин", "уддин", "оддин", "назар", "гуль", "гул", "мурат", "болат",
    "хан", "нур",
)  # fmt: skip
# Surname endings (and -ин, below): Рамазанов, Трофименко, Ковальчук, Мырзатайулы, Эсен
# уулу, Балгабаева (ев + а), Шынарбек, Турганбай, Рахмонзода, Пашинян. Not a bare -ук:
# Kyrgyz "улуттук", "укук" end so.
_SURNAME = (
    "ов", "ев", "енко", "чук", "щук", "рук", "юк", "ули", "уули", "уулу", "кизи", "бек",
    "бай", "зода", "заде", "ян", "янц", "швили", "дзе",
)  # fmt: skip
_ADJECTIVE_SURNAME = ("ск", "цк", "ськ", "цьк")  # Вишневский, Жуковская, Ковальський
_ADJECTIVE_SURNAME_ENDINGS = frozenset((
    "ий", "ая", "ого", "ому", "им", "ом", "ой", "ую", "а", "у", "ои", "ою",
))  # fmt: skip
# A patronymic particle follows a father's name (Эсен уулу), not a Russian-style surname.
_RUSSIAN_SURNAME = re.compile(r"(?:ов|ев|ин|ова|ева|ина)[а-яәғқңөұүһі]{0,4}$")
_PATRONYMIC = ("ович", "евич", "овна", "евна", "ична")
_LATIN_SURNAME = (
    "ov", "ova", "ev", "eva", "yev", "yeva", "iev", "ieva", "sky", "ski", "skaya", "skiy",
    "enko", "uk", "chuk", "uly", "kyzy", "qyzy", "uulu", "zoda", "zade", "yan", "dze",
    "shvili", "ovich", "evich", "ovna", "evna", "bek", "bay", "bai",
)  # fmt: skip
# Endings of adjectives, as written: "Верховный", "Национального". Such a word is part of a
# name only after a first name ("Лев Толстой", "Денис Рудний"); -ий, -им and -их are left
# to longer words because names end so too (Дмитрий, Карим, Салих).
_ADJECTIVE = ("ый", "ая", "ое", "ые", "ого", "ому", "ую", "ее", "яя", "его", "ему", "ой",
              "ых", "ым", "ими", "ыми")  # fmt: skip
_LONG_ADJECTIVE = ("ий", "им", "их")

# Titles, bodies and months: never part of a name, in any case form.
_STOP_WORDS = """
президент премьер премьер-министр министр вице-министр депутат сенатор судья суддя адвокат
прокурор генпрокурор следователь журналист журналистка блогер активист активистка редактор
шеф-редактор главред корреспондент кореспондент репортер фотограф писатель поэт художник
тренер чемпион студент студентка учитель врач солдат рядовой сержант мигрант беженец свидетель
водитель полиция милиция подружжя коркунуч
водитель полиция милиция подружжя коркунуч
юрист защитник бизнесмен предприниматель политик лидер основатель автор историк политолог
аналитик экономист мэр губернатор омбудсмен спикер представитель советник помощник заместитель
правозащитник правозащитница правозахисник правозахисниця журналіст активіст письменник
речник речниця голова керівник мешканець експерт міністр прем'єр прем'єр-міністр
эксперт аким әкім посол глава председатель директор руководитель сотрудник работник житель
гражданин гражданка громадянин громадянка господин госпожа пан пани майор капитан лейтенант
полковник генерал доктор профессор имам шейх мулла святой король королева принц
дело защита позиция коллега
белсенді тілші төраға басшы жазушы сарапшы ақын кабарчы төрага жетекчи жазуучу акын
суд сот союз парламент комитет министерство агентство центр фонд бюро совет служба партия
движение банк университет институт академия радио телеканал газета журнал издание республика
федерация область район город кодекс конституция конвенция организация ассоциация компания
альянс палата мажилис сенат управление прокуратура трибунал комиссия миссия офис группа
объединение правительство администрация акимат департамент мечеть церковь школа больница
колония площадь улица проспект парк интернет христианство бог аллах пророк кабинет свидетели
азия европа еуропа евразия кеңес кенеш дума олимпиада фестиваль премия
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь января
февраля марта апреля мая июня июля августа сентября октября ноября декабря понедельник вторник
среда четверг пятница суббота воскресенье січень лютий березень квітень травень червень
липень серпень вересень жовтень листопад грудень січня лютого березня квітня травня червня
липня серпня вересня жовтня листопада грудня қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз
қыркүйек қазан қараша желтоқсан
"""
# Words that open sentences, and English ones: stopped as they are, without endings
# (with endings "ал" would stop the name Алан, "мама" the surname Мамаем).
_STOP_EXACT = """
супруга супруг супруги мама мать матери отец отца сестра сестры брат брата сын сына дочь дочери
жена жены муж мужа
вчера сегодня завтра позже ранее также тогда однако кроме затем потом после пока когда если
хотя поэтому сейчас теперь там здесь так как где это этот эта эти тот та те он она они мы вы
его ее её их им ему ей но а и или по в во на с со за из от до для при об о у к не ни да нет
уже еще ещё все всё весь вся каждый многие несколько один одна два три среди между согласно
впрочем известно напомним отметим сам сама сами лишь только даже именно вместе накануне утром
вечером ночью днем днём несмотря благодаря против около после через
учора сьогодні пізніше раніше також тоді однак проте крім потім після поки коли якщо хоча тому
зараз тепер тут як де це цей ця ці він вона вони ми ви його її їх але і й або з із від про
вже ще усі всі кожен багато серед згідно нагадаємо
кеше бүгін кейін бұған сондай-ақ алайда бірақ ол олар біз сіз мен бұл осы сол онда мұнда қазір
енді сонымен дегенмен сонда содан бұдан өйткені себебі егер кейбір барлық әр
кечээ бүгүн кийин ошондой бирок ал алар биз сиз бул ушул ошол азыр эми анткени эгер ошентип
буга андан
president prime minister judge lawyer attorney prosecutor mr mrs ms dr sir saint st general
colonel captain major lieutenant sergeant senator deputy ambassador professor king queen
prince pope sheikh imam journalist blogger activist citizen chairman director spokesman
spokeswoman spokesperson mp mayor governor akim lady lord madam editor reporter correspondent
writer poet researcher analyst head chief leader founder candidate dissident soldier private
officer inspector investigator commissioner ombudsman rapporteur envoy secretary chair
court union parliament committee ministry agency center centre fund foundation bureau
council service party movement bank university institute academy radio news times weekly
post journal republic federation region district city code constitution convention
organization organisation association company alliance office group government
administration watch rights international human amnesty europe asia free liberty state states
house street square park mosque church festival prize olympics
the a an and of in on at this that these those he she they we it his her their for from with
by after before when while if but or so then now yesterday today later earlier also however
according meanwhile since although as among many some several all each every there here what
who why how where last next under over despite during
january february march april june july august september october november december monday
tuesday wednesday thursday friday saturday sunday
"""
# Long stems stop every word they start: министерства, президентом, Президентінің.
_STOP_STEMS = (
    "президент", "министерств", "министрлиг", "министрлер", "правительств", "прокуратур",
    "университет", "организаци", "парламент", "комитет", "агентств", "генпрокурор",
    "департамент", "управлени", "администраци", "республик", "федераци", "ассоциаци",
    "международн", "мамлекет", "свидетел", "мусульман",
)  # fmt: skip

# Scores of the name shapes. The split of a run of capitalised words into names with the
# highest total wins: a first name with a surname outweighs a first name with an unknown
# word, so "Нацгвардии Алмас Шахимов" gives "Алмас Шахимов". Kinds: F first name,
# S surname, A adjective-like surname (-ский), J other adjective, P patronymic, I initials,
# C word in capitals, U unknown, O unknown that opens a sentence (capitalised maybe only
# for that: it counts a little less); X never takes part.
_PAIRS = {
    "FS": 3, "SF": 3, "FA": 3, "AF": 3, "SI": 3, "IS": 3, "AI": 3, "IA": 3, "FC": 3, "FP": 3,
    "SP": 2, "FJ": 2, "FU": 1, "US": 1, "FF": 1, "SS": 1, "UI": 1, "IU": 1, "OS": 0.9,
    "UF": 0.5, "OF": 0.4,
}  # fmt: skip
_TRIPLES = {
    "FPS": 5, "SFP": 5, "FIS": 5, "FFP": 5, "FSP": 5, "FPA": 5, "AFP": 5, "FFS": 4, "FUP": 4,
    "FSS": 3.5, "SFU": 3.2, "USP": 3, "UUP": 3, "OSP": 3, "OUP": 3, "FUU": 1.2,
}  # fmt: skip


def find_persons(text: str, lang: str | None = None) -> list[str]:
    """Full names in the text, as first written, unique, in order of first mention.

    lang, the text's language if known (bot.langid), narrows the case endings a first
    name may take to that language's; None allows all of them.
    """
    lang = lang if lang in _ENDINGS_BY_LANG else None
    found: dict[str, str] = {}
    for run in _RUN.finditer(text):
        for name in _names_in_run(run.group(), _opens_sentence(text, run.start()), lang):
            found.setdefault(name.casefold(), name)
    return list(found.values())


_SENTENCE_END = frozenset('.!?…\n«"“„(—–-:;')


def _opens_sentence(text: str, at: int) -> bool:
    at -= 1
    while at >= 0 and text[at] in " \u00a0":
        at -= 1
    return at < 0 or text[at] in _SENTENCE_END


# The same runs of capitalised words ("Касым-Жомарт Токаев") come back in text after text.
@lru_cache(maxsize=8192)
def _names_in_run(run: str, opens_sentence: bool, lang: str | None) -> tuple[str, ...]:
    tokens = list(_TOKENS.finditer(run))
    kinds = [_kind(token.group(), lang) for token in tokens]
    # An unknown word that opens a sentence may be capitalised only for that ("Вчера
    # Алиев ..."): it becomes O, which counts less than U.
    for index, token in enumerate(tokens):
        if (
            kinds[index] == "U"
            and _opens_sentence(run, token.start())
            and (index or opens_sentence)
        ):
            kinds[index] = "O"
    names = _best_split("".join(kinds))
    if names and _stop_places(tokens, kinds, names):
        names = _best_split("".join(kinds))
    found = []
    for first, last in names:
        # "Мұхтар Сыздықов ұлының" is the son of Syzdykov: a patronymic particle follows a
        # father's name, not a Russian-style surname.
        son = kinds[last] == "P" and _RUSSIAN_SURNAME.search(tokens[last - 1].group())
        end = last - 1 if son else last
        words = [token.group() for token in tokens[first : end + 1]]
        # One script per name: "Арман Asia" is a festival.
        if len({word.isascii() for word in words if not word.endswith(".")}) == 1:
            found.append(" ".join(run[tokens[first].start() : tokens[end].end()].split()))
    return tuple(found)


# The same names and capitalised words come back in text after text.
@lru_cache(maxsize=16384)
def _kind(token: str, lang: str | None) -> str:
    if token.endswith("."):
        return "I"
    if token.isupper():
        return "C"
    if token[0].islower():  # only the patronymic particle of _RUN is in lower case
        return "P"
    return _word_kind(token.lower(), lang)


def _word_kind(lower: str, lang: str | None) -> str:
    word = lower.translate(_LOOK_ALIKE)
    # First names before the stop list: "Богдан" is also "бог" with a Kazakh ending.
    if _is_first_name(word, lang):
        return "F"
    if word in _stop_forms() or word.startswith(_STOP_STEMS):
        return "X"
    if word.isascii():
        return "S" if word.endswith(_LATIN_SURNAME) and len(word) > 4 else "U"
    shape = _shape(word)
    if shape == "U" and (
        lower.endswith(_ADJECTIVE) or (len(lower) > 6 and lower.endswith(_LONG_ADJECTIVE))
    ):
        return "J"
    return shape


def _is_first_name(word: str, lang: str | None) -> bool:
    forms = _first_name_forms(lang)
    if word in forms or ("-" in word and any(part in forms for part in word.split("-"))):
        return True
    return bool(_compound_first_name(lang).match(word[::-1]))


def _endings(lang: str | None) -> frozenset[str]:
    return _ENDINGS_BY_LANG[lang] if lang else _ALL_ENDINGS


def _splits(word: str) -> Iterator[tuple[str, str]]:
    """The word as stem and case ending, for endings of up to four letters."""
    for cut in range(min(4, len(word) - 3) + 1):
        yield word[: len(word) - cut], word[len(word) - cut :]


def _ending_regex(suffixes: str, endings: Iterable[str], *, optional: bool = True) -> str:
    """A regex for a word that ends in one of the suffixes (a regex of reversed words) and
    a case ending, to match on the word reversed: anchored at the word's end, it never
    scans the word."""
    return f"(?:{_backwards(endings)}){'?' if optional else ''}(?:{suffixes})\\w\\w"


def _backwards(words: Iterable[str]) -> str:
    return "|".join(sorted((word[::-1] for word in words), key=len, reverse=True))


@cache
def _compound_first_name(lang: str | None) -> re.Pattern[str]:
    return re.compile(_ending_regex(_backwards(_FIRST_NAME_ENDINGS), _endings(lang)))


# -ин, but not after с or ин: Kazakh and Kyrgyz possessives read like it ("Олимпиадасына",
# "Кабинетинин"). Backwards: "ни" not followed by "с" or "ни".
_SURNAME_SUFFIXES = _backwards(_SURNAME) + "|ни(?!с)(?!ни)"
# One regex, tried in order: Ивановна is a patronymic, not Иванов with a Kazakh ending.
_SHAPE = re.compile(
    "|".join(
        f"(?P<{kind}>{regex})"
        for kind, regex in (
            ("P", _ending_regex(_backwards(_PATRONYMIC), _SLAVIC_ENDINGS)),
            ("S", _ending_regex(_SURNAME_SUFFIXES, _ALL_ENDINGS)),
            ("A", _ending_regex(
                _backwards(_ADJECTIVE_SURNAME), _ADJECTIVE_SURNAME_ENDINGS, optional=False
            )),
            ("B", _ending_regex("аб", ("я", "ю", "ем", "е"), optional=False)),  # Турганбая
        )
    )
)  # fmt: skip


def _shape(word: str) -> str:
    match = _SHAPE.match(word[::-1])
    if match is None:
        return "U"
    return "S" if match.lastgroup == "B" else match.lastgroup or "U"


@cache
def _best_split(kinds: str) -> tuple[tuple[int, int], ...]:
    """Non-overlapping names (first and last token index) with the highest total score,
    for the kinds of a run's tokens ("XFS"); runs repeat the same few shapes."""
    best: list[tuple[float, tuple[tuple[int, int], ...]]] = [(0.0, ())]
    for end in range(1, len(kinds) + 1):
        choice = best[end - 1]
        for size, table in ((2, _PAIRS), (3, _TRIPLES)):
            score = table.get(kinds[end - size : end], 0) if end >= size else 0
            if not score:
                continue
            total, names = best[end - size]
            if total + score > choice[0]:
                choice = (total + score, (*names, (end - size, end - 1)))
        best.append(choice)
    return best[-1][1]


def _stop_places(
    tokens: list[re.Match[str]], kinds: list[str], names: tuple[tuple[int, int], ...]
) -> bool:
    """Mark as X the words of the chosen names that name a place or a country ("Бишкекте",
    "Алматинской"); True when there were any. A surname made of a place word ("Қазақбай",
    "Узбеков") stays a surname."""
    changed = False
    for first, last in names:
        for index in range(first, last + 1):
            word = tokens[index].group()
            if _is_place(word) and not (kinds[index] == "S" and _place_surname(word)):
                kinds[index] = "X"
                changed = True
    return changed


_is_place = lru_cache(maxsize=16384)(is_place)


def _place_surname(token: str) -> bool:
    # Spelled as written: the place patterns know Қазақ, not the look-alike Казак.
    word = token.lower()
    for stem, ending in _splits(word):
        if ending and ending not in _ALL_ENDINGS:
            continue
        for suffix in ("ов", "ев", "бай", "бек"):
            base = stem.removesuffix(suffix)
            if base != stem and _is_place(base):
                return True
    return False


@cache
def _first_names() -> frozenset[str]:
    words = []
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        words += line.partition("#")[0].split()
    return frozenset(word.lower().translate(_LOOK_ALIKE) for word in words)


@cache
def _first_name_forms(lang: str | None) -> frozenset[str]:
    """Every first name in every case form the language's endings make."""
    endings = _endings(lang)
    forms = set()
    for name in _first_names():
        forms.add(name)
        if not name.isascii():
            forms.update(name + ending for ending in endings)
            # Жанара: Жанары (Жанари); Андрей: Андрея; Дмитро: Дмитра.
            if name[-1] in "аяйо":
                forms.update(name[:-1] + ending for ending in endings)
    return frozenset(forms)


@cache
def _stop_forms() -> frozenset[str]:
    words = [word.translate(_LOOK_ALIKE) for word in _STOP_WORDS.split()]
    exact = [word.translate(_LOOK_ALIKE) for word in _STOP_EXACT.split()]
    return frozenset(exact + words + [word + ending for word in words for ending in _ALL_ENDINGS])

"""bot.extract.countries: the countries a news text names, in five languages."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.extract import CountryHit, find_countries
from bot.extract.countries import PLACES_FILE, compile_patterns
from tests.samples import sample_text


def _codes(text: str) -> list[str]:
    return [hit.code for hit in find_countries(text)]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # ru
        ("Суд в Бишкеке приговорил блогера к пяти годам лишения свободы.", ["KG"]),
        ("Правозащитники сообщили о задержании кыргызстанцев в Казахстане.", ["KG", "KZ"]),
        ("Мигрантов из Узбекистана и Таджикистана задерживают в Москве.", ["UZ", "TJ", "RU"]),
        ("Родственники казахов, удерживаемых в лагерях Синьцзяна, вышли на пикет.", ["KZ", "CN"]),
        # kk
        ("Қазақстанда белсенді бейбіт жиынға қатысқаны үшін ұсталды.", ["KZ"]),
        ("Ол Шыңжаңдағы лагерьлерде отырған туыстарын іздеп жүр.", ["CN"]),
        ("Ресей әскеріне мәжбүрлеп алынған қазақстандықтар туралы айтылды.", ["RU", "KZ"]),
        ("Алматыда журналистің үйіне тінту жүргізілді.", ["KZ"]),
        # ky
        ("Бишкектеги сот журналистти беш жылга эркинен ажыратты.", ["KG"]),
        ("Кыргызстандын жарандары Казакстанда кармалды.", ["KG", "KZ"]),
        ("Ош шаарында тынч митинг өттү.", ["KG"]),
        ("Орусияда иштеген мигранттар үйлөрүнө кайтып келишти.", ["RU"]),
        # uk
        ("Громадянин Казахстану зазнав насильства з боку російських силовиків.", ["KZ", "RU"]),
        ("Його депортували з Росії до Алмати.", ["RU", "KZ"]),
        ("Суд у Києві визнав журналіста винним.", ["UA"]),
        ("Казахстан заявляє про нейтралітет у війні Росії проти України.", ["KZ", "RU", "UA"]),
        # en
        ("A court in Almaty sentenced a civic activist to five years in prison.", ["KZ"]),
        ("Kyrgyz authorities detained two journalists in Osh on Tuesday.", ["KG"]),
        ("Tajik exiles were abducted in Istanbul and flown to Dushanbe.", ["TJ", "TR"]),
        ("Kazakh detainees in Xinjiang camps described torture.", ["KZ", "CN"]),
    ],
)
def test_finds_countries_through_inflection(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Задержание произошло в Бишкеке.", CountryHit("KG", "Бишкеке")),
        ("Қазақстанның азаматы ұсталды.", CountryHit("KZ", "Қазақстанның")),
        ("Його не пускають до Росії.", CountryHit("RU", "Росії")),
        ("Almaty's mayor declined to comment.", CountryHit("KZ", "Almaty")),
        ("ГКНБ Таджикистана задержал активиста.", CountryHit("TJ", "ГКНБ Таджикистана")),
    ],
)
def test_phrase_is_the_words_as_written(text: str, hit: CountryHit) -> None:
    assert find_countries(text) == [hit]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Акорда отказалась комментировать задержание.", "KZ"),
        ("Сотрудники КНБ провели обыск в редакции.", "KZ"),
        ("ҰҚК қызметкерлері тінту жүргізді.", "KZ"),
        ("Депутаты мажилиса приняли поправки.", "KZ"),
        ("Мәжіліс депутаттары заң жобасын мақұлдады.", "KZ"),
        ("Жогорку Кеңештин депутаттары мыйзамды кабыл алышты.", "KG"),
        ("ГКНБ задержал активиста за пост в соцсетях.", "KG"),
        ("ФСБ возбудила уголовное дело о госизмене.", "RU"),
        ("Держдума ухвалила закон про іноагентів.", "RU"),
        ("The Kremlin denied any involvement.", "RU"),
        ("Akorda said the president had signed the law.", "KZ"),
        ("Жапаров подписал закон о СМИ.", "KG"),
        ("Tokayev signed the amendments on Friday.", "KZ"),
    ],
)
def test_institutions_and_leaders_stand_for_their_country(text: str, code: str) -> None:
    assert _codes(text) == [code]


def test_each_country_once_in_order_of_first_mention() -> None:
    text = "В Алматы и Бишкеке прошли акции; позже в Астане и снова в Бишкеке."
    assert _codes(text) == ["KZ", "KG"]


def test_first_mention_gives_the_phrase() -> None:
    assert find_countries("Казахстанцы в Китае; Казахстан молчит.")[0].phrase == "Казахстанцы"


def test_longer_pattern_wins_over_the_shorter_inside_it() -> None:
    assert _codes("ГКНБ Таджикистана задержал жителя Хорога.") == ["TJ"]


def test_east_turkestan_is_xinjiang_not_the_kazakh_city() -> None:
    assert _codes("Активисты Восточного Туркестана провели пикет.") == ["CN"]


@pytest.mark.parametrize(
    "text",
    [
        "Ошибка в расчётах привела к задержке выплат.",  # Ош only as a capitalised word
        "Ол үйіне кеш оралды.",  # Kazakh "returned", not the city Орал
        "Суд оштрафовал отцов многодетных семей.",  # "семей", not the city Семей
        "They had turkey for dinner.",
        "Урок ведётся на русском языке.",  # the language is not Russia
        "Most residents of the town are Russian-speaking.",
        "Дмитрию Литвину предложили подписать соглашение.",  # not Литва
        "Николай Германов подал заявление в полицию.",  # not Германия
        "Хадисы Аль-Бухари разрешены к распространению.",  # not Бухара
        "Делегация прилетела из Латинской Америки.",
    ],
)
def test_false_friends_name_no_country(text: str) -> None:
    assert find_countries(text) == []


def test_no_country_in_plain_english() -> None:
    text = "The committee met on Tuesday to discuss the budget and the new office rules."
    assert find_countries(text) == []


def test_myrzatayuly_story_is_about_kazakhstan() -> None:
    text = sample_text("azattyq", "Блогера и журналиста Мирболата")
    assert "KZ" in _codes(text)


def test_ukrainian_azhygaliyev_story_names_kazakhstan_russia_ukraine() -> None:
    text = sample_text("radiosvoboda", "Казахстанця катували")
    assert _codes(text)[:3] == ["KZ", "RU", "UA"]


def test_english_azhygaliyev_story_names_kazakhstan_russia_ukraine() -> None:
    text = sample_text("europesays", "Kazakh migrant tortured")
    assert _codes(text)[:3] == ["KZ", "RU", "UA"]


def test_every_code_in_the_places_file_is_iso_alpha_2() -> None:
    data = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in data["countries"])


@pytest.mark.parametrize(
    "entries",
    [
        [("KZ", "Ал~маты", False)],  # "~" only at the end
        [("KZ", "Астана", False), ("KG", "Астана", False)],  # one phrase, two countries
    ],
)
def test_bad_patterns_are_refused(entries: list[tuple[str, str, bool]]) -> None:
    with pytest.raises(ValueError, match=r"'~' only at the end|clash"):
        compile_patterns(entries, set())

"""bot.extract.persons: full names of people in a news text, as the text writes them."""

from __future__ import annotations

import pytest

from bot.extract import find_persons
from tests.samples import sample_text


@pytest.mark.parametrize(
    ("lang", "text", "persons"),
    [
        ("ru", "Адвокат Жанара Балгабаева заявила, что обжалует приговор.", ["Жанара Балгабаева"]),
        (
            "ru",
            "Медеуский районный суд приговорил блогера Мирболата Мырзатайулы к четырём годам.",
            ["Мирболата Мырзатайулы"],
        ),
        ("ru", "Судья Лачын Алиев не принял ни одного ходатайства.", ["Лачын Алиев"]),
        (
            "ru",
            "Анурбеку Рамазанову и Даниярбеку Абдиманову вменяют статьи 174 и 256.",
            ["Анурбеку Рамазанову", "Даниярбеку Абдиманову"],
        ),
        ("ru", "Экспертизу провела религиовед Розы Акбаровой коллега.", ["Розы Акбаровой"]),
        ("ru", "Андрей Трофименко провёл в колонии три года.", ["Андрей Трофименко"]),
        (
            "ru",
            "Тем временем Гульмира Мукажанова обратилась к казахстанцам.",
            ["Гульмира Мукажанова"],
        ),
        ("kk", "Мирболат Мырзатайұлы төрт жылға сотталды.", ["Мирболат Мырзатайұлы"]),
        ("kk", "Адвокат Жанара Балғабаева үкімге шағымданатынын айтты.", ["Жанара Балғабаева"]),
        (
            "kk",
            "Сот Нұрлан Жауылбаевқа бас бостандығын шектеу жазасын тағайындады.",
            ["Нұрлан Жауылбаевқа"],
        ),
        ("ky", "Журналист Азамат Эсен уулу кармалды.", ["Азамат Эсен уулу"]),
        ("ky", "Укук коргоочу Айгерим Бейшенова сотко кайрылды.", ["Айгерим Бейшенова"]),
        ("ky", "Садыр Жапаров мыйзамга кол койду.", ["Садыр Жапаров"]),
        (
            "uk",
            "Громадянин Казахстану Жазилбек Ажигалієв працював у Росії.",
            ["Жазилбек Ажигалієв"],
        ),
        ("uk", "Про це розповіла сестра чоловіка Маруа Ескендірова.", ["Маруа Ескендірова"]),
        ("uk", "Президент Касим-Жомарт Токаєв закликав до переговорів.", ["Касим-Жомарт Токаєв"]),
        ("en", "Kazakh citizen Jazylbek Azhygaliyev was deported.", ["Jazylbek Azhygaliyev"]),
        ("en", "According to Marua Eskendirova, he was beaten.", ["Marua Eskendirova"]),
        (
            "en",
            "President Kassym-Jomart Tokayev's office declined to comment.",
            ["Kassym-Jomart Tokayev"],
        ),
    ],
)
def test_finds_full_names_as_written(lang: str, text: str, persons: list[str]) -> None:
    assert find_persons(text, lang) == persons


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        (
            "Премьер-министр Республики Казахстан Бектенов О.Б. наградил работников.",
            ["Бектенов О.Б."],
        ),
        ("Министр труда Жакупова С.К. вручила награды.", ["Жакупова С.К."]),
        ("Приказ подписал О. Бектенов.", ["О. Бектенов"]),
    ],
)
def test_surname_with_initials(text: str, persons: list[str]) -> None:
    assert find_persons(text) == persons


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Верховный суд Казахстана отменил приговор."),
        ("ru", "Медеуский районный суд №2 Алматы вынес приговор."),
        ("ru", "Об этом сообщило Радио Азаттык."),
        ("ru", "Министерство внутренних дел отказалось от комментариев."),
        ("ru", "Президент заявил, что Совет Безопасности соберётся в Январе."),
        ("ru", "Власти Саудовской Аравии не ответили на запрос."),
        ("kk", "Жоғарғы Сот үкімді өзгертпеді."),
        ("ky", "Кара-Көлдөгү Улуттук гвардиянын бөлүгүндө жоокер каза болду."),
        ("uk", "Верховна Рада ухвалила закон."),
        ("en", "Human Rights Watch urged the authorities to act."),
        ("en", "Radio Free Europe/Radio Liberty reported the case."),
    ],
)
def test_organisations_places_and_titles_are_not_persons(lang: str, text: str) -> None:
    assert find_persons(text, lang) == []


@pytest.mark.parametrize(
    "text",
    [
        "Позже Мырзатайулы обжаловал приговор.",
        "Литвин отказался подписывать соглашение.",
        "Вчера Алиев не явился в суд.",
    ],
)
def test_a_lone_surname_is_not_a_full_name(text: str) -> None:
    assert find_persons(text) == []


def test_headlines_in_capitals_are_skipped() -> None:
    assert find_persons("БЛОГЕРА И ЖУРНАЛИСТА МИРБОЛАТА МЫРЗАТАЙУЛЫ ПРИГОВОРИЛИ") == []


def test_byline_surname_in_capitals_after_a_first_name() -> None:
    assert find_persons("Тамара ВААЛЬ, интернет-издание «Власть»") == ["Тамара ВААЛЬ"]


def test_unique_in_order_of_first_mention() -> None:
    text = (
        "Роза Акбарова выступила в суде. Адвокат Габит Прмагамбетов возразил. Роза Акбарова ушла."
    )
    assert find_persons(text) == ["Роза Акбарова", "Габит Прмагамбетов"]


def test_the_best_split_of_a_run_of_capitalised_words() -> None:
    assert find_persons("Погиб солдат Нацгвардии Алмас Шахимов.") == ["Алмас Шахимов"]


@pytest.mark.parametrize(("lang", "persons"), [("ru", ["Жанболатом Мамаем"]), ("kk", [])])
def test_lang_narrows_the_case_endings_of_first_names(lang: str, persons: list[str]) -> None:
    # "-ом" is a Russian ending: in a Kazakh text "Жанболатом" is no form of Жанболат.
    assert find_persons("Встреча с Жанболатом Мамаем прошла в редакции.", lang) == persons


def test_myrzatayuly_story_names_the_blogger_and_his_lawyer() -> None:
    persons = find_persons(sample_text("azattyq", "Блогера и журналиста Мирболата"), "ru")
    assert "Мирболата Мырзатайулы" in persons
    assert "Жанара Балгабаева" in persons


def test_four_muslims_story_names_the_accused_and_the_experts() -> None:
    persons = find_persons(sample_text("bureau", "Подслушанные разговоры"), "ru")
    assert {
        "Анурбеку Рамазанову",
        "Даниярбеку Абдиманову",
        "Сансызбаю Абдуллаеву",
        "Мусе Медеркулову",
        "Алуы Айдарбековой",
        "Розы Акбаровой",
    } <= set(persons)


def test_ukrainian_azhygaliyev_story() -> None:
    persons = find_persons(sample_text("radiosvoboda", "Казахстанця катували"), "uk")
    assert persons[:2] == ["Жазилбек Ажигалієв", "Маруа Ескендірова"]
    assert "Касим-Жомарт Токаєв" in persons


def test_english_azhygaliyev_story() -> None:
    persons = find_persons(sample_text("europesays", "Kazakh migrant tortured"), "en")
    assert persons == ["Jazylbek Azhygaliyev", "Marua Eskendirova", "Kassym-Jomart Tokayev"]

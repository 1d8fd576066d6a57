"""The classifier on items a monitor would label without hesitation, in every language."""

from __future__ import annotations

import pytest

from bot.classifier.classify import Classifier


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


POSITIVES = [
    (
        "ru",
        "В Шымкенте задержанного пытали в отделении полиции",
        "Жителя Шымкента Ерлана Сейткали задержали по подозрению в краже. По словам его "
        "адвоката, в отделении полиции трое сотрудников избивали его и надевали на голову "
        "пакет, добиваясь признания. Медицинская экспертиза зафиксировала побои. Адвокат "
        "подал жалобу в прокуратуру о пытках.",
        {"torture", "law_enforcement_abuse"},
    ),
    (
        "kk",
        "Белсенді 174-бап бойынша сотталды",
        "Алматыда азаматтық белсенді Нұрлан Әбдіков әлеуметтік желідегі жазбалары үшін "
        "«әлеуметтік алауыздықты қоздыру» бабы бойынша бес жылға сотталды. Құқық қорғаушылар "
        "істі саяси астарлы қудалау деп атады. Белсенді билікті сынаған видеолар жариялаған.",
        {"political_persecution"},
    ),
    (
        "ky",
        "Бишкекте журналисттер кармалды",
        "Бишкекте милиция кызматкерлери көз карандысыз басылманын беш журналистин кармашты. "
        "Алар «массалык башаламандыкка чакыруу» беренеси боюнча айыпталууда. Укук коргоочулар "
        "бул сөз эркиндигине жасалган кысым экенин белгилешти.",
        {"expression_media"},
    ),
    (
        "uk",
        "Мігранта з Узбекистану змусили підписати контракт з армією РФ",
        "У Москві поліцейські затримали трудового мігранта з Узбекистану і погрожували "
        "депортацією, якщо він не підпише контракт з міністерством оборони Росії. Чоловіка "
        "тримали у відділку дві доби. Правозахисники кажуть про примусове вербування мігрантів.",
        {"migrants_refugees"},
    ),
    (
        "en",
        "Kazakhstan seeks extradition of exiled critic through Interpol",
        "Kazakh authorities have asked Turkey to extradite an opposition activist who fled "
        "the country in 2022, after an Interpol red notice was issued against him. Rights "
        "groups say the charges of 'inciting discord' are politically motivated and that his "
        "relatives in Almaty have been questioned by the security services.",
        {"transnational_repression"},
    ),
]


@pytest.mark.parametrize(
    ("lang", "title", "text", "expected"), POSITIVES, ids=[p[0] for p in POSITIVES]
)
def test_a_clear_incident_gets_its_categories_in_each_language(
    classifier, lang, title, text, expected
):
    result = classifier.classify(title, text)
    assert result.lang == lang
    assert expected <= set(result.categories), result.scores
    assert result.relevance >= classifier.thresholds.relevance


# Police catching a thief, football fans "protesting" and a tax bill are still labelled
# (law_enforcement_abuse, peaceful_assembly, law_policy): too few such negatives in the
# corpus. They are listed in README's known limitations, not asserted here.
HARD_NEGATIVES = [
    (
        "Ожидание в ЦОНе превратилось в пытку",
        "Жители Астаны жалуются на очереди в центрах обслуживания населения: ожидание "
        "паспорта превращается в настоящую пытку, люди стоят по три часа.",
    ),
    (
        "Минобороны провело учения на полигоне Матыбулак",
        "Военнослужащие отработали стрельбу из артиллерии и высадку десанта. В учениях "
        "участвовали более тысячи солдат и двести единиц техники.",
    ),
    (
        "Погода в Алматы: снег и гололёд",
        "Синоптики обещают до минус пятнадцати градусов, на дорогах гололёд. Водителей "
        "просят не выезжать без зимней резины.",
    ),
]


@pytest.mark.parametrize(
    ("title", "text"), HARD_NEGATIVES, ids=["figurative-torture", "army-drill", "weather"]
)
def test_a_hard_negative_gets_no_category(classifier, title, text):
    result = classifier.classify(title, text)
    assert result.categories == (), result.scores
    assert result.relevance < classifier.thresholds.relevance


def test_evidence_is_words_of_the_item_itself(classifier):
    title, text = POSITIVES[0][1], POSITIVES[0][2]
    result = classifier.classify(title, text)
    assert result.evidence["torture"]
    for phrases in result.evidence.values():
        for phrase in phrases:
            assert phrase in f"{title}\n{text}"


def test_countries_persons_and_articles_are_reported(classifier):
    result = classifier.classify(
        "Блогера приговорили по статье 174",
        "Медеуский районный суд Алматы приговорил блогера Мирболата Мырзатайулы к четырём "
        "годам по части 1 статьи 174 УК РК. Адвокат Жанара Балгабаева обжалует приговор.",
    )
    assert "KZ" in result.countries
    assert "Мирболата Мырзатайулы" in result.persons
    assert "Жанара Балгабаева" in result.persons
    assert any(article.startswith("ст. 174") for article in result.articles)


def test_categories_come_best_first_and_scores_cover_every_slug(classifier):
    title, text = POSITIVES[0][1], POSITIVES[0][2]
    result = classifier.classify(title, text)
    assert set(result.scores) == set(classifier.taxonomy.slugs)
    ranked = [result.scores[slug] for slug in result.categories]
    assert ranked == sorted(ranked, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in result.scores.values())

"""bot.extract.articles: criminal and administrative code articles a news text cites."""

from __future__ import annotations

import pytest

from bot.extract import find_articles
from tests.samples import sample_text


@pytest.mark.parametrize(
    ("text", "articles"),
    [
        # ru
        ("Его обвиняют по статье 174 УК РК («Возбуждение розни»).", ["ст. 174 УК РК"]),
        ("Дело возбуждено по ч. 1 ст. 274 УК РК.", ["ст. 274 ч. 1 УК РК"]),
        ("Суд признал его виновным по части 1 статьи 174.", ["ст. 174 ч. 1"]),
        ("Ему грозит до 10 лет по ст. 405 ч. 2 УК РК.", ["ст. 405 ч. 2 УК РК"]),
        ("По п. 2 ч. 3 ст. 272 УК РК ему грозит до 10 лет.", ["ст. 272 ч. 3 УК РК"]),
        ("Его осудили по статье 330 Уголовного кодекса Кыргызской Республики.", ["ст. 330 УК КР"]),
        ("Дело завели по статье 207.3 УК РФ о «фейках» про армию.", ["ст. 207.3 УК РФ"]),
        ("Ей вменяют статью 174-1 УК РК.", ["ст. 174-1 УК РК"]),
        ("12 человек арестовали по статье 434 КоАП («Мелкое хулиганство»).", ["ст. 434 КоАП"]),
        # kk
        ("Оған Қылмыстық кодекстің 174-бабы бойынша айып тағылды.", ["ст. 174 УК"]),
        ("Блогер ҚР ҚК-нің 274-бабының 2-бөлігімен сотталды.", ["ст. 274 ч. 2 УК РК"]),
        (
            "Ол Әкімшілік құқық бұзушылық туралы кодекстің 488-бабы бойынша жазаланды.",
            ["ст. 488 КоАП"],
        ),
        # ky
        ("Ага Кылмыш-жаза кодексинин 330-беренеси менен айып коюлду.", ["ст. 330 УК"]),
        (
            "Журналист Кыргыз Республикасынын Кылмыш-жаза кодексинин 327-беренесинин "
            "1-бөлүгү боюнча камалды.",
            ["ст. 327 ч. 1 УК КР"],
        ),
        # uk
        (
            "Його звинувачують за статтею 111 Кримінального кодексу України.",
            ["ст. 111 УК Украины"],
        ),
        ("Справу порушили за ч. 2 ст. 110 КК України.", ["ст. 110 ч. 2 УК Украины"]),
        ("Суд застосував статтю 174 Кримінального кодексу Казахстану.", ["ст. 174 УК РК"]),
        # en
        ("He was charged under Article 274 of Kazakhstan's Criminal Code.", ["ст. 274 УК РК"]),
        (
            "She was convicted under article 405 of the Criminal Code of Kazakhstan.",
            ["ст. 405 УК РК"],
        ),
        ("The court applied Part 1 of Article 174.", ["ст. 174 ч. 1"]),
        (
            "He was fined under Article 488 of the Code of Administrative Offences.",
            ["ст. 488 КоАП"],
        ),
        ("The charge falls under Article 174(1) of the Criminal Code.", ["ст. 174 ч. 1 УК"]),
    ],
)
def test_normalises_a_cited_article(text: str, articles: list[str]) -> None:
    assert find_articles(text) == articles


@pytest.mark.parametrize(
    ("text", "articles"),
    [
        (
            "Им вменяют статьи 174, 256 и 405 УК РК.",
            ["ст. 174 УК РК", "ст. 256 УК РК", "ст. 405 УК РК"],
        ),
        ("Обвинение предъявлено по статьям 256 и 405.", ["ст. 256", "ст. 405"]),
        ("Ему грозит наказание по ст.ст. 174, 405 УК РК.", ["ст. 174 УК РК", "ст. 405 УК РК"]),
        (
            "Им вменяют статьи 174 (разжигание розни), 256 (пропаганда терроризма) "
            "и 405 (участие в запрещённой организации).",
            ["ст. 174", "ст. 256", "ст. 405"],
        ),
        (
            "Белсенділерге 174, 256 және 405-баптар бойынша айып тағылды.",
            ["ст. 174", "ст. 256", "ст. 405"],
        ),
        (
            "Prosecutors cited Articles 174 and 405 of the Criminal Code.",
            ["ст. 174 УК", "ст. 405 УК"],
        ),
        (
            "Йому інкримінують статті 109 та 110 КК України.",
            ["ст. 109 УК Украины", "ст. 110 УК Украины"],
        ),
    ],
)
def test_a_list_of_numbers_is_several_articles(text: str, articles: list[str]) -> None:
    assert find_articles(text) == articles


def test_a_code_after_a_chain_of_citations_belongs_to_each() -> None:
    text = "Его обвиняют по ч. 2 ст. 174 и ч. 1 ст. 405 УК РК."
    assert find_articles(text) == ["ст. 174 ч. 2 УК РК", "ст. 405 ч. 1 УК РК"]


def test_a_part_before_the_next_article_is_not_the_previous_ones() -> None:
    assert find_articles("Ему вменяют ст. 174, ч. 2 ст. 405.") == ["ст. 174", "ст. 405 ч. 2"]


def test_a_bare_article_takes_the_code_cited_later() -> None:
    text = "Статья 174 предусматривает до семи лет. Блогера осудили по статье 174 УК РК."
    assert find_articles(text) == ["ст. 174 УК РК"]


def test_the_same_number_under_two_codes_is_two_articles() -> None:
    text = "Статья 174 УК РК и статья 174 УК КР описывают разжигание розни."
    assert find_articles(text) == ["ст. 174 УК РК", "ст. 174 УК КР"]


def test_articles_in_order_of_first_appearance() -> None:
    text = "Сначала дело шло по статье 405, затем добавили статью 174, потом снова статью 405."
    assert find_articles(text) == ["ст. 405", "ст. 174"]


@pytest.mark.parametrize(
    "text",
    [
        "Вчера вышла статья в газете «Власть» о пытках в колониях.",
        "ARTICLE 19 called on the authorities to release the journalist.",
        "Article 19 said the new law violates freedom of expression.",
        "Депутат сослался на статью 17 Конвенции ООН о правах ребёнка.",
        "Это противоречит статье 20 Конституции.",
        "Article 19 of the International Covenant on Civil and Political Rights protects speech.",
        "Редакция сослалась на статью 5 Закона «О СМИ».",
        "Спор решат по статье 9 Гражданского кодекса.",
        "Бұл Конституцияның 20-бабына қайшы келеді.",
        "В статье 2023 года автор описывал пытки.",
        "Стаття 8 Конвенції гарантує право на приватне життя.",
    ],
)
def test_things_that_are_not_code_articles(text: str) -> None:
    assert find_articles(text) == []


def test_a_number_that_counts_years_does_not_join_the_list() -> None:
    assert find_articles("Его осудили по статье 174 и 5 лет он провёл в колонии.") == ["ст. 174"]


def test_myrzatayuly_story_cites_part_1_of_article_174() -> None:
    text = sample_text("azattyq", "Блогера и журналиста Мирболата")
    assert "ст. 174 ч. 1" in find_articles(text)


def test_four_muslims_story_cites_four_articles() -> None:
    text = sample_text("bureau", "Подслушанные разговоры")
    assert find_articles(text) == ["ст. 174", "ст. 256", "ст. 405", "ст. 259"]


def test_flag_burning_story_cites_the_administrative_code() -> None:
    text = sample_text("orda", "Скандал на границе")
    assert find_articles(text) == ["ст. 434 КоАП"]

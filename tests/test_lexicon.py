"""The cue lexicon: stems survive inflection, phrases match across punctuation."""

from __future__ import annotations

import pytest

from bot.classifier.lexicon import Lexicon, parse_cue
from bot.classifier.taxonomy import CategoryModel, CueLists, Taxonomy, load_taxonomy


def _lexicon(strong: list[str], weak: list[str] = ()) -> Lexicon:
    category = CategoryModel(
        slug="torture",
        label={"en": "Torture"},
        scope="test",
        cues=CueLists(strong={"ru": strong}, weak={"ru": list(weak)}),
    )
    return Lexicon(Taxonomy((category,), {"torture": category}))


@pytest.mark.parametrize(
    "text", ["Его пытали трое суток.", "Следы пыток на теле.", "Жалоба на пытки", "ПЫТКАМИ"]
)
def test_a_stem_cue_matches_every_inflected_form(text):
    hits = _lexicon(["пытк*", "пытали", "пыток"]).hits(text)
    assert hits["torture"].strong


@pytest.mark.parametrize("text", ["Он пытался уйти.", "Попытка не пытка", "Пытливый ум"])
def test_whole_word_cues_do_not_match_other_words(text):
    hits = _lexicon(["пытали", "пыток", "пытки"]).hits(text)
    assert "torture" not in hits


@pytest.mark.parametrize(
    ("cue", "text", "phrase"),
    [
        ("задерж* активист*", "Полиция задержала активистов у акимата", "задержала активистов"),
        ("ill-treatment", "reports of ill-treatment in custody", "ill-treatment"),
        ("заборон* в'їзд*", "йому заборонили в’їзд до Росії", "заборонили в’їзд"),
        ("жесток* обращени*", "жестокое, обращение", "жестокое, обращение"),
        ("ёлк*", "Ёлка у акимата", "Ёлка"),
    ],
)
def test_a_phrase_cue_reports_the_words_as_written(cue, text, phrase):
    hits = _lexicon([cue]).hits(text)
    assert hits["torture"].strong == (phrase,)


def test_strong_and_weak_hits_are_kept_apart():
    hits = _lexicon(["пытк*"], ["избил*"]).hits("Его избили и подвергли пыткам")
    assert hits["torture"].strong == ("пыткам",)
    assert hits["torture"].weak == ("избили",)


def test_a_cue_without_words_is_refused():
    with pytest.raises(ValueError, match="empty word"):
        parse_cue("*", "torture", strong=True)


def test_the_taxonomy_has_the_thirteen_slugs_with_labels_in_three_languages():
    taxonomy = load_taxonomy()
    assert taxonomy.slugs == (
        "torture", "political_persecution", "expression_media", "peaceful_assembly",
        "association_labor", "religion", "fair_trial", "law_enforcement_abuse",
        "right_to_life", "migrants_refugees", "transnational_repression", "discrimination",
        "law_policy",
    )  # fmt: skip
    for category in taxonomy.categories:
        assert {"en", "ru", "kk"} <= set(category.label)
        assert category.scope
        assert category.cues.strong, category.slug


def test_every_cue_of_the_taxonomy_parses():
    taxonomy = load_taxonomy()
    lexicon = Lexicon(taxonomy)
    hits = lexicon.hits("Журналиста задержали и пытали в отделении полиции Алматы.")
    assert {"torture", "law_enforcement_abuse"} <= set(hits)

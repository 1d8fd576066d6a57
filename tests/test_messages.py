"""Alerts and review cards: escaped, within Telegram's limits, in the reader's language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import callbacks
from bot.alert_text import AlertItem, alert_text
from bot.classifier.taxonomy import load_taxonomy
from bot.html_text import MAX_MESSAGE, shorten, visible_length
from bot.review_card import CardItem, CardState, card_buttons, card_text
from tests.telegram_double import html_problem

TAXONOMY = load_taxonomy()
HOSTILE = '<script>alert("x")</script> & <b>bold</b> Tom & Jerry\'s "quote" </a>'
WHEN = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _card_item(**changes: object) -> CardItem:
    values: dict[str, object] = {
        "item_id": 2_147_483_647_000,
        "title": HOSTILE,
        "text": HOSTILE * 200,
        "url": "https://example.kz/a?x=1&y=<2>",
        "source_name": HOSTILE,
        "published_at": WHEN,
        "lang": "ru",
        "scores": dict.fromkeys(TAXONOMY.slugs, 0.91),
        "evidence": dict.fromkeys(TAXONOMY.slugs, (HOSTILE,) * 10),
        "countries": ("KZ", "KG"),
        "persons": (HOSTILE,) * 30,
        "articles": ("ст. 174 УК РК",),
    }
    values.update(changes)
    return CardItem(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_hostile_huge_card_is_valid_html_within_the_limit(lang):
    item = _card_item()
    for state in (
        CardState("pending", TAXONOMY.slugs),
        CardState("pending", TAXONOMY.slugs, editing=True),
        CardState("approved", TAXONOMY.slugs, decided_by=HOSTILE, decided_at=WHEN),
    ):
        text = card_text(item, state, TAXONOMY, lang)
        assert html_problem(text) is None
        assert visible_length(text) <= MAX_MESSAGE
        assert "<script>" not in text
        for row in card_buttons(item, state, TAXONOMY, lang):
            for button in row:
                assert button.callback_data is None or len(button.callback_data.encode()) <= 64


def test_the_english_card_has_approve_and_reject_and_an_edit_keyboard():
    item = _card_item()
    pending = card_buttons(item, CardState("pending", ("torture",)), TAXONOMY, "en")
    texts = [b.text for row in pending for b in row]
    assert any("Approve" in t for t in texts)
    assert any("Reject" in t for t in texts)
    assert any("Edit categories" in t for t in texts)
    assert any(b.url == item.url for row in pending for b in row)
    editing = card_buttons(item, CardState("pending", ("torture",), editing=True), TAXONOMY, "en")
    toggles = [
        b.text for row in editing for b in row if b.callback_data and ":t:" in b.callback_data
    ]
    assert len(toggles) == len(TAXONOMY.slugs)
    assert [t for t in toggles if t.startswith("✅")] == ["✅ Torture and ill-treatment"]
    decided = CardState("rejected", (), decided_by="Aida", decided_at=WHEN)
    assert [b.text for row in card_buttons(item, decided, TAXONOMY, "en") for b in row] == [
        "🔗 Open link"
    ]


def test_a_javascript_link_never_becomes_a_link_or_a_button():
    item = _card_item(url="javascript:alert(1)")
    buttons = card_buttons(item, CardState("pending", ()), TAXONOMY, "en")
    assert all(b.url is None for row in buttons for b in row)
    alert = AlertItem("t", "x", "javascript:alert(1)", "s", WHEN, ("Torture",))
    assert "javascript" not in alert_text(alert, "en")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_an_alert_is_escaped_short_and_labelled_in_the_readers_language(lang):
    labels = tuple(TAXONOMY.label(s, lang) for s in TAXONOMY.slugs)
    alert = AlertItem(
        HOSTILE * 50, HOSTILE * 500, "https://a.kz/?q=<1>&r=2", HOSTILE, WHEN, labels
    )
    text = alert_text(alert, lang)
    assert html_problem(text) is None
    assert visible_length(text) <= MAX_MESSAGE
    assert TAXONOMY.label("torture", lang) in text
    assert 'href="https://a.kz/?q=&lt;1&gt;&amp;r=2"' in text


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("  spaced\n\nout  ", 50) == "spaced out"
    assert len(shorten("x" * 500, 100)) == 100


def test_callback_data_is_packed_parsed_and_bounded():
    data = callbacks.review("t", 2**62, 12)
    parsed = callbacks.parse(data)
    assert parsed is not None
    assert (parsed.scope, parsed.action, parsed.int_arg(0), parsed.int_arg(1)) == (
        "rv", "t", 2**62, 12,
    )  # fmt: skip
    assert callbacks.parse("x" * 65) is None
    assert callbacks.parse("nonsense") is None
    assert callbacks.parse("rv:ok:abc").int_arg(0) is None
    with pytest.raises(ValueError, match="64 bytes"):
        callbacks.Callback("rv", "ok", ("я" * 40,)).pack()

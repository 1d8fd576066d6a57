"""The interface catalogs: complete, consistent with the code, compiled."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, UI_LANGS, translations, ui_lang

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{\w*\}")


def _catalog(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "bot.po").open("rb") as po:
        return read_po(po, locale=lang)


def _strings_in_code() -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = set()
    for folder in ("bot", "handlers"):
        for _, _, message, _, _ in extract_from_dir(
            ROOT / folder, [("**.py", "python")], keywords=keywords
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", [lang for lang in UI_LANGS if lang != "en"])
def test_every_string_in_the_code_is_translated_with_the_same_placeholders(lang):
    catalog = _catalog(lang)
    translated = {m.id: m.string for m in catalog if m.id}
    missing = _strings_in_code() - set(translated)
    assert not missing, f"run `make locales` and translate: {sorted(missing)[:5]}"
    for msgid, msgstr in translated.items():
        assert msgstr, f"{lang}: no translation for {msgid!r}"
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid
        assert msgstr.count("<b>") == msgid.count("<b>"), msgid


@pytest.mark.parametrize("lang", [lang for lang in UI_LANGS if lang != "en"])
def test_the_committed_mo_file_is_the_compiled_po_file(lang):
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(lang))
    committed = (LOCALES_DIR / lang / "LC_MESSAGES" / "bot.mo").read_bytes()
    assert compiled.getvalue() == committed, "run `make locales`"


def test_languages_are_picked_from_telegrams_language_code():
    assert [ui_lang(c) for c in ("ru", "kk-KZ", "ky", "uz", "en-US", "de", None, "")] == [
        "ru", "kk", "ru", "ru", "en", "en", "en", "en",
    ]  # fmt: skip
    assert translations("kk").gettext("Approve") == "Мақұлдау"
    assert translations("en").gettext("Approve") == "Approve"

"""Inline keyboards of the subscriber commands."""

from __future__ import annotations

from collections.abc import Collection

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.callbacks import Callback
from bot.category_names import COUNTRIES
from bot.classifier.taxonomy import Taxonomy
from bot.html_text import shorten
from bot.i18n import LANGUAGE_NAMES, UI_LANGS


def _button(text: str, callback: Callback) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=callback.pack())


def categories(taxonomy: Taxonomy, chosen: Collection[str], lang: str) -> InlineKeyboardMarkup:
    rows = []
    for index, slug in enumerate(taxonomy.slugs):
        mark = "✅" if slug in chosen else "▫️"
        label = shorten(taxonomy.label(slug, lang), 48)
        rows.append([_button(f"{mark} {label}", Callback("sub", "t", (str(index),)))])
    rows.append(
        [
            _button("✅ " + _("All"), Callback("sub", "all")),
            _button("▫️ " + _("None"), Callback("sub", "none")),
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def countries(chosen: Collection[str]) -> InlineKeyboardMarkup:
    buttons = [
        _button(("✅ " if code in chosen else "▫️ ") + code, Callback("ctry", "t", (code,)))
        for code in COUNTRIES
    ]
    rows = [buttons[n : n + 5] for n in range(0, len(buttons), 5)]
    rows.append([_button(_("All countries"), Callback("ctry", "all"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def languages(current: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(("✅ " if lang == current else "") + LANGUAGE_NAMES[lang],
                        Callback("lang", lang))
                for lang in UI_LANGS
            ]
        ]
    )  # fmt: skip


def confirm_forget() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button("🗑 " + _("Yes, delete everything"), Callback("fg", "yes")),
                _button(_("Cancel"), Callback("fg", "no")),
            ]
        ]
    )

"""Interface languages: gettext catalogs (bot/locales/<lang>/LC_MESSAGES/bot.po) read
with Babel. The handlers use the same catalogs through aiogram's I18n middleware; code
outside a handler (alerts, review cards) asks for a language's translations here.

Edit the .po files, then run `make locales` to compile them (the .mo files are committed
so that a deployment needs no build step).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "bot"
UI_LANGS = ("en", "ru", "kk")
DEFAULT_LANG = "en"
# Telegram's language_code of users whose language has no catalog yet, mapped to the
# interface they most likely read (Kyrgyz, Uzbek and Tajik speakers commonly read Russian).
_NEAREST = {"ky": "ru", "uz": "ru", "tg": "ru", "be": "ru"}
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def N_(message: str) -> str:
    """Marks a string for extraction where it is translated later (command menus)."""
    return message


def ui_lang(code: str | None) -> str:
    """The interface language for a Telegram language_code such as 'ru' or 'kk-KZ'."""
    base = (code or "").split("-")[0].lower()
    if base in UI_LANGS:
        return base
    return _NEAREST.get(base, DEFAULT_LANG)


@lru_cache(maxsize=len(UI_LANGS))
def translations(lang: str) -> NullTranslations:
    if lang not in UI_LANGS or lang == DEFAULT_LANG:
        return NullTranslations()
    return Translations.load(str(LOCALES_DIR), [lang], DOMAIN)

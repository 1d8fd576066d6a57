"""bot.langid: which of the region's languages a news text is written in."""

from __future__ import annotations

import pytest

from bot.langid import guess_language, normalise_code, pick_language

RUSSIAN = [
    "Суд в Алматы приговорил гражданского активиста к пяти годам лишения свободы за участие "
    "в мирном митинге. Правозащитники считают дело политически мотивированным.",
    "В Бишкеке задержали журналиста независимого издания после публикации расследования "
    "о коррупции в таможенной службе. Его ноутбук и телефон изъяли.",
    "Министерство внутренних дел отказалось комментировать сообщения о пытках задержанных "
    "в следственном изоляторе, сославшись на тайну следствия.",
]
KAZAKH = [
    "Алматы қаласының соты бейбіт шеруге қатысқаны үшін белсендіге бес жыл бас "
    "бостандығынан айыру үкімін шығарды. Құқық қорғаушылар бұл істі саяси деп санайды.",
    "Журналистер одағы тілшілердің құқығын қорғау туралы мәлімдеме жасады және билікті "
    "тәуелсіз басылымдарға қысым көрсетуді тоқтатуға шақырды.",
    "Халықаралық ұйымдардың хабарлауынша, Қазақстанда сөз бостандығы мен бейбіт жиналыс "
    "еркіндігіне қатысты жағдай соңғы жылдары нашарлап барады.",
]
KYRGYZ = [
    "Бишкектеги сот тынч митингге катышкан жарандык активистти беш жылга эркинен ажыратуу "
    "жазасына өкүм кылды. Укук коргоочулар бул ишти саясий деп эсептешет.",
    "Көз карандысыз басылманын эки журналисти кармалып, алардын үйлөрүндө тинтүү "
    "жүргүзүлгөнүн Ички иштер министрлигинин басма сөз кызматы билдирди.",
    "Адам укуктары боюнча ыйгарым укуктуу өкүл абактардагы кыйноолор тууралуу "
    "маалыматтарды кылдат текшерүүнү талап кылды жана жоопкерчиликке чакырды.",
]
UKRAINIAN = [
    "Суд у Києві визнав журналіста винним і призначив йому покарання у вигляді штрафу. "
    "Правозахисники вважають це рішення тиском на незалежні медіа.",
    "Європейський суд з прав людини зобов'язав державу виплатити компенсацію родині "
    "загиблого активіста та провести нове розслідування його смерті.",
    "Громадські організації закликали владу ґрунтовно розслідувати напад на їхній офіс "
    "у Харкові та забезпечити безпеку працівників.",
]
ENGLISH = [
    "A court in Almaty sentenced a civic activist to five years in prison on Tuesday for "
    "taking part in a peaceful protest, rights groups said.",
    "Police detained two journalists outside the courthouse and confiscated their cameras, "
    "according to the Committee to Protect Journalists.",
    "Human Rights Watch urged the authorities to release everyone held for exercising their "
    "right to freedom of expression and assembly.",
]
UZBEK_LATIN = [
    # official spelling with the modifier letter turned comma (U+02BB)
    "Xalqaro tashkilotlar Oʻzbekistonda soʻz erkinligi boʻyicha vaziyat soʻnggi yillarda "
    "yomonlashganini maʼlum qildi.",
    # the plain ASCII apostrophe most people type
    "Ichki ishlar vazirligi hibsga olingan blogerlar bilan bog'liq xabarlarga izoh "
    "berishdan bosh tortdi va tergov davom etayotganini aytdi.",
    # the typographic apostrophe (U+2019) that word processors and phones put in
    "O’zbekistonda mustaqil jurnalistlar ta’qibga uchrayotgani haqida xalqaro tashkilotlar "
    "bayonot berdi, sud jarayoni yopiq eshiklar ortida o’tmoqda.",
    # a sentence without any oʻ/gʻ at all
    "Toshkent shahar sudi faol jurnalistni tinch namoyishda qatnashgani uchun besh yilga "
    "ozodlikdan mahrum qildi, huquq himoyachilari bu ishni siyosiy deb hisoblashadi.",
]
UZBEK_CYRILLIC = [
    # Uzbek is still widely written in Cyrillic (the sources file's ozodlik-uz is
    # "Озодлик радиоси"); ў and ҳ are Uzbek letters, қ and ғ are shared with Kazakh
    "Халқаро ташкилотлар Ўзбекистонда сўз эркинлиги бўйича вазият сўнгги йилларда "
    "ёмонлашгани ҳақида хабар берди.",
    "Тошкент шаҳар суди блогерни ҳукуматни танқид қилгани учун беш йилга озодликдан "
    "маҳрум қилди, ҳуқуқ ҳимоячилари бу ишни сиёсий деб ҳисоблашади.",
    "Ички ишлар вазирлиги ҳибсга олинган журналистлар ҳақидаги саволларга жавоб беришдан "
    "бош тортди ва тергов давом этаётганини маълум қилди.",
]


def _cases(lang: str, texts: list[str], label: str = "") -> list[object]:
    label = label or lang
    return [pytest.param(text, lang, id=f"{label}-{n}") for n, text in enumerate(texts, 1)]


ALL = (
    _cases("ru", RUSSIAN)
    + _cases("kk", KAZAKH)
    + _cases("ky", KYRGYZ)
    + _cases("uk", UKRAINIAN)
    + _cases("en", ENGLISH)
    + _cases("uz", UZBEK_LATIN, "uz-latn")
    + _cases("uz", UZBEK_CYRILLIC, "uz-cyrl")
)


@pytest.mark.parametrize(("text", "lang"), ALL)
def test_guess_language_recognises_a_news_sentence(text, lang):
    guess = guess_language(text)
    assert (guess.lang, guess.confident) == (lang, True)


@pytest.mark.parametrize(("text", "lang"), ALL)
def test_pick_language_trusts_a_long_text_over_a_wrong_declaration(text, lang):
    wrong = "en" if lang != "en" else "ru"
    assert pick_language(text, wrong) == lang


@pytest.mark.parametrize(("text", "lang"), ALL)
def test_pick_language_agrees_with_a_correct_declaration(text, lang):
    assert pick_language(text, lang) == lang


@pytest.mark.parametrize("text", KYRGYZ)
def test_kyrgyz_uses_no_kazakh_only_letter(text):
    """Guards the table: the Kyrgyz samples must not contain ә ғ қ ұ һ і."""
    assert not set(text.lower()) & set("әғқұһі")
    assert guess_language(text).lang == "ky"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(  # an article naming a Kazakh activist once, in Kazakh spelling
            "Суд в Астане арестовал на два месяца гражданского активиста Жанболата "
            "Мырзатайұлы. По версии следствия, он призывал к участию в несанкционированном "
            "митинге у здания акимата. Адвокат активиста заявил, что обжалует решение суда, "
            "а правозащитники назвали преследование политически мотивированным и потребовали "
            "освободить его.",
            id="article-with-kazakh-name",
        ),
        pytest.param(  # the same name in a headline with a short lead: 80 to 100 letters
            "Суд в Астане арестовал на два месяца гражданского активиста Жанболата Мырзатайұлы "
            "по делу о митинге.",
            id="headline-with-kazakh-name",
        ),
        pytest.param(
            "Бывшего депутата Жогорку Кенеша Өмүрбека Текебаева вызвали на допрос в "
            "Генеральную прокуратуру. Его сторонники собрались у здания прокуратуры и "
            "потребовали прекратить давление на оппозицию.",
            id="article-with-kyrgyz-name",
        ),
    ],
)
def test_a_russian_text_naming_a_local_person_stays_russian(text):
    assert guess_language(text).lang == "ru"
    assert pick_language(text, "ru") == "ru"


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("Суд вынес приговор", ("kk",), "kk"),
        ("Суд вынес приговор", ("ky",), "ky"),
        ("Сот үкім шығарды", ("ru",), "ru"),
        ("Court ruling", ("uz",), "uz"),
        ("Суд вынес приговор", ("ru-RU",), "ru"),
        ("Суд вынес приговор", ("kk_KZ",), "kk"),
        ("Суд вынес приговор", (None, "xx", "ky-KG"), "ky"),
    ],
)
def test_pick_language_of_a_short_text_defers_to_the_declared_language(text, declared, expected):
    assert not guess_language(text).confident
    assert pick_language(text, *declared) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Суд вынес приговор", "ru"),
        ("Сот үкім шығарды", "kk"),
        ("Court ruling", "en"),
        ("", "ru"),
        ("2026 — 12:00", "ru"),
    ],
)
def test_pick_language_of_a_short_text_without_declaration_is_the_best_guess(text, expected):
    assert pick_language(text) == expected
    assert pick_language(text, None, "fr", "xx") == expected


@pytest.mark.parametrize("text", ["", "12345", "— … !?", "🙂🙂🙂"])
def test_guess_language_without_letters_is_not_confident(text):
    assert guess_language(text).confident is False


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("RU", "ru"),
        (" ru-ru ", "ru"),
        ("kk", "kk"),
        ("kk_KZ", "kk"),
        ("kk-Cyrl-KZ", "kk"),
        ("KZ", "kk"),
        ("kz", "kk"),
        ("ky-KG", "ky"),
        ("KG", "ky"),
        ("uk-UA", "uk"),
        ("ua", "uk"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("uz-Latn-UZ", "uz"),
        ("uz", "uz"),
    ],
)
def test_normalise_code_maps_tags_and_aliases(code, expected):
    assert normalise_code(code) == expected


@pytest.mark.parametrize("code", [None, "", "   ", "de", "fr-FR", "xx", "russian", "-"])
def test_normalise_code_of_an_unknown_language_is_none(code):
    assert normalise_code(code) is None


def test_tajik_is_told_apart_from_uzbek_and_kazakh():
    text = (
        "Раҳбари ҷумҳурӣ имрӯз бо вазирон мулоқот кард ва дар бораи вазъи иқтисодӣ суҳбат "
        "намуд. Мақомот гуфтанд, ки нақшаҳои нав барои соли оянда қабул мешаванд."
    )
    assert guess_language(text).lang == "tg"

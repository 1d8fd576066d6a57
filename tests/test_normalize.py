"""bot.normalize: feed fields into clean text, canonical links and believable times."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.normalize import (
    canonical_url,
    html_to_text,
    plain_text,
    plausible_time,
    struct_to_datetime,
    truncate,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


# --- html_to_text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("Права &amp; свободы", "Права & свободы"),
        ("Алматы,&nbsp;Казахстан", "Алматы, Казахстан"),
        ("It&#8217;s a verdict", "It’s a verdict"),
        ("&#1057;уд &#x410;лматы", "Суд Алматы"),
        ("&laquo;Kloop&raquo; &mdash; издание", "«Kloop» — издание"),
        ("<p>5 &lt; 6 &gt; 4</p>", "5 < 6 > 4"),
    ],
)
def test_html_to_text_decodes_entities(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("  суд   вынес\t\tприговор  ", "суд вынес приговор"),
        ("суд\nвынес\r\nприговор", "суд вынес приговор"),
        ("<span>суд</span>   <span>вынес</span>", "суд вынес"),
        ("<p>  суд \n\n вынес  </p>", "суд вынес"),
    ],
)
def test_html_to_text_collapses_whitespace(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Первый абзац.</p><p>Второй абзац.</p>", "Первый абзац.\nВторой абзац."),
        ("строка<br>строка", "строка\nстрока"),
        ("строка<br/>строка", "строка\nстрока"),
        ("строка<BR />строка", "строка\nстрока"),
        ("<ul><li>один</li><li>два</li></ul>", "один\nдва"),
        ("<h1>Заголовок</h1>Текст", "Заголовок\nТекст"),
        ("<h2 class='title'>Заголовок</h2>Текст", "Заголовок\nТекст"),
        ("<h6>Заголовок</h6>Текст", "Заголовок\nТекст"),
        ("<div>один</div><div>два</div>", "один\nдва"),
        ("<P>один</P><P>два</P>", "один\nдва"),
        ("<p>один</p>\n\n\n<p>два</p>", "один\nдва"),
        ("<p>один</p><p> </p><p>два</p>", "один\nдва"),
        # HTML lets a paragraph or list item end where the next one starts
        ("<p>один<p>два", "один\nдва"),
        ("<ul><li>один<li>два</ul>", "один\nдва"),
        # a block that opens inside another one still starts a new line
        ("<div>Заголовок<p>Текст статьи</p></div>", "Заголовок\nТекст статьи"),
        ("<div>один<div>два</div></div>", "один\nдва"),
    ],
)
def test_html_to_text_turns_block_boundaries_into_line_breaks(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("пра<b>во</b>защитник", "правозащитник"),
        ("<i>пра</i>во<span>защитник</span>", "правозащитник"),
        ("<a href='/x'>пра</a><em>во</em><strong>защитник</strong>", "правозащитник"),
        ("H<sub>2</sub>O", "H2O"),
    ],
)
def test_html_to_text_keeps_words_split_by_inline_tags_whole(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert('x')</script>Новость",
        "<p>Новость</p><script type='text/javascript'>var a = 1;</script>",
        "<style>p { color: red }</style>Новость",
        "<p>Новость</p><style>.x{}</style>",
        "<iframe src='https://evil.example/'>встроенное</iframe>Новость",
        "<p>Новость</p><iframe src='https://youtube.com/embed/x'>видео</iframe>",
    ],
)
def test_html_to_text_drops_script_style_and_iframe_content(markup):
    assert html_to_text(markup) == "Новость"


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="x.png" onerror="alert(1)">Новость',
        '<a href="#" onclick="steal()">Новость</a>',
        '<div onmouseover="evil()">Новость</div>',
        "<body onload='evil()'>Новость</body>",
    ],
)
def test_html_to_text_leaves_no_trace_of_event_handlers(markup):
    assert html_to_text(markup) == "Новость"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("&lt;p&gt;Суд вынес приговор&lt;/p&gt;", "Суд вынес приговор"),
        ("&lt;p&gt;один&lt;/p&gt;&lt;p&gt;два&lt;/p&gt;", "один\nдва"),
        ("&lt;p&gt;Права &amp;amp; свободы&lt;/p&gt;", "Права & свободы"),
        ("&lt;b&gt;пра&lt;/b&gt;возащитник", "правозащитник"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Новость", "Новость"),
        ("&lt;img src=x onerror=alert(1)&gt;Новость", "Новость"),
    ],
)
def test_html_to_text_cleans_double_escaped_html(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Суд в Алматы приговорил активиста к пяти годам",
        "Алматы қаласының соты үкім шығарды",
        "Бишкектеги сот өкүм чыгарды, ң ө ү",
        "Суд у Києві визнав журналіста винним, ґанок, є, ї",
        "Ўзбекистонда сўз эркинлиги",
        "ЁЛКА Ёлка ёлка",
    ],
)
def test_html_to_text_preserves_cyrillic(text):
    assert html_to_text(f"<p>{text}</p>") == text
    assert html_to_text(text) == text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("суд\x00вынес", "судвынес"),
        ("суд\x07\x08вынес", "судвынес"),
        ("суд\x1bвынес", "судвынес"),
        ("суд\x7fвынес", "судвынес"),
        ("суд\u200bвынес", "судвынес"),
        ("\ufeffсуд вынес", "суд вынес"),
        ("<p>суд&#8203;вынес</p>", "судвынес"),
        ("<p>суд\u200b вынес</p>", "суд вынес"),
        # C1 control characters (from mis-decoded windows-1251/1252 feeds) are controls too
        ("суд\x9bвынес", "судвынес"),
        ("суд\x96вынес", "судвынес"),
    ],
)
def test_html_to_text_removes_control_characters_and_zero_width_spaces(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    "markup", ["", "   ", "\n\t", "<p></p>", "<br><br>", "<script>x</script>"]
)
def test_html_to_text_of_nothing_is_empty(markup):
    assert html_to_text(markup) == ""


# --- plain_text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Первый абзац.\n\nВторой абзац.", "Первый абзац.\nВторой абзац."),
        ("Первый абзац.\r\n\r\nВторой абзац.", "Первый абзац.\nВторой абзац."),
        ("одна\nстрока", "одна строка"),
        ("  много   пробелов  ", "много пробелов"),
        ("Права &amp; свободы", "Права & свободы"),
        ("суд\u200bвынес", "судвынес"),
        ("5 < 6", "5 < 6"),
    ],
)
def test_plain_text_of_text_plain_keeps_paragraphs_and_decodes_entities(value, expected):
    assert plain_text(value, "text/plain") == expected


@pytest.mark.parametrize(
    "value",
    [
        "Пишите нам: <info@kloop.kg>",
        "Условие a<b выполнено",
        "Ссылка <https://kloop.kg/> в тексте",
    ],
)
def test_plain_text_of_text_plain_keeps_angle_brackets_that_are_not_tags(value):
    assert plain_text(value, "text/plain") == value


@pytest.mark.parametrize(
    ("value", "content_type"),
    [
        ("<p>Суд</p><p>вынес</p>", "text/html"),
        ("<p>Суд</p><p>вынес</p>", "application/xhtml+xml"),
        ("<p>Суд</p><p>вынес</p>", "html"),
    ],
)
def test_plain_text_of_an_html_type_extracts_the_html(value, content_type):
    assert plain_text(value, content_type) == "Суд\nвынес"


def test_plain_text_of_text_plain_still_strips_stray_tags():
    assert plain_text("<b>Суд</b> вынес приговор", "text/plain") == "Суд вынес приговор"


# --- canonical_url ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://kloop.kg/a?utm_source=tg&utm_medium=social&utm_campaign=x",
            "https://kloop.kg/a",
        ),
        ("https://kloop.kg/a?UTM_Source=tg", "https://kloop.kg/a"),
        ("https://kloop.kg/a?fbclid=IwAR0abc", "https://kloop.kg/a"),
        ("https://kloop.kg/a?gclid=Cj0K", "https://kloop.kg/a"),
        ("https://kloop.kg/a?yclid=123&ysclid=456", "https://kloop.kg/a"),
        ("https://kloop.kg/a?msclkid=1&igshid=2&mc_cid=3&mc_eid=4", "https://kloop.kg/a"),
        ("https://kloop.kg/a?_ga=1&_gl=2&pk_campaign=3&mtm_source=4", "https://kloop.kg/a"),
        ("https://kloop.kg/a?id=7&utm_source=rss&fbclid=x", "https://kloop.kg/a?id=7"),
    ],
)
def test_canonical_url_removes_tracking_parameters(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kloop.kg/a?b=2&a=1", "https://kloop.kg/a?a=1&b=2"),
        ("https://kloop.kg/a?p=123", "https://kloop.kg/a?p=123"),
        ("https://kloop.kg/a?x=2&x=1&a=0", "https://kloop.kg/a?a=0&x=1&x=2"),
        ("https://kloop.kg/a?b=&a=1", "https://kloop.kg/a?a=1&b="),
    ],
)
def test_canonical_url_keeps_other_parameters_sorted(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://kloop.kg/a#comments",
        "https://kloop.kg/a#",
        "https://kloop.kg/a?utm_source=x#top",
    ],
)
def test_canonical_url_drops_the_fragment(url):
    assert canonical_url(url) == "https://kloop.kg/a"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://KLOOP.KG/a", "https://kloop.kg/a"),
        ("HTTPS://Kloop.Kg/a", "https://kloop.kg/a"),
        ("https://kloop.kg./a", "https://kloop.kg/a"),
    ],
)
def test_canonical_url_lowercases_scheme_and_host(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_keeps_the_path_case():
    assert canonical_url("https://kloop.kg/News/Article") == "https://kloop.kg/News/Article"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kloop.kg:443/a", "https://kloop.kg/a"),
        ("http://kloop.kg:80/a", "http://kloop.kg/a"),
        ("http://kloop.kg:8080/a", "http://kloop.kg:8080/a"),
        ("https://kloop.kg:80/a", "https://kloop.kg:80/a"),
    ],
)
def test_canonical_url_drops_only_the_default_port(url, expected):
    assert canonical_url(url) == expected


CYRILLIC_PATH = "https://kloop.kg/новости/статья"
ENCODED_PATH = (
    "https://kloop.kg/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/"
    "%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F"
)


@pytest.mark.parametrize(
    "url", [CYRILLIC_PATH, ENCODED_PATH, ENCODED_PATH.lower().replace("kloop.kg", "KLOOP.KG")]
)
def test_canonical_url_percent_encodes_a_cyrillic_path_stably(url):
    assert canonical_url(url) == ENCODED_PATH


@pytest.mark.parametrize(
    "url", ["https://kloop.kg/a?q=суд", "https://kloop.kg/a?q=%D1%81%D1%83%D0%B4"]
)
def test_canonical_url_percent_encodes_a_cyrillic_query_stably(url):
    assert canonical_url(url) == "https://kloop.kg/a?q=%D1%81%D1%83%D0%B4"


def test_canonical_url_is_idempotent():
    once = canonical_url("https://KLOOP.kg:443/новости?b=2&a=1&utm_source=x#top")
    assert once is not None
    assert canonical_url(once) == once


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "javascript://kloop.kg/%0Aalert(1)",
        "mailto:editor@kloop.kg",
        "ftp://kloop.kg/file.txt",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "tel:+996555000000",
    ],
)
def test_canonical_url_refuses_non_http_schemes(url):
    assert canonical_url(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "not a url",
        "kloop.kg/a",
        "//kloop.kg/a",
        "http://",
        "https://",
        "https:kloop.kg/a",
        "http://[::1/a",
        "https://kloop.kg:99999/a",
        "https://kloop.kg:port/a",
    ],
)
def test_canonical_url_of_garbage_is_none(url):
    assert canonical_url(url) is None


def test_canonical_url_of_none_is_none():
    assert canonical_url(None) is None


# --- plausible_time -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1994, 12, 31, 23, 59, 59, tzinfo=UTC),
    ],
)
def test_plausible_time_refuses_times_before_1995(moment):
    assert plausible_time(moment, NOW) is None


@pytest.mark.parametrize(
    "moment",
    [
        NOW + timedelta(days=1, seconds=1),
        NOW + timedelta(days=30),
        datetime(2099, 1, 1, tzinfo=UTC),
    ],
)
def test_plausible_time_refuses_times_more_than_a_day_ahead(moment):
    assert plausible_time(moment, NOW) is None


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1995, 1, 1, tzinfo=UTC),
        datetime(2018, 9, 3, 8, 30, tzinfo=UTC),
        NOW - timedelta(hours=1),
        NOW,
        NOW + timedelta(hours=23),
        NOW + timedelta(days=1),
    ],
)
def test_plausible_time_keeps_believable_times(moment):
    assert plausible_time(moment, NOW) == moment


def test_plausible_time_of_none_is_none():
    assert plausible_time(None, NOW) is None


# --- struct_to_datetime -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("struct", "expected"),
    [
        (
            time.struct_time((2026, 11, 20, 9, 30, 0, 4, 324, 0)),
            datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        ),
        (time.struct_time((1970, 1, 1, 0, 0, 0, 3, 1, 0)), datetime(1970, 1, 1, tzinfo=UTC)),
        (time.gmtime(1_700_000_000), datetime.fromtimestamp(1_700_000_000, tz=UTC)),
    ],
)
def test_struct_to_datetime_reads_the_struct_as_utc(struct, expected):
    moment = struct_to_datetime(struct)
    assert moment == expected
    assert moment is not None
    assert moment.utcoffset() == timedelta(0)


def test_struct_to_datetime_of_none_is_none():
    assert struct_to_datetime(None) is None


def test_struct_to_datetime_of_an_impossible_year_is_none():
    assert struct_to_datetime(time.struct_time((99_999_999, 1, 1, 0, 0, 0, 0, 1, 0))) is None


# --- truncate -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [("", 5), ("суд", 5), ("приговор", 8)],
)
def test_truncate_leaves_text_within_the_limit_alone(text, limit):
    assert truncate(text, limit) == text


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("приговоры", 8, "пригово…"),
        ("Суд вынес приговор", 10, "Суд вынес…"),
        ("Суд вынес приговор", 5, "Суд…"),
        ("abcdef", 2, "a…"),
    ],
)
def test_truncate_cuts_long_text_and_marks_the_cut(text, limit, expected):
    result = truncate(text, limit)
    assert result == expected
    assert len(result) <= limit


def test_a_leading_noscript_block_leaves_no_text():
    assert html_to_text("<noscript>Включите JavaScript</noscript><p>Текст</p>") == "Текст"


@pytest.mark.parametrize(
    "url",
    [
        "https://vlast.kz/novosti/67168-x.html?b=2&a=1",
        "https://24.kg/obschestvo/312345_sud/",
        "https://orda.kz/a?x&y=",
        "https://example.org/a;b?c=d,e&c=a",
        "https://example.org/%d0%b0?q=%D0%B0",
        "https://kaktus.media/doc/привет?q=да",
        "https://example.org/a b?c=d e",
        "https://EXAMPLE.org:8443/Path/?Z=1&a=2",
        "http://example.org",
    ],
)
def test_canonical_url_agrees_with_w3lib_canonicalisation(url):
    from w3lib.url import canonicalize_url

    # Whether or not our fast path skipped w3lib, the result is already in its canonical form.
    ours = canonical_url(url)
    assert ours == canonicalize_url(ours)

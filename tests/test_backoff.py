"""bot.backoff: how long to wait before polling a source again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from bot.backoff import (
    MAX_RETRY_AFTER_SECONDS,
    failure_delay,
    parse_retry_after,
    success_delay,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DAY = 24 * 3600


def lowest() -> float:
    return 0.0


def highest() -> float:
    return 1.0


# --- failure_delay ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failures", "expected"),
    [(1, 300), (2, 600), (3, 1200), (4, 2400), (5, 4800), (6, 9600)],
)
def test_failure_delay_doubles_with_each_failure(failures, expected):
    assert failure_delay(failures, 300, 6 * 3600, draw=highest) == expected


@pytest.mark.parametrize(
    ("failures", "max_delay"),
    [(8, 6 * 3600), (9, 6 * 3600), (50, 6 * 3600), (10_000, 6 * 3600), (3, 1000)],
)
def test_failure_delay_is_capped_at_max_delay(failures, max_delay):
    assert failure_delay(failures, 300, max_delay, draw=highest) == max_delay
    assert failure_delay(failures, 300, max_delay, draw=lowest) == max_delay / 2


@pytest.mark.parametrize(
    ("failures", "ceiling"),
    [(1, 300), (2, 600), (4, 2400), (20, 6 * 3600)],
)
@pytest.mark.parametrize(("draw", "share"), [(lowest, 0.5), (lambda: 0.5, 0.75), (highest, 1.0)])
def test_failure_delay_jitter_stays_between_half_and_full(failures, ceiling, draw, share):
    delay = failure_delay(failures, 300, 6 * 3600, draw=draw)
    assert delay == ceiling * share
    assert ceiling / 2 <= delay <= ceiling


@pytest.mark.parametrize(
    ("retry_after", "draw", "expected"),
    [
        (1000, lowest, 1000),  # longer than the backoff: the server's wish wins
        (1000, highest, 1000),
        (3 * 3600, highest, 3 * 3600),  # even beyond max_delay
        (10, lowest, 150),  # shorter than the backoff: the backoff stands
        (0, highest, 300),
    ],
)
def test_failure_delay_honours_retry_after_as_a_floor(retry_after, draw, expected):
    assert failure_delay(1, 300, 3600, retry_after=retry_after, draw=draw) == expected


@pytest.mark.parametrize("retry_after", [DAY + 1, 7 * DAY, 10**9, 1e20])
def test_failure_delay_caps_a_huge_retry_after_at_a_day(retry_after):
    delay = failure_delay(1, 300, 3600, retry_after=retry_after, draw=lowest)
    assert delay == MAX_RETRY_AFTER_SECONDS == DAY


@pytest.mark.parametrize("failures", [0, -1, -100])
def test_failure_delay_rejects_fewer_than_one_failure(failures):
    with pytest.raises(ValueError, match="at least one failure"):
        failure_delay(failures, 300, 3600)


# --- success_delay ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interval", "jitter", "draw", "expected"),
    [
        (300, 30, lowest, 300),
        (300, 30, highest, 330),
        (300, 30, lambda: 0.5, 315),
        (600, 0, highest, 600),
    ],
)
def test_success_delay_is_the_interval_plus_a_share_of_the_jitter(
    interval, jitter, draw, expected
):
    assert success_delay(interval, jitter, draw=draw) == expected


# --- parse_retry_after --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120.0), ("0", 0.0), (" 3600 ", 3600.0), ("86400", 86400.0)],
)
def test_parse_retry_after_reads_delta_seconds(value, expected):
    assert parse_retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (format_datetime(NOW + timedelta(minutes=2), usegmt=True), 120.0),
        ("Fri, 20 Nov 2026 13:00:00 GMT", 3600.0),
        ("Fri, 20 Nov 2026 19:00:00 +0600", 3600.0),  # Almaty time, same instant
        ("Sat, 21 Nov 2026 12:00:00 GMT", float(DAY)),
    ],
)
def test_parse_retry_after_reads_an_http_date_in_the_future(value, expected):
    assert parse_retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    "value",
    [
        "Fri, 20 Nov 2026 11:59:59 GMT",
        "Thu, 01 Jan 2015 00:00:00 GMT",
        format_datetime(NOW, usegmt=True),
    ],
)
def test_parse_retry_after_of_a_past_date_is_zero(value):
    assert parse_retry_after(value, NOW) == 0.0


@pytest.mark.parametrize(
    "value",
    [
        "soon",
        "-5",
        "1.5",
        "12 seconds",
        "Fri, 45 Nov 2026 25:00:00 GMT",
        "\u00b2",  # a latin-1 byte (superscript two) that str.isdigit() calls a digit
    ],
)
def test_parse_retry_after_of_garbage_is_none(value):
    assert parse_retry_after(value, NOW) is None


@pytest.mark.parametrize("value", [None, "", "   "])
def test_parse_retry_after_of_nothing_is_none(value):
    assert parse_retry_after(value, NOW) is None

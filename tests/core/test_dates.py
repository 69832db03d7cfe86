"""The one parser of a day written YYYY-MM-DD (core/dates.py)."""

import datetime
import re

import pytest

from core.dates import DAY_PATTERN, NotADay, day_or_none, parse_day


def test_it_reads_a_day_written_yyyy_mm_dd():
    assert parse_day("2026-01-31") == datetime.date(2026, 1, 31)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2024-13-01",
        "20260101",
        "2026-W01-1",
        "2026-1-31",
        " 2026-01-31",
        "gisteren",
        "",
    ],
)
def test_it_refuses_what_is_not_a_calendar_day_in_that_form(text):
    with pytest.raises(NotADay) as refused:
        parse_day(text)

    assert refused.value.text == text
    assert isinstance(refused.value, ValueError)


def test_its_message_names_the_text_and_the_form():
    with pytest.raises(NotADay, match=re.escape("'2024-13-01' is not a date YYYY-MM-DD")):
        parse_day("2024-13-01")


def test_its_message_stays_short_whatever_it_is_given():
    with pytest.raises(NotADay) as refused:
        parse_day("x" * 10_000)

    assert len(str(refused.value)) < 100


def test_it_gives_none_where_a_caller_wants_no_exception():
    assert day_or_none("2026-02-29") is None
    assert day_or_none("2028-02-29") == datetime.date(2028, 2, 29)


def test_its_pattern_is_the_form_only():
    assert re.fullmatch(DAY_PATTERN, "2026-02-30")
    assert not re.fullmatch(DAY_PATTERN, "20260230")

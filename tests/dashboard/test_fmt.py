"""Latvian number formatting: decimal comma, no-break space between thousands."""

from __future__ import annotations

import math

import pytest

from dashboard import fmt

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "kwargs", "lv", "en"),
    [
        (1234.5, {"decimals": 1}, f"1{NB}234,5", "1,234.5"),
        (1234567, {}, f"1{NB}234{NB}567", "1,234,567"),
        (-3.25, {"decimals": 2}, "\u22123,25", "\u22123.25"),
        (2.0, {"decimals": 1, "signed": True}, "+2,0", "+2.0"),
        (0.01, {"decimals": 1, "signed": True}, "±0,0", "±0.0"),
        (-0.0, {}, "0", "0"),
        (None, {}, "–", "–"),
        (math.nan, {}, "–", "–"),
    ],
)
def test_number(value, kwargs, lv, en):
    """Given a value, When formatted in each language, Then Latvian uses a decimal comma and spaces."""
    assert (fmt.number(value, lang="lv", **kwargs), fmt.number(value, lang="en", **kwargs)) == (lv, en)


def test_percent_and_dates():
    """Given a share and a date, When formatted, Then Latvian writes '12,5 %' and '31.12.2024.'."""
    assert fmt.percent(12.5, lang="lv") == f"12,5{NB}%"
    assert fmt.percent(12.5, lang="en") == "12.5%"
    assert fmt.day("2024-12-31", lang="lv") == "31.12.2024."
    assert fmt.day("2024-12-31", lang="en") == "2024-12-31"


@pytest.mark.parametrize(
    ("start", "end", "open_ended", "lv", "en"),
    [
        (2022, 2024, False, "2022–2024", "2022–2024"),
        (2022, None, True, "2022–bez beigu termiņa", "2022–open-ended"),
        (None, 2024, False, "gads nav norādīts–2024", "year not given–2024"),
        (2022.0, math.nan, None, "2022–gads nav norādīts", "2022–year not given"),
        (None, None, False, "periods nav norādīts", "period not given"),
    ],
)
def test_a_programme_period_never_shows_none_or_a_question_mark(start, end, open_ended, lv, en):
    """Given a programme's years, some unknown or open-ended, When shown, Then words stand where a year is missing."""
    assert (fmt.period(start, end, open_ended=open_ended, lang="lv"),
            fmt.period(start, end, open_ended=open_ended, lang="en")) == (lv, en)

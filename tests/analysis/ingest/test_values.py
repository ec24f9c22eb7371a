"""Cell values as people type them: numbers, gaps, zeros, years and yes/no answers, read column-at-a-time."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.ingest.values import (
    FORMULA_WITHOUT_VALUE,
    parse_statuses,
    parse_values,
    parse_years,
    parse_yes_no,
)
from tests.analysis.ingest.parameters import CELL_CASES, YEAR_CASES, YES_NO_CASES


def _none(x):
    return None if x is None or x != x else x


def test_every_cell_form_reads_as_documented():
    """Given one column holding every documented cell form / When parsed as Excel cells / Then each gets its value, status, problem and form."""
    raw = pd.Series([c[0] for c in CELL_CASES], dtype=object)
    parsed = parse_values(raw)
    got = [
        (raw[i], _none(parsed.value[i]), _none(parsed.status[i]), _none(parsed.problem[i]), _none(parsed.form[i]))
        for i in range(len(raw))
    ]
    assert got == [tuple(c) for c in CELL_CASES]


def test_text_numbers_are_normal_in_a_csv():
    """Given numbers written as text in a CSV / When parsed as a text source / Then no 'number-as-text' form is noted."""
    parsed = parse_values(pd.Series(["305", "1,5"], dtype=object), text_source=True)
    assert parsed.value.tolist() == [305.0, 1.5]
    assert [_none(f) for f in parsed.form] == [None, "decimal-comma"]


def test_formula_without_cached_value_is_a_problem_not_zero():
    """Given a formula cell saved without its result / When parsed / Then it is a problem and has no value."""
    parsed = parse_values(pd.Series([FORMULA_WITHOUT_VALUE], dtype=object))
    assert (_none(parsed.value[0]), parsed.problem[0]) == (None, "formula-without-value")


def test_percent_sign_is_remembered():
    """Given '21,3%' / When parsed / Then the value is 21.3 and the cell is marked as a percentage."""
    parsed = parse_values(pd.Series(["21,3%", "21,3"], dtype=object))
    assert parsed.value.tolist() == [21.3, 21.3]
    assert parsed.percent.tolist() == [True, False]


@pytest.mark.parametrize("cell,year,problem,form", YEAR_CASES)
def test_years(cell, year, problem, form):
    """Given a year cell / When parsed / Then the year, problem and form are as documented."""
    parsed = parse_years(pd.Series([cell], dtype=object))
    assert (_none(parsed.year[0]) if not pd.isna(parsed.year[0]) else None, parsed.problem[0], parsed.form[0]) == (
        year,
        problem,
        form,
    )


def test_years_of_a_long_column_are_parsed_once_per_distinct_value():
    """Given 10,000 year cells with three distinct values / When parsed / Then each row gets its year."""
    raw = pd.Series(["2022", "2023.g.", 2024] * 3334, dtype=object)
    parsed = parse_years(raw)
    assert parsed.year.tolist()[:3] == [2022, 2023, 2024]
    assert int(parsed.year.isna().sum()) == 0


@pytest.mark.parametrize("cell,value,problem", YES_NO_CASES)
def test_yes_no(cell, value, problem):
    """Given a yes/no answer / When parsed / Then it is 1, 0 or a problem, never a guess."""
    parsed = parse_yes_no(pd.Series([cell], dtype=object))
    assert (_none(parsed.value[0]), _none(parsed.problem[0])) == (value, problem)


def test_status_words():
    """Given a status column / When parsed / Then known words map to statuses and unknown ones are flagged."""
    status, unknown = parse_statuses(pd.Series(["", "estimate", "Konfidenciāls", "aptuveni", None], dtype=object))
    assert status.tolist() == [None, "estimate", "confidential", None, None]
    assert unknown.tolist() == [False, False, False, True, False]

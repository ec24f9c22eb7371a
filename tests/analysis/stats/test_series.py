"""Trend rows: window, changes, direction and assessment, with every edge case stated rather than guessed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.stats import analyse
from tests.analysis.stats.parameters import CESIS, DAUGAVPILS, JELGAVA, RIGA, frame

COLUMNS = [
    "municipality",
    "indicator",
    "window_start",
    "window_end",
    "first_year",
    "last_year",
    "n_years",
    "missing_years",
    "first_value",
    "last_value",
    "change",
    "pct_change",
    "avg_annual_change",
    "slope",
    "direction",
    "significant",
    "assessment",
    "reason",
    "suppressed",
]


def children(code, years=(2022, 2023, 2024), n=3000):
    return [(code, "children_0_17", y, n) for y in years]


def counts(code, indicator, pairs, *, den=None):
    """Rows with a count (and optionally an own denominator); the value is left for the library to derive."""
    return [(code, indicator, y, None, c, den) for y, c in pairs]


def trend(result, code, indicator) -> dict:
    rows = result.trends[
        (result.trends["municipality_code"] == code) & (result.trends["indicator"] == indicator)
    ]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def test_nine_to_twelve_is_noise_thirty_to_sixty_one_is_not(scat):
    """Given two municipalities with 3,000 children each, crime victims 9, 11, 12 and 30, 45, 61 / When
    analysed / Then the first is 'no significant change' and the second 'worsening' (lower is better), with
    every summary column as defined."""
    obs = frame(
        children(CESIS)
        + children(DAUGAVPILS)
        + counts(CESIS, "victims_rate", [(2022, 9), (2023, 11), (2024, 12)])
        + counts(DAUGAVPILS, "victims_rate", [(2022, 30), (2023, 45), (2024, 61)])
    )
    result = analyse(obs, catalogue=scat)
    got = result.trends[result.trends["indicator"] == "victims_rate"][COLUMNS + ["p_value"]].reset_index(
        drop=True
    )
    expected = pd.DataFrame(
        {
            "municipality": ["Daugavpils", "Cēsu novads"],
            "indicator": ["victims_rate"] * 2,
            "window_start": [2022, 2022],
            "window_end": [2024, 2024],
            "first_year": [2022, 2022],
            "last_year": [2024, 2024],
            "n_years": [3, 3],
            "missing_years": ["", ""],
            "first_value": [10.0, 3.0],
            "last_value": [61 / 3, 4.0],
            "change": [61 / 3 - 10, 1.0],
            "pct_change": [(61 / 3 - 10) / 10 * 100, 100 / 3],
            "avg_annual_change": [(61 / 3 - 10) / 2, 0.5],
            "slope": [(61 / 3 - 10) / 2, 0.5],
            "direction": ["increasing", "increasing"],
            "significant": pd.array([True, False], dtype="boolean"),
            "assessment": ["worsening", "no_significant_change"],
            "reason": ["", ""],
            "suppressed": [False, False],
            "p_value": [0.00103612, 0.51525512],
        }
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-5)


def test_improving_follows_polarity(scat):
    """Given check-up coverage (higher is better) rising 40 % → 60 % of 500 children / When analysed / Then
    'improving'; the same fall is 'worsening'."""
    obs = frame(
        children(CESIS, n=500)
        + children(RIGA, n=500)
        + counts(CESIS, "checkup_share", [(2022, 200), (2023, 250), (2024, 300)])
        + counts(RIGA, "checkup_share", [(2022, 300), (2023, 250), (2024, 200)])
    )
    result = analyse(obs, catalogue=scat)
    assert [trend(result, c, "checkup_share")["assessment"] for c in (CESIS, RIGA)] == [
        "improving",
        "worsening",
    ]
    assert trend(result, CESIS, "checkup_share")["last_value"] == 60.0


def test_no_judgement_polarity_shows_direction_but_not_a_verdict(scat):
    """Given an indicator whose polarity makes no judgement, rising 30 → 61 per 3,000 / When analysed / Then
    the assessment is 'no_judgement', the direction 'increasing', and Latvia's comparison higher/lower."""
    obs = frame(children(CESIS) + counts(CESIS, "mental_rate", [(2022, 30), (2023, 45), (2024, 61)]))
    row = trend(analyse(obs, catalogue=scat), CESIS, "mental_rate")
    assert (row["assessment"], row["direction"], bool(row["significant"])) == (
        "no_judgement",
        "increasing",
        True,
    )


def test_a_single_year_is_stated_not_tested(scat):
    """Given data for 2024 only / When analysed / Then one row, n_years 1, no change, no direction, and
    assessment 'not_tested' because of 'single_year'."""
    obs = frame(children(CESIS, years=(2024,)) + counts(CESIS, "victims_rate", [(2024, 12)]))
    row = trend(analyse(obs, catalogue=scat), CESIS, "victims_rate")
    assert {
        k: row[k] for k in ("n_years", "first_year", "last_year", "direction", "assessment", "reason")
    } == {
        "n_years": 1,
        "first_year": 2024,
        "last_year": 2024,
        "direction": "",
        "assessment": "not_tested",
        "reason": "single_year",
    }
    assert np.isnan(row["change"]) and pd.isna(row["significant"])


def test_a_gap_inside_the_window_is_stated_not_interpolated(scat):
    """Given values for 2021, 2022 and 2024 (2023 missing) / When the 3-year window is taken / Then it runs
    2022–2024, lists 2023 as missing and tests the two years it has."""
    obs = frame(
        children(CESIS, years=(2021, 2022, 2023, 2024))
        + counts(CESIS, "victims_rate", [(2021, 30), (2022, 30), (2024, 61)])
    )
    row = trend(analyse(obs, catalogue=scat), CESIS, "victims_rate")
    assert {k: row[k] for k in ("window_start", "first_year", "last_year", "n_years", "missing_years")} == {
        "window_start": 2022,
        "first_year": 2022,
        "last_year": 2024,
        "n_years": 2,
        "missing_years": "2023",
    }
    assert row["avg_annual_change"] == pytest.approx((61 - 30) / 3000 * 1000 / 2)
    assert row["assessment"] == "worsening"


def test_a_longer_window_and_a_fixed_end_year(scat):
    """Given ten years of data / When the window is 5 years ending in 2022 / Then 2018–2022 is summarised."""
    years = range(2015, 2025)
    obs = frame(
        children(CESIS, years=years) + counts(CESIS, "victims_rate", [(y, 10 + y - 2015) for y in years])
    )
    row = trend(analyse(obs, catalogue=scat, window=5, end_year=2022), CESIS, "victims_rate")
    assert (row["first_year"], row["last_year"], row["n_years"]) == (2018, 2022, 5)
    assert row["first_value"] == pytest.approx(13 / 3) and row["last_value"] == pytest.approx(17 / 3)
    with pytest.raises(ValueError, match="window"):
        analyse(obs, catalogue=scat, window=2)


def test_a_small_count_hides_the_trend_unless_unsuppressed_view(scat):
    """Given counts 4, 6, 8 (threshold 5) / When analysed for publication / Then the first value shows as
    '<5', change and test are hidden ('small_numbers'); in the unsuppressed view the trend is tested."""
    obs = frame(children(CESIS) + counts(CESIS, "victims_rate", [(2022, 4), (2023, 6), (2024, 8)]))
    row = trend(analyse(obs, catalogue=scat), CESIS, "victims_rate")
    assert {
        k: row[k]
        for k in ("first_display", "last_display", "assessment", "reason", "direction", "suppressed")
    } == {
        "first_display": "<5",
        "last_display": "2,7",
        "assessment": "not_tested",
        "reason": "small_numbers",
        "direction": "",
        "suppressed": True,
    }
    assert np.isnan(row["first_value"]) and np.isnan(row["change"]) and np.isnan(row["p_value"])
    assert row["last_value"] == pytest.approx(8 / 3)
    open_row = trend(analyse(obs, catalogue=scat, show_unsuppressed=True), CESIS, "victims_rate")
    assert (open_row["assessment"], open_row["reason"], open_row["first_value"]) == (
        "no_significant_change",
        "",
        pytest.approx(4 / 3),
    )


def test_zero_counts_and_full_counts_are_tested_without_error(scat):
    """Given zero victims three years running and check-ups for all children / When analysed / Then both are
    'no significant change' with p = 1, and direction 'unchanged'."""
    obs = frame(
        children(CESIS)
        + counts(CESIS, "victims_rate", [(2022, 0), (2023, 0), (2024, 0)])
        + counts(CESIS, "checkup_share", [(2022, 3000), (2023, 3000), (2024, 3000)])
    )
    result = analyse(obs, catalogue=scat)
    for indicator in ("victims_rate", "checkup_share"):
        row = trend(result, CESIS, indicator)
        assert (row["assessment"], row["p_value"], row["direction"]) == (
            "no_significant_change",
            1.0,
            "unchanged",
        )
    assert trend(result, CESIS, "checkup_share")["last_upper"] == 100.0


@pytest.mark.parametrize(
    "rows, indicator, reason",
    [
        (
            [(CESIS, "care_count", y, v) for y, v in ((2022, 10), (2023, 14), (2024, 20))],
            "care_count",
            "no_denominator",
        ),
        (
            [(CESIS, "spending", y, v) for y, v in ((2022, 100.5), (2023, 120), (2024, 130))],
            "spending",
            "no_counts",
        ),
        (
            [(CESIS, "unemployment", y, v) for y, v in ((2022, 7.1), (2023, 6.5), (2024, 6.0))],
            "unemployment",
            "no_counts",
        ),
        (
            [(CESIS, "local_thing", y, v, v) for y, v in ((2022, 10), (2023, 12), (2024, 20))],
            "local_thing",
            "no_denominator",
        ),
        (
            counts(CESIS, "checkup_share", [(2022, 3100), (2023, 3000), (2024, 2900)]),
            "checkup_share",
            "count_exceeds_denominator",
        ),
    ],
)
def test_series_that_cannot_be_tested_say_why(scat, rows, indicator, reason):
    """Given a count without denominator, an amount, a percentage without counts, an
    indicator outside the catalogue without a denominator, or a count above its denominator / When analysed / Then 'not_tested'
    with the reason, while the direction is still shown."""
    row = trend(analyse(frame(children(CESIS) + rows), catalogue=scat), CESIS, indicator)
    assert (row["assessment"], row["reason"]) == ("not_tested", reason)
    assert row["direction"] in ("increasing", "decreasing")


def test_values_complete_counts_and_denominators_from_the_catalogue(scat):
    """Given a rate given only as a value, a count given only as a count, and a 'zero' status / When analysed
    / Then the count is derived from value × denominator / per, the value from count / denominator × per,
    and the zero cell becomes 0, each flagged."""
    obs = frame(
        children(JELGAVA, years=(2024,), n=2000)
        + [(JELGAVA, "victims_rate", 2024, 7.5, None, None)]
        + [(JELGAVA, "checkup_share", 2024, None, 1500, None)]
        + [(JELGAVA, "care_count", 2024, None, None, None, "zero")]
    )
    values = analyse(obs, catalogue=scat).values.set_index("indicator")
    got = values.loc[
        ["victims_rate", "checkup_share", "care_count"],
        ["value", "count", "denominator", "count_derived", "denominator_from_catalogue"],
    ]
    expected = pd.DataFrame(
        {
            "value": [7.5, 75.0, 0.0],
            "count": [15.0, 1500.0, 0.0],
            "denominator": [2000.0, 2000.0, np.nan],
            "count_derived": [True, False, False],
            "denominator_from_catalogue": [True, True, False],
        },
        index=pd.Index(["victims_rate", "checkup_share", "care_count"], name="indicator"),
    )
    pd.testing.assert_frame_equal(got, expected, check_index_type=False, check_categorical=False)
    assert values.loc[["victims_rate", "checkup_share", "care_count"], "display_value"].tolist() == [
        "7,5",
        "75,0",
        "0",
    ]


@pytest.mark.parametrize("answers, assessment, direction", [
    ((0, 1, 1), "improving", "increasing"),
    ((1, 1, 0), "worsening", "decreasing"),
    ((1, 1, 1), "no_significant_change", "unchanged"),
    ((0, 1, 0), "no_significant_change", "unchanged"),
])
def test_a_yes_no_answer_is_judged_by_the_answers_without_a_test(scat, answers, assessment, direction):
    """Given a yes/no indicator where yes is better / When its answers over the window change or not / Then it is
    judged by the answers (adopted: improving; dropped: worsening; same at both ends: no change), basis
    'yes_no_change', no p-value and no reason, and the direction agrees with the change shown."""
    rows = [(CESIS, "youth_council", y, v) for y, v in zip((2022, 2023, 2024), answers)]
    row = trend(analyse(frame(children(CESIS) + rows), catalogue=scat), CESIS, indicator="youth_council")
    assert (row["assessment"], row["direction"], row["basis"], row["reason"]) == (
        assessment, direction, "yes_no_change", "")
    assert math.isnan(row["p_value"]) and np.sign(row["change"]) == {"increasing": 1, "decreasing": -1,
                                                                       "unchanged": 0}[direction]


@pytest.mark.parametrize("answers, assessment, direction", [
    ((1, 0, 0, 1, 1), "no_significant_change", "unchanged"),  # the fitted line rises
    ((0, 1, 1, 0, 0), "no_significant_change", "unchanged"),  # the fitted line falls
    ((0, 0, 0, 1, 1), "improving", "increasing"),
])
def test_a_yes_no_answer_over_five_years_goes_by_its_first_and_last_answer(scat, answers, assessment, direction):
    """Given a yes/no indicator over a five-year window whose fitted line tilts while the answers at both ends
    agree / When analysed / Then it is judged by the first and the last answer, as the change shown says."""
    years = (2020, 2021, 2022, 2023, 2024)
    rows = [(CESIS, "youth_council", y, v) for y, v in zip(years, answers)]
    result = analyse(frame(children(CESIS, years=years) + rows), catalogue=scat, window=5)
    row = trend(result, CESIS, indicator="youth_council")
    assert (row["assessment"], row["direction"], row["basis"]) == (assessment, direction, "yes_no_change")

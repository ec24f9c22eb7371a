"""The chi-squared test for trend agrees with a published example and an independent formulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.contingency_tables import Table

from analysis.stats.trend import cochran_armitage


def _reference(years, counts, denominators) -> tuple[float, float]:
    """Mantel's linear-by-linear test on the 2 × k table, rescaled from N − 1 to N (Armitage's form)."""
    x = np.asarray(counts, dtype=float)
    n = np.asarray(denominators, dtype=float)
    result = Table(np.c_[x, n - x], shift_zeros=False).test_ordinal_association(
        row_scores=np.asarray(years, dtype=float), col_scores=np.array([1.0, 0.0])
    )
    total = n.sum()
    chi2 = float(result.zscore) ** 2 * total / (total - 1)
    return chi2, float(stats.chi2.sf(chi2, 1))


def test_matches_r_prop_trend_test_documentation_example():
    """Given R's prop.trend.test example (smokers 83, 90, 129, 70 of 86, 93, 136, 82) / When tested /
    Then X-squared = 8.2249 and p = 0.004132, as printed in R's documentation."""
    result = cochran_armitage([0, 0, 0, 0], [1, 2, 3, 4], [83, 90, 129, 70], [86, 93, 136, 82])
    assert round(float(result.chi2[0]), 4) == 8.2249
    assert round(float(result.p_value[0]), 6) == 0.004132
    assert result.statistic[0] < 0


CASES = [
    ([2022, 2023, 2024], [9, 11, 12], [3000, 3000, 3000]),
    ([2022, 2023, 2024], [30, 45, 61], [3000, 3000, 3000]),
    ([2020, 2021, 2023, 2024], [5, 0, 7, 19], [480, 470, 455, 440]),
    ([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024], list(range(100, 50, -5)), [9000] * 10),
    ([2023, 2024], [12, 30], [900, 880]),
]


def test_many_series_at_once_equal_each_computed_alone():
    """Given five series of different lengths stacked in one array / When tested in one call / Then each
    result equals the independent linear-by-linear formulation for that series alone."""
    groups = np.concatenate([[k] * len(c[0]) for k, c in enumerate(CASES)])
    years = np.concatenate([c[0] for c in CASES])
    counts = np.concatenate([c[1] for c in CASES])
    dens = np.concatenate([c[2] for c in CASES])
    result = cochran_armitage(groups, years, counts, dens)
    expected = [_reference(*c) for c in CASES]
    np.testing.assert_allclose(result.chi2, [e[0] for e in expected], rtol=1e-9)
    np.testing.assert_allclose(result.p_value, [e[1] for e in expected], rtol=1e-7)


def test_small_municipality_example_from_the_issue():
    """Given 3,000 children and crime victims rising 9 → 12 in one case and 30 → 61 in another over three
    years / When tested / Then the first is not significant (p ≈ 0.52) and the second is (p ≈ 0.001)."""
    result = cochran_armitage([0, 0, 0, 1, 1, 1], [2022, 2023, 2024] * 2, [9, 11, 12, 30, 45, 61], [3000] * 6)
    assert result.significant().tolist() == [False, True]
    assert np.round(result.p_value, 3).tolist() == [0.515, 0.001]


def test_no_events_and_all_events_mean_no_trend():
    """Given a series with zero events every year and one where everyone is counted / When tested / Then
    χ² = 0 and p = 1: nothing changed, no error."""
    result = cochran_armitage(
        [0, 0, 0, 1, 1, 1], [1, 2, 3] * 2, [0, 0, 0, 50, 40, 30], [100, 90, 80, 50, 40, 30]
    )
    assert result.chi2.tolist() == [0.0, 0.0]
    assert result.p_value.tolist() == [1.0, 1.0]


def test_a_single_year_cannot_show_a_trend():
    """Given a series with one year only / When tested / Then the result is NaN, not a number."""
    result = cochran_armitage([0], [2024], [10], [100])
    assert np.isnan(result.p_value[0]) and np.isnan(result.chi2[0])
    assert result.significant().tolist() == [False]


@pytest.mark.parametrize("shift", [0, 2000, -7])
def test_year_origin_does_not_matter(shift):
    """Given the same series with years shifted / When tested / Then the same χ²."""
    base = cochran_armitage([0, 0, 0], [1, 2, 3], [30, 45, 61], [3000] * 3)
    moved = cochran_armitage([0, 0, 0], np.array([1, 2, 3]) + shift, [30, 45, 61], [3000] * 3)
    assert float(moved.chi2[0]) == pytest.approx(float(base.chi2[0]), rel=1e-12)

"""Confidence intervals agree with independent implementations and published worked examples."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from analysis.stats.intervals import (
    byar,
    count_interval,
    exact_poisson,
    for_kind,
    rate_interval,
    wilson,
    z_value,
)

LEVELS = [0.95, 0.998]


def test_wilson_matches_newcombe_worked_examples():
    """Given Newcombe's (1998) examples 81/263, 15/148, 0/20, 1/29 / When Wilson 95 % limits are computed /
    Then they equal the published four-decimal values."""
    lower, upper = wilson([81, 15, 0, 1], [263, 148, 20, 29])
    assert np.round(lower, 4).tolist() == [0.2553, 0.0624, 0.0, 0.0061]
    assert np.round(upper, 4).tolist() == [0.3662, 0.1605, 0.1611, 0.1718]


@pytest.mark.parametrize("level", LEVELS)
def test_wilson_matches_statsmodels_on_a_grid(level):
    """Given every count 0..n for several n, zero and full counts included / When Wilson limits are computed
    / Then they equal statsmodels' proportion_confint(method='wilson')."""
    n = np.repeat([1, 7, 30, 3000], [2, 8, 31, 3001])
    x = np.concatenate([np.arange(k + 1) for k in (1, 7, 30, 3000)])
    lower, upper = wilson(x, n, level)
    ref_lower, ref_upper = proportion_confint(x, n, alpha=1 - level, method="wilson")
    np.testing.assert_allclose(lower, ref_lower, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(upper, ref_upper, rtol=1e-10, atol=1e-12)


def test_wilson_edges_are_exact_zero_and_one():
    """Given 0 of 50 and 50 of 50 / When Wilson limits are computed / Then the interval is [0, u] and [l, 1]."""
    lower, upper = wilson([0, 50], [50, 50])
    assert lower[0] == 0.0 and upper[1] == 1.0
    assert 0 < upper[0] < 0.1 and 0.9 < lower[1] < 1


def test_impossible_inputs_give_nan_not_errors():
    """Given a count above its denominator, a zero denominator, a negative and a missing count / When any
    interval is computed / Then every limit is NaN."""
    lower, upper = wilson([5, 1, -1, np.nan], [4, 0, 10, 10])
    assert np.isnan(lower).all() and np.isnan(upper).all()
    lower, upper = rate_interval([5, -1, np.nan], [0, 10, 10], 1000)
    assert np.isnan(lower).all() and np.isnan(upper).all()
    lower, upper = exact_poisson([-1, np.nan])
    assert np.isnan(lower).all() and np.isnan(upper).all()


@pytest.mark.parametrize("level", LEVELS)
def test_exact_poisson_matches_statsmodels_and_chi_squared(level):
    """Given counts 0..200 and some large ones / When exact limits are computed / Then they equal both
    statsmodels' confint_poisson(method='exact-c') and Garwood's chi-squared formula."""
    x = np.r_[np.arange(0, 201), 1045, 20_000].astype(float)
    lower, upper = exact_poisson(x, level)
    alpha = 1 - level
    chi_lower = np.where(x > 0, stats.chi2.ppf(alpha / 2, 2 * x) / 2, 0.0)
    chi_upper = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2
    np.testing.assert_allclose(lower, chi_lower, rtol=1e-9)
    np.testing.assert_allclose(upper, chi_upper, rtol=1e-9)
    sm_lower, sm_upper = confint_poisson(x, 1.0, method="exact-c", alpha=alpha)
    np.testing.assert_allclose(lower, np.nan_to_num(sm_lower), rtol=1e-9)
    np.testing.assert_allclose(upper, sm_upper, rtol=1e-9)


def test_exact_poisson_of_zero_starts_at_zero():
    """Given a zero count / When its exact 95 % interval is computed / Then it is [0, 3.689] (the rule of 3.7)."""
    lower, upper = count_interval([0])
    assert lower[0] == 0.0
    assert round(float(upper[0]), 3) == 3.689


def _byar_reference(o: float, level: float) -> tuple[float, float]:
    """Byar's limits written out from Breslow & Day (1987), one number at a time."""
    z = stats.norm.ppf(1 - (1 - level) / 2)
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    return lower, upper


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("o", [10, 11, 65, 289, 1045, 25_000])
def test_byar_matches_formula_and_approximates_exact(o, level):
    """Given counts of 10 and more / When Byar's limits are computed / Then they equal the formula and lie
    within 2 % of the exact Poisson limits, the reason Byar is used from 10 up."""
    lower, upper = byar([o], level)
    ref = _byar_reference(o, level)
    assert (float(lower[0]), float(upper[0])) == pytest.approx(ref, rel=1e-12)
    exact_lower, exact_upper = confint_poisson(o, 1.0, method="exact-c", alpha=1 - level)
    assert float(lower[0]) == pytest.approx(float(exact_lower), rel=0.02)
    assert float(upper[0]) == pytest.approx(float(exact_upper), rel=0.02)


def test_rate_interval_switches_from_exact_to_byar_at_ten():
    """Given counts 0, 9, 10 and 65 per 3,000 children / When rate limits per 1,000 are computed / Then 0 and
    9 use the exact method, 10 and 65 Byar's, each scaled by 1,000 / 3,000."""
    counts = np.array([0, 9, 10, 65], dtype=float)
    lower, upper = rate_interval(counts, 3000, 1000)
    e_lo, e_up = exact_poisson(counts[:2])
    b_lo, b_up = byar(counts[2:])
    np.testing.assert_allclose(lower, np.r_[e_lo, b_lo] / 3, rtol=1e-12)
    np.testing.assert_allclose(upper, np.r_[e_up, b_up] / 3, rtol=1e-12)


def test_for_kind_picks_the_method_by_indicator_kind():
    """Given a proportion, a rate, a count, an amount and a yes/no value / When limits are asked for by kind
    / Then Wilson (×100), the rate method, exact Poisson and nothing are used respectively."""
    kind = np.array(["proportion", "rate", "count", "amount", "yes_no"])
    lower, upper = for_kind(
        kind, [30, 30, 4, 12.5, 1], [200, 3000, np.nan, np.nan, np.nan], [100, 1000, np.nan, np.nan, np.nan]
    )
    w_lo, w_up = wilson(30, 200)
    r_lo, r_up = rate_interval(30, 3000, 1000)
    c_lo, c_up = exact_poisson(4)
    np.testing.assert_allclose(lower[:3], [w_lo * 100, r_lo, c_lo])
    np.testing.assert_allclose(upper[:3], [w_up * 100, r_up, c_up])
    assert np.isnan(lower[3:]).all() and np.isnan(upper[3:]).all()


def test_levels_are_checked():
    """Given a confidence level of 95 instead of 0.95 / When an interval is asked for / Then a clear error."""
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
    with pytest.raises(ValueError, match="between 0 and 1"):
        wilson(1, 2, 95)

"""The chi-squared test for linear trend in proportions (Cochran–Armitage), for many series in one pass.

For one series with years t_i, events x_i out of n_i (N = Σn, X = Σx, p = X/N):
    T = Σ t_i (x_i − n_i p),   Var(T) = p (1 − p) [Σ n_i t_i² − (Σ n_i t_i)² / N],   χ² = T² / Var(T), 1 df.
This is Armitage's (1955) form, the one R's prop.trend.test computes. A rate per N is treated as the
proportion of its population, so the same test applies. The sign of T gives the direction of the trend.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

DEFAULT_ALPHA = 0.05


@dataclass(frozen=True)
class TrendTest:
    """Per-series results, aligned with the group numbers 0..n_groups-1."""

    statistic: np.ndarray  # T: positive when the proportion rises with the score
    chi2: np.ndarray
    p_value: np.ndarray

    def significant(self, alpha: float = DEFAULT_ALPHA) -> np.ndarray:
        """True where p < alpha; False where there is nothing to detect (p = 1); NaN-p series give False."""
        with np.errstate(invalid="ignore"):
            return np.asarray(self.p_value < alpha)


def _sum(groups: np.ndarray, weights: np.ndarray, n_groups: int) -> np.ndarray:
    return np.bincount(groups, weights=weights, minlength=n_groups)


def cochran_armitage(
    groups,
    score,
    count,
    denominator,
    *,
    n_groups: int | None = None,
) -> TrendTest:
    """Runs the trend test on every group of rows at once (rows of one series share a group number).

    A series with no events at all (or events in everyone) has nothing to detect: χ² = 0 and p = 1.
    A series with a single score value cannot show a trend: NaN.
    """
    g = np.asarray(groups, dtype="int64")
    x = np.asarray(count, dtype="float64")
    n = np.asarray(denominator, dtype="float64")
    t = np.asarray(score, dtype="float64")
    size = int(n_groups if n_groups is not None else (g.max() + 1 if g.size else 0))
    # Centre the scores per group for numerical stability; the statistic does not change under a shift.
    rows = _sum(g, np.ones_like(t), size)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = t - (_sum(g, t, size) / rows)[g]
    total_n = _sum(g, n, size)
    total_x = _sum(g, x, size)
    s_nt = _sum(g, n * t, size)
    s_ntt = _sum(g, n * t * t, size)
    s_xt = _sum(g, x * t, size)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = total_x / total_n
        statistic = s_xt - p * s_nt
        spread = s_ntt - s_nt * s_nt / total_n
        variance = p * (1.0 - p) * spread
        chi2 = statistic * statistic / variance
    no_spread = ~(spread > 1e-12 * np.maximum(s_ntt, 1.0))
    nothing = (~no_spread) & ((total_x == 0) | (total_x == total_n))
    chi2 = np.where(nothing, 0.0, np.where(no_spread, np.nan, chi2))
    statistic = np.where(no_spread, np.nan, np.where(nothing, 0.0, statistic))
    p_value = np.where(np.isnan(chi2), np.nan, special.chdtrc(1.0, np.where(np.isnan(chi2), 0.0, chi2)))
    return TrendTest(statistic=statistic, chi2=chi2, p_value=p_value)

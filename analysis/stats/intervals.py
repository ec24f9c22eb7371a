"""Confidence intervals for proportions, rates and counts, vectorised so a whole country costs milliseconds.

Methods as in public-health dashboards (Fingertips / PHEindicatormethods):
- proportions: Wilson score interval;
- counts: exact Poisson (Garwood) interval, from the gamma distribution;
- rates per N: Byar's approximation when the count is 10 or more, the exact Poisson interval below that.
Missing, negative or impossible inputs give NaN, never an exception.
"""

from __future__ import annotations

import numpy as np
from scipy import special

DEFAULT_LEVEL = 0.95
HIGH_LEVEL = 0.998
BYAR_MIN_COUNT = 10


def z_value(level: float = DEFAULT_LEVEL) -> float:
    """The two-sided normal quantile for a confidence level (1.96 for 95 %)."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"confidence level must be between 0 and 1, got {level!r}")
    return float(special.ndtri(1.0 - (1.0 - level) / 2.0))


def _floats(values) -> np.ndarray:
    return np.asarray(values, dtype="float64")


def wilson(count, denominator, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score limits on the 0–1 scale; they stay inside [0, 1] even for 0 of n and n of n."""
    x, n = np.broadcast_arrays(_floats(count), _floats(denominator))
    z = z_value(level)
    z2 = z * z
    ok = (n > 0) & (x >= 0) & (x <= n)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        centre = 2.0 * x + z2
        half = z * np.sqrt(z2 + 4.0 * x * (1.0 - p))
        denom = 2.0 * (n + z2)
        lower = np.where(ok, (centre - half) / denom, np.nan)
        upper = np.where(ok, (centre + half) / denom, np.nan)
    lower = np.where(ok & (x == 0), 0.0, np.clip(lower, 0.0, 1.0))
    upper = np.where(ok & (x == n), 1.0, np.clip(upper, 0.0, 1.0))
    return lower, upper


def exact_poisson(count, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) limits for a Poisson count: gamma quantiles, 0 as the lower limit of a zero count."""
    z_value(level)  # validates the level
    alpha = 1.0 - level
    x = _floats(count)
    flat = x.ravel()
    ok = flat >= 0
    lower = np.full(flat.shape, np.nan)
    upper = np.full(flat.shape, np.nan)
    if ok.any():
        # Counts repeat a lot: compute each distinct count once.
        unique, inverse = np.unique(flat[ok], return_inverse=True)
        u_lo = np.zeros(unique.shape)
        pos = unique > 0
        u_lo[pos] = special.gammaincinv(unique[pos], alpha / 2.0)
        u_up = special.gammaincinv(unique + 1.0, 1.0 - alpha / 2.0)
        lower[ok] = u_lo[inverse.ravel()]
        upper[ok] = u_up[inverse.ravel()]
    return lower.reshape(x.shape), upper.reshape(x.shape)


def byar(count, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Byar's approximation to the exact Poisson limits; accurate for counts of 10 and more."""
    x = _floats(count)
    z = z_value(level)
    ok = x > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = x * (1.0 - 1.0 / (9.0 * x) - z / (3.0 * np.sqrt(x))) ** 3
        x1 = x + 1.0
        upper = x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * np.sqrt(x1))) ** 3
    lower = np.where(ok, np.maximum(lower, 0.0), np.where(x == 0, 0.0, np.nan))
    upper = np.where(x >= 0, upper, np.nan)
    return lower, upper


def count_interval(count, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Limits for a plain count of events: exact Poisson, whatever the size."""
    return exact_poisson(count, level)


def rate_interval(count, denominator, per, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Limits for count / denominator × per: Byar from 10 events up, exact Poisson below, chosen per element."""
    x, n, k = np.broadcast_arrays(_floats(count), _floats(denominator), _floats(per))
    lo = np.full(x.shape, np.nan)
    up = np.full(x.shape, np.nan)
    with np.errstate(invalid="ignore"):
        big = x >= BYAR_MIN_COUNT
        small = (x >= 0) & ~big
    lo[big], up[big] = byar(x[big], level)
    lo[small], up[small] = exact_poisson(x[small], level)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(n > 0, k / n, np.nan)
    return lo * scale, up * scale


def for_kind(kind, count, denominator, per, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Limits on the indicator's own scale: Wilson for percentages, Byar/exact for rates, exact for counts.

    Amounts, yes/no answers and anything without the needed count or denominator get NaN.
    """
    kind = np.asarray(kind)
    x, n, k = np.broadcast_arrays(_floats(count), _floats(denominator), _floats(per))
    lower = np.full(x.shape, np.nan)
    upper = np.full(x.shape, np.nan)
    has = ~np.isnan(x)
    prop = has & (kind == "proportion")
    if prop.any():
        lo, up = wilson(x[prop], n[prop], level)
        lower[prop], upper[prop] = lo * k[prop], up * k[prop]
    rate = has & (kind == "rate")
    if rate.any():
        lower[rate], upper[rate] = rate_interval(x[rate], n[rate], k[rate], level)
    cnt = has & (kind == "count")
    if cnt.any():
        lower[cnt], upper[cnt] = count_interval(x[cnt], level)
    return lower, upper

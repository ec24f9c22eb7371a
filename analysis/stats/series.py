"""Every municipality × indicator series over its window, summarised and assessed in one vectorised pass.

Definitions (the methods write-up explains them in plain words):
- Window: the `window` calendar years ending with the series' latest year with a value (or a fixed
  `end_year`). Years inside the window without a value are listed in `missing_years`, never interpolated.
- first/last: the earliest and latest years in the window that have a value.
- change = last − first; pct_change = change / |first| × 100 (empty when first is 0);
  avg_annual_change = change / (last_year − first_year); slope = ordinary least squares of value on year.
- measure: what first/last/change/slope are about. A series that is tested is shown as the quantity
  tested: a rate or percentage as reported; a count (or a custom figure) with a denominator as its rate,
  count / denominator × measure_per. Anything else is shown as reported.
- slope: ordinary least squares of the shown value on the year.
- direction: the sign of the slope (increasing / decreasing / unchanged), or mixed when the change from the
  first to the last year has another sign (only in windows of four years or more); a yes/no answer by its
  first and last answer. Improving / worsening read that same direction through the polarity, so the words
  never contradict each other; a significant mixed trend gets no judgement.
- assessment: not_tested when the test cannot be run (the reason says why: a single year, small numbers in
  the series' own counts, a cell hidden to protect another figure (not_published), no counts or
  denominators, a count without a denominator, count above its denominator); every other series with
  counts and denominators in each year is tested, in the catalogue or not. no_significant_change when
  p ≥ alpha; otherwise improving or worsening by the indicator's polarity, or no_judgement when the
  polarity makes no judgement (also every indicator outside the catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.stats import labels as L
from analysis.stats.prepare import CUSTOM_KIND, DEFAULT_RATE_PER, Prepared
from analysis.stats.trend import DEFAULT_ALPHA, cochran_armitage

DEFAULT_WINDOW = 3
# Kinds the trend test can never take: there is no count behind a yes/no answer or an amount.
UNTESTABLE_KINDS = ("yes_no", "amount")
MEASURE_VALUE, MEASURE_RATE = "value", "rate"
MIN_WINDOW, MAX_WINDOW = 3, 10


def check_window(window: int) -> int:
    """The window must cover 3 to 10 years (the guidance asks for at least three)."""
    if not isinstance(window, (int, np.integer)) or not MIN_WINDOW <= int(window) <= MAX_WINDOW:
        raise ValueError(f"window must be an integer from {MIN_WINDOW} to {MAX_WINDOW}, got {window!r}")
    return int(window)


@dataclass(frozen=True)
class SeriesResult:
    """One entry per series with data in its window; `first_row`/`last_row` point into the prepared rows."""

    first_row: np.ndarray
    last_row: np.ndarray
    window_start: np.ndarray
    window_end: np.ndarray
    n_years: np.ndarray
    missing_years: np.ndarray
    first_value: np.ndarray
    last_value: np.ndarray
    change: np.ndarray
    pct_change: np.ndarray
    avg_annual_change: np.ndarray
    slope: np.ndarray
    direction: np.ndarray
    statistic: np.ndarray
    p_value: np.ndarray
    significant: np.ndarray  # 1 true, 0 false, -1 not tested
    assessment: np.ndarray
    reason: np.ndarray
    hidden: np.ndarray  # some value in the window is hidden
    measure: np.ndarray  # 'value' (as reported) or 'rate' (count / denominator × measure_per)
    measure_per: np.ndarray
    basis: np.ndarray  # how the assessment was reached: 'trend_test', 'yes_no_change' or '' (not assessed)
    territory: np.ndarray  # '', 'territory_adjusted' or 'territory_not_adjusted'
    territory_units: np.ndarray  # the unit codes summed into the series, ';'-separated ('' when none)


def _missing_text(end: np.ndarray, present: np.ndarray, window: int) -> np.ndarray:
    """'2021; 2022' for the window years without a value; built once per distinct pattern, not per series."""
    full = (1 << window) - 1
    gaps = full & ~present
    out = np.full(end.size, "", dtype=object)
    todo = np.flatnonzero(gaps)
    if todo.size == 0:
        return out
    pairs = np.stack([end[todo], gaps[todo]], axis=1)
    unique, inverse = np.unique(pairs, axis=0, return_inverse=True)
    texts = np.array(
        ["; ".join(str(e - k) for k in range(window - 1, -1, -1) if g >> k & 1) for e, g in unique.tolist()],
        dtype=object,
    )
    out[todo] = texts[inverse.reshape(-1)]
    return out


def _per_series(group: np.ndarray, flags: np.ndarray, m: int) -> np.ndarray:
    """How many rows of each series have the flag set."""
    return np.bincount(group, weights=flags.astype("float64"), minlength=m)


def _custom_per(group: np.ndarray, value: np.ndarray, x: np.ndarray, d: np.ndarray, m: int) -> np.ndarray:
    """A custom series' base: the power of ten that turns count / denominator into its values, if one does."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = value * d / x
        base = 10.0 ** np.round(np.log10(ratio))
        fits = np.isfinite(base) & (np.abs(ratio - base) <= 0.01 * base) & (base >= 1)
    rows = np.bincount(group, minlength=m)
    all_fit = np.bincount(group, weights=fits.astype("float64"), minlength=m) == rows
    biggest = np.zeros(m)
    np.maximum.at(biggest, group, np.where(fits, base, 0.0))
    return np.where(all_fit & (biggest > 0), biggest, np.nan)


def summarise(
    prep: Prepared,
    *,
    hidden: np.ndarray,
    small: np.ndarray | None = None,
    window: int = DEFAULT_WINDOW,
    end_year: int | None = None,
    alpha: float = DEFAULT_ALPHA,
    territory_units: np.ndarray | None = None,
    territory_reason: np.ndarray | None = None,
    blocked: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> SeriesResult:
    """Summarises and tests every series at once (grouped sums, no per-series loop).

    `territory_units` / `territory_reason` (per row) say which rows sum predecessors' figures and which could
    not be summed; `blocked` (series id, year, reason, units) names years with no row for the same reason.
    """
    window = check_window(window)
    n = len(prep)
    small = hidden if small is None else small
    sid = prep.series
    year = prep.year
    data = prep.has_data
    # The window's end: a fixed year, or each series' latest year with a value.
    if end_year is None:
        s_bounds = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]]) if n else np.zeros(0, dtype="int64")
        starts = np.zeros(n, dtype=bool)
        starts[s_bounds] = True
        s_idx = np.cumsum(starts) - 1
        floor = np.iinfo("int64").min // 2
        s_end = np.maximum.reduceat(np.where(data, year, floor), s_bounds) if n else np.zeros(0, "int64")
        end_of_row = s_end[s_idx] if n else np.zeros(0, "int64")
    else:
        end_of_row = np.full(n, int(end_year))
    in_window = data & (year <= end_of_row) & (year > end_of_row - window)
    rows = np.flatnonzero(in_window)
    g_sid = sid[rows]
    bounds = np.flatnonzero(np.r_[True, g_sid[1:] != g_sid[:-1]]) if rows.size else np.zeros(0, dtype="int64")
    m = bounds.size
    group = np.zeros(rows.size, dtype="int64")
    if m:
        group[bounds[1:]] = 1
        group = np.cumsum(group)
    first_row = rows[bounds] if m else rows[:0]
    last_row = rows[np.r_[bounds[1:] - 1, rows.size - 1]] if m else rows[:0]
    w_end = end_of_row[last_row]
    w_start = w_end - window + 1

    # Years present, as bits counted back from the window's end.
    yr = year[rows]
    present = (
        np.bitwise_or.reduceat((np.int64(1) << (w_end[group] - yr)), bounds) if m else np.zeros(0, "int64")
    )
    n_years = np.bincount(group, minlength=m)
    missing = _missing_text(w_end, present, window)

    values = prep.value
    first_value = values[first_row]
    last_value = values[last_row]
    first_year = year[first_row]
    last_year = year[last_row]
    span = (last_year - first_year).astype("float64")
    t = (yr - w_end[group]).astype("float64")

    # Which series the trend test can take: every one with counts and denominators in each window year.
    inds = prep.indicators
    ind_s = prep.ind[last_row]
    kind = inds.kind[ind_s]
    polarity = inds.polarity[ind_s]
    x = prep.count[rows]
    d = prep.denominator[rows]
    has_x = ~np.isnan(x) & (x >= 0)
    has_cd = has_x & ~np.isnan(d) & (d > 0)
    over = has_cd & (x > d)
    all_x = _per_series(group, has_x, m) == n_years
    all_cd = _per_series(group, has_cd, m) == n_years
    any_over = _per_series(group, over, m) > 0
    any_small = _per_series(group, small[rows], m) > 0
    any_secondary = _per_series(group, hidden[rows] & ~small[rows], m) > 0
    any_hidden = any_small | any_secondary
    testable = ~np.isin(kind, UNTESTABLE_KINDS)
    ratio = np.isin(kind, ("rate", "proportion"))

    reason = np.full(m, "", dtype=object)
    reason[~testable | (ratio & ~all_cd)] = L.NO_COUNTS
    reason[testable & ~ratio & ~all_cd] = np.where(all_x, L.NO_DENOMINATOR, L.NO_COUNTS)[
        testable & ~ratio & ~all_cd
    ]
    reason[(reason == "") & any_over] = L.COUNT_EXCEEDS_DENOMINATOR
    reason[any_secondary] = L.NOT_PUBLISHED
    reason[any_small] = L.SMALL_NUMBERS
    reason[n_years < 2] = L.SINGLE_YEAR
    t_state, t_units, t_reason = _territory(
        g_sid[bounds] if m else g_sid[:0], w_start, w_end, group=group, rows=rows, sid=sid, year=year,
        end_of_row=end_of_row, window=window, units=territory_units, why=territory_reason, blocked=blocked,
    )
    crosses = (t_reason != "") & testable
    reason[crosses & (reason != L.SINGLE_YEAR)] = t_reason[crosses & (reason != L.SINGLE_YEAR)]
    tested = reason == ""

    # The quantity shown is the one tested: a count (or custom figure) with a denominator becomes its rate.
    as_rate = tested & ~ratio
    per = np.where(kind == CUSTOM_KIND, _custom_per(group, values[rows], x, d, m), inds.per[ind_s])
    per = np.where(np.isnan(per) | (per <= 0), DEFAULT_RATE_PER, per)
    with np.errstate(invalid="ignore", divide="ignore"):
        v = np.where(as_rate[group], x / d * per[group], values[rows])
    first_value = np.where(as_rate, v[bounds] if m else v[:0], first_value)
    last_value = np.where(as_rate, v[np.r_[bounds[1:] - 1, rows.size - 1]] if m else v[:0], last_value)
    with np.errstate(invalid="ignore", divide="ignore"):
        change = np.where(n_years >= 2, last_value - first_value, np.nan)
        pct_change = np.where(first_value != 0, change / np.abs(first_value) * 100.0, np.nan)
        avg_change = np.where(span > 0, change / span, np.nan)
        # The fitted slope: ordinary least squares of the shown value on the year (over three consecutive
        # years it is half the change, so the direction and the change shown always agree there).
        w = np.ones_like(t)
        s_w = np.bincount(group, weights=w, minlength=m)
        s_t = np.bincount(group, weights=w * t, minlength=m)
        s_v = np.bincount(group, weights=w * v, minlength=m)
        s_tt = np.bincount(group, weights=w * t * t, minlength=m)
        s_tv = np.bincount(group, weights=w * t * v, minlength=m)
        sxx = s_tt - s_t * s_t / s_w
        slope = np.where(n_years >= 2, (s_tv - s_t * s_v / s_w) / sxx, np.nan)
        mean_v = s_v / s_w

    statistic = np.full(m, np.nan)
    p_value = np.full(m, np.nan)
    if tested.any():
        sel = tested[group]
        sub_group = np.cumsum(np.r_[0, np.diff(group[sel]) != 0]) if sel.any() else group[:0]
        res = cochran_armitage(sub_group, t[sel], x[sel], d[sel], n_groups=int(tested.sum()))
        statistic[tested] = res.statistic
        p_value[tested] = res.p_value
    with np.errstate(invalid="ignore"):
        sig = tested & (p_value < alpha)
    significant = np.where(tested, sig.astype("int64"), -1)

    # Direction: the sign of the fitted slope; mixed when the change from the first to the last year has
    # another sign (never over three years). A yes/no answer goes by its first and last answer: adopted,
    # dropped or the same.
    with np.errstate(invalid="ignore"):
        tol = 1e-9 * np.maximum(1.0, np.abs(mean_v))
        sign = np.where(np.abs(slope) <= tol, 0.0, np.sign(slope))
        ends = np.where(np.abs(change) <= tol, 0.0, np.sign(change))
    sign = np.where(kind == "yes_no", ends, sign)
    mixed_way = sign != ends  # a line that tilts over equal end years, or lies flat between unequal ones
    direction = np.select(
        [mixed_way, sign > 0, sign < 0, sign == 0], [L.MIXED, L.INCREASING, L.DECREASING, L.UNCHANGED], default=""
    ).astype(object)
    direction[(n_years < 2) | np.isnan(slope)] = ""

    up = np.where(sign != 0, sign > 0, statistic > 0)  # a significant flat slope: the test's sign
    assessment = np.full(m, L.NOT_TESTED, dtype=object)
    assessment[tested & ~sig] = L.NO_SIGNIFICANT_CHANGE
    # a significant fitted trend that the end years contradict is reported without a judgement
    judged = sig & (polarity != "no_judgement") & ~mixed_way
    good = np.where(polarity == "higher_is_better", up, ~up)
    assessment[judged & good] = L.IMPROVING
    assessment[judged & ~good] = L.WORSENING
    assessment[sig & ((polarity == "no_judgement") | mixed_way)] = L.NO_JUDGEMENT
    # A yes/no answer needs no test: the recorded answers are the facts (adopted, dropped or unchanged).
    yes_no = (kind == "yes_no") & (n_years >= 2) & ~np.isnan(slope) & (polarity != "no_judgement")
    yes_no_good = np.where(polarity == "higher_is_better", sign > 0, sign < 0)
    assessment[yes_no & (sign == 0)] = L.NO_SIGNIFICANT_CHANGE
    assessment[yes_no & (sign != 0) & yes_no_good] = L.IMPROVING
    assessment[yes_no & (sign != 0) & ~yes_no_good] = L.WORSENING
    reason[yes_no] = ""
    basis = np.where(tested, L.BASIS_TEST, np.where(yes_no, L.BASIS_YES_NO, "")).astype(object)

    # Hidden values never feed a displayed figure.
    first_hidden = hidden[first_row]
    last_hidden = hidden[last_row]
    first_value = np.where(first_hidden, np.nan, first_value)
    last_value = np.where(last_hidden, np.nan, last_value)
    # Across a change that could not be adjusted the change shown would mix two territories: not shown.
    mixed = t_state == L.TERRITORY_NOT_ADJUSTED
    for arr in (change, pct_change, avg_change, slope):
        arr[any_hidden | mixed] = np.nan
    direction[any_hidden | mixed] = ""

    return SeriesResult(
        first_row=first_row,
        last_row=last_row,
        window_start=w_start,
        window_end=w_end,
        n_years=n_years,
        missing_years=missing,
        first_value=first_value,
        last_value=last_value,
        change=change,
        pct_change=pct_change,
        avg_annual_change=avg_change,
        slope=slope,
        direction=direction,
        statistic=statistic,
        p_value=p_value,
        significant=significant,
        assessment=assessment,
        reason=reason,
        hidden=any_hidden,
        measure=np.where(as_rate, MEASURE_RATE, MEASURE_VALUE).astype(object),
        measure_per=np.where(as_rate, per, np.nan),
        basis=basis,
        territory=t_state,
        territory_units=t_units,
    )


def _territory(series_ids, w_start, w_end, *, group, rows, sid, year, end_of_row, window, units, why, blocked):
    """Per series: adjusted or not across a change, the units summed, and the reason when it could not be."""
    m = series_ids.size
    state = np.full(m, "", dtype=object)
    joined = np.full(m, "", dtype=object)
    reason = np.full(m, "", dtype=object)
    if units is None and blocked is None:
        return state, joined, reason
    hits = []  # (series position, units, reason) for every window row or blocked year that matters
    if units is not None:
        # rows in the window (with or without a value): a summed row, or one that could not be summed
        in_win = (year <= end_of_row) & (year > end_of_row - window) & ((units != "") | (why != ""))
        for r in np.flatnonzero(in_win):
            hits.append((sid[r], units[r], why[r]))
    if blocked is not None:
        for s_id, y, r, u in zip(*blocked):
            hits.append((s_id, u, r, y))
    if not hits:
        return state, joined, reason
    pos = {int(k): n for n, k in enumerate(series_ids.tolist())}
    codes: dict[int, set] = {}
    for hit in hits:
        n = pos.get(int(hit[0]))
        if n is None or (len(hit) == 4 and not w_start[n] <= int(hit[3]) <= w_end[n]):
            continue
        codes.setdefault(n, set()).update(c for c in str(hit[1]).split(";") if c)
        if hit[2] and not reason[n]:
            reason[n] = hit[2]
    for n, c in codes.items():
        joined[n] = ";".join(sorted(c))
        state[n] = L.TERRITORY_NOT_ADJUSTED if reason[n] else L.TERRITORY_ADJUSTED
    return state, joined, reason

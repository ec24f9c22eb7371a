"""Comparisons: Latvia and regional totals, interval-overlap benchmarks, peer groups, ranks and quintiles.

- A total (Latvia, a region) is the sum of counts over the sum of denominators of the municipalities that
  report both, times `per`; for plain counts it is the sum of counts. A supplied national value wins.
- Benchmark: the municipality's interval against the reference interval (a point when the reference has
  none). No overlap above → higher, below → lower, overlap → similar; higher/lower become better/worse
  through the indicator's polarity. Without an interval: not_compared.
- Ranks: within a group, 1 = best by polarity (1 = highest when the polarity makes no judgement), ties
  share the best rank, quintile 1 = best fifth. Hidden values and plain counts without a denominator
  (not comparable between municipalities of different size) are not ranked.
- Peer groups: statistical region, state city vs novads, size band by child population, and the k nearest
  municipalities on the catalogue's structural indicators (counts on a log scale, all z-scored, Euclidean).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats import labels as L
from analysis.stats.intervals import DEFAULT_LEVEL, for_kind, rate_interval
from analysis.stats.prepare import CHILDREN_POPULATION, Prepared, prepare

# Comparable scale for counts that carry a denominator: events per 1,000.
COUNT_RATE_PER = 1000.0
DEFAULT_K = 5

# Size bands by child population (0–17), lower bound inclusive.
SIZE_BANDS: tuple[tuple[float, float, str], ...] = (
    (0, 3000, "<3000"),
    (3000, 6000, "3000-5999"),
    (6000, 10000, "6000-9999"),
    (10000, float("inf"), "10000+"),
)
SIZE_BAND_LABELS: dict[str, tuple[str, str]] = {
    "<3000": ("līdz 2 999 bērniem", "up to 2,999 children"),
    "3000-5999": ("3 000–5 999 bērni", "3,000–5,999 children"),
    "6000-9999": ("6 000–9 999 bērni", "6,000–9,999 children"),
    "10000+": ("10 000 un vairāk bērnu", "10,000 children or more"),
}


def size_band(children) -> np.ndarray:
    """The size band of each child population ('' when unknown)."""
    c = np.asarray(children, dtype="float64")
    out = np.full(c.shape, "", dtype=object)
    for lo, hi, name in SIZE_BANDS:
        out[(c >= lo) & (c < hi)] = name
    return out


def compare_codes(lower, upper, ref_lower, ref_upper, polarity) -> np.ndarray:
    """Positions in labels.BENCHMARKS (see `compare`), cheap to turn into a categorical column."""
    lo, up, rlo, rup = (np.asarray(a, dtype="float64") for a in (lower, upper, ref_lower, ref_upper))
    pol = np.asarray(polarity)
    ok = ~(np.isnan(lo) | np.isnan(up) | np.isnan(rlo) | np.isnan(rup))
    with np.errstate(invalid="ignore"):
        above = ok & (lo > rup)
        below = ok & (up < rlo)
    hib = pol == "higher_is_better"
    lib = pol == "lower_is_better"
    code = {name: n for n, name in enumerate(L.BENCHMARKS)}
    out = np.full(lo.shape, code[L.NOT_COMPARED], dtype="int8")
    out[ok] = code[L.SIMILAR]
    out[above] = np.where(hib[above], code[L.BETTER], np.where(lib[above], code[L.WORSE], code[L.HIGHER]))
    out[below] = np.where(hib[below], code[L.WORSE], np.where(lib[below], code[L.BETTER], code[L.LOWER]))
    return out


def compare(lower, upper, ref_lower, ref_upper, polarity) -> np.ndarray:
    """better / similar / worse (or higher / similar / lower) by interval overlap; not_compared without one."""
    return np.array(L.BENCHMARKS, dtype=object)[compare_codes(lower, upper, ref_lower, ref_upper, polarity)]


def comparable(prep: Prepared, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's value and interval on a scale comparable across municipalities (NaN where none is)."""
    inds = prep.indicators
    kind = inds.kind[prep.ind]
    per = inds.per[prep.ind]
    is_count = (inds.kind == "count")[prep.ind]
    value = np.where(np.isin(inds.kind, ("rate", "proportion", "amount"))[prep.ind], prep.value, np.nan)
    lower, upper = for_kind(np.where(is_count, "", kind), prep.count, prep.denominator, per, level)
    cnt = is_count & (prep.denominator > 0) & ~np.isnan(prep.count)
    if cnt.any():
        value[cnt] = prep.count[cnt] / prep.denominator[cnt] * COUNT_RATE_PER
        lower[cnt], upper[cnt] = rate_interval(prep.count[cnt], prep.denominator[cnt], COUNT_RATE_PER, level)
    return value, lower, upper


def totals(
    prep: Prepared,
    *,
    group: np.ndarray,
    n_groups: int,
    group_ind: np.ndarray,
    level: float = DEFAULT_LEVEL,
) -> dict[str, np.ndarray]:
    """Sums over municipalities per group (indicator × year [× region]) and the resulting value and interval."""
    x, d = prep.count, prep.denominator
    has_x = ~np.isnan(x)
    has_cd = has_x & ~np.isnan(d) & (d > 0)
    s_x = np.bincount(group, weights=np.where(has_x, x, 0.0), minlength=n_groups)
    s_cx = np.bincount(group, weights=np.where(has_cd, x, 0.0), minlength=n_groups)
    s_cd = np.bincount(group, weights=np.where(has_cd, d, 0.0), minlength=n_groups)
    n_x = np.bincount(group, weights=has_x.astype("float64"), minlength=n_groups)
    n_cd = np.bincount(group, weights=has_cd.astype("float64"), minlength=n_groups)
    n_val = np.bincount(group, weights=prep.has_data.astype("float64"), minlength=n_groups)
    inds = prep.indicators
    kind = inds.kind[group_ind]
    per = inds.per[group_ind]
    ratio = (kind == "rate") | (kind == "proportion")
    is_count = kind == "count"
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(ratio & (n_cd > 0), s_cx / s_cd * per, np.nan)
        value = np.where(is_count & (n_x > 0), s_x, value)
        count = np.where(ratio, np.where(n_cd > 0, s_cx, np.nan), np.where(is_count & (n_x > 0), s_x, np.nan))
        den = np.where(n_cd > 0, s_cd, np.nan)
        lower, upper = for_kind(kind, count, den, per, level)
        cmp_value = np.where(
            ratio, value, np.where(is_count & (n_cd > 0), s_cx / s_cd * COUNT_RATE_PER, np.nan)
        )
        c_lo, c_up = rate_interval(s_cx, s_cd, COUNT_RATE_PER, level)
    cmp_lower = np.where(ratio, lower, np.where(is_count & (n_cd > 0), c_lo, np.nan))
    cmp_upper = np.where(ratio, upper, np.where(is_count & (n_cd > 0), c_up, np.nan))
    return {
        "value": value,
        "count": count,
        "denominator": den,
        "lower": lower,
        "upper": upper,
        "cmp_value": cmp_value,
        "cmp_lower": cmp_lower,
        "cmp_upper": cmp_upper,
        "n_municipalities": n_val.astype("int64"),
        "n_with_counts": np.where(ratio, n_cd, n_x).astype("int64"),
    }


def key_positions(key: np.ndarray) -> np.ndarray:
    """Each row's position when all rows are sorted by key (shared between groupings to sort only once)."""
    order = np.argsort(key)
    positions = np.empty(key.size, dtype="int64")
    positions[order] = np.arange(key.size)
    return positions


def rank_within(
    group: np.ndarray, key: np.ndarray, *, positions: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rank (1 = smallest key, ties share the best), group size and quintile; NaN keys are not ranked."""
    n = key.size
    rank = np.full(n, np.nan)
    size = np.full(n, np.nan)
    ok = np.flatnonzero(~np.isnan(key))
    if ok.size == 0:
        return rank, size, rank.copy()
    if positions is None:
        positions = key_positions(key)
    # One unstable sort on (group, position by key): faster than a stable sort and free of ties.
    order = ok[np.argsort(group[ok].astype("int64") * n + positions[ok])]
    sg, sk = group[order], key[order]
    pos = np.arange(order.size)
    new_group = np.r_[True, sg[1:] != sg[:-1]]
    new_run = new_group | np.r_[True, sk[1:] != sk[:-1]]
    group_start = np.maximum.accumulate(np.where(new_group, pos, 0))
    run_start = np.maximum.accumulate(np.where(new_run, pos, 0))
    rank[order] = run_start - group_start + 1
    counts = np.bincount(sg)
    size[order] = counts[sg]
    quintile = np.floor((rank - 1) * 5 / size) + 1
    return rank, size, quintile


def rank_key(prep: Prepared, cmp_value: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """A key where smaller is better: the value, negated when higher is better or no judgement applies."""
    lower_better = (prep.indicators.polarity == "lower_is_better")[prep.ind]
    key = np.where(lower_better, cmp_value, -cmp_value)
    return np.where(hidden, np.nan, key)


def latest_values(prep: Prepared, indicator_positions: np.ndarray) -> np.ndarray:
    """Municipality × indicator matrix of each series' latest value (NaN when it has none)."""
    n_m = len(prep.municipalities.codes)
    out = np.full((n_m, indicator_positions.size), np.nan)
    if indicator_positions.size == 0:
        return out
    col = np.full(len(prep.indicators.ids), -1)
    col[indicator_positions] = np.arange(indicator_positions.size)
    rows = np.flatnonzero(prep.has_data & (col[prep.ind] >= 0))
    # Rows are sorted by series then year, so the last write per cell is the latest year.
    out[prep.muni[rows], col[prep.ind[rows]]] = prep.value[rows]
    return out


def children_population(prep: Prepared) -> np.ndarray:
    """Each municipality's latest child population (NaN when not reported)."""
    pos = np.flatnonzero(prep.indicators.ids == CHILDREN_POPULATION)
    return latest_values(prep, pos)[:, 0] if pos.size else np.full(len(prep.municipalities.codes), np.nan)


def nearest(prep: Prepared, *, k: int = DEFAULT_K) -> tuple[np.ndarray, np.ndarray]:
    """The k most similar municipalities of each one (positions and distances), on structural indicators."""
    inds = prep.indicators
    cols = np.flatnonzero(inds.structural)
    matrix = latest_values(prep, cols)
    has_any = ~np.all(np.isnan(matrix), axis=1)
    logged = inds.kind[cols] == "count"
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix[:, logged] = np.log10(np.where(matrix[:, logged] > 0, matrix[:, logged], np.nan))
        used = np.where(has_any[:, None], matrix, np.nan)
        n = (~np.isnan(used)).sum(axis=0)
        mean = np.where(n > 0, np.nansum(used, axis=0) / np.maximum(n, 1), 0.0)
        spread = np.sqrt(np.where(n > 0, np.nansum((used - mean) ** 2, axis=0) / np.maximum(n, 1), 0.0))
        z = (matrix - mean) / np.where(spread > 0, spread, 1.0)
    z = np.nan_to_num(z, nan=0.0)
    dist = np.sqrt(((z[:, None, :] - z[None, :, :]) ** 2).sum(axis=2))
    dist[~has_any, :] = np.inf
    dist[:, ~has_any] = np.inf
    np.fill_diagonal(dist, np.inf)
    k = max(0, min(int(k), int(has_any.sum()) - 1))
    order = np.argsort(dist, axis=1, kind="stable")[:, :k]
    d = np.take_along_axis(dist, order, axis=1)
    order = np.where(np.isfinite(d), order, -1)
    return order, np.where(np.isfinite(d), d, np.nan)


def peer_rank(
    *,
    cell: np.ndarray,
    muni: np.ndarray,
    key: np.ndarray,
    neighbours: np.ndarray,
    n_cells: int,
    n_munis: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Rank of each row among itself and its nearest municipalities for the same indicator and year."""
    rank = np.full(key.size, np.nan)
    size = np.full(key.size, np.nan)
    rows = np.flatnonzero(~np.isnan(key))
    if rows.size == 0 or neighbours.shape[1] == 0:
        rank[rows], size[rows] = 1.0, 1.0
        return rank, size
    width = n_munis + 1  # the last column stands for 'no neighbour' and stays NaN
    table = np.full(n_cells * width, np.nan)
    table[cell[rows] * width + muni[rows]] = key[rows]
    peers = np.where(neighbours >= 0, neighbours, n_munis)[muni[rows]]
    peer_keys = np.take(table, (cell[rows] * width)[:, None] + peers)
    mine = key[rows][:, None]
    rank[rows] = 1.0 + (peer_keys < mine).sum(axis=1)
    size[rows] = 1.0 + (peer_keys == peer_keys).sum(axis=1)
    return rank, size


def peers(
    observations: pd.DataFrame,
    *,
    catalogue: Catalogue,
    municipality_code: str,
    k: int = DEFAULT_K,
) -> pd.DataFrame:
    """The k municipalities most like this one on the structural indicators, nearest first."""
    prep = prepare(observations, catalogue)
    codes = prep.municipalities.codes
    hit = np.flatnonzero(codes == municipality_code)
    if hit.size == 0:
        raise ValueError(f"unknown municipality code {municipality_code!r}")
    order, dist = nearest(prep, k=k)
    row, d = order[hit[0]], dist[hit[0]]
    keep = row >= 0
    return pd.DataFrame(
        {
            "peer_rank": np.arange(1, int(keep.sum()) + 1),
            "municipality_code": codes[row[keep]].astype(str),
            "municipality": prep.municipalities.name_lv[row[keep]].astype(str),
            "distance": d[keep],
        }
    )

"""`analyse`: every trend, interval, benchmark, rank and suppression flag in one pass, as display-ready tables.

Three sections: work out the groupings (indicator × year, region, type, size band), compute (suppression,
totals, benchmarks, ranks, series), then build the tables a page shows. Every step is a whole-array
operation; nothing loops over municipalities or series.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats import labels as L
from analysis.stats.benchmark import (
    DEFAULT_K,
    SIZE_BANDS,
    children_population,
    comparable,
    compare_codes,
    key_positions,
    nearest,
    peer_rank,
    rank_key,
    rank_within,
    size_band,
    totals,
)
from analysis.stats.completeness import completeness
from analysis.stats.formatting import decimals, display_text
from analysis.stats.intervals import DEFAULT_LEVEL, for_kind, z_value
from analysis.stats.prepare import COUNT_KINDS, CUSTOM_KIND, Prepared, prepare, text_column
from analysis.stats.series import DEFAULT_WINDOW, MEASURE_RATE, SeriesResult, check_window, summarise
from analysis.stats.suppression import Suppression, primary, protect
from analysis.stats.territorial import carry_forward, for_trends
from analysis.stats.trend import DEFAULT_ALPHA
from analysis.territory import Territory
from analysis.territory import territory as project_territory

# The country's code among the catalogue's areas: observations naming it carry official national values.
LATVIA = "LV"
KIND_ORDER = np.array(sorted(("count", "rate", "proportion", "amount", "yes_no", CUSTOM_KIND)))
SUPPRESSION_CODES = np.array(["", L.SMALL_COUNT, L.SECONDARY])
BENCHMARK_LABELS = np.array(L.BENCHMARKS, dtype=object)
NOT_COMPARED = L.BENCHMARKS.index(L.NOT_COMPARED)


@dataclass(frozen=True)
class Settings:
    """The choices a result was computed with, so a page can say them next to the numbers."""

    window: int = DEFAULT_WINDOW
    level: float = DEFAULT_LEVEL
    alpha: float = DEFAULT_ALPHA
    show_unsuppressed: bool = False
    end_year: int | None = None
    k: int = DEFAULT_K


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything a page shows about indicator values, as ready-to-display tables (treat them as read-only).

    - trends: one row per municipality × indicator with data in its window: first/last year and value,
      change, pct_change, avg_annual_change, slope, direction, p_value, significant, assessment, reason,
      basis (trend_test / yes_no_change), territory and territory_units (a trend on today's territory),
      the last value's interval and display text, Latvia's and the region's value with the benchmark
      against each, and rank / group size / quintile nationally and within region, type, size band and
      nearest peers;
    - values: every observation with its interval, display_value ('<5', 'x' when hidden), suppression flags,
      benchmark and ranks for its year;
    - national / regions: totals per indicator × year (and region) with intervals and display text;
    - completeness: the gap register (municipality × domain × year share of indicators reported);
    - groups: each municipality's peer groups (region, type, size band, child population);
    - neighbours: each municipality's k most similar municipalities.
    """

    trends: pd.DataFrame
    values: pd.DataFrame
    national: pd.DataFrame
    regions: pd.DataFrame
    completeness: pd.DataFrame
    groups: pd.DataFrame
    neighbours: pd.DataFrame
    settings: Settings

    def municipality(self, code: str) -> pd.DataFrame:
        """One municipality's trends in catalogue order (domain by domain, as the guidance lists them)."""
        return self.trends[self.trends["municipality_code"] == code]


@dataclass(frozen=True)
class Cells:
    """Row → group numbers: indicator × year (Latvia's totals), the same × region, type and size band."""

    y0: int
    span: int
    cell: np.ndarray
    n_cells: int
    cell_ind: np.ndarray
    cell_year: np.ndarray
    regions: np.ndarray
    region_of: np.ndarray  # per municipality
    reg_cell: np.ndarray
    type_cell: np.ndarray
    band_cell: np.ndarray
    band_known: np.ndarray
    bands: np.ndarray  # per municipality
    children: np.ndarray  # per municipality


# ---------------------------------------------------------------- groupings


def _cells(prep: Prepared) -> Cells:
    """Dense indicator × year numbering (years span the data), and the peer groups built on it."""
    munis = prep.municipalities
    n_ind = len(prep.indicators.ids)
    y0 = int(prep.year.min()) if len(prep) else 0
    span = int(prep.year.max()) - y0 + 1 if len(prep) else 1
    cell = prep.ind * span + (prep.year - y0)
    regions = np.unique(munis.region)
    region_of = np.searchsorted(regions, munis.region)
    children = children_population(prep)
    bands = size_band(children)
    band_of = np.full(bands.size, len(SIZE_BANDS))
    for n, (_, _, name) in enumerate(SIZE_BANDS):
        band_of[bands == name] = n
    return Cells(
        y0=y0,
        span=span,
        cell=cell,
        n_cells=n_ind * span,
        cell_ind=np.repeat(np.arange(n_ind), span),
        cell_year=np.tile(np.arange(span), n_ind) + y0,
        regions=regions,
        region_of=region_of,
        reg_cell=cell * regions.size + region_of[prep.muni],
        type_cell=cell * 2 + (munis.type != "state_city")[prep.muni],
        band_cell=cell * (len(SIZE_BANDS) + 1) + band_of[prep.muni],
        band_known=(band_of < len(SIZE_BANDS))[prep.muni],
        bands=bands,
        children=children,
    )


# ---------------------------------------------------------------- totals


def _supplied(frames: list[pd.DataFrame | None], prep: Prepared, cells: Cells) -> tuple[np.ndarray, dict]:
    """Cells with an official national value, and its value, count, denominator and limits."""
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return np.zeros(0, dtype="int64"), {}
    sup = pd.concat(frames, ignore_index=True)
    ind = pd.Index(prep.indicators.ids.astype(object)).get_indexer(sup["indicator"].astype(object))
    year = pd.to_numeric(sup["year"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    y0, span = cells.y0, cells.span
    ok = (ind >= 0) & ~np.isnan(year) & (year >= y0) & (year < y0 + span)
    cols = {
        c: (
            pd.to_numeric(sup[c], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)[ok]
            if c in sup.columns
            else np.full(int(ok.sum()), np.nan)
        )
        for c in ("value", "count", "denominator", "lower", "upper")
    }
    return ind[ok] * span + (year[ok].astype("int64") - y0), cols


def _national(
    prep: Prepared, cells: Cells, *, supplied: list[pd.DataFrame | None], level: float
) -> dict[str, np.ndarray]:
    """Latvia per indicator × year: the sum over municipalities, replaced by an official value where given."""
    inds = prep.indicators
    nat = totals(prep, group=cells.cell, n_groups=cells.n_cells, group_ind=cells.cell_ind, level=level)
    nat["source"] = np.where(nat["n_municipalities"] > 0, "sum", "").astype(object)
    where, cols = _supplied(supplied, prep, cells)
    has = ~np.isnan(cols["value"]) if where.size else np.zeros(0, dtype=bool)
    if not has.any():
        return nat
    c = where[has]
    cols = {k: v[has] for k, v in cols.items()}
    kind = inds.kind[cells.cell_ind[c]]
    lo, up = for_kind(kind, cols["count"], cols["denominator"], inds.per[cells.cell_ind[c]], level)
    lo = np.where(np.isnan(lo), cols["lower"], lo)
    up = np.where(np.isnan(up), cols["upper"], up)
    for name, values in (
        ("value", cols["value"]),
        ("count", cols["count"]),
        ("denominator", cols["denominator"]),
        ("lower", lo),
        ("upper", up),
    ):
        nat[name][c] = values
    # An official rate or percentage is compared as given; without limits, as a point.
    ratio = np.isin(kind, ("rate", "proportion"))
    nat["cmp_value"][c] = np.where(ratio, cols["value"], nat["cmp_value"][c])
    nat["cmp_lower"][c] = np.where(ratio, np.where(np.isnan(lo), cols["value"], lo), nat["cmp_lower"][c])
    nat["cmp_upper"][c] = np.where(ratio, np.where(np.isnan(up), cols["value"], up), nat["cmp_upper"][c])
    nat["source"][c] = "supplied"
    return nat


# ---------------------------------------------------------------- the whole computation


def analyse(
    observations: pd.DataFrame,
    *,
    catalogue: Catalogue,
    window: int = DEFAULT_WINDOW,
    level: float = DEFAULT_LEVEL,
    alpha: float = DEFAULT_ALPHA,
    show_unsuppressed: bool = False,
    end_year: int | None = None,
    national: pd.DataFrame | None = None,
    k: int = DEFAULT_K,
    unsuppressed_municipalities: frozenset[str] | set[str] = frozenset(),
    territory: Territory | None = None,
) -> Analysis:
    """Computes every trend, interval, benchmark, rank and suppression flag for the given observations.

    `observations` is the tidy frame of analysis.store.current_observations(). Rows naming Latvia ('LV')
    and `national` (indicator, year, value[, count, denominator, lower, upper]) supply official national
    values, which win over the sum of the municipalities. `show_unsuppressed=True` is for views whose users
    may see small numbers; everything else publishes the suppressed figures. `unsuppressed_municipalities`
    (a municipal editor's own) shows those municipalities' cells in clear and everything else as published.
    Rows naming a unit that no longer exists are carried into today's unit, and trends crossing a
    territorial change are computed on today's territory (`territory`, default the crosswalk under data/).
    """
    settings = Settings(check_window(window), level, alpha, bool(show_unsuppressed), end_year, int(k))
    z_value(level)
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")

    # Load: observations on today's units with catalogue meaning, and the groupings.
    land = territory if territory is not None else project_territory()
    carried = carry_forward(observations, territory=land, catalogue=catalogue)
    observations = carried.observations
    prep = prepare(observations, catalogue)
    inds = prep.indicators
    cells = _cells(prep)
    kind = inds.kind[prep.ind]
    threshold = inds.threshold[prep.ind]

    # Compute: suppression, intervals, totals, benchmarks, ranks, series.
    countable = np.isin(inds.kind, (*COUNT_KINDS, CUSTOM_KIND))[prep.ind]
    counts = np.where(countable, prep.count, np.nan)
    n_reg_cells = cells.n_cells * cells.regions.size
    sup = protect(
        top=cells.cell,
        sub=cells.reg_cell,
        sub_parent=np.arange(n_reg_cells) // cells.regions.size,
        n_top=cells.n_cells,
        count=counts,
        primary_mask=primary(counts, threshold),
        threshold=threshold,
    )
    sup = derived_from_hidden_denominators(prep, cells, sup)
    hide = ~np.isin(prep.municipalities.codes[prep.muni], list(unsuppressed_municipalities))
    hide &= not settings.show_unsuppressed
    hidden = sup.hidden & hide
    totals_hide = not settings.show_unsuppressed
    lower, upper = for_kind(kind, prep.count, prep.denominator, inds.per[prep.ind], level)
    cmp_value, cmp_lower, cmp_upper = comparable(prep, level)

    lv_rows = observations[(observations["municipality_code"] == LATVIA).to_numpy(dtype=bool, na_value=False)]
    nat = _national(prep, cells, supplied=[lv_rows, national], level=level)
    nat_hidden = sup.hidden_totals[0] & totals_hide
    reg = totals(
        prep,
        group=cells.reg_cell,
        n_groups=cells.n_cells * cells.regions.size,
        group_ind=np.repeat(cells.cell_ind, cells.regions.size),
        level=level,
    )
    reg_hidden = sup.hidden_totals[1] & totals_hide

    polarity = inds.polarity[prep.ind]
    bench = compare_codes(
        cmp_lower, cmp_upper, nat["cmp_lower"][cells.cell], nat["cmp_upper"][cells.cell], polarity
    )
    bench[hidden | nat_hidden[cells.cell]] = NOT_COMPARED
    bench_reg = compare_codes(
        cmp_lower, cmp_upper, reg["cmp_lower"][cells.reg_cell], reg["cmp_upper"][cells.reg_cell], polarity
    )
    bench_reg[hidden | reg_hidden[cells.reg_cell]] = NOT_COMPARED

    ranks = _ranks(prep, cells, key=rank_key(prep, cmp_value, hidden), k=settings.k)
    series = _series(prep, land, carried, hidden=hidden, small=sup.primary & hide, threshold=threshold,
                     hide=hide, settings=settings)

    # Build: the tables pages show.
    shown = np.where(hidden, np.nan, prep.value)
    display = display_text(
        shown, kind, small=sup.primary & hide, secondary=sup.secondary & hide, threshold=threshold
    )
    values = _values_frame(
        prep,
        cells,
        sup=sup,
        hidden=hidden,
        shown=shown,
        display=display,
        lower=lower,
        upper=upper,
        bench=bench,
        bench_reg=bench_reg,
        ranks=ranks,
    )
    trends = _trends_frame(
        prep,
        cells,
        series,
        hidden=hidden,
        display=display,
        lower=lower,
        upper=upper,
        bench=bench,
        bench_reg=bench_reg,
        ranks=ranks,
        nat=nat,
        nat_hidden=nat_hidden,
        reg=reg,
        reg_hidden=reg_hidden,
    )
    national_frame = _totals_frame(
        nat, cells.cell_ind, cells.cell_year, inds, hidden=nat_hidden, small=sup.small_totals[0],
        keep=nat["source"] != "",
    )
    national_frame.insert(
        len(national_frame.columns) - 2, "source", pd.array(nat["source"][nat["source"] != ""], dtype="str")
    )
    keep = reg["n_municipalities"] > 0
    n_reg = cells.regions.size
    regions_frame = _totals_frame(
        reg,
        np.repeat(cells.cell_ind, n_reg),
        np.repeat(cells.cell_year, n_reg),
        inds,
        hidden=reg_hidden,
        small=sup.small_totals[1],
        keep=keep,
    )
    regions_frame.insert(
        0, "region", text_column(cells.regions, np.tile(np.arange(n_reg), cells.n_cells)[keep])
    )
    return Analysis(
        trends=trends,
        values=values,
        national=national_frame,
        regions=regions_frame,
        completeness=completeness(prep, catalogue),
        groups=_groups_frame(prep, cells),
        neighbours=_neighbours_frame(prep, ranks["neighbours"], ranks["distances"]),
        settings=settings,
    )


def derived_from_hidden_denominators(prep: Prepared, cells: Cells, sup: Suppression) -> Suppression:
    """A share whose denominator is another indicator's hidden count is hidden too ('x'), cells and totals."""
    den = prep.indicators.denominator[prep.ind]
    n_ind, n_reg = len(prep.indicators.ids), cells.regions.size
    key = prep.muni.astype("int64") * cells.n_cells + cells.cell
    order = np.argsort(key, kind="stable")
    rows = np.flatnonzero(den >= 0)
    den_cell = den[rows] * cells.span + (prep.year[rows] - cells.y0)
    at = np.minimum(np.searchsorted(key[order], prep.muni[rows] * cells.n_cells + den_cell), key.size - 1)
    found = key[order][at] == prep.muni[rows] * cells.n_cells + den_cell
    src, row_of_den = rows[found], order[at[found]]
    secondary = sup.secondary.copy()
    top, sub = sup.hidden_totals[0].copy(), sup.hidden_totals[1].copy()
    top_den = np.repeat(prep.indicators.denominator, cells.span) * cells.span + np.tile(np.arange(cells.span), n_ind)
    has_den = top_den >= 0
    sub_den = np.repeat(top_den, n_reg) * n_reg + np.tile(np.arange(n_reg), cells.n_cells)
    for _ in range(n_ind):  # a chain of denominators is at most as long as the catalogue
        before = int(secondary.sum() + top.sum() + sub.sum())
        secondary[src] |= (sup.primary | secondary)[row_of_den] & ~sup.primary[src]
        top[has_den] |= top[top_den[has_den]]
        sub[np.repeat(has_den, n_reg)] |= sub[sub_den[np.repeat(has_den, n_reg)]]
        if int(secondary.sum() + top.sum() + sub.sum()) == before:
            break
    return Suppression(primary=sup.primary, secondary=secondary, hidden_totals=(top, sub), small_totals=sup.small_totals)


def _series(prep: Prepared, land: Territory, carried, *, hidden, small, threshold, hide,
            settings: Settings) -> SeriesResult:
    """Trends on today's territory: successors' earlier years summed over their predecessors for the test.

    A summed year is hidden if any part of it is (adding a hidden cell to a published one would give it away).
    """
    tt = for_trends(prep, territory=land, carried=carried, window=settings.window, end_year=settings.end_year)
    small_t, hidden_t = small.copy(), hidden.copy()
    if tt.components:
        rows = np.fromiter(tt.components, dtype="int64", count=len(tt.components))
        part_small = np.array([small[c].any() for c in tt.components.values()])
        part_hidden = np.array([hidden[c].any() for c in tt.components.values()])
        own_small = primary(tt.count[rows], threshold[rows]) & np.broadcast_to(hide, prep.muni.shape)[rows]
        small_t[rows] = part_small | own_small
        hidden_t[rows] = part_hidden | small_t[rows]
    prep_t = replace(prep, count=tt.count, denominator=tt.denominator, value=tt.value)
    blocked = None
    if len(tt.blocked):
        pos = {c: i for i, c in enumerate(prep.municipalities.codes.tolist())}
        ind_pos = {c: i for i, c in enumerate(prep.indicators.ids.tolist())}
        b = tt.blocked[tt.blocked["municipality_code"].isin(pos) & tt.blocked["indicator"].isin(ind_pos)]
        n_ind = len(prep.indicators.ids)
        blocked = (
            b["municipality_code"].map(pos).to_numpy(dtype="int64") * n_ind
            + b["indicator"].map(ind_pos).to_numpy(dtype="int64"),
            b["year"].to_numpy(dtype="int64"),
            b["reason"].to_numpy(dtype=object),
            b["units"].to_numpy(dtype=object),
        )
    return summarise(
        prep_t,
        hidden=hidden_t,
        small=small_t,
        window=settings.window,
        end_year=settings.end_year,
        alpha=settings.alpha,
        territory_units=tt.units,
        territory_reason=tt.reason,
        blocked=blocked,
    )


def _ranks(prep: Prepared, cells: Cells, *, key: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """Rank, group size and quintile of every row nationally and in each peer group (1 = best)."""
    positions = key_positions(key)
    out: dict[str, np.ndarray] = {}
    for name, group, group_key in (
        ("national", cells.cell, key),
        ("region", cells.reg_cell, key),
        ("type", cells.type_cell, key),
        ("size_band", cells.band_cell, np.where(cells.band_known, key, np.nan)),
    ):
        out[f"rank_{name}"], out[f"n_{name}"], out[f"quintile_{name}"] = rank_within(
            group, group_key, positions=positions
        )
    neighbours, distances = nearest(prep, k=k)
    compact_cells, compact = np.unique(cells.cell, return_inverse=True)
    out["rank_peers"], out["n_peers"] = peer_rank(
        cell=compact.reshape(-1),
        muni=prep.muni,
        key=key,
        neighbours=neighbours,
        n_cells=compact_cells.size,
        n_munis=len(prep.municipalities.codes),
    )
    out["neighbours"], out["distances"] = neighbours, distances
    return out


# ---------------------------------------------------------------- tables


def _cat(codes: np.ndarray, categories: np.ndarray) -> pd.Categorical:
    """A categorical column from positions: no per-row string conversion."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(np.asarray(categories, dtype=object)))


def _values_frame(
    prep: Prepared,
    cells: Cells,
    *,
    sup: Suppression,
    hidden,
    shown,
    display,
    lower,
    upper,
    bench,
    bench_reg,
    ranks,
) -> pd.DataFrame:
    munis, inds = prep.municipalities, prep.indicators
    kind = inds.kind[prep.ind]
    columns = {
        "municipality_code": _cat(prep.muni, munis.codes),
        "municipality": _cat(prep.muni, munis.name_lv),
        "region": _cat(cells.region_of[prep.muni], cells.regions),
        "indicator": _cat(prep.ind, inds.ids),
        "domain": inds.domain[prep.ind],
        "kind": _cat(np.searchsorted(KIND_ORDER, kind), KIND_ORDER),
        "year": prep.year,
        "value": shown,
        "count": np.where(hidden, np.nan, prep.count),
        "denominator": np.where(hidden, np.nan, prep.denominator),
        "lower": np.where(hidden, np.nan, lower),
        "upper": np.where(hidden, np.nan, upper),
        "display_value": pd.Series(display, dtype=object),
        "decimals": decimals(kind),
        "small_n": sup.primary,
        "suppression": _cat(np.select([sup.primary, sup.secondary], [1, 2], default=0), SUPPRESSION_CODES),
        "suppressed": hidden,
        "status": pd.Series(prep.status, dtype=object),
        "note": pd.Series(prep.note, dtype=object),
        "count_derived": prep.count_derived,
        "denominator_from_catalogue": prep.denominator_from_catalogue,
        "benchmark": _cat(bench, BENCHMARK_LABELS),
        "benchmark_region": _cat(bench_reg, BENCHMARK_LABELS),
    }
    for group in ("national", "region"):
        for part in ("rank", "n", "quintile"):
            columns[f"{part}_{group}"] = ranks[f"{part}_{group}"]
    return pd.DataFrame(columns, copy=False)


def _trends_frame(
    prep: Prepared,
    cells: Cells,
    s: SeriesResult,
    *,
    hidden,
    display,
    lower,
    upper,
    bench,
    bench_reg,
    ranks,
    nat,
    nat_hidden,
    reg,
    reg_hidden,
) -> pd.DataFrame:
    munis, inds = prep.municipalities, prep.indicators
    lr, fr = s.last_row, s.first_row
    m, i = prep.muni[lr], prep.ind[lr]
    lr_cell, lr_reg = cells.cell[lr], cells.reg_cell[lr]
    nat_shown, reg_shown = ~nat_hidden[lr_cell], ~reg_hidden[lr_reg]
    as_rate = s.measure == MEASURE_RATE
    rate_kind = np.full(as_rate.size, "rate")
    rate_display = (display_text(s.first_value, rate_kind), display_text(s.last_value, rate_kind))
    columns = {
        "municipality_code": text_column(munis.codes, m),
        "municipality": text_column(munis.name_lv, m),
        "region": text_column(cells.regions, cells.region_of[m]),
        "type": text_column(munis.type, m),
        "size_band": text_column(cells.bands, m),
        "indicator": text_column(inds.ids, i),
        "domain": inds.domain[i],
        "kind": text_column(inds.kind, i),
        "polarity": text_column(inds.polarity, i),
        "window_start": s.window_start,
        "window_end": s.window_end,
        "first_year": prep.year[fr],
        "last_year": prep.year[lr],
        "n_years": s.n_years,
        "missing_years": pd.array(s.missing_years, dtype="str"),
        "first_value": s.first_value,
        "last_value": s.last_value,
        "first_display": pd.array(np.where(as_rate, rate_display[0], display[fr]), dtype="str"),
        "last_display": pd.array(np.where(as_rate, rate_display[1], display[lr]), dtype="str"),
        "last_lower": np.where(hidden[lr], np.nan, lower[lr]),
        "last_upper": np.where(hidden[lr], np.nan, upper[lr]),
        "change": s.change,
        "pct_change": s.pct_change,
        "avg_annual_change": s.avg_annual_change,
        "slope": s.slope,
        "direction": pd.array(s.direction, dtype="str"),
        "p_value": s.p_value,
        "significant": pd.arrays.BooleanArray(s.significant == 1, s.significant < 0),
        "assessment": pd.array(s.assessment, dtype="str"),
        "reason": pd.array(s.reason, dtype="str"),
        "suppressed": s.hidden,
        "measure": pd.array(s.measure, dtype="str"),
        "measure_per": s.measure_per,
        "basis": pd.array(s.basis, dtype="str"),
        "territory": pd.array(s.territory, dtype="str"),
        "territory_units": pd.array(s.territory_units, dtype="str"),
        "latvia_value": np.where(nat_shown, nat["value"][lr_cell], np.nan),
        "latvia_lower": np.where(nat_shown, nat["lower"][lr_cell], np.nan),
        "latvia_upper": np.where(nat_shown, nat["upper"][lr_cell], np.nan),
        "benchmark": text_column(BENCHMARK_LABELS, bench[lr]),
        "region_value": np.where(reg_shown, reg["value"][lr_reg], np.nan),
        "region_lower": np.where(reg_shown, reg["lower"][lr_reg], np.nan),
        "region_upper": np.where(reg_shown, reg["upper"][lr_reg], np.nan),
        "benchmark_region": text_column(BENCHMARK_LABELS, bench_reg[lr]),
    }
    for group in ("national", "region", "type", "size_band"):
        for part in ("rank", "n", "quintile"):
            columns[f"{part}_{group}"] = ranks[f"{part}_{group}"][lr]
    columns["rank_peers"], columns["n_peers"] = ranks["rank_peers"][lr], ranks["n_peers"][lr]
    return pd.DataFrame(columns, copy=False)


def _totals_frame(
    agg: dict, ind: np.ndarray, year: np.ndarray, inds, *, hidden: np.ndarray, small: np.ndarray, keep: np.ndarray
) -> pd.DataFrame:
    """A totals table (Latvia or regions) with hidden totals blanked and marked ('<5' or 'x')."""
    kind = inds.kind[ind]
    small = small & hidden
    value = np.where(hidden, np.nan, agg["value"])
    display = display_text(
        value[keep],
        kind[keep],
        small=small[keep],
        secondary=(hidden & ~small)[keep],
        threshold=inds.threshold[ind][keep],
    )
    return pd.DataFrame(
        {
            "indicator": text_column(inds.ids, ind[keep]),
            "year": year[keep],
            "value": value[keep],
            "count": np.where(hidden, np.nan, agg["count"])[keep],
            "denominator": np.where(hidden, np.nan, agg["denominator"])[keep],
            "lower": np.where(hidden, np.nan, agg["lower"])[keep],
            "upper": np.where(hidden, np.nan, agg["upper"])[keep],
            "display_value": pd.array(display, dtype="str"),
            "n_municipalities": agg["n_municipalities"][keep],
            "suppressed": hidden[keep],
        }
    )


def _groups_frame(prep: Prepared, cells: Cells) -> pd.DataFrame:
    munis = prep.municipalities
    n = np.arange(len(munis.codes))
    return pd.DataFrame(
        {
            "municipality_code": text_column(munis.codes, n),
            "municipality": text_column(munis.name_lv, n),
            "region": text_column(munis.region, n),
            "type": text_column(munis.type, n),
            "size_band": text_column(cells.bands, n),
            "children": cells.children,
        }
    )


def _neighbours_frame(prep: Prepared, neighbours: np.ndarray, distances: np.ndarray) -> pd.DataFrame:
    munis = prep.municipalities
    has = neighbours >= 0
    owner = np.repeat(np.arange(len(munis.codes)), has.sum(axis=1))
    return pd.DataFrame(
        {
            "municipality_code": text_column(munis.codes, owner),
            "peer_code": text_column(munis.codes, neighbours[has]),
            "peer": text_column(munis.name_lv, neighbours[has]),
            "peer_rank": np.broadcast_to(np.arange(1, neighbours.shape[1] + 1), neighbours.shape)[has],
            "distance": distances[has],
        }
    )

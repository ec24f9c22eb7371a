"""The country at a glance in codes: where trends worsen (municipality × domain), the surest worsening, the gaps."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats import completeness_matrix
from analysis.stats import labels as L
from analysis.stats.result import Analysis
from analysis.text import fold
from analysis.views.rules import decimals


@dataclass(frozen=True)
class Overview:
    """Rows are municipality codes in the order people look them up; columns are domain numbers."""

    municipalities: int
    latest_year: int
    worsening: pd.DataFrame  # count of significantly worsening indicators per municipality × domain
    improving: pd.DataFrame  # the same for improving
    worst: pd.DataFrame  # the surest worsening trends, one row each
    gaps: pd.DataFrame  # % of indicators reported in gaps_year per municipality × domain
    gaps_year: int


def municipality_order(catalogue: Catalogue, codes) -> list[str]:
    """Alphabetical by Latvian name, the way people look a municipality up."""
    present = set(codes)
    return [m.code for m in sorted(catalogue.municipalities, key=lambda m: fold(m.name_lv)) if m.code in present]


def _tally(trends: pd.DataFrame, assessment: str, index: pd.MultiIndex) -> pd.DataFrame:
    hits = trends[trends["assessment"] == assessment].groupby(["municipality_code", "domain"], observed=True).size()
    return hits.reindex(index, fill_value=0).unstack("domain")


def worst(analysis: Analysis, catalogue: Catalogue, *, limit: int = 25) -> pd.DataFrame:
    """The significant worsening trends, surest first (smallest p-value), both ends of the period in codes."""
    tr = analysis.trends[analysis.trends["assessment"] == L.WORSENING].sort_values(["p_value", "municipality"])
    tr = tr.head(limit)
    as_rate = (tr["measure"] == "rate").to_numpy()
    return pd.DataFrame({
        "municipality_code": tr["municipality_code"].astype(str).to_numpy(),
        "indicator": tr["indicator"].astype(str).to_numpy(),
        "first_value": tr["first_value"].to_numpy(), "first_display": tr["first_display"].to_numpy(),
        "last_value": tr["last_value"].to_numpy(), "last_display": tr["last_display"].to_numpy(),
        "decimals": [decimals(catalogue.indicator(str(i)), kind=k, as_rate=r)
                     for i, k, r in zip(tr["indicator"], tr["kind"], as_rate)],
        "as_rate": as_rate, "direction": tr["direction"].astype(str).to_numpy(),
        "assessment": tr["assessment"].astype(str).to_numpy(), "p_value": tr["p_value"].to_numpy(),
        "size_band": tr["size_band"].astype(str).to_numpy(), "first_year": tr["first_year"].to_numpy(),
        "last_year": tr["last_year"].to_numpy(), "benchmark": tr["benchmark"].astype(str).to_numpy(),
    })


def gaps(analysis: Analysis, catalogue: Catalogue) -> tuple[pd.DataFrame, int]:
    """Municipality × domain percentage of indicators reported in the latest year."""
    frame = analysis.completeness
    year = int(frame["year"].max())
    matrix = completeness_matrix(frame, year=year)
    by_name = {m.name_lv: m.code for m in catalogue.municipalities}
    matrix = (matrix * 100).round(0).set_axis([by_name.get(n, n) for n in matrix.index], axis=0)
    codes = municipality_order(catalogue, matrix.index)
    return matrix.loc[codes].reindex(columns=[d.no for d in catalogue.domains]), year


def overview(analysis: Analysis, catalogue: Catalogue) -> Overview | None:
    """The overview's numbers, or None when nothing could be analysed yet."""
    tr = analysis.trends
    if tr.empty:
        return None
    codes = municipality_order(catalogue, tr["municipality_code"].astype(str).unique())
    domains = [d.no for d in catalogue.domains]
    index = pd.MultiIndex.from_product([codes, domains], names=["municipality_code", "domain"])
    gap_matrix, gap_year = gaps(analysis, catalogue)
    return Overview(
        municipalities=int(tr["municipality_code"].nunique()), latest_year=int(tr["last_year"].max()),
        worsening=_tally(tr, L.WORSENING, index).loc[codes, domains],
        improving=_tally(tr, L.IMPROVING, index).loc[codes, domains],
        worst=worst(analysis, catalogue), gaps=gap_matrix, gaps_year=gap_year,
    )


def values_by_year(observations: pd.DataFrame) -> pd.DataFrame:
    """Municipality code × year: how many values (or statuses) are stored."""
    if observations.empty:
        return pd.DataFrame()
    present = observations[observations["value"].notna() | observations["status"].notna()]
    return present.groupby(["municipality_code", "year"]).size().unstack("year", fill_value=0).sort_index(axis=1)

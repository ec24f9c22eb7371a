"""One indicator across municipalities in codes: the ranking with intervals, what is hidden, Latvia, the series."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats.result import Analysis
from analysis.views.rules import comparable, decimals


@dataclass(frozen=True)
class IndicatorView:
    indicator: str
    year: int
    decimals: int
    ranked: pd.DataFrame  # shown values, best rank first: municipality_code, value, display, lower, upper, ...
    hidden: pd.DataFrame  # suppressed values: municipality_code, display
    latvia: float | None  # Latvia's value this year, only where it is on the municipalities' scale
    latvia_series: pd.DataFrame | None  # year, value (comparable indicators only)
    series: pd.DataFrame  # municipality_code, year, value (every year with a value)


def choices(analysis: Analysis, catalogue: Catalogue) -> dict[int, list[str]]:
    """Domain → its indicators that have values, charted ones only (yes/no answers when nothing else has data)."""
    present = set(analysis.values["indicator"].astype(str).unique())
    out = {}
    for domain in catalogue.domains:
        ids = [i.id for i in catalogue.indicators_of(domain.no) if i.id in present]
        charted = [i for i in ids if catalogue.indicator(i).kind != "yes_no"]
        if ids:
            out[domain.no] = charted or ids
    return out


def first_comparable(catalogue: Catalogue, ids: list[str]) -> str | None:
    """The indicator to open with: the first one Latvia's figure compares with."""
    return next((i for i in ids if comparable(catalogue.indicator(i))), ids[0] if ids else None)


def indicator(analysis: Analysis, catalogue: Catalogue, *, indicator: str, year: int,
              members: list[str] | None) -> IndicatorView:
    """The explorer's numbers for one indicator and year among `members` (None = every municipality)."""
    ind = catalogue.indicator(indicator)
    vals = analysis.values[analysis.values["indicator"] == indicator].astype({"municipality_code": str})
    if members is not None:
        vals = vals[vals["municipality_code"].isin(members)]
    now = vals[vals["year"] == year]
    shown = now[~now["suppressed"] & now["value"].notna()]
    shown = shown.assign(_r=shown["rank_national"].fillna(1e9), _v=-shown["value"]).sort_values(["_r", "_v"])
    ranked = pd.DataFrame({
        "municipality_code": shown["municipality_code"].to_numpy(), "value": shown["value"].to_numpy(),
        "display": shown["display_value"].to_numpy(), "lower": shown["lower"].to_numpy(),
        "upper": shown["upper"].to_numpy(), "benchmark": shown["benchmark"].astype(str).to_numpy(),
        "rank": shown["rank_national"].to_numpy(), "n": shown["n_national"].to_numpy(),
    })
    hidden = now[now["suppressed"]]
    nat = analysis.national[analysis.national["indicator"] == indicator]
    nat_now = nat[nat["year"] == year]["value"]
    latvia = float(nat_now.iloc[0]) if comparable(ind) and len(nat_now) and pd.notna(nat_now.iloc[0]) else None
    series = vals[vals["value"].notna() & ~vals["suppressed"]]
    return IndicatorView(
        indicator=indicator, year=int(year), decimals=decimals(ind), ranked=ranked,
        hidden=pd.DataFrame({"municipality_code": hidden["municipality_code"].to_numpy(),
                             "display": hidden["display_value"].to_numpy()}),
        latvia=latvia, latvia_series=nat[["year", "value"]].reset_index(drop=True) if comparable(ind) else None,
        series=series[["municipality_code", "year", "value"]].reset_index(drop=True),
    )

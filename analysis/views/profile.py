"""A municipality's profile in codes: every catalogue indicator's years, trend, benchmarks, rank and headline group."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats import labels as L
from analysis.stats.result import Analysis
from analysis.territory import last_data_year
from analysis.views.rules import comparable, decimals

MISSING = "missing"
# Every indicator falls in exactly one headline group, so the five figures add up to the catalogue; a significant
# change with no good direction (no_judgement) is not called better or worse, so it counts as not assessed.
HEADLINE = {
    "worsening": (L.WORSENING,),
    "improving": (L.IMPROVING,),
    "stable": (L.NO_SIGNIFICANT_CHANGE,),
    "not_assessed": (L.NOT_TESTED, L.NO_JUDGEMENT),
    "missing": (MISSING,),
}
GROUP_OF = {code: group for group, codes in HEADLINE.items() for code in codes}
PEER_GROUPS = ("region", "type", "size_band", "peers")


@dataclass(frozen=True)
class Profile:
    """One municipality, as the profile page and its downloads show it (all codes, no words)."""

    code: str
    years: list[int]
    rows: pd.DataFrame  # one row per catalogue indicator, guidance order
    domains: pd.DataFrame  # per domain: indicators, improving, worsening, missing
    headline: dict[str, int]
    spine: pd.DataFrame  # national position 0–100 (100 = best) per indicator with a rank
    peers: list[str]  # the most similar municipalities, nearest first
    group: dict[str, str]  # region, type, size_band


def profile_years(analysis: Analysis, *, until: int | None = None) -> list[int]:
    """The profile's columns: the latest `window` calendar years with data anywhere, ending no later than
    `until` (the last year of a unit that merged away, such as Varakļānu novads: 2024)."""
    end = int(analysis.trends["window_end"].max())
    end = min(end, until) if until is not None else end
    return list(range(end - analysis.settings.window + 1, end + 1))


def catalogue_order(catalogue: Catalogue) -> dict[str, int]:
    """Indicator id → position in the guidance (domain by domain)."""
    return {i.id: n for n, i in enumerate(ind for d in catalogue.domains for ind in catalogue.indicators_of(d.no))}


def headline_counts(assessment: pd.Series) -> dict[str, int]:
    """Worsening / improving / stable / not assessed / without data."""
    counts = assessment.value_counts()
    return {group: int(sum(counts.get(code, 0) for code in codes)) for group, codes in HEADLINE.items()}


def _rows(analysis: Analysis, catalogue: Catalogue, *, code: str, years: list[int]) -> pd.DataFrame:
    trends = analysis.trends[analysis.trends["municipality_code"] == code].set_index("indicator")
    vals = analysis.values[(analysis.values["municipality_code"] == code) & analysis.values["year"].isin(years)]
    cells = {(str(r.indicator), int(r.year)): (r.value, r.display_value) for r in vals.itertuples()}
    rows = []
    for domain in catalogue.domains:
        for ind in catalogue.indicators_of(domain.no):
            row: dict = {"domain": domain.no, "indicator": ind.id, "kind": ind.kind, "decimals": decimals(ind),
                         "source": ind.source}
            for y in years:
                value, display = cells.get((ind.id, y), (np.nan, None))
                row[f"value_{y}"], row[f"display_{y}"] = value, display
            tr = trends.loc[ind.id] if ind.id in trends.index else None
            if tr is None:
                row["assessment"] = MISSING
            else:
                as_rate = tr["measure"] == "rate"
                row.update({
                    "change": np.nan if bool(tr["suppressed"]) else tr["change"],
                    "change_decimals": decimals(ind, as_rate=as_rate), "change_as_rate": bool(as_rate),
                    "p_value": tr["p_value"], "reason": tr["reason"], "direction": tr["direction"],
                    "basis": tr["basis"], "territory": tr["territory"], "territory_units": tr["territory_units"],
                    "assessment": tr["assessment"], "latvia_value": tr["latvia_value"], "benchmark": tr["benchmark"],
                    "region_value": tr["region_value"], "benchmark_region": tr["benchmark_region"],
                    **{f"rank_{g}": tr[f"rank_{g}"] for g in PEER_GROUPS},
                    **{f"n_{g}": tr[f"n_{g}"] for g in PEER_GROUPS},
                })
            rows.append(row)
    out = pd.DataFrame(rows)
    out["headline"] = out["assessment"].map(GROUP_OF)
    return out


def _spine(analysis: Analysis, catalogue: Catalogue, *, code: str) -> pd.DataFrame:
    tr = analysis.trends[(analysis.trends["municipality_code"] == code) & analysis.trends["rank_national"].notna()]
    tr = tr[tr["n_national"] > 1]
    tr = tr.assign(_o=tr["indicator"].astype(str).map(catalogue_order(catalogue))).sort_values("_o")
    position = 100 * (1 - (tr["rank_national"] - 1) / (tr["n_national"] - 1))
    return pd.DataFrame({
        "domain": tr["domain"].to_numpy(), "indicator": tr["indicator"].astype(str).to_numpy(),
        "position": position.round(1).to_numpy(), "rank": tr["rank_national"].to_numpy(),
        "n": tr["n_national"].to_numpy(), "benchmark": tr["benchmark"].astype(str).to_numpy(),
        "value": tr["last_value"].to_numpy(), "display": tr["last_display"].to_numpy(), "kind": tr["kind"].to_numpy(),
        "decimals": [decimals(None, kind=k, as_rate=m == "rate") for k, m in zip(tr["kind"], tr["measure"])],
    })


def profile(analysis: Analysis, catalogue: Catalogue, *, code: str) -> Profile:
    """Everything the profile shows for one municipality; ranks for every peer group are in the rows."""
    unit = catalogue.municipality(code)
    years = profile_years(analysis, until=last_data_year(unit.valid_to) if unit is not None else None)
    rows = _rows(analysis, catalogue, code=code, years=years)
    groups = analysis.groups.set_index("municipality_code")
    group = {k: str(groups.at[code, k]) for k in ("region", "type", "size_band")} if code in groups.index else {}
    near = analysis.neighbours[analysis.neighbours["municipality_code"] == code]
    a = rows["assessment"]
    domains = pd.DataFrame({"domain": rows["domain"], "indicators": 1, "improving": a == L.IMPROVING,
                            "worsening": a == L.WORSENING, "missing": a == MISSING}).groupby("domain").sum()
    return Profile(code=code, years=years, rows=rows, domains=domains.astype(int),
                   headline=headline_counts(rows["assessment"]),
                   spine=_spine(analysis, catalogue, code=code), peers=near["peer_code"].astype(str).tolist(),
                   group=group)


def group_members(analysis: Analysis, *, group: str, code: str) -> list[str] | None:
    """The municipalities in the chosen one's group (None = all): region, type, size band or its nearest peers."""
    if group == "all":
        return None
    if group == "peers":
        near = analysis.neighbours[analysis.neighbours["municipality_code"] == code]["peer_code"].astype(str)
        return [code, *near.tolist()]
    groups = analysis.groups.set_index("municipality_code")
    if code not in groups.index:
        return None
    return groups.index[groups[group] == groups.at[code, group]].astype(str).tolist()


@dataclass(frozen=True)
class DomainSeries:
    """One domain's yearly values (with intervals) for small multiples, and Latvia where it compares."""

    indicators: list[str]  # charted, guidance order (yes/no answers are not charted)
    series: pd.DataFrame  # indicator, year, value, lower, upper
    national: pd.DataFrame  # indicator, year, value — comparable indicators only


def domain_series(analysis: Analysis, catalogue: Catalogue, *, code: str, domain_no: int) -> DomainSeries:
    vals = analysis.values[(analysis.values["municipality_code"] == code) & (analysis.values["domain"] == domain_no)]
    present = set(vals["indicator"].astype(str))
    inds = [i for i in catalogue.indicators_of(domain_no) if i.kind != "yes_no" and i.id in present]
    ids = [i.id for i in inds]
    series = vals[["indicator", "year", "value", "lower", "upper"]].astype({"indicator": str})
    nat = analysis.national
    keep = [i.id for i in inds if comparable(i)]
    national = nat[nat["indicator"].astype(str).isin(keep)][["indicator", "year", "value"]].astype({"indicator": str})
    return DomainSeries(indicators=ids, series=series[series["indicator"].isin(ids)].reset_index(drop=True),
                        national=national.reset_index(drop=True))


def values(analysis: Analysis, catalogue: Catalogue, *, code: str) -> pd.DataFrame:
    """Every year's value of one municipality in guidance order (the profile download's second sheet)."""
    vals = analysis.values[analysis.values["municipality_code"] == code]
    vals = vals.assign(_o=vals["indicator"].astype(str).map(catalogue_order(catalogue))).sort_values(["_o", "year"])
    cols = ["domain", "indicator", "year", "value", "display_value", "decimals", "kind", "lower", "upper", "status",
            "note"]
    return vals[cols].astype({"indicator": str}).reset_index(drop=True)

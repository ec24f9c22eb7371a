"""Two to four municipalities side by side in codes: each one's latest figure with its interval and Latvia's, and for
every pair whether their difference is clear (intervals apart) or cannot be told (overlap, small numbers, no data).

The figures are the analysis's own values and intervals, as this viewer may see them: a hidden cell stays hidden
and its pair is judged `small_numbers` or `not_published`, never from the number behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.catalogue.models import Indicator
from analysis.stats import labels as L
from analysis.stats.result import Analysis
from analysis.views.rules import comparable, decimals

MIN_CHOSEN, MAX_CHOSEN = 2, 4

# A pair's judgement (the `judgement` column of `pairs`).
DIFFERS = "differs"  # the intervals do not overlap: a clear difference
OVERLAP = "overlap"  # the intervals overlap: no clear difference
SMALL_NUMBERS = "small_numbers"  # a figure is hidden as a small count ('<5'): cannot be compared
NOT_PUBLISHED = "not_published"  # a figure is hidden to protect another ('x'): cannot be compared
NO_DATA = "no_data"  # a municipality has no figure for the indicator
NOT_COMPARABLE = "not_comparable"  # see `why`
JUDGEMENTS = (DIFFERS, OVERLAP, SMALL_NUMBERS, NOT_PUBLISHED, NO_DATA, NOT_COMPARABLE)

# Why a pair is not comparable (the `why` column; empty otherwise).
DIFFERENT_YEARS = "different_years"  # their latest figures are of different years
COUNT = "count"  # a count: it grows with the municipality's size, so two counts say nothing about each other
YES_NO = "yes_no"  # a yes/no answer: shown side by side, no interval to judge a difference with
NO_INTERVAL = "no_interval"  # an amount or a figure reported without its count and denominator
WHYS = (DIFFERENT_YEARS, COUNT, YES_NO, NO_INTERVAL)

# A row's mark (the `mark` column): why no number is shown, empty when one is.
MARK_NO_DATA = "no_data"
MARKS = ("", L.SMALL_COUNT, L.SECONDARY, MARK_NO_DATA)

ROW_COLUMNS = ["domain", "indicator", "municipality_code", "year", "value", "lower", "upper", "display", "mark",
               "small_n", "latvia_value", "kind", "decimals"]
PAIR_COLUMNS = ["domain", "indicator", "a", "b", "judgement", "why", "higher", "better"]
LATVIA_COLUMNS = ["indicator", "year", "value"]


@dataclass(frozen=True)
class Comparison:
    """The comparison page's numbers: one row per indicator × municipality, one pair row per indicator × pair."""

    codes: list[str]
    domain: int
    rows: pd.DataFrame  # ROW_COLUMNS, guidance order, municipalities in the chosen order
    pairs: pd.DataFrame  # PAIR_COLUMNS, every pair (a before b in the chosen order) of every indicator
    charted: list[str]  # indicators on one scale for every municipality (rates, shares) with a figure shown
    latvia: pd.DataFrame  # LATVIA_COLUMNS: per indicator the chosen figures' latest year and Latvia's value then

    @property
    def small_in_clear(self) -> bool:
        """Whether a small count is shown (to a viewer who may see it) that the public gets only as '<5'."""
        return bool((self.rows["small_n"] & self.rows["value"].notna()).any())


def compare(analysis: Analysis, catalogue: Catalogue, *, codes: list[str], domain_no: int) -> Comparison:
    """Every indicator of one domain for the chosen municipalities, so a group sees where it clearly stands apart."""
    if not MIN_CHOSEN <= len(codes) <= MAX_CHOSEN or len(set(codes)) != len(codes):
        raise ValueError(f"compare {MIN_CHOSEN} to {MAX_CHOSEN} different municipalities, got {codes!r}")
    inds = catalogue.indicators_of(domain_no)
    ids = [i.id for i in inds]
    vals = analysis.values
    vals = vals[(vals["domain"] == domain_no) & vals["municipality_code"].isin(codes)]
    vals = vals.astype({"municipality_code": str, "indicator": str})
    latest = _latest(vals)
    nat = analysis.national[analysis.national["indicator"].astype(str).isin(ids)]
    latvia = {(str(i), int(y)): v for i, y, v in zip(nat["indicator"], nat["year"], nat["value"]) if pd.notna(v)}
    rows = [_row(ind, code, latest.get((ind.id, code)), latvia) for ind in inds for code in codes]
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS).astype({"year": "Int64", "small_n": bool})
    by = {(r["indicator"], r["municipality_code"]): r for r in rows}
    pairs = [_pair(ind, by[(ind.id, a)], by[(ind.id, b)]) for ind in inds for a, b in combinations(codes, 2)]
    shown = set(frame.loc[frame["value"].notna(), "indicator"])
    return Comparison(codes=list(codes), domain=int(domain_no), rows=frame,
                      pairs=pd.DataFrame(pairs, columns=PAIR_COLUMNS),
                      charted=[i.id for i in inds if comparable(i) and i.id in shown],
                      latvia=_reference(frame, inds, latvia))


def _reference(frame: pd.DataFrame, inds, latvia: dict) -> pd.DataFrame:
    """The one Latvia line a chart draws: Latvia in the latest year any chosen municipality has a figure for."""
    latest = frame.dropna(subset=["year"]).groupby("indicator", sort=False)["year"].max()
    out = [(i.id, int(latest[i.id]), latvia.get((i.id, int(latest[i.id])), np.nan))
           for i in inds if comparable(i) and i.id in latest.index]
    return pd.DataFrame(out, columns=LATVIA_COLUMNS).astype({"year": "int64", "value": "float64"})


def _latest(vals: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """(indicator, municipality) → its latest year's row that has a figure, shown or hidden."""
    present = vals[vals["value"].notna() | vals["suppressed"].astype(bool)].sort_values("year")
    last = present.drop_duplicates(["indicator", "municipality_code"], keep="last")
    return {(r["indicator"], r["municipality_code"]): r for r in last.to_dict("records")}


def _row(ind: Indicator, code: str, v: dict | None, latvia: dict) -> dict:
    """One municipality's latest figure; what this viewer may not see stays blank with its mark."""
    row = {"domain": ind.domain, "indicator": ind.id, "municipality_code": code, "kind": ind.kind,
           "decimals": decimals(ind)}
    if v is None:
        return {**row, "year": None, "value": np.nan, "lower": np.nan, "upper": np.nan, "display": "",
                "mark": MARK_NO_DATA, "small_n": False, "latvia_value": np.nan}
    hidden = bool(v["suppressed"])
    year = int(v["year"])
    return {**row, "year": year, "value": np.nan if hidden else float(v["value"]),
            "lower": np.nan if hidden else float(v["lower"]), "upper": np.nan if hidden else float(v["upper"]),
            "display": str(v["display_value"]) if hidden else "",
            "mark": str(v["suppression"]) if hidden else "", "small_n": bool(v["small_n"]),
            "latvia_value": latvia.get((ind.id, year), np.nan) if comparable(ind) else np.nan}


def _pair(ind: Indicator, a: dict, b: dict) -> dict:
    """Whether two municipalities' latest figures clearly differ, or why that cannot be said."""
    judgement, why = _judgement(ind, a, b)
    higher = better = ""
    if judgement == DIFFERS:
        high, low = (a, b) if a["value"] > b["value"] else (b, a)
        higher = high["municipality_code"]
        better = {"higher_is_better": higher, "lower_is_better": low["municipality_code"]}.get(ind.polarity, "")
    return {"domain": ind.domain, "indicator": ind.id, "a": a["municipality_code"], "b": b["municipality_code"],
            "judgement": judgement, "why": why, "higher": higher, "better": better}


def _judgement(ind: Indicator, a: dict, b: dict) -> tuple[str, str]:
    """(judgement, why): the first reason that stops a comparison wins, then the intervals decide."""
    marks = {a["mark"], b["mark"]}
    if MARK_NO_DATA in marks:
        return NO_DATA, ""
    if ind.kind in (COUNT, YES_NO):
        return NOT_COMPARABLE, ind.kind
    if L.SMALL_COUNT in marks:
        return SMALL_NUMBERS, ""
    if L.SECONDARY in marks:
        return NOT_PUBLISHED, ""
    if a["year"] != b["year"]:
        return NOT_COMPARABLE, DIFFERENT_YEARS
    limits = (a["lower"], a["upper"], b["lower"], b["upper"])
    if not comparable(ind) or any(pd.isna(x) for x in limits):
        return NOT_COMPARABLE, NO_INTERVAL
    apart = a["lower"] > b["upper"] or b["lower"] > a["upper"]
    return (DIFFERS, "") if apart else (OVERLAP, "")

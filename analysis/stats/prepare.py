"""From tidy observations to one enriched table: catalogue meaning attached, counts and denominators completed.

Every later step (intervals, trends, benchmarks, suppression) works on the arrays built here, so the
catalogue is consulted once per call and never per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue

# The catalogue indicator that counts the children (0–17) of a municipality: size bands use it.
CHILDREN_POPULATION = "children_0_17"
DEFAULT_SMALL_N = 5
COUNT_KINDS = ("count", "rate", "proportion")
# Indicators missing from the catalogue (custom labels kept by ingestion) get this kind: tested when every year
# has a count and a denominator, with no judgement (their polarity is unknown).
CUSTOM_KIND = "custom"
# A custom count tested against its denominator is shown per this many (per 1,000) unless its values say.
DEFAULT_RATE_PER = 1000.0

# Years outside this range are typing errors, not data (and would blow up the year × indicator grids).
YEAR_RANGE = (1950, 2100)
REQUIRED_COLUMNS = ("municipality_code", "indicator", "year", "value")
OPTIONAL_COLUMNS = ("count", "denominator", "status", "note")


@dataclass(frozen=True)
class IndicatorTable:
    """The catalogue's indicators as aligned arrays, with extra rows for custom indicators."""

    ids: np.ndarray
    domain: np.ndarray
    kind: np.ndarray
    per: np.ndarray
    polarity: np.ndarray
    threshold: np.ndarray
    denominator: np.ndarray  # position of the denominator indicator, -1 when none
    structural: np.ndarray
    in_catalogue: np.ndarray


@dataclass(frozen=True)
class MunicipalityTable:
    """The catalogue's municipalities as aligned arrays."""

    codes: np.ndarray
    name_lv: np.ndarray
    region: np.ndarray
    type: np.ndarray


@lru_cache(maxsize=8)
def _catalogue_indicators(cat: Catalogue) -> IndicatorTable:
    inds = cat.indicators
    ids = [i.id for i in inds]
    pos = {k: n for n, k in enumerate(ids)}
    return IndicatorTable(
        ids=np.array(ids, dtype=str),
        domain=np.array([i.domain for i in inds], dtype="int64"),
        kind=np.array([i.kind for i in inds], dtype=str),
        per=np.array([float(i.per) if i.per else np.nan for i in inds]),
        polarity=np.array([i.polarity for i in inds], dtype=str),
        threshold=np.array([float(i.small_n_threshold) for i in inds]),
        denominator=np.array(
            [pos.get(i.denominator, -1) if i.denominator else -1 for i in inds], dtype="int64"
        ),
        structural=np.array([bool(i.structural) for i in inds]),
        in_catalogue=np.ones(len(inds), dtype=bool),
    )


@lru_cache(maxsize=8)
def municipality_table(cat: Catalogue) -> MunicipalityTable:
    """Municipality codes, names, regions and types in catalogue order."""
    ms = cat.municipalities
    return MunicipalityTable(
        codes=np.array([m.code for m in ms], dtype=str),
        name_lv=np.array([m.name_lv for m in ms], dtype=str),
        region=np.array([m.region for m in ms], dtype=str),
        type=np.array([m.type for m in ms], dtype=str),
    )


def indicator_table(cat: Catalogue, extra: list[str] | tuple[str, ...] = ()) -> IndicatorTable:
    """The catalogue's indicators followed by custom ones (no kind, no polarity, default small-number rule)."""
    base = _catalogue_indicators(cat)
    if not extra:
        return base
    k = len(extra)
    return IndicatorTable(
        ids=np.concatenate([base.ids, np.array(list(extra), dtype=str)]),
        domain=np.concatenate([base.domain, np.zeros(k, dtype="int64")]),
        kind=np.concatenate([base.kind, np.full(k, CUSTOM_KIND)]),
        per=np.concatenate([base.per, np.full(k, np.nan)]),
        polarity=np.concatenate([base.polarity, np.full(k, "no_judgement")]),
        threshold=np.concatenate([base.threshold, np.full(k, float(DEFAULT_SMALL_N))]),
        denominator=np.concatenate([base.denominator, np.full(k, -1, dtype="int64")]),
        structural=np.concatenate([base.structural, np.zeros(k, dtype=bool)]),
        in_catalogue=np.concatenate([base.in_catalogue, np.zeros(k, dtype=bool)]),
    )


def text_column(categories, codes) -> pd.api.extensions.ExtensionArray:
    """A string column built by taking from its few distinct values: far cheaper than converting each row."""
    return pd.array(np.asarray(categories, dtype=object), dtype="str").take(
        np.asarray(codes), allow_fill=True
    )


def _codes(values: pd.Series, categories) -> np.ndarray:
    """Position of each value in `categories` (-1 when absent), factorising first: fast on string columns."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    pos = pd.Index(np.asarray(categories, dtype=object)).get_indexer(np.asarray(uniques, dtype=object))
    pos = np.r_[pos, -1].astype("int64")  # code -1 (missing) maps to the appended -1
    return pos[codes]


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _texts(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    return frame[column].to_numpy(dtype=object, na_value=None)


@dataclass(frozen=True)
class Prepared:
    """One row per (municipality, indicator, year), every array aligned, sorted by series then year."""

    indicators: IndicatorTable
    municipalities: MunicipalityTable
    muni: np.ndarray  # position in municipalities
    ind: np.ndarray  # position in indicators
    year: np.ndarray
    value: np.ndarray
    count: np.ndarray
    denominator: np.ndarray
    status: np.ndarray
    note: np.ndarray
    count_derived: np.ndarray
    denominator_from_catalogue: np.ndarray
    has_data: np.ndarray

    def __len__(self) -> int:
        return int(self.year.size)

    @property
    def series(self) -> np.ndarray:
        """A number per municipality × indicator; rows of one series are contiguous and ordered by year."""
        return self.muni * len(self.indicators.ids) + self.ind

    @property
    def kind(self) -> np.ndarray:
        return self.indicators.kind[self.ind]


def aggregate_rows(observations: pd.DataFrame, cat: Catalogue) -> pd.DataFrame:
    """Rows that name an aggregate (Latvia, a region) instead of a municipality: usable as supplied totals."""
    codes = observations["municipality_code"].astype(object)
    known = {a.code for a in cat.areas}
    return observations[codes.isin(known).to_numpy()]


def prepare(observations: pd.DataFrame, cat: Catalogue) -> Prepared:
    """Attaches catalogue meaning and completes counts, denominators and values without guessing."""
    missing = [c for c in REQUIRED_COLUMNS if c not in observations.columns]
    if missing:
        raise ValueError(f"observations lack columns: {', '.join(missing)}")
    munis = municipality_table(cat)
    obs = observations
    muni = _codes(obs["municipality_code"], munis.codes)
    names = obs["indicator"]
    base = _catalogue_indicators(cat)
    ind = _codes(names, base.ids)
    extra: tuple[str, ...] = ()
    unknown = (ind < 0) & (muni >= 0)
    if unknown.any():
        extra = tuple(sorted({str(x) for x in pd.unique(names[unknown]) if not pd.isna(x)}))
        inds = indicator_table(cat, extra)
        ind = _codes(names, inds.ids)
    else:
        inds = base
    year = _numbers(obs, "year")
    value, count, den = _numbers(obs, "value"), _numbers(obs, "count"), _numbers(obs, "denominator")
    status, note = _texts(obs, "status"), _texts(obs, "note")
    # Rows naming an aggregate or an unknown unit, or without a plausible year, are not municipality data.
    with np.errstate(invalid="ignore"):
        ok = (muni >= 0) & (ind >= 0) & (year >= YEAR_RANGE[0]) & (year <= YEAR_RANGE[1])
    if not ok.all():
        muni, ind, year, value, count, den, status, note = (
            a[ok] for a in (muni, ind, year, value, count, den, status, note)
        )
    year = year.astype("int64")

    # Sort by series then year; a repeated key keeps its last row (as the newest upload wins).
    n_ind = len(inds.ids)
    y0 = int(year.min()) if year.size else 0
    span = int(year.max()) - y0 + 1 if year.size else 1
    key = (muni * n_ind + ind) * span + (year - y0)
    # Row number as the tie-break, so one fast unstable sort still keeps the last of repeated keys last.
    order = np.argsort(key * max(key.size, 1) + np.arange(key.size))
    key = key[order]
    last_of_key = np.r_[key[1:] != key[:-1], True] if key.size else np.zeros(0, dtype=bool)
    order = order[last_of_key]
    key = key[last_of_key]
    muni, ind, year, value, count, den, status, note = (
        a[order] for a in (muni, ind, year, value, count, den, status, note)
    )

    per = inds.per[ind]
    zero = status == "zero"
    value = np.where(zero & np.isnan(value), 0.0, value)
    count = np.where(zero & np.isnan(count) & np.isin(inds.kind, COUNT_KINDS)[ind], 0.0, count)

    # A missing denominator comes from the catalogue's denominator indicator, same municipality and year.
    den_ind = inds.denominator[ind]
    den_from_cat = np.isnan(den) & (den_ind >= 0)
    if den_from_cat.any():
        lookup = (muni * n_ind + np.where(den_ind >= 0, den_ind, 0)) * span + (year - y0)
        pos = np.searchsorted(key, lookup)
        pos = np.minimum(pos, max(key.size - 1, 0))
        found = den_from_cat & (key[pos] == lookup)
        den_values = np.where(inds.kind[ind[pos]] == "count", value[pos], np.nan)
        den = np.where(found, den_values, den)
        den_from_cat = found & ~np.isnan(den)

    is_count = (inds.kind == "count")[ind]
    is_ratio = np.isin(inds.kind, ("rate", "proportion"))[ind]
    count = np.where(is_count & np.isnan(count), value, count)
    value = np.where(is_count & np.isnan(value), count, value)
    with np.errstate(invalid="ignore", divide="ignore"):
        derived = is_ratio & np.isnan(count) & ~np.isnan(value) & (den > 0)
        count = np.where(derived, np.round(value * den / per), count)
        fill = is_ratio & np.isnan(value) & ~np.isnan(count) & (den > 0)
        value = np.where(fill, count / den * per, value)
        # a custom figure given only as a count and its denominator is that rate (per 1,000), not a gap
        custom = (inds.kind == CUSTOM_KIND)[ind] & np.isnan(value) & ~np.isnan(count) & (den > 0)
        value = np.where(custom, count / den * DEFAULT_RATE_PER, value)

    return Prepared(
        indicators=inds,
        municipalities=munis,
        muni=muni,
        ind=ind,
        year=year,
        value=value,
        count=count,
        denominator=den,
        status=status,
        note=note,
        count_derived=derived,
        denominator_from_catalogue=den_from_cat,
        has_data=~np.isnan(value),
    )

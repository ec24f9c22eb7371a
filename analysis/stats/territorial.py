"""Series on today's territory: figures of the units a municipality was formed from, summed for earlier years.

Two paths, one rule (counts and denominators summed, rates recomputed from the sums, never rates averaged):
- `carry_forward`: rows naming a unit that no longer exists (the 119 before 2021) go into the unit that
  exists today, summed with the other predecessors for each indicator and year. Used for everything.
- `for_trends`: a unit that still has its own rows for the years before a change (Madonas and Varakļānu
  novads before 2025) keeps them in the values table; only a trend whose window crosses the change is
  computed on the merged territory, with the predecessors' rows summed into the successor's.
A year that cannot be summed (a predecessor missing, only a rate without its count, a unit that was split)
is not tested across the change, with a reason code the page turns into words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats import labels as L
from analysis.stats.prepare import Prepared
from analysis.territory.crosswalk import Group, Territory

ADDITIVE_KINDS = ("count", "rate", "proportion", "custom")
BLOCKED_COLUMNS = ("municipality_code", "indicator", "year", "reason", "units")
CARRIED_COLUMNS = ("municipality_code", "indicator", "year", "units")


@dataclass(frozen=True)
class Carried:
    """Observations on today's units, the rows built by summing predecessors, and the years that could not be."""

    observations: pd.DataFrame
    rows: pd.DataFrame  # CARRIED_COLUMNS: units = the predecessor codes summed, ';'-separated
    blocked: pd.DataFrame  # BLOCKED_COLUMNS


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _kinds(names: pd.Series, cat: Catalogue) -> np.ndarray:
    kinds = {i.id: i.kind for i in cat.indicators}
    return names.map(lambda n: kinds.get(n, "custom")).to_numpy(dtype=object)


def _per(names: pd.Series, cat: Catalogue) -> np.ndarray:
    per = {i.id: float(i.per) if i.per else np.nan for i in cat.indicators}
    return names.map(lambda n: per.get(n, np.nan)).to_numpy(dtype="float64")


def carry_forward(observations: pd.DataFrame, *, territory: Territory, catalogue: Catalogue) -> Carried:
    """Rows of past units summed into today's unit per indicator and year; the rest left as they are."""
    codes = observations["municipality_code"].astype(object)
    past = {u.code for u in territory.units if not u.current}
    is_past = codes.isin(past).to_numpy()
    if not is_past.any():
        return Carried(observations, _empty(CARRIED_COLUMNS), _empty(BLOCKED_COLUMNS))
    built, blocked, replaced = [], [], []
    for group in territory.groups():
        if not any(p in past for p in group.predecessors):
            continue
        mine = observations[codes.isin(group.predecessors).to_numpy()]
        mine = mine[pd.to_numeric(mine["year"], errors="coerce") < group.first_data_year]
        if mine.empty:
            continue
        own = observations[(codes == group.successor).to_numpy()]
        b, k, r = _sum_group(mine, own, group=group, territory=territory, catalogue=catalogue)
        built.append(b)
        blocked.append(k)
        replaced.extend(r)
    keep = ~is_past
    if replaced:
        keep &= ~observations.index.isin(replaced)
    rows = pd.concat(built, ignore_index=True) if built else _empty(CARRIED_COLUMNS)
    out = pd.concat([observations[keep], rows.drop(columns=["units"])], ignore_index=True)
    blocked_frame = pd.concat(blocked, ignore_index=True) if blocked else _empty(BLOCKED_COLUMNS)
    return Carried(out, rows[list(CARRIED_COLUMNS)].copy() if len(rows) else rows, blocked_frame)


def _sum_group(mine: pd.DataFrame, own: pd.DataFrame, *, group: Group, territory: Territory,
               catalogue: Catalogue) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """One successor's summed rows, blocked years, and the successor's own rows those replace."""
    built, blocked, replaced = [], [], []
    own_key = {(i, int(y)): idx for idx, i, y in zip(own.index, own["indicator"], own["year"])}
    for (ind, year), rows in mine.groupby(["indicator", "year"], sort=True):
        year = int(year)
        need = [p for p in group.predecessors if _exists(territory, p, year)]
        have = dict(zip(rows["municipality_code"], range(len(rows))))
        parts = rows.reset_index(drop=True)
        if group.continuing is not None and group.continuing not in have and (ind, year) in own_key:
            parts = pd.concat([parts, own.loc[[own_key[(ind, year)]]]], ignore_index=True)
            have[group.continuing] = len(parts) - 1
            replaced.append(own_key[(ind, year)])
        units = ";".join(need)
        reason = _reason(parts, need=need, have=have, group=group, kind=_kinds(pd.Series([ind]), catalogue)[0])
        if reason:
            blocked.append((group.successor, ind, year, reason, units))
            if replaced and replaced[-1] == own_key.get((ind, year)):
                replaced.pop()  # the successor's own row stays as reported; the trend says why
            continue
        built.append(_summed(parts, ind=ind, year=year, successor=group.successor, units=units, cat=catalogue))
    return (
        pd.DataFrame(built) if built else _empty(CARRIED_COLUMNS),
        pd.DataFrame(blocked, columns=list(BLOCKED_COLUMNS)) if blocked else _empty(BLOCKED_COLUMNS),
        replaced,
    )


def _exists(territory: Territory, code: str, year: int) -> bool:
    unit = territory.unit(code)
    return unit is not None and unit.valid_in_year(year)


def _reason(parts: pd.DataFrame, *, need: list[str], have: dict, group: Group, kind: str) -> str:
    """Why a year cannot be put on today's territory; empty when it can."""
    if kind not in ADDITIVE_KINDS:
        return L.TERRITORY_NOT_ADDITIVE
    if any(p in group.split for p in need):
        return L.TERRITORY_SPLIT
    if any(p not in have for p in need):
        return L.TERRITORY_PREDECESSOR_MISSING
    count = pd.to_numeric(parts["count"], errors="coerce") if "count" in parts else pd.Series(np.nan)
    value = pd.to_numeric(parts["value"], errors="coerce")
    den = pd.to_numeric(parts["denominator"], errors="coerce") if "denominator" in parts else pd.Series(np.nan)
    if kind == "count":
        return "" if count.fillna(value).notna().all() else L.TERRITORY_PREDECESSOR_MISSING
    if count.notna().all() and den.notna().all():
        return ""
    return L.TERRITORY_RATES_ONLY if value.notna().any() else L.TERRITORY_PREDECESSOR_MISSING


def _summed(parts: pd.DataFrame, *, ind: str, year: int, successor: str, units: str, cat: Catalogue) -> dict:
    """The successor's row for a year: counts and denominators added, the rate recomputed from them."""
    kind = _kinds(pd.Series([ind]), cat)[0]
    count = pd.to_numeric(parts["count"], errors="coerce") if "count" in parts else pd.Series(np.nan)
    value = pd.to_numeric(parts["value"], errors="coerce")
    den = pd.to_numeric(parts["denominator"], errors="coerce") if "denominator" in parts else None
    row = {"municipality_code": successor, "indicator": ind, "year": year, "status": None, "note": None,
           "units": units}
    if kind == "count":
        total = float(count.fillna(value).sum())
        row.update(value=total, count=total, denominator=float(den.sum()) if den is not None and den.notna().all()
                   else np.nan)
        return row
    x, d = float(count.sum()), float(den.sum())
    per = _per(pd.Series([ind]), cat)[0]
    if np.isnan(per):  # a custom figure: the base its own rows use (value = count / denominator × base)
        with np.errstate(invalid="ignore", divide="ignore"):
            base = (value * den / count).dropna()
        per = float(10 ** np.round(np.log10(base.iloc[0]))) if len(base) and base.iloc[0] > 0 else 1000.0
    row.update(value=x / d * per if d > 0 else np.nan, count=x, denominator=d)
    return row


# ---------------------------------------------------------------- trends across a change of current units


@dataclass(frozen=True)
class TrendTerritory:
    """Prepared rows as the trend test sees them: successors' earlier years summed over their predecessors."""

    count: np.ndarray
    denominator: np.ndarray
    value: np.ndarray
    components: dict[int, np.ndarray]  # summed row -> the prepared rows it adds up
    units: np.ndarray  # per row: the codes summed into it ('' when as reported)
    reason: np.ndarray  # per row: why it could not be summed ('' when it could or did not need to be)
    blocked: pd.DataFrame  # years with no row at all that could not be carried (BLOCKED_COLUMNS)


def for_trends(prep: Prepared, *, territory: Territory, carried: Carried, window: int,
               end_year: int | None) -> TrendTerritory:
    """Sums the predecessors into each successor row whose series' window crosses a change of current units."""
    n = len(prep)
    count, den, value = prep.count.copy(), prep.denominator.copy(), prep.value.copy()
    units = np.full(n, "", dtype=object)
    reason = np.full(n, "", dtype=object)
    components: dict[int, np.ndarray] = {}
    codes = prep.municipalities.codes
    pos = {c: i for i, c in enumerate(codes.tolist())}
    n_ind = len(prep.indicators.ids)
    key = (prep.muni * n_ind + prep.ind) * 10_000 + prep.year
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    _mark_carried(prep, carried, pos=pos, key=key, units=units)
    blocked = [carried.blocked] if len(carried.blocked) else []
    for group in territory.groups():
        if not group.changes_territory or not all(p in pos for p in group.predecessors):
            continue
        s = pos[group.successor]
        rows = np.flatnonzero(prep.muni == s)
        if rows.size == 0:
            continue
        end = _series_end(prep, rows, end_year=end_year)
        start = end - window + 1
        cross = (end >= group.first_data_year) & (start < group.first_data_year) & (prep.year[rows] >= start) & (
            prep.year[rows] < group.first_data_year
        )
        for row in rows[cross]:
            year, ind = int(prep.year[row]), int(prep.ind[row])
            if prep.indicators.kind[ind] == "yes_no":
                continue  # the successor's own answer stands for the whole territory
            need = [p for p in group.predecessors if _exists(territory, p, year)]
            parts = []
            for p in need:
                k = (pos[p] * n_ind + ind) * 10_000 + year
                at = np.searchsorted(sorted_key, k)
                parts.append(int(order[at]) if at < sorted_key.size and sorted_key[at] == k else -1)
            parts_arr = np.array(parts, dtype="int64")
            units[row] = ";".join(need)
            why = _trend_reason(prep, parts_arr, kind=str(prep.indicators.kind[ind]))
            if why:
                reason[row] = why
                continue
            count[row] = prep.count[parts_arr].sum()
            den[row] = prep.denominator[parts_arr].sum()
            per = prep.indicators.per[ind]
            is_count = prep.indicators.kind[ind] == "count"
            value[row] = count[row] if is_count else count[row] / den[row] * (per if per > 0 else 1.0)
            components[int(row)] = parts_arr
        blocked.append(_years_without_successor(prep, group, rows=rows, end=end, pos=pos, window=window))
    blocked = [b for b in blocked if len(b)]
    frame = pd.concat(blocked, ignore_index=True) if blocked else _empty(BLOCKED_COLUMNS)
    return TrendTerritory(count, den, value, components, units, reason, frame)


def _years_without_successor(prep: Prepared, group: Group, *, rows: np.ndarray, end: np.ndarray, pos: dict,
                             window: int) -> pd.DataFrame:
    """Window years where a predecessor has a figure but the successor has none: today's total is unknown."""
    ends = dict(zip(prep.ind[rows].tolist(), end.tolist()))
    own = set(zip(prep.ind[rows].tolist(), prep.year[rows].tolist()))
    out = []
    others = [p for p in group.predecessors if p != group.successor]
    for p in others:
        p_rows = np.flatnonzero((prep.muni == pos[p]) & prep.has_data)
        for ind, year in zip(prep.ind[p_rows].tolist(), prep.year[p_rows].tolist()):
            e = ends.get(ind)
            if e is None or prep.indicators.kind[ind] == "yes_no":
                continue
            if e >= group.first_data_year and e - window < year < group.first_data_year and (ind, year) not in own:
                out.append((group.successor, str(prep.indicators.ids[ind]), year, L.TERRITORY_PREDECESSOR_MISSING,
                            ";".join(group.predecessors)))
    return pd.DataFrame(out, columns=list(BLOCKED_COLUMNS)) if out else _empty(BLOCKED_COLUMNS)


def _mark_carried(prep: Prepared, carried: Carried, *, pos: dict, key: np.ndarray, units: np.ndarray) -> None:
    """Rows built by carry_forward keep the list of units they sum."""
    if carried.rows.empty:
        return
    ind_pos = {c: i for i, c in enumerate(prep.indicators.ids.tolist())}
    n_ind = len(prep.indicators.ids)
    wanted = {}
    for code, ind, year, u in carried.rows[list(CARRIED_COLUMNS)].itertuples(index=False, name=None):
        if code in pos and ind in ind_pos:
            wanted[(pos[code] * n_ind + ind_pos[ind]) * 10_000 + int(year)] = u
    hit = np.flatnonzero(np.isin(key, np.fromiter(wanted, dtype="int64", count=len(wanted))))
    for row in hit:
        units[row] = wanted[int(key[row])]


def _series_end(prep: Prepared, rows: np.ndarray, *, end_year: int | None) -> np.ndarray:
    """Each row's window end: a fixed year, or its series' latest year with a value."""
    if end_year is not None:
        return np.full(rows.size, int(end_year))
    ind = prep.ind[rows]
    latest = pd.Series(np.where(prep.has_data[rows], prep.year[rows], -1)).groupby(ind).transform("max")
    return latest.to_numpy()


def _trend_reason(prep: Prepared, parts: np.ndarray, *, kind: str) -> str:
    if kind not in ADDITIVE_KINDS:
        return L.TERRITORY_NOT_ADDITIVE
    if (parts < 0).any():
        return L.TERRITORY_PREDECESSOR_MISSING
    x, d = prep.count[parts], prep.denominator[parts]
    if np.isnan(x).any() or not prep.has_data[parts].all():
        return L.TERRITORY_PREDECESSOR_MISSING
    if prep.count_derived[parts].any():
        return L.TERRITORY_RATES_ONLY
    if kind != "count" and np.isnan(d).any():
        return L.TERRITORY_RATES_ONLY
    return ""

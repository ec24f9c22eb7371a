"""The attacker: from everything published, the range each '<5' cell can take, by linear programming (HiGHS).

Published per indicator × year: municipal cells (a count, or '<5' meaning 1..threshold−1, or 'x' meaning any
count from 0 up) and area totals (Latvia, each statistical region), each the sum of its member cells, shown
or hidden the same way. For every '<5' cell the attacker solves min and max of its value subject to every
published equality and bound; a cell is narrowed when the range is tighter than the label says.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

SMALL, HIDDEN = "<5", "x"


@dataclass(frozen=True)
class Narrowed:
    """One '<5' cell whose feasible range is tighter than 1..threshold−1."""

    indicator: str
    year: int
    municipality: str
    low: float
    high: float


def _bounds(status: str, threshold: float) -> tuple[float, float | None]:
    return (1.0, threshold - 1.0) if status == SMALL else (0.0, None)


def attack_group(cells: pd.DataFrame, totals: pd.DataFrame) -> list[tuple[str, float, float, float]]:
    """Ranges of the '<5' cells of one indicator × year: (municipality, low, high, threshold) per narrowed cell.

    `cells`: municipality, count, status, threshold. `totals`: area, members (list of codes), count, status.
    """
    hidden = cells[cells["status"].isin([SMALL, HIDDEN])]
    if not (hidden["status"] == SMALL).any():
        return []
    names = list(hidden["municipality"])
    hidden_totals = totals[totals["status"].isin([SMALL, HIDDEN])]
    names += [f"total:{a}" for a in hidden_totals["area"]]
    pos = {n: i for i, n in enumerate(names)}
    thr = float(cells["threshold"].max())
    bounds = [_bounds(s, thr) for s in hidden["status"]] + [_bounds(s, thr) for s in hidden_totals["status"]]
    known = dict(zip(cells["municipality"], cells["count"]))
    rows, rhs = [], []
    for area, members, count, status in totals[["area", "members", "count", "status"]].itertuples(index=False):
        row = np.zeros(len(names))
        b = 0.0
        for m in members:
            if m in pos:
                row[pos[m]] += 1.0
            else:
                b -= float(known[m])
        if status in (SMALL, HIDDEN):
            row[pos[f"total:{area}"]] -= 1.0
        else:
            b += float(count)
        if row.any():
            rows.append(row)
            rhs.append(b)
    a_eq = np.array(rows) if rows else None
    b_eq = np.array(rhs) if rows else None
    out = []
    for name, status in zip(hidden["municipality"], hidden["status"]):
        if status != SMALL:
            continue
        c = np.zeros(len(names))
        c[pos[name]] = 1.0
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        hi = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        low, high = float(lo.x[pos[name]]), float(hi.x[pos[name]])
        if low > 1.0 + 1e-6 or high < thr - 1.0 - 1e-6:
            out.append((name, low, high, thr))
    return out


def attack(cells: pd.DataFrame, totals: pd.DataFrame) -> list[Narrowed]:
    """Every narrowed '<5' cell of a release (cells: + indicator, year; totals: + indicator, year)."""
    found: list[Narrowed] = []
    by_key = {k: g for k, g in totals.groupby(["indicator", "year"], sort=False)}
    for (indicator, year), group in cells.groupby(["indicator", "year"], sort=False):
        tot = by_key.get((indicator, year))
        if tot is None:
            continue
        for name, low, high, _ in attack_group(group, tot):
            found.append(Narrowed(str(indicator), int(year), str(name), low, high))
    return found


def published_from_analysis(result, catalogue) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the dashboard publishes from `analyse` (cells with '<5'/'x', Latvia's and the regions' totals)."""
    thresholds = {i.id: float(i.small_n_threshold) for i in catalogue.indicators}
    v = result.values
    v = v[v["indicator"].map(thresholds).fillna(0) > 0]
    status = np.select([v["suppression"] == "small_count", v["suppression"] == "secondary"], [SMALL, HIDDEN], "")
    cells = pd.DataFrame({
        "indicator": v["indicator"].astype(str).to_numpy(), "year": v["year"].to_numpy(),
        "municipality": v["municipality_code"].astype(str).to_numpy(),
        "region": v["region"].astype(str).to_numpy(), "count": v["count"].to_numpy(), "status": status,
        "threshold": v["indicator"].astype(str).map(thresholds).to_numpy(),
    })
    cells = cells[(cells["status"] != "") | cells["count"].notna()]
    members = cells.groupby(["indicator", "year"])["municipality"].apply(list)
    reg_members = cells.groupby(["indicator", "year", "region"])["municipality"].apply(list)
    rows = []
    for frame, key_cols, members_of, area_of in (
        (result.national, ["indicator", "year"], members, lambda r: "LV"),
        (result.regions, ["indicator", "year", "region"], reg_members, lambda r: r["region"]),
    ):
        for r in frame.to_dict("records"):
            key = tuple(r[c] for c in key_cols)
            if key not in members_of.index:
                continue
            hidden = bool(r["suppressed"])
            small = hidden and r["display_value"] != HIDDEN
            rows.append({"indicator": r["indicator"], "year": int(r["year"]), "area": area_of(r),
                         "members": members_of[key], "count": r["count"],
                         "status": (SMALL if small else HIDDEN) if hidden else ""})
    return cells, pd.DataFrame(rows)

"""The attacker: from everything published, the range each '<5' cell can take, by linear programming (HiGHS).

Published per indicator × year: municipal cells (a count, or '<5' meaning 1..threshold−1, or 'x' meaning 0 or
at least the threshold, taken by the LP as any count from 0 up) and area totals (Latvia, each statistical region), each the sum of its member cells, shown
or hidden the same way. For every '<5' cell the attacker solves min and max of its value subject to every
published equality and bound; a cell is narrowed when the range is tighter than the label says.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
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
    # One LP of independent copies, a min and a max per '<5' cell: each copy's optimum is that cell's bound.
    small = [pos[n] for n, st in zip(hidden["municipality"], hidden["status"]) if st == SMALL]
    k, n = 2 * len(small), len(names)
    eq = np.array(rows) if rows else np.zeros((0, n))
    a_eq = sparse.block_diag([sparse.csr_matrix(eq)] * k, format="csr") if rows else None
    b_eq = np.tile(np.array(rhs), k) if rows else None
    c = np.zeros(k * n)
    for b, j in enumerate(small):
        c[2 * b * n + j], c[(2 * b + 1) * n + j] = 1.0, -1.0
    res = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds * k, method="highs")
    if res.status != 0:
        raise ValueError(f"the published figures contradict their labels: {res.message}")
    out = []
    for b, j in enumerate(small):
        low, high = float(res.x[2 * b * n + j]), float(res.x[(2 * b + 1) * n + j])
        if low > 1.0 + 1e-6 or high < thr - 1.0 - 1e-6:
            out.append((names[j], low, high, thr))
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


def published_from_files(tidy: pd.DataFrame, totals: pd.DataFrame, catalogue) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What `publish` wrote (tidy.csv, totals.csv as read by pandas), in the attacker's terms: counts by code."""
    thresholds = {i.id: float(i.small_n_threshold) for i in catalogue.indicators}
    kinds = {i.id: i.kind for i in catalogue.indicators}
    codes = {m.name_lv: m.code for m in catalogue.municipalities}
    t = tidy[tidy["indicator"].map(thresholds).fillna(0) > 0]
    count = t["count"].where(t["count"].notna(), t["value"].where(t["indicator"].map(kinds) == "count"))
    status = t["status"].fillna("").astype(str)
    cells = pd.DataFrame({
        "indicator": t["indicator"].astype(str), "year": t["year"].astype(int),
        "municipality": t["municipality"].map(codes), "count": count,
        "status": np.where(status.str.startswith("<"), SMALL, np.where(status == HIDDEN, HIDDEN, "")),
        "threshold": t["indicator"].map(thresholds),
    })
    cells = cells[(cells["status"] != "") | cells["count"].notna()]
    tot = totals[totals["indicator"].map(thresholds).fillna(0) > 0]
    tstatus = tot["status"].fillna("").astype(str)
    totals_out = pd.DataFrame({
        "indicator": tot["indicator"].astype(str), "year": tot["year"].astype(int), "area": tot["area"],
        "members": tot["members"].str.split(";"), "count": tot["count"],
        "status": np.where(tstatus.str.startswith("<"), SMALL, np.where(tstatus == HIDDEN, HIDDEN, "")),
    })
    return cells.reset_index(drop=True), totals_out.reset_index(drop=True)

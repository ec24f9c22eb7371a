"""Small numbers: which values are hidden, decided once here for every view and for the published release.

Rules (see methods_*.md for the plain-language version):
1. Primary: a count of 1 up to the indicator's threshold − 1 (default threshold 5) is shown as "<5". A zero
   is shown: nobody can be identified from it. A total (Latvia, a statistical region) of 1 up to threshold − 1
   is primary too. Any value derived from a hidden count (its rate, interval, trend, benchmark and rank) is
   hidden too.
2. Secondary ("x"): the published totals are Latvia (per indicator and year, the sum of its regions) and each
   statistical region (the sum of its municipalities). An attacker who knows every shown cell, every shown
   total and that "<5" means 1..threshold − 1 and "x" a count of at least the threshold (zeros are never
   hidden; a total under rule 3 any count), can solve by linear programming the
   smallest and largest value each hidden cell can take. Extra cells and totals are hidden until, for every
   primary cell and primary total, that range is the whole 1..threshold − 1: for each one and each direction
   there is a change of the hidden figures that keeps every published sum and label true and moves it to
   1 and to threshold − 1 (Fischetti–Salazar's protection model). The extra cells are chosen by a
   mixed-integer programme (HiGHS through scipy.optimize.milp) that hides as few as possible (a municipal cell
   costs 1, a regional total 3, Latvia's 10, ties broken towards smaller counts), solved for the ranges the
   attacker still narrows, then attacked again until nothing is narrowed.
3. If no choice of extra cells can protect a group (Latvia's total itself below the threshold with several
   small cells under it), its small totals are shown as "x" instead of "<5", which leaves their range open.
4. Views for people allowed to see everything show all figures; the flags still say which would be hidden.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

CELL_COST, REGION_COST, TOP_COST = 1.0, 3.0, 10.0
TIME_LIMIT = 20.0  # seconds per indicator × year; a time-out falls back to hiding the whole group
MAX_ROUNDS = 40
TOL = 1e-6


def primary(count, threshold) -> np.ndarray:
    """Counts from 1 up to below the threshold: too small to publish."""
    c = np.asarray(count, dtype="float64")
    t = np.asarray(threshold, dtype="float64")
    with np.errstate(invalid="ignore"):
        return (c >= 1) & (c < t)


def small_total(total, threshold) -> np.ndarray:
    """Whether an aggregate count is itself too small to publish."""
    return primary(total, threshold)


@dataclass(frozen=True)
class Suppression:
    """Row flags plus, per grouping (Latvia, regions), the hidden totals and which of them read '<5'."""

    primary: np.ndarray
    secondary: np.ndarray
    hidden_totals: tuple[np.ndarray, ...]
    small_totals: tuple[np.ndarray, ...]

    @property
    def hidden(self) -> np.ndarray:
        return self.primary | self.secondary


@dataclass(frozen=True)
class Group:
    """One indicator × year as nodes: its municipal cells, then its regional totals, then Latvia's total.

    `value` per node, `members` (region position per cell), `threshold`; `primary` and `small` say which nodes
    must be protected and which hidden nodes read '<5' (their range 1..threshold − 1), the rest read 'x'.
    """

    value: np.ndarray
    region: np.ndarray
    n_regions: int
    threshold: float
    primary: np.ndarray
    small: np.ndarray

    @property
    def n_cells(self) -> int:
        return self.region.size

    def equations(self) -> sparse.csr_matrix:
        """Each region total is the sum of its cells; Latvia's is the sum of the regions."""
        n, r = self.n_cells, self.n_regions
        rows = np.r_[self.region, np.arange(r), np.full(r, r), r]
        cols = np.r_[np.arange(n), n + np.arange(r), n + np.arange(r), n + r]
        vals = np.r_[np.ones(n), -np.ones(r), np.ones(r), -1.0]
        return sparse.csr_matrix((vals, (rows, cols)), shape=(r + 1, n + r + 1))

    def cost(self) -> np.ndarray:
        v = self.value
        tie = 0.01 * v / (v.max() + 1.0)
        kind = np.r_[np.full(self.n_cells, CELL_COST), np.full(self.n_regions, REGION_COST), TOP_COST]
        return kind + tie

    def floor(self) -> np.ndarray:
        """The least value a hidden node's label allows: '<5' 1; 'x' the threshold (zeros are never hidden,
        1..threshold − 1 read '<5'); a small total that had to read 'x' (rule 3) 0."""
        return np.where(self.small, 1.0, np.where(self.primary, 0.0, self.threshold))

    def candidates(self) -> np.ndarray:
        """Nodes that may be hidden: the primary ones and any other of at least the threshold."""
        return self.primary | (self.value >= self.threshold)

    def targets(self) -> list[tuple[int, float]]:
        """(node, signed distance) each primary node must be able to move: down to 1 and up to threshold − 1."""
        out = []
        for j in np.flatnonzero(self.primary & self.small):
            up, down = self.threshold - 1 - self.value[j], self.value[j] - 1
            if up > TOL:
                out.append((int(j), float(up)))
            if down > TOL:
                out.append((int(j), -float(down)))
        return out


def _block_bounds(g: Group, target: tuple[int, float]) -> tuple[np.ndarray, np.ndarray]:
    """Bounds on one protection block's changes if hidden: the label's range ('x' capped at the distance)."""
    j, d = target
    span = abs(d)
    ok = g.candidates()
    lo = np.where(ok, np.where(g.small, 1.0 - g.value, -np.minimum(g.value - g.floor(), span)), 0.0)
    hi = np.where(ok, np.where(g.small, g.threshold - 1.0 - g.value, span), 0.0)
    lo[j] = hi[j] = d
    return lo, hi


def _others(x: np.ndarray) -> np.ndarray:
    """Per position, the sum of all the other entries (infinite entries allowed)."""
    inf = np.isinf(x)
    finite = np.where(inf, 0.0, x)
    return np.where(inf.sum() - inf > 0, np.inf, finite.sum() - finite)


def reach(g: Group, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far each node can move up and down with every published sum and label kept (exact on this tree).

    A cell's move is absorbed by its region's other hidden cells, or passed to its hidden regional total and
    from there to Latvia's hidden total or to other hidden regions whose hidden cells follow.
    """
    n, r = g.n_cells, g.n_regions
    ul = np.where(hidden, np.where(g.small, g.threshold - 1.0 - g.value, np.inf), 0.0)
    dl = np.where(hidden, g.value - g.floor(), 0.0)
    cu = np.bincount(g.region, weights=ul[:n], minlength=r)
    cd = np.bincount(g.region, weights=dl[:n], minlength=r)
    ru, rd = np.minimum(ul[n:-1], cu), np.minimum(dl[n:-1], cd)
    top_u = ul[-1] + _others(rd)  # what the top level absorbs when region k goes up
    top_d = dl[-1] + _others(ru)
    reg = g.region
    with np.errstate(invalid="ignore"):
        cell_up = np.minimum(ul[:n], cd[reg] - dl[:n] + np.minimum(ul[n:-1], top_u)[reg])
        cell_down = np.minimum(dl[:n], cu[reg] - ul[:n] + np.minimum(dl[n:-1], top_d)[reg])
    reg_up = np.minimum.reduce([ul[n:-1], cu, top_u])
    reg_down = np.minimum.reduce([dl[n:-1], cd, top_d])
    return np.r_[cell_up, reg_up, min(ul[-1], ru.sum())], np.r_[cell_down, reg_down, min(dl[-1], rd.sum())]


def narrowed(g: Group, hidden: np.ndarray) -> list[tuple[int, float]]:
    """The attack: the targets that no change of the hidden figures can move their full distance."""
    up, down = reach(g, hidden)
    return [(j, d) for j, d in g.targets() if (up[j] if d > 0 else down[j]) < abs(d) - TOL]


def _choose(g: Group, targets: list[tuple[int, float]], forced: np.ndarray) -> np.ndarray | None:
    """The cheapest set of hidden nodes that lets every target move its full distance (MILP), or None.

    Variables: s (hidden or not, per node), then one change vector per target; a shown node cannot move.
    """
    n, k = g.value.size, len(targets)
    eq = sparse.block_diag([g.equations()] * k, format="csr")
    eq = sparse.hstack([sparse.csr_matrix((eq.shape[0], n)), eq], format="csr")
    lo, hi = (np.concatenate(x) for x in zip(*(_block_bounds(g, t) for t in targets)))
    block = np.repeat(np.arange(k), n)
    node = np.tile(np.arange(n), k)
    target_node = np.array([j for j, _ in targets])[block]
    link = ~forced[node] & (node != target_node)
    y = n + np.flatnonzero(link)
    m = y.size
    rows = np.r_[np.arange(m), np.arange(m), m + np.arange(m), m + np.arange(m)]
    cols = np.r_[y, node[link], y, node[link]]
    vals = np.r_[np.ones(m), -hi[link], np.ones(m), -lo[link]]
    links = sparse.csr_matrix((vals, (rows, cols)), shape=(2 * m, n + n * k))
    res = milp(
        np.r_[g.cost(), np.zeros(n * k)],
        integrality=np.r_[np.ones(n), np.zeros(n * k)],
        bounds=Bounds(np.r_[forced.astype("float64"), lo], np.r_[np.ones(n), hi]),
        constraints=[
            LinearConstraint(eq, 0.0, 0.0),
            LinearConstraint(links, np.r_[np.full(m, -np.inf), np.zeros(m)], np.r_[np.zeros(m), np.full(m, np.inf)]),
        ],
        options={"time_limit": TIME_LIMIT},
    )
    if res.x is None:
        return None
    return forced | (res.x[:n] > 0.5)


def _representatives(g: Group, found: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Per region (or total) and direction, the narrowed target with the farthest move: small programmes first."""
    best: dict[tuple[int, bool], tuple[int, float]] = {}
    for j, d in found:
        key = (int(g.region[j]) if j < g.n_cells else -1 - j, d > 0)
        if key not in best or abs(d) > abs(best[key][1]):
            best[key] = (j, d)
    return list(best.values())


def protect_group(g: Group) -> tuple[np.ndarray, np.ndarray]:
    """Hidden nodes and the nodes reading '<5', attacking and adding suppression until nothing is narrowed."""
    hidden = g.primary.copy()
    small = g.small.copy()
    wanted: list[tuple[int, float]] = []
    for _ in range(MAX_ROUNDS):
        found = narrowed(Group(g.value, g.region, g.n_regions, g.threshold, g.primary, small), hidden)
        if not found:
            return hidden, small
        wanted += _representatives(g, [t for t in found if t not in wanted])
        cur = Group(g.value, g.region, g.n_regions, g.threshold, g.primary, small)
        chosen = _choose(cur, wanted, g.primary)
        if chosen is None and (small[g.n_cells:] & hidden[g.n_cells:]).any():
            # Rule 3: small totals read 'x', which frees them; the cells keep '<5'.
            small[g.n_cells:] = False
            wanted = []
            continue
        if chosen is None:
            break
        hidden = chosen
    small[g.n_cells:] = False
    hidden = Group(g.value, g.region, g.n_regions, g.threshold, g.primary, small).candidates()
    return hidden, small


_MEMO: dict[str, Suppression] = {}
MEMO_SIZE = 8


def _fingerprint(*arrays) -> str:
    h = hashlib.sha256()
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(str(a.dtype).encode() + str(a.shape).encode() + a.tobytes())
    return h.hexdigest()


def protect(
    *,
    top: np.ndarray,
    sub: np.ndarray,
    sub_parent: np.ndarray,
    n_top: int,
    count: np.ndarray,
    primary_mask: np.ndarray,
    threshold: np.ndarray,
) -> Suppression:
    """Primary and secondary suppression of rows grouped into Latvia (`top`) and regional (`sub`) totals.

    Rows without a count take no part. `sub_parent` maps each regional total to its Latvia total. The same
    data (one data version, several views) is solved once per process.
    """
    key = _fingerprint(top, sub, sub_parent, np.int64(n_top), count, primary_mask, threshold)
    if key not in _MEMO:
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = _protect(
            top=top, sub=sub, sub_parent=sub_parent, n_top=n_top, count=count, primary_mask=primary_mask,
            threshold=threshold,
        )
    return _MEMO[key]


def _protect(*, top, sub, sub_parent, n_top, count, primary_mask, threshold) -> Suppression:
    c = np.asarray(count, dtype="float64")
    has = ~np.isnan(c)
    first = primary_mask & has
    hidden = first.copy()
    sub_parent = np.asarray(sub_parent, dtype="int64")
    n_sub = sub_parent.size
    top_hidden, top_small = np.zeros(n_top, dtype=bool), np.zeros(n_top, dtype=bool)
    sub_hidden, sub_small = np.zeros(n_sub, dtype=bool), np.zeros(n_sub, dtype=bool)
    rows = np.flatnonzero(has)
    thr_top = np.zeros(n_top)
    np.maximum.at(thr_top, top[rows], np.asarray(threshold, dtype="float64")[rows])
    tops_with_rows = np.unique(top[rows])
    order = rows[np.argsort(top[rows], kind="stable")]
    starts = np.searchsorted(top[order], tops_with_rows)
    ends = np.r_[starts[1:], order.size]
    for g_top, a, b in zip(tops_with_rows, starts, ends):
        members = order[a:b]
        thr = float(thr_top[g_top])
        w = c[members]
        regs, reg_of = np.unique(sub[members], return_inverse=True)
        reg_total = np.bincount(reg_of, weights=w, minlength=regs.size)
        value = np.r_[w, reg_total, w.sum()]
        prim = np.r_[first[members], small_total(np.r_[reg_total, w.sum()], thr)]
        if not prim.any():
            continue
        g = Group(value, reg_of, regs.size, thr, prim, prim.copy())
        h, s = protect_group(g)
        n = members.size
        hidden[members] |= h[:n]
        sub_hidden[regs] |= h[n:-1]
        sub_small[regs] |= h[n:-1] & s[n:-1]
        top_hidden[g_top] |= h[-1]
        top_small[g_top] |= h[-1] & s[-1]
    return Suppression(
        primary=first,
        secondary=hidden & ~first,
        hidden_totals=(top_hidden, sub_hidden),
        small_totals=(top_small, sub_small),
    )

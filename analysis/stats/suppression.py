"""Small numbers: which values are hidden, decided once here for every view.

Rules (see methods_*.md for the plain-language version):
1. Primary: a count of 1 up to the indicator's threshold − 1 (default threshold 5) is shown as "<5". A zero
   is shown: nobody can be identified from it. Any value derived from a hidden count (its rate, interval,
   trend, benchmark and rank) is hidden too.
2. Secondary: the totals we publish are Latvia (per indicator and year) and each statistical region. If a
   total is shown and the hidden cells under it are a single cell, or add up to less than the threshold,
   the smallest other non-zero cell under that total is hidden as well (shown as "x"). If no such cell
   exists, the total is hidden instead.
3. Nested totals: Latvia's total is the sum of the regions' totals, so a hidden regional total could be
   worked out from Latvia's and the other regions'. The same test applies one level up: if the hidden
   regional totals of an indicator and year are a single one, or add up to less than the threshold, the
   smallest shown regional total that has a hidden cell is hidden too (a total of shown cells would give
   nothing away), or else Latvia's total. Rules 2 and 3 repeat until nothing changes.
   The catalogue declares no indicators that are parts of another indicator, so no other totals exist.
4. `show_unsuppressed=True` (for views of people allowed to see everything) shows all figures; the flags
   still say which values would be hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_PASSES = 20


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
    """Row flags plus, per grouping, the groups whose total must be hidden."""

    primary: np.ndarray
    secondary: np.ndarray
    hidden_totals: tuple[np.ndarray, ...]

    @property
    def hidden(self) -> np.ndarray:
        return self.primary | self.secondary


def _first_per_group(groups: np.ndarray, count: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Row positions of the smallest count in each group among the given rows."""
    if rows.size == 0:
        return rows
    order = rows[np.lexsort((count[rows], groups[rows]))]
    g = groups[order]
    return order[np.r_[True, g[1:] != g[:-1]]]


def _protect_hidden_totals(
    *,
    child: np.ndarray,
    n_child: int,
    parent_of: np.ndarray,
    n_parent: int,
    count: np.ndarray,
    hidden: np.ndarray,
    child_hidden: np.ndarray,
    parent_hidden: np.ndarray,
    parent_threshold: np.ndarray,
) -> bool:
    """Rule 3 in place: hides a second child total (or the parent) where a hidden child total is exposed."""
    has = ~np.isnan(count)
    rows = np.bincount(child, weights=has.astype("float64"), minlength=n_child) > 0
    total = np.bincount(child, weights=np.where(has, count, 0.0), minlength=n_child)
    with_hidden_cell = np.bincount(child, weights=(hidden & has).astype("float64"), minlength=n_child) > 0
    off = rows & child_hidden
    n_off = np.bincount(parent_of, weights=off.astype("float64"), minlength=n_parent)
    off_sum = np.bincount(parent_of, weights=np.where(off, total, 0.0), minlength=n_parent)
    exposed = (n_off >= 1) & ((n_off == 1) | (off_sum < parent_threshold)) & ~parent_hidden
    if not exposed.any():
        return False
    candidates = np.flatnonzero(rows & ~child_hidden & with_hidden_cell & (total > 0) & exposed[parent_of])
    picked = _first_per_group(parent_of, total, candidates)
    child_hidden[picked] = True
    rescued = np.zeros(n_parent, dtype=bool)
    rescued[parent_of[picked]] = True
    parent_hidden |= exposed & ~rescued
    return True


def secondary(
    *,
    groupings: list[np.ndarray] | tuple[np.ndarray, ...],
    count: np.ndarray,
    primary_mask: np.ndarray,
    threshold: np.ndarray,
    sizes: list[int] | tuple[int, ...] | None = None,
    nested: list[tuple[int, int, np.ndarray]] | tuple = (),
) -> Suppression:
    """Hides extra cells (and totals) until no published total lets anyone work out a hidden figure.

    `groupings` are row → total numbers (e.g. indicator × year, and indicator × year × region); rows without
    a count take no part. `sizes` gives the number of totals per grouping (default: largest number + 1).
    `nested` lists (child, parent, parent_of) where the child grouping's totals add up to the parent's:
    parent_of maps each child total to its parent total.
    """
    c = np.asarray(count, dtype="float64")
    has = ~np.isnan(c)
    cz = np.where(has, c, 0.0)
    first = primary_mask & has
    hidden = first.copy()
    if sizes is None:
        sizes = [int(g.max()) + 1 if g.size else 0 for g in groupings]
    totals_hidden = [np.zeros(n, dtype=bool) for n in sizes]
    group_threshold = []
    for g, n in zip(groupings, sizes):
        thr = np.zeros(n)
        np.maximum.at(thr, g, np.where(has, threshold, 0.0))
        total = np.bincount(g, weights=cz, minlength=n)
        group_threshold.append(thr)
        totals_hidden[len(group_threshold) - 1] |= small_total(total, thr)
    for _ in range(MAX_PASSES):
        changed = False
        for k, (g, n) in enumerate(zip(groupings, sizes)):
            n_hidden = np.bincount(g, weights=hidden.astype("float64"), minlength=n)
            hidden_sum = np.bincount(g, weights=np.where(hidden, cz, 0.0), minlength=n)
            exposed = (n_hidden >= 1) & ((n_hidden == 1) | (hidden_sum < group_threshold[k]))
            exposed &= ~totals_hidden[k]
            if not exposed.any():
                continue
            candidates = np.flatnonzero(has & ~hidden & (cz > 0) & exposed[g])
            picked = _first_per_group(g, cz, candidates)
            hidden[picked] = True
            rescued = np.zeros(n, dtype=bool)
            rescued[g[picked]] = True
            totals_hidden[k] |= exposed & ~rescued
            changed = True
        for child, parent, parent_of in nested:
            changed |= _protect_hidden_totals(
                child=groupings[child],
                n_child=sizes[child],
                parent_of=np.asarray(parent_of, dtype="int64"),
                n_parent=sizes[parent],
                count=np.where(has, cz, np.nan),
                hidden=hidden,
                child_hidden=totals_hidden[child],
                parent_hidden=totals_hidden[parent],
                parent_threshold=group_threshold[parent],
            )
        if not changed:
            break
    return Suppression(primary=first, secondary=hidden & ~first, hidden_totals=tuple(totals_hidden))

"""Merged ranges bounded by what the sheet really holds, so filling them costs no more than the sheet's own cells.

A file can declare A3:XFD3002 over a table four columns wide, or thousands of ranges piled on one another (Excel
never writes overlapping merges). Each range is clipped to the sheet's rows and its widest row, and a range that
overlaps one kept before it is left out and reported; what remains is disjoint, so filling touches each cell once.
"""

from __future__ import annotations

from typing import Any

from analysis.ingest.safety import Deadline, refuse
from analysis.report import IssueType, Report

MAX_MERGED_RANGES = 20_000
_CHECK_EVERY = 500

MERGES_OVERLAP = IssueType(
    "merged-ranges-overlap", "warning",
    "Lapā “{name}” {n} apvienotie apgabali pārklājas ar jau apvienotām šūnām, tāpēc tie netika ņemti vērā "
    "(pirmais: {first})",
    "On sheet “{name}”, {n} merged ranges overlap cells already merged, so they were ignored (first: {first})",
)
TOO_MANY_MERGES = IssueType(
    "too-many-merged-ranges", "error",
    "Fails “{file}” atteikts: lapā “{sheet}” ir {n} apvienoti apgabali, atļauts ne vairāk kā {limit}",
    "File “{file}” refused: sheet “{sheet}” has {n} merged ranges; the limit is {limit}",
)


def bounded_merges(
    merged: list[tuple[int, int, int, int]],
    *,
    rows: list[list[Any]],
    sheet: str,
    file: str,
    report: Report,
    deadline: Deadline,
) -> list[tuple[int, int, int, int]]:
    """The ranges clipped to the sheet's extent, overlapping ones dropped (the first one written wins)."""
    if not merged:
        return []
    if len(merged) > MAX_MERGED_RANGES:
        raise refuse(TOO_MANY_MERGES, file=file, sheet=sheet, n=len(merged), limit=MAX_MERGED_RANGES)
    import numpy as np  # here, not at the top: only sheets with merges pay for it

    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    kept = np.zeros((len(merged), 4), dtype=np.int64)
    out: list[tuple[int, int, int, int]] = []
    dropped: list[tuple[int, int, int, int]] = []
    for i, (r0, c0, r1, c1) in enumerate(merged):
        if i % _CHECK_EVERY == 0:
            deadline.check()
        r1, c1 = min(r1, height - 1), min(c1, width - 1)
        if r0 > r1 or c0 > c1 or (r0 == r1 and c0 == c1):
            continue  # wholly outside the data, or shrunk to one cell: nothing to fill
        k = len(out)
        if k:
            prior = kept[:k]
            if bool(np.any((prior[:, 0] <= r1) & (r0 <= prior[:, 2]) & (prior[:, 1] <= c1) & (c0 <= prior[:, 3]))):
                dropped.append(merged[i])
                continue
        kept[k] = (r0, c0, r1, c1)
        out.append((r0, c0, r1, c1))
    if dropped:
        report.add(MERGES_OVERLAP, sheet=sheet, name=sheet, n=len(dropped), first=_a1(dropped[0]))
    return out


def _a1(span: tuple[int, int, int, int]) -> str:
    r0, c0, r1, c1 = span
    return f"{_letters(c0 + 1)}{r0 + 1}:{_letters(c1 + 1)}{r1 + 1}"


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out

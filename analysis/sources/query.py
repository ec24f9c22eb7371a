"""Queries that stay under the service's cell limit, and the published cells summed into one figure per area and year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import prod

from analysis.sources.responses import Cell

Selection = dict[str, tuple[str, ...]]

# What the portal's symbols for a missing value mean; the status is what the store keeps, the note says which.
SYMBOLS: dict[str, tuple[str, str]] = {
    "..": ("not_available", "CSP “..”: dati nav pieejami / data not available"),
    "…": ("not_available", "CSP “…”: dati nav pieejami / data not available"),
    "...": ("not_available", "CSP “...”: dati nav pieejami / data not available"),
    ".": ("not_available", "CSP “.”: nav piemērojams / not applicable"),
    "-": ("zero", "CSP “-”: parādības nav / magnitude nil"),
    "x": ("confidential", "CSP “x”: konfidenciāli / confidential"),
    "c": ("confidential", "CSP “c”: konfidenciāli / confidential"),
}


def cells_in(selection: Selection) -> int:
    return prod(len(v) for v in selection.values()) if selection else 0


def split(selection: Selection, *, max_cells: int, order: tuple[str, ...]) -> list[Selection]:
    """Halves the first splittable variable (in `order`, then the longest) until each query fits under max_cells."""
    if cells_in(selection) <= max_cells:
        return [selection]
    candidates = [v for v in order if len(selection.get(v, ())) > 1]
    candidates += sorted((v for v in selection if v not in candidates and len(selection[v]) > 1),
                         key=lambda v: -len(selection[v]))
    if not candidates:
        return [selection]  # one cell cannot be split; the service will say so
    var = candidates[0]
    values = selection[var]
    other = cells_in(selection) // len(values)
    size = max(1, max_cells // max(other, 1))
    if size >= len(values):
        size = (len(values) + 1) // 2
    parts: list[Selection] = []
    for start in range(0, len(values), size):
        part = dict(selection)
        part[var] = values[start : start + size]
        parts += split(part, max_cells=max_cells, order=order)
    return parts


def year_of(code: str) -> int | None:
    """'2024' → 2024 (yearly tables); other periods ('2024M01', '2024Q1') are not yearly figures."""
    m = re.fullmatch(r"\s*(\d{4})\s*", code)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Figure:
    """One area's figure for one period: a number, or a status with the portal's meaning."""

    area: str
    period: str
    value: float | None
    status: str | None
    note: str | None


def _matches(cell: Cell, wanted: Selection) -> bool:
    codes = dict(cell.codes)
    return all(codes.get(var) in values for var, values in wanted.items() if var in codes)


def _status(symbol: str | None) -> tuple[str, str]:
    symbol = symbol or ".."
    return SYMBOLS.get(symbol, ("not_available", f"CSP “{symbol}”: nav publicēts / not published"))


def combine(
    cells: list[Cell], *, wanted: Selection, sum_over: str | None, area: str, period: str
) -> dict[tuple[str, str], Figure]:
    """One figure per (area, period) from the wanted cells, summing over `sum_over`; a missing part makes the sum missing."""
    groups: dict[tuple[str, str], list[Cell]] = {}
    for cell in cells:
        if _matches(cell, wanted):
            groups.setdefault((cell.code(area), cell.code(period)), []).append(cell)
    expected = len(wanted.get(sum_over, ())) if sum_over else 1
    out: dict[tuple[str, str], Figure] = {}
    for key, parts in groups.items():
        if len(parts) != expected:
            raise ValueError(f"{key}: {len(parts)} cells where {expected} were expected")
        nil = [p for p in parts if p.value is None and _status(p.symbol)[0] == "zero"]
        gaps = [p for p in parts if p.value is None and p not in nil]
        if gaps:
            status, note = _status(gaps[0].symbol)
            out[key] = Figure(*key, value=None, status=status, note=note)
        elif nil and len(nil) == len(parts):
            out[key] = Figure(*key, value=0.0, status="zero", note=_status(nil[0].symbol)[1])
        else:  # a nil part of a sum of published parts counts as 0
            out[key] = Figure(*key, value=sum(p.value or 0.0 for p in parts), status=None, note=None)
    return out

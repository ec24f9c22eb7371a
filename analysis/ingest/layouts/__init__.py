"""Finds the table in a sheet and says which layout it has: long, wide, csp, group or template."""

from __future__ import annotations

from typing import Any

from analysis.ingest.layouts.common import (
    FRAME_COLUMNS,
    Extraction,
    column_index,
    column_letter,
    header_role,
    header_year,
    is_blank,
    nonblank_count,
    prepared_rows,
)
from analysis.ingest.layouts.csp import is_csp, title_of
from analysis.ingest.layouts.group import is_group_sheet
from analysis.ingest.layouts.long import Resolver, extract_long
from analysis.ingest.layouts.template import HELPER_SHEETS, is_template_header
from analysis.ingest.layouts.wide import extract_wide
from analysis.ingest.raw import RawSheet
from analysis.report import Report

LAYOUTS = ("long", "wide", "csp", "group", "template")
HEADER_SCAN_ROWS = 40
KEY_ROLES = {"municipality", "indicator", "year", "value", "count"}

__all__ = [
    "FRAME_COLUMNS",
    "LAYOUTS",
    "Extraction",
    "column_index",
    "column_letter",
    "extract",
    "find_header",
]


def _looks_numeric(cell: object) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return True
    if isinstance(cell, str):
        s = cell.replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%")
        try:
            float(s)
            return True
        except ValueError:
            return s in ("…", "..", "...", "-")
    return False


def find_header(rows: list[list[Any]]) -> tuple[str, int, list[tuple[int, int, str | None]]] | None:
    """The header row: ('wide', row, year columns) when years run across, ('long', row, []) when columns name roles."""
    limit = min(len(rows), HEADER_SCAN_ROWS)
    for i in range(limit):
        line = rows[i]
        if nonblank_count(line) < 2:
            continue
        roles = [header_role(c) for c in line]
        years = []
        for j, cell in enumerate(line):
            y, form = header_year(cell)
            if y is not None:
                years.append((j, y, form))
        labels = [c for c in line if isinstance(c, str) and c.strip() and header_year(c)[0] is None]
        year_cols = {j for j, _, _ in years}
        # a data row of a long table also holds a year, but next to other numbers; a header holds none
        numbers = [c for j, c in enumerate(line) if j not in year_cols and _looks_numeric(c) and not is_blank(c)]
        if years and labels and "year" not in roles and not numbers:
            return "wide", i, years
        if KEY_ROLES & set(roles):
            return "long", i, []
    # no header words: the first row of distinct texts followed by a row with numbers
    for i in range(min(len(rows) - 1, HEADER_SCAN_ROWS)):
        cells = [c for c in rows[i] if not is_blank(c)]
        if len(cells) < 2 or not all(isinstance(c, str) for c in cells) or len(set(cells)) < len(cells):
            continue
        nxt = rows[i + 1]
        if any(_looks_numeric(c) for c in nxt) and nonblank_count(nxt) >= 2:
            return "long", i, []
    return None


def extract(sheet: RawSheet, *, report: Report, resolve: Resolver, template_workbook: bool = False) -> Extraction | None:
    """The sheet's value cells with their layout, or None when the sheet holds no table we understand."""
    if template_workbook and sheet.name in HELPER_SHEETS:
        return None
    rows = prepared_rows(sheet)
    found = find_header(rows)
    if found is None:
        return None
    kind, header, years = found
    csp = is_csp(rows, header=header)
    if kind == "long":
        layout = "template" if is_template_header(rows[header]) else ("csp" if csp else "long")
        return extract_long(rows, header=header, sheet_name=sheet.name, report=report, resolve=resolve, layout=layout)
    if csp:
        ext = extract_wide(
            rows,
            header=header,
            year_cols=years,
            sheet_name=sheet.name,
            report=report,
            resolve=resolve,
            layout="csp",
            title=title_of(rows),
        )
        ext.notes["national"] = not ext.notes.get("territorial", False)
        return ext
    layout = "group" if is_group_sheet(sheet, rows, header=header) else "wide"
    return extract_wide(
        rows, header=header, year_cols=years, sheet_name=sheet.name, report=report, resolve=resolve, layout=layout
    )

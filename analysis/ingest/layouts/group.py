"""The cooperation group's own workbook: a sheet per domain, merged title rows, a notes column, footnotes below."""

from __future__ import annotations

from typing import Any

from analysis.ingest.layouts.common import header_role
from analysis.ingest.raw import RawSheet


def is_group_sheet(sheet: RawSheet, rows: list[list[Any]], *, header: int) -> bool:
    """Title rows merged above the header, or a notes column beside the years: the group's own way of writing."""
    merged_above = any(r0 < header for r0, _, _, _ in sheet.merged)
    notes = any(header_role(c) == "note" for c in rows[header])
    return merged_above or (notes and header > 0)

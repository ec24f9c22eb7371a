"""What a reader hands to layout detection: the cells of each sheet exactly as the file holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.report import Report


class UnreadableFile(Exception):
    """The file cannot be read at all (exit code 2); `lv` and `en` say why, kept apart, each one line."""

    def __init__(self, lv: str, en: str) -> None:
        super().__init__(f"{lv} / {en}")
        self.lv, self.en = lv, en


@dataclass
class RawSheet:
    """One sheet (or a CSV/PX file as a single sheet); rows[0] is the spreadsheet's row 1."""

    name: str
    rows: list[list[Any]]
    # merged ranges as (first_row, first_col, last_row, last_col), 0-based, inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (row, col) 0-based of formula cells that carry no cached value
    formula_without_value: set[tuple[int, int]] = field(default_factory=set)
    # 'xlsx' | 'xls' | 'ods' | 'csv' | 'html' | 'px'
    source_format: str = ""
    # reader details worth reporting: encoding, delimiter, PX keywords …
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class RawWorkbook:
    """All sheets of one file, with format-level issues already found while reading."""

    file_name: str
    sheets: list[RawSheet]
    report: Report = field(default_factory=Report)
    size_bytes: int = 0
    sha256: str = ""

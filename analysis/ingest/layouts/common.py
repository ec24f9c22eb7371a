"""What every layout shares: header words people use, year-like headers, merged cells and the tidy frame shape."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.ingest.raw import RawSheet
from analysis.ingest.values import FORMULA_WITHOUT_VALUE, year_of
from analysis.report import IssueType
from analysis.text import clean_label, fold

# The frame every layout hands to the pipeline: one row per value cell, raw cells untouched.
FRAME_COLUMNS = (
    "source_row",  # 1-based row of the value cell
    "municipality",  # raw label, or None when given once for the sheet
    "municipality_col",
    "indicator",  # raw label
    "indicator_alt",  # a longer label (title + dimensions) kept as the custom key, or None
    "indicator_col",
    "year",  # raw cell
    "year_row",  # where a year problem is reported (header row in wide tables)
    "year_col",
    "value",
    "value_col",
    "count",
    "count_col",
    "denominator",
    "denominator_col",
    "status",
    "status_col",
    "note",
    "unit",  # what the file says the value is in: a unit cell, or the value column's own header ('Skaits'), or None
)

ROLES = ("municipality", "indicator", "year", "value", "count", "denominator", "status", "note", "unit")

# Folded header words -> role. Bilingual headers ("Gads / Year") are split on '/' before lookup.
HEADER_WORDS: dict[str, str] = {}
for _role, _words in {
    "municipality": [
        "pašvaldība",
        "pašvaldības",
        "pašvaldības nosaukums",
        "pašvaldības kods",
        "municipality",
        "municipality name",
        "municipality code",
        "teritoriālā vienība",
        "territorial unit",
        "teritorija",
        "territory",
        "administratīvā teritorija",
        "novads",
        "novads/pilsēta",
        "atvk",
        "atvk kods",
    ],
    "indicator": [
        "rādītājs",
        "rādītāji",
        "rādītāja nosaukums",
        "rādītāja id",
        "rādītāja kods",
        "indikators",
        "indicator",
        "indicators",
        "indicator id",
        "indicator name",
        "kpi",
    ],
    "year": ["gads", "gadi", "year", "laika periods", "time period", "periods", "period"],
    "value": ["vērtība", "value", "values", "skaitliskā vērtība"],
    "count": ["skaits", "count", "skaitītājs", "numerator"],
    "denominator": ["saucējs", "denominator", "bāzes skaits", "base"],
    "status": ["statuss", "status", "karodziņš", "flag"],
    "note": ["piezīme", "piezīmes", "note", "notes", "komentārs", "komentāri", "comment", "comments", "avots", "source"],
    "unit": ["mērvienība", "mērvienības", "mērv.", "unit", "units", "unit of measure"],
}.items():
    for _w in _words:
        HEADER_WORDS[fold(_w)] = _role

_MUNI_LINE = re.compile(
    r"^\s*(pasvaldiba|municipality|novads|valstspilseta|teritorija)\s*[:：]\s*(.+?)\s*$", re.IGNORECASE
)
_MUNI_WORD = re.compile(r"^\s*(pasvaldiba|municipality)\s*[:：]?\s*$", re.IGNORECASE)

NOTES_BELOW = IssueType(
    "notes-below-table",
    "info",
    "Rindas zem tabulas ({n}) uzskatītas par piezīmēm un netiek lasītas kā dati",
    "Lines below the table ({n}) are treated as footnotes, not data",
)
COLUMN_IGNORED = IssueType(
    "column-ignored",
    "info",
    "Kolonna '{header}' netiek lasīta (nav atpazīta kā dati)",
    "Column '{header}' is not read (not recognised as data)",
)
LINES_IGNORED = IssueType(
    "lines-ignored",
    "info",
    "{n} rindas bez gada un vērtības netiek lasītas (pirmā šeit)",
    "{n} rows without a year or value are not read (the first is here)",
)


@dataclass
class Extraction:
    """A sheet's table found and cut into value cells, before any matching or checking."""

    layout: str
    frame: pd.DataFrame
    header_row: int
    municipality_label: str | None = None
    municipality_row: int | None = None
    notes: dict[str, Any] = field(default_factory=dict)


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB': the column as the user sees it in Excel."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(letter: str | None) -> int:
    if not letter or not letter.isalpha():
        return -1
    n = 0
    for ch in letter.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def is_blank(cell: object) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and cell != cell:
        return True
    if isinstance(cell, str):
        return cell.replace("\u00a0", " ").strip() == ""
    return False


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    return fold(text)


def header_role(cell: object) -> str | None:
    """The role a header cell names, if people commonly write it that way."""
    if not isinstance(cell, str):
        return None
    text = _fold(cell).replace("_", " ").rstrip(":*").strip()
    if text in HEADER_WORDS:
        return HEADER_WORDS[text]
    for part in re.split(r"\s*[/|]\s*", text):
        part = part.rstrip(":*").strip()
        if part in HEADER_WORDS:
            return HEADER_WORDS[part]
    return None


def header_year(cell: object) -> tuple[int | None, str | None]:
    """A header cell that names a year (2024, '2024', '2024.g.'): (year, form) or (None, None)."""
    if cell is None or isinstance(cell, bool):
        return None, None
    if isinstance(cell, str) and not re.match(r"^\s*\d{4}", cell):
        return None, None
    if isinstance(cell, (int, float)) and not (1950 <= cell <= 2100):
        return None, None
    year, problem, form = year_of(cell)
    if year is None or problem:
        return None, None
    return year, form


def prepared_rows(sheet: RawSheet) -> list[list[Any]]:
    """The sheet's rows with merged ranges filled from their first cell and formula gaps marked."""
    rows = sheet.rows
    touched: dict[int, list[Any]] = {}

    def row(r: int) -> list[Any]:
        if r not in touched:
            touched[r] = list(rows[r])
        return touched[r]

    for r, c in sheet.formula_without_value:
        if r < len(rows):
            line = row(r)
            while len(line) <= c:
                line.append(None)
            line[c] = FORMULA_WITHOUT_VALUE
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        top = rows[r0][c0] if r0 not in touched else touched[r0][c0]
        if is_blank(top):
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            line = row(r)
            while len(line) <= c1:
                line.append(None)
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and is_blank(line[c]):
                    line[c] = top
    if not touched:
        return rows
    return [touched.get(i, r) for i, r in enumerate(rows)]


def municipality_line(rows: list[list[Any]], *, before: int) -> tuple[str | None, int | None]:
    """A 'Pašvaldība: Cēsu novads' line above the table: the label and its 1-based row."""
    for r in range(min(before, len(rows))):
        line = rows[r]
        for c, cell in enumerate(line):
            if not isinstance(cell, str):
                continue
            m = _MUNI_LINE.match(_fold(cell))
            if m:
                raw = cell.split(":", 1)[-1] if ":" in cell else cell.split("：", 1)[-1]
                return clean_label(raw), r + 1
            if _MUNI_WORD.match(_fold(cell)):
                rest = [x for x in line[c + 1 :] if not is_blank(x)]
                if rest:
                    return clean_label(rest[0]), r + 1
    return None, None


def nonblank_count(line: list[Any]) -> int:
    return sum(1 for x in line if not is_blank(x))


def to_frame(rows: list[list[Any]], width: int) -> pd.DataFrame:
    """Rows (ragged lists) as an object DataFrame with exactly `width` columns."""
    if not rows:
        return pd.DataFrame({i: pd.Series([], dtype=object) for i in range(width)})
    if any(len(r) != width for r in rows):
        rows = [list(r[:width]) + [None] * (width - len(r)) for r in rows]
    return pd.DataFrame(rows, dtype=object, columns=range(width))


_BLANKS = ("", " ", "  ", "   ", "\t", "\u00a0", "\n")


def blank_mask(frame: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is empty (None, NaN or only blanks), for the whole frame in one pass."""
    arr = frame.to_numpy(dtype=object)
    flat = pd.Series(arr.ravel(), dtype=object)
    blank = (flat.isna() | flat.isin(_BLANKS)).to_numpy().reshape(arr.shape)
    return pd.DataFrame(blank, index=frame.index, columns=frame.columns)


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in FRAME_COLUMNS})

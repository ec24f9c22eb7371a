"""Hostile uploads from issue 9, generated here (never committed as binaries): each small, each once fatal.

- crash_file: a valid workbook plus ``<row r="1048576"><c  r='XFD1048576'>`` (single quotes, two spaces):
  calamine allocated the whole 1048576 × 16384 rectangle and aborted the server.
- row_without_refs: row 1048576 with 200 ``<c>`` that have no r= (6.7 GB before the cell limit was checked).
- merged_range: a small table with the merged range A3:XFD3002 (1.3 GB when the range was filled).
- overlapping_merges: 3,000 rows under 3,000 merged ranges piled on one another (141 s of CPU).
- unknown_names: 100,000 distinct indicator labels that are in no catalogue (past 240 s).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from tests.fixtures.ingest.make_format_fixtures import xlsx_bytes

HEADER = ("Pašvaldība", "Rādītājs", "Gads", "Vērtība")


def _text(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def _table_rows(n: int) -> list[str]:
    """A long-layout table: a header row and n rows for Cēsu novads (births), years 2000 onwards."""
    rows = ['<row r="1">' + "".join(_text(f"{c}1", h) for c, h in zip("ABCD", HEADER)) + "</row>"]
    for i in range(n):
        r = i + 2
        rows.append(
            f'<row r="{r}">{_text(f"A{r}", "Cēsu novads")}{_text(f"B{r}", "Dzimušo skaits")}'
            f'<c r="C{r}"><v>{2000 + i % 25}</v></c><c r="D{r}"><v>{100 + i}</v></c></row>'
        )
    return rows


def _workbook(rows: list[str], *, after: str = "") -> bytes:
    return xlsx_bytes([("Dati", "<sheetData>" + "".join(rows) + "</sheetData>" + after)])


def crash_file() -> bytes:
    return _workbook([*_table_rows(20), "<row r=\"1048576\"><c  r='XFD1048576'><v>1</v></c></row>"])


def row_without_refs() -> bytes:
    return _workbook([*_table_rows(20), '<row r="1048576">' + "<c><v>1</v></c>" * 200 + "</row>"])


def merged_range() -> bytes:
    return _workbook(_table_rows(20), after='<mergeCells count="1"><mergeCell ref="A3:XFD3002"/></mergeCells>')


def overlapping_merges(n: int = 3000) -> bytes:
    merges = "".join(f'<mergeCell ref="A{i}:D{i + n - 1}"/>' for i in range(2, n + 2))
    return _workbook(_table_rows(n), after=f'<mergeCells count="{n}">{merges}</mergeCells>')


def unknown_names(n: int = 100_000) -> bytes:
    lines = ["municipality,indicator,year,value"]
    lines += [f"Cēsu novads,Nezināms rādītājs {i:06d},2023,{i % 997}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode("utf-8")


HOSTILE = {
    "crash.xlsx": crash_file,
    "row_without_refs.xlsx": row_without_refs,
    "merged_range.xlsx": merged_range,
    "overlapping_merges.xlsx": overlapping_merges,
    "unknown_names.csv": unknown_names,
}

"""HTML tables saved with an .xls name, as older web systems export them: each <table> becomes a sheet.

Parsed with the standard library's html.parser (no lxml, nothing fetched). A cell spanning several
columns or rows is written once and followed by empty cells, the way a merged range reads in Excel,
and the span is recorded in RawSheet.merged.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath

from analysis.ingest.raw import RawSheet
from analysis.ingest.readers.encoding import decode_text, report_decoding
from analysis.ingest.safety import NO_HTML_TABLE, Deadline, Limits, check_cells, refuse
from analysis.report import IssueType, Report

READ_AS_HTML = IssueType(
    "read-as-html", "info",
    "Fails “{file}” nav īsts Excel fails, bet tīmekļa lapa (HTML); nolasīta tā tabula",
    "File “{file}” is not a real Excel file but a web page (HTML); its table was read",
)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f]+")
_FEED_CHARS = 1 << 20
_MAX_SPAN = 1000


def read_html(data: bytes, *, file: str, limits: Limits, deadline: Deadline, report: Report) -> list[RawSheet]:
    """Every non-empty table, in document order; no table at all is a refusal."""
    declared = _META_CHARSET.search(data[:4096])
    decoded = decode_text(data, declared=declared.group(1).decode("ascii") if declared else None)
    parser = _TableParser()
    text = decoded.text
    for start in range(0, len(text), _FEED_CHARS):
        parser.feed(text[start : start + _FEED_CHARS])
        deadline.check()
        check_cells(cells=parser.cells, sheet="HTML", file=file, limits=limits)
    parser.close()
    tables = [t for t in sorted(parser.done, key=lambda t: t.order) if any(t.rows)]
    if not tables:
        raise refuse(NO_HTML_TABLE, file=file)
    stem = PurePath(file).stem or file
    names = [stem] if len(tables) == 1 else [f"Tabula {i}" for i in range(1, len(tables) + 1)]
    report_decoding(decoded, report)
    meta = {"encoding": decoded.encoding}
    return [
        RawSheet(name=name, rows=t.rows, merged=t.merged, source_format="html", meta=dict(meta))
        for name, t in zip(names, tables)
    ]


class _Table:
    """One table being assembled, with the row spans still hanging over the next rows."""

    def __init__(self, order: int) -> None:
        self.order = order
        self.rows: list[list[str]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)
        self.hanging: dict[int, int] = {}  # column → rows it still covers below
        self.active: dict[int, int] = {}

    def start_row(self) -> None:
        self.end_row()
        self.row = []
        self.active = dict(self.hanging)
        self.hanging = {}

    def start_cell(self, colspan: int, rowspan: int) -> None:
        self.end_cell()
        if self.row is None:
            self.start_row()
        self.cell = []
        self.cell_span = (colspan, rowspan)

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            self.cell = None
            return
        row = self.row
        self._skip_covered()
        first = len(row)
        colspan, rowspan = self.cell_span
        row.append(_SPACE.sub(" ", "".join(self.cell)).strip())
        row.extend([""] * (colspan - 1))
        if colspan > 1 or rowspan > 1:
            r = len(self.rows)
            self.merged.append((r, first, r + rowspan - 1, first + colspan - 1))
        if rowspan > 1:
            for c in range(first, first + colspan):
                self.hanging[c] = rowspan - 1
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row is None:
            return
        for column in sorted(self.active):
            while len(self.row) <= column:
                self.row.append("")
        for column, left in self.active.items():
            if left > 1:
                self.hanging.setdefault(column, left - 1)
        self.rows.append(self.row)
        self.row = None
        self.active = {}

    def _skip_covered(self) -> None:
        """Columns still covered by a rowspan from above read as empty cells."""
        assert self.row is not None
        while len(self.row) in self.active:
            self.row.append("")


class _TableParser(HTMLParser):
    """Collects tables; text outside cells (titles, scripts) is ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[_Table] = []
        self.done: list[_Table] = []
        self.count = 0
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.open.append(_Table(self.count))
            self.count += 1
        elif not self.open:
            return
        elif tag == "tr":
            self.open[-1].start_row()
        elif tag in ("td", "th"):
            values = dict(attrs)
            colspan, rowspan = _span(values.get("colspan")), _span(values.get("rowspan"))
            self.cells += colspan
            self.open[-1].start_cell(colspan, rowspan)
        elif tag == "br" and self.open[-1].cell is not None:
            self.open[-1].cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            return
        table = self.open[-1]
        if tag in ("td", "th"):
            table.end_cell()
        elif tag == "tr":
            table.end_row()
        elif tag == "table":
            table.end_row()
            self.done.append(self.open.pop())

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1].cell is not None:
            self.open[-1].cell.append(data)

    def close(self) -> None:
        super().close()
        while self.open:
            table = self.open.pop()
            table.end_row()
            self.done.append(table)


def _span(value: str | None) -> int:
    """colspan/rowspan as written by hand-made HTML: missing, blank or silly values mean one."""
    try:
        span = int(str(value).strip())
    except ValueError:
        return 1
    return min(max(span, 1), _MAX_SPAN)

"""Delimited text (.csv/.tsv/.txt): decoded, delimiter sniffed, every cell kept as the exact string.

Numbers are not converted here: "1 234,5" and "0012" mean different things in different columns, and
the value parser, which knows the column, decides. Only line endings are removed; ragged rows stay
ragged and blank lines stay as empty rows, so row numbers match what the user sees in a text editor
(except inside quoted multi-line fields).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import PurePath

from analysis.ingest.raw import RawSheet
from analysis.ingest.readers.encoding import decode_text, report_decoding
from analysis.ingest.safety import CORRUPT_FILE, FILE_EMPTY, Deadline, Limits, broken, check_cells, refuse
from analysis.report import Report

# tried in this order; on equal evidence the earlier wins (";" beats "," so decimal commas do not split)
DELIMITERS = ("\t", ";", ",")
_SAMPLE_CHARS = 65536
_CHECK_EVERY = 50_000


def read_csv(data: bytes, *, file: str, limits: Limits, deadline: Deadline, report: Report) -> list[RawSheet]:
    """One sheet named after the file."""
    decoded = decode_text(data)
    if not decoded.text.strip("\ufeff \t\r\n"):
        raise refuse(FILE_EMPTY, file=file)
    name = PurePath(file).stem or file
    report_decoding(decoded, report, sheet=name)
    delimiter = sniff_delimiter(decoded.text)
    _check_cells_first(decoded.text, delimiter=delimiter, file=file, limits=limits, deadline=deadline, sheet=name)
    rows = parse_rows(decoded.text, delimiter=delimiter, file=file, limits=limits, deadline=deadline, sheet=name)
    meta = {"encoding": decoded.encoding, "delimiter": delimiter, "bom": decoded.bom}
    return [RawSheet(name=name, rows=rows, source_format="csv", meta=meta)]


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most rows into the same number of fields.

    csv.Sniffer guesses from character frequencies and is thrown by a portal export's quoted title line;
    counting fields per parsed row (quotes respected) is steadier.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)]
        except csv.Error:
            continue
        multi = Counter(w for w in widths if w > 1)
        score = multi.most_common(1)[0][1] if multi else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _check_cells_first(
    text: str, *, delimiter: str, file: str, limits: Limits, deadline: Deadline, sheet: str
) -> None:
    """Refuse before any row is built: a row list costs far more than the text (2 million values, 2 GB).

    Delimiters plus line breaks bound the fields from above in one C-level pass; only a file near the limit is
    counted exactly (quoted delimiters are not fields), still without keeping a row.
    """
    if text.count(delimiter) + text.count("\n") + 1 <= limits.max_cells:
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    cells = 0
    try:
        for n, row in enumerate(reader, 1):
            cells += len(row)
            if n % _CHECK_EVERY == 0:
                deadline.check()
                check_cells(cells=cells, sheet=sheet, file=file, limits=limits)
    except csv.Error:
        return  # parse_rows names the damaged line
    check_cells(cells=cells, sheet=sheet, file=file, limits=limits)


def parse_rows(
    text: str, *, delimiter: str, file: str, limits: Limits, deadline: Deadline, sheet: str
) -> list[list[str]]:
    """All rows, quoted multi-line fields joined, bounded in time and cells."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in reader:
            rows.append(row)
            cells += len(row)
            if len(rows) % _CHECK_EVERY == 0:
                deadline.check()
                check_cells(cells=cells, sheet=sheet, file=file, limits=limits)
    except csv.Error as exc:
        raise refuse(CORRUPT_FILE, file=file, detail=broken(f"{reader.line_num}. rindā", f"line {reader.line_num}", exc)) from None
    check_cells(cells=cells, sheet=sheet, file=file, limits=limits)
    return rows

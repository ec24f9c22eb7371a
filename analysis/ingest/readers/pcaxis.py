"""PC-Axis (.px), PxWeb's native format, expanded into one long table.

A .px file is KEYWORD[lang]("sub","keys")=value; entries (quoted strings may continue on the next line
as another quoted string), then DATA= with the cube's cells, stub variables varying slowest and the last
heading variable fastest. The long table has a header row [*stub, *heading, "value"] and one row per
cell; values stay strings (".." and "..." are PxWeb's missing-value codes, for the value parser).
"""

from __future__ import annotations

import itertools
import re
from pathlib import PurePath

from analysis.ingest.raw import RawSheet
from analysis.ingest.readers.encoding import decode_text, report_decoding
from analysis.ingest.safety import CORRUPT_FILE, Deadline, Limits, check_cells, refuse
from analysis.report import IssueType, Report, Said

PX_DATA_COUNT = IssueType(
    "px-data-count", "warning",
    "PC-Axis failā ir {found} datu vērtības, bet pēc dimensijām jābūt {expected}; nolasītas {used}",
    "The PC-Axis file holds {found} data values but its dimensions call for {expected}; {used} were read",
)

_ENTRY = re.compile(
    r'\s*(?P<key>[A-Za-z][A-Za-z0-9_-]*)(?:\[(?P<lang>[^\]]*)\])?(?:\((?P<sub>(?:"[^"]*"|[^")])*)\))?\s*='
)
_VALUE_END = re.compile(r'(?:"[^"]*"|[^";])*;', re.DOTALL)
_QUOTED = re.compile(r'"([^"]*)"')
_ITEM = re.compile(r'"[^"]*"(?:\s*"[^"]*")*|[^,"]+')
_DATA_TOKEN = re.compile(r'"([^"]*)"|([^\s,;"]+)')
_CODEPAGES = {"ansi": "cp1252", "": None}
_META_KEYS = ("TITLE", "CONTENTS", "UNITS", "SOURCE", "NOTE", "NOTEX", "DECIMALS", "LANGUAGE", "MATRIX")


def read_px(data: bytes, *, file: str, limits: Limits, deadline: Deadline, report: Report) -> list[RawSheet]:
    """One long sheet named after the file (or its MATRIX)."""
    declared = _declared_codepage(data)
    decoded = decode_text(data, declared=declared)
    name = PurePath(file).stem or file
    entries, data_text = _entries(decoded.text, file=file)
    deadline.check()
    stub = _strings(entries.get(("STUB", "")))
    heading = _strings(entries.get(("HEADING", "")))
    variables = stub + heading
    if not variables:
        raise refuse(CORRUPT_FILE, file=file, detail=Said("PC-Axis failā nav STUB vai HEADING", "PC-Axis without STUB or HEADING"))
    if any(key == "KEYS" for key, _ in entries):
        raise refuse(CORRUPT_FILE, file=file, detail=Said(
            "PC-Axis KEYS (retinātais) formāts netiek atbalstīts", "PC-Axis KEYS (sparse) format is not supported"))
    values = []
    for variable in variables:
        listed = entries.get(("VALUES", variable))
        if listed is None and ("TIMEVAL", variable) in entries:
            listed = entries[("TIMEVAL", variable)].partition(")")[2]  # after TLIST(…): the listed periods
        if listed is None:
            raise refuse(CORRUPT_FILE, file=file, detail=Said(
                f"PC-Axis failā nav VALUES mainīgajam {variable}", f"PC-Axis VALUES missing for {variable}"))
        values.append(_strings(listed))
    expected = 1
    for listed in values:
        expected *= len(listed)
    check_cells(cells=expected * (len(variables) + 1), sheet=name, file=file, limits=limits)
    cells = _data_cells(data_text, expected=expected)
    deadline.check()
    used = min(len(cells), expected)
    if len(cells) != expected:
        report.add(PX_DATA_COUNT, sheet=name, found=len(cells), expected=expected, used=used)
    rows: list[list[str]] = [[*variables, "value"]]
    rows.extend([*keys, cell] for keys, cell in zip(itertools.product(*values), cells))
    report_decoding(decoded, report, sheet=name)
    meta: dict[str, object] = {
        "encoding": decoded.encoding,
        "codepage": declared,
        "stub": stub,
        "heading": heading,
    }
    for key in _META_KEYS:
        if (key, "") in entries:
            meta[key.lower()] = "\n".join(_strings(entries[(key, "")]))
    codes = {v: _strings(entries[("CODES", v)]) for v in variables if ("CODES", v) in entries}
    if codes:
        meta["codes"] = codes
    return [RawSheet(name=name, rows=rows, source_format="px", meta=meta)]


def _data_cells(text: str, *, expected: int) -> list[str]:
    """DATA ends at the first ';' by the standard, but some writers end every data line with ';'."""
    first = [quoted or bare for quoted, bare in _DATA_TOKEN.findall(text.split(";", 1)[0])]
    if len(first) == expected:
        return first
    every = [quoted or bare for quoted, bare in _DATA_TOKEN.findall(text)]
    return every if len(every) > len(first) else first


def _declared_codepage(data: bytes) -> str | None:
    """CODEPAGE wins over CHARSET; "ANSI" means the Windows code page PxWin wrote with."""
    head = data[:8192].decode("latin-1")
    match = re.search(r'^CODEPAGE\s*=\s*"([^"]*)"', head, re.MULTILINE)
    if match:
        return match.group(1).strip() or None
    match = re.search(r'^CHARSET\s*=\s*"([^"]*)"', head, re.MULTILINE)
    return _CODEPAGES.get(match.group(1).strip().lower()) if match else None


def _entries(text: str, *, file: str) -> tuple[dict[tuple[str, str], str], str]:
    """Keyword entries in the default language as raw value text, and the text after DATA=."""
    entries: dict[tuple[str, str], str] = {}
    position = 0
    text = text.lstrip("\ufeff")
    while position < len(text):
        match = _ENTRY.match(text, position)
        if match is None:
            if not text[position:].strip():
                break
            raise refuse(CORRUPT_FILE, file=file, detail=Said(
                f"PC-Axis sintakses kļūda pie {position}. rakstzīmes", f"PC-Axis syntax near character {position}"))
        key = match.group("key").upper()
        if key == "DATA":
            return entries, text[match.end() :]
        end = _VALUE_END.match(text, match.end())
        if end is None:
            raise refuse(CORRUPT_FILE, file=file, detail=Said(
                f"PC-Axis {key} nav noslēdzošā ';'", f"PC-Axis {key} has no closing ';'"))
        if not match.group("lang"):
            sub = match.group("sub")
            sub_key = ",".join(_QUOTED.findall(sub)) if sub is not None else ""
            entries.setdefault((key, sub_key), end.group(0)[:-1])
        position = end.end()
    raise refuse(CORRUPT_FILE, file=file, detail=Said("PC-Axis failā nav DATA", "PC-Axis without DATA"))


def _strings(value: str | None) -> list[str]:
    """A comma-separated list whose items may be several quoted pieces continuing across lines."""
    if value is None:
        return []
    items = []
    for item in _ITEM.findall(value):
        pieces = _QUOTED.findall(item)
        if pieces:
            items.append("".join(pieces))
        elif item.strip():
            items.append(item.strip())
    return items

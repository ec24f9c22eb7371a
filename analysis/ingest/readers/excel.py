"""Workbooks (xlsx/xlsm/xlsb, legacy xls, ods) read with python-calamine, a sheet at a time.

Calamine is an order of magnitude faster than openpyxl but does not say which formula cells lack a
cached value (it returns "" for them, indistinguishable from a blank) nor, for ods, which cells are
merged; those two facts are read from the sheet XML with a streaming parser, and only when the bytes
show that the part has formulas or spans at all.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any

import python_calamine
from defusedxml import ElementTree as SafeET

from analysis.ingest.raw import RawSheet, UnreadableFile
from analysis.ingest.readers.merges import bounded_merges
from analysis.ingest.readers.zipcheck import PartScan, column_letters, column_number, inspect_zip
from analysis.ingest.safety import (
    CORRUPT_FILE,
    ENCRYPTED_FILE,
    Deadline,
    Limits,
    broken,
    check_cells,
    refuse,
)
from analysis.report import IssueType, Report

SHEET_SKIPPED = IssueType(
    "sheet-skipped", "info",
    "Lapa “{name}” ir {what_lv}, nevis tabula, tāpēc netika lasīta",
    "Sheet “{name}” is a {what_en}, not a table, so it was not read",
)

EXTERNAL_LINK = IssueType(
    "external-link-value", "warning",
    "Lapas “{name}” {n} šūnas ņem vērtību no cita faila (pirmā: {first}); nolasīta saglabātā vērtība, kas var būt "
    "novecojusi",
    "{n} cells of sheet “{name}” take their value from another file (first: {first}); the saved value was read, and "
    "it may be out of date",
)

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TEXT_TYPES = ("str", "inlineStr", "s")
_CHECK_EVERY = 20_000


def read_workbook(
    data: bytes, *, fmt: str, file: str, limits: Limits, deadline: Deadline, report: Report
) -> list[RawSheet]:
    """Every worksheet's cells, rows[0] being the sheet's row 1, after the container passed its checks."""
    scans: dict[str, PartScan] = {}
    parts: dict[str, str] = {}
    ods_layout: dict[str, _OdsTable] = {}
    if fmt in ("xlsx", "xlsb", "ods"):
        scans = inspect_zip(data, file=file, limits=limits, deadline=deadline)
    if fmt == "xlsx":
        parts = _sheet_parts(data, file=file)
    if fmt == "ods":
        ods_layout = _ods_layout(data, deadline=deadline, file=file)
    _check_extents(parts, scans, ods_layout, file=file, limits=limits)
    workbook = _open(data, file=file)
    sheets: list[RawSheet] = []
    try:
        for meta in workbook.sheets_metadata:
            deadline.check()
            kind = _sheet_kind(meta)
            if kind:
                report.add(SHEET_SKIPPED, sheet=meta.name, name=meta.name, what_lv=kind[0], what_en=kind[1])
                continue
            sheets.append(
                _read_sheet(
                    workbook, meta, fmt=fmt, data=data, file=file, limits=limits, deadline=deadline, report=report,
                    scan=_scan_for(parts.get(meta.name), scans, fmt=fmt), ods=ods_layout.get(meta.name),
                )
            )
    finally:
        workbook.close()
    return sheets


def _check_extents(
    parts: dict[str, str], scans: dict[str, PartScan], ods: dict[str, _OdsTable], *, file: str, limits: Limits
) -> None:
    """Refuse before calamine opens the file: it allocates each sheet's whole rectangle (ods: all at open)."""
    sheet_parts = {part: name for name, part in parts.items()}
    for part, scan in scans.items():
        if part in sheet_parts or (not parts and scan.area):
            check_cells(cells=scan.area, sheet=sheet_parts.get(part, part), file=file, limits=limits)
    for name, table in ods.items():
        check_cells(cells=table.area, sheet=name, file=file, limits=limits)


def _open(data: bytes, *, file: str) -> python_calamine.CalamineWorkbook:
    """Calamine's own errors (and its Rust panics, which are BaseExceptions) become one-line refusals."""
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise refuse(ENCRYPTED_FILE, file=file) from None
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)):
            raise
        raise refuse(CORRUPT_FILE, file=file, detail=broken("darbgrāmatu nevar atvērt", "workbook", str(exc) or type(exc).__name__)) from None


def _sheet_kind(meta: Any) -> tuple[str, str] | None:
    """Chart, dialog and macro sheets hold no table; say so instead of reading nothing silently."""
    typ = meta.typ
    if typ == python_calamine.SheetTypeEnum.WorkSheet:
        return None
    return _SHEET_KINDS.get(str(typ).rsplit(".", 1)[-1], ("cita veida lapa", "non-table sheet"))


_SHEET_KINDS = {
    "ChartSheet": ("diagramma", "chart"),
    "DialogSheet": ("dialoga lapa", "dialog sheet"),
    "MacroSheet": ("makro lapa", "macro sheet"),
    "Vba": ("VBA modulis", "VBA module"),
}


def _scan_for(part: str | None, scans: dict[str, PartScan], *, fmt: str) -> PartScan | None:
    """The scan of a sheet's part; when the part is unknown, the largest extent found anywhere."""
    if fmt == "ods":
        return None
    if part and part in scans:
        return scans[part]
    if not scans:
        return None
    widest = max(scans.values(), key=lambda s: s.area)
    return PartScan(name="", max_row=widest.max_row, max_col=widest.max_col)


def _read_sheet(
    workbook: python_calamine.CalamineWorkbook,
    meta: Any,
    *,
    fmt: str,
    data: bytes,
    file: str,
    limits: Limits,
    deadline: Deadline,
    report: Report,
    scan: PartScan | None,
    ods: _OdsTable | None,
) -> RawSheet:
    """One sheet, refused before allocation when its rectangle is absurd."""
    name = meta.name
    if scan is not None:
        check_cells(cells=scan.area, sheet=name, file=file, limits=limits)
    try:
        sheet = workbook.get_sheet_by_name(name)
        end = sheet.end
        area = (end[0] + 1) * (end[1] + 1) if end else 0
        check_cells(cells=area, sheet=name, file=file, limits=limits)
        rows = sheet.to_python(skip_empty_area=False) if end else []
        merged_ranges = sheet.merged_cell_ranges
    except UnreadableFile:
        raise
    except python_calamine.PasswordError:
        raise refuse(ENCRYPTED_FILE, file=file) from None
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)):
            raise
        raise refuse(CORRUPT_FILE, file=file, detail=broken(f"lapu “{name}” nevar nolasīt", name, exc)) from None
    deadline.check()
    merged = [(a[0], a[1], b[0], b[1]) for a, b in merged_ranges or ()]
    formulas: set[tuple[int, int]] = set()
    if scan is not None and (scan.has_formula or scan.has_error) and scan.name:
        found = _formulas_without_value(data, scan.name, file=file, deadline=deadline)
        formulas = found.without_value
        _put_errors(rows, found.errors)
        if found.external:
            r, c = found.external[0]
            report.add(EXTERNAL_LINK, sheet=name, row=r + 1, column=column_letters(c + 1), name=name,
                       n=len(found.external), first=f"{column_letters(c + 1)}{r + 1}")
    if ods is not None:
        merged = ods.merged
    merged = bounded_merges(merged, rows=rows, sheet=name, file=file, report=report, deadline=deadline)
    raw = RawSheet(
        name=name,
        rows=rows,
        merged=merged,
        formula_without_value=formulas,
        source_format="xlsx" if fmt == "xlsb" else fmt,
    )
    if meta.visible != python_calamine.SheetVisibleEnum.Visible:
        raw.meta["hidden"] = True
    return raw


# --- xlsx: which XML part holds which sheet ---------------------------------------------------------------


def _sheet_parts(data: bytes, *, file: str) -> dict[str, str]:
    """Sheet name → part path, through workbook.xml and its relationships (names are not file names)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            workbook_part = _workbook_part(archive, names)
            rels_part = posixpath.join(
                posixpath.dirname(workbook_part), "_rels", posixpath.basename(workbook_part) + ".rels"
            )
            workbook_xml = SafeET.fromstring(archive.read(workbook_part), forbid_dtd=True)
            rels_xml = SafeET.fromstring(archive.read(rels_part), forbid_dtd=True) if rels_part in names else None
    except KeyError:
        return {}
    except (SafeET.ParseError, ValueError, zipfile.BadZipFile) as exc:
        raise refuse(CORRUPT_FILE, file=file, detail=broken("daļa workbook.xml nav nolasāma", "workbook.xml", exc)) from None
    targets: dict[str, str] = {}
    base = posixpath.dirname(workbook_part)
    for rel in rels_xml if rels_xml is not None else ():
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        targets[rel.get("Id", "")] = path
    parts: dict[str, str] = {}
    for element in workbook_xml.iter():
        if _local(element.tag) == "sheet":
            rid = element.get(f"{{{_REL_NS}}}id") or element.get("id", "")
            if element.get("name") and rid in targets:
                parts[element.get("name")] = targets[rid]
    return parts


def _workbook_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main part per the package relationships; xl/workbook.xml by convention."""
    if "_rels/.rels" in names:
        for rel in SafeET.fromstring(archive.read("_rels/.rels"), forbid_dtd=True):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    return "xl/workbook.xml"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# --- xlsx: formula cells without a cached value -----------------------------------------------------------


def _put_errors(rows: list[list[Any]], errors: dict[tuple[int, int], str]) -> None:
    """Calamine reads an error cell as blank; its text (#DIV/0!) goes back, so the value parser reports it."""
    for (r, c), text in errors.items():
        if r < len(rows) and c < len(rows[r]) and rows[r][c] in ("", None):
            rows[r][c] = text


class _Cells:
    """What the sheet XML says that calamine does not: uncalculated formulas, error cells, external links."""

    def __init__(self) -> None:
        self.without_value: set[tuple[int, int]] = set()
        self.errors: dict[tuple[int, int], str] = {}
        self.external: list[tuple[int, int]] = []


def _formulas_without_value(data: bytes, part: str, *, file: str, deadline: Deadline) -> _Cells:
    """(row, col) 0-based of cells whose formula was never calculated (openpyxl and scripts write these),
    of error cells with their text, and of formulas that read another workbook ([1]Sheet!A1)."""
    try:
        return _walk_formulas(data, part, deadline=deadline)
    except (SafeET.ParseError, ValueError, KeyError) as exc:
        raise refuse(CORRUPT_FILE, file=file, detail=broken(f"daļa {part} nav nolasāma", part, exc)) from None


def _walk_formulas(data: bytes, part: str, *, deadline: Deadline) -> _Cells:
    """The streaming walk itself: one <c> at a time, rows dropped as soon as they are read."""
    found = _Cells()
    row_index, col_index, seen = -1, -1, 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as stream:
        container = None
        for event, element in SafeET.iterparse(stream, events=("start", "end"), forbid_dtd=True):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    r = element.get("r")
                    row_index = int(r) - 1 if r and r.isdigit() else row_index + 1
                    col_index = -1
                elif tag == "sheetData":
                    container = element
                continue
            if tag == "c":
                ref = element.get("r")
                row_index, col_index = _position(ref, row_index, col_index)
                _note_cell(element, (row_index, col_index), found)
                seen += 1
                if seen % _CHECK_EVERY == 0:
                    deadline.check()
            elif tag == "row" and container is not None:
                container.clear()
    return found


def _position(ref: str | None, row_index: int, col_index: int) -> tuple[int, int]:
    """A cell's 0-based position from its reference, or the next one in the row when it has none."""
    if not ref:
        return row_index, col_index + 1
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    row = int(digits) - 1 if digits else row_index
    return row, column_number(letters.upper()) - 1 if letters else col_index + 1


_EXTERNAL_REF = re.compile(r"\[\d+\]")


def _note_cell(cell: Any, at: tuple[int, int], found: _Cells) -> None:
    formula, value = _formula_and_value(cell)
    if cell.get("t") == "e" and value is not None and value.text:
        found.errors[at] = value.text.strip()
    if formula is not None and formula.text and _EXTERNAL_REF.search(formula.text):
        found.external.append(at)
    if _lacks_cached_value(cell, formula=formula, value=value):
        found.without_value.add(at)


def _formula_and_value(cell: Any) -> tuple[Any, Any]:
    """A cell's <f> and <v> children (None where absent), found in one pass."""
    formula = value = None
    for child in cell:
        local = _local(child.tag)
        if local == "f":
            formula = child
        elif local == "v":
            value = child
    return formula, value


def _lacks_cached_value(cell: Any, *, formula: Any, value: Any) -> bool:
    """A formula with no <v>, or an empty <v> where no text result was declared."""
    if formula is None:
        return False
    if value is None:
        return True
    return not (value.text or "") and cell.get("t") not in _TEXT_TYPES


# --- ods: merged cells and the real extent ----------------------------------------------------------------


class _OdsTable:
    """What calamine does not report for an ods table: its merged spans and the extent of its values."""

    def __init__(self) -> None:
        self.merged: list[tuple[int, int, int, int]] = []
        self.max_row = 0
        self.max_col = 0

    @property
    def area(self) -> int:
        return self.max_row * self.max_col


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _ods_layout(data: bytes, *, deadline: Deadline, file: str) -> dict[str, _OdsTable]:
    """Walk content.xml once: repeated rows and columns expand, so a tiny file can declare a huge table."""
    tables: dict[str, _OdsTable] = {}
    current: _OdsTable | None = None
    row = 0
    seen = 0
    repeat_rows, repeat_cols = f"{{{_ODS_TABLE}}}number-rows-repeated", f"{{{_ODS_TABLE}}}number-columns-repeated"
    span_rows, span_cols = f"{{{_ODS_TABLE}}}number-rows-spanned", f"{{{_ODS_TABLE}}}number-columns-spanned"
    value_type = f"{{{_ODS_OFFICE}}}value-type"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as stream:
            for event, element in SafeET.iterparse(stream, events=("start", "end"), forbid_dtd=True):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "table" and element.tag == f"{{{_ODS_TABLE}}}table":
                        current = tables.setdefault(element.get(f"{{{_ODS_TABLE}}}name", ""), _OdsTable())
                        row = 0
                    continue
                if tag != "table-row" or current is None:
                    continue
                rows_here = _count(element.get(repeat_rows))
                col = 0
                for cell in element:
                    cols_here = _count(cell.get(repeat_cols))
                    if cell.get(value_type) or len(cell):
                        current.max_col = max(current.max_col, col + cols_here)
                        current.max_row = max(current.max_row, row + rows_here)
                    spanned_cols, spanned_rows = _count(cell.get(span_cols)), _count(cell.get(span_rows))
                    if spanned_cols > 1 or spanned_rows > 1:
                        current.merged.append((row, col, row + spanned_rows - 1, col + spanned_cols - 1))
                    col += cols_here
                row += rows_here
                element.clear()
                seen += 1
                if seen % _CHECK_EVERY == 0:
                    deadline.check()
    except (SafeET.ParseError, KeyError, ValueError) as exc:
        raise refuse(CORRUPT_FILE, file=file, detail=broken("daļa content.xml nav nolasāma", "content.xml", exc)) from None
    return tables


def _count(value: str | None) -> int:
    """A repeat or span attribute; absent or malformed means one."""
    if value and value.isdigit():
        return max(int(value), 1)
    return 1

"""The BAC programme survey sheet: Latvian or English headings in any order, every bad cell reported at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from analysis.catalogue.models import Area, Municipality
from analysis.coverage.cells import (
    BAD,
    MAX_YEAR,
    MIN_YEAR,
    MONITORING,
    STATUSES,
    Bad,
    is_blank,
    parse_domain_list,
    parse_monitoring,
    parse_status,
    parse_year,
    parse_yes_no,
    show_cell,
)
from analysis.coverage.headings import (
    REQUIRED_FIELDS,
    SURVEY_YEAR_HEADINGS,
    TEMPLATE_COLUMNS,
    Layout,
    domain_index,
    find_layout,
    is_survey_layout,
    looks_like_survey,
    match_heading,
)
from analysis.coverage.issues import (
    AGGREGATE_ROW,
    BAD_DOMAIN,
    BAD_MONITORING,
    BAD_STATUS,
    BAD_SURVEY_YEAR,
    BAD_YEAR,
    BAD_YES_NO,
    DUPLICATE_COLUMN,
    DUPLICATE_MUNICIPALITY,
    END_BEFORE_START,
    MISSING_COLUMN,
    MISSING_MUNICIPALITY,
    MISSING_STATUS,
    MIXED_SURVEY_YEAR,
    MUNICIPALITY_ABSENT,
    NO_ANSWERS,
    NO_SURVEY_SHEET,
    NOT_VALID_FOR_YEAR,
    NOTE_ROW,
    UNKNOWN_COLUMN,
    UNKNOWN_MUNICIPALITY,
    YEAR_CONFLICT,
    YEAR_MISSING,
)
from analysis.ingest.raw import RawSheet, RawWorkbook
from analysis.report import Report, Said

__all__ = [
    "BAD",
    "MONITORING",
    "STATUSES",
    "SURVEY_YEAR_HEADINGS",
    "TEMPLATE_COLUMNS",
    "empty_survey_frame",
    "looks_like_survey",
    "parse_domain_list",
    "parse_monitoring",
    "parse_status",
    "parse_survey_sheet",
    "parse_survey_workbook",
    "parse_year",
    "parse_yes_no",
    "read_survey",
    "read_workbook",
]

# --- the survey year ------------------------------------------------------------------------------------

_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[9]\d|20\d{2})(?!\d)")


def _year_in_text(text: str) -> int | None:
    m = _YEAR_IN_NAME.search(text or "")
    return int(m.group(1)) if m else None


def _year_cell(sheet: RawSheet, layout: Layout) -> tuple[object, int, int] | None:
    """A 'Survey year' label above the table, with its value in the same cell after ':' or to its right."""
    for r, row in enumerate(sheet.rows[: layout.header_row + 1]):
        for c, cell in enumerate(row):
            if is_blank(cell) or not isinstance(cell, str):
                continue
            label, _, after = cell.partition(":")
            hit = match_heading(label, {})
            if hit is None or hit.field != "survey_year":
                continue
            if r == layout.header_row and not after.strip():
                continue  # a column heading: the year is in each row
            if after.strip():
                return (after.strip(), r, c)
            for c2 in range(c + 1, len(row)):
                if not is_blank(row[c2]):
                    return (row[c2], r, c2)
    return None


# --- rows -----------------------------------------------------------------------------------------------


@dataclass
class _Row:
    """One accepted answer, before it becomes a frame row."""

    values: dict[str, Any]


def _col(index: int) -> str:
    return get_column_letter(index + 1)


def _cell(row: list[Any], col: int | None) -> Any:
    if col is None or col >= len(row):
        return None
    return row[col]


def parse_survey_sheet(
    sheet: RawSheet,
    *,
    report: Report,
    catalogue,
    survey_year: int | None = None,
    file_name: str = "",
) -> pd.DataFrame:
    """The sheet's answers as rows of SURVEY_FIELDS; every problem goes to the report, rows with errors are left out."""
    domain_names = domain_index(catalogue)
    layout = find_layout(sheet, domain_names)
    stats = {"rows_read": 0, "rows_accepted": 0, "rows_rejected": 0, "survey_year": None}
    report.stats.setdefault("sheets", {})[sheet.name] = stats
    if layout is None or layout.score == 0:
        report.add(NO_SURVEY_SHEET, sheet=sheet.name, file=file_name or sheet.name)
        return empty_survey_frame()
    _report_header(layout, sheet=sheet, report=report)
    missing = [f for f in REQUIRED_FIELDS if f not in layout.fields]
    for name in missing:
        lv, en = next((lv, en) for f, lv, en in TEMPLATE_COLUMNS if f == name)
        report.add(MISSING_COLUMN, sheet=sheet.name, row=layout.header_row + 1, column=en, lv=lv, en=en)
    year = _survey_year(sheet, layout, report=report, explicit=survey_year, file_name=file_name)
    stats["survey_year"] = year
    if missing or year is None:
        return empty_survey_frame()

    accepted: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for index in range(layout.header_row + 1, len(sheet.rows)):
        row = sheet.rows[index]
        if all(is_blank(v) for v in row):
            continue
        values = _parse_row(row, index=index, layout=layout, sheet=sheet, report=report, catalogue=catalogue)
        if values is None:
            continue
        stats["rows_read"] += 1
        if values is BAD:
            stats["rows_rejected"] += 1
            continue
        code, ok = values["municipality_code"], values.pop("_ok")
        if code in first_row:
            report.add(
                DUPLICATE_MUNICIPALITY, sheet=sheet.name, row=index + 1, column=_col(layout.fields["municipality"]),
                name=_named(catalogue.municipality(code)), first=first_row[code],
            )
            ok = False
        else:
            first_row[code] = index + 1
            _check_validity(
                catalogue.municipality(code), year=year, row=index + 1, layout=layout, sheet=sheet, report=report
            )
        if not ok:
            stats["rows_rejected"] += 1
            continue
        values["survey_year"] = year
        accepted.append(values)
        stats["rows_accepted"] += 1
    if stats["rows_read"] == 0:
        report.add(NO_ANSWERS, sheet=sheet.name, row=layout.header_row + 1)
    _check_absent(catalogue, year=year, present=set(first_row), sheet=sheet, report=report)
    return _frame(accepted)


def _report_header(layout: Layout, *, sheet: RawSheet, report: Report) -> None:
    row = layout.header_row + 1
    for col, heading, first in layout.duplicates:
        report.add(DUPLICATE_COLUMN, sheet=sheet.name, row=row, column=_col(col), heading=heading, first=_col(first))
    for col, heading in layout.bad_domains:
        report.add(BAD_DOMAIN, sheet=sheet.name, row=row, column=_col(col), value=heading)
    for col, heading in layout.unknown:
        report.add(UNKNOWN_COLUMN, sheet=sheet.name, row=row, column=_col(col), heading=heading)


def _survey_year(
    sheet: RawSheet, layout: Layout, *, report: Report, explicit: int | None, file_name: str
) -> int | None:
    """Explicit argument, else the file's own 'Survey year' cell or column, else a year in the file or sheet name."""
    stated: int | None = None
    col = layout.fields.get("survey_year")
    if col is not None:
        years: dict[int, int] = {}
        for index in range(layout.header_row + 1, len(sheet.rows)):
            raw = _cell(sheet.rows[index], col)
            if is_blank(raw):
                continue
            parsed = parse_year(raw)
            if parsed is BAD or parsed[0] is None:
                report.add(BAD_SURVEY_YEAR, sheet=sheet.name, row=index + 1, column=_col(col), value=show_cell(raw))
                return None
            years.setdefault(parsed[0], index + 1)
        if len(years) > 1:
            report.add(
                MIXED_SURVEY_YEAR, sheet=sheet.name, row=None, column=_col(col),
                years=", ".join(str(y) for y in sorted(years)),
            )
            return None
        stated = next(iter(years), None)
    if stated is None:
        found = _year_cell(sheet, layout)
        if found is not None:
            raw, r, c = found
            parsed = parse_year(raw)
            if parsed is BAD or parsed[0] is None:
                report.add(BAD_SURVEY_YEAR, sheet=sheet.name, row=r + 1, column=_col(c), value=show_cell(raw))
                return None
            stated = parsed[0]
    if explicit is not None:
        if stated is not None and stated != explicit:
            report.add(YEAR_CONFLICT, sheet=sheet.name, found=stated, used=explicit)
        return int(explicit)
    if stated is not None:
        return stated
    from_name = _year_in_text(Path(file_name).name) or _year_in_text(sheet.name)
    if from_name is not None:
        return from_name
    report.add(YEAR_MISSING, sheet=sheet.name)
    return None


def _parse_row(
    row: list[Any], *, index: int, layout: Layout, sheet: RawSheet, report: Report, catalogue
) -> dict[str, Any] | Bad | None:
    """One answer row ('_ok' False when a cell was wrong); None for notes and totals, BAD without a municipality."""
    f = layout.fields
    line = index + 1
    where = {"sheet": sheet.name, "row": line}
    raw_name = _cell(row, f["municipality"])
    filled = [c for c, v in enumerate(row) if not is_blank(v) and c != f.get("survey_year")]
    if is_blank(raw_name):
        report.add(MISSING_MUNICIPALITY, column=_col(f["municipality"]), **where)
        return BAD
    target = catalogue.areas_index.resolve(raw_name)
    if isinstance(target, Area):
        report.add(AGGREGATE_ROW, column=_col(f["municipality"]), value=show_cell(raw_name), **where)
        return None
    if target is None:
        if filled == [f["municipality"]]:
            report.add(NOTE_ROW, column=_col(f["municipality"]), value=show_cell(raw_name)[:60], **where)
            return None
        closest = catalogue.areas_index.closest(raw_name)
        report.add(
            UNKNOWN_MUNICIPALITY, column=_col(f["municipality"]), value=show_cell(raw_name),
            closest=", ".join(closest) or "—", **where,
        )
        return BAD
    ok = True
    out: dict[str, Any] = {"municipality_code": target.code, "source_row": line}

    raw = _cell(row, f["programme_status"])
    status = parse_status(raw)
    if status is None:
        report.add(MISSING_STATUS, column=_col(f["programme_status"]), **where)
        ok = False
    elif status is BAD:
        report.add(BAD_STATUS, column=_col(f["programme_status"]), value=show_cell(raw), **where)
        ok = False
    out["programme_status"] = status

    for name in ("up_to_date", "conclusions", "action_plan", "children_views"):
        raw = _cell(row, f.get(name))
        value = parse_yes_no(raw)
        if value is BAD:
            report.add(BAD_YES_NO, column=_col(f[name]), value=show_cell(raw), **where)
            ok = False
        out[name] = value
    if is_blank(_cell(row, f.get("up_to_date"))) and status == "not_developed":
        out["up_to_date"] = None  # no programme: 'up to date' does not apply

    years: dict[str, int | None] = {}
    out["open_ended"] = False
    for name in ("start_year", "end_year"):
        raw = _cell(row, f.get(name))
        parsed = parse_year(raw, open_ended_allowed=name == "end_year")
        if parsed is BAD:
            extra = name == "end_year"
            report.add(
                BAD_YEAR, column=_col(f[name]), value=show_cell(raw), low=MIN_YEAR, high=MAX_YEAR,
                extra_lv=" vai “beztermiņa”" if extra else "", extra_en=" or “open-ended”" if extra else "", **where,
            )
            ok = False
            years[name] = None
            continue
        years[name] = parsed[0]
        if parsed[1]:
            out["open_ended"] = True
    out.update(years)
    start, end = years.get("start_year"), years.get("end_year")
    if start is not None and end is not None and end < start:
        report.add(END_BEFORE_START, column=_col(f["end_year"]), start=start, end=end, **where)
        ok = False

    raw = _cell(row, f.get("monitoring"))
    monitoring = parse_monitoring(raw)
    if monitoring is BAD:
        report.add(BAD_MONITORING, column=_col(f["monitoring"]), value=show_cell(raw), **where)
        ok = False
    out["monitoring"] = monitoring

    domains: set[int] = set()
    if "domains" in f:
        good, bad = parse_domain_list(_cell(row, f["domains"]))
        for token in bad:
            report.add(BAD_DOMAIN, column=_col(f["domains"]), value=token, **where)
            ok = False
        domains.update(good)
    for no, col in layout.domain_cols.items():
        raw = _cell(row, col)
        value = parse_yes_no(raw)
        if value is BAD:
            report.add(BAD_YES_NO, column=_col(col), value=show_cell(raw), **where)
            ok = False
        elif value:
            domains.add(no)
    out["domains"] = ";".join(str(d) for d in sorted(domains))

    comment = _cell(row, f.get("comment"))
    out["comment"] = None if is_blank(comment) else show_cell(comment)
    out["_ok"] = ok
    return out


def _check_validity(
    m: Municipality, *, year: int, row: int, layout: Layout, sheet: RawSheet, report: Report
) -> None:
    if not m.valid_for_year(year):
        report.add(
            NOT_VALID_FOR_YEAR, sheet=sheet.name, row=row, column=_col(layout.fields["municipality"]),
            name=_named(m), year=year, valid_to=m.valid_to.isoformat() if m.valid_to else "—",
        )


def _check_absent(catalogue, *, year: int, present: set[str], sheet: RawSheet, report: Report) -> None:
    """Municipalities that existed in the survey year but sent no answer: n would silently shrink otherwise."""
    if not present:
        return
    absent = [m for m in catalogue.municipalities_for_year(year) if m.code not in present]
    if absent:
        report.add(MUNICIPALITY_ABSENT, sheet=sheet.name, year=year, count=len(absent),
                   names=Said(", ".join(m.name_lv for m in absent), ", ".join(_named(m).en for m in absent)))


def _named(m: Municipality) -> Said:
    """A municipality as each message calls it: 'Cēsu novads' in Latvian, 'Cēsis municipality' in English."""
    return Said(m.name_lv, m.name_en or m.name_lv)


# --- frames ---------------------------------------------------------------------------------------------

SURVEY_DTYPES = {
    "survey_year": "int64",
    "municipality_code": "str",
    "programme_status": "str",
    "up_to_date": "boolean",
    "start_year": "Int64",
    "end_year": "Int64",
    "open_ended": "bool",
    "conclusions": "bool",
    "action_plan": "bool",
    "monitoring": "str",
    "children_views": "bool",
    "domains": "str",
    "comment": "object",
    "source_row": "int64",
}
# the store's survey fields, in its order (a test holds them equal): a survey is parsed without the database
SURVEY_FIELDS = tuple(SURVEY_DTYPES)


def empty_survey_frame() -> pd.DataFrame:
    return _frame([])


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(SURVEY_FIELDS))
    for name in SURVEY_FIELDS:
        frame[name] = frame[name].astype(SURVEY_DTYPES[name])
    return frame


# --- files ----------------------------------------------------------------------------------


def parse_survey_workbook(
    workbook: RawWorkbook, *, catalogue, survey_year: int | None = None
) -> tuple[pd.DataFrame, Report]:
    """Every survey-shaped sheet of a workbook read into one frame, with the reader's own issues first."""
    report = Report()
    report.extend(workbook.report)
    domain_names = domain_index(catalogue)
    sheets = [s for s in workbook.sheets if is_survey_layout(find_layout(s, domain_names))]
    if not sheets:
        report.add(NO_SURVEY_SHEET, file=workbook.file_name)
        return empty_survey_frame(), report
    frames = []
    for sheet in sheets:
        frames.append(
            parse_survey_sheet(
                sheet, report=report, catalogue=catalogue, survey_year=survey_year, file_name=workbook.file_name
            )
        )
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    frame = _drop_cross_sheet_duplicates(frame, sheets=sheets, frames=frames, report=report, catalogue=catalogue)
    report.stats["rows_accepted"] = len(frame)
    report.stats["survey_years"] = sorted(int(y) for y in frame["survey_year"].unique())
    return frame, report


def _drop_cross_sheet_duplicates(frame, *, sheets, frames, report: Report, catalogue) -> pd.DataFrame:
    if len(frames) < 2:
        return frame
    seen: dict[tuple[int, str], tuple[str, int]] = {}
    keep = []
    for sheet, part in zip(sheets, frames):
        for rec in part.itertuples(index=False):
            key = (int(rec.survey_year), rec.municipality_code)
            if key in seen:
                report.add(
                    DUPLICATE_MUNICIPALITY, sheet=sheet.name, row=int(rec.source_row), column=None,
                    name=_named(catalogue.municipality(rec.municipality_code)),
                    first=f"{seen[key][1]} ({seen[key][0]})",
                )
                keep.append(False)
            else:
                seen[key] = (sheet.name, int(rec.source_row))
                keep.append(True)
    return frame[keep].reset_index(drop=True)


def read_survey(path, *, catalogue, survey_year: int | None = None) -> tuple[pd.DataFrame, Report]:
    """Reads a survey file through the ingestion readers; raises UnreadableFile when the file cannot be read at all."""
    workbook = read_workbook(path)
    return parse_survey_workbook(workbook, catalogue=catalogue, survey_year=survey_year)


def read_workbook(path) -> RawWorkbook:
    """The file's raw cells, through the same readers (and safety limits) as every other upload."""
    from analysis.ingest.readers import read_file

    return read_file(Path(path))


"""From a read workbook to validated tidy rows and a report; storing them is :mod:`analysis.ingest.storing`.

Nothing here touches the database, so the parse worker never imports SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.access import Actor
from analysis.catalogue import Catalogue
from analysis.ingest import matching as mt
from analysis.ingest.issues import EMPTY_TABLE, MISSING_YEAR, NO_DATA, NO_TABLE, IssueCollector
from analysis.ingest.layouts import FRAME_COLUMNS, Extraction, column_index, extract
from analysis.ingest.layouts.template import DATA_SHEET, LISTS_SHEET
from analysis.ingest.process import TIDY_COLUMNS, process
from analysis.ingest.raw import RawSheet, RawWorkbook
from analysis.ingest.scope import keep_permitted, survey_permitted
from analysis.report import Report


@dataclass
class IngestResult:
    """What one file holds, understood: the tidy rows that may be stored, the report, and the file's identity."""

    rows: pd.DataFrame
    report: Report
    file_name: str = ""
    sha256: str = ""
    size_bytes: int = 0
    survey: pd.DataFrame | None = None
    layouts: dict[str, str] = field(default_factory=dict)
    # indicator label -> catalogue id mappings the user chose and that were valid, remembered for next year's file
    mappings: dict[str, str] = field(default_factory=dict)
    # names that matched no municipality, so the upload page can offer a mapping for each
    unknown_municipalities: list[str] = field(default_factory=list)
    # labels the upload page asks about: unmatched (with ranked suggestions) and kind mismatches (held until chosen)
    label_choices: list[mt.LabelChoice] = field(default_factory=list)

    @property
    def municipality_codes(self) -> list[str]:
        return sorted(self.rows["municipality_code"].dropna().unique().tolist())

    @property
    def custom_indicators(self) -> list[str]:
        return sorted(self.rows.loc[~self.rows["matched"], "indicator"].unique().tolist()) if len(self.rows) else []


def _is_survey(sheet: RawSheet, *, catalogue: Catalogue) -> bool:
    """A BAC programme survey sheet? Decided without the survey reader, which is imported only for a survey."""
    if not _mentions_status(sheet):
        return False
    from analysis.coverage.headings import looks_like_survey

    return looks_like_survey(sheet, catalogue=catalogue)


def _mentions_status(sheet: RawSheet) -> bool:
    """A cheap first look before the survey reader's own: its header always has a programme status column."""
    for row in sheet.rows[:30]:
        for cell in row:
            if isinstance(cell, str) and "status" in cell.casefold():
                return True
    return False


def _is_text_source(sheet: RawSheet) -> bool:
    return sheet.source_format in ("csv", "px", "html", "txt", "tsv")


def _has_content(sheet: RawSheet) -> bool:
    return any(any(c is not None and str(c).strip() for c in row) for row in sheet.rows[:200])


def ingest_workbook(
    wb: RawWorkbook,
    *,
    catalogue: Catalogue,
    municipality: str | None = None,
    mappings: dict[str, str] | None = None,
    municipality_mappings: dict[str, str] | None = None,
    actor: Actor | None = None,
) -> IngestResult:
    """Every sheet of a read file: layout found, labels matched, values parsed and checked, all problems reported.

    With an actor, rows it may not store (another municipality's, a survey for a non-analyst) are dropped here and
    reported per row, so the preview shows exactly what a confirm will store.
    """
    # --- load inputs -------------------------------------------------------------------------------------------
    report = Report()
    issues = IssueCollector()
    issues.extend(list(wb.report.issues))
    sheet_report = Report()
    ind_map, bad_ind = mt.indicator_lookup(catalogue=catalogue, mappings=mappings)
    muni_map, bad_muni = mt.municipality_lookup(catalogue=catalogue, mappings=municipality_mappings)
    for label, target in bad_ind + bad_muni:
        issues.add(mt.UNKNOWN_MAPPING_TARGET, sheet=None, row=None, column=None, label=label, target=target)
    user_code = _chosen_municipality(municipality, catalogue=catalogue, issues=issues)

    # --- find the tables ---------------------------------------------------------------------------------------
    names = [s.name for s in wb.sheets]
    template_wb = DATA_SHEET in names and LISTS_SHEET in names
    surveys: list[pd.DataFrame] = []
    layouts: dict[str, str] = {}
    sheet_stats: dict[str, dict[str, Any]] = {}
    frames: list[pd.DataFrame] = []
    for sheet in wb.sheets:
        if _is_survey(sheet, catalogue=catalogue):
            from analysis.coverage import survey as survey_mod

            frame = _survey_sheet(sheet, module=survey_mod, wb=wb, catalogue=catalogue, issues=issues,
                                  sheet_stats=sheet_stats)
            layouts[sheet.name] = "survey"
            if len(frame) and survey_permitted(actor, sheet=sheet.name, issues=issues):
                surveys.append(frame)
            continue
        ext = extract(sheet, report=sheet_report, resolve=catalogue.areas_index.resolve, template_workbook=template_wb)
        if ext is None:
            if _has_content(sheet) and not (template_wb and sheet.name != DATA_SHEET):
                issues.add(NO_TABLE, sheet=sheet.name, row=None, column=None)
            continue
        layouts[sheet.name] = ext.layout
        sheet_stats[sheet.name] = {"layout": ext.layout, "header_row": ext.header_row}
        if not len(ext.frame):
            issues.add(EMPTY_TABLE, sheet=sheet.name, row=ext.header_row, column=None)
            continue
        frames.append(_sheet_frame(sheet, ext, user_code=user_code, issues=issues))
    issues.extend(sheet_report.issues)
    if not frames and not surveys and not any(i.code == "national-table" for i in issues.items):
        issues.add(NO_DATA, sheet=None, row=None, column=None)

    # --- process ------------------------------------------------------------------------------------------------
    rows = _empty_rows()
    if frames:
        if len(frames) > 1:
            frames[:] = [pd.concat(frames, ignore_index=True)]
        # popped, not named: process() then holds the only reference and frees the raw cells midway
        rows = process(frames.pop(), catalogue=catalogue, issues=issues, ind_map=ind_map, muni_map=muni_map,
                        sheet_stats=sheet_stats)
        if actor is not None:
            rows = keep_permitted(rows, actor=actor, catalogue=catalogue, issues=issues)

    # --- report -------------------------------------------------------------------------------------------------
    order = {n: i for i, n in enumerate(names)}
    report.issues = sorted(
        issues.finish(),
        key=lambda i: (order.get(i.sheet, -1), i.row or 0, column_index(i.column), 0),
    )
    survey = pd.concat(surveys, ignore_index=True) if surveys else None
    report.stats = _stats(sheet_stats, report)
    return IngestResult(
        rows=rows,
        report=report,
        file_name=wb.file_name,
        sha256=wb.sha256,
        size_bytes=wb.size_bytes,
        survey=survey,
        layouts=layouts,
        mappings={k: v for k, v in (mappings or {}).items() if k not in {b[0] for b in bad_ind}},
        unknown_municipalities=list(issues.unknown_municipalities),
        label_choices=list(issues.label_choices),
    )


def _chosen_municipality(municipality: str | None, *, catalogue: Catalogue, issues: IssueCollector) -> str | None:
    """The code of the municipality the uploader chose (any spelling), or an error naming the closest ones."""
    if not municipality:
        return None
    m = catalogue.municipality(municipality) or catalogue.areas_index.municipality(municipality)
    if m is None:
        closest = ", ".join(catalogue.areas_index.closest(municipality)) or "—"
        issues.add(mt.UNKNOWN_MUNICIPALITY, sheet=None, row=None, column=None, label=municipality, n=0, closest=closest)
        return None
    return m.code


def _survey_sheet(
    sheet: RawSheet,
    *,
    module,
    wb: RawWorkbook,
    catalogue: Catalogue,
    issues: IssueCollector,
    sheet_stats: dict[str, dict[str, Any]],
) -> pd.DataFrame:
    """A BAC survey sheet, read by the coverage helper's parser; its issues and counts join this report."""
    sub = Report()
    frame = module.parse_survey_sheet(sheet, report=sub, catalogue=catalogue, file_name=wb.file_name)
    issues.extend(sub.issues)
    got = dict(sub.stats.get("sheets", {}).get(sheet.name, {}))
    n = 0 if frame is None else len(frame)
    sheet_stats[sheet.name] = {
        "layout": "survey",
        "rows_read": int(got.get("rows_read", n)),
        "rows_accepted": int(got.get("rows_accepted", n)),
        "rows_rejected": int(got.get("rows_rejected", 0)),
        "rows_skipped": 0,
        "survey_year": got.get("survey_year"),
    }
    return frame if frame is not None else pd.DataFrame()


def _sheet_frame(sheet: RawSheet, ext: Extraction, *, user_code: str | None, issues: IssueCollector) -> pd.DataFrame:
    """The sheet's cells with where their municipality comes from: a column, a line, the uploader, or nowhere."""
    frame = ext.frame
    ext.frame = None  # the caller's list is then the only copy kept: a national file is large
    frame["sheet"] = sheet.name
    frame["text_source"] = _is_text_source(sheet)
    frame["sheet_problem"] = None
    if frame["municipality"].isna().all():
        label, row = ext.municipality_label, ext.municipality_row
        if label is None and user_code is not None:
            label, row = user_code, None
        elif label is None and ext.notes.get("national"):
            issues.add(mt.NATIONAL_TABLE, sheet=sheet.name, row=ext.header_row, column=None)
            label, row = "Latvija", ext.header_row
            frame["sheet_problem"] = "national"
        elif label is None:
            issues.add(mt.NO_MUNICIPALITY, sheet=sheet.name, row=ext.header_row, column=None)
            frame["sheet_problem"] = "no-municipality"
        frame["municipality"] = label
        frame["municipality_row"] = row
    else:
        frame["municipality_row"] = frame["source_row"]
    if not ext.notes.get("has_year", True):
        issues.add(MISSING_YEAR, sheet=sheet.name, row=ext.header_row, column=None)
        frame["sheet_problem"] = frame["sheet_problem"].fillna("missing-year")
    return frame


def _empty_rows() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in TIDY_COLUMNS})
    frame["matched"] = pd.Series([], dtype=bool)
    return frame


def _stats(sheet_stats: dict[str, dict[str, Any]], report: Report) -> dict[str, Any]:
    totals = {k: 0 for k in ("rows_read", "rows_accepted", "rows_rejected", "rows_skipped")}
    for s in sheet_stats.values():
        for k in totals:
            totals[k] += int(s.get(k, 0))
    return {
        **totals,
        "issues": {sev: report.count(sev) for sev in ("error", "warning", "info")},
        "sheets": sheet_stats,
    }


__all__ = ["FRAME_COLUMNS", "IngestResult", "TIDY_COLUMNS", "ingest_workbook"]

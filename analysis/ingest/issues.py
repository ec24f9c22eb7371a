"""The ingestion report's building blocks: file-level issue codes, a collector that summarises floods, helpers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.ingest import values as vl
from analysis.report import Issue, IssueType

NO_TABLE = IssueType(
    "no-table",
    "info",
    "Lapā nav atrasta datu tabula; tā netiek lasīta",
    "No data table found on the sheet; it is not read",
)
EMPTY_TABLE = IssueType(
    "empty-table",
    "info",
    "Tabulai ir virsraksts, bet nav vērtību",
    "The table has a header but no values",
)
NO_DATA = IssueType(
    "no-data",
    "error",
    "Failā nav atrastu datu: ne tabulas ar gadiem, ne kolonnu 'Pašvaldība', 'Rādītājs', 'Gads', 'Vērtība'",
    "No data found in the file: no table with years, nor columns 'Municipality', 'Indicator', 'Year', 'Value'",
)
MISSING_YEAR = IssueType(
    "missing-year",
    "error",
    "Tabulā nav gada: pievienojiet kolonnu 'Gads' vai gadus kā kolonnu virsrakstus",
    "The table has no year: add a 'Year' column or years as column headers",
)
BAD_YEAR = IssueType(
    "not-a-year",
    "error",
    "'{text}' nav gads (gaidīts, piem., 2024)",
    "'{text}' is not a year (expected e.g. 2024)",
)
YEAR_OUT_OF_RANGE = IssueType(
    "year-out-of-range",
    "error",
    "Gads '{text}' ir ārpus pieļaujamā diapazona {low}–{high}",
    "The year '{text}' is outside the accepted range {low}–{high}",
)
NOT_A_NUMBER = IssueType(
    "not-a-number",
    "error",
    "'{text}' nav skaitlis",
    "'{text}' is not a number",
)
FORMULA_WITHOUT_VALUE = IssueType(
    "formula-without-value",
    "error",
    "Formulai failā nav saglabātas aprēķinātās vērtības: atveriet failu Excel, pārrēķiniet un saglabājiet",
    "The formula has no saved result in the file: open it in Excel, recalculate and save",
)
EXCEL_ERROR = IssueType(
    "excel-error",
    "error",
    "Šūnā ir Excel kļūda {text}, nevis vērtība: izlabojiet formulu vai ierakstiet vērtību",
    "The cell holds the Excel error {text}, not a value: fix the formula or type the value",
)
NOT_FINITE = IssueType(
    "value-not-finite",
    "error",
    "'{text}' nav galīgs skaitlis (bezgalība vai NaN)",
    "'{text}' is not a finite number (infinity or NaN)",
)
OUT_OF_RANGE = IssueType(
    "value-out-of-range",
    "error",
    "Vērtība {text} nav ticama: {kind_lv} nevar pārsniegt {limit}",
    "The value {text} is not plausible: {kind_en} cannot exceed {limit}",
)
UNKNOWN_STATUS = IssueType(
    "unknown-status",
    "warning",
    "Nezināms statuss '{text}' (atļauts: tukšs, not_available, zero, confidential, estimate); netiek ņemts vērā",
    "Unknown status '{text}' (allowed: empty, not_available, zero, confidential, estimate); ignored",
)
FORM_ISSUES = {
    vl.FORM_DECIMAL_COMMA: IssueType(
        "decimal-comma",
        "info",
        "Decimālkomats nolasīts kā skaitlis ({n} vērt., pirmā šeit)",
        "Decimal comma read as a number ({n} values, the first here)",
    ),
    vl.FORM_THOUSANDS: IssueType(
        "thousands-separator",
        "info",
        "Tūkstošu atdalītājs nolasīts kā skaitlis ({n} vērt., pirmā šeit)",
        "Thousands separator read as a number ({n} values, the first here)",
    ),
    vl.FORM_PERCENT: IssueType(
        "percent-sign",
        "info",
        "Procentu zīme nolasīta kā procenti ({n} vērt., pirmā šeit)",
        "Percent sign read as a percentage ({n} values, the first here)",
    ),
    vl.FORM_TEXT_NUMBER: IssueType(
        "number-as-text",
        "info",
        "Skaitlis, kas saglabāts kā teksts, nolasīts kā skaitlis ({n} vērt., pirmā šeit)",
        "Number stored as text read as a number ({n} values, the first here)",
    ),
    vl.FORM_NOT_AVAILABLE: IssueType(
        "not-available-marker",
        "info",
        "'…', '..', 'n/d' vai 'nav datu' nolasīts kā 'nav pieejams' ({n} vērt., pirmā šeit)",
        "'…', '..', 'n/d' or 'nav datu' read as not available ({n} values, the first here)",
    ),
    vl.FORM_ZERO_DASH: IssueType(
        "zero-dash",
        "info",
        "'-' nolasīts kā nulle ({n} vērt., pirmā šeit)",
        "'-' read as zero ({n} values, the first here)",
    ),
    vl.FORM_YEAR_SUFFIX: IssueType(
        "year-with-suffix",
        "warning",
        "Gads ar piebildi (piem., '2024.g.') nolasīts kā gads ({n} vērt., pirmā šeit)",
        "A year with a suffix (e.g. '2024.g.') read as the year ({n} values, the first here)",
    ),
    vl.FORM_SCHOOL_YEAR: IssueType(
        "school-year",
        "warning",
        "Mācību gads (piem., '2023/2024') nolasīts kā tā beigu gads ({n} vērt., pirmā šeit)",
        "A school year (e.g. '2023/2024') read as its final year ({n} values, the first here)",
    ),
    vl.FORM_YEAR_FROM_DATE: IssueType(
        "year-from-date",
        "warning",
        "Datums gada kolonnā nolasīts kā gads ({n} vērt., pirmā šeit)",
        "A date in the year column read as the year ({n} values, the first here)",
    ),
}


MORE_ISSUES = IssueType(
    "more-issues",
    "info",
    "Vēl {n} problēmas '{code}' šajā lapā netiek uzskaitītas atsevišķi",
    "{n} more '{code}' problems on this sheet are not listed one by one",
)
MAX_PER_CODE = 1000  # per sheet: beyond this a report stops helping and only grows
MAX_SUGGESTIONS = 50  # distinct labels listed with suggestions (a person reads that many); the rest are one issue


class IssueCollector:
    """Collects issues; the same (code, sheet, row, column) is reported once, and a flood is summarised."""

    def __init__(self) -> None:
        self.items: list[Issue] = []
        # names in the file that matched no municipality, in order of first appearance (for the mapping UI)
        self.unknown_municipalities: list[str] = []
        # labels the upload page asks about (analysis.ingest.matching.LabelChoice), at most MAX_SUGGESTIONS of each
        self.label_choices: list = []
        self.seen: set[tuple] = set()
        self.per_code: dict[tuple, int] = {}

    def _keep(self, issue: Issue) -> None:
        key = (issue.code, issue.sheet, issue.row, issue.column)
        if key in self.seen:
            return
        self.seen.add(key)
        count = self.per_code.get((issue.sheet, issue.code), 0) + 1
        self.per_code[(issue.sheet, issue.code)] = count
        if count <= MAX_PER_CODE:
            self.items.append(issue)

    def add(self, kind: IssueType, *, sheet, row, column, severity=None, **params) -> None:
        row = None if row is None or (isinstance(row, float) and np.isnan(row)) else int(row)
        column = column if isinstance(column, str) else None
        self._keep(kind.issue(sheet=sheet, row=row, column=column, severity=severity, **params))

    def extend(self, issues: list[Issue]) -> None:
        for i in issues:
            self._keep(i)

    def finish(self) -> list[Issue]:
        """The issues, with one line per sheet and code saying how many were not listed."""
        out = list(self.items)
        for (sheet, code), count in self.per_code.items():
            if count > MAX_PER_CODE:
                first = next(i for i in self.items if i.sheet == sheet and i.code == code)
                severity = first.severity
                out.append(MORE_ISSUES.issue(sheet=sheet, severity="info" if severity == "info" else severity,
                                             n=count - MAX_PER_CODE, code=code))
        return out


def cell_text(v: object) -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()


def per_cell(
    issues: IssueCollector, kind: IssueType, d: pd.DataFrame, *, row: str, column: str, raw: str | None = None, **params
) -> None:
    """One issue per flagged cell (d is already cut down to those cells)."""
    if not len(d):
        return
    for rec in d[[c for c in ("sheet", row, column, raw) if c]].itertuples(index=False, name=None):
        extra = {"text": cell_text(rec[3])} if raw else {}
        issues.add(kind, sheet=rec[0], row=rec[1], column=rec[2], **extra, **params)


def pick(work: pd.DataFrame, mask: pd.Series, columns: list[str]) -> pd.DataFrame:
    """Only the flagged rows and the columns a message needs: copying the whole frame per rule is what costs."""
    if not mask.any():
        return work.iloc[:0][columns]
    return work.loc[mask, columns]


def first_of_groups(d: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per group (its first, in file order) with the group's size as `n`."""
    if not len(d):
        return d.assign(n=pd.Series(dtype="int64"))
    g = d.groupby(by, sort=False, dropna=False)
    first = g.head(1).copy()
    first["n"] = g[by[0]].transform("size").loc[first.index].to_numpy()
    return first


def report_forms(issues: IssueCollector, work: pd.DataFrame, form: pd.Series, mask: pd.Series, *, row: str, column: str) -> None:
    """Recognised-but-unusual forms, once per sheet, column and form, at the first cell."""
    if not mask.any():
        return
    d = work.loc[mask, ["sheet", row, column]].assign(_form=form[mask])
    first = first_of_groups(d, ["sheet", column, "_form"])
    for rec in first[["sheet", row, column, "_form", "n"]].itertuples(index=False, name=None):
        kind = FORM_ISSUES.get(rec[3])
        if kind is not None:
            issues.add(kind, sheet=rec[0], row=rec[1], column=rec[2], n=int(rec[4]))

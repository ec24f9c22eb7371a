"""Reading a filled-in programme template back: every fault listed with sheet, row and column, or one clean record.

The file is checked before it is parsed (size, zip directory, declared and real sizes), read cell by cell with
openpyxl in read-only mode, and turned into a Programme only when no cell is wrong; the record is then checked by
analysis.programme.validate and the guidance's checks, their findings moved to the sheet row they came from.
Storing is one call (`save_programme`): nothing is half-written.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from analysis.programme import issues as I
from analysis.programme import labels as L
from analysis.programme.catalogues import ProgrammeCatalogues, programme_catalogues
from analysis.programme.checks import check_programme
from analysis.programme.model import (
    Conclusion,
    Measure,
    MeasureIndicator,
    MonitoringEntry,
    Participation,
    PinnedIndicator,
    Programme,
    SelfAssessment,
)
from analysis.programme.validate import validate
from analysis.programme.workbook import PROGRAMME_FIELDS, PROGRAMME_SHEET, SHEETS, Col, Sheet, restore_text
from analysis.report import Issue, IssueType, Report, Said
from analysis.text import fold

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 80 * 1024 * 1024
MAX_ROWS = 5000  # per sheet: a programme has tens of rows
MAX_COLUMNS = 40
MAX_TEXT = 20_000  # characters in one cell

UNREADABLE = IssueType(
    "programme-xlsx-unreadable", "error",
    "Failu nevar nolasīt kā programmas veidni (.xlsx): {reason}",
    "The file cannot be read as a programme template (.xlsx): {reason}",
)
NOT_XLSX = IssueType(
    "programme-xlsx-not-xlsx", "error",
    "Fails nav .xlsx darbgrāmata; saglabājiet veidni Excel formātā (.xlsx)",
    "The file is not an .xlsx workbook; save the template in Excel format (.xlsx)",
)
ENCRYPTED = IssueType(
    "programme-xlsx-encrypted", "error",
    "Fails ir aizsargāts ar paroli; saglabājiet to bez paroles",
    "The file is password-protected; save it without a password",
)
XML_ENTITIES = IssueType(
    "programme-xlsx-xml-entities", "error",
    "Failā ir XML entītiju deklarācijas, ko veidne nekad nesatur; fails netiek lasīts",
    "The file holds XML entity declarations, which the template never has; it is not read",
)
TOO_LARGE = IssueType(
    "programme-xlsx-too-large", "error",
    "Fails ir par lielu programmas veidnei ({size}; atļauts {limit})",
    "The file is too large for a programme template ({size}; allowed {limit})",
)
MISSING_SHEET = IssueType(
    "programme-xlsx-missing-sheet", "error",
    "Trūkst lapas “{name}”",
    "Sheet “{name}” is missing",
)
MISSING_COLUMN = IssueType(
    "programme-xlsx-missing-column", "error",
    "Lapā trūkst kolonnas “{name}”",
    "The sheet lacks the column “{name}”",
)
UNKNOWN_COLUMN = IssueType(
    "programme-xlsx-unknown-column", "warning",
    "Kolonna “{name}” nav veidnē; tās saturs netiek ielādēts",
    "Column “{name}” is not part of the template; its content is not loaded",
)
UNKNOWN_FIELD = IssueType(
    "programme-xlsx-unknown-field", "warning",
    "Lauks “{name}” nav veidnē; tas netiek ielādēts",
    "Field “{name}” is not part of the template; it is not loaded",
)
BAD_NUMBER = IssueType(
    "programme-xlsx-bad-number", "error",
    "“{value}” nav skaitlis",
    "“{value}” is not a number",
)
BAD_WHOLE = IssueType(
    "programme-xlsx-bad-whole-number", "error",
    "“{value}” nav vesels skaitlis",
    "“{value}” is not a whole number",
)
BAD_DATE = IssueType(
    "programme-xlsx-bad-date", "error",
    "“{value}” nav datums (DD.MM.GGGG)",
    "“{value}” is not a date (DD.MM.YYYY)",
)
BAD_YES_NO = IssueType(
    "programme-xlsx-bad-yes-no", "error",
    "“{value}” nav “Jā” vai “Nē”",
    "“{value}” is not “Yes” or “No”",
)
BAD_NAME = IssueType(
    "programme-xlsx-bad-choice", "error",
    "“{value}” nav sarakstā (derīgi: {allowed})",
    "“{value}” is not in the list (valid: {allowed})",
)
TEXT_TOO_LONG = IssueType(
    "programme-xlsx-text-too-long", "error",
    "Teksts ir {n} rakstzīmes garš; atļauts {limit}",
    "The text is {n} characters long; {limit} are allowed",
)
NO_MUNICIPALITY = IssueType(
    "programme-xlsx-no-municipality", "error",
    "Nav norādīta pašvaldība: aizpildiet “Pašvaldības kods” vai izvēlieties pašvaldību ielādējot",
    "No municipality given: fill in “Municipality code” or choose the municipality when importing",
)
UNKNOWN_DOMAIN_ROW = IssueType(
    "programme-xlsx-unknown-domain", "error",
    "Rādītājs piesaistīts jomai {value}, bet jomas numurs ir 1–16",
    "The indicator is pinned to domain {value}, but domains are numbered 1–16",
)
UNKNOWN_MEASURE = IssueType(
    "programme-xlsx-unknown-measure", "error",
    "Pasākums “{value}” nav lapā “{measures}”",
    "Measure “{value}” is not on the sheet “{measures}”",
)
UNKNOWN_INDICATOR = IssueType(
    "programme-xlsx-unknown-indicator", "error",
    "Rādītājs “{value}” nav katalogā",
    "Indicator “{value}” is not in the catalogue",
)

_DAY = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?\s*$")
_YES = {"ja", "yes", "true", "1", "x", "y"}
_NO = {"ne", "no", "false", "0", "n"}


@dataclass
class ImportResult:
    """The record read from the file (None when any error was found) and every finding, located in the file."""

    programme: Programme | None
    report: Report
    lang: str = "lv"
    source_municipality: str | None = None  # the code the file named, when another one was chosen


@dataclass
class _Where:
    """Where each item of the record came from, so validation's findings point at the sheet row."""

    titles: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet key -> field -> header as written
    programme_rows: dict[str, int] = field(default_factory=dict)
    domain_rows: dict[int, int] = field(default_factory=dict)


class _Reader:
    """Cell values to record fields, every fault added to the report with its sheet, row and column."""

    def __init__(self, *, report: Report, catalogue, lists: ProgrammeCatalogues) -> None:
        self.report = report
        self.catalogue = catalogue
        self.lists = lists
        self._names: dict[str, dict[str, str]] = {}

    def names(self, kind: str) -> dict[str, str]:
        if kind not in self._names:
            found: dict[str, str] = {}
            for key, lv, en in L.choices(kind, lists=self.lists):
                for text in (key, lv, en):
                    found.setdefault(fold(text), key)
            self._names[kind] = found
        return self._names[kind]

    def value(self, col: Col, raw, *, sheet: str, row: int, column: str):
        """The field's value, or None (empty, or a fault reported)."""
        at = {"sheet": sheet, "row": row, "column": column}
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return _empty(col)
        kind = col.kind
        if isinstance(raw, str) and len(raw) > MAX_TEXT:
            self.report.add(TEXT_TOO_LONG, n=len(raw), limit=MAX_TEXT, **at)
            return _empty(col)
        if kind in ("text", "opt"):
            return restore_text(_as_text(raw).strip())
        if kind == "lines":
            return tuple(restore_text(x.strip()) for x in _as_text(raw).splitlines() if x.strip())
        if kind == "int":
            return self._int(raw, at)
        if kind == "float":
            return self._float(raw, at)
        if kind == "date":
            return self._date(raw, at)
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            key = fold(_as_text(raw))
            if key in _YES:
                return True
            if key in _NO:
                return False
            self.report.add(BAD_YES_NO, value=_show(raw), **at)
            return None
        if kind.startswith("choice:"):
            return self._choice(kind[7:], _as_text(raw), at)
        if kind.startswith("many:"):
            found = [self._choice(kind[5:], part, at) for part in _split(raw)]
            return tuple(x for x in found if x is not None)
        if kind == "domains":
            out = []
            for part in _split(raw):
                n = self._int(part, at)
                if n is not None:
                    out.append(n)
            return tuple(out)
        if kind == "keys":
            return tuple(restore_text(p) for p in _split(raw))
        raise ValueError(kind)

    def _choice(self, kind: str, text: str, at: dict):
        key = self.names(kind).get(fold(restore_text(text.strip())))
        if key is None:
            names = L.choices(kind, lists=self.lists)
            allowed = Said(", ".join(lv for _k, lv, _en in names), ", ".join(en for _k, _lv, en in names))
            self.report.add(BAD_NAME, value=_show(text), allowed=allowed, **at)
        return key

    def _int(self, raw, at: dict):
        if isinstance(raw, bool):
            self.report.add(BAD_WHOLE, value=_show(raw), **at)
            return None
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = _as_text(raw).strip().replace("\u00a0", "").replace(" ", "")
        if re.fullmatch(r"[+-]?\d{1,9}", text):
            return int(text)
        self.report.add(BAD_WHOLE, value=_show(raw), **at)
        return None

    def _float(self, raw, at: dict):
        if isinstance(raw, bool):
            self.report.add(BAD_NUMBER, value=_show(raw), **at)
            return None
        if isinstance(raw, (int, float)):
            value = float(raw)
        else:
            text = _as_text(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            text = text.replace("\u2212", "-")
            try:
                value = float(text)
            except ValueError:
                self.report.add(BAD_NUMBER, value=_show(raw), **at)
                return None
        if value != value or value in (float("inf"), float("-inf")):
            self.report.add(BAD_NUMBER, value=_show(raw), **at)
            return None
        return value

    def _date(self, raw, at: dict):
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = _as_text(raw).strip()
        m = _DAY.match(text)
        try:
            if m:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return date.fromisoformat(text)
        except ValueError:
            self.report.add(BAD_DATE, value=_show(raw), **at)
            return None


def _empty(col: Col):
    if col.kind in ("lines", "domains", "keys") or col.kind.startswith("many:"):
        return ()
    if col.kind == "text":
        return ""
    return None


def _as_text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    return str(raw)


def _show(raw) -> str:
    text = _as_text(raw)
    return text if len(text) <= 60 else text[:57] + "…"


def _split(raw) -> list[str]:
    return [p.strip() for p in re.split(r"[;\n]", _as_text(raw)) if p.strip()]


# ---------------------------------------------------------------- the file


def _open(blob: bytes, report: Report):
    """The workbook opened read-only, or None with the reason in the report (checked before openpyxl sees it)."""
    if len(blob) > MAX_BYTES:
        report.add(TOO_LARGE, size=f"{len(blob) / 1e6:.1f} MB", limit=f"{MAX_BYTES / 1e6:.0f} MB")
        return None
    if not blob.startswith(b"PK"):
        report.add(NOT_XLSX)
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            infos = z.infolist()
            declared = sum(i.file_size for i in infos)
            if len(infos) > 500 or declared > MAX_UNPACKED:
                report.add(TOO_LARGE, size=f"{declared / 1e6:.0f} MB",
                           limit=f"{MAX_UNPACKED / 1e6:.0f} MB")
                return None
            real = 0
            for info in infos:  # a directory that lies about sizes is caught by inflating in bounded chunks
                if info.flag_bits & 0x1:
                    report.add(ENCRYPTED)
                    return None
                with z.open(info) as part:
                    while chunk := part.read(1 << 20):
                        real += len(chunk)
                        if real > MAX_UNPACKED:
                            report.add(TOO_LARGE, size=f">{MAX_UNPACKED / 1e6:.0f} MB",
                                       limit=f"{MAX_UNPACKED / 1e6:.0f} MB")
                            return None
                        if info.filename.endswith(".xml") and b"<!ENTITY" in chunk:
                            report.add(XML_ENTITIES)
                            return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        report.add(UNREADABLE, reason=_reason("ZIP arhīvs nav nolasāms", exc))
        return None
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(blob), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure is the file's fault, told as one issue
        report.add(UNREADABLE, reason=_reason("darbgrāmatu nevar atvērt", exc))
        return None


def _reason(lv: str, exc: BaseException) -> Said:
    """Latvian in words; the library's own English text only in the English message."""
    return Said(lv, " ".join(str(exc).split())[:200] or type(exc).__name__)


def _grid(ws, *, title: str, report: Report) -> list[tuple] | None:
    rows = []
    for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if n > MAX_ROWS + 1:
            report.add(TOO_LARGE, sheet=title, size=f">{MAX_ROWS}", limit=str(MAX_ROWS))
            return None
        rows.append(tuple(row[:MAX_COLUMNS]))
    return rows


def _sheet_lang(book) -> tuple[str, dict[str, str]]:
    """The file's language (from its sheet names) and the title of each sheet by its key."""
    names = {fold(n): n for n in book.sheetnames}
    for lang in ("lv", "en"):
        found = {s.key: names[fold(s.title(lang))] for s in (PROGRAMME_SHEET, *SHEETS) if fold(s.title(lang)) in names}
        if PROGRAMME_SHEET.key in found:
            return lang, found
    return "lv", {}


def _columns(sheet: Sheet, header: tuple, *, title: str, report: Report) -> dict[str, int] | None:
    """Field -> column index from the header row (either language, or the field name)."""
    wanted = {}
    for col in sheet.columns:
        for text in (col.field, col.lv, col.en):
            wanted[fold(text)] = col.field
    found: dict[str, int] = {}
    for i, text in enumerate(header):
        if text is None or not str(text).strip():
            continue
        name = wanted.get(fold(text))
        if name is None:
            report.add(UNKNOWN_COLUMN, sheet=title, row=1, column=str(text)[:60], name=str(text)[:60])
        elif name not in found:
            found[name] = i
    missing = [c for c in sheet.columns if not c.info and c.field not in found]
    for col in missing:
        report.add(MISSING_COLUMN, sheet=title, row=1, column=col.lv, name=col.lv)
    return None if missing else found


def read_programme_workbook(
    blob: bytes,
    *,
    catalogue,
    municipality_code: str | None = None,
    lists: ProgrammeCatalogues | None = None,
) -> ImportResult:
    """The programme in the file, for `municipality_code` when given (else the one the file names)."""
    lists = lists or programme_catalogues()
    report = Report()
    book = _open(blob, report)
    if book is None:
        return ImportResult(None, report)
    try:
        return _read(book, report=report, catalogue=catalogue, municipality_code=municipality_code, lists=lists)
    except Exception as exc:  # noqa: BLE001 - a cell openpyxl cannot decode is still the file's fault
        report.add(UNREADABLE, reason=" ".join(str(exc).split())[:200] or type(exc).__name__)
        return ImportResult(None, report)
    finally:
        book.close()


def _read(book, *, report: Report, catalogue, municipality_code, lists) -> ImportResult:
    lang, titles = _sheet_lang(book)
    where = _Where(titles=titles)
    for s in (PROGRAMME_SHEET, *SHEETS):
        if s.key not in titles:
            report.add(MISSING_SHEET, sheet=s.title(lang), name=s.title(lang))
    if not report.valid:
        return ImportResult(None, report, lang=lang)
    reader = _Reader(report=report, catalogue=catalogue, lists=lists)

    # the programme sheet: one field per row
    head_title = titles[PROGRAMME_SHEET.key]
    grid = _grid(book[head_title], title=head_title, report=report)
    if grid is None:
        return ImportResult(None, report, lang=lang)
    by_label = {}
    for col in PROGRAMME_FIELDS:
        for text in (col.field, col.lv, col.en):
            by_label[fold(text)] = col
    top: dict = {}
    value_header = PROGRAMME_SHEET.columns[1].header(lang)
    for r, row in enumerate(grid[1:], start=2):
        if not row or row[0] is None or not str(row[0]).strip():
            continue
        col = by_label.get(fold(row[0]))
        if col is None:
            report.add(UNKNOWN_FIELD, sheet=head_title, row=r, column=PROGRAMME_SHEET.columns[0].header(lang),
                       name=str(row[0])[:60])
            continue
        where.programme_rows[col.field] = r
        if col.info:
            continue
        top[col.field] = reader.value(col, row[1] if len(row) > 1 else None, sheet=head_title, row=r,
                                      column=value_header)
    file_code = top.pop("municipality_code", "") or None
    code = municipality_code or file_code
    if code is None:
        report.add(NO_MUNICIPALITY, sheet=head_title, row=where.programme_rows.get("municipality_code"),
                   column=value_header)

    items: dict[str, list[dict]] = {}
    for sheet in SHEETS:
        title = titles[sheet.key]
        grid = _grid(book[title], title=title, report=report)
        if grid is None or not grid:
            items[sheet.key] = []
            continue
        columns = _columns(sheet, grid[0], title=title, report=report)
        if columns is None:
            items[sheet.key] = []
            continue
        where.headers[sheet.key] = {f: str(grid[0][i]) for f, i in columns.items()}
        found = []
        for r, row in enumerate(grid[1:], start=2):
            cells = {f: (row[i] if i < len(row) else None) for f, i in columns.items()}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue
            values = {"_row": r}
            for col in sheet.columns:
                if col.info or col.field not in columns:
                    continue
                values[col.field] = reader.value(col, cells[col.field], sheet=title, row=r,
                                                 column=where.headers[sheet.key][col.field])
            found.append(values)
        items[sheet.key] = found

    programme = _assemble(top, items, code=code or "", where=where, report=report, catalogue=catalogue)
    if not report.valid:
        return ImportResult(None, report, lang=lang, source_municipality=file_code)
    located = _locate(validate(programme, catalogue=catalogue, lists=lists), where=where, lang=lang)
    report.extend(located)
    report.extend(_locate(check_programme(programme, catalogue=catalogue), where=where, lang=lang))
    report.stats.update(conclusions=len(programme.conclusions), measures=len(programme.measures),
                        monitoring=len(programme.monitoring), participation=len(programme.participation),
                        self_assessment=len(programme.self_assessment))
    return ImportResult(programme if report.valid else None, report, lang=lang, source_municipality=file_code)


def _assemble(top: dict, items: dict[str, list[dict]], *, code: str, where: _Where, report: Report,
              catalogue) -> Programme:
    """The record from the rows read, the indicator sheets joined to their conclusions and measures."""
    ids = {i.id for i in catalogue.indicators}
    pins: dict[int, list[PinnedIndicator]] = {}
    title = where.titles.get("pins", "")
    for row in items["pins"]:
        r = row.pop("_row")
        domain = row.pop("domain")
        if domain is None:
            continue
        if not 1 <= domain <= 16:
            report.add(UNKNOWN_DOMAIN_ROW, sheet=title, row=r, column=where.headers["pins"]["domain"], value=domain)
            continue
        if row["indicator"] not in ids:
            report.add(UNKNOWN_INDICATOR, sheet=title, row=r, column=where.headers["pins"]["indicator"],
                       value=row["indicator"] or "—")
            continue
        pins.setdefault(domain, []).append(PinnedIndicator(**row))
    conclusions = []
    rows = []
    for row in items["conclusions"]:
        r = row.pop("_row")
        domain = row["domain"]
        if isinstance(domain, int):
            where.domain_rows[domain] = r
        c = Conclusion(domain=domain, text=row["text"], problems=row["problems"],
                       indicators=tuple(pins.pop(domain, ())) if isinstance(domain, int) else ())
        if c.text or c.problems or c.indicators:
            conclusions.append(c)
            rows.append(r)
    for domain, found in sorted(pins.items()):  # indicators pinned to a domain with no conclusion row yet
        conclusions.append(Conclusion(domain=domain, indicators=tuple(found)))
        rows.append(None)
    where.rows["conclusions"] = rows

    links: dict[str, list[MeasureIndicator]] = {}
    measure_keys = {row.get("key") for row in items["measures"]}
    title = where.titles.get("measure_indicators", "")
    for row in items["measure_indicators"]:
        r = row.pop("_row")
        key = row.pop("measure")
        head = where.headers["measure_indicators"]
        if key not in measure_keys:
            report.add(UNKNOWN_MEASURE, sheet=title, row=r, column=head["measure"], value=key or "—",
                       measures=where.titles.get("measures", ""))
            continue
        if row["indicator"] not in ids:
            report.add(UNKNOWN_INDICATOR, sheet=title, row=r, column=head["indicator"], value=row["indicator"] or "—")
            continue
        links.setdefault(key, []).append(MeasureIndicator(**row))
    measures = []
    where.rows["measures"] = []
    for row in items["measures"]:
        where.rows["measures"].append(row.pop("_row"))
        measures.append(Measure(**row, indicators=tuple(links.get(row["key"], ()))))

    def plain(section: str, cls):
        out = []
        where.rows[section] = []
        for row in items[section]:
            where.rows[section].append(row.pop("_row"))
            if cls is Participation and row.get("method") is None:
                row["method"] = ""  # validation names the missing method at its row
            out.append(cls(**{k: v for k, v in row.items() if v is not None or k in ("deadline", "held_on",
                                                                                       "monitoring_type",
                                                                                       "children")}))
        return tuple(out)

    monitoring = plain("monitoring", MonitoringEntry)
    participation = plain("participation", Participation)
    assessed = []
    where.rows["self_assessment"] = []
    for row in items["self_assessment"]:
        r = row.pop("_row")
        if row.get("answer") is None and not row.get("note"):
            continue  # an item listed by the template and left unanswered
        where.rows["self_assessment"].append(r)
        assessed.append(SelfAssessment(item=row.get("item") or "", answer=row.get("answer") or "",
                                       note=row.get("note") or ""))
    fields = {k: v for k, v in top.items() if v is not None}
    return Programme(municipality_code=code, conclusions=tuple(conclusions), measures=tuple(measures),
                     monitoring=monitoring, participation=participation, self_assessment=tuple(assessed), **fields)


_SECTION_SHEET = {"conclusions": "conclusions", "measures": "measures", "monitoring": "monitoring",
                  "participation": "participation", "self_assessment": "self_assessment"}


def _locate(found: Report, *, where: _Where, lang: str) -> Report:
    """Validation's (section, item number, field) moved to the file's (sheet, row, column header)."""
    out = Report()
    for issue in found.issues:
        sheet, row, column = issue.sheet, issue.row, issue.column
        if sheet == "programme":
            title = where.titles.get("programme", sheet)
            field_row = where.programme_rows.get(column or "")
            column_name = PROGRAMME_SHEET.columns[1].header(lang)
            if field_row is None:
                label = next((c.header(lang) for c in PROGRAMME_FIELDS if c.field == column), column)
                column_name = label
            out.issues.append(_moved(issue, sheet=title, row=field_row, column=column_name))
            continue
        key = _SECTION_SHEET.get(sheet or "")
        if key is None:
            out.issues.append(issue)
            continue
        title = where.titles.get(key, sheet)
        rows = where.rows.get(key, [])
        if sheet == "conclusions" and issue.code == I.DOMAIN_WITHOUT_CONCLUSION.code:
            file_row = where.domain_rows.get(row)  # the check counts domains, not items: that domain's row
        else:
            file_row = rows[row - 1] if row is not None and 0 < row <= len(rows) else None
        header = where.headers.get(key, {}).get(column or "", column)
        out.issues.append(_moved(issue, sheet=title, row=file_row, column=header))
    return out


def _moved(issue: Issue, *, sheet, row, column) -> Issue:
    from dataclasses import replace

    return replace(issue, sheet=sheet, row=row, column=column)


def read_programme_file(path: Path, **kwargs) -> ImportResult:
    """`read_programme_workbook` on a file on disk (a file that cannot be opened is one issue, never a traceback)."""
    report = Report()
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            report.add(TOO_LARGE, size=f"{size / 1e6:.1f} MB", limit=f"{MAX_BYTES / 1e6:.0f} MB")
            return ImportResult(None, report)
        blob = Path(path).read_bytes()
    except OSError as exc:
        report.add(UNREADABLE, reason=exc.strerror or type(exc).__name__)
        return ImportResult(None, report)
    return read_programme_workbook(blob, **kwargs)


def store_imported(engine, *, actor, result: ImportResult, catalogue, note: str | None = None):
    """Saves an import as a new version of the municipality's programme for the same start year (else a new one)."""
    from analysis.programme.store import latest_programmes, save_programme

    if result.programme is None:
        raise ValueError("nothing to store: the import has errors")
    p = result.programme
    mine = [s for s in latest_programmes(engine, actor=actor, municipality_code=p.municipality_code)]
    same = [s for s in mine if s.programme.start_year == p.start_year]
    target = max(same, key=lambda s: s.id).id if same else None
    return save_programme(engine, actor=actor, programme=p, catalogue=catalogue, programme_id=target,
                          note=note or "XLSX")


# Findings about the file as a whole (not its cells): the CLI exits 2 on these, as for an unreadable upload.
UNREADABLE_CODES = frozenset(k.code for k in (UNREADABLE, NOT_XLSX, ENCRYPTED, XML_ENTITIES, TOO_LARGE))

"""The programme as an XLSX template: the group writes it offline and imports it back (see analysis.programme.xlsx_import).

One sheet per section of the guidance, one row per item, a header naming each column in the file's language.
Choices are written as names (a drop-down from the lists sheet) and read back from a key or either language's
name; several values in one cell are separated by ';'. Text cells that a spreadsheet would run as a formula get
an apostrophe (analysis.export_safety); the import takes exactly that apostrophe off again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from analysis.export_safety import FORMULA_STARTS, neutralise
from analysis.programme import labels as L
from analysis.programme.catalogues import ProgrammeCatalogues, programme_catalogues
from analysis.programme.model import Conclusion, Programme

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEPARATOR = "; "
FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Col:
    """One column of a sheet: the record field, its header in both languages, how its cells are read."""

    field: str
    lv: str
    en: str
    kind: str = "text"  # text | opt (text or none) | lines | int | float | date | bool | choice:<kind> | many:<kind> | domains | keys
    info: bool = False  # written for the reader's sake (a name next to a code), ignored on import
    width: int = 18

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.lv


@dataclass(frozen=True)
class Sheet:
    key: str
    lv: str
    en: str
    columns: tuple[Col, ...]

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.lv


PROGRAMME_FIELDS = (
    Col("municipality_code", "Pašvaldības kods", "Municipality code"),
    Col("municipality_name", "Pašvaldība", "Municipality", info=True),
    Col("start_year", "Sākuma gads", "Start year", "int"),
    Col("end_year", "Beigu gads", "End year", "int"),
    Col("open_ended", "Beztermiņa", "Open-ended", "bool"),
    Col("status", "Statuss", "Status", "choice:status"),
    Col("decision_date", "Domes lēmuma datums", "Council decision date", "date"),
    Col("document_kind", "Dokumenta veids", "Kind of document", "choice:document_kind"),
    Col("document_title", "Dokumenta nosaukums", "Document title"),
    Col("document_link", "Saite uz dokumentu", "Link to the document"),
    Col("goal", "Programmas mērķis", "Goal of the programme"),
    Col("domains", "Analizētās jomas (1–16)", "Domains analysed (1–16)", "domains"),
    Col("data_from_year", "Dati no gada", "Data from year", "int"),
    Col("data_to_year", "Dati līdz gadam", "Data to year", "int"),
)
PROGRAMME_SHEET = Sheet("programme", "Programma", "Programme", (
    Col("field", "Lauks", "Field", width=30), Col("value", "Vērtība", "Value", width=60),
))

SHEETS = (
    Sheet("conclusions", "Secinājumi", "Conclusions", (
        Col("domain", "Joma", "Domain", "int", width=7),
        Col("domain_name", "Jomas nosaukums", "Domain name", info=True, width=30),
        Col("text", "Secinājumi", "Conclusions", width=60),
        Col("problems", "Konstatētās problēmas (katra savā rindā)", "Problems found (one per line)", "lines",
            width=40),
    )),
    Sheet("pins", "Secinājumu rādītāji", "Conclusion indicators", (
        Col("domain", "Joma", "Domain", "int", width=7),
        Col("indicator", "Rādītāja kods", "Indicator code", width=24),
        Col("indicator_name", "Rādītājs", "Indicator", info=True, width=40),
        Col("year", "Gads", "Year", "int", width=7),
        Col("value", "Vērtība", "Value", "float", width=10),
        Col("shown", "Kā rādīts", "As shown", width=10),
        Col("assessment", "Tendence (kods)", "Trend (code)", "opt", width=16),
        Col("first_year", "No gada", "From year", "int", width=8),
        Col("last_year", "Līdz gadam", "To year", "int", width=8),
        Col("data_version", "Datu versija", "Data version", "opt", width=10),
    )),
    Sheet("measures", "Rīcības plāns", "Action plan", (
        Col("key", "Nr.", "No.", width=6),
        Col("title", "Pasākums", "Measure", width=30),
        Col("goal", "Mērķis", "Goal", width=30),
        Col("tasks", "Uzdevumi", "Tasks", width=30),
        Col("deadline", "Termiņš", "Deadline", "date", width=12),
        Col("responsible", "Atbildīgie", "Responsible", width=24),
        Col("resources", "Resursi", "Resources", width=24),
        Col("funding_source", "Finansējuma avots", "Funding source", width=20),
        Col("measure_type", "Pasākuma veids", "Type of measure", "choice:measure_type", width=30),
        Col("domains", "Jomas", "Domains", "domains", width=10),
        Col("answers", "Atbild uz jomu secinājumiem", "Answers the conclusions of domains", "domains", width=14),
    )),
    Sheet("measure_indicators", "Pasākumu rādītāji", "Measure indicators", (
        Col("measure", "Pasākuma Nr.", "Measure No.", width=10),
        Col("indicator", "Rādītāja kods", "Indicator code", width=24),
        Col("indicator_name", "Rādītājs", "Indicator", info=True, width=40),
        Col("baseline_year", "Bāzes gads", "Baseline year", "int", width=10),
        Col("baseline", "Bāzes vērtība", "Baseline", "float", width=10),
        Col("target_year", "Mērķa gads", "Target year", "int", width=10),
        Col("target", "Mērķa vērtība", "Target", "float", width=10),
    )),
    Sheet("monitoring", "Uzraudzība", "Monitoring", (
        Col("key", "Nr.", "No.", width=6),
        Col("monitoring_type", "Veids", "Type", "choice:monitoring_type", width=18),
        Col("activity", "Darbība", "Activity", width=30),
        Col("deadline", "Termiņš", "Deadline", "date", width=12),
        Col("responsible", "Atbildīgie", "Responsible", width=24),
        Col("status", "Izpilde", "Status", "choice:monitoring_status", width=14),
        Col("measures", "Pasākumi (Nr.)", "Measures (No.)", "keys", width=14),
    )),
    Sheet("participation", "Līdzdalība", "Participation", (
        Col("method", "Metode", "Method", "choice:method", width=28),
        Col("held_on", "Datums", "Date", "date", width=12),
        Col("age_bands", "Vecuma grupas", "Age bands", "many:age_band", width=20),
        Col("children", "Bērnu skaits", "Number of children", "int", width=10),
        Col("groups", "Sasniegtās grupas", "Groups reached", "many:group", width=30),
        Col("fed_back", "Sniegta atgriezeniskā saite", "Results fed back", "bool", width=12),
        Col("summary", "Kopsavilkums", "Summary", width=40),
    )),
    Sheet("self_assessment", "Pašnovērtējums", "Self-assessment", (
        Col("item", "Labā prakse", "Good practice", "choice:good_practice", width=60),
        Col("domain", "Joma", "Domain", "int", info=True, width=7),
        Col("answer", "Vērtējums", "Answer", "choice:answer", width=16),
        Col("note", "Piezīme", "Note", width=40),
    )),
)
SHEET = {s.key: s for s in SHEETS}
LISTS_SHEET = ("Saraksti", "Lists")
README_SHEET = ("Lasīt", "Read me")
LIST_KINDS = ("status", "document_kind", "measure_type", "monitoring_type", "monitoring_status", "method",
              "age_band", "group", "answer", "good_practice")

README = {
    "lv": (
        "Bērnu tiesību aizsardzības programmas veidne",
        "Aizpildiet lapas pēc vadlīniju soļiem: Programma (periods, statuss, mērķis), Secinājumi (katrai jomai), "
        "Rīcības plāns, Uzraudzība, Līdzdalība, Pašnovērtējums.",
        "Izvēles laukos izvēlieties vērtību no saraksta (lapa “Saraksti”); vairākas vērtības atdaliet ar semikolu.",
        "Datumus rakstiet kā DD.MM.GGGG. Rindu un kolonnu virsrakstus nemainiet.",
        "Ielādējiet failu atpakaļ panelī (lapa “Programma”) vai ar: python -m analysis programme import FAILS",
    ),
    "en": (
        "Child-rights protection programme template",
        "Fill in the sheets in the guidance's order: Programme (period, status, goal), Conclusions (per domain), "
        "Action plan, Monitoring, Participation, Self-assessment.",
        "In choice fields pick a value from the list (sheet “Lists”); separate several values with a semicolon.",
        "Write dates as DD.MM.YYYY. Do not change the headers of rows and columns.",
        "Load the file back on the dashboard (page “Programme”) or with: python -m analysis programme import FILE",
    ),
}


def _text(value) -> str:
    return str(neutralise(value)) if value is not None else ""


def _cell(col: Col, value, *, lang: str, lists: ProgrammeCatalogues):
    """A field's value as the cell shows it: names for choices, dates as dates, several values joined."""
    kind = col.kind
    if value is None:
        return None
    if kind.startswith("choice:"):
        return _text(L.label(kind[7:], value, lang=lang, lists=lists)) or None
    if kind.startswith("many:"):
        return _text(SEPARATOR.join(L.label(kind[5:], v, lang=lang, lists=lists) for v in value)) or None
    if kind == "domains":
        return SEPARATOR.join(str(d) for d in value) or None
    if kind == "keys":
        return _text(SEPARATOR.join(value)) or None
    if kind == "lines":
        return _text("\n".join(value)) or None
    if kind == "bool":
        return L.yes_no(value, lang=lang)
    if kind in ("int", "float", "date"):
        return value
    return _text(value) if value != "" else None


def _rows(sheet: Sheet, programme: Programme, *, catalogue, lang: str, lists: ProgrammeCatalogues) -> list[dict]:
    """The items of one sheet as {field: value} (info columns filled for the reader)."""
    en = lang == "en"
    p = programme
    if sheet.key == "conclusions":
        have = {c.domain: c for c in p.conclusions}
        out = []
        for d in catalogue.domains:
            c = have.get(d.no, Conclusion(domain=d.no))
            out.append({"domain": d.no, "domain_name": d.name_en if en else d.name_lv, "text": c.text,
                        "problems": c.problems})
        return out
    if sheet.key == "pins":
        return [{**_fields(pin), "domain": c.domain, "indicator_name": _indicator_name(catalogue, pin.indicator, en)}
                for c in sorted(p.conclusions, key=lambda c: c.domain) for pin in c.indicators]
    if sheet.key == "measures":
        return [_fields(m) for m in p.measures]
    if sheet.key == "measure_indicators":
        return [{**_fields(link), "measure": m.key,
                 "indicator_name": _indicator_name(catalogue, link.indicator, en)}
                for m in p.measures for link in m.indicators]
    if sheet.key == "monitoring":
        return [_fields(e) for e in p.monitoring]
    if sheet.key == "participation":
        return [_fields(x) for x in p.participation]
    if sheet.key == "self_assessment":
        answered = {s.item: s for s in p.self_assessment}
        out = []
        for item in lists.good_practice:  # every item listed, answered or not, in the guidance's order
            s = answered.get(item.key)
            out.append({"item": item.key, "domain": item.domain, "answer": s.answer if s else None,
                        "note": s.note if s else ""})
        return out
    raise KeyError(sheet.key)


def _fields(record) -> dict:
    return dict(record.__dict__)


def _indicator_name(catalogue, indicator_id: str, en: bool) -> str:
    ind = catalogue.indicator(indicator_id)
    if ind is None:
        return ""
    return ind.name_en if en else ind.name_lv


def programme_workbook(
    programme: Programme,
    *,
    catalogue,
    lang: str = "lv",
    lists: ProgrammeCatalogues | None = None,
    data_version: int | None = None,
    today: date | None = None,
) -> bytes:
    """The programme (or an empty one for a municipality) as .xlsx bytes, ready to fill in and import back."""
    import xlsxwriter

    lists = lists or programme_catalogues()
    en = lang == "en"
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": "dd.mm.yyyy", "valign": "top"})
    grey = book.add_format({"font_color": "#555555", "text_wrap": True, "valign": "top"})

    readme = book.add_worksheet(README_SHEET[1 if en else 0])
    readme.set_column(0, 0, 120)
    lines = list(README[lang if en else "lv"])
    muni = catalogue.municipality(programme.municipality_code) if programme.municipality_code else None
    stamp = (f"Format {FORMAT_VERSION}; data version {data_version if data_version is not None else '—'}; "
             f"created {(today or date.today()).isoformat()}") if en else (
        f"Formāts {FORMAT_VERSION}; datu versija {data_version if data_version is not None else '—'}; "
        f"izveidots {(today or date.today()).strftime('%d.%m.%Y')}.")
    lines.append(stamp)
    for i, line in enumerate(lines):
        readme.write_string(i, 0, _text(line), bold if i == 0 else wrap)

    list_ranges = _lists_sheet(book, bold=bold, lang=lang, lists=lists)

    ws = book.add_worksheet(PROGRAMME_SHEET.title(lang))
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 70)
    for c, col in enumerate(PROGRAMME_SHEET.columns):
        ws.write_string(0, c, col.header(lang), bold)
    values = {f.field: getattr(programme, f.field, None) for f in PROGRAMME_FIELDS if not f.info}
    values["municipality_code"] = programme.municipality_code or None
    values["municipality_name"] = (muni.name_en if en else muni.name_lv) if muni else None
    for r, col in enumerate(PROGRAMME_FIELDS, start=1):
        ws.write_string(r, 0, col.header(lang), grey if col.info else bold)
        _write(ws, r, 1, _cell(col, values[col.field], lang=lang, lists=lists), wrap=wrap, day=day)
        if col.kind.startswith("choice:") and col.kind[7:] in list_ranges:
            ws.data_validation(r, 1, r, 1, {"validate": "list", "source": list_ranges[col.kind[7:]]})

    for sheet in SHEETS:
        ws = book.add_worksheet(sheet.title(lang))
        ws.freeze_panes(1, 0)
        for c, col in enumerate(sheet.columns):
            ws.write_string(0, c, col.header(lang), bold)
            ws.set_column(c, c, col.width, grey if col.info else None)
        rows = _rows(sheet, programme, catalogue=catalogue, lang=lang, lists=lists)
        for r, item in enumerate(rows, start=1):
            for c, col in enumerate(sheet.columns):
                _write(ws, r, c, _cell(col, item.get(col.field), lang=lang, lists=lists), wrap=wrap, day=day)
        last = max(len(rows) + 200, 200)
        for c, col in enumerate(sheet.columns):
            if col.kind.startswith("choice:") and col.kind[7:] in list_ranges:
                ws.data_validation(1, c, last, c, {"validate": "list", "source": list_ranges[col.kind[7:]]})
    book.close()
    return buffer.getvalue()


def _write(ws, r: int, c: int, value, *, wrap, day) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        ws.write_string(r, c, str(value), wrap)
    elif isinstance(value, (date, datetime)):
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value), wrap)


def _lists_sheet(book, *, bold, lang: str, lists: ProgrammeCatalogues) -> dict[str, str]:
    """Every choice list, one column each (names in the file's language), for the drop-downs and for the reader."""
    ws = book.add_worksheet(LISTS_SHEET[1 if lang == "en" else 0])
    title = LISTS_SHEET[1 if lang == "en" else 0]
    ranges: dict[str, str] = {}
    for c, kind in enumerate(LIST_KINDS):
        ws.write_string(0, c, kind, bold)
        entries = L.choices(kind, lists=lists)
        for r, (_key, lv, en) in enumerate(entries, start=1):
            ws.write_string(r, c, _text(en if lang == "en" else lv))
        ws.set_column(c, c, 28)
        letter = _letter(c)
        ranges[kind] = f"='{title}'!${letter}$2:${letter}${len(entries) + 1}"
    return ranges


def _letter(c: int) -> str:
    out = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        out = chr(65 + rem) + out
    return out


def restore_text(value: str) -> str:
    """The text as written before export: the one apostrophe `neutralise` put before a formula start comes off."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value

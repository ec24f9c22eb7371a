"""Writes the synthetic data in the layouts people actually send: long CSV, group workbooks, portal export, survey."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import xlsxwriter

from analysis.catalogue import Catalogue, Indicator
from analysis.text import fold
from sample_municipalities.simulate import Cell, Data
from sample_municipalities.territory import Profile

SYNTHETIC = "SINTĒTISKI DATI / SYNTHETIC DATA"
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)  # fixed workbook timestamps keep regenerated files byte-identical
LONG_HEADER = ["municipality", "indicator", "year", "value", "count", "denominator", "status", "note"]

SHEET_NAMES = {
    1: "1 Demogrāfija",
    2: "2 Izglītība",
    3: "3 Brīvais laiks",
    4: "4 Vides pieejamība",
    5: "5 Veselības aprūpe",
    6: "6 Sociālais atbalsts",
    7: "7 Ārpusģimenes aprūpe",
    8: "8 Likumpārkāpumi",
    9: "9 Droša vide",
    10: "10 Institūcijas",
    11: "11 Bērnu līdzdalība",
    12: "12 Vecāku izglītošana",
    13: "13 Jaunatnes nodarbinātība",
    14: "14 Civilā aizsardzība",
    15: "15 Īpašās vajadzības",
    16: "16 Cilvēktirdzniecība",
}

SOURCE_LV = {
    "csp": "Centrālā statistikas pārvalde",
    "viis": "Valsts izglītības informācijas sistēma (VIIS)",
    "nvd": "Nacionālais veselības dienests",
    "spkc": "Slimību profilakses un kontroles centrs",
    "state_police": "Valsts policija",
    "municipal_police": "pašvaldības policija",
    "orphans_court": "bāriņtiesa",
    "social_service": "sociālais dienests",
    "municipality": "pašvaldība",
    "bac": "Bērnu aizsardzības centrs",
    "nva": "Nodarbinātības valsts aģentūra",
    "vugd": "Valsts ugunsdzēsības un glābšanas dienests",
}


def slug(name: str) -> str:
    """ASCII file-name stem for a municipality ('Ķekavas novads' -> 'kekavas_novads')."""
    return "_".join(fold(name).split())


def wb_options() -> dict:
    return {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(path: Path, *, title: str) -> xlsxwriter.Workbook:
    """A workbook with fixed properties, so regeneration gives the same bytes and the file says it is synthetic."""
    wb = xlsxwriter.Workbook(str(path), wb_options())
    wb.set_properties({
        "title": title,
        "subject": SYNTHETIC,
        "author": "sample_municipalities.generate",
        "comments": "Sintētiski dati demonstrācijai un testiem; nav īsti dati. Synthetic data for demos and tests.",
        "created": FIXED_TIME,
    })
    return wb


# ---------------------------------------------------------------- 1. long CSV


def _fmt(value, ind: Indicator) -> str:
    """A value as text: whole numbers for counts and yes/no, fixed decimals for the rest."""
    if value is None:
        return ""
    if ind.kind in ("count", "yes_no"):
        return str(int(value))
    if ind.kind == "proportion":
        return f"{value:.1f}"
    return f"{value:.2f}"


def long_rows(data: Data, cat: Catalogue, profiles: list[Profile]) -> list[list[str]]:
    """Rows of the national long file in catalogue order (municipality, indicator, year)."""
    rows = []
    for p in profiles:
        for ind in cat.indicators:
            for year, c in sorted(data[(p.name, ind.id)].items()):
                rows.append([
                    p.name, ind.id, str(year), _fmt(c.value, ind),
                    "" if c.count is None else str(c.count),
                    "" if c.denominator is None else str(c.denominator),
                    c.status, c.note,
                ])
    return rows


def write_long_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LONG_HEADER)
        w.writerows(rows)


# ---------------------------------------------------------------- 2. cooperation-group workbooks


def write_group_workbook(path: Path, *, p: Profile, data: Data, cat: Catalogue) -> None:
    """One municipality's workbook: a sheet per domain, years across, notes and sources below."""
    wb = new_workbook(path, title=f"{p.name} — bērnu tiesību situācijas analīze ({SYNTHETIC})")
    fmt = _formats(wb)
    for domain in cat.domains:
        ws = wb.add_worksheet(SHEET_NAMES[domain.no])
        _domain_sheet(ws, fmt, p=p, domain=domain, data=data, cat=cat)
    wb.close()


def _formats(wb: xlsxwriter.Workbook) -> dict:
    return {
        "title": wb.add_format({"bold": True, "font_size": 13}),
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "text": wb.add_format({"border": 1, "text_wrap": True}),
        "count": wb.add_format({"border": 1, "num_format": "0"}),
        "proportion": wb.add_format({"border": 1, "num_format": "0.0"}),
        "rate": wb.add_format({"border": 1, "num_format": "0.00"}),
        "amount": wb.add_format({"border": 1, "num_format": "0.00"}),
        "yes_no": wb.add_format({"border": 1, "align": "center"}),
        "missing": wb.add_format({"border": 1, "italic": True, "font_color": "#808080"}),
        "foot": wb.add_format({"italic": True, "font_size": 9}),
    }


def _domain_sheet(ws, fmt: dict, *, p: Profile, domain, data: Data, cat: Catalogue) -> None:
    """Title, municipality line, blank row, header, one row per indicator, footnotes."""
    years = p.years  # a unit that merged keeps its workbook up to its last year
    last_col = len(years) + 2
    ws.merge_range(0, 0, 0, last_col, f"{p.name} — {domain.name_lv} ({SYNTHETIC})", fmt["title"])
    ws.write(1, 0, f"Pašvaldība: {p.name}")
    header = ["Rādītājs", "Mērvienība", *map(str, years), "Piezīmes"]
    for col, h in enumerate(header):
        ws.write(3, col, int(h) if h.isdigit() else h, fmt["head"])
    row = 4
    sources: list[str] = []
    has_estimate = False
    for ind in cat.indicators_of(domain.no):
        series = data[(p.name, ind.id)]
        ws.write(row, 0, ind.name_lv, fmt["text"])
        ws.write(row, 1, ind.unit_lv, fmt["text"])
        for col, year in enumerate(years, start=2):
            _write_cell(ws, row, col, series.get(year), ind=ind, fmt=fmt)
        note = _row_note(series)
        has_estimate |= "*" in note
        ws.write(row, last_col, note, fmt["text"])
        if SOURCE_LV[ind.source] not in sources:
            sources.append(SOURCE_LV[ind.source])
        row += 1
    ws.write(row + 1, 0, "Avots: " + "; ".join(sources) + ". " + SYNTHETIC + ".", fmt["foot"])
    if has_estimate:
        ws.write(row + 2, 0, "* provizoriski dati", fmt["foot"])
    ws.set_column(0, 0, 58)
    ws.set_column(1, 1, 18)
    ws.set_column(2, last_col - 1, 8)
    ws.set_column(last_col, last_col, 40)


def _write_cell(ws, row: int, col: int, c: Cell | None, *, ind: Indicator, fmt: dict) -> None:
    """A year's cell as a group would type it: numbers, Jā/Nē, 'nav datu' or a confidentiality mark."""
    if c is None:
        ws.write_blank(row, col, None, fmt["count"])
    elif c.status == "not_available":
        if c.note != "pašvaldība šos datus neapkopo":
            ws.write_string(row, col, "nav datu", fmt["missing"])
        else:
            ws.write_blank(row, col, None, fmt["missing"])
    elif c.status == "confidential":
        ws.write_string(row, col, "konf.", fmt["missing"])
    elif ind.kind == "yes_no":
        ws.write_string(row, col, "Jā" if c.value else "Nē", fmt["yes_no"])
    else:
        ws.write_number(row, col, c.value, fmt[ind.kind])


def _row_note(series: dict[int, Cell]) -> str:
    """The notes column: why a whole row is empty, and which years are provisional."""
    notes = {c.note for c in series.values() if c.status == "not_available"}
    if "pašvaldība šos datus neapkopo" in notes:
        return "Dati netiek apkopoti"
    estimates = [str(y) for y, c in sorted(series.items()) if c.status == "estimate"]
    return f"{', '.join(estimates)} – provizoriski dati*" if estimates else ""


# ---------------------------------------------------------------- 3. statistics-portal (PxWeb) export

CSP_INDICATORS = {  # indicator id -> (Latvian label, English label) as the portal words them
    "population_total": ("Iedzīvotāju skaits gada sākumā", "Population at the beginning of the year"),
    "children_0_17": ("Iedzīvotāji vecumā 0–17", "Population aged 0-17"),
    "births": ("Dzīvi dzimušie", "Births"),
    "urban_population_share": ("Pilsētu iedzīvotāju īpatsvars", "Share of urban population"),
}
CSP_YEARS = tuple(range(2020, 2026))
CSP_TITLE_LV = ("Iedzīvotāji un dzimušie reģionos, valstspilsētās un novados (" + SYNTHETIC + ") - "
                "Teritoriālā vienība, Rādītāji un Laika periods")
CSP_TITLE_EN = ("Population and births in regions, State cities and municipalities (" + SYNTHETIC + ") by "
                "Territorial unit, Indicator and Time period")
REGION_ORDER = ("RIGA", "KURZEME", "VIDZEME", "ZEMGALE", "LATGALE")


def csp_table(truth: Data, reported: Data, cat: Catalogue, profiles: list[Profile], *, english: bool) -> list[list]:
    """Rows for Latvia, each statistical region and its municipalities; aggregates use the full truth."""
    col = 1 if english else 0
    rows = []
    groups = [("LV", profiles)] + [(r, [p for p in profiles if p.region == r]) for r in REGION_ORDER]
    for code, members in groups:
        area = cat.region(code)
        rows += _csp_rows(area.name_en if english else area.name_lv, members, truth=truth, label_col=col)
        if code == "LV":
            continue
        for p in sorted(members, key=lambda m: (not m.is_city, fold(m.name))):
            rows += _csp_muni_rows(p, english=english, reported=reported, label_col=col)
    return rows


def _csp_rows(label: str, members: list[Profile], *, truth: Data, label_col: int) -> list[list]:
    """Aggregate rows: sums of counts, and the urban share recomputed from summed counts."""
    out = []
    for ind_id, labels in CSP_INDICATORS.items():
        values = []
        for y in CSP_YEARS:
            present = [p for p in members if y in truth[(p.name, "population_total")]]  # merged units end
            if ind_id == "urban_population_share":
                urban = sum(truth[(p.name, "_urban_population")][y].value for p in present)
                pop = sum(truth[(p.name, "population_total")][y].value for p in present)
                values.append(round(urban / pop * 100, 1))
            else:
                values.append(sum(truth[(p.name, ind_id)][y].value for p in present))
        out.append([label, labels[label_col], *values])
    return out


def _csp_muni_rows(p: Profile, *, english: bool, reported: Data, label_col: int) -> list[list]:
    out = []
    for ind_id, labels in CSP_INDICATORS.items():
        series = reported[(p.name, ind_id)]
        values = [series.get(y) for y in CSP_YEARS]
        out.append([p.name_en if english else p.name, labels[label_col], *values])
    return out


def _csp_cell(c) -> str:
    """Portal conventions: '…' not available (also a year after a unit ended), '-' nil, numbers unquoted."""
    if c is None:
        return "…"
    if isinstance(c, Cell):
        if c.status == "not_available" or c.value is None:
            return "…"
        c = c.value
    if c == 0:
        return "-"
    return f"{c:.1f}" if isinstance(c, float) else str(c)


def write_csp_csv(path: Path, rows: list[list], *, english: bool) -> None:
    """UTF-8 with BOM, LF; quoted title, blank line, quoted header; labels quoted and figures bare, as exported."""
    head = ["Territorial unit", "Indicator"] if english else ["Teritoriālā vienība", "Rādītāji"]
    lines = [_q(CSP_TITLE_EN if english else CSP_TITLE_LV), "", ",".join(_q(h) for h in [*head, *map(str, CSP_YEARS)])]
    for label, indicator, *values in rows:
        lines.append(",".join([_q(label), _q(indicator), *(_csp_cell(v) for v in values)]))
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# ---------------------------------------------------------------- 4. survey workbooks

EXPLANATIONS_LV = [
    ("Pašvaldība", "Pašvaldības oficiālais nosaukums."),
    ("Programmas statuss", "Izstrādāta / Iekļauta citos plānošanas dokumentos / Nav izstrādāta."),
    ("Programma aktualizēta", "Tikai izstrādātām programmām: Jā, ja programma ir spēkā un balstīta uz aktuāliem datiem."),
    ("Darbības sākuma gads", "Gads, no kura programma (dokuments) ir spēkā."),
    ("Darbības beigu gads", "Gads, līdz kuram programma ir spēkā; “beztermiņa”, ja termiņš nav noteikts."),
    ("Secinājumi", "Jā, ja situācijas analīze beidzas ar secinājumiem."),
    ("Rīcības plāns", "Jā, ja ir rīcības plāns ar termiņiem un finansējumu."),
    ("Uzraudzības kārtība", "Pilna – noteiktas darbības un atbildīgie; Tikai iestādes – uzskaitītas tikai iestādes; Nav."),
    ("Bērnu viedoklis iekļauts", "Jā, ja programmas izstrādē ņemts vērā bērnu viedoklis."),
    ("Aptvertās jomas", "Situācijas analīzes jomu numuri (1–16, BAC vadlīnijas), atdalīti ar “; ”."),
    ("Komentārs", "Brīvs teksts."),
]
EXPLANATIONS_EN = [
    ("Municipality", "Official municipality name (English)."),
    ("Programme status", "developed / in other planning documents / not developed."),
    ("Programme up to date", "Developed programmes only: whether it is in force and based on current data."),
    ("Start year", "Year the programme (document) took effect."),
    ("End year", "Last year in force; 'open-ended' when no term is set."),
    ("Conclusions", "Whether the situation analysis ends with conclusions (yes/no in various spellings)."),
    ("Action plan", "Whether there is an action plan with deadlines and funding."),
    ("Monitoring", "complete / institutions only / none."),
    ("Children's views included", "Whether children's views were taken into account."),
    ("Domains covered", "Numbers of the situation-analysis domains (1–16, BAC guidance), separated by '; '."),
    ("Comment", "Free text."),
]


def write_survey(path: Path, rows: list[dict], *, columns: list[str], year: int, english: bool) -> None:
    """Header in row 1, one row per municipality; a second sheet explains the columns and says it is synthetic."""
    sheet = f"Survey {year}" if english else f"Aptauja {year}"
    wb = new_workbook(path, title=f"BAC survey {year} ({SYNTHETIC})" if english else f"BAC aptauja {year} ({SYNTHETIC})")
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
    ws = wb.add_worksheet(sheet)
    for col, name in enumerate(columns):
        ws.write_string(0, col, name, head)
    for r, row in enumerate(rows, start=1):
        for col, name in enumerate(columns):
            value = row.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, col, value)
            else:
                ws.write_string(r, col, str(value))
    ws.set_column(0, 0, 26)
    ws.set_column(1, len(columns) - 1, 18)
    ws.freeze_panes(1, 1)
    _explanations(wb, english=english, year=year)
    wb.close()


def _explanations(wb: xlsxwriter.Workbook, *, english: bool, year: int) -> None:
    ws = wb.add_worksheet("Notes" if english else "Paskaidrojumi")
    bold = wb.add_format({"bold": True})
    ws.write_string(0, 0, SYNTHETIC, bold)
    intro = (f"Synthetic BAC survey {year} of municipal child-rights protection programmes; not real answers."
             if english else
             f"Sintētiska BAC {year}. gada aptauja par pašvaldību bērnu tiesību aizsardzības programmām; nav īstas atbildes.")
    ws.write_string(1, 0, intro)
    for r, (name, meaning) in enumerate(EXPLANATIONS_EN if english else EXPLANATIONS_LV, start=3):
        ws.write_string(r, 0, name, bold)
        ws.write_string(r, 1, meaning)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 100)

"""The downloadable survey workbook: every municipality listed, dropdowns for the answers, domains explained."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analysis.coverage.headings import SURVEY_YEAR_HEADINGS, TEMPLATE_COLUMNS

SHEET_LV, SHEET_EN = "Aptauja", "Survey"
GUIDE_LV, GUIDE_EN = "Norādījumi", "Guide"
HEADER_ROW = 3
_CHOICES = {
    "lv": {
        "programme_status": ("Izstrādāta", "Iekļauta citos plānošanas dokumentos", "Nav izstrādāta"),
        "monitoring": ("Pilna", "Tikai iestādes", "Nav"),
        "yes_no": ("Jā", "Nē"),
    },
    "en": {
        "programme_status": ("developed", "in other planning documents", "not developed"),
        "monitoring": ("complete", "institutions only", "none"),
        "yes_no": ("yes", "no"),
    },
}
_YES_NO_FIELDS = ("up_to_date", "conclusions", "action_plan", "children_views")
_GUIDE = {
    "lv": [
        "Katrai pašvaldībai viena rinda. Izvēlieties atbildes no sarakstiem; tukša jā/nē šūna nozīmē “Nē”.",
        "Darbības beigu gads: gads vai “beztermiņa”.",
        "Aptvertās jomas: jomu numuri, atdalīti ar semikolu, piem. 1;2;7.",
    ],
    "en": [
        "One row per municipality. Choose answers from the lists; a blank yes/no cell means “no”.",
        "End year: a year or “open-ended”.",
        "Domains covered: domain numbers separated by semicolons, e.g. 1;2;7.",
    ],
}


def survey_template_bytes(*, catalogue, survey_year: int, lang: str = "lv") -> bytes:
    """An .xlsx the survey reader accepts as it is: a survey-year cell, the headings, the municipalities."""
    lv = lang == "lv"
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_LV if lv else SHEET_EN
    ws.cell(row=1, column=1, value=SURVEY_YEAR_HEADINGS[0 if lv else 1]).font = Font(bold=True)
    ws.cell(row=1, column=2, value=survey_year)
    headings = [c[1] if lv else c[2] for c in TEMPLATE_COLUMNS]
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, text in enumerate(headings, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = 28 if col in (1, 2) else 16
    municipalities = catalogue.municipalities_for_year(survey_year)
    for offset, m in enumerate(municipalities, start=1):
        ws.cell(row=HEADER_ROW + offset, column=1, value=m.name_lv if lv else m.name_en)
    last = HEADER_ROW + len(municipalities)
    choices = _CHOICES["lv" if lv else "en"]
    fields = [c[0] for c in TEMPLATE_COLUMNS]
    for name in fields:
        col = get_column_letter(fields.index(name) + 1)
        options = choices.get(name) or (choices["yes_no"] if name in _YES_NO_FIELDS else None)
        if options is None:
            continue
        rule = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
        rule.add(f"{col}{HEADER_ROW + 1}:{col}{last}")
        ws.add_data_validation(rule)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)
    _guide(wb.create_sheet(GUIDE_LV if lv else GUIDE_EN), catalogue=catalogue, lv=lv)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _guide(ws, *, catalogue, lv: bool) -> None:
    """Instructions and the numbered domains, so nobody has to look the numbers up elsewhere."""
    for line in _GUIDE["lv" if lv else "en"]:
        ws.append([line])
    ws.append([])
    ws.append(["Jomas numurs un nosaukums" if lv else "Domain number and name"])
    for d in catalogue.domains:
        ws.append([f"{d.no}: {d.name_lv if lv else d.name_en}"])
    ws.column_dimensions["A"].width = 100

"""Our own downloadable .xlsx template: a long table with dropdowns from the catalogue and bilingual instructions."""

from __future__ import annotations

import io
from pathlib import Path

import xlsxwriter

from analysis.catalogue import Catalogue
from analysis.export_safety import neutralise
from analysis.ingest.layouts.template import (
    DATA_SHEET,
    INDICATOR_SEPARATOR,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_COLUMNS,
)
from analysis.ingest.values import MAX_YEAR, MIN_YEAR

DATA_ROWS = 5000
STATUS_CHOICES = ("not_available", "zero", "confidential", "estimate")

INSTRUCTIONS = (
    ("Bērnu tiesību situācijas analīze — datu veidne", "Child-rights situation analysis — data template"),
    ("", ""),
    (
        "Lapā “Dati” katrā rindā ierakstiet vienu vērtību: pašvaldību, rādītāju, gadu un vērtību.",
        "On the “Dati” sheet write one value per row: municipality, indicator, year and value.",
    ),
    (
        "Pašvaldību un rādītāju izvēlieties no saraksta (šūnas bultiņa); rādītāju var arī ierakstīt ar nosaukumu.",
        "Choose the municipality and the indicator from the list (the cell's arrow); an indicator may also be "
        "typed by name.",
    ),
    (
        "Gads: četri cipari, piem., 2024. Vērtība: skaitlis; decimālkomats ir atļauts (12,5).",
        "Year: four digits, e.g. 2024. Value: a number; a decimal comma is fine (12,5).",
    ),
    (
        "Skaits un saucējs (nav obligāti): likmēm un īpatsvariem — gadījumu skaits un bāze, no kuras rēķināts.",
        "Count and denominator (optional): for rates and shares, the number of cases and the base it is "
        "computed from.",
    ),
    (
        "Statuss (nav obligāts): not_available — nav datu; zero — nulle; confidential — konfidenciāli; "
        "estimate — novērtējums.",
        "Status (optional): not_available, zero, confidential or estimate.",
    ),
    (
        "Ja rādītāja nav sarakstā, ierakstiet savu nosaukumu: tas tiks saglabāts kā lietotāja rādītājs.",
        "If an indicator is not in the list, type your own name: it is kept as a custom indicator.",
    ),
    (
        "Augšupielādējot jūs redzēsiet visas kļūdas ar lapu, rindu un kolonnu; izlabojiet un augšupielādējiet vēlreiz.",
        "On upload you see every problem with sheet, row and column; fix them and upload again.",
    ),
)


def write_template(target: str | Path | io.BytesIO, *, catalogue: Catalogue, rows: int = DATA_ROWS) -> None:
    """Writes the template to a path or a binary buffer (the dashboard's download button takes bytes)."""
    out = str(target) if isinstance(target, Path) else target
    options = {"in_memory": True} if isinstance(target, io.BytesIO) else {}
    wb = xlsxwriter.Workbook(out, options)
    try:
        _write(wb, catalogue=catalogue, rows=rows)
    finally:
        wb.close()


def template_bytes(*, catalogue: Catalogue, rows: int = DATA_ROWS) -> bytes:
    buf = io.BytesIO()
    write_template(buf, catalogue=catalogue, rows=rows)
    return buf.getvalue()


def _write(wb: xlsxwriter.Workbook, *, catalogue: Catalogue, rows: int) -> None:
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    title = wb.add_format({"bold": True, "font_size": 14})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})

    data = wb.add_worksheet(DATA_SHEET)
    info = wb.add_worksheet(INSTRUCTIONS_SHEET)
    lists = wb.add_worksheet(LISTS_SHEET)

    # lists for the dropdowns (longer than Excel's 255-character inline limit, so kept on a sheet)
    municipalities = sorted((m for m in catalogue.municipalities if m.valid_to is None), key=lambda m: m.name_lv)
    indicators = [f"{i.id}{INDICATOR_SEPARATOR}{i.name_lv}" for i in catalogue.indicators]
    lists.write(0, 0, "Pašvaldības / Municipalities", head)
    lists.write(0, 1, "Rādītāji / Indicators", head)
    lists.write(0, 2, "Statuss / Status", head)
    for r, m in enumerate(municipalities, start=1):
        lists.write_string(r, 0, neutralise(m.name_lv))
    for r, text in enumerate(indicators, start=1):
        lists.write_string(r, 1, neutralise(text))
    for r, text in enumerate(STATUS_CHOICES, start=1):
        lists.write_string(r, 2, text)
    lists.set_column(0, 0, 28)
    lists.set_column(1, 1, 70)
    lists.hide()

    # the data sheet: header, widths, dropdowns
    for c, name in enumerate(TEMPLATE_COLUMNS):
        data.write_string(0, c, name, head)
    data.set_column(0, 0, 26)
    data.set_column(1, 1, 60)
    data.set_column(2, 6, 14)
    data.set_column(7, 7, 40)
    data.freeze_panes(1, 0)
    last = rows
    data.data_validation(
        1, 0, last, 0,
        {"validate": "list", "source": f"={LISTS_SHEET}!$A$2:$A${len(municipalities) + 1}",
         "error_type": "warning", "error_title": "Pašvaldība / Municipality",
         "error_message": "Izvēlieties no saraksta / Choose from the list"},
    )
    data.data_validation(
        1, 1, last, 1,
        {"validate": "list", "source": f"={LISTS_SHEET}!$B$2:$B${len(indicators) + 1}",
         "error_type": "information", "error_title": "Rādītājs / Indicator",
         "error_message": "Nav sarakstā: tiks saglabāts kā lietotāja rādītājs / Not in the list: kept as a "
                          "custom indicator"},
    )
    data.data_validation(
        1, 2, last, 2,
        {"validate": "integer", "criteria": "between", "minimum": MIN_YEAR, "maximum": MAX_YEAR,
         "error_title": "Gads / Year", "error_message": f"{MIN_YEAR}–{MAX_YEAR}"},
    )
    data.data_validation(
        1, 6, last, 6,
        {"validate": "list", "source": f"={LISTS_SHEET}!$C$2:$C${len(STATUS_CHOICES) + 1}",
         "error_type": "warning"},
    )

    # instructions, Latvian then English
    info.set_column(0, 1, 80)
    for r, (lv, en) in enumerate(INSTRUCTIONS):
        fmt = title if r == 0 else wrap
        info.write_string(r, 0, lv, fmt)
        info.write_string(r, 1, en, fmt)
    data.activate()

"""Our own downloadable template: a long table with fixed bilingual headers (see analysis/ingest/template.py)."""

from __future__ import annotations

from typing import Any

from analysis.text import fold

DATA_SHEET = "Dati"
INSTRUCTIONS_SHEET = "Instrukcija"
LISTS_SHEET = "Saraksti"
HELPER_SHEETS = (INSTRUCTIONS_SHEET, LISTS_SHEET)

TEMPLATE_COLUMNS = (
    "Pašvaldība / Municipality",
    "Rādītājs / Indicator",
    "Gads / Year",
    "Vērtība / Value",
    "Skaits / Count",
    "Saucējs / Denominator",
    "Statuss / Status",
    "Piezīmes / Note",
)
# Indicator dropdown entries read "id — name"; the id before the dash is what matching uses.
INDICATOR_SEPARATOR = " — "

_FOLDED = tuple(fold(c) for c in TEMPLATE_COLUMNS)


def is_template_header(line: list[Any]) -> bool:
    cells = tuple(fold(c) for c in line[: len(TEMPLATE_COLUMNS)] if c is not None)
    return cells[:4] == _FOLDED[:4]

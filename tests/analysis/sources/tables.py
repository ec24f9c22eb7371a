"""Synthetic tables in the portal's shape (IRD041 population by age and sex, IDS031 live births), with known values."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.analysis.sources.pxweb_server import FakeTable

DATA = Path(__file__).resolve().parents[3] / "data"
MUNICIPALITIES = [(r["code"], r["name_lv"]) for r in csv.DictReader((DATA / "municipalities.csv").open(encoding="utf-8"))]
AGGREGATES = [("LV", "Latvija"), ("LV00A", "Rīgas statistiskais reģions (no 01.01.2024.)"),
              ("LV00B", "Kurzemes statistiskais reģions (no 01.01.2024.)"), ("LV009", "Zemgales statistiskais reģions"),
              ("LV006", "Rīgas statistiskais reģions (līdz 01.01.2024.)")]
EXTRA = [("LV0038001", "Madonas novads (no 01.07.2025.)"), ("LV0023401", "..Ādažu pagasts")]
AREAS = AGGREGATES + MUNICIPALITIES + EXTRA
YEARS = [str(y) for y in range(2020, 2027)]
AGES = [f"Y{a}" for a in range(85)] + ["Y_GE85"]
MADONA, VARAKLANI, NEW_MADONA = "LV0038000", "LV0055000", "LV0038001"


def _seed(code: str) -> int:
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(code))


def people(code: str, year: int, age: int) -> int:
    """Residents of one single year of age (both sexes) in a municipality at the start of a year."""
    if code == NEW_MADONA:
        return people(MADONA, year, age) + people(VARAKLANI, year, age)
    return 20 + _seed(code) % 180 + (age * 7) % 31 + (year - 2020) * 3 + (85 - age if age < 85 else 0)


def published_people(code: str, year: int, age: int) -> int | str:
    """What IRD041 publishes: the merged Madona only from 2026, Varakļāni and the old Madona until 2025."""
    if code == NEW_MADONA and year < 2026:
        return ".."
    if code in (MADONA, VARAKLANI) and year >= 2026:
        return ".."
    return people(code, year, age)


def children(code: str, year: int, top: int = 17) -> int:
    """The expected stored figure: the single years 0…top summed (Madona from 2026 is the merged unit)."""
    source = NEW_MADONA if code == MADONA and year >= 2026 else code
    return sum(people(source, year, a) for a in range(top + 1))


def population(code: str, year: int) -> int:
    source = NEW_MADONA if code == MADONA and year >= 2026 else code
    return sum(people(source, year, a) for a in range(86))


def _ird041_value(cell: dict[str, str]) -> int | str:
    code, year, age, sex = cell["AREA"], int(cell["TIME"]), cell["AGE"], cell["SEX"]
    ages = range(86) if age == "TOTAL" else [85 if age == "Y_GE85" else int(age[1:])]
    parts = [published_people(code, year, a) for a in ages]
    if any(isinstance(p, str) for p in parts):
        return ".."
    total = sum(parts)
    male = total // 2
    return total if sex == "T" else male if sex == "M" else total - male


def ird041() -> FakeTable:
    return FakeTable(
        path="POP/IR/IRD/IRD041",
        title="Iedzīvotāju skaits gada sākumā pēc dzimuma un vecuma",
        variables=[
            {"code": "AREA", "text": "Teritoriālā vienība", "values": [a for a, _ in AREAS],
             "valueTexts": [t for _, t in AREAS]},
            {"code": "AGE", "text": "Vecums", "values": ["TOTAL", *AGES],
             "valueTexts": ["Pavisam", *[a[1:] for a in AGES]], "elimination": True},
            {"code": "SEX", "text": "Dzimums", "values": ["T", "M", "F"], "valueTexts": ["Pavisam", "Vīrieši", "Sievietes"],
             "elimination": True},
            {"code": "ContentsCode", "text": "Rādītāji", "values": ["IRD041"], "valueTexts": ["Iedzīvotāju skaits"]},
            {"code": "TIME", "text": "Laika periods", "values": YEARS, "valueTexts": YEARS, "time": True},
        ],
        value=lambda cell: _ird041_value(cell) if not _aggregate(cell["AREA"]) else 100_000 + _seed(cell["AREA"]),
    )


def _aggregate(code: str) -> bool:
    return code in {a for a, _ in AGGREGATES} or code == "LV0023401"


# births: 2020–2025; '..' for Rīga 2020 (not available), '.' for Daugavpils 2021 (not applicable)
BIRTH_YEARS = [str(y) for y in range(2020, 2026)]
MISSING_BIRTHS = {("LV0001000", 2020): "..", ("LV0002000", 2021): "."}


def births(code: str, year: int) -> int | str:
    if (code, year) in MISSING_BIRTHS:
        return MISSING_BIRTHS[(code, year)]
    if code == NEW_MADONA:
        return ".."
    if code == VARAKLANI and year >= 2026:
        return ".."
    return 5 + _seed(code) % 60 + (year - 2020)


def ids031(revised: dict[tuple[str, int], int] | None = None) -> FakeTable:
    revised = revised or {}

    def value(cell: dict[str, str]) -> int | str:
        code, year = cell["AREA"], int(cell["TIME"])
        if _aggregate(code):
            return 9_000
        got = revised.get((code, year), births(code, year))
        if isinstance(got, str) or cell.get("SEX", "T") == "T":
            return got
        return got // 2 if cell["SEX"] == "M" else got - got // 2

    return FakeTable(
        path="POP/ID/IDS/IDS031",
        title="Dzīvi dzimušie pēc dzimuma",
        variables=[
            {"code": "AREA", "text": "Teritoriālā vienība", "values": [a for a, _ in AREAS],
             "valueTexts": [t for _, t in AREAS]},
            {"code": "SEX", "text": "Dzimums", "values": ["T", "M", "F"], "valueTexts": ["Pavisam", "Vīrieši", "Sievietes"],
             "elimination": True},
            {"code": "ContentsCode", "text": "Rādītāji", "values": ["IDS031"], "valueTexts": ["Dzīvi dzimušie"]},
            {"code": "TIME", "text": "Laika periods", "values": BIRTH_YEARS, "valueTexts": BIRTH_YEARS, "time": True},
        ],
        value=value,
    )

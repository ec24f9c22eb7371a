"""Workbooks through calamine: formula cells lacking values, merged ranges, hidden sheets, legacy .xls."""

from __future__ import annotations

import pytest

from analysis.ingest.readers import read_file
from tests.analysis.ingest.readers.parameters import FORMATS, REALDATA

KOLADA = REALDATA / "kolada"


def test_formula_cells_without_cached_value_are_listed():
    """Given formulas never calculated (no <v>, empty <v>) beside calculated ones and an empty text result,
    When read, Then exactly the uncalculated cells are listed, 0-based."""
    sheet = read_file(FORMATS / "formula_no_value.xlsx").sheets[0]
    assert sheet.formula_without_value == {(3, 1), (4, 1)}


def test_openpyxl_written_formula_is_listed():
    """Given a workbook written by openpyxl with a formula (it never stores results), When read,
    Then that cell is listed and reads as an empty string, not 0."""
    sheet = read_file(FORMATS / "formula_openpyxl.xlsx").sheets[0]
    assert sheet.rows == [["a", "b", "sum"], [1.0, 2.0, ""]]
    assert sheet.formula_without_value == {(1, 2)}


def test_merged_title_and_footnote_ranges():
    """Given a sheet with a merged title row and a merged footnote block, When read,
    Then both ranges are reported 0-based inclusive, clipped to the sheet's last row (the footnote block A7:B8
    ends below it), and the cells keep their places."""
    sheet = read_file(FORMATS / "merged_title.xlsx").sheets[0]
    assert len(sheet.rows) == 7
    assert sheet.merged == [(0, 0, 0, 3), (6, 0, 6, 1)]
    assert sheet.rows[0] == ["Bērnu tiesību aizsardzība: izglītība", "", "", ""]
    assert sheet.rows[2] == ["Rādītājs", "2023", "2024", "Piezīmes"]
    assert sheet.rows[6][0] == "Avots: pašvaldības dati"


def test_hidden_sheet_is_read_and_marked():
    """Given a workbook with a hidden sheet, When read, Then it is read like the others and marked hidden."""
    sheets = read_file(FORMATS / "multi_sheet.xlsx").sheets
    assert [s.meta for s in sheets] == [{}, {}, {"hidden": True}, {}]


def test_ods_spans_are_merged_ranges():
    """Given an ods with a title spanning three columns, When read, Then the span is a merged range."""
    sheets = read_file(FORMATS / "normal.ods").sheets
    assert [s.merged for s in sheets] == [[(0, 0, 0, 2)], []]


@pytest.mark.parametrize(
    ("name", "sheet", "rows", "first"),
    [
        ("N01938.xls", "Exported from Hypergene", 4061, ["Nyckeltal", "Kommun/Landsting", "År", "Visat Värde"]),
        ("HypergeneExport_View_1_20121224_86454150.xls", "Exported from Hypergene", 580,
         ["Kommun/Landsting", "Nyckeltal", "År", "Visat Värde"]),
        ("eos_export16098.xls", "EOS export", 295, ["Värde", "", "", "", "", ""]),
        ("eos_export1775.xls", "EOS export", 316, ["Värde"] + [""] * 44),
    ],
)
def test_real_legacy_xls(name, sheet, rows, first):
    """Given a real Kolada .xls export, When read, Then its one sheet has the known size and first row."""
    path = KOLADA / name
    if not path.exists():
        pytest.skip("realdata nav pieejami / not available")
    workbook = read_file(path)
    assert [(s.name, s.source_format, len(s.rows)) for s in workbook.sheets] == [(sheet, "xls", rows)]
    assert workbook.sheets[0].rows[0] == first
    assert workbook.report.issues == []


def test_real_xls_keeps_text_years_and_pivot_merges():
    """Given N01938.xls (years stored as text) and a pivot export, When read,
    Then the year stays the text '1998' and the pivot's merged header ranges are reported, clipped to its
    six columns of data (the title ranges reach a seventh, empty one)."""
    if not KOLADA.exists():
        pytest.skip("realdata nav pieejami / not available")
    assert read_file(KOLADA / "N01938.xls").sheets[0].rows[1] == ["Invånare 65+, antal", "Ale", "1998", 3155]
    pivot = read_file(KOLADA / "eos_export16098.xls").sheets[0]
    assert pivot.merged[:3] == [(0, 0, 0, 5), (1, 0, 1, 5), (2, 0, 2, 2)]
    assert pivot.rows[2] == ["", "", "", 2009.0, 2010.0, 2011.0]

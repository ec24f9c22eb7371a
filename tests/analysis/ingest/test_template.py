"""Our own template: dropdowns from the catalogue, instructions in Latvian and English, and it reads back as long."""

from __future__ import annotations

from openpyxl import load_workbook

from analysis.ingest.layouts.template import DATA_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET, TEMPLATE_COLUMNS
from analysis.ingest.pipeline import ingest_workbook
from analysis.ingest.readers import read_file
from analysis.ingest.template import template_bytes, write_template
from tests.analysis.ingest.parameters import CESIS, JELGAVAS_NOVADS


def test_template_has_dropdowns_lists_and_instructions(tmp_path, cat):
    """Given the catalogue / When the template is written / Then it has the header, dropdowns, lists and bilingual help."""
    path = tmp_path / "veidne.xlsx"
    write_template(path, catalogue=cat)
    wb = load_workbook(path)
    assert wb.sheetnames == [DATA_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET]
    data = wb[DATA_SHEET]
    assert [c.value for c in data[1]] == list(TEMPLATE_COLUMNS)
    sources = sorted(dv.formula1 for dv in data.data_validations.dataValidation if dv.type == "list")
    assert sources == [f"{LISTS_SHEET}!$A$2:$A$43", f"{LISTS_SHEET}!$B$2:$B${len(cat.indicators) + 1}",
                       f"{LISTS_SHEET}!$C$2:$C$5"]
    lists = wb[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    assert lists["A2"].value == "Aizkraukles novads"
    assert lists["B2"].value == f"{cat.indicators[0].id} — {cat.indicators[0].name_lv}"
    info = wb[INSTRUCTIONS_SHEET]
    assert info["A1"].value.startswith("Bērnu tiesību") and info["B1"].value.startswith("Child-rights")


def test_empty_template_reads_back_without_noise(tmp_path, cat):
    """Given the empty template / When ingested / Then only the data sheet is looked at and nothing is wrong."""
    path = tmp_path / "veidne.xlsx"
    path.write_bytes(template_bytes(catalogue=cat))
    result = ingest_workbook(read_file(path), catalogue=cat)
    assert result.report.flatten(["code", "sheet", "row"]) == [["no-data", None, None], ["empty-table", DATA_SHEET, 1]]


def test_filled_template_reads_back_as_long_layout(tmp_path, cat):
    """Given the template filled in from its dropdowns / When ingested / Then every row is matched to the catalogue."""
    path = tmp_path / "veidne.xlsx"
    write_template(path, catalogue=cat)
    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    births = cat.indicator("births")
    ws.append(["Cēsu novads", f"births — {births.name_lv}", 2023, 290, None, None, None, "pārbaudīts"])
    ws.append(["Jelgavas novads", "Dzimušo skaits", 2023, "190", None, None, "estimate", None])
    wb.save(path)
    result = ingest_workbook(read_file(path), catalogue=cat)
    assert result.layouts == {DATA_SHEET: "template"}
    assert result.report.flatten(["code", "row", "column"]) == [["number-as-text", 3, "D"]]
    assert result.rows[["municipality_code", "indicator", "year", "value", "status", "note"]].values.tolist() == [
        [CESIS, "births", 2023, 290.0, None, "pārbaudīts"],
        [JELGAVAS_NOVADS, "births", 2023, 190.0, "estimate", None],
    ]

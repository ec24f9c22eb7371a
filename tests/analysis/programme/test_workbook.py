"""The XLSX template: a programme written out and read back is the same record, in either language."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from analysis.programme.catalogues import programme_catalogues
from analysis.programme.model import Conclusion, Measure, Participation, Programme
from analysis.programme.workbook import programme_workbook
from analysis.programme.xlsx_import import read_programme_workbook
from tests.analysis.programme.parameters import CESIS, VALMIERA, complete, gaps


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("make", [complete, gaps])
def test_export_then_import_gives_the_same_record(cat, lang, make):
    """Given a programme / When exported and imported unchanged / Then the record read is the one written."""
    result = read_programme_workbook(programme_workbook(make(), catalogue=cat, lang=lang), catalogue=cat)
    assert result.programme == make()
    assert result.report.valid and result.lang == lang


def test_import_into_a_second_municipality(cat):
    """Given Cēsis' programme file / When imported for Valmiera / Then Valmiera's record, Cēsis named as the source."""
    result = read_programme_workbook(programme_workbook(complete(), catalogue=cat), catalogue=cat,
                                     municipality_code=VALMIERA)
    assert result.programme == replace(complete(), municipality_code=VALMIERA)
    assert result.source_municipality == CESIS


def test_text_that_looks_like_a_formula_is_neutralised_and_comes_back(cat):
    """Given user text starting with '=' / When exported / Then the cell holds text with an apostrophe; read back
    the text is what the user wrote."""
    p = replace(complete(), goal="=HYPERLINK(\"http://x\")",
                measures=(replace(complete().measures[0], title="+1 vecāki", tasks="@uzdevums"),))
    blob = programme_workbook(p, catalogue=cat)
    book = openpyxl.load_workbook(io.BytesIO(blob))
    goal = [r[1].value for r in book["Programma"].iter_rows(min_row=2) if r[0].value == "Programmas mērķis"]
    assert goal == ["'=HYPERLINK(\"http://x\")"]
    assert [c.value for c in book["Rīcības plāns"][2][1:4]] == ["'+1 vecāki", "Stiprināt vecāku prasmes",
                                                                 "'@uzdevums"]
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)
    assert read_programme_workbook(blob, catalogue=cat).programme == p


def _edited(cat, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(complete(), catalogue=cat)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_every_bad_cell_is_listed_with_sheet_row_and_column_and_nothing_is_read(cat):
    """Given a file with a wrong cell of each kind / Then each is reported where it is and no record is returned."""
    def edit(book):
        book["Programma"]["B4"] = "divtūkstoši"        # start year
        book["Programma"]["B8"] = "31.02.2024"          # decision date
        book["Rīcības plāns"]["E2"] = "rīt"             # deadline
        book["Rīcības plāns"]["I2"] = "Cits veids"      # measure type
        book["Līdzdalība"]["F2"] = "varbūt"             # fed back
        book["Līdzdalība"]["D2"] = "80,5"               # children
        book["Pasākumu rādītāji"]["A2"] = "M9"          # unknown measure
        book["Secinājumu rādītāji"]["B2"] = "no_such_indicator"
    result = read_programme_workbook(_edited(cat, edit), catalogue=cat)
    assert result.programme is None
    assert result.report.flatten(("code", "sheet", "row", "column")) == [
        ["programme-xlsx-bad-whole-number", "Programma", 4, "Vērtība"],
        ["programme-xlsx-bad-date", "Programma", 8, "Vērtība"],
        ["programme-xlsx-bad-date", "Rīcības plāns", 2, "Termiņš"],
        ["programme-xlsx-bad-choice", "Rīcības plāns", 2, "Pasākuma veids"],
        ["programme-xlsx-bad-whole-number", "Līdzdalība", 2, "Bērnu skaits"],
        ["programme-xlsx-bad-yes-no", "Līdzdalība", 2, "Sniegta atgriezeniskā saite"],
        ["programme-xlsx-unknown-indicator", "Secinājumu rādītāji", 2, "Rādītāja kods"],
        ["programme-xlsx-unknown-measure", "Pasākumu rādītāji", 2, "Pasākuma Nr."],
    ]
    first = result.report.issues[0]
    assert first.message.startswith("“divtūkstoši” nav vesels skaitlis") and "is not a whole number" in first.message
    # the valid measure types are listed as each language names them, never the Latvian names in English
    choice = result.report.issues[3]
    names = [(c.name_lv, c.name_en) for c in programme_catalogues().measure_types]
    assert choice.message_lv.endswith(f"(derīgi: {', '.join(lv for lv, _ in names)})")
    assert choice.message_en.endswith(f"(valid: {', '.join(en for _, en in names)})")


def test_record_errors_point_at_the_row_they_came_from(cat):
    """Given a duplicate measure number and an end before the start / Then validation's errors carry file rows."""
    p = replace(complete(), measures=(*complete().measures, Measure(key="M1", title="Otrs")),
                monitoring=(), participation=(Participation(method="survey"),))
    def edit(book):
        book["Programma"]["B5"] = 2020                   # end before start
        book["Līdzdalība"]["A2"] = None                  # method removed
    blob = programme_workbook(p, catalogue=cat)
    book = openpyxl.load_workbook(io.BytesIO(blob))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    result = read_programme_workbook(out.getvalue(), catalogue=cat)
    errors = [r for r in result.report.flatten(("code", "sheet", "row", "column", "severity")) if r[4] == "error"]
    assert result.programme is None
    assert errors == [
        ["programme-end-before-start", "Programma", 5, "Vērtība", "error"],
        ["programme-duplicate-key", "Rīcības plāns", 3, "Nr.", "error"],
        ["programme-bad-choice", "Līdzdalība", 2, "Metode", "error"],
    ]


@pytest.mark.parametrize("blob,code", [
    (b"hello, not a workbook", "programme-xlsx-not-xlsx"),
    (b"PK\x03\x04broken zip", "programme-xlsx-unreadable"),
])
def test_a_file_that_is_not_a_template_is_one_clear_issue(cat, blob, code):
    result = read_programme_workbook(blob, catalogue=cat)
    assert (result.programme, result.report.codes()) == (None, [code])


def test_a_workbook_without_the_sheets_lists_each_missing_one(cat):
    """Given an ordinary workbook / Then every missing sheet is named, nothing read."""
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    result = read_programme_workbook(out.getvalue(), catalogue=cat)
    assert result.report.flatten(("code", "sheet")) == [
        ["programme-xlsx-missing-sheet", s] for s in (
            "Programma", "Secinājumi", "Secinājumu rādītāji", "Rīcības plāns", "Pasākumu rādītāji", "Uzraudzība",
            "Līdzdalība", "Pašnovērtējums")]


def test_a_zip_bomb_is_refused_before_parsing(cat):
    """Given an .xlsx whose parts inflate beyond the limit / Then refused as too large, nothing parsed."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (90 * 1024 * 1024) + b"</a>")
    assert read_programme_workbook(out.getvalue(), catalogue=cat).report.codes() == ["programme-xlsx-too-large"]


def test_an_empty_template_for_a_municipality_reads_as_an_empty_programme(cat):
    """Given the blank template of a municipality / When imported unchanged / Then an empty draft, nothing invented."""
    result = read_programme_workbook(programme_workbook(Programme(municipality_code=CESIS), catalogue=cat),
                                     catalogue=cat)
    assert result.programme == Programme(municipality_code=CESIS)
    assert result.report.valid


def test_conclusion_typed_in_the_template_is_read(cat):
    """Given a blank template with one conclusion and a problem typed in / Then that conclusion, domain from its row."""
    def edit(book):
        book["Secinājumi"]["C4"] = "Brīvā laika iespējas laukos ir maz"
        book["Secinājumi"]["D4"] = "Nav transporta\nNav pulciņu"
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(Programme(municipality_code=CESIS), catalogue=cat)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    result = read_programme_workbook(out.getvalue(), catalogue=cat)
    assert result.programme.conclusions == (
        Conclusion(domain=3, text="Brīvā laika iespējas laukos ir maz", problems=("Nav transporta", "Nav pulciņu")),)

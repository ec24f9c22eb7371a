"""The downloadable survey workbook is read back by the survey reader as it is, in either language."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from analysis.coverage.survey import looks_like_survey, parse_survey_workbook
from analysis.coverage.template import HEADER_ROW, survey_template_bytes
from analysis.ingest.readers import read_bytes


@pytest.mark.parametrize(("lang", "status", "yes"), [("lv", "Izstrādāta", "Jā"), ("en", "developed", "yes")])
def test_filled_template_reads_back(cat, lang, status, yes):
    """Given the template for 2024, filled with one of its dropdown choices in every row
    When read through the ingestion readers and the survey reader
    Then all 43 municipalities are answers for 2024 and the guide sheet is not mistaken for a survey."""
    wb = load_workbook(io.BytesIO(survey_template_bytes(catalogue=cat, survey_year=2024, lang=lang)))
    ws = wb.worksheets[0]
    assert [dv.formula1 for dv in ws.data_validations.dataValidation][0].count(",") == 2
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        ws.cell(row=row, column=2, value=status)
        ws.cell(row=row, column=6, value=yes)
    buffer = io.BytesIO()
    wb.save(buffer)
    raw = read_bytes(buffer.getvalue(), file_name="aptauja.xlsx")
    frame, report = parse_survey_workbook(raw, catalogue=cat)
    assert report.flatten(["code"]) == []
    assert (len(frame), set(frame["survey_year"]), frame["conclusions"].all()) == (43, {2024}, True)
    assert [looks_like_survey(s, catalogue=cat) for s in raw.sheets] == [True, False]


def test_empty_template_asks_for_every_status(cat):
    """Given the 2026 template left empty
    When read
    Then every one of the 42 municipalities (Varakļānu novads has merged) lacks its programme status."""
    raw = read_bytes(survey_template_bytes(catalogue=cat, survey_year=2026), file_name="aptauja.xlsx")
    frame, report = parse_survey_workbook(raw, catalogue=cat)
    assert report.codes() == ["survey-missing-status"] * 42
    assert [i.row for i in report.issues] == list(range(HEADER_ROW + 1, HEADER_ROW + 43))
    assert len(frame) == 0

"""The survey reader: headings in either language and any order, every yes/no spelling, exact issues for bad cells."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis.access import Actor, Role
from analysis.coverage.survey import (
    BAD,
    TEMPLATE_COLUMNS,
    looks_like_survey,
    parse_domain_list,
    parse_monitoring,
    parse_status,
    parse_survey_sheet,
    parse_survey_workbook,
    parse_year,
    parse_yes_no,
)
from analysis.ingest.raw import RawSheet
from analysis.report import Report
from analysis.store import SURVEY_FIELDS, current_survey, list_uploads
from tests.analysis.coverage.parameters import (
    BAD_CELLS_EXPECTED,
    BAD_STATUSES,
    BAD_YEARS,
    BAD_YES_NO,
    DOMAIN_HEADINGS,
    DOMAIN_LISTS,
    HEADINGS,
    MONITORING_SPELLINGS,
    NO_SPELLINGS,
    OPEN_ENDED_SPELLINGS,
    STATUS_SPELLINGS,
    YEARS,
    YES_SPELLINGS,
)
from tests.analysis.coverage.sheets import FIXTURES, raw_workbook

LV = [lv for _, lv, _ in TEMPLATE_COLUMNS]
EN = [en for _, _, en in TEMPLATE_COLUMNS]
CESIS_ROW = ["Cēsu novads", "Izstrādāta", "Jā", 2022, 2027, "Jā", "Nē", "Tikai iestādes", "Jā", "1;5;7", "labi"]
CESIS_EN = ["Cēsis municipality", "developed", "yes", 2022, 2027, "y", "no", "institutions only", "x", "7, 5, 1",
            "labi"]
CESIS_EXPECTED = {
    "survey_year": 2024,
    "municipality_code": "LV0026000",
    "programme_status": "developed",
    "up_to_date": True,
    "start_year": 2022,
    "end_year": 2027,
    "open_ended": False,
    "conclusions": True,
    "action_plan": False,
    "monitoring": "institutions_only",
    "children_views": True,
    "domains": "1;5;7",
    "comment": "labi",
    "source_row": 2,
}


def _parse(rows, *, cat, year: int | None = 2024, name: str = "Aptauja", file_name: str = ""):
    report = Report()
    frame = parse_survey_sheet(
        RawSheet(name=name, rows=rows), report=report, catalogue=cat, survey_year=year, file_name=file_name
    )
    return frame, report


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values (NA → None) so whole results compare with ==."""
    out = []
    for rec in frame.to_dict("records"):
        out.append({k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) else v) for k, v in rec.items()})
    return out


def _without_absent(report: Report) -> list[list]:
    return [r for r in report.flatten(["code", "row", "column"]) if r[0] != "survey-municipality-absent"]


# --- headings -------------------------------------------------------------------------------------------


def test_latvian_template_row_is_read_whole(cat):
    """Given the Latvian template headings and one answer
    When the sheet is parsed for 2024
    Then the row has every survey field with the expected value, and only the absent municipalities are noted."""
    frame, report = _parse([LV, CESIS_ROW], cat=cat)
    assert list(frame.columns) == list(SURVEY_FIELDS)
    assert _records(frame) == [CESIS_EXPECTED]
    assert report.flatten(["code", "severity"]) == [["survey-municipality-absent", "warning"]]


def test_english_headings_and_values_give_the_same_row(cat):
    """Given the English headings, English values and other yes/no spellings
    When parsed
    Then the result equals the Latvian one."""
    frame, report = _parse([EN, CESIS_EN], cat=cat)
    assert _records(frame) == [CESIS_EXPECTED]
    assert report.valid


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("language", ["lv", "en"])
def test_shuffled_column_order_gives_the_same_row(cat, seed, language):
    """Given the template's columns in a shuffled order (Latvian or English)
    When parsed
    Then the answer is read the same as in template order."""
    headings, row = (LV, CESIS_ROW) if language == "lv" else (EN, CESIS_EN)
    order = list(range(len(headings)))
    random.Random(seed).shuffle(order)
    frame, report = _parse([[headings[i] for i in order], [row[i] for i in order]], cat=cat)
    assert _records(frame) == [CESIS_EXPECTED]
    assert report.valid


@pytest.mark.parametrize(("heading", "field"), HEADINGS)
def test_every_heading_spelling_is_recognised(cat, heading, field):
    """Given a sheet whose column for one field is headed with a variant spelling
    When parsed
    Then that field is read from it (the other columns use the Latvian template)."""
    index = next(i for i, (f, _, _) in enumerate(TEMPLATE_COLUMNS) if f == field)
    headings = list(LV)
    headings[index] = heading
    frame, report = _parse([headings, CESIS_ROW], cat=cat)
    assert report.codes() == ["survey-municipality-absent"]
    assert _records(frame) == [CESIS_EXPECTED]


@pytest.mark.parametrize(("heading", "domain"), DOMAIN_HEADINGS)
def test_domain_yes_no_columns_by_number_or_name(cat, heading, domain):
    """Given one yes/no column per domain headed by its number or Latvian/English name
    When a municipality answers 'x' there
    Then that domain is among its domains."""
    frame, report = _parse([["Pašvaldība", "Programmas statuss", heading], ["Rīga", "Izstrādāta", "x"]], cat=cat)
    assert frame["domains"].tolist() == [str(domain)]
    assert report.valid


def test_domain_list_and_columns_are_joined(cat):
    """Given both a domain list column and per-domain columns
    When parsed
    Then the domains are the union, sorted numerically."""
    rows = [["Pašvaldība", "Programmas statuss", "Aptvertās jomas", "Education", "16"],
            ["Rīga", "Izstrādāta", "10;1", "Jā", "nē"]]
    frame, _ = _parse(rows, cat=cat)
    assert frame["domains"].tolist() == ["1;2;10"]


def test_domain_column_number_out_of_range_is_an_error(cat):
    """Given a per-domain column headed 17
    When parsed
    Then the heading is reported as a bad domain."""
    _, report = _parse([["Pašvaldība", "Programmas statuss", "17"], ["Rīga", "Izstrādāta", "x"]], cat=cat)
    assert _without_absent(report) == [["survey-bad-domain", 1, "C"]]


def test_unknown_and_repeated_columns_are_reported(cat):
    """Given an unrecognised heading and a field given twice
    When parsed
    Then the unknown one is info and the repeated one an error, both at the header row."""
    rows = [["Pašvaldība", "Programmas statuss", "Kontaktpersona", "Secinājumi", "Conclusions"],
            ["Rīga", "Izstrādāta", "Anna", "Jā", "Jā"]]
    _, report = _parse(rows, cat=cat)
    assert _without_absent(report) == [["survey-duplicate-column", 1, "E"], ["survey-unknown-column", 1, "C"]]


def test_header_below_title_rows_is_found(cat):
    """Given two title rows and a blank row above the header
    When parsed
    Then the header is found and source rows are the sheet's row numbers."""
    frame, _ = _parse([["Aptauja"], ["sintētiski dati"], [], LV, CESIS_ROW], cat=cat)
    assert frame["source_row"].tolist() == [5]


# --- cells ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", YES_SPELLINGS)
def test_yes_spellings(value):
    """Given a yes written any accepted way
    When read as a yes/no cell
    Then it is True."""
    assert parse_yes_no(value) is True


@pytest.mark.parametrize("value", NO_SPELLINGS)
def test_no_spellings_and_blank(value):
    """Given a no (or a blank) written any accepted way
    When read as a yes/no cell
    Then it is False."""
    assert parse_yes_no(value) is False


@pytest.mark.parametrize("value", BAD_YES_NO)
def test_other_values_are_not_yes_no(value):
    """Given a value that is neither yes nor no
    When read as a yes/no cell
    Then it is refused."""
    assert parse_yes_no(value) is BAD


@pytest.mark.parametrize("value", YES_SPELLINGS + NO_SPELLINGS)
def test_every_yes_no_spelling_in_a_sheet(cat, value):
    """Given every yes/no spelling in the conclusions column of a sheet
    When parsed
    Then the row is accepted with the right flag."""
    rows = [["Pašvaldība", "Programmas statuss", "Secinājumi"], ["Rīga", "Izstrādāta", value]]
    frame, report = _parse(rows, cat=cat)
    assert report.valid
    assert frame["conclusions"].tolist() == [value in YES_SPELLINGS and value not in NO_SPELLINGS]


@pytest.mark.parametrize(("text", "status"), STATUS_SPELLINGS)
def test_status_spellings(text, status):
    """Given a programme status in Latvian, English or a close variant
    When read
    Then it maps to its code."""
    assert parse_status(text) == status


@pytest.mark.parametrize("text", BAD_STATUSES)
def test_bad_statuses(text):
    """Given a status that is none of the three
    When read
    Then it is refused."""
    assert parse_status(text) is BAD


@pytest.mark.parametrize(("text", "monitoring"), MONITORING_SPELLINGS)
def test_monitoring_spellings(text, monitoring):
    """Given a monitoring answer in Latvian or English (blank = none)
    When read
    Then it maps to complete, institutions_only or none."""
    assert parse_monitoring(text) == monitoring


@pytest.mark.parametrize(("value", "expected"), YEARS)
def test_years(value, expected):
    """Given a year as number, text or with 'g.'
    When read
    Then the year comes out (blank is no year)."""
    assert parse_year(value) == expected


@pytest.mark.parametrize("value", OPEN_ENDED_SPELLINGS)
def test_open_ended_end_year(value):
    """Given 'beztermiņa' or 'open-ended' in the end-year column
    When read
    Then there is no end year and the programme is open-ended."""
    assert parse_year(value, open_ended_allowed=True) == (None, True)


@pytest.mark.parametrize("value", BAD_YEARS)
def test_bad_years(value):
    """Given text that is not a year (or open-ended where it is not allowed)
    When read as a start year
    Then it is refused."""
    assert parse_year(value) is BAD


@pytest.mark.parametrize(("value", "expected"), DOMAIN_LISTS)
def test_domain_lists(value, expected):
    """Given domain numbers separated by ';' or ','
    When read
    Then they come out sorted and unique."""
    good, bad = parse_domain_list(value)
    assert (";".join(map(str, good)), bad) == (expected, [])


# --- bad input ------------------------------------------------------------------------------------------


def test_bad_cells_fixture_names_every_issue():
    """Given survey_bad_cells.xlsx with one mistake per row
    When read
    Then each mistake is an issue with its exact code, row and column, and only the two good rows are kept."""
    from analysis.catalogue import catalogue

    frame, report = parse_survey_workbook(raw_workbook(FIXTURES / "survey_bad_cells.xlsx"), catalogue=catalogue())
    assert report.flatten(["code", "row", "column"]) == BAD_CELLS_EXPECTED
    assert not report.valid
    assert frame["municipality_code"].tolist() == ["LV0026000", "LV0028000"]
    assert report.stats["sheets"]["Aptauja"] == {
        "rows_read": 12, "rows_accepted": 2, "rows_rejected": 10, "survey_year": 2024,
    }


def test_unknown_municipality_message_lists_closest(cat):
    """Given a misspelt municipality
    When parsed
    Then the message suggests the closest official names."""
    _, report = _parse([["Pašvaldība", "Programmas statuss"], ["Cēsu novadss", "Izstrādāta"]], cat=cat)
    assert report.issues[0].message.startswith("Nezināma pašvaldība “Cēsu novadss”; varbūt: Cēsu novads")


def test_missing_status_column_fixture():
    """Given a survey sheet without the programme status column
    When read
    Then the missing column is the error and no rows are returned."""
    from analysis.catalogue import catalogue

    frame, report = parse_survey_workbook(
        raw_workbook(FIXTURES / "survey_missing_status_column.xlsx"), catalogue=catalogue()
    )
    assert report.flatten(["code", "row", "column"]) == [["survey-missing-column", 1, "Programme status"]]
    assert len(frame) == 0


def test_header_without_answers(cat):
    """Given a survey sheet with headings and no answers
    When parsed
    Then it is an error at the header row, not an empty valid survey."""
    frame, report = _parse([LV], cat=cat)
    assert report.flatten(["code", "row", "column"]) == [["survey-no-answers", 1, None]]
    assert len(frame) == 0


def test_missing_municipality_column(cat):
    """Given a survey sheet without the municipality column
    When parsed
    Then the missing column is reported."""
    frame, report = _parse([["Programmas statuss", "Secinājumi"], ["Izstrādāta", "Jā"]], cat=cat)
    assert report.flatten(["code", "row", "column"]) == [["survey-missing-column", 1, "Municipality"]]
    assert len(frame) == 0


def test_no_year_anywhere_asks_for_it():
    """Given a survey with no year in a cell, column, file or sheet name
    When read without a year
    Then the report asks for the year; with --year given it is valid."""
    from analysis.catalogue import catalogue

    workbook = raw_workbook(FIXTURES / "aptauja_bez_gada.xlsx")
    frame, report = parse_survey_workbook(workbook, catalogue=catalogue())
    assert report.flatten(["code", "row", "column"]) == [["survey-year-missing", None, None]]
    frame, report = parse_survey_workbook(workbook, catalogue=catalogue(), survey_year=2023)
    assert frame["survey_year"].tolist() == [2023]
    assert report.valid


@pytest.mark.parametrize(
    ("rows", "file_name", "sheet", "year"),
    [
        ([["Aptaujas gads", 2022], LV, CESIS_ROW], "", "Lapa1", 2022),
        ([["Aptaujas gads: 2021"], LV, CESIS_ROW], "", "Lapa1", 2021),
        ([["Survey year", None, "2020"], EN, CESIS_EN], "", "Sheet1", 2020),
        ([LV + ["Aptaujas gads"], CESIS_ROW + [2019]], "", "Lapa1", 2019),
        ([LV, CESIS_ROW], "survey_2018_cesis.xlsx", "Lapa1", 2018),
        ([LV, CESIS_ROW], "aptauja.xlsx", "Aptauja 2017", 2017),
    ],
)
def test_survey_year_sources(cat, rows, file_name, sheet, year):
    """Given the survey year in a labelled cell, a column, the file name or the sheet name
    When parsed without an explicit year
    Then that year is used."""
    frame, report = _parse(rows, cat=cat, year=None, name=sheet, file_name=file_name)
    assert frame["survey_year"].tolist() == [year]
    assert report.valid


def test_explicit_year_wins_with_a_warning(cat):
    """Given a file stating 2022 and an explicit year 2024
    When parsed
    Then 2024 is used and the conflict is a warning."""
    frame, report = _parse([["Aptaujas gads", 2022], LV, CESIS_ROW], cat=cat, year=2024)
    assert frame["survey_year"].tolist() == [2024]
    assert _without_absent(report) == [["survey-year-conflict", None, None]]


def test_mixed_survey_years_in_a_column_is_an_error(cat):
    """Given a survey-year column with two different years
    When parsed
    Then it is an error naming the column."""
    rows = [["Pašvaldība", "Programmas statuss", "Survey year"], ["Rīga", "Nav izstrādāta", 2022],
            ["Jūrmala", "Nav izstrādāta", 2024]]
    frame, report = _parse(rows, cat=cat, year=None)
    assert report.flatten(["code", "row", "column"]) == [["survey-mixed-survey-year", None, "C"]]
    assert len(frame) == 0


def test_municipality_not_valid_for_the_survey_year(cat):
    """Given Varakļānu novads in a 2026 survey (it merged into Madonas novads on 2025-07-01)
    When parsed
    Then it is a warning, and the row is kept; in 2024 there is no warning."""
    rows = [["Pašvaldība", "Programmas statuss"], ["Varakļānu novads", "Nav izstrādāta"]]
    frame, report = _parse(rows, cat=cat, year=2026)
    assert _without_absent(report) == [["survey-municipality-not-valid", 2, "A"]]
    assert len(frame) == 1
    _, report = _parse(rows, cat=cat, year=2024)
    assert _without_absent(report) == []


def test_absent_municipalities_are_one_warning(cat):
    """Given a survey answered by two municipalities of the 43
    When parsed
    Then one warning names the 41 others."""
    rows = [["Pašvaldība", "Programmas statuss"], ["Rīga", "Nav izstrādāta"], ["Jūrmala", "Nav izstrādāta"]]
    _, report = _parse(rows, cat=cat)
    assert report.flatten(["code", "severity"]) == [["survey-municipality-absent", "warning"]]
    assert "41" in report.issues[0].message and "Daugavpils" in report.issues[0].message


def test_open_ended_programme(cat):
    """Given an end year 'beztermiņa'
    When parsed
    Then the end year is empty and open_ended is set."""
    row = ["Talsu novads", "Izstrādāta", "Nē", 2015, "beztermiņa", "", "", "Nav", "Jā", "1;2", None]
    frame, _ = _parse([LV, row], cat=cat)
    assert _records(frame)[0] == {
        **CESIS_EXPECTED, "municipality_code": "LV0051000", "up_to_date": False, "start_year": 2015,
        "end_year": None, "open_ended": True, "conclusions": False, "monitoring": "none", "domains": "1;2",
        "comment": None,
    }


# --- routing --------------------------------------------------------------------------------------------


def test_looks_like_survey(cat):
    """Given a survey sheet, an indicator sheet in long format and a cooperation-group sheet
    When ingestion asks which is a survey
    Then only the survey sheet is."""
    survey = RawSheet(name="Aptauja", rows=[["Aptauja"], LV, CESIS_ROW])
    long = RawSheet(name="dati", rows=[["municipality", "indicator", "year", "value", "count", "denominator",
                                        "status", "note"], ["Rīga", "births", 2024, 5000, None, None, None, None]])
    group = RawSheet(name="1 Demogrāfija", rows=[["Cēsu novads"], ["Rādītājs", 2022, 2023, 2024, "Piezīmes"],
                                                 ["Dzimušo skaits", 300, 290, 280, "CSP"]])
    assert [looks_like_survey(s, catalogue=cat) for s in (survey, long, group)] == [True, False, False]
    assert looks_like_survey(RawSheet(name="s", rows=[EN]), catalogue=None)


# --- storing --------------------------------------------------------------------------------------------


def test_store_survey_round_trip(engine, cat):
    """Given the Latvian 2024 fixture stored as an upload stores it
    When the current survey is read back and the same file stored again
    Then all 43 answers come back unchanged and the second store is recognised as a duplicate."""
    from analysis.ingest.storing import ingest_path

    path, actor = FIXTURES / "survey_2024_lv.xlsx", Actor(name="tester", role=Role.NATIONAL_ANALYST)
    frame, report = parse_survey_workbook(raw_workbook(path), catalogue=cat)
    first = ingest_path(path, engine=engine, catalogue=cat, actor=actor)[1]
    again = ingest_path(path, engine=engine, catalogue=cat, actor=actor)[1]
    stored = current_survey(engine, survey_year=2024)
    assert (first.duplicate, first.n_rows, again.duplicate, again.upload_id) == (False, 43, True, first.upload_id)
    assert list_uploads(engine, kind="survey")["file_name"].tolist() == ["survey_2024_lv.xlsx"]
    back = stored.drop(columns="upload_id")
    for name in ("up_to_date",):
        back[name] = back[name].astype("boolean")
    assert _records(back.sort_values("municipality_code").reset_index(drop=True)) == _records(
        frame.sort_values("municipality_code").reset_index(drop=True)
    )

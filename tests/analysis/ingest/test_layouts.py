"""Every layout we promise to read, from a fixture file: the layout found, the exact issues and the rows kept."""

from __future__ import annotations

import pytest

from tests.analysis.ingest.parameters import CESIS, JELGAVA, JELGAVAS_NOVADS, LAYOUT_CASES, VALMIERA


@pytest.mark.parametrize("name,layouts,valid,issues", LAYOUT_CASES, ids=[c[0] for c in LAYOUT_CASES])
def test_layout_is_found_and_reported(ingest_file, name, layouts, valid, issues):
    """Given a fixture file of one layout / When ingested / Then its layout, validity and issues are exactly these."""
    result = ingest_file(name)
    assert result.layouts == layouts
    assert result.report.valid is valid
    assert result.report.flatten(["code", "row", "column"]) == issues


def test_long_layout_rows(ingest_file, tuples):
    """Given the clean long file / When ingested / Then every row is kept, both Jelgavas told apart, 'jā' read as 1."""
    result = ingest_file("long_clean.csv")
    assert tuples(result) == [
        (CESIS, "population_total", 2022, 40000.0, None),
        (CESIS, "population_total", 2023, 39500.0, None),
        (CESIS, "children_in_out_of_family_care_rate", 2023, 5.2, None),
        (JELGAVA, "births", 2023, 400.0, None),
        (JELGAVAS_NOVADS, "births", 2023, 190.0, None),
        (CESIS, "child_rights_programme", 2023, 1.0, None),
        (CESIS, "children_share", 2023, 20.4, "estimate"),
    ]
    row = result.rows.iloc[2]
    assert (row["count"], row["denominator"]) == (42.0, 8077.0)
    assert result.rows.iloc[6]["note"] == "aplēse"


def test_wide_layout_with_municipality_column(ingest_file, tuples):
    """Given years as columns and a municipality column / When ingested / Then one row per filled cell, blanks make none."""
    assert tuples(ingest_file("wide_column.xlsx")) == [
        (CESIS, "births", 2021, 310.0, None),
        (CESIS, "births", 2022, 300.0, None),
        (CESIS, "population_total", 2021, 40000.0, None),
        (CESIS, "population_total", 2022, 39800.0, None),
        (CESIS, "population_total", 2023, 39500.0, None),
        (VALMIERA, "births", 2021, 400.0, None),
        (VALMIERA, "births", 2022, 390.0, None),
        (VALMIERA, "births", 2023, 380.0, None),
    ]


def test_wide_layout_with_municipality_line(ingest_file, tuples):
    """Given a 'Pašvaldība: Cēsu novads' line above the table / When ingested / Then every value is Cēsu novads'."""
    assert tuples(ingest_file("wide_line.xlsx")) == [
        (CESIS, "births", 2022, 300.0, None),
        (CESIS, "births", 2023, 290.0, None),
        (CESIS, "children_in_out_of_family_care", 2022, 40.0, None),
        (CESIS, "children_in_out_of_family_care", 2023, 42.0, None),
    ]


def test_wide_layout_with_municipality_chosen_by_the_user(ingest_file, tuples):
    """Given a table naming no municipality / When the uploader chooses Cēsu novads / Then it is valid and Cēsu's."""
    result = ingest_file("wide_no_municipality.csv", municipality="Cēsu novads")
    assert result.report.flatten(["code", "row", "column"]) == []
    assert tuples(result) == [
        (CESIS, "births", 2022, 300.0, None),
        (CESIS, "births", 2023, 290.0, None),
        (CESIS, "population_total", 2022, 40000.0, None),
        (CESIS, "population_total", 2023, 39800.0, None),
    ]


def test_csp_export(ingest_file, tuples):
    """Given a portal export / When ingested / Then aggregates are left out, '-' is zero, '..' and '...' are gaps, dots and trailing blanks ignored."""
    result = ingest_file("csp_export.csv")
    custom = "Dzimušie reģionos, valstspilsētās un novados: Dzimušie zēni"
    assert tuples(result) == [
        (CESIS, "births", 2022, 300.0, None),
        (CESIS, "births", 2023, 290.0, None),
        (CESIS, custom, 2022, 150.0, None),
        (CESIS, custom, 2023, None, "not_available"),
        (VALMIERA, "births", 2022, 0.0, "zero"),
        (VALMIERA, "births", 2023, None, "not_available"),
    ]
    assert result.report.stats["rows_skipped"] == 6


def test_group_workbook(ingest_file, tuples):
    """Given the group's workbook / When ingested / Then each domain sheet is read and reported separately, notes kept."""
    result = ingest_file("group_workbook.xlsx")
    sheets = result.report.stats["sheets"]
    assert {k: (v["layout"], v["rows_read"], v["rows_accepted"]) for k, v in sheets.items()} == {
        "1 Demogrāfija": ("group", 6, 6),
        "7 Ārpusģimenes aprūpe": ("group", 6, 6),
    }
    assert tuples(result)[6:9] == [
        (CESIS, "children_in_out_of_family_care", 2021, 40.0, None),
        (CESIS, "children_in_out_of_family_care", 2022, 42.0, None),
        (CESIS, "children_in_out_of_family_care", 2023, None, "not_available"),
    ]
    assert result.rows["note"].tolist()[:3] == ["CSP dati"] * 3


def test_sheet_built_in_memory_is_read_like_a_file(ingest_rows, tuples):
    """Given rows handed over by a reader / When ingested / Then a long table with a status column is understood."""
    result = ingest_rows(
        [
            ["Pašvaldība", "Rādītājs", "Gads", "Vērtība", "Statuss"],
            ["Cēsu novads", "births", 2023, 290, ""],
            ["Cēsu novads", "births", 2022, None, "konfidenciāli"],
            ["Cēsu novads", "births", 2021, 280, "kaut kas"],
        ]
    )
    assert result.report.flatten(["code", "row", "column"]) == [["unknown-status", 4, "E"]]
    assert tuples(result) == [
        (CESIS, "births", 2023, 290.0, None),
        (CESIS, "births", 2022, None, "confidential"),
        (CESIS, "births", 2021, 280.0, None),
    ]

"""Downloads are safe to open in Excel and carry their README."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from dashboard import downloads


def test_text_cells_never_start_a_formula():
    """Given user text that looks like formulas, When written to CSV and XLSX, Then every such cell is neutralised."""
    frame = pd.DataFrame({"note": ["=HYPERLINK(\"x\")", "+A1", "-B2", "@SUM(A1)", "ok", None], "value": [1, 2, 3, 4, 5, 6]})
    csv = downloads.csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert csv[1:5] == ['"\'=HYPERLINK(""x"")",1', "'+A1,2", "'-B2,3", "'@SUM(A1),4"]
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes({"data": frame}, readme=["Title", "=evil"])))
    assert book.sheetnames == ["README", "data"]
    assert [c.value for c in book["README"]["A"]] == ["Title", "'=evil"]
    cells = [c.value for c in book["data"]["A"]][1:5]
    assert cells == ["'=HYPERLINK(\"x\")", "'+A1", "'-B2", "'@SUM(A1)"]
    assert all(c.data_type == "s" for c in book["data"]["A"][1:5])


def test_sheet_names_are_made_valid():
    """Given a sheet name Excel would refuse, When written, Then it is shortened and cleaned."""
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes({"a/b:c" + "x" * 40: pd.DataFrame({"a": [1]})})))
    assert book.sheetnames == ["a b c" + "x" * 26]


def test_numbers_stay_numbers_with_each_rows_decimals():
    """Given values of a count and a rate with their decimals / When written to XLSX / Then numeric cells whose format
    groups thousands and shows the row's decimals; hidden '<5' and words stay text; a missing value is empty."""
    frame = pd.DataFrame({"Rādītājs": ["Dzimušo skaits", "Dzimstība"], "2024": [40969.0, 17.66], "2023": ["<5", None]})
    frame.attrs[downloads.DECIMALS] = {"2024": [0, 1], "2023": [0, 1]}
    ws = load_workbook(io.BytesIO(downloads.xlsx_bytes({"data": frame})))["data"]
    assert [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows(min_row=2)] == [
        [("Dzimušo skaits", "s", "General"), (40969, "n", "#,##0"), ("<5", "s", "General")],
        [("Dzimstība", "s", "General"), (17.66, "n", "#,##0.0"), (None, "n", "General")],
    ]


def test_the_latvian_excel_csv_splits_on_semicolons_with_a_decimal_comma():
    """Given the same frame / When written for Latvian Excel / Then ';' between fields, decimal commas at each row's
    decimals, no grouping, a byte-order mark, and formula-looking text neutralised."""
    frame = pd.DataFrame({"Rādītājs": ["Dzimušo skaits", "=1+1"], "2024": [40969.0, 17.66], "Gads": [2024, 2024]})
    frame.attrs[downloads.DECIMALS] = {"2024": [0, 1]}
    data = downloads.csv_bytes(frame, latvian_excel=True)
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == [
        "Rādītājs;2024;Gads", "Dzimušo skaits;40969;2024", "'=1+1;17,7;2024"]


def test_the_profile_workbook_has_numeric_cells_and_describes_its_own_sheets(sample_db, monkeypatch):
    """Given the sample / When the profile's workbook is built / Then its year and change columns are numbers, its
    headers are Latvian, and its README names exactly the sheets it has."""
    monkeypatch.setenv("DATABASE_URL", sample_db)
    from dashboard import data, i18n
    from dashboard.app_pages import profile_parts

    names = (i18n.t("profile.sheet_profile"), i18n.t("profile.sheet_values"), i18n.t("profile.sheet_missing"))
    sheets = dict(zip(names, profile_parts.workbook_sheets.at(*data.key(), "LV0001000", "region", "lv")))
    readme = downloads.readme_lines(t=i18n.t, version=1, sample=True, today="02.12.2026.",
                                    sheets="profile.readme_sheets", citation="profile.readme_citation")
    book = load_workbook(io.BytesIO(downloads.profile_workbook(sheets, readme=readme)))
    assert book.sheetnames == ["README", "Profils", "Vērtības", "Trūkst"]
    described = next(c.value for c in book["README"]["A"] if str(c.value).startswith("Lapas:"))
    assert all(f"{n} —" in described for n in names)
    assert not any(".." in str(c.value) for c in book["README"]["A"])
    ws = book["Profils"]
    header = [c.value for c in ws[1]]
    assert "domain" not in header and header[:3] == ["Joma", "Rādītājs", "Mērvienība"]
    years = [j for j, h in enumerate(header) if str(h).isdigit()]
    cells = [row[j] for row in ws.iter_rows(min_row=2) for j in years if row[j].value is not None]
    assert {c.value for c in cells if c.data_type != "n"} <= {"<5", "x", "jā", "nē"}  # hidden, or a yes/no answer
    assert sum(c.data_type == "n" for c in cells) > 0.9 * len(cells)


def test_the_coverage_workbook_holds_every_figure_and_list_as_numbers(sample_db, monkeypatch):
    """Given the 2024 sample survey / When the coverage page's workbook is built / Then figures 1–5 and the domains
    carry the report's percentages as numeric cells, and each list is a sheet named in the README."""
    monkeypatch.setenv("DATABASE_URL", sample_db)
    from dashboard import data
    from dashboard.app_pages import coverage_parts

    figures = data.coverage.at(*data.key(), 2024)
    lists = [("coverage.list_open", figures.open_ended, True), ("coverage.list_views", figures.children_views_missing,
                                                                 True)]
    sheets, described = coverage_parts.workbook_sheets(figures, lists)
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes(sheets, readme=["Title", *described])))
    assert book.sheetnames == ["README", "1. attēls", "2. attēls", "3. attēls", "4. attēls", "5. attēls", "Jomas",
                               "Saraksts 1", "Saraksts 2"]
    first = [[c.value for c in row] for row in book["1. attēls"].iter_rows(min_row=2, max_col=4)]
    assert first == [["Izstrādāta", 8, 43, 18.6], ["Iekļauta citos plānošanas dokumentos", 11, 43, 25.6],
                     ["Nav izstrādāta", 24, 43, 55.8]]
    assert book["1. attēls"]["D2"].number_format == "#,##0.0"
    assert [c.value for c in book["README"]["A"]][1].startswith("Saraksts 1: ")
    assert book["Saraksts 1"].max_row == len(figures.open_ended) + 1

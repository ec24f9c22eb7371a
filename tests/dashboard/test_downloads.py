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

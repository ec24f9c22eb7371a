"""HTML tables posing as Excel files: spans, nesting, entities, encodings."""

from __future__ import annotations

import pytest

from analysis.ingest.raw import UnreadableFile
from analysis.ingest.readers import read_bytes
from tests.analysis.ingest.readers.parameters import FORMATS


def test_spans_are_repeated_as_empty_cells_and_recorded():
    """Given colspan and rowspan cells, When read, Then they fill with empty cells and appear as merged ranges."""
    html = (
        "<table><tr><td colspan=2 rowspan=2>A</td><td>B</td></tr>"
        "<tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr></table>"
    ).encode()
    sheet = read_bytes(html, file_name="t.xls").sheets[0]
    assert sheet.rows == [["A", "", "B"], ["", "", "C"], ["D", "E", "F"]]
    assert sheet.merged == [(0, 0, 1, 1)]


def test_rowspan_in_the_last_column_pads_the_next_row():
    """Given a rowspan in the last column, When read, Then the next row still has that column, empty."""
    html = b"<table><tr><td>a</td><td rowspan=2>b</td></tr><tr><td>c</td></tr></table>"
    assert read_bytes(html, file_name="t.html").sheets[0].rows == [["a", "b"], ["c", ""]]


def test_nested_table_is_its_own_sheet():
    """Given a table inside a cell, When read, Then the outer cell keeps its own text and the inner table is a sheet."""
    html = b"<table><tr><td>outer<table><tr><td>inner</td></tr></table></td><td>x</td></tr></table>"
    sheets = read_bytes(html, file_name="t.html").sheets
    assert [s.rows for s in sheets] == [[["outer", "x"]], [["inner"]]]


def test_meta_charset_is_honoured():
    """Given a Windows-1257 page that says so in a meta tag, When read, Then its letters are right."""
    html = '<meta charset="windows-1257"><table><tr><td>Ķekava</td></tr></table>'.encode("cp1257")
    sheet = read_bytes(html, file_name="t.xls").sheets[0]
    assert sheet.rows == [["Ķekava"]] and sheet.meta == {"encoding": "cp1257"}


def test_the_disguise_is_named_in_an_info_issue():
    """Given HTML named .xls, When read, Then an info issue says it was read as an HTML table."""
    workbook = read_bytes((FORMATS / "html_as_xls.xls").read_bytes(), file_name="eksports.xls")
    assert workbook.report.flatten(["code", "severity", "row"]) == [["read-as-html", "info", None]]
    assert "eksports.xls" in workbook.report.issues[0].message


def test_page_without_a_table_is_refused():
    """Given a login page saved as .xls, When read, Then it is refused as HTML without a table."""
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(b"<html><body><p>Sesija beigusies</p></body></html>", file_name="x.xls")
    assert caught.value.code == "no-html-table"

"""Every format fixture gives exactly its expected sheets and report, or exactly its refusal."""

from __future__ import annotations

import pytest

from analysis.ingest.raw import UnreadableFile
from analysis.ingest.readers import read_bytes, read_file
from tests.analysis.ingest.readers.parameters import FORMATS, READ, REFUSED


@pytest.mark.parametrize("name", sorted(READ))
def test_fixture_is_read_whole(name):
    """Given a readable fixture, When it is read, Then every sheet's cells and every report issue are as expected."""
    workbook = read_file(FORMATS / name)
    sheets, issues = READ[name]
    assert [(s.name, s.source_format, s.rows) for s in workbook.sheets] == sheets
    assert workbook.report.flatten(["code", "severity", "sheet"]) == issues


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_fixture_is_refused_with_its_code(name):
    """Given an unreadable fixture, When it is read, Then one refusal with its code and a one-line message naming it."""
    with pytest.raises(UnreadableFile) as caught:
        read_file(FORMATS / name)
    message = str(caught.value)
    assert caught.value.code == REFUSED[name]
    assert "\n" not in message and name in message and " / " in message


def test_every_fixture_file_has_an_expected_outcome():
    """Given the fixture folder, When it is listed, Then no file lacks a test."""
    on_disk = {p.name for p in FORMATS.iterdir()}
    assert on_disk - {"formula_openpyxl.xlsx", "merged_title.xlsx"} == set(READ) | set(REFUSED)


def test_bytes_and_path_give_the_same_workbook():
    """Given one file, When read from disk and from memory, Then size, hash and cells agree."""
    path = FORMATS / "normal.xlsx"
    from_disk = read_file(path)
    from_memory = read_bytes(path.read_bytes(), file_name="normal.xlsx")
    assert (from_disk.size_bytes, from_disk.sha256) == (from_memory.size_bytes, from_memory.sha256)
    assert from_disk.size_bytes == path.stat().st_size and len(from_disk.sha256) == 64
    assert [s.rows for s in from_disk.sheets] == [s.rows for s in from_memory.sheets]


def test_file_name_overrides_the_path_name():
    """Given an upload saved under a temporary name, When read with the user's file name, Then that name is used."""
    workbook = read_file(FORMATS / "csv_named.xls", file_name="eksports.csv")
    assert workbook.file_name == "eksports.csv"
    assert workbook.report.codes() == []
    assert workbook.sheets[0].name == "eksports"

"""Delimited text: the delimiter and encoding are found, and every cell stays the exact string."""

from __future__ import annotations

import pytest

from analysis.ingest.raw import UnreadableFile
from analysis.ingest.readers import Limits, read_bytes
from analysis.ingest.readers.csv_reader import sniff_delimiter
from tests.analysis.ingest.readers.parameters import DELIMITER_CASES, ENCODING_CASES


@pytest.mark.parametrize("case", sorted(DELIMITER_CASES))
def test_delimiter_is_sniffed(case):
    """Given a text sample, When the delimiter is sniffed, Then the expected one is chosen."""
    text, expected = DELIMITER_CASES[case]
    assert sniff_delimiter(text) == expected


@pytest.mark.parametrize("case", sorted(ENCODING_CASES))
def test_encoding_is_detected(case):
    """Given bytes in a known encoding, When read, Then the letters survive and the encoding is recorded."""
    data, encoding, first = ENCODING_CASES[case]
    sheet = read_bytes(data, file_name="dati.csv").sheets[0]
    assert (sheet.meta["encoding"], sheet.rows[0][0]) == (encoding, first)


def test_legacy_encoding_is_reported_as_a_guess():
    """Given a Windows-1257 file, When read, Then an info issue names the guessed encoding."""
    workbook = read_bytes("Ķekava;1\n".encode("cp1257"), file_name="dati.csv")
    assert workbook.report.flatten(["code", "severity", "sheet"]) == [["encoding-guessed", "info", "dati"]]
    assert "cp1257" in workbook.report.issues[0].message


def test_mostly_utf8_with_a_broken_byte_keeps_utf8_and_warns():
    """Given UTF-8 text with one stray Latin-1 byte, When read, Then it stays UTF-8 and the damage is a warning."""
    data = ("Rīga;Ķekava;Cēsis;Līvāni;Ogre;Jēkabpils;Tukums;Dobele;Valmiera;Bauska;Ādaži\n").encode() + b"x\xe9;1\n"
    workbook = read_bytes(data, file_name="dati.csv")
    sheet = workbook.sheets[0]
    assert sheet.meta["encoding"] == "utf-8" and sheet.rows[1] == ["x\ufffd", "1"]
    assert workbook.report.flatten(["code", "severity"]) == [["replacement-characters", "warning"]]


def test_cells_are_not_trimmed_or_converted():
    """Given padded and numeric-looking cells, When read, Then they stay exactly as typed."""
    sheet = read_bytes(b"a,b\n 0012 ,1.50\n", file_name="dati.csv").sheets[0]
    assert sheet.rows == [["a", "b"], [" 0012 ", "1.50"]]


def test_line_endings_of_every_kind():
    """Given CRLF, LF and a final line without an ending, When read, Then the rows are the same."""
    sheet = read_bytes(b"a;b\r\n1;2\n3;4", file_name="dati.csv").sheets[0]
    assert sheet.rows == [["a", "b"], ["1", "2"], ["3", "4"]]


def test_too_many_cells_in_text_is_refused():
    """Given a text file with more cells than allowed, When read, Then it is refused with too-many-cells."""
    data = b"a;b\n" * 100
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(data, file_name="dati.csv", limits=Limits(max_cells=50))
    assert caught.value.code == "too-many-cells"


@pytest.mark.parametrize("data", [b"\r\n\r\n", b"   \t ", "\ufeff\n".encode()])
def test_blank_text_is_an_empty_file(data):
    """Given a text file with only blanks and line endings, When read, Then it is refused as empty."""
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(data, file_name="dati.csv")
    assert caught.value.code == "file-empty"

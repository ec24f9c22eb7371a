"""The format is decided by the bytes, whatever the file is called."""

from __future__ import annotations

import pytest

from analysis.ingest.readers.sniff import extension_format, sniff
from tests.analysis.ingest.readers.parameters import FORMATS

BY_CONTENT = {
    "normal.xlsx": "xlsx",
    "normal.ods": "ods",
    "encrypted.xlsx": "encrypted",
    "encrypted.xls": "encrypted",
    "html_as_xls.xls": "html",
    "html_no_table.xls": "html",
    "csv_named.xls": "csv",
    "utf16_tab.txt": "csv",
    "sample.px": "px",
    "spreadsheet_2003.xls": "xml2003",
    "word_document.xlsx": "zip-other",
    "garbage.xlsx": "unknown",
    "truncated.xlsx": "corrupt",
}


@pytest.mark.parametrize("name", sorted(BY_CONTENT))
def test_format_by_content(name):
    """Given a fixture, When sniffed, Then its real format is found."""
    assert sniff((FORMATS / name).read_bytes()).format == BY_CONTENT[name]


def test_compound_file_without_encryption_is_xls():
    """Given a compound file whose directory has no EncryptedPackage and no FILEPASS, When sniffed, Then xls;
    the stream name inside cell text (not at a directory slot) does not count."""
    data = bytearray((FORMATS / "encrypted.xls").read_bytes())
    data[1024 + 128 : 1024 + 256] = bytes(128)  # sector 1 is the directory; entry 1 is Workbook
    data += b"x" + "EncryptedPackage".encode("utf-16-le") + b"\0\0"
    assert sniff(bytes(data)).format == "xls"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.XLSX", "xlsx"), ("a.xlsm", "xlsx"), ("a.xls", "xls"), ("a.tsv", "csv"), ("a.txt", "csv"),
     ("a.px", "px"), ("a.htm", "html"), ("a", None), ("a.pdf", None)],
)
def test_extension_promise(name, expected):
    """Given a file name, When its extension is looked up, Then the promised format is known or None."""
    assert extension_format(name) == expected

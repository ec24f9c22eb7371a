"""The format is decided by the bytes, whatever the file is called."""

from __future__ import annotations

import io
import zipfile

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
    "word_document.xlsx": "document",
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


@pytest.mark.parametrize(
    ("data", "kind_en"),
    [
        (b"%PDF-1.4\n...", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"\x1f\x8b\x08\x00\x00\x00", "a gzip archive"),
        (b"Rar!\x1a\x07\x01\x00", "a RAR archive"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "a 7-Zip archive"),
        (b"{\\rtf1\\ansi hello}", "an RTF (Word) document"),
        (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00", "a BMP image"),
        (b"BZh91AY&SY\x00", "a bzip2 archive"),
    ],
)
def test_documents_images_and_archives_are_named_by_their_magic_bytes(data, kind_en):
    """Given a document, image or archive's first bytes / When sniffed / Then it is a 'document' named in
    both languages, never read as delimited text."""
    found = sniff(data + b"\x00" * 200)
    assert (found.format, found.kind[1]) == ("document", kind_en)


def test_a_word_docx_is_named_a_word_document():
    """Given a .docx (a zip with word/ parts) / When sniffed / Then it is a Word document."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert sniff(buf.getvalue()).kind == ("Word dokuments", "a Word document")


@pytest.mark.parametrize("text", [b"BMI indekss;2023;2024\nR\xc4\xabga;21,5;22,0\n", b"BZh;rindas\n1;2\n"])
def test_text_that_starts_like_a_short_signature_is_a_table(text):
    """Given a CSV whose first cell starts with 'BM' or 'BZh' (a BMP's and bzip2's first bytes) / When sniffed /
    Then it is read as delimited text, not refused as an image or an archive."""
    assert sniff(text).format == "csv"

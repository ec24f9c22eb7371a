"""What a file really is, judged by its bytes: web systems name HTML ".xls" and people rename files freely."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from analysis.ingest.readers.encoding import bare_utf16, bom_encoding

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# what each extension promises, to tell the user when the content differs
EXTENSION_FORMAT = {
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx", ".xltm": "xlsx", ".xlsb": "xlsb",
    ".xls": "xls", ".xlt": "xls", ".ods": "ods",
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tab": "csv",
    ".px": "px", ".html": "html", ".htm": "html",
}

_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|table|style|title)\b", re.IGNORECASE)
_PX_KEYWORD_LINE = re.compile(r"^[A-Z][A-Z0-9-]*(?:\[[^\]\n]*\])?(?:\([^)\n]*\))?\s*=", re.MULTILINE)
_PX_AXIS = re.compile(r"^(?:STUB|HEADING)(?:\[[^\]\n]*\])?\s*=", re.MULTILINE)
_SPREADSHEET_2003 = "urn:schemas-microsoft-com:office:spreadsheet"
_HEAD = 65536
# Documents, images and archives people attach instead of a table: magic bytes → what it is (LV, EN).
DOCUMENT_MAGIC = (
    (b"%PDF-", ("PDF dokuments", "a PDF document")),
    (b"{\\rtf", ("RTF (Word) dokuments", "an RTF (Word) document")),
    (b"\x89PNG\r\n\x1a\n", ("PNG attēls", "a PNG image")),
    (b"\xff\xd8\xff", ("JPEG attēls", "a JPEG image")),
    (b"GIF87a", ("GIF attēls", "a GIF image")),
    (b"GIF89a", ("GIF attēls", "a GIF image")),
    (b"II*\x00", ("TIFF attēls", "a TIFF image")),
    (b"MM\x00*", ("TIFF attēls", "a TIFF image")),
    (b"\x1f\x8b", ("gzip arhīvs", "a gzip archive")),
    (b"7z\xbc\xaf\x27\x1c", ("7-Zip arhīvs", "a 7-Zip archive")),
    (b"Rar!\x1a\x07", ("RAR arhīvs", "a RAR archive")),
    (b"\xfd7zXZ\x00", ("xz arhīvs", "an xz archive")),
)
# Signatures short enough to begin a line of text ("BMI indekss", "BZh…") are named only with the header behind them:
# a BMP's DIB header size, a bzip2 block size and its block (or end-of-stream) magic.
_BMP_DIB_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}
_BZIP2_BLOCKS = (b"1AY&SY", b"\x17rE8P\x90")


def _short_magic(data: bytes) -> tuple[str, str] | None:
    if data.startswith(b"BM") and len(data) >= 18 and int.from_bytes(data[14:18], "little") in _BMP_DIB_SIZES:
        return ("BMP attēls", "a BMP image")
    if data.startswith(b"BZh") and data[3:4].isdigit() and data[3:4] != b"0" and data[4:10] in _BZIP2_BLOCKS:
        return ("bzip2 arhīvs", "a bzip2 archive")
    return None


ZIP_KINDS = {
    "Word": ("Word dokuments", "a Word document"),
    "PowerPoint": ("PowerPoint prezentācija", "a PowerPoint presentation"),
    "zip": ("zip arhīvs", "a zip archive"),
}


@dataclass(frozen=True)
class Sniffed:
    """The format found ('xlsx', 'xlsb', 'ods', 'xls', 'encrypted', 'html', 'px', 'csv', 'xml2003',
    'zip-other', 'document', 'unknown') and a short reason for refusals; `kind` names a document
    (PDF, Word, an image, an archive) in Latvian and English."""

    format: str
    detail: str = ""
    kind: tuple[str, str] | None = None


def extension_format(file_name: str) -> str | None:
    """The format the file's name promises (None for names without a known extension)."""
    return EXTENSION_FORMAT.get(PurePath(file_name).suffix.lower())


def sniff(data: bytes) -> Sniffed:
    """Classify by magic bytes first, then by the text's first characters."""
    if data.startswith(ZIP_MAGIC):
        found = _sniff_zip(data)
        if found.format == "zip-other" and found.detail in ZIP_KINDS:
            return Sniffed("document", found.detail, ZIP_KINDS[found.detail])
        return found
    if data.startswith(OLE_MAGIC):
        if ole_entry(data, "EncryptedPackage") is not None or _biff_has_filepass(data):
            return Sniffed("encrypted")
        if ole_entry(data, "WordDocument") is not None:
            return Sniffed("document", "Word", ("Word dokuments", "a Word document"))
        return Sniffed("xls")
    for magic, kind in DOCUMENT_MAGIC:
        if data.startswith(magic):
            return Sniffed("document", kind[1], kind)
    if (kind := _short_magic(data)) is not None:
        return Sniffed("document", kind[1], kind)
    head = _text_head(data)
    if head is None:
        return Sniffed("unknown", "binary")
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        if _SPREADSHEET_2003 in head:
            return Sniffed("xml2003")
        if _HTML_START.search(stripped[:4096]):
            return Sniffed("html")
    first_line = stripped.split("\n", 1)[0]
    if _PX_KEYWORD_LINE.match(first_line) and _PX_AXIS.search(head):
        return Sniffed("px")
    return Sniffed("csv")


def _sniff_zip(data: bytes) -> Sniffed:
    """Office Open XML and OpenDocument are both zips; their part names tell them apart."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        return Sniffed("corrupt", f"zip: {exc}")
    if "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") and n.startswith("xl") for n in names):
        return Sniffed("xlsx")
    if "xl/workbook.bin" in names:
        return Sniffed("xlsb")
    if mimetype.strip() == ODS_MIMETYPE or ("content.xml" in names and not mimetype):
        return Sniffed("ods")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return Sniffed("zip-other", mimetype.decode("ascii", "replace").rsplit(".", 1)[-1])
    if any(n.startswith("word/") for n in names):
        return Sniffed("zip-other", "Word")
    if any(n.startswith("ppt/") for n in names):
        return Sniffed("zip-other", "PowerPoint")
    return Sniffed("zip-other", "zip")


def _text_head(data: bytes) -> str | None:
    """The first characters as text, or None when the bytes are not text at all."""
    head = data[:_HEAD]
    encoding = bom_encoding(head) or bare_utf16(head)
    if encoding:
        return head.decode(encoding, errors="replace")
    controls = sum(head.count(bytes([b])) for b in (*range(0, 9), *range(14, 32)) if b != 0x1A)
    if controls > max(2, len(head) // 100):
        return None
    return head.decode("utf-8", errors="replace")


def ole_entry(data: bytes, name: str) -> int | None:
    """Offset of a compound file's directory entry for this stream name (e.g. Office's EncryptedPackage).

    Directory entries are 128-byte records at 128-byte-aligned offsets, the UTF-16 name first and its
    byte length (with the terminating NUL) at offset 64, so a match there is not a stray cell text.
    """
    needle = name.encode("utf-16-le") + b"\x00\x00"
    expected_length = len(needle).to_bytes(2, "little")
    start = data.find(needle, 512)
    while start != -1:
        if start % 128 == 0 and data[start + 64 : start + 66] == expected_length:
            return start
        start = data.find(needle, start + 1)
    return None


_BIFF_BOF = (0x0809, 0x0409, 0x0209, 0x0009)
_BIFF_FILEPASS = 0x002F
_MINI_STREAM_CUTOFF = 4096


def _biff_has_filepass(data: bytes) -> bool:
    """An .xls with a password to open has FILEPASS right after the workbook's first BOF record."""
    for name in ("Workbook", "Book"):
        entry = ole_entry(data, name)
        if entry is None:
            continue
        start = int.from_bytes(data[entry + 116 : entry + 120], "little")
        size = int.from_bytes(data[entry + 120 : entry + 124], "little")
        if size < _MINI_STREAM_CUTOFF:
            return False
        sector = 1 << int.from_bytes(data[30:32], "little")
        head = data[(start + 1) * sector : (start + 1) * sector + 64]
        if len(head) < 8 or int.from_bytes(head[0:2], "little") not in _BIFF_BOF:
            return False
        after = 4 + int.from_bytes(head[2:4], "little")
        return int.from_bytes(head[after : after + 2], "little") == _BIFF_FILEPASS
    return False

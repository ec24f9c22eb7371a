"""Reading an uploaded file into raw sheets: the format is judged by content, within safety limits.

Public API: :func:`read_file`, :func:`read_bytes` and :class:`Limits`. Each returns a RawWorkbook whose
sheets hold the cells as the file holds them, with format-level findings (encoding guessed, HTML posing
as Excel, damaged characters) in ``RawWorkbook.report``; a file that cannot be read at all raises
UnreadableFile (in practice :class:`~analysis.ingest.safety.RefusedFile`, which carries a stable ``code``)
with a one-line Latvian / English message naming the file.

Modules: sniff (what the bytes are), zipcheck (container checks before parsing), excel (xlsx, xls, ods
via calamine), csv_reader, html_table, pcaxis, encoding (text decoding shared by the text formats).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable

from analysis.ingest.raw import RawSheet, RawWorkbook, UnreadableFile
from analysis.ingest.readers.csv_reader import read_csv
from analysis.ingest.readers.excel import read_workbook
from analysis.ingest.readers.html_table import READ_AS_HTML, read_html
from analysis.ingest.readers.pcaxis import read_px
from analysis.ingest.readers.sniff import extension_format, sniff
from analysis.ingest.safety import (
    CORRUPT_FILE,
    ENCRYPTED_FILE,
    FILE_NOT_FOUND,
    NOT_A_TABLE,
    UNKNOWN_FORMAT,
    Deadline,
    Limits,
    RefusedFile,
    broken,
    check_size,
    refuse,
)
from analysis.report import IssueType, Report, Said

__all__ = ["Limits", "RefusedFile", "UnreadableFile", "read_bytes", "read_file"]

FORMAT_DIFFERS = IssueType(
    "format-differs-from-extension", "info",
    "Fails “{file}” pēc satura ir {actual_lv}, nevis {expected_lv}, kā liecina nosaukums; nolasīts kā {actual_lv}",
    "File “{file}” is {actual_en} by content, not {expected_en} as its name says; read as {actual_en}",
)

_FORMAT_NAMES = {
    "xlsx": "Excel (.xlsx)", "xlsb": "Excel (.xlsb)", "xls": "Excel 97–2003 (.xls)", "ods": "OpenDocument (.ods)",
    "px": "PC-Axis (.px)", "html": "HTML",
}
# Format names that need words: Latvian for the Latvian message, English for the English one.
_FORMAT_WORDS = {"csv": ("teksts ar atdalītājiem", "delimited text")}


def _format_name(fmt: str, lang: int) -> str:
    return _FORMAT_WORDS[fmt][lang] if fmt in _FORMAT_WORDS else _FORMAT_NAMES.get(fmt, fmt)
_UNKNOWN_DETAILS = {
    "xml2003": Said("Excel 2003 XML; saglabājiet kā .xlsx", "Excel 2003 XML; save it as .xlsx"),
    "zip-other": Said("ZIP arhīvs", "zip archive"),
    "unknown": Said("binārs fails", "binary"),
}
Reader = Callable[..., list[RawSheet]]


def read_file(path: Path | str, *, file_name: str | None = None, limits: Limits | None = None) -> RawWorkbook:
    """Read a file from disk; its size is checked before its bytes are loaded."""
    path = Path(path)
    name = file_name or path.name
    limits = limits or Limits()
    try:
        size = os.path.getsize(path)
        check_size(size=size, file=name, limits=limits)
        data = path.read_bytes()
    except (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError) as exc:
        raise refuse(FILE_NOT_FOUND, file=name, detail=_missing(exc)) from None
    except OSError as exc:
        raise refuse(CORRUPT_FILE, file=name, detail=broken("to nevar nolasīt no diska", "reading from disk", exc.strerror or type(exc).__name__)) from None
    return read_bytes(data, file_name=name, limits=limits)


def _missing(exc: OSError) -> Said:
    """Why a path does not open, in each language (the system's own words would be English in both)."""
    if isinstance(exc, PermissionError):
        return Said("nav atļaujas to lasīt", "no permission to read it")
    if isinstance(exc, IsADirectoryError):
        return Said("tā ir mape", "it is a folder")
    return Said("tāda ceļa nav", "no such path")


def read_bytes(data: bytes, *, file_name: str, limits: Limits | None = None) -> RawWorkbook:
    """Read an upload held in memory (the dashboard's file uploader gives bytes)."""
    limits = limits or Limits()
    check_size(size=len(data), file=file_name, limits=limits)
    deadline = Deadline(seconds=limits.max_seconds, file=file_name)
    report = Report()
    found = sniff(data)
    fmt = found.format
    if fmt == "encrypted":
        raise refuse(ENCRYPTED_FILE, file=file_name)
    if fmt == "corrupt":
        raise refuse(CORRUPT_FILE, file=file_name, detail=broken("ZIP arhīvs nav nolasāms", found.detail))
    if fmt == "document" and found.kind:
        raise refuse(NOT_A_TABLE, file=file_name, kind_lv=found.kind[0], kind_en=found.kind[1])
    reader = _READERS.get(fmt)
    if reader is None:
        detail = _UNKNOWN_DETAILS.get(fmt, fmt)
        if fmt == "zip-other" and found.detail and found.detail != "zip":
            detail = found.detail  # a program's name (Word, PowerPoint, a mimetype's tail) reads the same in both
        raise refuse(UNKNOWN_FORMAT, file=file_name, detail=detail)
    _note_disguise(fmt, file=file_name, report=report)
    try:
        sheets = reader(data, file=file_name, limits=limits, deadline=deadline, report=report)
    except (UnreadableFile, MemoryError):
        raise  # running out of memory is the worker's limit speaking, not a damaged file
    except (Exception, RecursionError) as exc:  # a parser's surprise must not reach the user as a traceback
        raise refuse(CORRUPT_FILE, file=file_name, detail=broken("nolasīšanas kļūda", type(exc).__name__, exc)) from exc
    deadline.check()
    return RawWorkbook(
        file_name=file_name,
        sheets=sheets,
        report=report,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _note_disguise(fmt: str, *, file: str, report: Report) -> None:
    """Say when the content is not what the name promised (the commonest case: HTML named .xls)."""
    expected = extension_format(file)
    if fmt == "html" and expected != "html":
        report.add(READ_AS_HTML, file=file)
    elif expected is not None and expected != fmt and {expected, fmt} != {"xlsx", "xlsb"}:
        report.add(
            FORMAT_DIFFERS,
            file=file,
            actual_lv=_format_name(fmt, 0),
            actual_en=_format_name(fmt, 1),
            expected_lv=_format_name(expected, 0),
            expected_en=_format_name(expected, 1),
        )


def _workbook(fmt: str) -> Reader:
    def read(data: bytes, **kwargs: object) -> list[RawSheet]:
        return read_workbook(data, fmt=fmt, **kwargs)  # type: ignore[arg-type]

    return read


_READERS: dict[str, Reader] = {
    "xlsx": _workbook("xlsx"),
    "xlsb": _workbook("xlsb"),
    "xls": _workbook("xls"),
    "ods": _workbook("ods"),
    "csv": read_csv,
    "html": read_html,
    "px": read_px,
}

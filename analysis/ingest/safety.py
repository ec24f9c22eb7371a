"""Limits that keep one hostile or absurd upload from taking the dashboard down, and the refusals they raise.

Every refusal is an :class:`UnreadableFile` (exit code 2) with a stable ``code`` and a one-line message,
Latvian first, that names the file; nothing here prints a traceback to the user.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from analysis.ingest.raw import UnreadableFile
from analysis.report import IssueType, Said

MB = 1024 * 1024
MAX_UPLOAD_ENV = "BTA_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 50
PARSE_MEMORY_ENV = "BTA_PARSE_MEMORY_MB"
DEFAULT_PARSE_MEMORY_MB = 1024


def _max_upload_bytes() -> int:
    """The upload limit, overridable by operators without a code change."""
    raw = os.environ.get(MAX_UPLOAD_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_UPLOAD_MB
    except ValueError:
        mb = DEFAULT_MAX_UPLOAD_MB
    return int(mb * MB) if mb > 0 else DEFAULT_MAX_UPLOAD_MB * MB


def _parse_memory_bytes() -> int:
    """The memory one parse may add to its worker, overridable by operators of a larger machine."""
    raw = os.environ.get(PARSE_MEMORY_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_PARSE_MEMORY_MB
    except ValueError:
        mb = DEFAULT_PARSE_MEMORY_MB
    return int(mb * MB) if mb > 0 else DEFAULT_PARSE_MEMORY_MB * MB


@dataclass(frozen=True)
class Limits:
    """How much one upload may cost: bytes on disk, bytes unpacked, packing ratio, seconds and cells."""

    max_bytes: int = field(default_factory=_max_upload_bytes)
    max_uncompressed_bytes: int = 500 * MB
    max_ratio: float = 100.0
    max_seconds: float = 60.0
    max_cells: int = 5_000_000
    # below this many unpacked bytes a member's packing ratio is not suspicious (XML packs very well)
    ratio_floor_bytes: int = 10 * MB
    max_zip_entries: int = 10_000
    # what the worker process may allocate beyond what it held when it started the parse
    max_memory_bytes: int = field(default_factory=_parse_memory_bytes)


# --- refusals -------------------------------------------------------------------------------------------

FILE_EMPTY = IssueType(
    "file-empty", "error",
    "Fails “{file}” ir tukšs",
    "File “{file}” is empty",
)
FILE_TOO_LARGE = IssueType(
    "file-too-large", "error",
    "Fails “{file}” ir {size_mb} MB liels, atļauts ne vairāk kā {limit_mb} MB",
    "File “{file}” is {size_mb} MB; the limit is {limit_mb} MB",
)
UNKNOWN_FORMAT = IssueType(
    "unknown-format", "error",
    "Faila “{file}” formāts nav atpazīts ({detail}); derīgi ir .xlsx, .xls, .ods, .csv, .txt un .px faili",
    "The format of “{file}” is not recognised ({detail}); .xlsx, .xls, .ods, .csv, .txt and .px files are read",
)
NOT_A_TABLE = IssueType(
    "not-a-table", "error",
    "Fails “{file}” ir {kind_lv}, nevis tabula; augšupielādējiet .xlsx, .xls, .ods, .csv, .txt vai .px failu",
    "File “{file}” is {kind_en}, not a table; upload an .xlsx, .xls, .ods, .csv, .txt or .px file",
)
FILE_NOT_FOUND = IssueType(
    "file-not-found", "error",
    "Fails “{file}” nav atrasts vai nav atverams ({detail})",
    "File “{file}” was not found or cannot be opened ({detail})",
)
CORRUPT_FILE = IssueType(
    "corrupt-file", "error",
    "Failu “{file}” nevar nolasīt, jo tas ir bojāts ({detail})",
    "Cannot read “{file}”: the file is damaged ({detail})",
)
ENCRYPTED_FILE = IssueType(
    "encrypted-file", "error",
    "Fails “{file}” ir aizsargāts ar paroli; noņemiet paroli un augšupielādējiet to vēlreiz",
    "File “{file}” is password-protected; remove the password and upload it again",
)
DECOMPRESSION_BOMB = IssueType(
    "decompression-bomb", "error",
    "Fails “{file}” atteikts: pēc atpakošanas tas būtu pārāk liels ({detail})",
    "File “{file}” refused: unpacked it would be too large ({detail})",
)
XML_ENTITIES = IssueType(
    "xml-entities", "error",
    "Fails “{file}” atteikts: daļā {part} ir DOCTYPE/ENTITY deklarācijas, kas nav atļautas",
    "File “{file}” refused: part {part} declares a DOCTYPE/ENTITY, which is not allowed",
)
TOO_MANY_CELLS = IssueType(
    "too-many-cells", "error",
    "Fails “{file}” atteikts: lapa “{sheet}” aptver {cells} šūnas, atļauts ne vairāk kā {limit}",
    "File “{file}” refused: sheet “{sheet}” spans {cells} cells; the limit is {limit}",
)
TIME_LIMIT = IssueType(
    "time-limit", "error",
    "Faila “{file}” nolasīšana pārsniedza {seconds} sekundes un tika pārtraukta",
    "Reading “{file}” took longer than {seconds} seconds and was stopped",
)
PARSE_TIME_LIMIT = IssueType(
    "parse-time-limit", "error",
    "Faila “{file}” apstrāde (nolasīšana, tabulu atpazīšana, nosaukumu salīdzināšana un pārbaudes) pārsniedza "
    "{seconds} sekundes un tika pārtraukta",
    "Processing “{file}” (reading, finding the tables, matching names and checks) took longer than {seconds} "
    "seconds and was stopped",
)
PARSE_MEMORY_LIMIT = IssueType(
    "parse-memory-limit", "error",
    "Faila “{file}” apstrādei vajadzēja vairāk nekā {limit_mb} MB atmiņas, tāpēc tā tika pārtraukta",
    "Processing “{file}” needed more than {limit_mb} MB of memory and was stopped",
)
PARSE_CRASHED = IssueType(
    "parse-crashed", "error",
    "Faila “{file}” apstrāde avarēja ({detail}); fails netika nolasīts, citi lietotāji to neizjuta",
    "Processing “{file}” crashed ({detail}); the file was not read, and no one else was affected",
)
NO_HTML_TABLE = IssueType(
    "no-html-table", "error",
    "Fails “{file}” ir tīmekļa lapa (HTML) bez tabulas, tāpēc tajā nav datu, ko nolasīt",
    "File “{file}” is a web page (HTML) without a table, so there is no data to read",
)


class RefusedFile(UnreadableFile):
    """An unreadable file with a stable code, so the CLI and the dashboard can show it as an issue."""

    def __init__(self, kind: IssueType, *, file: str, **params: object) -> None:
        self.code = kind.code
        self.kind = kind
        clean = {k: Said(_one_line(v.lv), _one_line(v.en)) if isinstance(v, Said) else _one_line(v)
                 for k, v in params.items()}
        super().__init__(*kind.texts(file=_one_line(file), **clean))


def refuse(kind: IssueType, *, file: str, **params: object) -> RefusedFile:
    """Build the exception (callers ``raise refuse(...)``) so the stack shows where the refusal was decided."""
    return RefusedFile(kind, file=file, **params)


def broken(lv: str, en: str, exc: object = None) -> Said:
    """Where a file is damaged, in words for each message; a library's own (English) error text goes only into
    the English one, so the Latvian message never carries an English sentence."""
    text = str(exc).strip() if exc is not None else ""
    return Said(lv, f"{en}: {text}" if text else en)


def _one_line(value: object) -> str:
    """Messages must fit on one line whatever a library's error text contains."""
    text = " ".join(str(value).split())
    return text if len(text) <= 200 else text[:197] + "…"


def check_size(*, size: int, file: str, limits: Limits) -> None:
    """Refuse before reading a byte more than needed."""
    if size == 0:
        raise refuse(FILE_EMPTY, file=file)
    if size > limits.max_bytes:
        raise refuse(
            FILE_TOO_LARGE, file=file, size_mb=f"{size / MB:.1f}", limit_mb=f"{limits.max_bytes / MB:g}"
        )


def check_cells(*, cells: int, sheet: str, file: str, limits: Limits) -> None:
    """A sheet's rectangle is allocated whole by the parser, so its area is what costs memory."""
    if cells > limits.max_cells:
        raise refuse(TOO_MANY_CELLS, file=file, sheet=sheet, cells=cells, limit=limits.max_cells)


class Deadline:
    """A cooperative time bound: readers call check() between sheets and every few thousand rows."""

    def __init__(self, *, seconds: float, file: str) -> None:
        self.seconds = seconds
        self.file = file
        self.expires = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() >= self.expires

    def check(self) -> None:
        if self.expired():
            raise refuse(TIME_LIMIT, file=self.file, seconds=f"{self.seconds:g}")

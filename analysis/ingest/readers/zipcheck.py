"""Checks on a zip container (xlsx, ods) before any parser touches it.

The declared sizes in the central directory are checked first (total, ratio, entry count). Then every
part a spreadsheet parser reads (.xml, .rels, .bin) is inflated here in bounded chunks, so a directory
that lies about sizes is caught too, XML parts with DOCTYPE/ENTITY declarations are refused, and the cell
references of each part are measured: the Rust parser allocates a sheet's whole rectangle at once, so a
1 KB file with cells at A1 and XFD1048576 would otherwise abort the process.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterator

from analysis.ingest.readers.encoding import bare_utf16, bom_encoding
from analysis.ingest.safety import (
    CORRUPT_FILE,
    DECOMPRESSION_BOMB,
    ENCRYPTED_FILE,
    MB,
    XML_ENTITIES,
    Deadline,
    Limits,
    refuse,
)

_PARSED_SUFFIXES = (".xml", ".rels", ".bin", ".vml")
_CHUNK = 4 * MB
_OVERLAP = 64
_PROLOG_CHARS = 65536
_LOCAL_HEADER = struct.Struct("<4s5H3I2H")
_ROOT_START = re.compile(r"<[A-Za-z_]")
# a cell reference: whitespace, r=", then up to 3 letters, 7 digits and the closing quote
_REF_WIDTH = 11
_MAX_ROW_DIGITS = 7
_QUOTE, _EQUALS, _R, _A, _Z, _ZERO, _NINE, _SPACE, _TAB, _CARRIAGE_RETURN = b'"=rAZ09 \t\r'
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_ODS_SPAN = re.compile(rb"number-(?:columns|rows)-spanned=")


@dataclass
class PartScan:
    """What one inflated part revealed: its real size, the largest cell reference, formulas, merges."""

    name: str
    size: int = 0
    max_row: int = 0  # 1-based, 0 when the part has no A1-style cell references
    max_col: int = 0
    has_formula: bool = False
    has_span: bool = False

    @property
    def area(self) -> int:
        return self.max_row * self.max_col


def inspect_zip(data: bytes, *, file: str, limits: Limits, deadline: Deadline) -> dict[str, PartScan]:
    """Refuse bombs, lies, encryption and entity declarations; return what each parsed part holds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise refuse(CORRUPT_FILE, file=file, detail=f"zip: {exc}") from None
    infos = archive.infolist()
    _check_declared(infos, file=file, limits=limits)
    scans: dict[str, PartScan] = {}
    total = 0
    for info in infos:
        if info.is_dir() or not info.filename.lower().endswith(_PARSED_SUFFIXES):
            continue
        deadline.check()
        scan = PartScan(info.filename)
        previous = b""
        for chunk in _inflate(data, info, file=file, limits=limits, spent=total):
            if not scan.size:
                _check_prolog(chunk, part=info.filename, file=file)
            scan.size += len(chunk)
            _scan_chunk(previous + chunk if previous else chunk, scan)
            previous = chunk[-_OVERLAP:]
        total += scan.size
        scans[info.filename] = scan
    return scans


def _check_declared(infos: list[zipfile.ZipInfo], *, file: str, limits: Limits) -> None:
    """What the central directory admits to is already enough to refuse most bombs."""
    if len(infos) > limits.max_zip_entries:
        raise refuse(DECOMPRESSION_BOMB, file=file, detail=f"{len(infos)} entries")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        raise refuse(DECOMPRESSION_BOMB, file=file, detail=f"{declared // MB} MB declared")
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(ENCRYPTED_FILE, file=file)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise refuse(DECOMPRESSION_BOMB, file=file, detail=f"{info.filename} packed {ratio:.0f}:1")


def _inflate(
    data: bytes, info: zipfile.ZipInfo, *, file: str, limits: Limits, spent: int
) -> Iterator[bytes]:
    """The member's bytes, never more than it declared nor than the budget left."""
    start = _data_offset(data, info, file=file)
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise refuse(CORRUPT_FILE, file=file, detail=f"{info.filename} truncated")
    budget = min(info.file_size, limits.max_uncompressed_bytes - spent)
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise refuse(CORRUPT_FILE, file=file, detail=f"{info.filename} sizes differ")
        for offset in range(0, len(raw), _CHUNK):
            yield bytes(raw[offset : offset + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise refuse(CORRUPT_FILE, file=file, detail=f"{info.filename} compression {info.compress_type}")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        for offset in range(0, len(raw), _CHUNK):
            pending = bytes(raw[offset : offset + _CHUNK])
            while pending:
                out = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                produced += len(out)
                if produced > budget:
                    raise refuse(
                        DECOMPRESSION_BOMB, file=file, detail=f"{info.filename} inflates past {budget} bytes"
                    )
                if out:
                    yield out
        tail = inflater.flush()
    except zlib.error as exc:
        raise refuse(CORRUPT_FILE, file=file, detail=f"{info.filename}: {exc}") from None
    produced += len(tail)
    if produced > budget:
        raise refuse(DECOMPRESSION_BOMB, file=file, detail=f"{info.filename} inflates past {budget} bytes")
    if tail:
        yield tail
    if not inflater.eof or produced != info.file_size:
        raise refuse(CORRUPT_FILE, file=file, detail=f"{info.filename} does not match its declared size")


def _data_offset(data: bytes, info: zipfile.ZipInfo, *, file: str) -> int:
    """Where a member's compressed bytes start, read from its local header."""
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise refuse(CORRUPT_FILE, file=file, detail=f"{info.filename} has no local header")
    fields = _LOCAL_HEADER.unpack(header)
    name_length, extra_length = fields[-2], fields[-1]
    return info.header_offset + _LOCAL_HEADER.size + name_length + extra_length


def _check_prolog(first: bytes, *, part: str, file: str) -> None:
    """Entities can only be declared in a DOCTYPE, and a DOCTYPE only before the root element."""
    encoding = bom_encoding(first) or bare_utf16(first)
    head = first[: 2 * _PROLOG_CHARS].decode(encoding or "utf-8", errors="replace")
    root = _ROOT_START.search(head)
    prolog = head[: root.start()] if root else head
    if "<!DOCTYPE" in prolog or "<!ENTITY" in prolog:
        raise refuse(XML_ENTITIES, file=file, part=part)
    if root is None and part.lower().endswith((".xml", ".rels")) and len(first) > _PROLOG_CHARS:
        raise refuse(CORRUPT_FILE, file=file, detail=f"{part} has no root element")


def _scan_chunk(chunk: bytes, scan: PartScan) -> None:
    """Everything worth knowing from one inflated chunk (prefixed by the previous chunk's last bytes)."""
    max_row, max_col = _cell_extent(chunk)
    scan.max_col = max(scan.max_col, max_col)
    scan.max_row = max(scan.max_row, max_row)
    if not scan.has_formula and (b"<f" in chunk or b":f" in chunk) and _FORMULA.search(chunk):
        scan.has_formula = True
    if not scan.has_span and b"-spanned=" in chunk and _ODS_SPAN.search(chunk):
        scan.has_span = True


def _cell_extent(chunk: bytes) -> tuple[int, int]:
    """(largest row, largest column) among the chunk's cell references (r="XFD1048576"), 0 when there are none.

    Vectorised over the bytes: a national sheet holds hundreds of thousands of references, and a regex match
    per reference cost more than inflating the part. A reference counts exactly when the pattern
    whitespace, r=", one to three capital letters and a digit would match it (its column), and its row when
    one to seven digits then the closing quote follow the letters.
    """
    import numpy as np  # here, not at the top: the readers stay light for scripts that only read files

    # zero padding: every look a few bytes past the end (or a quote's look before byte 0) finds a zero
    data = np.frombuffer(chunk + bytes(_REF_WIDTH), dtype=np.uint8)
    quotes = np.flatnonzero(data[: len(chunk)] == _QUOTE)
    # narrowed one test at a time, so that each later test looks at fewer quotes
    opening = np.flatnonzero(data[quotes - 2] == _R)
    opening = opening[data[quotes[opening] - 1] == _EQUALS]
    before = data[quotes[opening] - 3]
    opening = opening[(before == _SPACE) | _between(before, _TAB, _CARRIAGE_RETURN)]  # what \s matches
    if not len(opening):
        return 0, 0
    start = quotes[opening] + 1  # the reference's first byte
    # the next quote closes it; the last one may lie beyond this chunk
    closing = quotes[np.minimum(opening + 1, len(quotes) - 1)]
    closing[opening + 1 == len(quotes)] = len(data)
    letter = [_between(data[start + j], _A, _Z) for j in range(4)]
    n_letters = letter[0] + (letter[0] & letter[1]).view(np.uint8) + (letter[0] & letter[1] & letter[2])
    n_letters[letter[0] & letter[1] & letter[2] & letter[3]] = 0  # four letters: not a reference
    first_digit = start + n_letters
    has_column = (n_letters > 0) & (data[first_digit] - _ZERO <= 9)
    if not has_column.any():
        return 0, 0
    column = (data[start] - (_A - 1)).astype(np.int32)
    for j in (1, 2):
        column = np.where(n_letters > j, column * 26 + (data[start + j] - (_A - 1)), column)
    n_digits = np.where(has_column & (closing - first_digit <= _MAX_ROW_DIGITS), closing - first_digit, 0)
    row = np.zeros(len(start), dtype=np.int32)
    not_digit = np.zeros(len(start), dtype=bool)
    for j in range(_MAX_ROW_DIGITS):
        more = n_digits > j
        digit = data[first_digit + j] - _ZERO  # unsigned: anything below '0' wraps above 9
        not_digit |= more & (digit > 9)
        row = np.where(more, row * 10 + digit, row)
    has_row = (n_digits > 0) & ~not_digit
    max_row = int(row[has_row].max()) if has_row.any() else 0
    return max_row, int(column[has_column].max())


def _between(values, low: int, high: int):
    return (values >= low) & (values <= high)


def column_number(letters: bytes | str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    number = 0
    for ch in letters:
        number = number * 26 + (ord(ch) - 64)
    return number

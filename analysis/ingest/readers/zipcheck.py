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
    broken,
    refuse,
)
from analysis.report import Said

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
# a reference the fast scan does not read: r = "…", r='…', whitespace or a line break around the equals sign
_ERROR_TYPE = re.compile(rb"\st\s*=\s*[\"']e[\"']")
_ODD_REF = re.compile(rb"\sr(?:\s+=|=\s|\s*=\s*')")
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s>/])([^>]*)>")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REF = re.compile(rb"\s*([A-Za-z]{1,3})?(\d{1,7})?\s*$")
_LT, _C, _COLON, _SLASH, _GT = b"<c:/>"
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
    has_error: bool = False  # cells of type "e": #DIV/0!, #N/A … (calamine reads them as blanks)
    # what the fast scan saw: cell tags and cell references (fewer references: some cells lack r=)
    cells: int = 0
    refs: int = 0
    odd_refs: bool = False

    @property
    def needs_exact(self) -> bool:
        """Cells without r= or references spelled otherwise: only a walk over the tags finds their extent."""
        return self.odd_refs or self.cells > self.refs

    @property
    def area(self) -> int:
        return self.max_row * self.max_col


def inspect_zip(data: bytes, *, file: str, limits: Limits, deadline: Deadline) -> dict[str, PartScan]:
    """Refuse bombs, lies, encryption and entity declarations; return what each parsed part holds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise refuse(CORRUPT_FILE, file=file, detail=broken("ZIP arhīvs nav nolasāms", "zip", exc)) from None
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
            _scan_chunk(previous + chunk if previous else chunk, scan, skip=len(previous))
            previous = chunk[-_OVERLAP:]
        if scan.needs_exact:
            _exact_extent(_inflate(data, info, file=file, limits=limits, spent=total), scan, deadline=deadline)
        total += scan.size
        scans[info.filename] = scan
    return scans


def _check_declared(infos: list[zipfile.ZipInfo], *, file: str, limits: Limits) -> None:
    """What the central directory admits to is already enough to refuse most bombs."""
    if len(infos) > limits.max_zip_entries:
        detail = Said(f"arhīvā ir {len(infos)} daļas", f"{len(infos)} entries")
        raise refuse(DECOMPRESSION_BOMB, file=file, detail=detail)
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        # the size the archive admits to, in each language ("1906 MB declared" never inside the Latvian line)
        detail = Said(f"arhīvs norāda {declared // MB} MB", f"{declared // MB} MB declared")
        raise refuse(DECOMPRESSION_BOMB, file=file, detail=detail)
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(ENCRYPTED_FILE, file=file)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise refuse(DECOMPRESSION_BOMB, file=file, detail=Said(f"daļa {info.filename} saspiesta {ratio:.0f}:1",
                                                                   f"{info.filename} packed {ratio:.0f}:1"))


def _inflate(
    data: bytes, info: zipfile.ZipInfo, *, file: str, limits: Limits, spent: int
) -> Iterator[bytes]:
    """The member's bytes, never more than it declared nor than the budget left."""
    start = _data_offset(data, info, file=file)
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise refuse(CORRUPT_FILE, file=file, detail=Said(f"daļa {info.filename} ir nepilnīga",
                                                                f"{info.filename} truncated"))
    budget = min(info.file_size, limits.max_uncompressed_bytes - spent)
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise refuse(CORRUPT_FILE, file=file, detail=Said(f"daļas {info.filename} izmēri nesakrīt",
                                                                    f"{info.filename} sizes differ"))
        for offset in range(0, len(raw), _CHUNK):
            yield bytes(raw[offset : offset + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise refuse(CORRUPT_FILE, file=file, detail=Said(
            f"daļai {info.filename} ir nezināms saspiešanas veids {info.compress_type}",
            f"{info.filename} compression {info.compress_type}"))
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
                        DECOMPRESSION_BOMB, file=file, detail=_inflates(info.filename, budget)
                    )
                if out:
                    yield out
        tail = inflater.flush()
    except zlib.error as exc:
        detail = broken(f"daļu {info.filename} nevar atpakot", info.filename, exc)
        raise refuse(CORRUPT_FILE, file=file, detail=detail) from None
    produced += len(tail)
    if produced > budget:
        raise refuse(DECOMPRESSION_BOMB, file=file, detail=_inflates(info.filename, budget))
    if tail:
        yield tail
    if not inflater.eof or produced != info.file_size:
        raise refuse(CORRUPT_FILE, file=file, detail=Said(
            f"daļas {info.filename} izmērs neatbilst norādītajam", f"{info.filename} does not match its declared size"))


def _inflates(part: str, budget: int) -> Said:
    return Said(f"daļa {part} izplešas vairāk par {budget} baitiem", f"{part} inflates past {budget} bytes")


def _data_offset(data: bytes, info: zipfile.ZipInfo, *, file: str) -> int:
    """Where a member's compressed bytes start, read from its local header."""
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise refuse(CORRUPT_FILE, file=file, detail=Said(f"daļai {info.filename} nav lokālās galvenes",
                                                                f"{info.filename} has no local header"))
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
        raise refuse(CORRUPT_FILE, file=file, detail=Said(f"daļai {part} nav saknes elementa",
                                                                f"{part} has no root element"))


def _scan_chunk(chunk: bytes, scan: PartScan, *, skip: int = 0) -> None:
    """Everything worth knowing from one inflated chunk (prefixed by `skip` bytes the previous chunk ended with)."""
    import numpy as np  # here, not at the top: the readers stay light for scripts that only read files

    # zero padding: every look a few bytes past the end (or a quote's look before byte 0) finds a zero
    data = np.frombuffer(chunk + bytes(_REF_WIDTH), dtype=np.uint8)
    max_row, max_col, cells, refs = _cell_extent(data, n=len(chunk), skip=skip)
    scan.cells += cells
    scan.refs += refs
    if not scan.odd_refs and _has_odd_ref(data, chunk, start=max(skip - 8, 0)):
        scan.odd_refs = True
    scan.max_col = max(scan.max_col, max_col)
    scan.max_row = max(scan.max_row, max_row)
    if not scan.has_formula and _has_formula(data, chunk):
        scan.has_formula = True
    if not scan.has_error and _has_error_type(data, chunk):
        scan.has_error = True
    if not scan.has_span and b"-spanned=" in chunk and _ODS_SPAN.search(chunk):
        scan.has_span = True


# The three searches below answer exactly what their regular expression would, but a regex tried at every
# whitespace of a national sheet cost more than inflating it: numpy finds the few places a match could be
# anchored, and the regex (or a walk back over whitespace) decides at those alone. A chunk with more candidates
# than this is searched by the regex itself, so no file makes the check slower than the plain search.
_MAX_CANDIDATES = 4096
_APOSTROPHE, _E, _F, _T = b"'eft"
_WHITESPACE = b" \t\n\r\x0b\x0c"  # what \s matches in a bytes pattern


def _is_space(values):
    return (values == _SPACE) | _between(values, _TAB, _CARRIAGE_RETURN)


def _is_quote(values):
    return (values == _QUOTE) | (values == _APOSTROPHE)


def _has_odd_ref(data, chunk: bytes, *, start: int) -> bool:
    """`_ODD_REF.search(chunk, start)`: a match is whitespace, 'r', then whitespace, or '=' and whitespace or "'"."""
    import numpy as np

    n = len(chunk)
    at = np.flatnonzero(data[1:n] == _R) + 1
    at = at[_is_space(data[at - 1]) & (at - 1 >= start)]
    after, second = data[at + 1], data[at + 2]
    at = at[_is_space(after) | ((after == _EQUALS) & (_is_space(second) | (second == _APOSTROPHE)))]
    if len(at) > _MAX_CANDIDATES:
        return _ODD_REF.search(chunk, start) is not None
    return any(_ODD_REF.match(chunk, int(p) - 1) for p in at)


def _has_formula(data, chunk: bytes) -> bool:
    """`_FORMULA.search(chunk)`: a match is an 'f' after '<' or a prefix's ':', before whitespace, '>' or '/'."""
    import numpy as np

    n = len(chunk)
    at = np.flatnonzero(data[1:n] == _F) + 1
    before, after = data[at - 1], data[at + 1]
    at = at[((before == _LT) | (before == _COLON)) & (_is_space(after) | (after == _GT) | (after == _SLASH))]
    if len(at) > _MAX_CANDIDATES:
        return _FORMULA.search(chunk) is not None
    previous = 0
    for p in map(int, at):
        # a prefix holds no '<' and no character an earlier candidate's 'f' is followed by, so the '<' that
        # opens this tag is the last one since the previous candidate
        opening = chunk.rfind(b"<", previous, p)
        if opening >= 0 and _FORMULA.match(chunk, opening):
            return True
        previous = p
    return False


def _has_error_type(data, chunk: bytes) -> bool:
    """`_ERROR_TYPE.search(chunk)`: a match ends in a quoted 'e'; before it, whitespace, '=', whitespace, 't' and
    whitespace are walked back over."""
    import numpy as np

    n = len(chunk)
    at = np.flatnonzero(data[1:n] == _E) + 1
    at = at[_is_quote(data[at - 1]) & _is_quote(data[at + 1])]
    if len(at) > _MAX_CANDIDATES:
        return _ERROR_TYPE.search(chunk) is not None
    return any(_type_e_before(chunk, int(p) - 2) for p in at)


def _type_e_before(chunk: bytes, i: int) -> bool:
    """Whether `\\st\\s*=\\s*` ends at byte i (the byte before a quoted 'e')."""
    while i >= 0 and chunk[i] in _WHITESPACE:
        i -= 1
    if i < 0 or chunk[i] != _EQUALS:
        return False
    i -= 1
    while i >= 0 and chunk[i] in _WHITESPACE:
        i -= 1
    return i >= 1 and chunk[i] == _T and chunk[i - 1] in _WHITESPACE


def _exact_extent(chunks: Iterator[bytes], scan: PartScan, *, deadline: Deadline) -> None:
    """The extent as a parser sees it, tag by tag: a cell without r= is the next column of its row.

    Slower than the fast scan, so it runs only when that scan saw cells without r= or other spellings of it;
    rows count only when they hold a cell (Excel writes empty styled rows down to row 1048576).
    """
    row = col = 0
    carry = b""
    for chunk in chunks:
        deadline.check()
        text = carry + chunk
        end = text.rfind(b">") + 1
        carry = text[end:]
        for match in _TAG.finditer(text, 0, end):
            ref = _R_ATTR.search(match.group(2))
            value = (ref.group(1) if ref.group(1) is not None else ref.group(2)) if ref else None
            if match.group(1) == b"row":
                row = int(value) if value and value.strip().isdigit() else row + 1
                col = 0
                continue
            letters, digits = _split_ref(value)
            col = column_number(letters.upper()) if letters else col + 1
            scan.max_col = max(scan.max_col, col)
            scan.max_row = max(scan.max_row, int(digits) if digits else row)


def _split_ref(value: bytes | None) -> tuple[bytes | None, bytes | None]:
    found = _REF.match(value) if value else None
    return (found.group(1), found.group(2)) if found else (None, None)


def _cell_extent(data, *, n: int, skip: int = 0) -> tuple[int, int, int, int]:
    """(largest row, largest column, cell tags, references) of a chunk's cells in the usual r="XFD1048576" form.

    Tags and references are counted only past the first `skip` bytes (the previous chunk counted those); a
    chunk with more cell tags than references holds cells without r=.

    Vectorised over the bytes: a national sheet holds hundreds of thousands of references, and a regex match
    per reference cost more than inflating the part. A reference counts exactly when the pattern
    whitespace, r=", one to three capital letters and a digit would match it (its column), and its row when
    one to seven digits then the closing quote follow the letters.
    """
    import numpy as np

    cells = _count_cell_tags(data, n=n, skip=skip)
    quotes = np.flatnonzero(data[:n] == _QUOTE)
    # narrowed one test at a time, so that each later test looks at fewer quotes
    opening = np.flatnonzero(data[quotes - 2] == _R)
    opening = opening[data[quotes[opening] - 1] == _EQUALS]
    before = data[quotes[opening] - 3]
    opening = opening[(before == _SPACE) | _between(before, _TAB, _CARRIAGE_RETURN)]  # what \s matches
    if not len(opening):
        return 0, 0, cells, 0
    start = quotes[opening] + 1  # the reference's first byte
    # the next quote closes it; the last one may lie beyond this chunk
    closing = quotes[np.minimum(opening + 1, len(quotes) - 1)]
    closing[opening + 1 == len(quotes)] = len(data)
    letter = [_between(data[start + j], _A, _Z) for j in range(4)]
    n_letters = letter[0] + (letter[0] & letter[1]).view(np.uint8) + (letter[0] & letter[1] & letter[2])
    n_letters[letter[0] & letter[1] & letter[2] & letter[3]] = 0  # four letters: not a reference
    first_digit = start + n_letters
    has_column = (n_letters > 0) & (data[first_digit] - _ZERO <= 9)
    counted = int(np.count_nonzero(has_column & (quotes[opening] >= skip)))
    if not has_column.any():
        return 0, 0, cells, 0
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
    return max_row, int(column[has_column].max()), cells, counted


def _count_cell_tags(data, *, n: int, skip: int) -> int:
    """How many <c> (or <x:c>) tags start here: a 'c' after '<' or ':' and before whitespace, '>' or '/'."""
    import numpy as np

    at = np.flatnonzero(data[1:n] == _C) + 1
    at = at[(data[at - 1] == _LT) | (data[at - 1] == _COLON)]
    after = data[at + 1]
    at = at[(after == _SPACE) | _between(after, _TAB, _CARRIAGE_RETURN) | (after == _GT) | (after == _SLASH)]
    return int(np.count_nonzero(at + 1 >= skip))


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


def column_letters(number: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    out = ""
    while number:
        number, rem = divmod(number - 1, 26)
        out = chr(65 + rem) + out
    return out

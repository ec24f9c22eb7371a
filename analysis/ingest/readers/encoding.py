"""Turning the bytes of a text export into text: the encodings Latvian and Nordic offices actually produce.

Order of belief: a byte-order mark; strict UTF-8; UTF-8 with a few broken bytes (kept, with U+FFFD);
then the legacy single-byte code pages, Windows-1257 when the bytes spell Latvian letters in it,
otherwise Latin-1 (Windows-1252 when its punctuation range 0x80–0x9F is used).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from analysis.report import IssueType, Report

# Bytes that are Latvian letters in Windows-1257 but other letters in Latin-1 (ā č ē ģ ī ķ ļ ņ š ū ž, both cases).
_LATVIAN_CP1257 = frozenset("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ".encode("cp1257"))
_C1_RANGE = bytes(range(0x80, 0xA0))
# A UTF-8 file with at most one broken sequence per this many good non-ASCII characters is still UTF-8
# (legacy single-byte text almost never forms valid multi-byte sequences by chance).
_BROKEN_UTF8_TOLERANCE = 2
_MIN_GOOD_UTF8 = 4


@dataclass(frozen=True)
class Decoded:
    """Text plus how it was obtained, so the report can say when the encoding was a guess."""

    text: str
    encoding: str
    guessed: bool = False
    bom: bool = False
    replaced: int = 0  # U+FFFD characters in the text (broken bytes or already present)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if any."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def bare_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII text."""
    head = data[:2048]
    if len(head) < 8:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode a whole text file; ``declared`` (from a PX CODEPAGE or HTML meta) is tried after UTF-8."""
    marked = bom_encoding(data)
    if marked:
        text = data.decode(marked, errors="replace")
        return Decoded(text, _display(marked), bom=True, replaced=text.count("\ufffd"))
    utf16 = bare_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return Decoded(text, utf16, guessed=True, replaced=text.count("\ufffd"))
    try:
        text = data.decode("utf-8")
        return Decoded(text, "utf-8", replaced=text.count("\ufffd"))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            text = data.decode(declared)
            return Decoded(text, _display(declared), replaced=text.count("\ufffd"))
        except (UnicodeDecodeError, LookupError):
            pass
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - broken
    if good >= max(_MIN_GOOD_UTF8, broken * _BROKEN_UTF8_TOLERANCE):
        return Decoded(text, "utf-8", guessed=True, replaced=broken)
    encoding = legacy_encoding(data)
    text = data.decode(encoding, errors="replace")
    return Decoded(text, encoding, guessed=True, replaced=text.count("\ufffd"))


def legacy_encoding(data: bytes) -> str:
    """Windows-1257 if the high bytes read as Latvian letters there, else Latin-1 (or its Windows superset)."""
    high = set(data.translate(None, bytes(range(0x80))))
    if high & _LATVIAN_CP1257:
        try:
            data.decode("cp1257")
            return "cp1257"
        except UnicodeDecodeError:
            pass
    if high & set(_C1_RANGE):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return "latin-1"


def _display(encoding: str) -> str:
    """One spelling per encoding in meta and messages."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return {"utf-8-sig": "utf-8-sig", "iso8859-1": "latin-1"}.get(name, name)


ENCODING_GUESSED = IssueType(
    "encoding-guessed", "info",
    "Teksta kodējums noteikts kā {encoding}; ja burti izskatās nepareizi, saglabājiet failu kā UTF-8",
    "The text encoding was taken to be {encoding}; if letters look wrong, save the file as UTF-8",
)
REPLACEMENT_CHARACTERS = IssueType(
    "replacement-characters", "warning",
    "Failā ir {count} bojātas rakstzīmes (�), kuru sākotnējie burti vairs nav zināmi; tās nolasītas kā ir",
    "The file contains {count} damaged characters (�) whose original letters are lost; they were read as is",
)


def report_decoding(decoded: Decoded, report: Report, *, sheet: str | None = None) -> None:
    """Tell the user when the encoding was a guess or letters were already lost."""
    if decoded.guessed and not decoded.encoding.startswith("utf"):
        report.add(ENCODING_GUESSED, sheet=sheet, encoding=decoded.encoding)
    if decoded.replaced:
        report.add(REPLACEMENT_CHARACTERS, sheet=sheet, count=decoded.replaced)

"""Limits on size, unpacked size, entities, cells and time: each refusal has its code and one line."""

from __future__ import annotations

import io
import zipfile

import pytest

from analysis.ingest.raw import UnreadableFile
from analysis.ingest.readers import read_bytes, read_file
from analysis.ingest.safety import CORRUPT_FILE, MB, Deadline, Limits, broken, refuse
from tests.analysis.ingest.parameters import REFUSAL_TEXT_CASES
from tests.analysis.ingest.readers.parameters import FORMATS
from tests.fixtures.ingest.make_format_fixtures import MAIN_NS, _zip, xlsx_bytes

SHEET = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData>'


def _refusal(data: bytes, name: str = "f.xlsx", **limits) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(data, file_name=name, limits=Limits(**limits))
    return caught.value.code


def test_upload_limit_comes_from_the_environment(monkeypatch):
    """Given BTA_MAX_UPLOAD_MB, When default limits are made, Then it sets the byte limit (junk falls back to 50)."""
    monkeypatch.setenv("BTA_MAX_UPLOAD_MB", "2")
    assert Limits().max_bytes == 2 * MB
    monkeypatch.setenv("BTA_MAX_UPLOAD_MB", "daudz")
    assert Limits().max_bytes == 50 * MB
    monkeypatch.delenv("BTA_MAX_UPLOAD_MB")
    assert Limits() == Limits(max_bytes=50 * MB, max_uncompressed_bytes=500 * MB, max_ratio=100.0,
                              max_seconds=60.0, max_cells=5_000_000)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    """Given a file larger than the limit, When read from disk, Then file-too-large names both sizes."""
    path = tmp_path / "liels.csv"
    path.write_bytes(b"a;b\n" * 1000)
    with pytest.raises(UnreadableFile) as caught:
        read_file(path, limits=Limits(max_bytes=1000))
    assert caught.value.code == "file-too-large"
    assert str(caught.value) == (
        "Fails “liels.csv” ir 0.0 MB liels, atļauts ne vairāk kā 0.000953674 MB / "
        "File “liels.csv” is 0.0 MB; the limit is 0.000953674 MB"
    )


def test_missing_file_is_unreadable_not_a_traceback(tmp_path):
    """Given a path that does not exist and one that is a folder, When read, Then a file-not-found refusal saying
    which, in each language, not an OSError."""
    with pytest.raises(UnreadableFile) as missing:
        read_file(tmp_path / "nav.xlsx")
    with pytest.raises(UnreadableFile) as folder:
        read_file(tmp_path)
    assert [(e.value.code, e.value.lv, e.value.en) for e in (missing, folder)] == [
        ("file-not-found", "Fails “nav.xlsx” nav atrasts vai nav atverams (tāda ceļa nav)",
         "File “nav.xlsx” was not found or cannot be opened (no such path)"),
        ("file-not-found", f"Fails “{tmp_path.name}” nav atrasts vai nav atverams (tā ir mape)",
         f"File “{tmp_path.name}” was not found or cannot be opened (it is a folder)"),
    ]


@pytest.mark.parametrize("name", ["normal.xlsx", "utf8_bom_comma.csv", "sample.px", "html_as_xls.xls", "normal.ods"])
def test_time_bound(name):
    """Given no time at all, When any readable file is read, Then it stops with time-limit."""
    assert _refusal((FORMATS / name).read_bytes(), name, max_seconds=0) == "time-limit"


def test_deadline_message():
    """Given an expired deadline and a live one, When checked, Then only the expired one stops, naming file and seconds."""
    Deadline(seconds=60, file="x.xlsx").check()
    with pytest.raises(UnreadableFile) as caught:
        Deadline(seconds=0, file="x.xlsx").check()
    assert str(caught.value) == (
        "Faila “x.xlsx” nolasīšana pārsniedza 0 sekundes un tika pārtraukta / "
        "Reading “x.xlsx” took longer than 0 seconds and was stopped"
    )


def test_unpacked_size_limit_counts_every_part():
    """Given a normal xlsx and a tiny unpacked budget, When read, Then it is refused as a decompression bomb."""
    assert _refusal((FORMATS / "normal.xlsx").read_bytes(), max_uncompressed_bytes=1000) == "decompression-bomb"


def test_too_many_zip_entries():
    """Given a zip with more members than allowed, When read, Then decompression-bomb."""
    assert _refusal((FORMATS / "normal.xlsx").read_bytes(), max_zip_entries=3) == "decompression-bomb"


def test_high_ratio_below_the_floor_is_fine():
    """Given a small, very repetitive sheet (packs far above 100:1 but unpacks under the floor), When read,
    Then it is read."""
    cells = '<c r="A{r}"><v>0</v></c>'
    body = "<sheetData>" + "".join(f'<row r="{r}">{cells.format(r=r)}</row>' for r in range(1, 20001)) + "</sheetData>"
    workbook = read_bytes(xlsx_bytes([("Dati", body)]), file_name="f.xlsx")
    assert len(workbook.sheets[0].rows) == 20000


def test_doctype_in_any_part_is_refused():
    """Given a DOCTYPE in workbook.xml (not a sheet), When read, Then xml-entities names that part."""
    data = xlsx_bytes([("Dati", SHEET.format(text="a"))])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
    patched = [
        (n, d.replace(b"?><workbook", b'?><!-- c --><!DOCTYPE workbook [<!ENTITY e "x">]><workbook'))
        if n == "xl/workbook.xml" else (n, d)
        for n, d in members
    ]
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(_zip(patched), file_name="f.xlsx")
    assert caught.value.code == "xml-entities" and "xl/workbook.xml" in str(caught.value)


def test_the_word_doctype_in_a_cell_is_data():
    """Given a cell whose text is '<!DOCTYPE' (escaped, after the root element), When read, Then it is data."""
    workbook = read_bytes(xlsx_bytes([("Dati", SHEET.format(text="&lt;!DOCTYPE x&gt;"))]), file_name="f.xlsx")
    assert workbook.sheets[0].rows == [["<!DOCTYPE x>"]]


def test_encrypted_zip_entry():
    """Given a zip member flagged as encrypted, When read, Then encrypted-file."""
    data = bytearray(xlsx_bytes([("Dati", SHEET.format(text="a"))]))
    position = data.find(b"PK\x01\x02")
    data[position + 8] |= 0x1
    assert _refusal(bytes(data)) == "encrypted-file"


def test_cell_limit_counts_the_rectangle_not_the_cells():
    """Given one value at J10, When the limit is 99 cells, Then the 100-cell rectangle is refused before parsing."""
    body = '<sheetData><row r="10"><c r="J10"><v>1</v></c></row></sheetData>'
    data = xlsx_bytes([("Dati", body)])
    assert _refusal(data, max_cells=99) == "too-many-cells"
    assert read_bytes(data, file_name="f.xlsx", limits=Limits(max_cells=100)).sheets[0].rows[9][9] == 1.0


def test_refusal_is_one_line_whatever_the_detail():
    """Given a library error text with newlines, When it becomes a refusal, Then the message is one line."""
    error = refuse(CORRUPT_FILE, file="a\nb.xlsx", detail="line one\nline two\ttab")
    assert str(error) == (
        "Failu “a b.xlsx” nevar nolasīt, jo tas ir bojāts (line one line two tab) / "
        "Cannot read “a b.xlsx”: the file is damaged (line one line two tab)"
    )
    assert error.code == "corrupt-file"


def test_namespace_prefixed_sheet_is_still_measured():
    """Given a sheet written with an x: prefix and tab-separated attributes, When the limit is small,
    Then the far cell is still found."""
    body = (
        f'<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData><x:row r="1">'
        '<x:c\tr="XFD1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    data = xlsx_bytes([("Dati", "")])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
    members = [(n, body.encode() if n.endswith("sheet1.xml") else d) for n, d in members]
    assert _refusal(_zip(members), max_cells=10_000) == "too-many-cells"


@pytest.mark.parametrize(("name", "lv", "en"), REFUSAL_TEXT_CASES)
def test_refusal_says_its_detail_in_each_language(name, lv, en):
    """Given a hostile or damaged file / When refused / Then the Latvian message carries no English detail
    ("3072 MB declared") and the English one no Latvian."""
    with pytest.raises(UnreadableFile) as caught:
        read_bytes((FORMATS / name).read_bytes(), file_name=name)
    assert (caught.value.lv, caught.value.en) == (lv, en)


def test_a_pc_axis_without_data_is_damaged_in_words_of_each_language():
    """Given a PC-Axis file with a heading but no DATA / When read / Then both messages name what is missing."""
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(b'CHARSET="ANSI";\nSTUB="Teritorija";\nVALUES("Teritorija")="A";\n', file_name="t.px")
    assert (caught.value.lv, caught.value.en) == (
        "Failu “t.px” nevar nolasīt, jo tas ir bojāts (PC-Axis failā nav DATA)",
        "Cannot read “t.px”: the file is damaged (PC-Axis without DATA)",
    )


def test_a_library_error_text_goes_to_the_english_message_only():
    """Given a damage found by a library (English text) / When refused / Then Latvian says where, English says why."""
    refusal = refuse(CORRUPT_FILE, file="f.xlsx", detail=broken("daļa content.xml nav nolasāma", "content.xml",
                                                                "not well-formed (invalid token): line 1"))
    assert (refusal.lv, refusal.en) == (
        "Failu “f.xlsx” nevar nolasīt, jo tas ir bojāts (daļa content.xml nav nolasāma)",
        "Cannot read “f.xlsx”: the file is damaged (content.xml: not well-formed (invalid token): line 1)",
    )

"""Every real export in ../shared/realdata is read without a crash, with concrete facts checked."""

from __future__ import annotations

import pytest

from analysis.ingest.readers import read_file
from tests.analysis.ingest.readers.parameters import REALDATA

REAL_FILES = sorted(p for p in REALDATA.glob("*/*") if p.suffix != ".md") if REALDATA.exists() else []


def _need(path):
    if not path.exists():
        pytest.skip("realdata nav pieejami / not available")
    return path


@pytest.mark.skipif(not REAL_FILES, reason="realdata nav pieejami / not available")
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_real_file_is_read(path):
    """Given a real export, When read, Then it yields at least one non-empty sheet and no error issues."""
    workbook = read_file(path)
    assert workbook.sheets and all(sheet.rows for sheet in workbook.sheets)
    assert workbook.report.valid


def test_csp_english_export():
    """Given the English TRS020 export, When read, Then it is UTF-8 with BOM, comma-separated, title on row 1,
    a blank row 2 and the header at index 2."""
    sheet = read_file(_need(REALDATA / "latvia_csp" / "TRS020_20251218-012055.csv")).sheets[0]
    assert (sheet.meta["encoding"], sheet.meta["delimiter"], sheet.meta["bom"]) == ("utf-8-sig", ",", True)
    assert sheet.rows[1] == []
    assert sheet.rows[2] == ["Territorial unit", "Types of surface", "Indicator", "2024"]
    assert sheet.rows[3] == ["Latvia", "Total", "Total", "57564"]
    assert len(sheet.rows) == 3 + 636
    assert sum(row[-1:] == ["…"] for row in sheet.rows) == 48


def test_csp_latvian_export():
    """Given the Latvian TRS020 export, When read, Then its 36 novadi follow the header, letters intact."""
    sheet = read_file(_need(REALDATA / "latvia_csp" / "TRS020_20251218-165232.csv")).sheets[0]
    assert sheet.rows[2] == ["Teritoriālā vienība", "Rādītāji", "2024"]
    assert sheet.rows[3] == ["Aizkraukles novads", "Pavisam", "1657"]
    assert len(sheet.rows) == 3 + 36


def test_kolada_latin1_semicolon():
    """Given kld_bakgr.csv, When read, Then it is Latin-1 with ';' and the Swedish letters decode."""
    workbook = read_file(_need(REALDATA / "kolada" / "kld_bakgr.csv"))
    sheet = workbook.sheets[0]
    assert (sheet.meta["encoding"], sheet.meta["delimiter"]) == ("latin-1", ";")
    assert sheet.rows[0] == ["Kommun/Landsting", "Nyckeltal", "År", "Visat Värde"]
    assert sheet.rows[1] == ["Alla kommuner (ovägt medel)", "Arbetslöshet, (%)", "2008", "3.83894583"]
    assert len(sheet.rows) == 1 + 13089
    assert workbook.report.codes() == ["encoding-guessed"]


def test_finnish_latin1_file_decodes_umlauts():
    """Given the Latin-1 Finnish election file, When read, Then 'ä' decodes and the delimiter is ';'."""
    sheet = read_file(_need(REALDATA / "pxweb_examples" / "statfi_aanestys_data_latin1.csv")).sheets[0]
    assert sheet.meta["encoding"] == "latin-1" and sheet.meta["delimiter"] == ";"
    assert sheet.rows[0] == ["Tiedot", "Vuosi", "Alue", "Äänestäneitä miehiä", "Äänestäneitä naisia"]
    assert sheet.rows[1] == ["Äänestäneet", "2021", "091 Helsinki", "150561", "184306"]


def test_estonian_tab_export_keeps_group_rows_and_footnotes():
    """Given the Estonian tab-separated export, When read, Then the group-label row is a one-cell row."""
    sheet = read_file(_need(REALDATA / "pxweb_examples" / "statee_PO0211.csv")).sheets[0]
    assert sheet.meta["delimiter"] == "\t"
    assert sheet.rows[3] == ["Males"]
    assert sheet.rows[4][:3] == [" ", "1970", "10315"]
    assert read_file(REALDATA / "pxweb_examples" / "statee_XO023m.csv").sheets[0].rows[-1][-4:] == [".."] * 4

"""The real exports in ../shared/realdata: read without a crash, the portal's units found, the known defect reported."""

from __future__ import annotations

import pytest

from analysis.ingest.pipeline import ingest_workbook
from analysis.ingest.raw import UnreadableFile
from analysis.ingest.readers import read_file


def _ingest(path, cat):
    return ingest_workbook(read_file(path), catalogue=cat)


def test_latvian_export_yields_exactly_its_36_novadi(realdata, cat):
    """Given the Latvian TRS020 export / When ingested / Then it is valid and holds exactly the 36 novadi."""
    result = _ingest(realdata / "latvia_csp" / "TRS020_20251218-165232.csv", cat)
    novadi = {m.code for m in cat.municipalities if m.type == "novads"}
    assert result.report.valid
    assert len(novadi) == 36
    assert set(result.municipality_codes) == novadi
    assert len(result.rows) == 36


def test_english_export_yields_its_43_units_and_reports_the_aggregates(realdata, cat):
    """Given the English TRS020 export / When ingested / Then 43 units are kept and Latvia and the regions reported."""
    result = _ingest(realdata / "latvia_csp" / "TRS020_20251218-012055.csv", cat)
    assert result.report.valid
    assert set(result.municipality_codes) == {m.code for m in cat.municipalities}
    assert len(result.municipality_codes) == 43
    aggregates = [i for i in result.report.issues if i.code == "aggregate-row"]
    assert [(i.row, i.message.split("'")[1]) for i in aggregates] == [
        (4, "Latvia"),
        (16, "Riga statistical region (from 01.01.2024.)"),
        (28, "Riga statistical region (Riga) (before 01.01.2024.)"),
        (40, "Pierīga statistical region (before 01.01.2024.)"),
        (52, "Vidzeme statistical region (from 01.01.2024.)"),
        (64, "Vidzeme statistical region (before 01.01.2024.)"),
        (76, "Kurzeme statistical region (from 01.01.2024.)"),
        (88, "Kurzeme statistical region (before 01.01.2024.)"),
        (100, "Zemgale statistical region"),
        (112, "Latgale statistical region"),
    ]
    assert {i.severity for i in result.report.issues} <= {"warning", "info"}
    assert (result.report.stats["rows_accepted"], result.report.stats["rows_skipped"]) == (516, 120)


def test_national_table_is_valid_and_stores_nothing(realdata, cat):
    """Given the portal's all-Latvia TRS010 table / When ingested / Then it is valid, reported as national, nothing kept."""
    result = _ingest(realdata / "latvia_csp" / "TRS010_20260119-175358.csv", cat)
    assert result.report.flatten(["code", "severity", "row"]) == [["national-table", "info", 3]]
    assert len(result.rows) == 0


def test_library_stats_show_the_madona_conflict(realdata, cat):
    """Given the hand-made library table with Madonas novads twice / When ingested / Then the conflict is reported."""
    result = _ingest(realdata / "latvia_csp" / "official_library_stats_DERIVED.csv", cat)
    assert result.report.flatten(["code", "row", "column"]) == [
        ["missing-year", 1, None],
        ["column-ignored", 1, "B"],
        ["unmatched-indicator", 2, "C"],
        ["conflicting-duplicate", 25, "C"],
        ["conflicting-duplicate", 26, "C"],
    ]
    assert "Madonas novads" in result.report.issues[3].message


def _all_real_files():
    from tests.conftest import REALDATA

    if not REALDATA.is_dir():
        return []
    return sorted(p for p in REALDATA.glob("*/*") if p.suffix != ".md")


@pytest.mark.parametrize("path", _all_real_files(), ids=lambda p: p.name)
def test_every_real_file_is_read_without_a_crash(realdata, cat, path):
    """Given any real export / When read and ingested / Then a report comes back (or a one-line refusal), never a crash."""
    try:
        wb = read_file(path)
    except UnreadableFile as exc:
        assert "\n" not in str(exc)
        return
    result = ingest_workbook(wb, catalogue=cat)
    assert all(i.code and i.severity in ("error", "warning", "info") for i in result.report.issues)

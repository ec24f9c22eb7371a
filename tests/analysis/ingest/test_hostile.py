"""Issue 9's hostile uploads through `python -m analysis ingest`, as automation runs it: each ends in a clear
outcome (one line on stderr and exit 2 when refused) with the whole process tree under 1.5 GB resident."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.analysis.ingest.conftest import REPO
from tests.analysis.ingest.hostile import HOSTILE

PEAK_LIMIT_KIB = 1536 * 1024
TOO_MANY_CELLS = ("Fails “{name}” atteikts: lapa “Dati” aptver {cells} šūnas, atļauts ne vairāk kā 5000000 / "
                  "File “{name}” refused: sheet “Dati” spans {cells} cells; the limit is 5000000")


def _ingest(path, tmp_path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str, str, int]:
    """Exit code, stdout, stderr and the peak resident memory (KiB) of the CLI and every process it waited for."""
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen([sys.executable, "-m", "analysis", "ingest", str(path), "--dry-run", *extra],
                                cwd=REPO, stdout=o, stderr=e, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out.read_text("utf-8"), err.read_text("utf-8"), usage.ru_maxrss


@pytest.mark.parametrize(("name", "cells"), [("crash.xlsx", 17179869184), ("row_without_refs.xlsx", 209715200)])
def test_far_cells_are_refused_before_the_parser_allocates(name, cells, tmp_path):
    """Given the 5 KB crash file or the row of 200 cells without r=, When ingested, Then exit 2 and one line
    naming the rectangle, the process tree staying small."""
    path = tmp_path / name
    path.write_bytes(HOSTILE[name]())
    code, out, err, peak = _ingest(path, tmp_path)
    assert (code, out, err) == (2, "", TOO_MANY_CELLS.format(name=name, cells=cells) + "\n")
    assert peak < PEAK_LIMIT_KIB


@pytest.mark.parametrize("name", ["merged_range.xlsx", "overlapping_merges.xlsx", "unknown_names.csv"])
def test_costly_layouts_end_cleanly(name, tmp_path):
    """Given the A3:XFD3002 merge, 3,000 overlapping merges or 100,000 unknown labels, When ingested, Then the
    file is read (or stopped at the time limit in one line), with the process tree under 1.5 GB."""
    path = tmp_path / name
    path.write_bytes(HOSTILE[name]())
    code, out, err, peak = _ingest(path, tmp_path)
    if code == 2:
        assert err.startswith(f"Faila “{name}” apstrāde (nolasīšana") and err.count("\n") == 1
    else:
        assert code in (0, 1) and err == ""
        assert out.startswith(f"{name}: ") and "sausais režīms, nekas nav saglabāts / dry run, nothing stored" in out
    assert peak < PEAK_LIMIT_KIB


def test_overlapping_merges_are_reported_not_filled(tmp_path):
    """Given 3,000 merged ranges piled on one another, When read, Then one warning names how many were ignored."""
    from analysis.ingest.readers import read_bytes

    workbook = read_bytes(HOSTILE["overlapping_merges.xlsx"](), file_name="m.xlsx")
    assert workbook.sheets[0].merged == [(1, 0, 3000, 3)]
    assert [i.message for i in workbook.report.issues] == [
        "Lapā “Dati” 2999 apvienotie apgabali pārklājas ar jau apvienotām šūnām, tāpēc tie netika ņemti vērā "
        "(pirmais: A3:D3002) / On sheet “Dati”, 2999 merged ranges overlap cells already merged, so they were "
        "ignored (first: A3:D3002)"
    ]


def test_merged_range_is_clipped_to_the_data(tmp_path):
    """Given A3:XFD3002 over a four-column table of 21 rows, When read, Then the range is A3:D21."""
    from analysis.ingest.readers import read_bytes

    sheet = read_bytes(HOSTILE["merged_range.xlsx"](), file_name="m.xlsx").sheets[0]
    assert (len(sheet.rows), sheet.merged) == (21, [(2, 0, 20, 3)])


def test_two_million_value_csv_is_refused_before_its_rows_exist(tmp_path):
    """Given a 2,000,000-row CSV (upload limit raised for it), When ingested, Then too-many-cells in one line,
    refused before the rows are built: the process tree stays under 1 GB."""
    path = tmp_path / "liels.csv"
    line = b"Cesu novads,births,2023,1\n"
    path.write_bytes(b"municipality,indicator,year,value\n" + line * 2_000_000)
    code, out, err, peak = _ingest(path, tmp_path, env={"BTA_MAX_UPLOAD_MB": "200"})
    assert (code, out) == (2, "")
    assert err.startswith("Fails “liels.csv” atteikts: lapa “liels” aptver ")
    assert err.endswith("the limit is 5000000\n") and err.count("\n") == 1
    assert peak < 1024 * 1024

"""`python -m analysis ingest` as automation runs it: exit codes 0/1/2, the tidy CSV header, the JSON report."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, func, select

from analysis.store.schema import observations, uploads
from tests.analysis.ingest.conftest import FIXTURES
from tests.cli import run_cli

TIDY_HEADER = ["municipality", "indicator", "year", "value", "count", "denominator", "status"]


def _run(*args: str | Path) -> subprocess.CompletedProcess:
    return run_cli(*args)


def _counts(db: Path) -> tuple[int, int]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        n_up = conn.execute(select(func.count()).select_from(uploads)).scalar()
        n_obs = conn.execute(select(func.count()).select_from(observations)).scalar()
    engine.dispose()
    return int(n_up), int(n_obs)


def test_valid_file_exits_0_stores_and_writes_tidy_csv_and_report(tmp_path):
    """Given a clean portal export / When ingested by the CLI / Then exit 0, stored, tidy CSV and JSON report written."""
    db, tidy, rep = tmp_path / "t.sqlite", tmp_path / "tidy.csv", tmp_path / "report.json"
    proc = _run("ingest", FIXTURES / "csp_export.csv", "--db", f"sqlite:///{db}", "--tidy-out", tidy, "--report-json", rep)
    assert proc.returncode == 0, proc.stderr
    assert "stored as upload 1" in proc.stdout
    assert _counts(db) == (1, 6)
    with tidy.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == TIDY_HEADER
    assert rows[1:] == [
        ["Cēsu novads", "births", "2022", "300", "", "", ""],
        ["Cēsu novads", "births", "2023", "290", "", "", ""],
        ["Cēsu novads", "Dzimušie reģionos, valstspilsētās un novados: Dzimušie zēni", "2022", "150", "", "", ""],
        ["Cēsu novads", "Dzimušie reģionos, valstspilsētās un novados: Dzimušie zēni", "2023", "", "", "", "not_available"],
        ["Valmieras novads", "births", "2022", "0", "", "", "zero"],
        ["Valmieras novads", "births", "2023", "", "", "", "not_available"],
    ]
    report = json.loads(rep.read_text(encoding="utf-8"))
    assert set(report) == {"valid", "issues", "stats"}
    assert report["valid"] is True
    assert set(report["issues"][0]) == {"code", "severity", "sheet", "row", "column", "message_lv", "message_en"}
    assert report["stats"]["rows_accepted"] == 6


def test_file_with_errors_exits_1_and_stores_nothing(tmp_path):
    """Given a file with errors / When ingested by the CLI / Then exit 1 and the database stays empty."""
    db = tmp_path / "t.sqlite"
    proc = _run("ingest", FIXTURES / "checks.csv", "--db", f"sqlite:///{db}", "--report-json", tmp_path / "r.json")
    assert proc.returncode == 1
    assert "nothing stored because of errors" in proc.stdout
    assert _counts(db) == (0, 0)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["valid"] is False
    assert [i["code"] for i in report["issues"] if i["severity"] == "error"][:2] == ["conflicting-duplicate"] * 2


def test_accept_valid_rows_stores_them_but_still_exits_1(tmp_path):
    """Given a file with errors / When the valid rows are accepted / Then they are stored and the exit code says errors."""
    db = tmp_path / "t.sqlite"
    proc = _run("ingest", FIXTURES / "checks.csv", "--db", f"sqlite:///{db}", "--accept-valid-rows")
    assert proc.returncode == 1
    assert _counts(db) == (1, 9)


def test_unreadable_file_exits_2_with_one_line(tmp_path):
    """Given a file that is no spreadsheet at all / When ingested / Then exit 2 and one bilingual line, no traceback."""
    bad = tmp_path / "bojāts.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    proc = _run("ingest", bad, "--dry-run")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "/" in lines[0] and "Traceback" not in proc.stderr


def test_missing_file_exits_2(tmp_path):
    """Given a path that does not exist / When ingested / Then exit 2 with one line, and the JSON report says invalid."""
    proc = _run("ingest", tmp_path / "nav.csv", "--dry-run", "--report-json", tmp_path / "r.json")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["valid"] is False and report["issues"][0]["severity"] == "error"


def test_dry_run_with_chosen_municipality(tmp_path):
    """Given a table naming no municipality / When dry-run with --municipality / Then exit 0 and 'dry run' said."""
    proc = _run("ingest", FIXTURES / "wide_no_municipality.csv", "--municipality", "Cēsu novads", "--dry-run")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "dry run" in proc.stdout


def test_tidy_csv_neutralises_formulas_but_keeps_negative_numbers(tmp_path):
    """Given labels that would run as formulas / When written as tidy CSV / Then they are quoted with an apostrophe."""
    tidy = tmp_path / "tidy.csv"
    proc = _run("ingest", FIXTURES / "formula_injection.csv", "--dry-run", "--tidy-out", tidy)
    assert proc.returncode == 0, proc.stderr
    with tidy.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    assert [(r[1], r[3]) for r in rows] == [
        ("'=HYPERLINK(\"http://example.invalid\",\"x\")", "5"),
        ("'@SUM(A1)", "6"),
        ("Saldo", "-7"),
    ]


def test_template_command_writes_the_template(tmp_path):
    """Given the CLI / When `template --out` runs / Then an .xlsx file is written."""
    out = tmp_path / "veidne.xlsx"
    proc = _run("template", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_a_pdf_renamed_to_xlsx_is_named_a_pdf_and_exits_2(tmp_path):
    """Given a PDF saved as 'dati.xlsx' / When ingested / Then the message names it a PDF in Latvian and in
    English, exit 2, and nothing is stored."""
    path = tmp_path / "dati.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20)
    db = tmp_path / "t.sqlite"
    proc = _run("ingest", path, "--db", f"sqlite:///{db}")
    assert proc.returncode == 2, proc.stderr
    assert "ir PDF dokuments, nevis tabula" in proc.stderr
    assert "is a PDF document, not a table" in proc.stderr

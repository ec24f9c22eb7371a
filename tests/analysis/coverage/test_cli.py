"""`python -m analysis coverage`: the JSON contract and the exit codes, on the fixtures and the committed samples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from tests.analysis.coverage.parameters import BAC_2024, BAD_CELLS_EXPECTED
from tests.analysis.coverage.sheets import FIXTURES, SAMPLES

REPO = Path(__file__).resolve().parents[3]
SAMPLE_2024 = ["survey_2024_sintetiski.xlsx", "survey_2024_en_sintetiski.xlsx"]
FIXTURE_TERMS = {"2": 3, "3": 4, "4": 4, "5": 3, "6": 4}
FIXTURE_DOMAINS = {"1": 17, "2": 17, "3": 6, "4": 1, "5": 9, "6": 13, "7": 7, "8": 8, "9": 2, "10": 9, "11": 4,
                   "12": 3, "13": 1, "14": 1, "15": 1, "16": 1}


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["coverage", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _published_part(payload: dict) -> dict:
    return {k: payload[k] for k in BAC_2024}


@pytest.mark.parametrize("name", ["survey_2024_lv.xlsx", "survey_2024_en_shuffled.xlsx"])
def test_fixture_json(capsys, name):
    """Given a 2024 fixture survey
    When `coverage FILE --json` runs
    Then it exits 0 and prints the whole contract with the published figures."""
    code, out, _ = _run(capsys, str(FIXTURES / name), "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload == {
        **BAC_2024,
        "survey_year": 2024,
        "of_those_n": {"conclusions": 9, "action_plan": 9, "monitoring_any": 13, "monitoring_complete": 9,
                       "monitoring_institutions_only": 4, "monitoring_none": 6},
        "term_years": FIXTURE_TERMS,
        "term_unknown": 0,
        "open_ended": ["Talsu novads"],
        "domain_counts": FIXTURE_DOMAINS,
    }


@pytest.mark.parametrize("name", SAMPLE_2024)
def test_sample_survey_json_reproduces_bac_2024(capsys, name):
    """Given the committed sample survey (Latvian, and English with shuffled headings and yes/no spellings)
    When `coverage FILE --json` runs
    Then it gives exactly 18.6 / 25.6 / 55.8 % of 43 and, of 19, 47.4 / 47.4 / 68.4 / 21.1 %."""
    code, out, _ = _run(capsys, str(SAMPLES / name), "--json")
    payload = json.loads(out)
    assert code == 0
    assert _published_part(payload) == BAC_2024
    assert set(payload["term_years"]) <= {"2", "3", "4", "5", "6"} and len(payload["open_ended"]) == 1
    assert list(payload["domain_counts"]) == [str(n) for n in range(1, 17)]
    assert {k: payload["domain_counts"][k] for k in ("5", "7", "8")} == {"5": 9, "7": 7, "8": 8}


def test_sample_survey_2022_reads(capsys):
    """Given the committed 2022 sample round
    When `coverage FILE --json` runs
    Then it is valid, for survey year 2022, over 43 municipalities."""
    code, out, _ = _run(capsys, str(SAMPLES / "survey_2022_sintetiski.xlsx"), "--json")
    payload = json.loads(out)
    assert (code, payload["survey_year"], payload["n"]) == (0, 2022, 43)


def test_year_argument(capsys):
    """Given a survey with no year anywhere
    When run without --year, then with --year 2023
    Then the first exits 1 asking for the year and the second exits 0 for 2023."""
    path = str(FIXTURES / "aptauja_bez_gada.xlsx")
    code, out, err = _run(capsys, path, "--json")
    assert (code, out) == (1, "")
    assert "survey-year-missing" in err
    code, out, _ = _run(capsys, path, "--json", "--year", "2023")
    assert (code, json.loads(out)["survey_year"], json.loads(out)["n"]) == (0, 2023, 1)


def test_bad_cells_exit_1_with_the_report(capsys, tmp_path):
    """Given the bad-cells fixture
    When run with --report-json
    Then it exits 1, lists the issues on stderr and writes the same report as ingest does."""
    report_path = tmp_path / "report.json"
    code, out, err = _run(capsys, str(FIXTURES / "survey_bad_cells.xlsx"), "--json", "--report-json",
                          str(report_path))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert (code, out) == (1, "")
    assert [[i["code"], i["row"], i["column"]] for i in report["issues"]] == BAD_CELLS_EXPECTED
    assert report["valid"] is False and set(report["issues"][0]) == {
        "code", "severity", "sheet", "row", "column", "message_lv", "message_en"}
    assert "error: survey-unknown-municipality: Aptauja, rinda/row 5, kolonna/column A: Nezināma" in err


def test_valid_file_writes_a_valid_report(capsys, tmp_path):
    """Given a clean survey
    When run with --report-json
    Then the report is valid with per-sheet stats."""
    report_path = tmp_path / "report.json"
    code, _, _ = _run(capsys, str(FIXTURES / "survey_2024_lv.xlsx"), "--report-json", str(report_path))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert (code, report["valid"], report["stats"]["sheets"]["Aptauja"]["rows_accepted"]) == (0, True, 43)


def test_unreadable_file_exits_2_with_one_line(capsys, tmp_path):
    """Given a file that is not a spreadsheet, and a path that does not exist
    When run
    Then each exits 2 with one line on stderr, Latvian first."""
    junk = tmp_path / "aptauja_2024.xlsx"
    junk.write_bytes(b"\x00\x01\x02 not a workbook \xff" * 10)
    for path in (junk, tmp_path / "nav.xlsx"):
        code, out, err = _run(capsys, str(path), "--json")
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1 and " / " in err


def test_text_output_and_intervals(capsys):
    """Given the 2024 fixture
    When run without --json, and with --json --intervals
    Then a bilingual summary is printed, and the JSON carries Wilson intervals."""
    code, out, _ = _run(capsys, str(FIXTURES / "survey_2024_lv.xlsx"))
    assert code == 0 and "Izstrādāta / developed: 8 (18.6 %)" in out
    code, out, _ = _run(capsys, str(FIXTURES / "survey_2024_lv.xlsx"), "--json", "--intervals")
    assert json.loads(out)["intervals_pct"]["developed"] == [9.7, 32.6]


def test_as_a_process():
    """Given the module entry point
    When `python -m analysis coverage FILE --json` runs as a process
    Then it exits 0 with the JSON on stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "coverage", str(FIXTURES / "survey_2024_lv.xlsx"), "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["programme_status_pct"] == BAC_2024["programme_status_pct"]

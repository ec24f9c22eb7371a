"""Storing an ingested file: all or nothing, the same file once, a correction supersedes and the old one comes back."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from analysis.access import Actor, Role
from analysis.ingest.pipeline import IngestResult, ingest_workbook
from analysis.ingest.raw import RawSheet, RawWorkbook
from analysis.ingest.storing import ingest_path, store_result
from analysis.report import Report
from analysis.store import current_observations, list_uploads, restore_upload
from analysis.store.schema import observations, uploads
from tests.analysis.ingest.conftest import FIXTURES
from tests.analysis.ingest.parameters import CESIS


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar())


def _wide(values: tuple[int, int], *, sha: str) -> RawWorkbook:
    rows = [["Pašvaldība: Cēsu novads"], [], ["Rādītājs", 2022, 2023], ["Dzimušo skaits", *values]]
    return RawWorkbook(
        file_name="Cēsu novads 2024.xlsx",
        sheets=[RawSheet(name="Dati", rows=rows, source_format="xlsx")],
        size_bytes=100,
        sha256=sha,
    )


def test_a_valid_file_is_stored_with_its_identity(engine, cat):
    """Given a valid fixture / When ingested and stored / Then one upload with name, sha256, size and uploader holds its rows."""
    result, stored = ingest_path(FIXTURES / "wide_line.xlsx", engine=engine, catalogue=cat, actor=Actor(name="tester", role=Role.NATIONAL_ANALYST))
    assert (stored.duplicate, stored.n_rows) == (False, 4)
    up = list_uploads(engine).iloc[0]
    assert (up["file_name"], up["sha256"], up["uploader"], up["kind"]) == (
        "wide_line.xlsx",
        result.sha256,
        "tester",
        "indicators",
    )
    assert int(up["size_bytes"]) == (FIXTURES / "wide_line.xlsx").stat().st_size
    assert up["dataset"].endswith(f"|{CESIS}")
    assert len(current_observations(engine)) == 4


def test_a_file_with_errors_stores_nothing(engine, cat):
    """Given a file with errors / When stored without accepting valid rows / Then nothing is written."""
    result, stored = ingest_path(FIXTURES / "checks.csv", engine=engine, catalogue=cat, actor=Actor(name="tester", role=Role.NATIONAL_ANALYST))
    assert stored is None and not result.report.valid
    assert (_count(engine, uploads), _count(engine, observations)) == (0, 0)


def test_accepting_valid_rows_stores_only_them(engine, cat):
    """Given a file with errors / When the user accepts its valid rows / Then exactly those rows are stored."""
    result, stored = ingest_path(
        FIXTURES / "checks.csv", engine=engine, catalogue=cat, actor=Actor(name="tester", role=Role.NATIONAL_ANALYST), accept_valid_rows=True
    )
    assert stored.n_rows == len(result.rows) == 9
    assert _count(engine, observations) == 9
    assert list_uploads(engine).iloc[0]["note"] == "tikai derīgās rindas / valid rows only"


def test_dry_run_touches_nothing(engine, cat):
    """Given a valid file / When ingested as a dry run / Then nothing is stored."""
    _, stored = ingest_path(FIXTURES / "long_clean.csv", engine=engine, catalogue=cat, actor=Actor(name="t", role=Role.NATIONAL_ANALYST), dry_run=True)
    assert stored is None and _count(engine, uploads) == 0


def test_the_same_file_twice_is_recognised(engine, cat):
    """Given a stored file / When the same bytes are stored again / Then the earlier upload is named and nothing added."""
    _, first = ingest_path(FIXTURES / "long_clean.csv", engine=engine, catalogue=cat, actor=Actor(name="a", role=Role.NATIONAL_ANALYST))
    _, second = ingest_path(FIXTURES / "long_clean.csv", engine=engine, catalogue=cat, actor=Actor(name="b", role=Role.NATIONAL_ANALYST))
    assert (second.duplicate, second.upload_id) == (True, first.upload_id)
    assert (_count(engine, uploads), _count(engine, observations)) == (1, 7)


def test_a_store_that_fails_midway_writes_nothing(engine, cat):
    """Given 25,000 rows whose last one breaks a database rule / When stored / Then the whole upload is rolled back."""
    n = 25_000
    rows = pd.DataFrame(
        {
            "municipality_code": [CESIS] * (n - 1) + [None],
            "indicator": [f"custom_{i}" for i in range(n)],
            "year": 2023,
            "value": 1.0,
            "count": None,
            "denominator": None,
            "status": None,
            "note": None,
            "sheet": "Dati",
            "source_row": range(2, n + 2),
            "matched": False,
        }
    )
    result = IngestResult(rows=rows, report=Report(), file_name="big.csv", sha256="f" * 64, size_bytes=1)
    with pytest.raises((IntegrityError, sqlite3.IntegrityError)):
        store_result(engine, result, actor=Actor(name="tester", role=Role.NATIONAL_ANALYST))
    assert (_count(engine, uploads), _count(engine, observations)) == (0, 0)


def test_a_correction_supersedes_and_the_old_version_can_be_restored(engine, cat):
    """Given a stored file / When a corrected version is stored and then the first restored / Then values follow."""
    first = store_result(engine, ingest_workbook(_wide((300, 290), sha="1" * 64), catalogue=cat), actor=Actor(name="a", role=Role.NATIONAL_ANALYST))
    second = store_result(engine, ingest_workbook(_wide((300, 295), sha="2" * 64), catalogue=cat), actor=Actor(name="a", role=Role.NATIONAL_ANALYST))

    def current():
        cur = current_observations(engine)
        return cur[["indicator", "year", "value", "upload_id"]].values.tolist()

    assert current() == [["births", 2022, 300.0, second.upload_id], ["births", 2023, 295.0, second.upload_id]]
    ups = list_uploads(engine)
    assert ups["dataset"].nunique() == 1 and sorted(ups["version"].tolist()) == [1, 2]
    restored = restore_upload(engine, upload_id=first.upload_id, actor=Actor(name="a", role=Role.NATIONAL_ANALYST))
    assert current() == [["births", 2022, 300.0, restored.upload_id], ["births", 2023, 290.0, restored.upload_id]]


def test_survey_sheets_are_stored_as_survey_answers(engine, cat):
    """Given the sample BAC survey workbook / When stored / Then its answers go to the survey table as a survey upload."""
    from analysis.store import current_survey
    from tests.analysis.ingest.conftest import SAMPLES

    path = SAMPLES / "survey_2024_sintetiski.xlsx"
    result, stored = ingest_path(path, engine=engine, catalogue=cat, actor=Actor(name="bac", role=Role.NATIONAL_ANALYST))
    assert result.layouts and set(result.layouts.values()) == {"survey"}
    assert stored is not None and list_uploads(engine).iloc[0]["kind"] == "survey"
    assert len(current_survey(engine)) == len(result.survey) > 0


def test_saved_mappings_are_used_on_the_next_upload(engine, cat):
    """Given a custom label the users mapped in the database / When a file with it is ingested / Then it is matched."""
    from analysis.store.schema import custom_indicators

    with engine.begin() as conn:
        conn.execute(custom_indicators.insert().values(label="Bibliotēku apmeklējumi", mapped_to="public_libraries"))
    result, _ = ingest_path(FIXTURES / "indicators.csv", engine=engine, catalogue=cat, actor=Actor(name="t", role=Role.NATIONAL_ANALYST), dry_run=True)
    assert "unmatched-indicator" not in result.report.codes()
    assert "public_libraries" in result.rows["indicator"].tolist()


def test_the_parse_hands_over_exactly_the_stores_fields():
    """Given the parse's row and survey columns, named apart from the store so the worker never imports it, Then they
    are the store's own fields, in its order."""
    from analysis.coverage.survey import SURVEY_FIELDS
    from analysis.ingest.process import TIDY_COLUMNS
    from analysis.store.repository import OBSERVATION_FIELDS
    from analysis.store.repository import SURVEY_FIELDS as STORED_SURVEY

    assert (TIDY_COLUMNS, SURVEY_FIELDS) == (OBSERVATION_FIELDS, STORED_SURVEY)

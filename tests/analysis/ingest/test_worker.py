"""The parse worker: an abort, a memory blow-up or a slow parse ends that one parse in one line, never the caller,
whether the parse runs in one child or split in two (a reader and the checks, as the command line runs it)."""

from __future__ import annotations

import multiprocessing as mp
import os
import time

import pytest

from analysis.ingest import pipeline, worker
from analysis.ingest.readers import excel
from analysis.ingest.safety import MB, Limits
from analysis.ingest.worker import ParseJob, parse
from tests.analysis.ingest.conftest import FIXTURES
from tests.analysis.ingest.hostile import crash_file


@pytest.fixture(autouse=True)
def forked(monkeypatch):
    """The child is forked, so what a test changes here is what the child runs (a fork server would not see it)."""
    monkeypatch.setattr(worker, "_context", lambda: mp.get_context("fork"))


@pytest.fixture(params=[False, True], ids=["one-child", "split"])
def split(request) -> bool:
    return request.param


@pytest.fixture(params=[(False, False), (True, False), (True, True)], ids=["one-child", "split", "split-waits-read"])
def how(request) -> tuple[bool, bool]:
    """One child; split in two; split, with the caller waiting for the read before finish() (as the command line
    does while it loads pandas)."""
    return request.param


def _parse(job: ParseJob, *, how: tuple[bool, bool], limits: Limits | None = None):
    split, waits = how
    running = worker.start(job, limits=limits, split=split)
    if waits:
        running.wait_read()
    return running.finish()


def _abort(*args, **kwargs):
    os.abort()


def _sleep(*args, **kwargs):
    time.sleep(600)


def _allocate(*args, limits, **kwargs):
    return bytearray(4 * limits.max_memory_bytes)  # zero-filled: every page is touched


def test_a_clean_file_crosses_back_whole(how):
    """Given a valid export, When parsed in the worker and in process, Then both give the same rows and issues."""
    job = ParseJob(file_name="csp_export.csv", path=str(FIXTURES / "csp_export.csv"))
    isolated, here = _parse(job, how=how), parse(job, isolated=False)
    assert isolated.error is None and isolated.code is None
    assert isolated.result.rows.equals(here.result.rows)
    assert isolated.result.report.issues == here.result.report.issues
    assert isolated.result.sha256 == here.result.sha256
    assert isolated.peak_rss_kib > 0


def test_an_unreadable_file_is_refused_the_same_either_way():
    """Given bytes that are no table, When parsed in one child and split in two, Then the same refusal."""
    job = ParseJob(file_name="bojāts.xlsx", data=b"PK\x03\x04 not a zip archive")
    one, two = _parse(job, how=(False, False)), _parse(job, how=(True, True))
    assert one.result is None and one.code is not None
    assert (two.code, two.error) == (one.code, one.error)


@pytest.mark.parametrize("where", ["_read", "_check"])
def test_an_abort_ends_only_the_parse(monkeypatch, how, where):
    """Given a read or checks that abort the process (as calamine's Rust abort did), When parsed, Then
    parse-crashed naming the signal."""
    monkeypatch.setattr(worker, where, _abort)
    parsed = _parse(ParseJob(file_name="a.xlsx", path=str(FIXTURES / "csp_export.csv")), how=how)
    assert (parsed.result, parsed.code) == (None, "parse-crashed")
    assert parsed.line == (
        "Faila “a.xlsx” apstrāde avarēja (signāls SIGABRT); fails netika nolasīts, citi lietotāji to "
        "neizjuta / Processing “a.xlsx” crashed (signal SIGABRT); the file was not read, and no one else "
        "was affected"
    )


def test_a_slow_parse_is_stopped_at_the_wall_clock_limit(monkeypatch, how):
    """Given a parse that never ends, When the limit is 1 s, Then parse-time-limit, and the children are gone."""
    monkeypatch.setattr(worker, "_read", _sleep)
    parsed = _parse(ParseJob(file_name="lēns.csv", data=b"x"), limits=Limits(max_seconds=1), how=how)
    assert parsed.code == "parse-time-limit"
    assert parsed.line == (
        "Faila “lēns.csv” apstrāde (nolasīšana, tabulu atpazīšana, nosaukumu salīdzināšana un pārbaudes) pārsniedza "
        "1 sekundes un tika pārtraukta / Processing “lēns.csv” (reading, finding the tables, matching names and "
        "checks) took longer than 1 seconds and was stopped"
    )
    assert mp.active_children() == []


@pytest.mark.parametrize("where", ["_read", "_check"])
def test_a_memory_blow_up_is_refused(monkeypatch, how, where):
    """Given a read or checks that allocate four times the budget, When parsed, Then parse-memory-limit naming it."""
    monkeypatch.setattr(worker, where, _allocate)
    job = ParseJob(file_name="liels.xlsx", path=str(FIXTURES / "csp_export.csv"))
    parsed = _parse(job, limits=Limits(max_memory_bytes=200 * MB), how=how)
    assert parsed.code == "parse-memory-limit"
    assert parsed.line == (
        "Faila “liels.xlsx” apstrādei vajadzēja vairāk nekā 200 MB atmiņas, tāpēc tā tika pārtraukta / "
        "Processing “liels.xlsx” needed more than 200 MB of memory and was stopped"
    )


def test_calamine_abort_without_the_extent_scan_is_a_memory_limit(monkeypatch, how):
    """Given the crash file and the cell scan switched off, When parsed, Then calamine's own allocation fails
    in the child (Rust aborts) and the caller gets parse-memory-limit instead of dying."""
    monkeypatch.setattr(excel, "inspect_zip", lambda *a, **k: {})
    parsed = _parse(ParseJob(file_name="crash.xlsx", data=crash_file()), how=how)
    assert parsed.code == "parse-memory-limit"
    assert parsed.line.startswith("Faila “crash.xlsx” apstrādei vajadzēja vairāk nekā 1024 MB atmiņas")


def test_a_bug_in_the_pipeline_is_one_line(monkeypatch, how):
    """Given a pipeline that raises, When parsed, Then parse-crashed names the exception in one line."""

    def boom(*args, **kwargs):
        raise ValueError("nekas\nneiet")

    monkeypatch.setattr(pipeline, "ingest_workbook", boom)
    parsed = _parse(ParseJob(file_name="csp_export.csv", path=str(FIXTURES / "csp_export.csv")), how=how)
    assert parsed.code == "parse-crashed"
    assert "(ValueError: nekas neiet)" in parsed.line and "\n" not in parsed.line


def test_a_parse_started_before_its_mappings_uses_them(split):
    """Given a worker started without mappings (the command line forks before it opens the database), When the
    saved mapping follows, Then the result is the one a parse given it from the start gets: the label is mapped."""
    path, mapping = str(FIXTURES / "indicators.csv"), {"bibliotēku  APMEKLĒJUMI": "public_libraries"}
    given = parse(ParseJob(file_name="indicators.csv", path=path, mappings=mapping))
    later = worker.start(ParseJob(file_name="indicators.csv", path=path, mappings=None), split=split)
    later.hand(mapping)
    later = later.finish(mappings={"ignored": "handed already"})
    assert later.error is None and later.result.mappings == given.result.mappings == mapping
    assert later.result.rows.equals(given.result.rows)
    assert later.result.report.issues == given.result.report.issues


def test_a_cancelled_parse_leaves_no_child(split):
    """Given a worker waiting for its mappings, When the caller cancels (the file was stored already), Then the
    children are gone at once."""
    job = ParseJob(file_name="csp_export.csv", path=str(FIXTURES / "csp_export.csv"), mappings=None)
    running = worker.start(job, split=split)
    children = [stage.process for stage in running._stages]
    running.cancel()
    assert len(children) == (2 if split else 1)
    assert [child.exitcode is not None for child in children] == [True] * len(children)
    assert mp.active_children() == []


def test_the_parse_never_loads_the_database_layer():
    """Given a fresh interpreter, When a workbook and a survey are parsed as the worker does, Then SQLAlchemy and the
    store were never imported: the child starts working without paying for them."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    files = [FIXTURES / "wide_line.xlsx", root / "tests" / "fixtures" / "coverage" / "survey_2024_lv.xlsx"]
    code = (
        "import sys\n"
        "from analysis.ingest.worker import ParseJob, parse\n"
        "for path in sys.argv[1:]:\n"
        "    got = parse(ParseJob(file_name=path.rsplit('/', 1)[-1], path=path), isolated=False)\n"
        "    survey = got.result.survey if got.result is not None else None\n"
        "    assert got.result is not None and len(got.result.rows) + (0 if survey is None else len(survey)), path\n"
        "print(sorted(m for m in sys.modules if m == 'sqlalchemy' or m.startswith('analysis.store')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *map(str, files)], cwd=root, capture_output=True, text=True)
    assert (out.returncode, out.stdout.strip()) == (0, "[]"), out.stderr

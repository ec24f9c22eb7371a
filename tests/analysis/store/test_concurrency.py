"""Stores of one dataset are serialised: 8 at once of one file give one upload; of 8 files, 8. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from analysis.access import Actor, Role
from analysis.store import (
    current_observations,
    current_upload_with_sha,
    list_uploads,
    restore_upload,
    store_upload,
)

ANALYST = Actor(name="bac", role=Role.NATIONAL_ANALYST)
CESIS = "LV0026000"
N = 8


def _rows(value: float) -> pd.DataFrame:
    return pd.DataFrame(
        {"municipality_code": [CESIS] * 50, "indicator": ["births"] * 50, "year": range(1975, 2025),
         "value": [value] * 50, "count": [value] * 50, "denominator": [None] * 50, "status": [None] * 50,
         "note": [None] * 50, "sheet": ["Dati"] * 50, "source_row": range(2, 52)}
    )


def _at_once(fn, args: list) -> list:
    """Runs fn for every argument in its own thread, all released together by a barrier."""
    barrier = threading.Barrier(len(args))

    def go(a):
        barrier.wait(timeout=60)
        return fn(a)

    with ThreadPoolExecutor(len(args)) as pool:
        return list(pool.map(go, args))


def _store(engine, *, sha: str, value: float, name: str = "cesis.csv"):
    return store_upload(engine, file_name=name, sha256=sha, size_bytes=10, actor=ANALYST, rows=_rows(value),
                        dataset=f"{name}|{CESIS}")


def test_eight_concurrent_stores_of_one_file_give_one_upload(any_engine):
    results = _at_once(lambda _: _store(any_engine, sha="a" * 64, value=1.0), list(range(N)))
    ups = list_uploads(any_engine)
    assert len(ups) == 1
    assert sorted(r.duplicate for r in results) == [False] + [True] * (N - 1)
    assert {r.upload_id for r in results} == {int(ups["id"].iloc[0])}
    assert len(current_observations(any_engine)) == 50


def test_eight_concurrent_stores_of_a_new_version_give_one_upload(any_engine):
    """Given a series with v1 in effect (its lock row exists) / When 8 stores of v2 at once / Then only one v2."""
    _store(any_engine, sha="1" * 64, value=1.0)
    results = _at_once(lambda _: _store(any_engine, sha="2" * 64, value=2.0), list(range(N)))
    assert sorted(r.duplicate for r in results) == [False] + [True] * (N - 1)
    assert list_uploads(any_engine)["version"].tolist() == [2, 1]
    assert current_observations(any_engine)["value"].unique().tolist() == [2.0]


def test_eight_concurrent_different_files_all_land(any_engine):
    results = _at_once(lambda i: _store(any_engine, sha=f"{i:064d}", value=float(i), name=f"f{i}.csv"), list(range(N)))
    assert [r.duplicate for r in results] == [False] * N
    assert len(list_uploads(any_engine)) == N


def test_eight_concurrent_versions_of_one_dataset_are_eight_versions_in_a_line(any_engine):
    """Given 8 different files of one series at once / Then 8 versions 1..8 and the newest id is the one in effect."""
    _at_once(lambda i: _store(any_engine, sha=f"{i:064d}", value=float(i)), list(range(N)))
    ups = list_uploads(any_engine)
    assert sorted(ups["version"].tolist()) == list(range(1, N + 1))
    cur = current_observations(any_engine)
    assert cur["upload_id"].unique().tolist() == [int(ups["id"].max())]
    newest_sha = ups.loc[ups["id"].idxmax(), "sha256"]
    assert cur["value"].unique().tolist() == [float(int(newest_sha))]


def test_a_file_no_longer_current_after_restore_comes_back_as_a_new_version(any_engine):
    """Given v1, v2, then v1 restored / When v2's file is uploaded again / Then a new version 4 with v2's values."""
    v1 = _store(any_engine, sha="1" * 64, value=1.0)
    v2 = _store(any_engine, sha="2" * 64, value=2.0)
    assert current_upload_with_sha(any_engine, sha256="2" * 64) == v2.upload_id
    restored = restore_upload(any_engine, upload_id=v1.upload_id, actor=ANALYST)
    assert current_upload_with_sha(any_engine, sha256="2" * 64) is None
    assert current_upload_with_sha(any_engine, sha256="1" * 64) == restored.upload_id

    again = _store(any_engine, sha="2" * 64, value=2.0)

    assert (again.duplicate, again.n_rows) == (False, 50)
    ups = list_uploads(any_engine).sort_values("id")
    assert ups[["status", "version"]].values.tolist() == [["stored", 1], ["stored", 2], ["restore", 3], ["stored", 4]]
    assert current_observations(any_engine)["value"].unique().tolist() == [2.0]
    # and once current, the same file is recognised again
    assert _store(any_engine, sha="2" * 64, value=2.0).duplicate

"""Storage round trip on a real SQLite file: atomic stores, de-duplication, supersede, diff and restore."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.access import Actor, Role
from analysis.store import (
    current_observations,
    custom_labels,
    data_version,
    dataset_key,
    diff_uploads,
    list_uploads,
    previous_version,
    restore_upload,
    store_upload,
)

CESIS = "LV0026000"


def _rows(values: dict[int, float | None], *, indicator: str = "births", status=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "municipality_code": CESIS,
            "indicator": indicator,
            "year": list(values),
            "value": list(values.values()),
            "count": None,
            "denominator": None,
            "status": status,
            "note": None,
            "sheet": "1 Demogrāfija",
            "source_row": range(5, 5 + len(values)),
        }
    )


def _store(engine, rows, *, sha, name="Cēsu novads.xlsx"):
    return store_upload(
        engine,
        file_name=name,
        sha256=sha,
        size_bytes=1234,
        actor=Actor(name="tester", role=Role.NATIONAL_ANALYST),
        rows=rows,
        dataset=dataset_key(file_name=name, municipality_code=CESIS),
    )


def _current(engine) -> list[tuple]:
    cur = current_observations(engine)
    return list(cur[["indicator", "year", "value", "upload_id"]].itertuples(index=False, name=None))


def test_round_trip_keeps_values_and_nulls(any_engine):
    """Given an upload with a missing value / When stored and read back / Then values and NULLs survive exactly."""
    result = _store(any_engine, _rows({2022: 180.0, 2023: None, 2024: 171.0}), sha="a" * 64)
    assert (result.duplicate, result.n_rows) == (False, 3)
    cur = current_observations(any_engine)
    assert cur[["indicator", "year", "upload_id"]].values.tolist() == [
        ["births", 2022, result.upload_id],
        ["births", 2023, result.upload_id],
        ["births", 2024, result.upload_id],
    ]
    assert cur["value"].fillna(-1).tolist() == [180.0, -1, 171.0]
    cur = current_observations(any_engine)
    assert cur["value"].isna().tolist() == [False, True, False]
    assert cur["sheet"].tolist() == ["1 Demogrāfija"] * 3


def test_same_file_twice_is_recognised(any_engine):
    """Given a stored file / When the identical file is stored again / Then the first upload is returned, nothing added."""
    first = _store(any_engine, _rows({2024: 171.0}), sha="b" * 64)
    second = _store(any_engine, _rows({2024: 171.0}), sha="b" * 64)
    assert (second.upload_id, second.duplicate) == (first.upload_id, True)
    assert len(list_uploads(any_engine)) == 1


def test_corrected_upload_supersedes_and_old_version_can_be_restored(any_engine):
    """Given v1 and a corrected v2 / When v1 is restored / Then v1's values are current and keys only v2 had are withdrawn."""
    v1 = _store(any_engine, _rows({2022: 180.0, 2023: 175.0}), sha="c" * 64)
    v2 = _store(any_engine, _rows({2022: 180.0, 2023: 176.0, 2024: 170.0}), sha="d" * 64, name="Cēsu novads (2).xlsx")
    assert _current(any_engine) == [
        ("births", 2022, 180.0, v2.upload_id),
        ("births", 2023, 176.0, v2.upload_id),
        ("births", 2024, 170.0, v2.upload_id),
    ]
    assert previous_version(any_engine, upload_id=v2.upload_id) == v1.upload_id
    diff = diff_uploads(any_engine, upload_id=v2.upload_id, previous_id=v1.upload_id)
    assert list(diff[["year", "value_old", "value_new", "change"]].itertuples(index=False, name=None))[0] == (
        2023,
        175.0,
        176.0,
        "changed",
    )
    assert diff["change"].tolist() == ["changed", "added"]
    restored = restore_upload(any_engine, upload_id=v1.upload_id, actor=Actor(name="tester", role=Role.NATIONAL_ANALYST))
    assert _current(any_engine) == [
        ("births", 2022, 180.0, restored.upload_id),
        ("births", 2023, 175.0, restored.upload_id),
    ]
    uploads = list_uploads(any_engine)
    assert uploads[["id", "status", "version"]].values.tolist() == [
        [restored.upload_id, "restore", 3],
        [v2.upload_id, "stored", 2],
        [v1.upload_id, "stored", 1],
    ]
    assert data_version(any_engine) == restored.upload_id


def test_failed_store_writes_nothing(any_engine):
    """Given rows that break a constraint mid-insert / When stored / Then neither the upload nor any row remains."""
    bad = _rows({2022: 1.0, 2023: 2.0})
    bad.loc[1, "year"] = None  # year is NOT NULL: the second insert fails after the upload row was written
    with pytest.raises(Exception):
        _store(any_engine, bad, sha="e" * 64)
    assert len(list_uploads(any_engine)) == 0
    assert len(current_observations(any_engine)) == 0


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Cēsu novads.xlsx", "cesu novads|LV0026000"),
        ("CESU NOVADS (2).xlsx", "cesu novads|LV0026000"),
        ("cesu novads_v3.xlsx", "cesu novads|LV0026000"),
    ],
)
def test_dataset_key_groups_versions_of_one_file(name, key):
    """Given re-saved copies of a workbook / When keyed / Then they fall into one version series."""
    assert dataset_key(file_name=name, municipality_code=CESIS) == key


def test_unmatched_labels_and_mappings_are_remembered(any_engine):
    """Given an upload with an unmatched label, then one mapping it / When stored / Then the mapping is remembered."""
    store_upload(
        any_engine,
        file_name="a.xlsx",
        sha256="1" * 64,
        size_bytes=1,
        actor=Actor(name="tester", role=Role.NATIONAL_ANALYST),
        rows=_rows({2024: 3.0}, indicator="Bērni ģimenēs ar 3+ bērniem"),
        custom_labels=["Bērni ģimenēs ar 3+ bērniem"],
    )
    assert custom_labels(any_engine).values.tolist() == [["Bērni ģimenēs ar 3+ bērniem", None, 1]]
    store_upload(
        any_engine,
        file_name="b.xlsx",
        sha256="2" * 64,
        size_bytes=1,
        actor=Actor(name="tester", role=Role.NATIONAL_ANALYST),
        rows=_rows({2024: 3.0}, indicator="births"),
        label_mappings={"Bērni ģimenēs ar 3+ bērniem": "births", "Dzimušie": "births"},
    )
    assert custom_labels(any_engine).values.tolist() == [
        ["Bērni ģimenēs ar 3+ bērniem", "births", 1],
        ["Dzimušie", "births", 2],
    ]

"""The values in effect are kept in current_values with every store and restore, equal to the newest row per key."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import text

from analysis.access import Actor, Role
from analysis.store import KEY, current_observations, init_db, restore_upload, store_upload
from analysis.store.schema import current_values

ANALYST = Actor(name="t", role=Role.NATIONAL_ANALYST)
CODES = ["LV0001000", "LV0002000", "LV0003000"]


def _rows(*, value: float, years: range, codes=CODES) -> pd.DataFrame:
    return pd.DataFrame(
        [{"municipality_code": c, "indicator": "population_total", "year": y, "value": value + y, "count": None,
          "denominator": None, "status": None, "note": None, "sheet": "Dati", "source_row": 2}
         for c in codes for y in years]
    )


def _store(engine, *, sha: str, value: float, years: range, name: str = "dati.csv", codes=CODES):
    return store_upload(engine, file_name=name, sha256=sha, size_bytes=1, actor=ANALYST,
                        rows=_rows(value=value, years=years, codes=codes))


def _newest_per_key(engine) -> pd.DataFrame:
    """The definition, computed from the whole history: each key's row from its newest upload, withdrawn dropped."""
    with engine.connect() as conn:
        every = pd.read_sql_query(text("SELECT * FROM observations"), conn)
    newest = every.sort_values(["upload_id", "id"]).groupby(KEY).tail(1)
    newest = newest[newest["status"].fillna("") != "withdrawn"]
    return newest.sort_values(KEY)[["upload_id", *KEY, "value"]].reset_index(drop=True)


def _history(engine) -> None:
    """Three versions of one dataset (the third drops 2024), a restore of the second, another dataset on top."""
    v1 = _store(engine, sha="1" * 64, value=1.0, years=range(2020, 2024))
    _store(engine, sha="2" * 64, value=2.0, years=range(2020, 2025))
    _store(engine, sha="3" * 64, value=3.0, years=range(2021, 2024))
    restore_upload(engine, upload_id=v1.upload_id, actor=ANALYST)  # 2024 withdrawn, 2020–2023 back to v1
    _store(engine, sha="4" * 64, value=4.0, years=range(2023, 2026), name="cita.csv", codes=CODES[:1])


def test_current_values_are_the_newest_row_of_every_key_through_stores_and_restores(any_engine):
    """Given versions, a restore that withdraws a key and a second dataset / Then the values in effect are exactly
    the newest row per key of the whole history."""
    _history(any_engine)
    got = current_observations(any_engine)[["upload_id", *KEY, "value"]]
    expected = _newest_per_key(any_engine)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
    assert got[got["municipality_code"] == CODES[0]]["year"].tolist() == [2020, 2021, 2022, 2023, 2024, 2025]
    assert got[got["municipality_code"] == CODES[1]]["year"].tolist() == [2020, 2021, 2022, 2023]
    assert got.loc[got["year"] == 2020, "value"].tolist() == [2021.0] * 3


def test_one_municipality_is_its_own_rows(any_engine):
    _history(any_engine)
    one = current_observations(any_engine, municipality_codes=[CODES[1]])
    every = current_observations(any_engine)
    pd.testing.assert_frame_equal(one, every[every["municipality_code"] == CODES[1]].reset_index(drop=True))


def test_one_municipality_reads_only_its_key_range_on_sqlite(engine):
    """Given SQLite's plan for one municipality / Then it searches the primary key, never scans the table."""
    _history(engine)
    with engine.connect() as conn:
        plan = " ".join(r[-1] for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT * FROM current_values WHERE municipality_code IN ('LV0002000')")))
    assert "SEARCH current_values USING PRIMARY KEY (municipality_code=?)" in plan


def test_upgrade_fills_current_values_from_an_existing_history(engine):
    """Given a database with history at the revision before current_values / When init_db upgrades it / Then the
    values in effect are those the history says."""
    _history(engine)
    before = current_observations(engine)
    with engine.begin() as conn:
        current_values.drop(conn)
        conn.execute(text("CREATE INDEX ix_observations_key ON observations (municipality_code, indicator, year, "
                          "upload_id)"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0005_accounts_audit'"))
    init_db(engine)
    pd.testing.assert_frame_equal(current_observations(engine), before)
    assert len(before) == 14


def test_a_key_twice_in_one_upload_keeps_its_last_row(any_engine):
    """Given an upload (valid rows only) holding one key twice / Then its last row is in effect, on either database."""
    rows = pd.concat([_rows(value=1.0, years=range(2020, 2021)), _rows(value=5.0, years=range(2020, 2021))])
    store_upload(any_engine, file_name="d.csv", sha256="d" * 64, size_bytes=1, actor=ANALYST, rows=rows)
    assert current_observations(any_engine)["value"].tolist() == [2025.0] * 3


def test_bulk_store_keeps_every_value_exactly(any_engine):
    """Given text that COPY and executemany must escape (tab, newline, backslash, \\N), NULLs and floats / When
    stored / Then the upload's rows read back exactly."""
    from analysis.store import upload_observations

    rows = _rows(value=0.1, years=range(2020, 2023))
    rows["note"] = ["a\tb", "c\nd", "e\\f", "\\N", None, "ā ļ ž", "", "x;y", "'q'"]
    rows.loc[0, "value"] = None
    rows["count"] = [1.5e300, -0.0, 3.0, None, 5.0, 6.0, 7.0, 8.0, 9.0]
    got = store_upload(any_engine, file_name="e.csv", sha256="e" * 64, size_bytes=1, actor=ANALYST, rows=rows)
    back = upload_observations(any_engine, upload_id=got.upload_id)
    assert back["note"].tolist() == rows["note"].tolist()
    assert back["count"].fillna(-1).tolist() == rows["count"].fillna(-1).tolist()
    assert back["value"].isna().tolist() == [True] + [False] * 8

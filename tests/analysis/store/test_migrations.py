"""Alembic migrations: one head, a schema equal to the tables the code uses, round-1 databases upgraded in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from analysis.store import current_observations, head_revision, init_db, list_uploads, make_engine
from analysis.store.engine import MIGRATIONS_DIR, SchemaVersionError, migrate, write_transaction
from analysis.store.schema import metadata

ROUND1_DUMP = Path(__file__).resolve().parents[2] / "fixtures" / "store" / "round1.sql"


def _round1_database(path: Path) -> None:
    """A database exactly as round 1's code left it (its sqlite3 dump: schema v1, three uploads, no Alembic)."""
    con = sqlite3.connect(path)
    con.executescript(ROUND1_DUMP.read_text(encoding="utf-8"))
    con.close()


def test_exactly_one_head():
    """Given every revision / Then they form one line: a second head means a rebase forgot to re-point down_revision."""
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    assert heads == [head_revision()]


def _empty(any_engine) -> None:
    with any_engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(text("DROP TABLE alembic_version"))
        assert inspect(conn).get_table_names() == []


def test_migrated_schema_is_the_code_schema(any_engine):
    """Given a database built only by the migrations / Then it has exactly the tables, columns and indexes schema.py names."""
    _empty(any_engine)
    with write_transaction(any_engine) as conn:
        migrate(conn)
    with any_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def test_new_database_is_created_at_head_without_alembic(any_engine):
    """Given an empty database / When init_db creates it from schema.py / Then Alembic sees head and no difference."""
    _empty(any_engine)
    assert init_db(any_engine) == head_revision()
    with any_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def test_init_db_twice_changes_nothing(engine):
    assert init_db(engine) == head_revision()
    assert init_db(engine) == head_revision()


def test_round1_database_is_upgraded_in_place_keeping_uploads(tmp_path):
    """Given a database made by round 1 / When init-db runs / Then it is at head with all 3 uploads and values kept."""
    db = tmp_path / "round1.sqlite"
    _round1_database(db)
    engine = make_engine(f"sqlite:///{db}")
    before = list_uploads(engine)[["id", "file_name", "sha256", "status", "uploader"]]

    assert init_db(engine) == head_revision()

    assert list_uploads(engine)[["id", "file_name", "sha256", "status", "uploader"]].equals(before)
    assert before["status"].tolist() == ["restore", "stored", "stored"]
    # the values in effect are filled from the history (upload 3 is the newest, a restore)
    values = current_observations(engine)
    assert values[["year", "value", "upload_id"]].values.tolist() == [[2023, 120.0, 3], [2024, 118.0, 3]]
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_cli_upgrades_round1_database(tmp_path, capsys):
    """Given round 1's database / When `python -m analysis init-db --db URL` / Then exit 0, at head, uploads kept."""
    from analysis.cli import main

    db = tmp_path / "round1.sqlite"
    _round1_database(db)
    assert main(["init-db", "--db", f"sqlite:///{db}"]) == 0
    assert f"({head_revision()})" in capsys.readouterr().out
    assert len(list_uploads(make_engine(f"sqlite:///{db}"))) == 3


def test_newer_database_is_refused_and_left_alone(engine):
    """Given a database stamped by a newer program / When init_db / Then a clear LV+EN error and nothing changed."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(SchemaVersionError, match="newer than this program") as err:
        init_db(engine)
    assert "jaunāka" in str(err.value)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_from_the_future"


def _tables(engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars().all())


def test_failed_upgrade_leaves_nothing_half_done(tmp_path, monkeypatch):
    """Given round 1's database and a migration that fails midway / Then the database is exactly as it was."""
    from alembic import command

    db = tmp_path / "round1.sqlite"
    _round1_database(db)
    engine = make_engine(f"sqlite:///{db}")
    before = _tables(engine)
    real = command.upgrade

    def failing(cfg, rev):
        real(cfg, rev)
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "upgrade", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        init_db(engine)
    assert _tables(engine) == before
    assert "alembic_version" not in before


def test_failed_create_leaves_no_table(tmp_path, monkeypatch):
    """Given an empty database whose creation fails after the tables / Then no table at all is left behind."""
    import analysis.store.engine as eng_mod

    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")

    def failing(conn):
        raise RuntimeError("disk full")

    monkeypatch.setattr(eng_mod._ALEMBIC_VERSION, "create", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        init_db(engine)
    assert _tables(engine) == []

"""Opening the database and bringing its schema to the newest Alembic revision, keeping every upload."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection

from analysis.paths import database_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The round-1 schema (before Alembic); a database that has its tables but no alembic_version is stamped with it.
BASELINE = "0001_round1"
_WRITE_LOCK = "bta_write_lock"


class SchemaVersionError(RuntimeError):
    """The database was written by a newer version of this tool."""


def _sqlite_connect(dbapi_conn, _record) -> None:
    # The driver's own transaction handling is switched off so that DDL is transactional too and `_sqlite_begin`
    # decides how each transaction starts.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Writers take SQLite's write lock at BEGIN (IMMEDIATE), so a check-then-insert cannot interleave."""
    immediate = conn.get_execution_options().get(_WRITE_LOCK)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL (default: DATABASE_URL or the SQLite file under var/), folders created as needed."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 120})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One writing transaction; on SQLite it holds the database's write lock from its first statement."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_LOCK: True})
        with conn.begin():
            yield conn


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    """The newest revision this code knows; exactly one head may exist."""
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"expected one Alembic head, found {sorted(heads)}")
    return heads[0]


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def init_db(engine: Engine) -> str:
    """Creates or upgrades the schema in one transaction, keeping every row; returns the revision now in force."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = head_revision()
    with write_transaction(engine) as conn:
        cfg = _alembic_config(conn)
        current = current_revision(conn)
        if current is not None and current not in {r.revision for r in script.walk_revisions()}:
            raise SchemaVersionError(
                f"Datubāzes shēmas versija {current} ir jaunāka par šīs programmas ({head}) / "
                f"database schema version {current} is newer than this program's ({head})"
            )
        if current is None and inspect(conn).has_table("uploads"):
            command.stamp(cfg, BASELINE)
        command.upgrade(cfg, "head")
    return head

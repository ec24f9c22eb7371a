"""Opening the database and bringing its schema to the newest Alembic revision, keeping every upload."""

from __future__ import annotations

import ast
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import (
    Column,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    inspect,
)
from sqlalchemy.engine import Connection

from analysis.paths import database_url
from analysis.store.schema import metadata

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


# Alembic's own version table, as `alembic stamp` makes it; written directly when a new database is created.
_ALEMBIC_VERSION = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


def _alembic_config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def revisions() -> dict[str, str | None]:
    """revision -> down_revision of every migration file, read without importing Alembic (0.3 s a process)."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found: dict[str, str | None] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(
                node, "target", None)
            if isinstance(target, ast.Name) and target.id in {"revision", "down_revision"}:
                found[target.id] = ast.literal_eval(node.value)
        if "revision" in found:
            graph[found["revision"]] = found.get("down_revision")
    return graph


def head_revision() -> str:
    """The newest revision this code knows; exactly one head may exist."""
    graph = revisions()
    heads = set(graph) - set(graph.values())
    if len(heads) != 1:
        raise RuntimeError(f"expected one Alembic head, found {sorted(heads)}")
    return heads.pop()


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at (Alembic's version table), None before Alembic."""
    if not inspect(conn).has_table(_ALEMBIC_VERSION.name):
        return None
    return conn.execute(_ALEMBIC_VERSION.select()).scalar()


def migrate(conn: Connection) -> None:
    """Runs the Alembic revisions from where the database stands to head; a round-1 database is stamped first."""
    from alembic import command

    cfg = _alembic_config(conn)
    if current_revision(conn) is None and inspect(conn).has_table("uploads"):
        command.stamp(cfg, BASELINE)
    command.upgrade(cfg, "head")


def init_db(engine: Engine) -> str:
    """Creates or upgrades the schema in one transaction, keeping every row; returns the revision now in force.

    A database at head costs one query, and an empty one is created from schema.py and stamped (a test holds it
    equal to the migrations' result): Alembic is imported only when revisions must run, so `ingest` starts fast.
    """
    graph = revisions()
    head = head_revision()
    with write_transaction(engine) as conn:
        current = current_revision(conn)
        if current == head:
            return head
        if current is not None and current not in graph:
            raise SchemaVersionError(
                f"Datubāzes shēmas versija {current} ir jaunāka par šīs programmas ({head}) / "
                f"database schema version {current} is newer than this program's ({head})"
            )
        if current is None and not inspect(conn).get_table_names():
            metadata.create_all(conn)
            _ALEMBIC_VERSION.create(conn)
            conn.execute(_ALEMBIC_VERSION.insert().values(version_num=head))
            return head
        migrate(conn)
    return head

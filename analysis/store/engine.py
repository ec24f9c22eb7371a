"""Opening the database and bringing its schema to the version this code expects."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import Connection

from analysis.paths import database_url
from analysis.store.schema import SCHEMA_VERSION, metadata, schema_meta


class SchemaVersionError(RuntimeError):
    """The database was written by a newer version of this tool."""


# version -> function that upgrades a database from version-1 to version
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL (default: DATABASE_URL or the SQLite file under var/), folders created as needed."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def schema_version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("schema_meta"):
        return None
    row = conn.execute(select(schema_meta.c.value).where(schema_meta.c.key == "schema_version")).first()
    return int(row[0]) if row else None


def init_db(engine: Engine) -> int:
    """Creates missing tables and runs pending migrations in one transaction; returns the schema version."""
    with engine.begin() as conn:
        current = schema_version(conn)
        if current is not None and current > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"Datubāzes shēmas versija {current} ir jaunāka par šīs programmas {SCHEMA_VERSION} / "
                f"database schema version {current} is newer than this program's {SCHEMA_VERSION}"
            )
        if current is None:
            metadata.create_all(conn)
            conn.execute(schema_meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
            return SCHEMA_VERSION
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](conn)
        metadata.create_all(conn)
        conn.execute(
            schema_meta.update()
            .where(schema_meta.c.key == "schema_version")
            .values(value=str(SCHEMA_VERSION))
        )
        return SCHEMA_VERSION

"""A throwaway PostgreSQL server for tests: TEST_POSTGRES_URL if given, else a private cluster started from Debian's binaries."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.ports import free_port


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _as_user() -> list[str]:
    """initdb refuses to run as root, so a root test run hands the cluster to an unprivileged user."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            subprocess.run(["id", user], check=True, capture_output=True)
            return ["runuser", "-u", user, "--"]
        except (subprocess.CalledProcessError, FileNotFoundError):
            continue
    return []


@contextmanager
def _worker_database(url: str, worker: str) -> Iterator[str]:
    """A fresh database named after the worker on the given server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database or 'postgres'}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def postgres_url(worker: str | None = None) -> Iterator[str | None]:
    """Yields a SQLAlchemy URL to an empty database, or None when no PostgreSQL can be had here. A parallel test
    worker (pytest-xdist's gw0, gw1, …) starts a cluster of its own, or on TEST_POSTGRES_URL gets a database of its
    own: the tests drop and create the schema of the database they are given."""
    env_url = os.environ.get("TEST_POSTGRES_URL")
    if env_url:
        if worker is None:
            yield env_url
        else:
            with _worker_database(env_url, worker) as url:
                yield url
        return
    bindir = _bin_dir()
    if bindir is None:
        yield None
        return
    tmp = Path(tempfile.mkdtemp(prefix="bta-pg-"))
    prefix = _as_user()
    if prefix:
        shutil.chown(tmp, user=prefix[2])
    data, port = tmp / "data", free_port()
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *prefix,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-l",
            str(tmp / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(tmp, ignore_errors=True)

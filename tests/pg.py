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


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
def postgres_url() -> Iterator[str | None]:
    """Yields a SQLAlchemy URL to an empty database, or None when no PostgreSQL can be had here."""
    env_url = os.environ.get("TEST_POSTGRES_URL")
    if env_url:
        yield env_url
        return
    bindir = _bin_dir()
    if bindir is None:
        yield None
        return
    tmp = Path(tempfile.mkdtemp(prefix="bta-pg-"))
    prefix = _as_user()
    if prefix:
        shutil.chown(tmp, user=prefix[2])
    data, port = tmp / "data", _free_port()
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

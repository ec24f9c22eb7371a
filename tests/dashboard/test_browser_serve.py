"""`make serve`: two dashboard replicas on one PostgreSQL; an upload stored through the library shows on both."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

import pandas as pd
import pytest
from sqlalchemy import text

from analysis.access import Actor, Role
from analysis.store import init_db, make_engine, store_upload
from tests.dashboard.browser_util import REPO, chromium, free_port, wait_ready

pytestmark = pytest.mark.browser
ANALYST = Actor(name="serve-test", role=Role.NATIONAL_ANALYST)
MUNICIPALITY = "LV0001000"  # Rīga
EMPTY = "Datubāzē vēl nav datu"  # the overview's empty state (translations: overview.empty)
WITH_DATA = "Pašvaldības ar datiem"  # its first metric once there are data


def _fresh(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    init_db(engine)
    engine.dispose()


def _account(url: str) -> None:
    """The first account, so that the shared deployment may start (`users check`)."""
    out = subprocess.run(
        [".venv/bin/python", "-m", "analysis", "users", "add", "bac", "--role", "analyst", "--password-stdin",
         "--db", url], input="garš-un-drošs-parole-2026\n", capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr


def _two_free_ports() -> int:
    """A port whose next port is free too (`make serve` uses PORT and PORT+1)."""
    while True:
        port = free_port()
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue


def _healthy(port: int, *, proc: subprocess.Popen, log, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    log.seek(0)
    raise AssertionError(f"replica on {port} did not start: {log.read().decode(errors='replace')[-2000:]}")


def _rows() -> pd.DataFrame:
    return pd.DataFrame([{"municipality_code": MUNICIPALITY, "indicator": "population_total", "year": y,
                          "value": 600_000.0 - y, "count": None, "denominator": None, "status": None, "note": None,
                          "sheet": "Dati", "source_row": 2 + i} for i, y in enumerate(range(2015, 2025))])


def test_an_upload_shows_on_both_replicas_at_their_next_rerun(postgres_server):
    """Given `make serve` with two replicas on one PostgreSQL, both open and empty / When an upload is stored through
    the library / Then each replica shows the data at its next rerun, without a restart."""
    url = postgres_server
    _fresh(url)
    _account(url)
    port = _two_free_ports()
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        ["make", "-o", ".venv/.installed", "serve", f"PORT={port}", "REPLICAS=2", "ADDRESS=127.0.0.1"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        for p in (port, port + 1):
            _healthy(p, proc=proc, log=log)
        with chromium() as browser:
            pages = [browser.new_page(viewport={"width": 1400, "height": 900}) for _ in range(2)]
            for page, p in zip(pages, (port, port + 1)):
                page.goto(f"http://127.0.0.1:{p}/", timeout=180_000, wait_until="domcontentloaded")
                wait_ready(page, timeout=120_000)
                page.wait_for_function(f"() => document.body.innerText.includes({EMPTY!r})", timeout=120_000)
            engine = make_engine(url)
            store_upload(engine, file_name="riga.csv", sha256="a" * 64, size_bytes=1, actor=ANALYST, rows=_rows())
            engine.dispose()
            for page in pages:
                page.locator("h1").first.click()
                page.keyboard.press("r")  # Streamlit's rerun key: the same session runs again
                page.wait_for_function(
                    f"() => document.body.innerText.includes({WITH_DATA!r}) && !document.body.innerText.includes({EMPTY!r})",
                    timeout=120_000)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()

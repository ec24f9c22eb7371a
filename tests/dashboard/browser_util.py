"""A real `streamlit run` on a free port and Debian's Chromium through Playwright: for browser tests and `make bench`."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dashboard" / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHART = "[data-testid='stPlotlyChart'] .main-svg"


@contextlib.contextmanager
def streamlit_server(db_url: str, *, script: Path = APP, cwd: Path = REPO, timeout: float = 120) -> Iterator[str]:
    """`streamlit run dashboard/app.py` (or another script) on a free localhost port against db_url; yields the URL."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    # the log goes to a file: an unread pipe fills up and stops the server mid-test
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                out = log.read().decode(errors="replace")
                raise RuntimeError(f"streamlit did not start: {out[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def one_tab(browser, **context: object) -> Iterator[object]:
    """One tab that a module's tests take in turn, each setting its own screen size: every new tab costs Chromium a
    renderer's start and the frontend's scripts compiled again (about 2 s of CPU), a navigation in a used tab half."""
    ctx = browser.new_context(**context)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def take(page, *, width: int, height: int, timeout: float) -> object:
    """The module's tab for the next test: its screen size and its waits set, and nothing left of the last test."""
    page.goto("about:blank")
    page.set_viewport_size({"width": width, "height": height})
    page.set_default_timeout(timeout)
    return page


def wait_ready(page, *, timeout: float = 60_000) -> None:
    """Streamlit has finished the run: no 'running' indicator and a title is on the page."""
    page.wait_for_selector("h1", timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def time_to_first_chart(page, url: str, *, timeout: float = 60_000) -> float:
    """Seconds from navigation to the first drawn plotly chart (the browser number of `make bench`)."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(CHART, timeout=timeout)
    return time.perf_counter() - start


@contextlib.contextmanager
def sample_copy_server(sample_db: str, folder: Path) -> Iterator[str]:
    """`streamlit run` against a private copy of the sample database in folder, so a test may change what it stores."""
    copy = folder / "browser.sqlite"
    shutil.copy(Path(sample_db.removeprefix("sqlite:///")), copy)
    with streamlit_server(f"sqlite:///{copy}") as base:
        yield base

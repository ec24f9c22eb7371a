"""Not logged in, the downloads on 'Dati un metodes' are the public release: the bytes `publish` writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.access import Actor, Role
from analysis.accounts import add_account
from analysis.store import make_engine
from tests.dashboard.browser_util import CHROMIUM, SCREENSHOTS, chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser

ADMIN = Actor(name="test admin", role=Role.ADMINISTRATOR)
BUTTONS = {"tidy.csv": "Dati (CSV)", "totals.csv": "Kopsummas (CSV)", "release.xlsx": "Datu kopa (Excel)"}


@pytest.fixture(scope="module")
def deployment(sample_db, tmp_path_factory):
    """Given the sample with one account (so login is on and a visitor is public), running, and published."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    root = tmp_path_factory.mktemp("public")
    copy = root / "public.sqlite"
    shutil.copy(Path(sample_db.removeprefix("sqlite:///")), copy)
    url = f"sqlite:///{copy}"
    add_account(make_engine(url), actor=ADMIN, name="bac.analyst", role="national_analyst",
                password="a long test passphrase 7")
    out = root / "release"
    done = subprocess.run([sys.executable, "-m", "analysis", "publish", "--out", str(out), "--db", url],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    with streamlit_server(url) as base:
        yield base, out


def test_public_downloads_are_the_published_release(deployment, tmp_path):
    """Given a visitor who is not logged in / When each download on the methods page is taken / Then its bytes
    equal the file `python -m analysis publish` wrote for the same database."""
    base, out = deployment
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        page.goto(f"{base}/methods")
        try:
            wait_ready(page, timeout=300_000)
        finally:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "public_downloads.png"), full_page=True)
        page.get_by_role("tab", name="Lejupielādes").click()
        for file, label in BUTTONS.items():
            with page.expect_download(timeout=600_000) as info:
                page.get_by_role("button", name=label).click()
            target = tmp_path / file
            info.value.save_as(target)
            assert target.read_bytes() == (out / file).read_bytes(), file
        assert page.get_by_role("button", name="Lejupielādēt CSV").count() == 0
        page.close()

"""The dashboard in a real browser: upload a group workbook, find its values on the profile, switch to English.

Drives Debian's Chromium through Playwright against `streamlit run`; saves a screenshot of each step under
test-artifacts/screenshots/ (git-ignored) for people to look at (every page is opened in both languages by
test_accessibility_browser.py and looked at by test_language_fit_browser.py and the journeys).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.dashboard.apptest_util import REPO
from tests.dashboard.browser_util import (
    CHROMIUM,
    SCREENSHOTS,
    chromium,
    sample_copy_server,
    wait_ready,
)

pytestmark = pytest.mark.browser

WORKBOOK = REPO / "sample_municipalities" / "workbooks" / "cesu_novads_sintetiski.xlsx"
NEW_POPULATION = 40123  # the 2024 population written into the modified workbook


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    """Given `streamlit run` on a free port, against its own copy of the sample database."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("browser")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _modified_workbook(folder: Path) -> Path:
    """Last year's group workbook with this year's population corrected: a new version of the same dataset."""
    wb = load_workbook(WORKBOOK)
    ws = wb["1 Demogrāfija"]
    header = [c.value for c in ws[4]]
    ws.cell(row=5, column=header.index(2024) + 1, value=NEW_POPULATION)
    path = folder / WORKBOOK.name
    wb.save(path)
    return path


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_upload_then_profile_then_english(server, browser, tmp_path):
    """Given a corrected group workbook, When it is uploaded and confirmed, Then the profile shows the new value,
    and the English switch turns the page English."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/upload")
    wait_ready(page)
    page.locator("input[type=file]").set_input_files(str(_modified_workbook(tmp_path)))
    page.get_by_text(re.compile(r"Saprasts: Cēsu novads")).wait_for(timeout=60_000)
    _shot(page, "upload_parsed")
    page.get_by_role("button", name="Apstiprināt un saglabāt").click()
    page.get_by_text(re.compile(r"Saglabāts kā augšupielāde Nr\. \d+")).wait_for(timeout=60_000)
    _shot(page, "upload_stored")

    page.goto(f"{server}/profile?pasvaldiba=LV0026000")
    wait_ready(page)
    page.get_by_role("heading", name="Cēsu novads").wait_for(timeout=60_000)
    page.get_by_text(re.compile(r"^1\. Demogrāfiskā situācija")).click()
    expected = f"{NEW_POPULATION:,}".replace(",", "\u00a0")
    page.get_by_role("cell", name=expected, exact=True).first.wait_for(timeout=30_000)
    _shot(page, "profile_after_upload")

    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Municipality profile").wait_for(timeout=60_000)
    page.get_by_role("heading", name="All indicators at a glance").wait_for(timeout=60_000)
    page.get_by_text(re.compile(r"^1\. Demography")).wait_for(timeout=60_000)
    wait_ready(page)
    _shot(page, "profile_en")
    page.close()

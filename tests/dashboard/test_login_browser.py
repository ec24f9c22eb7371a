"""Login in Debian's Chromium: the public, the Cēsu editor's mixed file, throttled guessing, the analyst's audit log."""

from __future__ import annotations

import io
import os
import re

import openpyxl
import pytest

from analysis.accounts import add_account
from analysis.store import make_engine
from analysis.store.audit import read_events
from tests.dashboard.accounts import ADMIN, PASSWORD

# ---------------------------------------------------------------- in Debian's Chromium, as people meet it

CESIS_RIGA_CSV = (
    "Pašvaldība,Rādītājs,Gads,Vērtība\n"
    "Cēsu novads,Dzimušo skaits,2023,300\n"
    "Rīga,Dzimušo skaits,2023,5000\n"
    "Cēsu novads,Dzimušo skaits,2024,290\n"
    "Rīga,Dzimušo skaits,2024,4900\n"
)


@pytest.fixture
def browser_server(accounts_db):
    """Given `streamlit run` against a database with accounts (login on) and one more analyst to be guessed at."""
    from tests.dashboard.browser_util import CHROMIUM, streamlit_server

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make chromium)")
    engine = make_engine(accounts_db)
    add_account(engine, actor=ADMIN, name="guessed.at", role="national_analyst", password=PASSWORD)
    with streamlit_server(accounts_db) as base:
        yield base, engine
    engine.dispose()


def _wait_until(condition, *, timeout: float = 60) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.2)


def _form_log_in(page, name: str, password: str) -> None:
    page.get_by_role("button", name="Pieteikties").wait_for(timeout=60_000)  # the form is back after each rerun
    page.get_by_label("Lietotājvārds").fill(name)
    page.get_by_label("Parole").fill(password)
    page.get_by_role("button", name="Pieteikties").click()


def _events(engine, action: str) -> int:
    return int((read_events(engine)["action"] == action).sum())


@pytest.mark.browser
def test_public_editor_throttling_and_the_analysts_audit_log_in_chromium(browser_server, tmp_path):
    """Given login on / Then the public has no upload page; the Cēsu editor's Cēsu+Rīga file stores Cēsu only and
    says why per row; wrong passwords are throttled; the national analyst sees it all in the audit log."""
    from analysis.store import current_observations, list_uploads
    from tests.dashboard.browser_util import chromium, wait_ready

    base, engine = browser_server
    csv_path = tmp_path / "cesis_riga.csv"
    csv_path.write_text(CESIS_RIGA_CSV, encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(base)
        wait_ready(page)
        nav = page.locator("[data-testid='stSidebarNav']")
        nav.get_by_text("Sākums").wait_for(timeout=60_000)
        assert nav.get_by_text("Datu augšupielāde").count() == 0
        page.goto(f"{base}/upload")  # typed by hand: still no upload page
        wait_ready(page)
        assert page.locator("input[type=file]").count() == 0
        assert page.get_by_role("heading", name="Datu augšupielāde").count() == 0

        # the Cēsu editor: only Cēsu's rows are stored, each Rīga row says why
        page.goto(base)
        wait_ready(page)
        _form_log_in(page, "cesis.editor", PASSWORD)
        page.get_by_text("cesis.editor · pašvaldības redaktors").wait_for(timeout=60_000)
        assert page.get_by_label("Parole").count() == 0
        nav.get_by_text("Datu augšupielāde").click()
        page.locator("input[type=file]").set_input_files(str(csv_path))
        page.get_by_text("Saprasts: Cēsu novads", exact=False).wait_for(timeout=90_000)
        page.get_by_text("Kļūdas: 0 · brīdinājumi: 2 · piezīmes: 0").wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as report:  # the report as the editor takes it away
            page.get_by_role("button", name="Lejupielādēt ziņojumu (XLSX)").click()
        sheet = openpyxl.load_workbook(io.BytesIO(report.value.path().read_bytes())).active
        header, *rows = [[c.value for c in row] for row in sheet.iter_rows()]
        why = [(r[header.index("Rinda")], r[header.index("Apraksts")]) for r in rows
               if r[header.index("Kods")] == "other-municipality-row"]
        assert [row for row, _ in why] == ["3", "5"]
        assert all(m.startswith("Rinda attiecas uz 'Rīga', bet lietotājs 'cesis.editor' drīkst saglabāt datus tikai "
                                "par: Cēsu novads; rinda netiek saglabāta") for _, m in why)
        assert page.get_by_role("heading", name="Audita žurnāls").count() == 0  # not for editors
        page.get_by_role("button", name="Apstiprināt un saglabāt").click()
        page.get_by_text(re.compile(r"Saglabāts kā augšupielāde Nr\. \d+")).wait_for(timeout=90_000)
        stored = current_observations(engine)
        assert stored[["municipality_code", "year", "value"]].values.tolist() == [
            ["LV0026000", 2023, 300.0], ["LV0026000", 2024, 290.0]]
        assert list_uploads(engine)["uploader"].tolist() == ["cesis.editor"]
        page.get_by_role("button", name="Iziet").click()
        page.get_by_text("Jūs izgājāt no sistēmas.").wait_for(timeout=60_000)

        # guessing: five wrong passwords, then even the right one waits
        for i in range(5):
            _form_log_in(page, "guessed.at", f"wrong guess {i}")
            _wait_until(lambda n=i + 1: _events(engine, "login_failure") >= n)
            page.get_by_text("Nepareizs lietotājvārds vai parole.").wait_for(timeout=60_000)
        _form_log_in(page, "guessed.at", PASSWORD)
        page.get_by_text("Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc 15 minūtēm.").wait_for(timeout=60_000)
        assert page.get_by_text("guessed.at · nacionālais analītiķis").count() == 0

        # the national analyst: the upload page with the audit log, and its download
        _form_log_in(page, "bac.analyst", PASSWORD)
        page.get_by_text("bac.analyst · nacionālais analītiķis").wait_for(timeout=60_000)
        nav.get_by_text("Datu augšupielāde").click()
        page.get_by_role("heading", name="Audita žurnāls").wait_for(timeout=90_000)
        page.get_by_text(re.compile(r"Jaunākie \d+ no \d+ notikumiem")).wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Lejupielādēt CSV").click()
        text = open(download.value.path(), encoding="utf-8-sig").read()
        lines = text.splitlines()
        assert lines[0] == "at,actor,role,action,subject,file_name,upload_id,client,detail"
        actions = [line.split(",")[3] for line in lines[1:]]
        assert actions[:2] == ["login_success", "login_throttled"]
        assert actions.count("login_failure") == 5 and "confirm" in actions and "upload" in actions
        assert PASSWORD not in text and "$argon2" not in text
        page.close()

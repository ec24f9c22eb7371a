"""The programme in Chromium, logged in as the Cēsu novads editor: write a conclusion, two measures linked to
indicators, a monitoring entry and a participation record, see the checks, download the DOCX and the XLSX; then the
second municipality's editor logs in and imports the XLSX there. Everything is stored under the editors' names.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analysis.accounts import add_account
from analysis.catalogue import catalogue
from analysis.programme.store import latest_programmes
from analysis.sample import SAMPLE_ACTOR
from analysis.store import make_engine
from tests.dashboard.accounts import ADMIN, PASSWORD
from tests.dashboard.browser_util import CHROMIUM, SCREENSHOTS, chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser
CESIS = "LV0026000"
SLOW = 300_000  # ms: one step on a loaded machine
DOCUMENT = 900_000  # ms: the document's 16 charts are drawn by a second Chromium (2 minutes at load 20 on 2 cores)


def _second_municipality(url: str) -> str:
    """A current municipality other than Cēsu without a programme in the sample."""
    engine = make_engine(url)
    have = {s.municipality_code for s in latest_programmes(engine, actor=SAMPLE_ACTOR)}
    engine.dispose()
    return next(m.code for m in catalogue().municipalities
                if m.code not in have and m.code != CESIS and m.valid_to is None)


@pytest.fixture(scope="module")
def server_db(sample_db, tmp_path_factory):
    """Given the sample with two editors' accounts (login on): Cēsu's and the second municipality's."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    copy = tmp_path_factory.mktemp("programme_browser") / "browser.sqlite"
    shutil.copy(Path(sample_db.removeprefix("sqlite:///")), copy)
    url = f"sqlite:///{copy}"
    second = _second_municipality(url)
    engine = make_engine(url)
    add_account(engine, actor=ADMIN, name="cesis.editor", role="municipal_editor", municipalities=[CESIS],
                password=PASSWORD)
    add_account(engine, actor=ADMIN, name="second.editor", role="municipal_editor", municipalities=[second],
                password=PASSWORD)
    engine.dispose()
    with streamlit_server(url, timeout=180) as base:
        yield base, url, second


def _log_in(page, name: str) -> None:
    """The sidebar's form; then to the programme page by the sidebar (a reload would end the session)."""
    page.get_by_role("button", name="Pieteikties").wait_for(timeout=SLOW)
    page.get_by_label("Lietotājvārds").fill(name)
    page.get_by_label("Parole").fill(PASSWORD)
    page.get_by_role("button", name="Pieteikties").click()
    page.get_by_text(f"{name} · pašvaldības redaktors").wait_for(timeout=SLOW)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Programma", exact=True).click()
    page.get_by_role("tab", name="Dokumenti un veidne").wait_for(timeout=SLOW)


def _saved(page, version: int) -> None:
    page.get_by_text(f"Saglabāts kā versija {version}.").wait_for(timeout=SLOW)


def _pick(form, label: str, text: str) -> None:
    box = form.get_by_role("combobox", name=label)
    box.click()
    box.fill(text)
    box.press("Enter")
    box.press("Escape")


def _give_file(page, path: Path) -> None:
    """The file to the programme's uploader, until its import button shows. A run still going when the file is given
    can replace the uploader (it is keyed on the municipality) and drop the file with it, as it would for a person,
    who would then pick the file again: so again only when the uploader holds no file, at most three times; a
    refusal on the page fails at once."""
    button = page.get_by_role("button", name="Saglabāt kā jaunu versiju")
    for _ in range(3):
        wait_ready(page, timeout=SLOW)
        page.locator("input[type=file]").set_input_files(str(path))
        try:
            button.wait_for(timeout=60_000)
            return
        except PlaywrightTimeout:
            assert page.locator("[data-testid=stAlertContentError]").count() == 0, "the import was refused"
            if page.locator("[data-testid=stFileUploader]").get_by_text(path.name).count():
                try:
                    button.wait_for(timeout=SLOW)  # the file is held: the import is slow, not lost
                except PlaywrightTimeout:
                    alerts = _failed_shot(page, "programme_import")
                    raise AssertionError(f"the file is held but no import button came; alerts: {alerts}") from None
                return
    _failed_shot(page, "programme_import")
    raise AssertionError("the uploader dropped the file three times")


def _failed_shot(page, name: str) -> str:
    """The page as it stood when a step failed, for the person reading the failure; its alerts' words."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}_failed.png"), full_page=True)
    return " | ".join(page.locator("[data-testid=stAlert], [data-testid=stException]").all_inner_texts())


def test_write_a_programme_download_it_and_import_it_elsewhere(server_db, tmp_path):
    base, url, second = server_db
    cat = catalogue()
    population = cat.indicator("population_total").name_lv
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(SLOW)
        page.goto(base)
        wait_ready(page, timeout=SLOW)
        assert page.locator("[data-testid='stSidebarNav']").get_by_text("Datu augšupielāde").count() == 0  # public
        _log_in(page, "cesis.editor")
        page.get_by_text(cat.municipality(CESIS).name_lv, exact=True).first.wait_for(timeout=SLOW)  # its own, chosen

        page.get_by_role("tab", name="Secinājumi").click()
        form = page.locator("[data-testid='stForm']").filter(has=page.get_by_text("Konstatētās problēmas"))
        form.get_by_role("textbox", name="Secinājumi", exact=True).fill("Bērnu skaits sarūk")
        form.get_by_role("textbox", name="Konstatētās problēmas (katra savā rindā)").fill("Maz jaunu ģimeņu")
        _pick(form, "Rādītāji, uz kuriem secinājumi balstās", population)
        form.get_by_role("button", name="Saglabāt").click()
        _saved(page, 1)

        for n, (title, version) in enumerate((("Vecāku skola", 2), ("Skolas psihologs", 3)), start=1):
            page.get_by_role("tab", name="Rīcības plāns").click()
            form = page.locator("[data-testid='stForm']").filter(has=page.get_by_text("Finansējuma avots"))
            form.get_by_role("textbox", name="Pasākums", exact=True).fill(title)
            form.get_by_role("textbox", name="Mērķis", exact=True).fill(f"Mērķis {n}")
            form.get_by_role("textbox", name="Atbildīgie", exact=True).fill("Sociālais dienests")
            _pick(form, "Rādītāji, pēc kuriem vērtēt", population)
            form.get_by_role("button", name="Saglabāt pasākumu").click()
            _saved(page, version)

        page.get_by_role("tab", name="Uzraudzība").click()
        form = page.locator("[data-testid='stForm']").filter(has=page.get_by_text("Darbība"))
        form.get_by_role("textbox", name="Darbība", exact=True).fill("Ikgadēja atskaite domei")
        form.get_by_role("textbox", name="Atbildīgie", exact=True).fill("Sadarbības grupa")
        form.get_by_role("button", name="Saglabāt uzraudzības ierakstu").click()
        _saved(page, 4)

        page.get_by_role("tab", name="Bērnu līdzdalība").click()
        form = page.locator("[data-testid='stForm']").filter(has=page.get_by_text("Sasniegtās grupas"))
        form.get_by_role("spinbutton", name="Bērnu skaits").fill("45")
        form.get_by_role("button", name="Pievienot līdzdalības ierakstu").click()
        _saved(page, 5)

        page.get_by_role("tab", name="Pārbaudes").click()
        checks = page.get_by_test_id("stMetric").filter(has_text="Atvērtas pārbaudes")
        assert re.search(r"\d+", checks.inner_text())
        assert page.locator("[data-testid='stException']").count() == 0

        page.get_by_role("tab", name="Dokumenti un veidne").click()
        with page.expect_download(timeout=DOCUMENT) as got:
            page.get_by_role("button", name="Lejupielādēt programmu (DOCX)").click()
        docx = tmp_path / "programma.docx"
        got.value.save_as(docx)
        with zipfile.ZipFile(docx) as z:
            assert any(n.startswith("word/media/") and n.endswith(".png") for n in z.namelist())
            assert "Bērnu skaits sarūk" in z.read("word/document.xml").decode("utf-8")
        with page.expect_download(timeout=SLOW) as got:
            page.get_by_role("button", name="Lejupielādēt veidni (XLSX)").click()
        xlsx = tmp_path / "programma.xlsx"
        got.value.save_as(xlsx)

        page.get_by_role("button", name="Iziet").click()
        page.get_by_text("Jūs izgājāt no sistēmas.").wait_for(timeout=SLOW)
        _log_in(page, "second.editor")
        page.get_by_text(cat.municipality(second).name_lv, exact=True).first.wait_for(timeout=SLOW)
        # the run that chose the second municipality must end first: its uploader is another widget (keyed on the
        # municipality), and a file given to the uploader of a run still going is dropped with that widget
        wait_ready(page, timeout=SLOW)
        page.get_by_role("tab", name="Dokumenti un veidne").click()
        _give_file(page, xlsx)
        page.get_by_role("button", name="Saglabāt kā jaunu versiju").click()
        _saved(page, 1)
        page.close()

    engine = make_engine(url)
    cesis_stored = latest_programmes(engine, actor=SAMPLE_ACTOR, municipality_code=CESIS)[0]
    copied_stored = latest_programmes(engine, actor=SAMPLE_ACTOR, municipality_code=second)[0]
    engine.dispose()
    cesis, copied = cesis_stored.programme, copied_stored.programme
    assert (cesis_stored.version, copied_stored.version) == (5, 1)
    assert (cesis_stored.saved_by, copied_stored.saved_by) == ("cesis.editor", "second.editor")
    assert [m.title for m in cesis.measures] == ["Vecāku skola", "Skolas psihologs"]
    assert [[i.indicator for i in m.indicators] for m in cesis.measures] == [["population_total"]] * 2
    assert [(e.activity, e.responsible) for e in cesis.monitoring] == [("Ikgadēja atskaite domei", "Sadarbības grupa")]
    assert [p.children for p in cesis.participation] == [45]
    assert copied.to_dict() == {**cesis.to_dict(), "municipality_code": second}

"""The print views in Chromium: the profile and the coverage page opened with `?druka=1`, printed to PDF by Chromium
itself (page.pdf with print media), and the PDF opened again: A4 pages, the page's own words and every domain, the
charts as images, and nothing of the sidebar or of the print view's on-screen note.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from analysis.catalogue import catalogue
from tests.dashboard.browser_util import CHROMIUM, SCREENSHOTS, chromium, sample_copy_server, wait_ready

pytestmark = pytest.mark.browser
SLOW = 600_000  # ms: a cold analysis and the charts drawn by a second Chromium on a loaded machine
CESIS = "LV0026000"
A4 = (210, 297)  # mm (595 × 842 points; Chromium rounds the size to its own units)
IMAGES = "[data-testid='stImage'] img"
NOT_ON_PAPER = ("Valoda / Language", "Latviešu", "Bērnu tiesību aizsardzības situācijas analīze pašvaldībās.",
                "Nospiediet Ctrl+P", "Atpakaļ uz interaktīvo skatu", "Drukāt / PDF", "Lejupielādēt")


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    """Given the dashboard on a private copy of the sample database."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("print")) as base:
        yield base


def _printed(page, url: str, *, name: str) -> tuple[pypdf.PdfReader, int]:
    """The print view at url, ready with every chart drawn, printed by Chromium to PDF; the PDF read back and the
    number of chart images the page showed. The PDF and screenshots are kept under test-artifacts/."""
    page.goto(url)
    wait_ready(page, timeout=SLOW)
    page.wait_for_function(
        f"""() => {{ const imgs = [...document.querySelectorAll("{IMAGES}")];
                     return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); }}""",
        timeout=SLOW)
    assert page.locator("[data-testid='stException']").count() == 0
    shown = page.locator(IMAGES).count()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}_screen.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(SCREENSHOTS / f"{name}_print.png"), full_page=True)
    target = SCREENSHOTS / f"{name}.pdf"
    page.pdf(path=str(target), format="A4", print_background=True)
    page.emulate_media(media="screen")
    return pypdf.PdfReader(target), shown


def _text(pdf: pypdf.PdfReader) -> str:
    """Every page's text with runs of white space as one space (a heading may wrap onto two lines)."""
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pdf.pages))


def _sizes(pdf: pypdf.PdfReader) -> set[tuple[int, int]]:
    """Every page's size in whole millimetres."""
    return {(round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4))
            for p in pdf.pages}


def test_the_profile_prints_to_an_a4_pdf_with_every_domain_and_its_charts(server):
    """Given the profile's print view of Cēsu novads / When Chromium prints it to PDF / Then every page is A4, the
    text has the municipality, the headline and all 16 domains' titles, each chart is an image in it, and neither
    the sidebar nor the on-screen note is printed."""
    cat = catalogue()
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(SLOW)
        pdf, shown = _printed(page, f"{server}/profile?pasvaldiba={CESIS}&druka=1", name="print_profile")
        page.close()
    text = _text(pdf)
    assert _sizes(pdf) == {A4}
    assert len(pdf.pages) > 3
    assert shown == 16 + 5  # one per domain, and the spine chart in pieces that each fit on a page
    assert sum(len(p.images) for p in pdf.pages) >= shown
    assert [w for w in ("Pašvaldības profils", "Cēsu novads", "Pasliktinās", "Visi rādītāji vienā skatā")
            if w not in text] == []
    assert [d.no for d in cat.domains if f"{d.no}. {d.name_lv}" not in text] == []
    assert [w for w in NOT_ON_PAPER if w in text] == []


def test_the_coverage_page_prints_to_an_a4_pdf_with_its_diagrams_and_lists(server):
    """Given the coverage page's print view of the 2024 survey / When Chromium prints it to PDF / Then every page is
    A4, the text has the headline, the five diagrams' titles and every list opened with its count, the nine charts
    are images in it, and neither the sidebar nor the on-screen note is printed."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(SLOW)
        pdf, shown = _printed(page, f"{server}/coverage?gads=2024&druka=1", name="print_coverage")
        page.close()
    text = _text(pdf)
    assert _sizes(pdf) == {A4}
    assert shown == 9  # diagrams 1–5, the matrix and the domain counts, the map, the comparison
    assert sum(len(p.images) for p in pdf.pages) >= shown
    assert [w for w in ("Programmu pārklājums", "Aptaujātās pašvaldības", "1. attēls. Programmas statuss",
                        "5. attēls. Uzraudzības kārtība", "Bez programmas (24)", "Programmā nav secinājumu (10)",
                        "Bez bērnu viedokļa (4)") if w not in text] == []
    assert [w for w in NOT_ON_PAPER if w in text] == []

"""The comparison in Chromium: a copied link opens Rīga and Cēsu novads side by side in Latvian, on a desktop and on
a phone; screenshots go to test-artifacts/screenshots/compare/ for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.browser_util import (
    CHART,
    CHROMIUM,
    SCREENSHOTS,
    chromium,
    one_tab,
    sample_copy_server,
    take,
    wait_ready,
)

pytestmark = pytest.mark.browser
SHOTS = SCREENSHOTS / "compare"
LINK = "/compare?salidzinat=LV0001000,LV0026000&joma=7&valoda=lv"
SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    """Given `streamlit run` on a free port, against its own copy of the sample database."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("compare_browser")) as base:
        yield base


@pytest.fixture(scope="module")
def tab():
    with chromium() as browser, one_tab(browser) as page:
        yield page


@pytest.mark.parametrize("size", list(SIZES))
def test_a_copied_link_opens_the_same_comparison(server, tab, size):
    """Given a link naming two municipalities, a domain and Latvian, When it is opened, Then both names, the domain,
    the charts and a judgement in Latvian are on the page, nothing in English, and the address keeps the choice."""
    width, height = SIZES[size]
    page = take(tab, width=width, height=height, timeout=30_000)
    page.goto(f"{server}{LINK}")
    wait_ready(page)
    page.wait_for_selector(CHART, timeout=60_000)
    main = page.locator("[data-testid='stMain']")
    assert page.locator("[data-testid='stException']").count() == 0
    assert main.get_by_role("heading", name="Salīdzināt pašvaldības").count() == 1
    assert main.get_by_text("7. Ārpusģimenes aprūpe").count() >= 1
    picked = page.locator("[data-testid='stMultiSelect']")
    for chosen in ("Rīga", "Cēsu novads"):
        picked.get_by_text(chosen, exact=True).wait_for(timeout=60_000)
        assert picked.get_by_text(chosen, exact=True).count() == 1
    judgement = main.get_by_text("Skaidri atšķiras — augstāks: Rīga; labāk: Cēsu novads", exact=True)
    judgement.first.wait_for(timeout=30_000)
    assert main.get_by_text("Skaidras atšķirības nav: intervāli pārklājas").count() >= 1
    assert page.locator("[data-testid='stPlotlyChart']").count() == 3
    text = main.inner_text()
    assert "Clear difference" not in text and "Compare municipalities" not in text
    assert page.url.replace("%2C", ",").endswith(LINK)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"compare_{size}.png"), full_page=True)
    # Streamlit scrolls inside the page: the rest of it is shot after scrolling to the last chart and the tables
    for n, part in enumerate((page.locator("[data-testid='stPlotlyChart']").last,
                              page.locator("[data-testid='stTable']").last), start=2):
        part.wait_for(timeout=30_000)
        part.evaluate("el => el.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(SHOTS / f"compare_{size}_{n}.png"))


def test_the_profile_leads_to_a_comparison_with_its_municipality(server, tab):
    """Given Cēsu novads' profile, When 'Salīdzināt ar citām pašvaldībām' is clicked, Then the comparison opens with
    Cēsu novads and its most similar municipality, and the address names both."""
    page = take(tab, width=1400, height=1000, timeout=30_000)
    page.goto(f"{server}/profile?pasvaldiba=LV0026000&valoda=lv")
    wait_ready(page)
    page.get_by_role("link", name="Salīdzināt ar citām pašvaldībām").click()
    page.get_by_role("heading", name="Salīdzināt pašvaldības").wait_for(timeout=60_000)
    wait_ready(page)
    page.wait_for_selector(CHART, timeout=60_000)
    picked = page.locator("[data-testid='stMultiSelect']")
    picked.get_by_text("Cēsu novads", exact=True).wait_for(timeout=60_000)  # the rerun after the click has drawn it
    page.wait_for_function("() => location.search.includes('salidzinat=LV0026000')", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0

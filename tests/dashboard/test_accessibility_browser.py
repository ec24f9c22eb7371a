"""Every page in Chromium, in Latvian and English: axe-core finds no serious or critical WCAG 2.1 A/AA violation, so a
screen-reader or keyboard user can finish the three journeys of USERS.md; the page draws without a traceback; and
nothing leaves the machine (every request, fonts and icons included, goes to the app's own server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import PAGES
from tests.dashboard.browser_util import CHART, CHROMIUM, chromium, sample_copy_server, wait_ready

pytestmark = pytest.mark.browser
SLOW = 600_000  # ms: a cold analysis on two loaded cores
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHARTED = {"overview", "profile", "compare", "indicators", "coverage"}
# Streamlit's own markup that no option of ours reaches: (rule, CSS selector of the excluded element, why)
STREAMLIT_OWN: tuple[tuple[str, str, str], ...] = ()  # none needed so far: every finding was ours


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    """Given the sample served on an embedded database (the local analyst, who may upload), and one browser tab that
    records every request for an address other than the server's own."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("a11y")) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith((base, "data:", "blob:")) else None)
        yield base, page, outside
        page.close()


def serious(results: dict) -> list[tuple[str, str, str]]:
    """(rule, impact, target) of every serious or critical violation, less the listed Streamlit-own ones."""
    out = []
    for v in results["violations"]:
        if v.get("impact") not in ("serious", "critical"):
            continue
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            if any(v["id"] == rule and target == sel for rule, sel, _why in STREAMLIT_OWN):
                continue
            out.append((v["id"], str(node.get("impact") or v["impact"]), target))
    return out


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("page_file", [p[0] for p in PAGES])
def test_no_serious_violation(site, page_file, lang):
    """When every page is opened in both languages, axe finds no serious or critical WCAG 2.1 A/AA violation, the
    page shows no traceback, and no request went anywhere but the app's own server."""
    from axe_playwright_python.sync_playwright import Axe

    base, page, outside = site
    stem = Path(page_file).stem
    outside.clear()
    opened = "&joma=1" if stem == "profile" else ""  # a domain open: its table, chart and sources button too
    page.goto(f"{base}/{'' if stem == 'overview' else stem}?valoda={lang}{opened}")
    wait_ready(page, timeout=SLOW)
    if stem in CHARTED:  # the page is read once its charts are drawn and the rerun they cause has ended
        page.wait_for_selector(CHART, timeout=SLOW)
        wait_ready(page, timeout=SLOW)
    page.wait_for_function("l => document.documentElement.lang === l", arg=lang, timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=SLOW)  # fonts and icons asked for
    assert page.locator("[data-testid=stException]").count() == 0, f"{stem}: a traceback"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS},
                                       "resultTypes": ["violations"]}).response
    found = serious(results)
    assert found == [], "\n".join(f"{rule} [{impact}] {target}" for rule, impact, target in found)
    assert outside == [], f"{stem}: requests left the machine"

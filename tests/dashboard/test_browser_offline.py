"""Nothing leaves the machine: every page, in both languages, asks only its own server (fonts and icons included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.browser_util import CHROMIUM, chromium, sample_copy_server, wait_ready

pytestmark = pytest.mark.browser
PAGES = ("overview", "profile", "indicators", "coverage", "upload", "methods")


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("offline")) as base:
        yield base


def test_no_request_leaves_the_machine(server):
    """Given every page in Latvian then English / When each draws / Then every request went to the app's own server."""
    outside: list[str] = []
    seen: list[tuple[str, str, str]] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(180_000)  # a loaded machine is slow, not wrong: every wait is on a condition
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith((server, "data:", "blob:")) else None)
        for language in ("lv", "en"):
            for name in PAGES:
                page.goto(f"{server}/{name}?valoda={language}")
                wait_ready(page, timeout=180_000)
                page.wait_for_load_state("networkidle")
                seen.append((language, name, page.locator("h1").first.inner_text()))
    assert outside == []
    assert [(lang, name) for lang, name, title in seen if title] == [(lang, name) for lang in ("lv", "en")
                                                                     for name in PAGES]
    assert seen[0][2] != seen[len(PAGES)][2]  # the English pages are English

"""In Chromium: the 5 KB crash file, uploaded on the upload page, ends in one line while the server keeps serving
(the file is parsed in a worker process; it once aborted the whole Streamlit process for everyone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.ingest.hostile import crash_file
from tests.dashboard.browser_util import (
    CHART,
    CHROMIUM,
    SCREENSHOTS,
    chromium,
    sample_copy_server,
    wait_ready,
)

pytestmark = pytest.mark.browser

REFUSAL = ("Fails “crash.xlsx” atteikts: lapa “Dati” aptver 17179869184 šūnas, atļauts ne vairāk kā 5000000")


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    """Given `streamlit run` on a free port, against its own copy of the sample database."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("hostile")) as base:
        yield base


def test_crash_file_is_one_line_and_the_server_keeps_serving(server, tmp_path):
    """Given the crash file, When it is uploaded, Then the page says why in one line, and another page then
    draws its chart from the same server."""
    path = tmp_path / "crash.xlsx"
    path.write_bytes(crash_file())
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{server}/upload")
        wait_ready(page)
        page.locator("input[type=file]").set_input_files(str(path))
        message = page.get_by_text(REFUSAL)
        message.wait_for(timeout=90_000)
        assert message.inner_text().strip() == REFUSAL
        assert page.get_by_text("Failu nevar nolasīt").count() == 1
        assert page.locator("[data-testid='stException']").count() == 0

        other = browser.new_page(viewport={"width": 1400, "height": 900})
        other.goto(server)
        wait_ready(other)
        try:
            other.wait_for_selector(CHART, timeout=120_000)
        finally:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            other.screenshot(path=str(SCREENSHOTS / "after_crash_file.png"), full_page=True)
        assert other.locator("[data-testid='stException']").count() == 0

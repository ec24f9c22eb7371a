"""Issue #15 in Chromium: on a laptop (1400×1000) and a phone (390×844), in Latvian and English, the profile, the
overview, the programme and the upload pages keep every table's cells inside the table's visible box, and no word
of the other language (or of Streamlit's English) leaks into the page.

Screenshots go to $BTA_SHOTS (else test-artifacts/screenshots/) for people to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from dashboard.i18n import catalogue
from tests.dashboard.browser_util import (
    CHROMIUM,
    SCREENSHOTS,
    chromium,
    one_tab,
    sample_copy_server,
    take,
    wait_ready,
)

pytestmark = pytest.mark.browser
SLOW = 600_000  # ms: the first page computes the analysis on two loaded cores
SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}
# (name, address, what to wait for) — the profile opens its first domain, the programme its checks tab
PAGES = [
    ("profile", "profile?pasvaldiba=LV0026000&joma=1", "[data-testid=stTable]"),
    ("overview", "", "[data-testid=stTable]"),
    ("programme", "programme", "[role=tab]"),
    ("upload", "upload", "[data-testid=stFileUploader]"),
]
# words that must not stand on a Latvian page: Streamlit's uploader, a missing year, a refusal's English detail
NOT_ON_LATVIAN = ["None", "Drag and drop", "Limit", "declared", "?. gad", "Browse files", "per file", "Upload"]
# the uploader's Latvian words must not stand on an English page
NOT_ON_ENGLISH = ["Ievelciet", "Izvēlēties failu", "Derīgi veidi", "Faili"]
INTERNAL_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+){2,}\b")  # a catalogue id such as unexcused_absence_20h_share
MAPPING_CSV = ("municipality,indicator,year,value\n"
               "Cēsu novads,Neattaisnoti kavējumi virs 20h skolā,2023,4.5\n"
               "Cēsu novads,Neattaisnoti kavējumi virs 20h skolā,2024,5.1\n")

# every st.table: how wide its table is against the box that shows it, and whether the rest can be scrolled to;
# every st.dataframe: whether its grid ends inside the page's main column
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
  const shown = e => e.getClientRects().length > 0;
  const tables = [...document.querySelectorAll('[data-testid="stTable"]')].filter(shown).map(e => {
    const table = e.querySelector('table'), box = table.parentElement;
    return {heads: [...e.querySelectorAll('th')].map(h => h.innerText.trim()),
            table: table.getBoundingClientRect().width, box: box.clientWidth,
            scrolls: ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)};
  });
  const grids = [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(shown).map(e => {
    const r = e.getBoundingClientRect();
    return {right: r.right, width: r.width};
  });
  return {tables, grids, main_right: main.right};
}"""
# the uploader button's own word, its icon's name left out (the word is Streamlit's, swapped by dashboard/chrome.py)
BUTTON_WORD = """() => {
  const b = document.querySelector('[data-testid="stFileUploaderDropzone"] button');
  if (!b) return null;
  const words = b.cloneNode(true);
  words.querySelectorAll('[data-testid="stIconMaterial"]').forEach(i => i.remove());
  return words.innerText.trim();
}"""
UPLOAD_WORD = {lang: catalogue()["chrome.upload"][lang] for lang in ("lv", "en")}


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    """Given `streamlit run` against its own copy of the sample database (no accounts: the local analyst)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("language_fit")) as base:
        yield base


@pytest.fixture(scope="module")
def tab():
    with chromium() as browser, one_tab(browser) as page:
        yield page


def _shots() -> Path:
    folder = Path(os.environ.get("BTA_SHOTS") or SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(page, base: str, address: str, lang: str, ready: str, *, csv: Path) -> str | None:
    """Opens the page as a person reaches its tables; on the upload page, the uploader's button word before a file
    is chosen (then the button becomes a '+')."""
    word = None
    page.goto(f"{base}/{address}{'&' if '?' in address else '?'}valoda={lang}")
    wait_ready(page, timeout=SLOW)
    page.wait_for_selector(ready, timeout=SLOW)
    if address == "programme":
        page.get_by_role("tab").nth(6).click()  # the guidance's checks (other tabs' tables stay hidden)
        page.locator("[data-testid=stTable]:visible").first.wait_for(timeout=120_000)
    if address == "upload":
        try:  # the swap follows the page's language script: waited for, then read whatever it says
            page.wait_for_function(f"w => ({BUTTON_WORD})() === w", arg=UPLOAD_WORD[lang], timeout=60_000)
        except Exception:  # noqa: BLE001 — the word read below is then reported
            pass
        word = page.evaluate(BUTTON_WORD)
        page.locator("input[type=file]").set_input_files(str(csv))
        page.get_by_text(re.compile(r"^(Saprasts|Understood):")).first.wait_for(timeout=120_000)
    wait_ready(page, timeout=SLOW)
    return word


def _screenshots(page, name: str) -> None:
    folder = _shots()
    page.screenshot(path=str(folder / f"{name}.png"))
    for i, table in enumerate(page.locator("[data-testid=stTable]:visible").all()[:2]):
        table.scroll_into_view_if_needed()
        table.screenshot(path=str(folder / f"{name}_table{i + 1}.png"))
    uploader = page.locator("[data-testid=stFileUploader]:visible")
    if uploader.count():
        uploader.first.scroll_into_view_if_needed()
        page.screenshot(path=str(folder / f"{name}_uploader.png"))


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_tables_fit_and_words_stay_in_their_language(server, tab, tmp_path, lang, size):
    """Given each page in one language and one screen / When drawn / Then on a laptop every table's cells fit its
    box (on a phone what does not fit scrolls, never clipped), no grid runs off the page, and no word of the other
    language, no 'None' and no internal indicator id is on the page."""
    csv = tmp_path / "kavejumi.csv"
    csv.write_text(MAPPING_CSV, encoding="utf-8")
    width, height = SIZES[size]
    page = take(tab, width=width, height=height, timeout=30_000)
    problems: list[str] = []
    for name, address, ready in PAGES:
        word = _open(page, server, address, lang, ready, csv=csv)
        _screenshots(page, f"{name}_{lang}_{size}")
        found = page.evaluate(MEASURE)
        for table in found["tables"]:
            if size == "desktop" and table["table"] > table["box"] + 1:
                problems.append(f"{name}: table {table['heads']} is {table['table']:.0f}px in {table['box']}px")
            if size == "phone" and table["table"] > table["box"] + 1 and not table["scrolls"]:
                problems.append(f"{name}: table {table['heads']} is clipped, not scrollable")
        for grid in found["grids"]:
            if grid["right"] > found["main_right"] + 1:
                problems.append(f"{name}: a data grid ends at {grid['right']:.0f}px, past the page")
        text = page.locator("[data-testid=stMain]").inner_text()
        for icon in set(page.locator("[data-testid=stIconMaterial]").all_inner_texts()):
            text = text.replace(icon, " ")  # a material icon's name ('check_circle') is drawn, not read
        banned = NOT_ON_LATVIAN if lang == "lv" else NOT_ON_ENGLISH
        problems += [f"{name}: “{w}” on the {lang} page" for w in banned
                     if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
        problems += [f"{name}: internal id {m} shown" for m in set(INTERNAL_ID.findall(text))]
        if name == "upload":
            expected = UPLOAD_WORD[lang]
            if word != expected:
                problems.append(f"upload: the uploader's button says {word}, not {expected}")
    assert problems == [], "\n".join(problems)

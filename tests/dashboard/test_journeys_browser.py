"""The three journeys of USERS.md in Chromium, as a person meets them: each in Latvian and in English, on a desktop
(1400 × 1000) and on a phone (390 × 844), paired, a screenshot of every page they pass
(test-artifacts/screenshots/journeys), and then once more with the keyboard alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.i18n import catalogue
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
SLOW = 600_000  # ms: a cold analysis on two loaded cores
SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}
SHOTS = SCREENSHOTS / "journeys"
WORKBOOK = Path(__file__).resolve().parents[2] / "sample_municipalities" / "workbooks" / "cesu_novads_sintetiski.xlsx"
CESIS = "LV0026000"
# every string Streamlit or plotly draws and a person reads or hears: on the page, in an aria-label or a tooltip
SEEN = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[aria-label],[title],[data-title],[placeholder]'))
    for (const a of ['aria-label', 'title', 'data-title', 'placeholder']) { const v = el.getAttribute(a); if (v) out.push(v.trim()); }
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.nodeValue.trim()) out.push(n.nodeValue.trim());
  return out;
}"""
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  return [document.documentElement.scrollWidth - window.innerWidth, main ? main.scrollWidth - main.clientWidth : 0];
}"""


def text(key: str, lang: str) -> str:
    return catalogue()[key][lang]


def other_language_chrome(lang: str) -> set[str]:
    """Streamlit's own words as the other language has them (what must not be seen on a `lang` page)."""
    other = "en" if lang == "lv" else "lv"
    return {e[other].strip() for k, e in catalogue().items() if k.startswith("chrome.") and e[other] != e[lang]}


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    """Given the sample served on an embedded database to the person at the machine (a national analyst, who may
    also upload)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sample_copy_server(sample_db, tmp_path_factory.mktemp("journeys")) as base, chromium() as browser, \
            one_tab(browser, accept_downloads=True) as page:
        yield base, page


def look(page, *, lang: str, shot: str) -> None:
    """The page as a person sees it: a full-page screenshot, nothing wider than the screen, no missing translation,
    none of Streamlit's own words in the other language, no error box. Streamlit's words are swapped in by a script
    after the page is drawn: the look waits until none of the other language's are left (the assert names any
    that stay)."""
    _chrome_settled(page, other_language_chrome(lang))
    whole_page_shot(page, SHOTS / f"{shot}.png")
    page_over, main_over = page.evaluate(OVERFLOW)
    assert page_over <= 1 and main_over <= 1, f"{shot}: wider than the screen by {max(page_over, main_over)} px"
    seen = page.evaluate(SEEN)
    assert not [s for s in seen if "⟨" in s], f"{shot}: missing translation"
    leaks = sorted({s for s in seen if s in other_language_chrome(lang)})
    assert leaks == [], f"{shot}: {leaks}"
    assert page.locator("[data-testid=stException]").count() == 0, f"{shot}: a traceback"


def _chrome_settled(page, words: set[str]) -> None:
    """Waits until no text or label on the page is one of `words`, for at most 60 s."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"(words) => !({SEEN})().some(s => words.includes(s))", arg=sorted(words),
                               timeout=60_000)
    except PlaywrightTimeout:
        pass  # look() asserts and names what stayed


MAIN_HEIGHT = "() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : 0 }"
FITS = "() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollHeight <= m.clientHeight + 2 }"


def whole_page_shot(page, path: Path) -> None:
    """Streamlit scrolls inside its main block, so a 'full page' screenshot is one screen: the window is made as tall
    as the page for the shot, then set back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(page.evaluate(MAIN_HEIGHT),
                                                                                        16_000))})
    try:
        page.wait_for_function(FITS, timeout=15_000)
    except Exception:  # noqa: BLE001 - a page taller than 16,000 px: its first 16,000 px are the shot
        pass
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_ready(page, timeout=SLOW)


# Each journey in both languages and on both screens, paired (every page in all four combinations is looked at by
# test_language_fit_browser.py); across the journeys every pairing of language and screen is walked.
PAIRS = {
    "analyst": [("lv", "desktop"), ("en", "phone")],
    "cooperation_group": [("en", "desktop"), ("lv", "phone")],
    "uploader": [("lv", "desktop"), ("en", "phone")],
}


def _pairs(journey: str):
    return pytest.mark.parametrize("tab", PAIRS[journey], indirect=True, ids=lambda p: f"{p[0]}-{p[1]}")


@pytest.fixture
def tab(request, site):
    """The module's browser tab in one language at one screen size."""
    base, page = site
    lang, size = request.param
    width, height = SIZES[size]
    return base, take(page, width=width, height=height, timeout=SLOW), lang, size


@_pairs("analyst")
def test_analyst_journey(tab):
    """The BAC analyst: the national overview with its heatmap, the survey coverage as in the BAC report, one
    indicator across the country, and the data & methods page."""
    base, page, lang, size = tab
    open_page(page, f"{base}/?valoda={lang}")
    page.wait_for_selector(CHART)
    assert page.locator("h1").first.inner_text() == text("overview.title", lang)
    look(page, lang=lang, shot=f"analyst_{lang}_{size}_1_overview")
    open_page(page, f"{base}/coverage?valoda={lang}")
    page.wait_for_selector(CHART)
    assert page.locator("h1").first.inner_text() == text("coverage.title", lang)
    look(page, lang=lang, shot=f"analyst_{lang}_{size}_2_coverage")
    open_page(page, f"{base}/indicators?valoda={lang}")
    page.wait_for_selector(CHART)
    look(page, lang=lang, shot=f"analyst_{lang}_{size}_3_indicators")
    open_page(page, f"{base}/methods?valoda={lang}")
    look(page, lang=lang, shot=f"analyst_{lang}_{size}_4_methods")


@_pairs("cooperation_group")
def test_cooperation_group_journey(tab):
    """The cooperation group: its own profile with out-of-family care open (table, trend chart, where the values
    came from), beside a similar municipality, then its programme."""
    base, page, lang, size = tab
    open_page(page, f"{base}/profile?valoda={lang}&pasvaldiba={CESIS}&joma=7")
    page.wait_for_selector("[data-testid=stExpander] [data-testid=stTable]")
    page.wait_for_selector(f"[data-testid=stExpander] {CHART}")
    cesis = {"lv": "Cēsu novads", "en": "Cēsis municipality"}[lang]
    assert page.get_by_role("heading", name=cesis, exact=True).count() == 1
    look(page, lang=lang, shot=f"group_{lang}_{size}_1_profile")
    page.get_by_role("button", name=text("profile.sources_button", lang)).click()
    page.wait_for_selector("[data-testid=stPopoverBody] [data-testid=stDataFrame]")
    look(page, lang=lang, shot=f"group_{lang}_{size}_2_sources")
    open_page(page, f"{base}/compare?valoda={lang}&salidzinat={CESIS},LV0042000&joma=7")
    page.wait_for_selector(CHART)
    look(page, lang=lang, shot=f"group_{lang}_{size}_3_compare")
    open_page(page, f"{base}/programme?valoda={lang}&pasvaldiba={CESIS}")
    assert page.locator("h1").first.inner_text() == text("programme.title", lang)
    look(page, lang=lang, shot=f"group_{lang}_{size}_4_programme")


def this_years_file(folder: Path, tag: str) -> Path:
    """The group workbook saved again under another title: the same values in a file never stored before (the same
    bytes twice would rightly be refused as a duplicate)."""
    from openpyxl import load_workbook

    book = load_workbook(WORKBOOK)
    book.properties.title = tag
    path = folder / f"cesu_novads_{tag}.xlsx"
    book.save(path)
    return path


@_pairs("uploader")
def test_uploader_journey(tab, tmp_path):
    """The uploader: drops the group workbook, sees what was understood, confirms, finds it in the history."""
    base, page, lang, size = tab
    open_page(page, f"{base}/upload?valoda={lang}")
    look(page, lang=lang, shot=f"uploader_{lang}_{size}_1_empty")
    workbook = this_years_file(tmp_path, f"{lang}_{size}")
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(workbook))
    understood = re.compile(re.escape(text("upload.understood", lang).split(":")[0]) + ": (Cēsu novads|Cēsis municipality)")
    page.get_by_text(understood).first.wait_for()
    wait_ready(page, timeout=SLOW)
    look(page, lang=lang, shot=f"uploader_{lang}_{size}_2_understood")
    page.get_by_role("button", name=text("upload.confirm", lang)).click()
    page.get_by_text(re.compile(re.escape(text("upload.stored", lang).split("{n}")[0]))).first.wait_for()
    wait_ready(page, timeout=SLOW)
    look(page, lang=lang, shot=f"uploader_{lang}_{size}_3_stored")


# ---- the keyboard alone: Tab to a control, Enter or type, nothing else

# the focused control's name: only a control counts (the main block takes focus too, and holds every word)
FOCUSED = """() => { const e = document.activeElement;
  if (!e.matches('a, button, input, select, textarea, summary, [role=button], [role=combobox], [role=tab]')) return '';
  return [e.getAttribute('aria-label') || '', (e.innerText || e.value || '').trim()].join(' ') }"""
EVENT = 60_000  # ms: a download or the file dialog follows the key press at once


def tab_to(page, pattern: str, *, limit: int = 120) -> None:
    """Presses Tab until the focused control's label or text matches `pattern`, as a keyboard user would."""
    wanted = re.compile(pattern)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if wanted.search(page.evaluate(FOCUSED)):
            return
    raise AssertionError(f"no control matching {pattern!r} within {limit} Tab presses")


@pytest.fixture
def keyboard(site):
    base, page = site
    return base, take(page, width=1400, height=1000, timeout=SLOW)


def test_analyst_by_keyboard(keyboard):
    """From the overview the analyst tabs to the coverage page in the navigation and downloads its figures."""
    base, page = keyboard
    open_page(page, f"{base}/?valoda=lv")
    tab_to(page, "^ *checklist\\s+Programmu pārklājums$|Programmu pārklājums$")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=text("coverage.title", "lv"), exact=True).wait_for()
    wait_ready(page, timeout=SLOW)
    page.get_by_role("button", name=re.compile("XLSX")).first.wait_for()  # drawn with the figures, after the title
    tab_to(page, "XLSX", limit=300)
    with page.expect_download(timeout=EVENT) as got:
        page.keyboard.press("Enter")
    assert got.value.suggested_filename.endswith(".xlsx")


def test_cooperation_group_by_keyboard(keyboard):
    """The group tabs to the municipality box, types its name, opens a domain and downloads the chapter draft."""
    base, page = keyboard
    open_page(page, f"{base}/profile?valoda=lv")
    page.locator("[aria-label^='Pašvaldība']").first.wait_for()  # drawn with the page, after its title
    tab_to(page, "^Pašvaldība ")
    page.keyboard.type("Cēsu")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Cēsu novads").wait_for()
    wait_ready(page, timeout=SLOW)
    tab_to(page, "DOCX")
    with page.expect_download(timeout=EVENT) as got:
        page.keyboard.press("Enter")
    assert got.value.suggested_filename.startswith(f"situacijas_analize_{CESIS}")
    tab_to(page, "^ *(keyboard_arrow_right)?\\s*7\\. ")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=stExpander] [data-testid=stTable]")


def test_uploader_by_keyboard(site, sample_db, tmp_path):
    """The uploader tabs to the file button, picks the workbook in the file dialog, tabs to confirm and stores it
    (on a server and database of its own, as the journeys above stored their uploads in the shared one; the browser
    tab is the module's, since Playwright's sync API allows one driver per thread)."""
    _base, page = site
    with sample_copy_server(sample_db, tmp_path) as base:
        upload_by_keyboard(base, take(page, width=1400, height=1000, timeout=SLOW), tmp_path)


# counts the clicks that reach a file input: what a file button does to open the system's file dialog
COUNT_FILE_CLICKS = """() => { window.__fileClicks = 0;
  document.addEventListener('click', e => { if (e.target.matches('input[type=file]')) window.__fileClicks++; }, true); }"""


def upload_by_keyboard(base: str, page, tmp_path: Path) -> None:
    """Tab, Enter, the file dialog, Tab, Enter: nothing but the keyboard."""
    open_page(page, f"{base}/upload?valoda=lv")
    button = "[data-testid=stFileUploaderDropzone] button"
    page.wait_for_selector(button)
    page.evaluate(COUNT_FILE_CLICKS)
    workbook = str(this_years_file(tmp_path, "keyboard"))
    tab_to(page, text("chrome.upload", "lv") + "$")
    try:
        with page.expect_file_chooser(timeout=EVENT / 4) as chooser:
            page.keyboard.press("Enter")
        chooser.value.set_files(workbook)
    except Exception:
        # Chromium sometimes shows no dialog for a page of a long-running browser (seen only in the whole suite);
        # the page's part is done when Enter made the button click the file input, and the file is then given to
        # that input as the dialog would give it
        held = page.evaluate("s => document.activeElement.matches(s)", button)
        clicks = page.evaluate("() => window.__fileClicks")
        assert clicks, f"Enter on the file button did not open the file dialog (focus held: {held})"
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(workbook)
    page.get_by_text("Saprasts: Cēsu novads").first.wait_for()
    wait_ready(page, timeout=SLOW)
    tab_to(page, text("upload.confirm", "lv"), limit=400)
    page.keyboard.press("Enter")
    page.get_by_text(re.compile("Saglabāts kā augšupielāde Nr\\.")).first.wait_for()

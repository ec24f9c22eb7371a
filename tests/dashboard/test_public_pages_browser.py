"""Not logged in, in Chromium, as an attacker reads it: every hidden cell of the municipalities with the most hidden
cells stays hidden in what the profile and programme pages hand out (XLSX, CSV, DOCX), and every page opens.

The truth is the release (`analysis.publish.release`): a cell marked '<5' or 'x' there must carry no number in any
download a visitor gets; a figure an editor pinned in clear in an adopted programme included.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from analysis.access import Actor, Role
from analysis.accounts import add_account
from analysis.catalogue import catalogue
from analysis.programme.figures import baseline, pin
from analysis.programme.model import Conclusion, Measure, Programme
from analysis.programme.store import latest_programmes, save_programme
from analysis.publish.release import release
from analysis.stats import analyse
from analysis.store import current_observations, make_engine
from tests.dashboard.accounts import ADMIN, PASSWORD
from tests.dashboard.browser_util import CHROMIUM, chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser
SLOW = 600_000  # ms: a cold analysis on two loaded cores
ANALYST = Actor(name="bac.analyst", role=Role.NATIONAL_ANALYST)
PAGES = ("", "profile", "indicators", "programme", "coverage", "methods")
WINDOW = (2022, 2023, 2024)


def _hidden(engine, cat):
    """The release's hidden cells: {municipality: {(indicator, year): mark}}."""
    cells = release(current_observations(engine), catalogue=cat).cells
    status = cells["status"].astype(str)
    cells = cells[(status == "x") | status.str.startswith("<")]
    out: dict[str, dict[tuple[str, int], str]] = {}
    for code, ind, year, mark in zip(cells["municipality_code"], cells["indicator"], cells["year"], cells["status"]):
        out.setdefault(str(code), {})[(str(ind), int(year))] = str(mark)
    return out


def _adopt_a_programme_pinning_a_hidden_cell(engine, cat, code: str, hidden) -> str:
    """An adopted programme for code whose conclusion and measure rest on a cell hidden from the public, pinned in
    clear (as its editor saw it); the indicator's id."""
    clear = analyse(current_observations(engine), catalogue=cat, window=3, show_unsuppressed=True)
    trends = clear.trends[clear.trends["municipality_code"] == code]
    indicator = next(str(i) for i, y in zip(trends["indicator"], trends["last_year"])
                     if hidden.get((str(i), int(y)), "").startswith("<"))
    domain = cat.indicator(indicator).domain
    done = pin(clear, code=code, indicator=indicator, data_version=1)
    assert done.value is not None  # in clear: the number the public must not get
    save_programme(engine, actor=ANALYST, catalogue=cat, note="test", programme=Programme(
        municipality_code=code, status="adopted", decision_date=date(2025, 1, 30), start_year=2025, end_year=2027,
        goal="Bērnu tiesības",
        conclusions=(Conclusion(domain=domain, text="Maz gadījumu", indicators=(done,)),),
        measures=(Measure(key="M1", title="Atbalsts", indicators=(baseline(clear, code=code, indicator=indicator),)),),
    ))
    return indicator


@pytest.fixture(scope="module")
def public_site(sample_db, tmp_path_factory):
    """Given the sample with accounts (login on, so a visitor is public) and the two municipalities with the most
    hidden cells in the profile's years, one with an adopted programme pinning a hidden small count."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    copy = tmp_path_factory.mktemp("public_pages") / "public.sqlite"
    shutil.copy(Path(sample_db.removeprefix("sqlite:///")), copy)
    url = f"sqlite:///{copy}"
    engine, cat = make_engine(url), catalogue()
    add_account(engine, actor=ADMIN, name="bac.analyst", role="national_analyst", password=PASSWORD)
    hidden = _hidden(engine, cat)
    have = {s.municipality_code for s in latest_programmes(engine, actor=ANALYST)}
    ranked = sorted(hidden, key=lambda c: -sum(y in WINDOW for _i, y in hidden[c]))
    chosen = ranked[:2]
    target = next(c for c in ranked if c not in have and cat.municipality(c).valid_to is None)  # a current one
    pinned = _adopt_a_programme_pinning_a_hidden_cell(engine, cat, target, hidden[target])
    engine.dispose()
    with streamlit_server(url, timeout=180) as base:
        yield base, cat, hidden, chosen, (target, pinned)


def _download(page, name: str, target: Path) -> bytes:
    with page.expect_download(timeout=SLOW) as got:
        page.get_by_role("button", name=name).click()
    got.value.save_as(target)
    return target.read_bytes()


def _rows_of(table: list[list]) -> list[dict]:
    head, *rows = table
    return [dict(zip([str(h) for h in head], r)) for r in rows]


def _blank(value) -> bool:
    return value is None or str(value).strip() in ("", "–", "-")


def _no_number(value) -> bool:
    """Nothing, or a hidden cell's mark ('<5', 'x'): never a figure."""
    return _blank(value) or str(value) == "x" or str(value).startswith("<")


def _check_values(rows: list[dict], *, names: dict[str, str], hidden) -> int:
    """Every year's row of a hidden cell: no value, no interval, its mark; the number of such rows."""
    seen = 0
    for r in rows:
        key = (names.get(str(r["Rādītājs"])), int(r["Gads"]))
        if key in hidden:
            seen += 1
            assert [_no_number(r[c]) for c in ("Vērtība", "Apakšējā robeža", "Augšējā robeža")] == [True] * 3, r
            assert hidden[key] in (str(r["Vērtība"]), str(r["Statuss"])), r  # its own mark, said
    return seen


def _check_year_columns(rows: list[dict], *, names: dict[str, str], hidden) -> int:
    """A profile or document table: a hidden year's cell holds its mark or nothing, and no change is shown."""
    seen = 0
    for r in rows:
        ind = names.get(str(r.get("Rādītājs")))
        touched = [y for y in WINDOW if (ind, y) in hidden and str(y) in r]
        for y in touched:
            seen += 1
            assert _no_number(r[str(y)]), (ind, y, r)
        if touched:
            assert _blank(r.get("Izmaiņa")), (ind, r)
    return seen


def test_a_visitor_gets_no_hidden_figure_from_any_page_or_download(public_site, tmp_path):
    """Given a visitor not logged in / When every page is opened and the profile's and the programme's downloads of
    the most-hidden municipalities are taken / Then no hidden cell carries a number, and the pinned small count of
    the adopted programme is blank with its mark."""
    base, cat, hidden, chosen, (target, pinned) = public_site
    names = {i.name_lv: i.id for i in cat.indicators}
    checked = 0
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(SLOW)
        for path in PAGES:
            page.goto(f"{base}/{path}")
            wait_ready(page, timeout=SLOW)
            assert page.locator("[data-testid='stException']").count() == 0, path
            assert page.get_by_role("button", name="Iziet").count() == 0  # nobody is logged in
        for code in chosen:
            page.goto(f"{base}/profile?pasvaldiba={code}")
            wait_ready(page, timeout=SLOW)
            book = openpyxl.load_workbook(io.BytesIO(_download(page, "Lejupielādēt profilu (XLSX)",
                                                               tmp_path / f"{code}.xlsx")))
            sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
            checked += _check_values(_rows_of(sheets["Vērtības"]), names=names, hidden=hidden[code])
            checked += _check_year_columns(_rows_of(sheets["Profils"]), names=names, hidden=hidden[code])
            text = _download(page, re.compile(r"Lejupielādēt vērtības \(CSV"), tmp_path / f"{code}.csv")
            lines = [ln.split(";") for ln in text.decode("utf-8-sig").splitlines()]
            checked += _check_values(_rows_of(lines), names=names, hidden=hidden[code])
            document = docx.Document(io.BytesIO(_download(page, "Lejupielādēt analīzes nodaļas sagatavi (DOCX)",
                                                          tmp_path / f"{code}.docx")))
            for table in document.tables:
                checked += _check_year_columns(_rows_of([[c.text for c in r.cells] for r in table.rows]),
                                               names=names, hidden=hidden[code])
        assert checked > 100  # the scan met the hidden cells, it did not pass by missing them

        page.goto(f"{base}/programme?pasvaldiba={target}")
        wait_ready(page, timeout=SLOW)
        page.get_by_role("tab", name="Dokumenti un veidne").click()
        book = openpyxl.load_workbook(io.BytesIO(_download(page, "Lejupielādēt veidni (XLSX)",
                                                           tmp_path / "programme.xlsx")))
        pins = _rows_of([list(r) for r in book["Secinājumu rādītāji"].iter_rows(values_only=True)])
        assert [(r["Rādītāja kods"], r["Vērtība"], str(r["Kā rādīts"])[:1]) for r in pins] == [(pinned, None, "<")]
        linked = _rows_of([list(r) for r in book["Pasākumu rādītāji"].iter_rows(values_only=True)])
        assert [_blank(r["Bāzes vērtība"]) for r in linked] == [True]
        document = docx.Document(io.BytesIO(_download(page, "Lejupielādēt programmu (DOCX)",
                                                      tmp_path / "programme.docx")))
        pinned_table = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:3]
                            == ["Rādītājs", "Gads", "Vērtība"])
        value = [c.text for c in pinned_table.rows[1].cells][2]
        assert value.startswith("<"), value
        page.close()

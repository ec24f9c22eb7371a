"""`make bench`, browser part: what a person waits for in Chromium, as ratios to a one-chart Streamlit page.

Both apps run under the same Streamlit and Python in the same run (tests/bench/floor_app.py is the floor); the
samples alternate between them, medians of BENCH_ROUNDS (5). "fresh" opens every visit in a new browser context
(nothing cached, a new user); "cached" reuses one context (the browser already holds Streamlit's files);
"cold" is the first visit of each page after the server started (nothing computed yet).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

from tests.dashboard.browser_util import APP, CHART, CHROMIUM, CHROMIUM_ARGS, REPO, chromium, streamlit_server

RESULTS = Path(__file__).resolve().parents[2] / "bench-results"
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"
VIEWPORT = {"width": 1400, "height": 900}
PAGES = {"overview": "", "profile": "profile", "indicators": "indicators", "coverage": "coverage"}
TIMEOUT_MS = 150_000
SESSIONS = tuple(int(n) for n in os.environ.get("BENCH_SESSIONS", "10,25").split(","))
BUSY = "[data-testid='stStatusWidget']"
STALE = "[data-stale='true']"
EXPANDER = "[data-testid='stExpander']"


def _idle(page) -> None:
    """The script run is over: no 'running' indicator, and no element of the previous run is still shown."""
    page.wait_for_function(
        f"() => !document.querySelector(\"{BUSY}\") && !document.querySelector(\"{STALE}\")", timeout=TIMEOUT_MS)


def _settled(page, heading: str) -> None:
    """A rerun has drawn: its heading is there, the run is over and a chart is visible."""
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    _idle(page)
    page.wait_for_selector(CHART, timeout=TIMEOUT_MS)


def _first_chart(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_selector(CHART, timeout=TIMEOUT_MS)
    return time.perf_counter() - start


class Visits:
    """Opens pages the two ways people meet them: a new browser each time, or the browser they already use."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.cached = browser.new_context(viewport=VIEWPORT)

    def open(self, *, fresh: bool):
        ctx = self.browser.new_context(viewport=VIEWPORT) if fresh else self.cached
        page = ctx.new_page()
        return page, (ctx.close if fresh else page.close)

    def first_chart(self, url: str, *, fresh: bool) -> float | None:
        page, close = self.open(fresh=fresh)
        try:
            return _first_chart(page, url)
        except Exception as exc:  # noqa: BLE001 - a visit without a chart in time is a result, kept with its screen
            return _failed(page, exc)
        finally:
            close()

    def action(self, url: str, *, fresh: bool, ready: Callable, act: Callable, settled: Callable) -> float | None:
        """Seconds from a click/choice to its result drawn, on a page first loaded (untimed) in that browser."""
        page, close = self.open(fresh=fresh)
        try:
            page.goto(url, timeout=TIMEOUT_MS)
            ready(page)
            _idle(page)
            start = time.perf_counter()
            act(page)
            settled(page)
            return time.perf_counter() - start
        except Exception as exc:  # noqa: BLE001 - as above
            return _failed(page, exc)
        finally:
            close()


def _failed(page, exc: Exception) -> None:
    """Keeps the screen of a visit that timed out (bench-results/failed-N.png) and says which one."""
    RESULTS.mkdir(exist_ok=True)
    shot = RESULTS / f"failed-{time.strftime('%H%M%S')}.png"
    try:
        page.screenshot(path=str(shot), full_page=True)
    except Exception:  # noqa: BLE001 - the page may be gone
        pass
    print(f"bench: {page.url}: {type(exc).__name__}: {str(exc).splitlines()[0]} ({shot.name})", flush=True)
    return None


def _pick(page, *, label: str, option: str) -> None:
    """Chooses an option in a Streamlit selectbox the way a person does: click, type, Enter."""
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).first.click()


def _domain_chart(page, title: str):
    return page.locator(EXPANDER).filter(has_text=title).first.locator(CHART).first


# the sample loaded by that checkout's own code (its module was analysis.store.sample before it moved)
_LOAD_SAMPLE = """
import sys
from analysis.store import init_db, make_engine
try:
    from analysis.sample import load_sample
except ImportError:
    from analysis.store.sample import load_sample
engine = make_engine(sys.argv[1]); init_db(engine); load_sample(engine)
"""


def _median(xs: list[float]) -> float | None:
    return round(statistics.median(xs), 2) if xs else None


async def _sessions(urls: list[str]) -> list[float | None]:
    """Every url opened at the same moment, each in its own browser context: seconds to its first chart."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start = time.perf_counter()

        async def one(url: str) -> float | None:
            ctx = await browser.new_context(viewport=VIEWPORT)
            try:
                page = await ctx.new_page()
                await page.goto(url, timeout=TIMEOUT_MS)
                await page.wait_for_selector(CHART, timeout=TIMEOUT_MS)
                return time.perf_counter() - start
            except Exception:  # noqa: BLE001 - a session without a chart in time is the measurement
                return None
            finally:
                await ctx.close()

        try:
            return list(await asyncio.gather(*(one(u) for u in urls)))
        finally:
            await browser.close()


def summary(times: list[float | None]) -> dict[str, Any]:
    """Sessions at once: how many, how many got a chart, the median and the slowest of those."""
    got = [t for t in times if t is not None]
    return {"sessions": len(times), "with_chart": len(got), "median_s": _median(got),
            "max_s": round(max(got), 2) if got else None}


def _concurrent(urls: list[str]) -> dict[str, Any]:
    out = summary(asyncio.run(_sessions(urls)))
    print(f"bench: {len(urls)} at once on {urls[0]}: {out}", flush=True)
    return out


def bench(tmp: Path) -> dict[str, Any]:
    """`make bench`'s entry: the sample in a fresh SQLite file, measured; the table printed and kept beside JSON."""
    from analysis.sample import load_sample
    from analysis.store import init_db, make_engine

    engine = make_engine(f"sqlite:///{tmp / 'sample.sqlite'}")
    init_db(engine)
    load_sample(engine)
    engine.dispose()
    out = bench_browser(f"sqlite:///{tmp / 'sample.sqlite'}")
    text = table(out)
    print(text, flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "browser.md").write_text(text + "\n", encoding="utf-8")
    return out


def bench_browser(db_url: str, *, rounds: int | None = None) -> dict[str, Any]:
    """The issue-10 measures: every page's first chart, profile actions, concurrency; ratios to the floor."""
    from analysis.catalogue import catalogue
    from analysis.text import fold

    rounds = rounds or int(os.environ.get("BENCH_ROUNDS", "5"))
    cat = catalogue()
    names = sorted((m.name_lv for m in cat.municipalities), key=fold)
    domain1 = f"1. {cat.domain(1).name_lv}"
    samples: dict[str, dict[str, list[float]]] = {}
    out: dict[str, Any] = {"rounds": rounds}

    def add(what: str, how: str, seconds: float | None) -> None:
        """A sample; a visit that timed out counts as failed (and is left out of the median)."""
        if seconds is None:
            out[f"{what}.{how}_failed"] = out.get(f"{what}.{how}_failed", 0) + 1
            return
        samples.setdefault(what, {}).setdefault(how, []).append(seconds)
        print(f"bench: {what} {how} {seconds:.2f} s", flush=True)

    apps = {"": (APP, REPO, db_url)}  # BENCH_BEFORE: another checkout (main before a change), measured alternately
    if os.environ.get("BENCH_BEFORE"):
        before = Path(os.environ["BENCH_BEFORE"]).resolve()
        own = Path(db_url.removeprefix("sqlite:///")).with_name("before.sqlite")  # its own schema version
        subprocess.run([sys.executable, "-c", _LOAD_SAMPLE, f"sqlite:///{own}"], cwd=before, check=True)
        apps["before_"] = (before / "dashboard" / "app.py", before, f"sqlite:///{own}")
    with contextlib.ExitStack() as stack:
        floor = stack.enter_context(streamlit_server(db_url, script=FLOOR_APP))
        urls = {"floor": f"{floor}/"}
        for prefix, (script, cwd, url) in apps.items():
            base = stack.enter_context(streamlit_server(url, script=script, cwd=cwd))
            urls.update({f"{prefix}{k}": f"{base}/{v}" for k, v in PAGES.items()})
        with chromium() as browser:
            visits = Visits(browser)
            for what, url in urls.items() if os.environ.get("BENCH_COLD", "1") == "1" else ():
                add(what, "cold", visits.first_chart(url, fresh=True))  # nothing computed yet on any server
            visits.cached.close()
        for n in SESSIONS:  # half overview, half profile, all at once (the floor alike, for the browser's own share)
            for prefix in apps:
                mix = [urls[f"{prefix}overview"] if i % 2 == 0 else urls[f"{prefix}profile"] for i in range(n)]
                out[f"{prefix}concurrent_{n}"] = _concurrent(mix)
            out[f"floor_concurrent_{n}"] = _concurrent([urls["floor"]] * n)
        with chromium() as browser:
            visits = Visits(browser)
            for what, url in urls.items():  # the cached browser has each server's Streamlit files
                if what in ("floor", *(f"{p}overview" for p in apps)):
                    visits.first_chart(url, fresh=False)
            others = {p: iter(names[1 + n::len(apps)]) for n, p in enumerate(apps)}
            for _ in range(rounds):
                for how in ("fresh", "cached"):
                    fresh = how == "fresh"
                    for what, url in urls.items():
                        add(what, how, visits.first_chart(url, fresh=fresh))
                    add("floor_pick", how, visits.action(  # the floor of a choice: one widget, one chart
                        urls["floor"], fresh=fresh, ready=lambda p: p.wait_for_selector(CHART, timeout=TIMEOUT_MS),
                        act=lambda p: _pick(p, label="Punkti", option="42"),
                        settled=lambda p: _settled(p, "Grīda 42")))
                    for prefix in apps:
                        profile = urls[f"{prefix}profile"]
                        other = next(others[prefix])  # a municipality nobody has opened yet in this run
                        add(f"{prefix}profile_municipality", how, visits.action(
                            profile, fresh=fresh, ready=lambda p: p.wait_for_selector(CHART, timeout=TIMEOUT_MS),
                            act=lambda p, o=other: _pick(p, label="Pašvaldība", option=o),
                            settled=lambda p, o=other: _settled(p, o)))
                        add(f"{prefix}profile_language", how, visits.action(
                            profile, fresh=fresh, ready=lambda p: p.wait_for_selector(CHART, timeout=TIMEOUT_MS),
                            act=lambda p: p.get_by_text("English", exact=True).click(),
                            settled=lambda p: _settled(p, "Municipality profile")))
                        add(f"{prefix}profile_domain", how, visits.action(
                            profile, fresh=fresh, ready=lambda p: p.wait_for_selector(CHART, timeout=TIMEOUT_MS),
                            act=lambda p: p.get_by_text(domain1).first.click(),
                            settled=lambda p: _domain_chart(p, domain1).wait_for(state="visible",
                                                                                 timeout=TIMEOUT_MS)))
            visits.cached.close()
    floor = {how: _median(samples.get("floor", {}).get(how, [])) for how in ("cold", "fresh", "cached")}
    for what, by_how in samples.items():
        for how, xs in by_how.items():
            med = _median(xs)
            out[f"{what}.{how}_s"] = med
            if what != "floor" and floor.get(how):
                out[f"{what}.{how}_ratio"] = round(med / floor[how], 2)
    for prefix in apps:
        single = _median(samples.get(f"{prefix}overview", {}).get("fresh", [])
                         + samples.get(f"{prefix}profile", {}).get("fresh", []))
        for n in SESSIONS:
            c = out[f"{prefix}concurrent_{n}"]
            c["median_vs_single"] = round(c["median_s"] / single, 2) if c["median_s"] and single else None
    return out


def table(out: dict[str, Any]) -> str:
    """The closing note's table: seconds and ratio to the floor, per page or action, fresh and cached."""
    whats = sorted({k.split(".")[0] for k in out if "." in k and (k.endswith("_s") or k.endswith("_failed"))},
                   key=lambda w: (not w.startswith("floor"), w.removeprefix("before_"), not w.startswith("before_")))
    lines = ["| what | cold s | fresh s | fresh × floor | cached s | cached × floor | timed out |",
             "|---|---|---|---|---|---|---|"]
    for w in whats:
        cells = [out.get(f"{w}.cold_s", ""), out.get(f"{w}.fresh_s", ""), out.get(f"{w}.fresh_ratio", ""),
                 out.get(f"{w}.cached_s", ""), out.get(f"{w}.cached_ratio", ""),
                 sum(out.get(f"{w}.{h}_failed", 0) for h in ("cold", "fresh", "cached"))]
        lines.append("| " + " | ".join([w, *("" if c is None else str(c) for c in cells)]) + " |")
    for key in [k for k in out if "concurrent_" in k]:
        c = out.get(key)
        if c:
            lines.append(f"| {key} | with chart {c['with_chart']}/{c['sessions']} | median {c['median_s']} | "
                         f"max {c['max_s']} | × single {c.get('median_vs_single', '')} | | |")
    return "\n".join(lines)


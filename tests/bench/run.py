"""`make bench`: the speed and memory goals of the issues, measured on this machine, printed and saved as JSON."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from tests.bench import browser, ingest_process, publish, sessions, worker_parse

REPO = Path(__file__).resolve().parents[2]
SAMPLE_LONG = REPO / "sample_municipalities" / "national_long_sintetiski.csv"


def machine() -> dict[str, Any]:
    """What the numbers were measured on, so a closing note can say it."""
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem_gib = round(mem_kib / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "python": platform.python_version(),
        "ci": bool(os.environ.get("CI")),
    }


def best_of(fn: Callable[[], Any], *, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def national_workbook(path: Path, *, scale: int = 1) -> int:
    """Writes the national sample as one long-format workbook (scale>1 repeats it under other indicator labels)."""
    import pandas as pd

    long = pd.read_csv(SAMPLE_LONG, dtype={"note": "string", "status": "string"})
    frames = [long]
    for k in range(1, scale):
        extra = long.copy()
        extra["indicator"] = extra["indicator"] + f"_x{k}"
        frames.append(extra)
    data = pd.concat(frames, ignore_index=True)
    cols = ["municipality", "indicator", "year", "value", "count", "denominator"]
    with pd.ExcelWriter(path, engine="xlsxwriter") as xw:
        data[cols].to_excel(xw, sheet_name="Dati", index=False)
    return int(data["value"].notna().sum())


def bench_ingest(tmp: Path) -> dict[str, Any]:
    """Issue 3: parse + validate + store a ~50,000-value workbook vs pandas/openpyxl merely reading it."""
    import pandas as pd

    from analysis.access import Actor, Role
    from analysis.catalogue import catalogue
    from analysis.ingest import ingest_path
    from analysis.store import init_db, make_engine

    book = tmp / "national.xlsx"
    n_values = national_workbook(book)
    read_s = best_of(lambda: pd.read_excel(book, engine="openpyxl"), repeat=2)
    cat = catalogue()

    def ingest_once() -> None:
        db = tmp / f"ingest-{time.perf_counter_ns()}.sqlite"
        engine = make_engine(f"sqlite:///{db}")
        init_db(engine)
        result, stored = ingest_path(book, engine=engine, catalogue=cat, actor=Actor(name="bench", role=Role.NATIONAL_ANALYST))
        if stored is None or stored.duplicate:
            raise RuntimeError(f"bench workbook not stored: {result.report.count('error')} errors")
        engine.dispose()

    ingest_s = best_of(ingest_once, repeat=3)
    return {
        "values": n_values,
        "ingest_s": round(ingest_s, 3),
        "pandas_openpyxl_read_s": round(read_s, 3),
        "ratio": round(ingest_s / read_s, 3),
        "goal_ratio": 0.5,
    }


_MEMORY_CHILD = """
import resource, sys
from pathlib import Path
from analysis.access import Actor, Role
from analysis.catalogue import catalogue
from analysis.ingest import ingest_path
from analysis.store import init_db, make_engine
engine = make_engine("sqlite:///" + sys.argv[2]); init_db(engine)
result, stored = ingest_path(Path(sys.argv[1]), engine=engine, catalogue=catalogue(), actor=Actor(name="bench", role=Role.NATIONAL_ANALYST))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, result.report.count("error"))
"""


def bench_memory(tmp: Path) -> dict[str, Any]:
    """Issue 3: peak memory of ingesting a ~500,000-value workbook, in a fresh process."""
    book = tmp / "national_x11.xlsx"
    n_values = national_workbook(book, scale=11)
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD, str(book), str(tmp / "mem.sqlite")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    peak_kib, errors = (int(x) for x in out.stdout.split()[-2:])
    return {"values": n_values, "peak_mib": round(peak_kib / 1024, 1), "errors": errors, "goal_mib": 1024}


def _sample_engine(tmp: Path):
    from analysis.sample import load_sample
    from analysis.store import init_db, make_engine

    engine = make_engine(f"sqlite:///{tmp / 'sample.sqlite'}")
    init_db(engine)
    load_sample(engine)
    return engine


def bench_stats(tmp: Path) -> dict[str, Any]:
    """Issue 4: every trend, interval and benchmark for the whole national sample."""
    from analysis.catalogue import catalogue
    from analysis.stats import analyse
    from analysis.store import current_observations

    engine = _sample_engine(tmp)
    obs = current_observations(engine)
    cat = catalogue()
    analyse(obs, catalogue=cat)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        analyse(obs, catalogue=cat)
        runs.append(time.perf_counter() - t0)
    return {
        "values": int(obs["value"].notna().sum()),
        "analyse_s_median": round(statistics.median(runs), 4),
        "analyse_s_best": round(min(runs), 4),
        "goal_s": 0.2,
    }


def bench_pages(tmp: Path) -> dict[str, Any]:
    """Issue 6: each page rendered with AppTest on the full national sample, warm cache."""
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # bare-mode warnings would drown the table
    from tests.dashboard.apptest_util import PAGES, time_page

    engine = _sample_engine(tmp)
    url = str(engine.url)
    engine.dispose()
    out: dict[str, Any] = {name: round(time_page(page, db_url=url, repeat=3), 3) for name, page in PAGES.items()}
    out["goal_s"] = 1.5
    return out


def bench_browser(tmp: Path) -> dict[str, Any]:
    """Issue 6: the browser's time from navigation to the first drawn chart on the overview page."""
    from tests.dashboard.browser_util import chromium, streamlit_server, time_to_first_chart

    engine = _sample_engine(tmp)
    url = str(engine.url)
    engine.dispose()
    with streamlit_server(url) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        cold = time_to_first_chart(page, base)
        warm = [time_to_first_chart(page, base) for _ in range(3)]
    return {"first_visit_s": round(cold, 3), "warm_s_best": round(min(warm), 3)}


BENCHES: dict[str, Callable[[Path], dict[str, Any]]] = {
    "ingest_50k": bench_ingest,
    "ingest_500k_memory": bench_memory,
    "stats_national": bench_stats,
    "pages_apptest": bench_pages,
    "browser_first_chart": bench_browser,
    "browser_vs_floor": browser.bench,
    "sessions": sessions.bench,
    "publish_release": publish.bench,
    "worker_parse_50k": worker_parse.bench,
    "ingest_process": lambda tmp: ingest_process.bench_all(tmp, rounds=int(os.environ.get("BENCH_ROUNDS", "5"))),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks / etalontesti")
    parser.add_argument("--out", default="bench-results/results.json")
    parser.add_argument("--only", nargs="*", choices=list(BENCHES))
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"machine": machine(), "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    failed = False
    print(f"{'bench':22s} {'metric':28s} value")
    for name, fn in BENCHES.items():
        if args.only and name not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
            t0 = time.perf_counter()
            try:
                results[name] = fn(Path(tmp))
            except Exception as exc:  # noqa: BLE001 - one failing bench must not hide the others
                failed = True
                results[name] = {"error": f"{type(exc).__name__}: {exc}"}
            results[name]["bench_wall_s"] = round(time.perf_counter() - t0, 1)
        for metric, value in results[name].items():
            print(f"{name:22s} {metric:28s} {value}", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nMašīna / machine: {json.dumps(results['machine'], ensure_ascii=False)}")
    print(f"Rezultāti / results: {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

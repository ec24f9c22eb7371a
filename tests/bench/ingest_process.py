"""Issue 12: ingest measured the way a user runs it — whole processes, medians of alternating runs, ratios to pandas.

Workbooks are generated here (national, long layout): 43 municipalities × 116 indicators × 10 years, most labels
not in the catalogue; the same size with catalogue labels; 500,000 values. Reads: current values and the cold
overview page with 2 million stored values (40 versions of one dataset) against 50,000 (one version).
`--repo DIR` runs every command in another checkout (e.g. the code before a change), with the same workbooks.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
YEARS = range(2015, 2025)
N_INDICATORS = 116
BIG_FACTOR = 10  # 500,000 values: ten times the indicators

_READ = "import sys, pandas; pandas.read_excel(sys.argv[1], engine=sys.argv[2])"
# the floor for storing: calamine rows, plain sqlite3 executemany into the same observations table, one transaction
_FLOOR = """
import sqlite3, sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
con = sqlite3.connect(sys.argv[2])
with con:
    con.execute("INSERT INTO uploads (file_name, sha256, size_bytes, uploaded_at, uploader, status, kind, dataset,"
                " n_rows) VALUES ('f', 's', 0, '2026-01-01', 'b', 'stored', 'indicators', 'd', 0)")
    uid = con.execute("SELECT max(id) FROM uploads").fetchone()[0]
    con.executemany("INSERT INTO observations (upload_id, municipality_code, indicator, year, value, source_row)"
                    " VALUES (?, ?, ?, ?, ?, ?)", ((uid, r[0], r[1], int(r[2]), r[3], i + 2)
                                                    for i, r in enumerate(rows[1:])))
"""
_INIT = "import sys; from analysis.store import init_db, make_engine; init_db(make_engine(sys.argv[1]))"
# stores one dataset `versions` times (each version's values differ), through the library as an upload would
_HISTORY = """
import sys, pandas as pd
from analysis.access import Actor, Role
from analysis.store import init_db, make_engine, store_upload
url, tidy, versions = sys.argv[1], sys.argv[2], int(sys.argv[3])
engine = make_engine(url); init_db(engine)
rows = pd.read_csv(tidy)
for c in ("count", "denominator", "status", "note", "sheet"):
    rows[c] = None
actor = Actor(name="bench", role=Role.NATIONAL_ANALYST)
for v in range(versions):
    rows["value"] = rows["value"] + 1
    store_upload(engine, file_name="national.xlsx", sha256=f"bench-{v}", size_bytes=1, actor=actor, rows=rows)
"""
_CURRENT = """
import sys, time
from analysis.store import current_observations, make_engine
engine = make_engine(sys.argv[1])
t0 = time.perf_counter(); frame = current_observations(engine); t1 = time.perf_counter()
one = current_observations(engine, municipality_codes=[sys.argv[2]]); t2 = time.perf_counter()
print(t1 - t0, t2 - t1, len(frame), len(one))
"""
_OVERVIEW = """
import os, sys, time
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
from tests.dashboard.apptest_util import run_page
t0 = time.perf_counter(); at = run_page("app_pages/overview.py", db_url=sys.argv[1], timeout=600)
print(time.perf_counter() - t0, len(at.exception))
"""


def run(cmd: list[str], *, cwd: Path) -> tuple[float, float, str]:
    """Wall seconds and peak resident MiB of one whole process, and its stdout; a failing process stops the bench."""
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory (ru_maxrss, KiB)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:4])}: exit {proc.returncode}: {err.read().strip()[-400:]}")
        return seconds, usage.ru_maxrss / 1024, out.read()


def workbook(path: Path, *, catalogue_labels: bool, factor: int = 1) -> int:
    """A national workbook in long layout (municipality, indicator, year, value); returns the number of values."""
    import xlsxwriter

    from analysis.catalogue import catalogue

    cat = catalogue()
    kinds = {i.name_lv: i.kind for i in cat.indicators}  # each cell as its kind: counts whole, 0/1, rates with decimals
    munis = [m.name_lv for m in cat.municipalities][:43]
    if catalogue_labels:
        labels = [i.name_lv for i in cat.indicators]
        years = range(YEARS.start - 1, YEARS.stop)  # 106 catalogue indicators: 11 years make 50,000 values
    else:
        known = [i.name_lv for i in cat.indicators][:16]
        labels = known + [f"Pašvaldības rādītājs {k}: bērni grupā {k % 7} ({k})" for k in range(N_INDICATORS * factor
                                                                                              - len(known))]
        years = YEARS
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Dati")
    sheet.write_row(0, 0, ["Pašvaldība", "Rādītājs", "Gads", "Vērtība"])
    r = 1
    for m in munis:
        for k, label in enumerate(labels):
            for y in years:
                sheet.write_row(r, 0, [m, label, y, _value(kinds.get(label, "count"), r * 7 + k)])
                r += 1
    book.close()
    return r - 1


def _value(kind: str, n: int) -> float:
    if kind == "yes_no":
        return n % 2
    if kind in ("proportion", "rate"):
        return round((n % 970) / 10 + 0.25, 2)
    return n % 97 + 1


def medians(named: dict[str, list[str]], *, cwd: Path, rounds: int, fresh_db: Path | None = None) -> dict[str, Any]:
    """Each command `rounds` times, alternating (A B C A B C …); median wall seconds and the highest peak memory."""
    times: dict[str, list[float]] = {k: [] for k in named}
    peak: dict[str, float] = {k: 0.0 for k in named}
    for i in range(rounds):
        for name, cmd in named.items():
            db = fresh_db / f"{name}-{i}.sqlite" if fresh_db else None
            cmd = [c.replace("{db}", str(db)) for c in cmd] if db else cmd
            if db and name in ("floor_sqlite3", "ingest"):  # both write into an existing database, as a user's
                run([sys.executable, "-c", _INIT, f"sqlite:///{db}"], cwd=cwd)  # is: creating it is not timed
            s, mib, _ = run(cmd, cwd=cwd)
            times[name].append(s)
            peak[name] = max(peak[name], mib)
    return {k: {"median_s": round(statistics.median(v), 3), "peak_mib": round(peak[k], 1)} for k, v in times.items()}


def bench_ingest(tmp: Path, *, cwd: Path, rounds: int) -> dict[str, Any]:
    """50,000 values, unknown and catalogue labels: ingest vs pandas.read_excel (openpyxl, calamine)."""
    out: dict[str, Any] = {}
    for name, known in (("unknown_labels", False), ("catalogue_labels", True)):
        book = tmp / f"{name}.xlsx"
        n = workbook(book, catalogue_labels=known)
        named = {
            "ingest": [sys.executable, "-m", "analysis", "ingest", str(book), "--db", "sqlite:///{db}"],
            "openpyxl": [sys.executable, "-c", _READ, str(book), "openpyxl"],
            "calamine": [sys.executable, "-c", _READ, str(book), "calamine"],
        }
        got = medians(named, cwd=cwd, rounds=rounds, fresh_db=tmp)
        ours = got["ingest"]["median_s"]
        out[name] = {
            "values": n,
            **{f"{k}_s": v["median_s"] for k, v in got.items()},
            "ratio_openpyxl": round(ours / got["openpyxl"]["median_s"], 2),
            "ratio_calamine": round(ours / got["calamine"]["median_s"], 2),
            "goal": "≤0.5× openpyxl, ≤1.5× calamine",
        }
    return out


def bench_500k(tmp: Path, *, cwd: Path, rounds: int) -> dict[str, Any]:
    """500,000 values: ingest vs calamine read + plain sqlite3 executemany, with ingest's peak memory."""
    book = tmp / "big.xlsx"
    n = workbook(book, catalogue_labels=False, factor=BIG_FACTOR)
    named = {
        "ingest": [sys.executable, "-m", "analysis", "ingest", str(book), "--db", "sqlite:///{db}"],
        "floor_sqlite3": [sys.executable, "-c", _FLOOR, str(book), "{db}"],
    }
    got = medians(named, cwd=cwd, rounds=rounds, fresh_db=tmp)
    return {
        "values": n,
        "ingest_s": got["ingest"]["median_s"],
        "floor_s": got["floor_sqlite3"]["median_s"],
        "ratio": round(got["ingest"]["median_s"] / got["floor_sqlite3"]["median_s"], 2),
        "ingest_peak_mib": got["ingest"]["peak_mib"],
        "goal": "≤2× floor, <1024 MiB",
    }


def bench_reads(tmp: Path, *, cwd: Path, rounds: int) -> dict[str, Any]:
    """Current values (all, and one municipality) and the cold overview: 2 million stored values vs 50,000."""
    book = tmp / "catalogue.xlsx"
    workbook(book, catalogue_labels=True)
    tidy = tmp / "tidy.csv"
    run([sys.executable, "-m", "analysis", "ingest", str(book), "--dry-run", "--tidy-out", str(tidy)], cwd=cwd)
    _prepare_tidy(tidy)
    dbs = {"50k": tmp / "small.sqlite", "2M": tmp / "large.sqlite"}
    build_s = {}
    for name, versions in (("50k", 1), ("2M", 40)):
        build_s[name] = round(run([sys.executable, "-c", _HISTORY, f"sqlite:///{dbs[name]}", str(tidy),
                                   str(versions)], cwd=cwd)[0], 1)
    code = _a_code()
    cur: dict[str, list[list[float]]] = {k: [] for k in dbs}
    ovw: dict[str, list[float]] = {k: [] for k in dbs}
    for _ in range(rounds):
        for name, db in dbs.items():
            fields = run([sys.executable, "-c", _CURRENT, f"sqlite:///{db}", code], cwd=cwd)[2].split()
            cur[name].append([float(fields[0]), float(fields[1])])
            seconds, errors = run([sys.executable, "-c", _OVERVIEW, f"sqlite:///{db}"], cwd=cwd)[2].split()[-2:]
            if int(errors):
                raise RuntimeError(f"overview page raised on the {name} database")
            ovw[name].append(float(seconds))
    med = {k: {"current_s": round(statistics.median(r[0] for r in v), 3),
               "one_municipality_s": round(statistics.median(r[1] for r in v), 3),
               "overview_cold_s": round(statistics.median(ovw[k]), 3)} for k, v in cur.items()}
    return {
        "build_s": build_s,
        **{f"{k}_{m}": v for k, d in med.items() for m, v in d.items()},
        "ratio_current": round(med["2M"]["current_s"] / med["50k"]["current_s"], 2),
        "ratio_one_municipality": round(med["2M"]["one_municipality_s"] / med["50k"]["one_municipality_s"], 2),
        "ratio_overview": round(med["2M"]["overview_cold_s"] / med["50k"]["overview_cold_s"], 2),
        "goal": "≤1.5× each",
    }


def _prepare_tidy(tidy: Path) -> None:
    """The tidy CSV keyed by codes, as store_upload takes rows."""
    import pandas as pd

    from analysis.catalogue import catalogue

    cat = catalogue()
    frame = pd.read_csv(tidy)
    codes = {m.name_lv: m.code for m in cat.municipalities}
    frame["municipality_code"] = frame["municipality"].map(codes)
    frame["source_row"] = range(2, len(frame) + 2)
    frame[["municipality_code", "indicator", "year", "value", "source_row"]].to_csv(tidy, index=False)


def _a_code() -> str:
    from analysis.catalogue import catalogue

    return catalogue().municipalities[5].code


BENCHES = {"ingest_50k": bench_ingest, "ingest_500k": bench_500k, "reads_history": bench_reads}


def bytecode(cwd: Path) -> None:
    """The checkout's modules compiled, as a user's first run leaves them: this machine sets
    PYTHONDONTWRITEBYTECODE, which would make every measured process compile the project from source again (the
    pandas it is compared with was compiled when pip installed it)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(cwd / "analysis")], check=True,
                   stdout=subprocess.DEVNULL)


def bench_all(tmp: Path, *, cwd: Path = REPO, rounds: int = 5, only: list[str] | None = None) -> dict[str, Any]:
    """Every part, one after the other, in one go (the 500,000-value and read parts with 3 rounds)."""
    bytecode(cwd)
    out: dict[str, Any] = {}
    for name, fn in BENCHES.items():
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        out[name] = fn(tmp, cwd=cwd, rounds=rounds if name == "ingest_50k" else min(rounds, 3))
        out[name]["bench_wall_s"] = round(time.perf_counter() - t0, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose code is measured")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=list(BENCHES))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-process-") as tmp:
        result = bench_all(Path(tmp), cwd=args.repo.resolve(), rounds=args.rounds, only=args.only)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Issue 9: what parsing in a worker process costs, whole process, against the same parse in process.

`python -m analysis ingest F --dry-run` (worker) and the same with the hidden `--in-process` flag, on the
50,000-value national workbook, alternating, five runs each; the goal is under 0.3 s extra at the median.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
RUNS = 5
GOAL_EXTRA_S = 0.3


def _once(path: Path, *extra: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "ingest", str(path), "--dry-run", *extra], cwd=REPO,
                   check=True, capture_output=True)
    return time.perf_counter() - t0


def bench(tmp: Path) -> dict[str, Any]:
    from tests.bench.run import national_workbook

    path = tmp / "national_50k.xlsx"
    values = national_workbook(path)
    _once(path)  # warm the file cache and the bytecode
    worker: list[float] = []
    here: list[float] = []
    for _ in range(RUNS):
        worker.append(_once(path))
        here.append(_once(path, "--in-process"))
    extra = statistics.median(worker) - statistics.median(here)
    return {
        "values": values,
        "worker_s_median": round(statistics.median(worker), 3),
        "in_process_s_median": round(statistics.median(here), 3),
        "extra_s": round(extra, 3),
        "goal_extra_s": GOAL_EXTRA_S,
        "meets_goal": extra < GOAL_EXTRA_S,
    }

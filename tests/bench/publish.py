"""`make bench`, publishing part: the public release of the sample, its information loss and what it costs.

Information loss: cells and totals hidden beyond the primary ones ('x'), as counts and as shares of the cells
with a threshold and of the totals. Cost: `python -m analysis publish` as a whole process (the MILP and the
attack solved from nothing, as after a new upload), median of BENCH_PUBLISH_ROUNDS (3).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROUNDS = int(os.environ.get("BENCH_PUBLISH_ROUNDS", "3"))


def bench(tmp: Path) -> dict[str, Any]:
    from analysis.catalogue import catalogue
    from analysis.publish import information_loss, release
    from analysis.sample import load_sample
    from analysis.store import current_observations, init_db, make_engine

    url = f"sqlite:///{tmp / 'sample.sqlite'}"
    engine = make_engine(url)
    init_db(engine)
    load_sample(engine)
    loss = information_loss(release(current_observations(engine), catalogue=catalogue()))
    runs = []
    for n in range(ROUNDS):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analysis", "publish", "--out", str(tmp / f"out{n}"), "--db", url],
                       check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    same = len({(tmp / f"out{n}" / "release.xlsx").read_bytes() for n in range(ROUNDS)}) == 1
    return {
        "primary_cells": loss["primary_cells"],
        "secondary_cells": loss["secondary_cells"],
        "secondary_share_pct": round(100 * loss["secondary_share"], 2),
        "secondary_totals": loss["secondary_totals"],
        "secondary_totals_share_pct": round(100 * loss["secondary_totals_share"], 2),
        "publish_process_s_median": round(statistics.median(runs), 2),
        "same_bytes_every_run": same,
    }

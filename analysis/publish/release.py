"""The public cells and totals of one data version: hidden figures blank, marked '<5' (small) or 'x' (protecting)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats import analyse
from analysis.stats import labels as L

TIDY_COLUMNS = ("municipality", "indicator", "year", "value", "count", "denominator", "status")
TOTALS_COLUMNS = ("area", "members", "indicator", "year", "count", "status")
LATVIA = "LV"
KEY = ["municipality_code", "indicator", "year"]


@dataclass(frozen=True)
class Release:
    """`cells` (TIDY_COLUMNS + municipality_code, threshold), `totals` (TOTALS_COLUMNS + threshold)."""

    cells: pd.DataFrame
    totals: pd.DataFrame


def _marks(small: pd.Series, hidden: pd.Series, threshold: pd.Series, status: pd.Series) -> pd.Series:
    """'<threshold' for a small count, 'x' for one hidden to protect another, else the stored status."""
    mark = np.where(small, [L.small_mark(t) for t in threshold], L.SECONDARY_MARK)
    return pd.Series(np.where(hidden, mark, status.fillna("").astype(str)), index=status.index, dtype=object)


def _cells(observations: pd.DataFrame, published, catalogue: Catalogue) -> pd.DataFrame:
    v = published.values
    flags = pd.DataFrame({
        "municipality_code": v["municipality_code"].astype(str).to_numpy(),
        "indicator": v["indicator"].astype(str).to_numpy(),
        "year": v["year"].to_numpy(dtype="int64"),
        "municipality": v["municipality"].astype(str).to_numpy(),
        "small": (v["suppression"].astype(str) == L.SMALL_COUNT).to_numpy(),
        "hidden": v["suppressed"].to_numpy(dtype=bool),
    })
    obs = observations[(observations["municipality_code"] != LATVIA).to_numpy(dtype=bool, na_value=True)]
    obs = obs.astype({"municipality_code": str, "indicator": str}).assign(year=obs["year"].astype("int64"))
    cells = obs[[*KEY, "value", "count", "denominator", "status"]].merge(flags, on=KEY, how="inner")
    thresholds = {i.id: float(i.small_n_threshold) for i in catalogue.indicators}
    cells["threshold"] = cells["indicator"].map(thresholds).fillna(0.0)
    hidden = cells["hidden"].to_numpy()
    for col in ("value", "count", "denominator"):
        cells[col] = pd.to_numeric(cells[col], errors="coerce").astype("float64").mask(hidden)
    cells["status"] = _marks(cells["small"], cells["hidden"], cells["threshold"], cells["status"])
    cells = cells.sort_values(["municipality", "indicator", "year"], kind="stable").reset_index(drop=True)
    return cells[["municipality_code", *TIDY_COLUMNS, "threshold"]]


def _totals(full, published, catalogue: Catalogue) -> pd.DataFrame:
    """Latvia and each region per indicator × year with a count: the municipalities summed, hidden or shown."""
    v = full.values
    counted = pd.DataFrame({
        "code": v["municipality_code"].astype(str).to_numpy(), "region": v["region"].astype(str).to_numpy(),
        "indicator": v["indicator"].astype(str).to_numpy(), "year": v["year"].to_numpy(dtype="int64"),
    })[v["count"].notna().to_numpy()]
    thresholds = {i.id: float(i.small_n_threshold) for i in catalogue.indicators}
    frames = []
    for frame, keys, area in (
        (published.national, ["indicator", "year"], None),
        (published.regions, ["indicator", "year", "region"], "region"),
    ):
        members = counted.groupby(keys, sort=True)["code"].agg(lambda c: ";".join(sorted(c))).rename("members")
        t = frame.assign(indicator=frame["indicator"].astype(str), year=frame["year"].astype("int64"))
        if area:
            t = t.assign(region=t["region"].astype(str))
        t = t.merge(members.reset_index(), on=keys, how="inner")
        t["area"] = t[area] if area else LATVIA
        frames.append(t)
    t = pd.concat(frames, ignore_index=True)
    t["threshold"] = t["indicator"].map(thresholds).fillna(0.0)
    hidden = t["suppressed"].to_numpy(dtype=bool)
    small = (t["display_value"].astype(str) == [L.small_mark(x) for x in t["threshold"]]).to_numpy()
    t["count"] = pd.to_numeric(t["count"], errors="coerce").astype("float64").mask(hidden)
    t["status"] = _marks(pd.Series(small), pd.Series(hidden), t["threshold"], pd.Series([""] * len(t)))
    order = t["area"].map(lambda a: (a != LATVIA, a))
    t = t.assign(_order=order).sort_values(["indicator", "year", "_order"], kind="stable")
    return t[list(TOTALS_COLUMNS) + ["threshold"]].reset_index(drop=True)


def release(observations: pd.DataFrame, *, catalogue: Catalogue) -> Release:
    """The release of these observations (store.current_observations): what the public sees."""
    published = analyse(observations, catalogue=catalogue)
    full = analyse(observations, catalogue=catalogue, show_unsuppressed=True)
    return Release(cells=_cells(observations, published, catalogue), totals=_totals(full, published, catalogue))


def information_loss(rel: Release) -> dict[str, float]:
    """Hidden figures beyond the primary ones: municipal cells and totals, as counts and shares of those published."""
    cells_x = int((rel.cells["status"] == L.SECONDARY_MARK).sum())
    cells_small = int(rel.cells["status"].astype(str).str.startswith("<").sum())
    totals_x = int((rel.totals["status"] == L.SECONDARY_MARK).sum())
    counted = int((rel.cells["threshold"] > 0).sum())
    return {
        "cells": len(rel.cells), "cells_with_threshold": counted, "primary_cells": cells_small,
        "secondary_cells": cells_x, "secondary_share": cells_x / counted if counted else 0.0,
        "totals": len(rel.totals), "secondary_totals": totals_x,
        "secondary_totals_share": totals_x / len(rel.totals) if len(rel.totals) else 0.0,
    }

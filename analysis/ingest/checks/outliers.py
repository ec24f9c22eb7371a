"""Rule: a value far outside the municipality's own series is worth a second look (warning, never an error)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.ingest.checks import Findings, fmt, issue
from analysis.report import IssueType

OUTLIER = IssueType(
    "outlier",
    "warning",
    "Vērtība {value} krasi atšķiras no pašvaldības citu gadu vērtībām (mediāna {median}); pārbaudiet",
    "The value {value} is far from the municipality's other years (median {median}); please check",
)

THRESHOLD = 3.5  # modified z-score (Iglewicz & Hoaglin)
MIN_YEARS = 5
# and at least this far from the median, relative to it: a steady series' tiny wobble is not news
MIN_RELATIVE_GAP = 0.5


def check_outliers(*, frame: pd.DataFrame, threshold: float = THRESHOLD, min_years: int = MIN_YEARS) -> Findings:
    """Robust z from the median and MAD of the same municipality's and indicator's years, with enough years.

    The median and MAD include the value itself (vectorised over every series at once); with at least
    MIN_YEARS values both stay robust to the one value being judged.
    """
    reject = pd.Series(False, index=frame.index)
    d = frame[frame["value"].notna() & frame["year"].notna() & frame["status"].ne("zero")]
    if not len(d):
        return Findings([], reject)
    keys = ["municipality_code", "indicator"]
    series = d.groupby(keys, sort=False).ngroup()  # one integer per series: grouping by it is cheap
    n = series.map(series.value_counts())
    d, series = d[n >= min_years], series[n >= min_years]
    if not len(d):
        return Findings([], reject)
    med = d["value"].groupby(series).transform("median")
    dev = (d["value"] - med).abs()
    gd = dev.groupby(series)
    mad = gd.transform("median")
    mean_ad = gd.transform("mean")
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(mad > 0, 0.6745 * dev / mad, np.where(mean_ad > 0, dev / (1.253314 * mean_ad), 0.0))
    # far relative to the median, and beyond what chance gives small counts (a Poisson-like floor)
    flagged = (pd.Series(z, index=d.index) > threshold) & (dev > MIN_RELATIVE_GAP * med.abs())
    flagged &= dev > 3 * np.sqrt(med.abs() + 1)
    if not flagged.any():
        return Findings([], reject)
    # and far from its neighbouring years too: a typo sticks out of its neighbours, a lasting change does not
    near = d[series.isin(series[flagged].unique())].assign(_series=series)
    ordered = near.sort_values(["_series", "year"], kind="stable")
    g_ord = ordered.groupby("_series", sort=False)["value"]
    neighbours = pd.concat([g_ord.shift(1), g_ord.shift(-1)], axis=1).mean(axis=1)
    spike = ((ordered["value"] - neighbours).abs() > MIN_RELATIVE_GAP * neighbours.abs()) | neighbours.isna()
    flagged &= spike.reindex(d.index, fill_value=False)
    hits = d.loc[flagged, ["sheet", "source_row", "value_col", "value"]].assign(median=med[flagged])
    issues = [
        issue(OUTLIER, sheet=sheet, row=row, column=col, value=fmt(value), median=fmt(median))
        for sheet, row, col, value, median in hits.itertuples(index=False, name=None)
    ]
    return Findings(issues, reject)

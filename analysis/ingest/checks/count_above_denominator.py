"""Rule: a count (numerator) above its denominator is impossible: more children in care than children."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.checks import Findings, fmt, issue
from analysis.report import IssueType

COUNT_ABOVE_DENOMINATOR = IssueType(
    "count-above-denominator",
    "error",
    "Skaits {count} ir lielāks par saucēju {denominator}",
    "The count {count} is above its denominator {denominator}",
)


def check_count_above_denominator(*, frame: pd.DataFrame) -> Findings:
    """Rows whose count column exceeds their denominator column."""
    reject = pd.Series(False, index=frame.index)
    mask = frame["count"].notna() & frame["denominator"].notna() & (frame["count"] > frame["denominator"])
    reject |= mask
    cols = ["sheet", "source_row", "count_col", "count", "denominator"]
    issues = [
        issue(COUNT_ABOVE_DENOMINATOR, sheet=s, row=r, column=c, count=fmt(n), denominator=fmt(d))
        for s, r, c, n, d in frame.loc[mask, cols].itertuples(index=False, name=None)
    ]
    return Findings(issues, reject)

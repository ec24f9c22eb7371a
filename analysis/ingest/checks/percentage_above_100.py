"""Rule: a percentage share cannot exceed 100; a custom figure typed with '%' above 100 is suspicious."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.checks import Findings, fmt, issue
from analysis.report import IssueType

PERCENTAGE_ABOVE_100 = IssueType(
    "percentage-above-100",
    "error",
    "Procentuālā vērtība {value} ir lielāka par 100",
    "The percentage {value} is above 100",
)


def check_percentage_above_100(*, frame: pd.DataFrame) -> Findings:
    """Catalogue shares (per 100) above 100 are errors; other values written with '%' above 100 are warnings."""
    reject = pd.Series(False, index=frame.index)
    share = (frame["kind"] == "proportion") & (frame["per"] == 100)
    over = frame["value"] > 100
    flagged = over & (share | frame["percent"].astype(bool))
    reject |= flagged & share
    cols = ["sheet", "source_row", "value_col", "value"]
    issues = [
        issue(PERCENTAGE_ABOVE_100, sheet=s, row=r, column=c, severity=None if hard else "warning", value=fmt(v))
        for (s, r, c, v), hard in zip(
            frame.loc[flagged, cols].itertuples(index=False, name=None), share[flagged].tolist()
        )
    ]
    return Findings(issues, reject)

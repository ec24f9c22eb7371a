"""Rule: counts, rates, shares and denominators cannot be negative."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.checks import Findings, fmt, issue
from analysis.report import IssueType

NEGATIVE_COUNT = IssueType(
    "negative-count",
    "error",
    "Skaits nevar būt negatīvs ({value})",
    "A count cannot be negative ({value})",
)
NEGATIVE_VALUE = IssueType(
    "negative-value",
    "error",
    "Rādītājs '{indicator}' nevar būt negatīvs ({value})",
    "Indicator '{indicator}' cannot be negative ({value})",
)

NON_NEGATIVE_KINDS = ("rate", "proportion")


def check_negative_counts(*, frame: pd.DataFrame) -> Findings:
    """Negative values of count indicators and in count or denominator columns are errors."""
    reject = pd.Series(False, index=frame.index)
    issues = []
    kind = frame["kind"]
    checks = [
        (frame["value"] < 0) & (kind == "count"),
        frame["count"] < 0,
        frame["denominator"] < 0,
    ]
    columns = ["value_col", "count_col", "denominator_col"]
    fields = ["value", "count", "denominator"]
    for mask, col, fld in zip(checks, columns, fields):
        reject |= mask
        for sheet, row, column, value in frame.loc[mask, ["sheet", "source_row", col, fld]].itertuples(
            index=False, name=None
        ):
            issues.append(issue(NEGATIVE_COUNT, sheet=sheet, row=row, column=column, value=fmt(value)))
    rates = (frame["value"] < 0) & kind.isin(NON_NEGATIVE_KINDS)
    reject |= rates
    for sheet, row, column, indicator, value in frame.loc[
        rates, ["sheet", "source_row", "value_col", "indicator", "value"]
    ].itertuples(index=False, name=None):
        issues.append(
            issue(NEGATIVE_VALUE, sheet=sheet, row=row, column=column, indicator=indicator, value=fmt(value))
        )
    return Findings(issues, reject)

"""Rule: a yes/no indicator holds yes or no (1/0, jā/nē); anything else is reported, never guessed."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.checks import Findings, issue
from analysis.report import IssueType

NOT_YES_NO = IssueType(
    "not-yes-no",
    "error",
    "Rādītājs '{indicator}' ir jā/nē, bet šūnā ir '{text}' (atļauts: 1/0, jā/nē)",
    "Indicator '{indicator}' is yes/no but the cell holds '{text}' (allowed: 1/0, yes/no)",
)


def check_yes_no(*, frame: pd.DataFrame) -> Findings:
    """Cells of yes/no indicators that the value parser could not read as yes or no."""
    reject = pd.Series(False, index=frame.index)
    mask = (frame["kind"] == "yes_no") & (frame["value_problem"] == "not-yes-no")
    reject |= mask
    cols = ["sheet", "source_row", "value_col", "indicator", "value_raw"]
    issues = [
        issue(NOT_YES_NO, sheet=s, row=r, column=c, indicator=ind, text=str(raw))
        for s, r, c, ind, raw in frame.loc[mask, cols].itertuples(index=False, name=None)
    ]
    return Findings(issues, reject)

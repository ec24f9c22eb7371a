"""Plausibility rules, one module per rule: each is a keyword-only function over the tidy frame returning Findings."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.report import Issue, IssueType, Severity


@dataclass
class Findings:
    """The issues one rule found, and which rows (by the frame's index) must not be stored because of them."""

    issues: list[Issue] = field(default_factory=list)
    reject: pd.Series | None = None  # bool, aligned with the frame given to the rule
    drop: pd.Series | None = None  # bool: redundant rows (exact duplicates) to leave out silently


def issue(
    kind: IssueType,
    *,
    sheet: str | None,
    row: int | None,
    column: str | None,
    severity: Severity | None = None,
    **params,
) -> Issue:
    """One Issue from an IssueType, the same way Report.add builds it."""
    return kind.issue(
        sheet=sheet,
        row=None if row is None or pd.isna(row) else int(row),
        column=column if isinstance(column, str) else None,
        severity=severity,
        **params,
    )


def fmt(x: float) -> str:
    """A number as people read it: no trailing '.0', Latvian-neutral."""
    if x is None or pd.isna(x):
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"

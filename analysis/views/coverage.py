"""Programme coverage in codes: one survey round's figures and what changed since the round before it."""

from __future__ import annotations

import pandas as pd

from analysis.catalogue import Catalogue
from analysis.coverage.figures import compare_years, coverage_figures


def rounds(survey: pd.DataFrame) -> list[int]:
    """The survey years stored, newest first."""
    return sorted({int(y) for y in survey["survey_year"]}, reverse=True) if len(survey) else []


def figures(survey: pd.DataFrame, catalogue: Catalogue, *, year: int):
    """The BAC report's figures for one round (None when that round is not stored)."""
    if year not in rounds(survey):
        return None
    return coverage_figures(survey, catalogue=catalogue, survey_year=year, intervals=True)


def change_since_previous(survey: pd.DataFrame, *, year: int) -> tuple[int, dict[str, int]] | None:
    """The round before `year` and the change in counts per status since it (None for the first round)."""
    earlier = [y for y in rounds(survey) if y < year]
    if not earlier:
        return None
    cmp = compare_years(survey)
    now = cmp[(cmp["survey_year"] == year) & cmp["change_count"].notna()]
    return earlier[0], {str(k): int(v) for k, v in zip(now["status"], now["change_count"])}

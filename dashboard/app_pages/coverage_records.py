"""The coverage page's live side: BAC's figures computed from the programme records on a date, and where a survey
round's answers and the records disagree (analysis.coverage.programmes decides both; here they get words)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis.coverage.figures import coverage_figures
from analysis.coverage.programmes import disagreements, records_on
from analysis.programme import labels as L
from dashboard import data
from dashboard.app_pages.coverage_parts import status_label
from dashboard.i18n import lang, t

MONITORING = ("complete", "institutions_only", "none")


def records(on: date) -> pd.DataFrame:
    """The answers the adopted records give on the day (read each run: a programme save is not a data upload)."""
    return records_on(data.engine(), catalogue=data.catalogue(), on=on)


def figures_on(on: date):
    return coverage_figures(records(on), catalogue=data.catalogue(), survey_year=on.year, intervals=True)


def _word(field: str, value) -> str:
    if value is None:
        return "–"
    if field == "programme_status":
        return status_label(value, lang())
    if field == "monitoring":
        return t(f"coverage.monitoring_{value}") if value in MONITORING else str(value)
    if isinstance(value, bool):
        return L.yes_no(value, lang=lang())
    return str(value)


def disagreement_table(survey: pd.DataFrame, *, year: int, on: date) -> pd.DataFrame:
    """One row per municipality and field where the survey round's answer and the records differ, in words."""
    answers = survey[survey["survey_year"].astype(int) == int(year)]
    found = disagreements(answers, records(on), catalogue=data.catalogue())
    return pd.DataFrame({
        t("common.municipality"): found[f"name_{lang()}"].to_numpy(),
        t("coverage.col_field"): [t(f"coverage.field_{f}") for f in found["field"]],
        t("coverage.col_survey", year=year): [_word(f, v) for f, v in zip(found["field"], found["survey"])],
        t("coverage.col_records", day=on.isoformat()): [_word(f, v) for f, v in zip(found["field"],
                                                                                    found["records"])],
    })

"""Synthetic programme records built to the synthetic 2024 survey's answers (SINTĒTISKI / SYNTHETIC).

Each answer becomes the record that would give it: the period and status, a conclusion per covered domain where
conclusions were reported, complete measures where an action plan was, typed monitoring entries (or only the
institutions named), and a participation record where children's views were included. Computing the coverage
from these records must reproduce the survey's figures; the tests hold the two together.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis.paths import SAMPLE_DIR
from analysis.programme.model import (
    Conclusion,
    Measure,
    MonitoringEntry,
    Participation,
    PinnedIndicator,
    Programme,
)

SURVEY_2024 = SAMPLE_DIR / "survey_2024_sintetiski.xlsx"
SURVEY_2024_DAY = date(2024, 10, 1)  # "Analīzei pieejamā informācija iegūta 2024. gadā rudenī"


def _domains(text: object) -> tuple[int, ...]:
    if text is None or (isinstance(text, float) and text != text):
        return ()
    return tuple(sorted({int(t) for t in str(text).split(";") if t.strip().isdigit()}))


def programme_from_answer(row: pd.Series, *, catalogue) -> Programme | None:
    """The record behind one survey answer; None for 'not developed'."""
    status = row["programme_status"]
    if status == "not_developed":
        return None
    start = None if pd.isna(row["start_year"]) else int(row["start_year"])
    end = None if pd.isna(row["end_year"]) else int(row["end_year"])
    domains = _domains(row["domains"])
    first = domains[0] if domains else 1
    conclusions: tuple[Conclusion, ...] = ()
    if bool(row["conclusions"]):
        conclusions = tuple(
            Conclusion(
                domain=d,
                text=f"Secinājumi par jomu “{catalogue.domain(d).name_lv}” (sintētiski).",
                problems=("Sintētiska problēma",),
                indicators=tuple(
                    PinnedIndicator(indicator=i.id, first_year=(start or 2024) - 3, last_year=(start or 2024) - 1)
                    for i in catalogue.indicators_of(d)[:1]
                ),
            )
            for d in domains
        )
    measures: tuple[Measure, ...] = ()
    if bool(row["action_plan"]):
        measures = (
            Measure(
                key="M1", title="Vecāku izglītošanas cikls", goal="Stiprināt vecāku prasmes",
                tasks="Rīkot 4 nodarbības gadā", deadline=date(end or (start or 2024) + 2, 12, 31),
                responsible="Sociālais dienests", resources="Pašvaldības budžets, 2 speciālisti",
                funding_source="Pašvaldības budžets", measure_type="education_parents", domains=(first,),
                answers=(first,) if conclusions else (),
            ),
        )
    level = row["monitoring"]
    monitoring: tuple[MonitoringEntry, ...] = ()
    if level == "complete":
        monitoring = (
            MonitoringEntry(key="U1", monitoring_type="report", activity="Ikgadēja atskaite domei",
                            deadline=date((start or 2024) + 1, 3, 1), responsible="Sadarbības grupa"),
        )
    elif level == "institutions_only":
        monitoring = (MonitoringEntry(key="U1", responsible="Sociālais dienests; bāriņtiesa"),)
    participation: tuple[Participation, ...] = ()
    if bool(row["children_views"]):
        participation = (
            Participation(method="survey", held_on=date(start or 2024, 1, 1) if start else None,
                          age_bands=("13_15", "16_17"), children=120, groups=("youth_bodies",), fed_back=True),
        )
    return Programme(
        municipality_code=row["municipality_code"],
        start_year=start,
        end_year=end,
        open_ended=bool(row["open_ended"]),
        status="adopted",
        decision_date=date((start or 2024) - 1, 12, 15),
        document_kind="programme" if status == "developed" else "other_document",
        document_title=str(row["comment"]) if isinstance(row["comment"], str) else "",
        goal="Nodrošināt bērnu tiesību ievērošanu un aizsardzību pašvaldībā.",
        domains=domains,
        conclusions=conclusions,
        measures=measures,
        monitoring=monitoring,
        participation=participation,
    )


def programmes_from_survey(frame: pd.DataFrame, *, catalogue) -> list[Programme]:
    """Every record the survey's answers describe."""
    found = (programme_from_answer(row, catalogue=catalogue) for _, row in frame.iterrows())
    return [p for p in found if p is not None]


def sample_programmes(*, catalogue) -> list[Programme]:
    """The records of the synthetic 2024 survey."""
    from analysis.coverage.survey import read_survey

    frame, report = read_survey(SURVEY_2024, catalogue=catalogue)
    if not report.valid:
        raise ValueError(f"{SURVEY_2024.name}: {report.codes()}")
    return programmes_from_survey(frame, catalogue=catalogue)

"""BAC's survey answers computed from the programme records on a date, so the same figures need no survey sheet.

Each municipality valid on the date gets the answer its records give: the programme adopted by then and in force
on that day (else one adopted ahead of its start, else the most recent that has ended). A standalone programme is
"developed", programme elements inside another planning document "in other documents", a draft or nothing "not
developed". Up to date: in force, and an open-ended programme only within three years of its start (the guidance's
analysis at least every three years). The rest (conclusions, action plan, monitoring level, children's views,
domains) is read from the record by the methods of analysis.programme.model, decided there once.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

import pandas as pd

from analysis.coverage.survey import SURVEY_DTYPES
from analysis.programme.model import Programme
from analysis.store import SURVEY_FIELDS

COMPARED = (
    "programme_status",
    "up_to_date",
    "start_year",
    "end_year",
    "open_ended",
    "conclusions",
    "action_plan",
    "monitoring",
    "children_views",
    "domains",
)
# a record has no sheet row, so source_row may be missing
_DTYPES = {**SURVEY_DTYPES, "source_row": "Int64"}


def programme_on(candidates: Iterable[Programme], *, on: date) -> Programme | None:
    """The programme that answers for its municipality on the day, or None (no adopted programme by then)."""
    adopted = [p for p in candidates if p.adopted_on(on)]
    if not adopted:
        return None

    def rank(p: Programme) -> tuple:
        if p.start_year is None or p.in_force_on(on):
            phase = 3
        elif p.start_year > on.year:
            phase = 2
        else:
            phase = 1
        standalone = 1 if p.document_kind == "programme" else 0
        return (phase, standalone, p.start_year or 0, p.decision_date or date.min)

    return max(adopted, key=rank)


def answer_of(programme: Programme | None, *, code: str, on: date) -> dict:
    """One survey-shaped answer from a record (a 'not developed' one when there is none)."""
    row: dict = {f: None for f in SURVEY_FIELDS}
    row.update(survey_year=on.year, municipality_code=code, open_ended=False, conclusions=False, action_plan=False,
               monitoring="none", children_views=False, domains="")
    if programme is None:
        row["programme_status"] = "not_developed"
        return row
    p = programme
    developed = p.document_kind == "programme"
    row.update(
        programme_status="developed" if developed else "in_other_documents",
        up_to_date=p.up_to_date_on(on) if developed else None,
        start_year=p.start_year,
        end_year=p.end_year,
        open_ended=p.open_ended,
        conclusions=p.has_conclusions(),
        action_plan=p.has_action_plan(),
        monitoring=p.monitoring_level(),
        children_views=p.has_children_views(),
        domains=";".join(str(d) for d in p.covered_domains()),
        comment=p.document_title or None,
    )
    return row


def answers_from_programmes(programmes: Iterable[Programme], *, catalogue, on: date) -> pd.DataFrame:
    """The frame `coverage_figures` reads, one row per municipality valid on the day, from the records."""
    by_code: dict[str, list[Programme]] = {}
    for p in programmes:
        by_code.setdefault(p.municipality_code, []).append(p)
    rows = [
        answer_of(programme_on(by_code.get(m.code, ()), on=on), code=m.code, on=on)
        for m in catalogue.municipalities_valid_on(on)
    ]
    frame = pd.DataFrame.from_records(rows, columns=list(SURVEY_FIELDS))
    for name in SURVEY_FIELDS:
        frame[name] = frame[name].astype(_DTYPES[name])
    return frame


def disagreements(survey: pd.DataFrame, records: pd.DataFrame, *, catalogue) -> pd.DataFrame:
    """Where a survey round's answer and the records differ: one row per municipality and field."""
    columns = ["municipality_code", "name_lv", "name_en", "field", "survey", "records"]
    a = survey.set_index("municipality_code")
    b = records.set_index("municipality_code")
    rows = []
    for code in sorted(set(a.index) | set(b.index)):
        m = catalogue.municipality(code)
        names = (m.name_lv, m.name_en) if m else (code, code)
        if code not in a.index or code not in b.index:
            rows.append([code, *names, "present", code in a.index, code in b.index])
            continue
        left, right = a.loc[code], b.loc[code]
        for field in COMPARED:
            if field == "up_to_date" and not (left["programme_status"] == right["programme_status"] == "developed"):
                continue
            x, y = _value(left[field]), _value(right[field])
            if x != y:
                rows.append([code, *names, field, x, y])
    return pd.DataFrame(rows, columns=columns)


def _value(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def records_on(engine, *, catalogue, on: date) -> pd.DataFrame:
    """The survey-shaped answers the adopted programme records give on the day (what `--from-programmes` reads)."""
    from analysis.programme.store import adopted_programmes

    return answers_from_programmes([s.programme for s in adopted_programmes(engine)], catalogue=catalogue, on=on)

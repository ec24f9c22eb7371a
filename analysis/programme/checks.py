"""The guidance's checks on a programme, as a report with stable codes: what the group still has to write.

They never block a save (a draft is incomplete by nature); the dashboard shows them as the group works and the
programme document lists what remains open.
"""

from __future__ import annotations

from analysis.programme import issues as I
from analysis.programme.model import MAX_TERM_YEARS, MIN_DATA_YEARS, Programme
from analysis.report import Report


def check_programme(programme: Programme, *, catalogue) -> Report:
    """Every gap the guidance names, in the order of its five steps."""
    p = programme
    report = Report()
    top = {"sheet": "programme", "row": 1}
    if p.status != "adopted":
        report.add(I.NOT_ADOPTED, column="status", **top)
    if p.open_ended:
        report.add(I.OPEN_ENDED, column="end_year", start=p.start_year or "—", **top)
    elif p.start_year is None or p.end_year is None:
        report.add(I.TERM_MISSING, column="start_year" if p.start_year is None else "end_year", **top)
    elif p.term_years() is not None and p.term_years() > MAX_TERM_YEARS:
        report.add(I.TERM_OVER_3, column="end_year", years=p.term_years(), start=p.start_year, end=p.end_year, **top)

    first, last = p.data_years()
    if first is None or last is None:
        report.add(I.ANALYSIS_YEARS_UNKNOWN, column="data_from_year", **top)
    elif last - first + 1 < MIN_DATA_YEARS:
        report.add(I.ANALYSIS_UNDER_3_YEARS, column="data_from_year", years=last - first + 1, first=first, last=last,
                   **top)

    written = {c.domain for c in p.conclusions if c.text.strip()}
    for d in catalogue.domains:
        if d.no not in written:
            report.add(I.DOMAIN_WITHOUT_CONCLUSION, sheet="conclusions", row=d.no, column="text", no=d.no,
                       name_lv=d.name_lv, name_en=d.name_en)

    if not p.measures:
        report.add(I.NO_ACTION_PLAN, sheet="measures")
    for n, m in enumerate(p.measures, start=1):
        title = m.title or m.key
        for name, kind in I.MEASURE_MISSING_FIELD.items():
            value = getattr(m, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                report.add(kind, sheet="measures", row=n, column=name, title=title)

    level = p.monitoring_level()
    if level == "none":
        report.add(I.NO_MONITORING, sheet="monitoring")
    elif level == "institutions_only":
        report.add(I.MONITORING_INSTITUTIONS_ONLY, sheet="monitoring", column="monitoring_type")
    for n, e in enumerate(p.monitoring, start=1):
        title = e.activity or e.key
        for name, kind in I.MONITORING_MISSING_FIELD.items():
            value = getattr(e, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                report.add(kind, sheet="monitoring", row=n, column=name, title=title)

    if not p.has_children_views():
        report.add(I.NO_CHILDREN_VIEWS, sheet="participation")
    for n, part in enumerate(p.participation, start=1):
        if not part.fed_back:
            report.add(I.NOT_FED_BACK, sheet="participation", row=n, column="fed_back")
    return report

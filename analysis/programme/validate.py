"""Structural validation: a record that names an unknown code or an impossible period is refused, every fault listed."""

from __future__ import annotations

from analysis.programme import issues as I
from analysis.programme import labels as L
from analysis.programme.catalogues import ProgrammeCatalogues, programme_catalogues
from analysis.programme.model import (
    ANSWERS,
    DOCUMENT_KINDS,
    MONITORING_STATUSES,
    STATUSES,
    Programme,
)
from analysis.programme.workbook import PROGRAMME_FIELDS, SHEETS
from analysis.report import Report, Said

MIN_YEAR, MAX_YEAR = 1990, 2100


def validate(programme: Programme, *, catalogue, lists: ProgrammeCatalogues | None = None) -> Report:
    """Every structural error of the record; `.valid` is what decides whether it may be stored."""
    lists = lists or programme_catalogues()
    report = Report()
    p = programme
    where = {"sheet": "programme", "row": 1}
    if catalogue.municipality(p.municipality_code) is None:
        report.add(I.UNKNOWN_MUNICIPALITY, column="municipality_code", value=p.municipality_code, **where)
    _choice(report, p.status, STATUSES, kind="status", lists=lists, field="status", **where)
    _choice(report, p.document_kind, DOCUMENT_KINDS, kind="document_kind", lists=lists, field="document_kind", **where)
    for name in ("start_year", "end_year", "data_from_year", "data_to_year"):
        _year(report, getattr(p, name), column=name, **where)
    if p.start_year is not None and p.end_year is not None and p.end_year < p.start_year:
        report.add(I.END_BEFORE_START, column="end_year", start=p.start_year, end=p.end_year, **where)
    if p.open_ended and p.end_year is not None:
        report.add(I.OPEN_ENDED_WITH_END, column="end_year", end=p.end_year, **where)
    if p.status == "adopted" and p.decision_date is None:
        report.add(I.ADOPTED_WITHOUT_DATE, column="decision_date", **where)
    _domains(report, p.domains, column="domains", **where)

    ids = {i.id for i in catalogue.indicators}
    _unique(report, [c.domain for c in p.conclusions], sheet="conclusions", column="domain")
    for n, c in enumerate(p.conclusions, start=1):
        at = {"sheet": "conclusions", "row": n}
        _domains(report, (c.domain,), column="domain", **at)
        for pin in c.indicators:
            if pin.indicator not in ids:
                report.add(I.UNKNOWN_INDICATOR, column="indicators", value=pin.indicator, **at)

    _unique(report, [m.key for m in p.measures], sheet="measures", column="key")
    for n, m in enumerate(p.measures, start=1):
        at = {"sheet": "measures", "row": n}
        if not m.key.strip():
            report.add(I.EMPTY_REQUIRED, column="key", field=_field_name("key", sheet="measures"), **at)
        if m.measure_type is not None:
            _choice(report, m.measure_type, lists.keys("measure_types"), kind="measure_type", lists=lists, field="measure_type", **at)
        _domains(report, (*m.domains, *m.answers), column="domains", **at)
        for link in m.indicators:
            if link.indicator not in ids:
                report.add(I.UNKNOWN_INDICATOR, column="indicators", value=link.indicator, **at)

    measure_keys = {m.key for m in p.measures}
    _unique(report, [e.key for e in p.monitoring], sheet="monitoring", column="key")
    for n, e in enumerate(p.monitoring, start=1):
        at = {"sheet": "monitoring", "row": n}
        if e.monitoring_type is not None:
            _choice(report, e.monitoring_type, lists.keys("monitoring_types"), kind="monitoring_type", lists=lists, field="monitoring_type", **at)
        _choice(report, e.status, MONITORING_STATUSES, kind="monitoring_status", lists=lists, field="status", **at)
        for key in e.measures:
            if key not in measure_keys:
                _choice(report, key, sorted(measure_keys), field="measures", **at)

    for n, part in enumerate(p.participation, start=1):
        at = {"sheet": "participation", "row": n}
        _choice(report, part.method, lists.keys("methods"), kind="method", lists=lists, field="method", **at)
        for band in part.age_bands:
            _choice(report, band, lists.keys("age_bands"), kind="age_band", lists=lists, field="age_bands", **at)
        for group in part.groups:
            _choice(report, group, lists.keys("groups"), kind="group", lists=lists, field="groups", **at)
        if part.children is not None and (not isinstance(part.children, int) or part.children < 0):
            report.add(I.BAD_COUNT, column="children", value=part.children, **at)

    _unique(report, [s.item for s in p.self_assessment], sheet="self_assessment", column="item")
    for n, s in enumerate(p.self_assessment, start=1):
        at = {"sheet": "self_assessment", "row": n}
        _choice(report, s.item, lists.keys("good_practice"), kind="good_practice", lists=lists, field="item", **at)
        _choice(report, s.answer, ANSWERS, kind="answer", lists=lists, field="answer", **at)
    return report


def _choice(report: Report, value, allowed, *, field: str, sheet: str, row: int, kind: str | None = None,
            lists: ProgrammeCatalogues | None = None) -> None:
    """A value outside its list, named with the list's valid values as each language names them (codes only
    where the values are the user's own keys, as measure numbers are)."""
    if value in allowed:
        return
    if kind is not None and lists is not None:
        names = [(lv, en) for key, lv, en in L.choices(kind, lists=lists) if key in allowed]
        valid: Said | str = Said(", ".join(lv for lv, _ in names) or "—", ", ".join(en for _, en in names) or "—")
    else:
        valid = ", ".join(allowed) or "—"
    report.add(I.BAD_CHOICE, sheet=sheet, row=row, column=field, value=value,
               field=_field_name(field, sheet=sheet), allowed=valid)


_COLUMNS = {("programme", c.field): c for c in PROGRAMME_FIELDS} | {(s.key, c.field): c for s in SHEETS for c in s.columns}


def _field_name(field: str, *, sheet: str) -> Said | str:
    """The field as its column header reads in each language, so 'status' never stands in a Latvian sentence."""
    col = _COLUMNS.get((sheet, field))
    return Said(col.lv, col.en) if col else field


def _year(report: Report, value, *, column: str, sheet: str, row: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        report.add(I.BAD_YEAR, sheet=sheet, row=row, column=column, value=value, low=MIN_YEAR, high=MAX_YEAR)


def _domains(report: Report, values, *, column: str, sheet: str, row: int) -> None:
    for d in values:
        if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 16:
            report.add(I.UNKNOWN_DOMAIN, sheet=sheet, row=row, column=column, value=d)


def _unique(report: Report, keys: list, *, sheet: str, column: str) -> None:
    seen: set = set()
    for n, key in enumerate(keys, start=1):
        if key in seen:
            report.add(I.DUPLICATE_KEY, sheet=sheet, row=n, column=column, value=key)
        seen.add(key)

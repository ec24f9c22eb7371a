"""A programme as the guidance's five steps lay it out: period, conclusions, action plan, monitoring, children's views.

Records hold catalogue keys (indicator ids, measure-type keys, domain numbers), never display names, and are frozen:
an edit is a new version (see analysis.programme.store). `to_dict`/`from_dict` are the one JSON shape used by the
database, the XLSX round trip and the tests.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

STATUSES = ("draft", "adopted")
DOCUMENT_KINDS = ("programme", "other_document")
MONITORING_STATUSES = ("planned", "in_progress", "done", "not_done")
ANSWERS = ("yes", "partly", "no", "not_applicable")
MAX_TERM_YEARS = 3
MIN_DATA_YEARS = 3


@dataclass(frozen=True)
class PinnedIndicator:
    """An indicator a conclusion rests on, frozen as it was when the conclusion was written."""

    indicator: str
    year: int | None = None
    value: float | None = None
    shown: str = ""  # the value as the profile showed it ('<5' for a suppressed small number)
    assessment: str | None = None  # the trend code at the time (analysis.stats)
    first_year: int | None = None
    last_year: int | None = None
    data_version: str | None = None


@dataclass(frozen=True)
class Conclusion:
    """Step 2's end for one domain: what the group concludes, the problems found and the figures behind them."""

    domain: int
    text: str = ""
    problems: tuple[str, ...] = ()
    indicators: tuple[PinnedIndicator, ...] = ()


@dataclass(frozen=True)
class MeasureIndicator:
    """How a measure's success is read: an indicator with its baseline and the target the group set."""

    indicator: str
    baseline_year: int | None = None
    baseline: float | None = None
    target_year: int | None = None
    target: float | None = None


@dataclass(frozen=True)
class Measure:
    """Step 3: one action-plan measure; goal, tasks, deadline, responsible and resources are what the guidance asks."""

    key: str
    title: str = ""
    goal: str = ""
    tasks: str = ""
    deadline: date | None = None
    responsible: str = ""
    resources: str = ""
    funding_source: str = ""
    measure_type: str | None = None
    domains: tuple[int, ...] = ()
    answers: tuple[int, ...] = ()  # the domains whose conclusions this measure answers
    indicators: tuple[MeasureIndicator, ...] = ()


@dataclass(frozen=True)
class MonitoringEntry:
    """Step 4: one monitoring activity; an entry without a type only names who is competent (BAC's 21 %)."""

    key: str
    monitoring_type: str | None = None
    activity: str = ""
    deadline: date | None = None
    responsible: str = ""
    status: str = "planned"
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Participation:
    """How children's views were sought (law art. 17, UN CRC art. 12) and whether they heard back."""

    method: str
    held_on: date | None = None
    age_bands: tuple[str, ...] = ()
    children: int | None = None
    groups: tuple[str, ...] = ()
    fed_back: bool = False
    summary: str = ""


@dataclass(frozen=True)
class SelfAssessment:
    """One good-practice item of the 2024 survey, answered Jā / Daļēji / Nē / Nav attiecināms."""

    item: str
    answer: str
    note: str = ""


@dataclass(frozen=True)
class Programme:
    """One municipality's programme for one period (or programme elements inside another planning document)."""

    municipality_code: str
    start_year: int | None = None
    end_year: int | None = None
    open_ended: bool = False
    status: str = "draft"
    decision_date: date | None = None
    document_kind: str = "programme"
    document_title: str = ""
    document_link: str = ""
    goal: str = ""
    domains: tuple[int, ...] = ()  # the domains the situation analysis covers
    data_from_year: int | None = None
    data_to_year: int | None = None
    conclusions: tuple[Conclusion, ...] = ()
    measures: tuple[Measure, ...] = ()
    monitoring: tuple[MonitoringEntry, ...] = ()
    participation: tuple[Participation, ...] = ()
    self_assessment: tuple[SelfAssessment, ...] = ()

    # --- what the records say, decided once ---------------------------------------------------------------

    def covered_domains(self) -> tuple[int, ...]:
        """Analysed domains plus those with a conclusion or a measure: a domain written about is covered."""
        found = set(self.domains) | {c.domain for c in self.conclusions if c.text.strip()}
        for m in self.measures:
            found.update(m.domains)
        return tuple(sorted(d for d in found if 1 <= d <= 16))

    def conclusion(self, domain: int) -> Conclusion | None:
        return next((c for c in self.conclusions if c.domain == domain), None)

    def has_conclusions(self) -> bool:
        return any(c.text.strip() for c in self.conclusions)

    def has_action_plan(self) -> bool:
        return bool(self.measures)

    def monitoring_level(self) -> str:
        """complete | institutions_only | none, as BAC's diagram 5 counts it."""
        if not self.monitoring:
            return "none"
        if any(e.monitoring_type for e in self.monitoring):
            return "complete"
        return "institutions_only"

    def has_children_views(self) -> bool:
        return bool(self.participation)

    def term_years(self) -> int | None:
        """End year minus start year, as the survey's diagram 2 counts it (2022–2027 is 5 years)."""
        if self.open_ended or self.start_year is None or self.end_year is None:
            return None
        return self.end_year - self.start_year

    def data_years(self) -> tuple[int | None, int | None]:
        """The years the situation analysis rests on: stated, else the span of its pinned indicators."""
        if self.data_from_year is not None and self.data_to_year is not None:
            return self.data_from_year, self.data_to_year
        firsts = [p.first_year or p.year for c in self.conclusions for p in c.indicators if (p.first_year or p.year)]
        lasts = [p.last_year or p.year for c in self.conclusions for p in c.indicators if (p.last_year or p.year)]
        if not firsts:
            return self.data_from_year, self.data_to_year
        return min(firsts), max(lasts)

    def adopted_on(self, day: date) -> bool:
        return self.status == "adopted" and (self.decision_date is None or self.decision_date <= day)

    def in_force_on(self, day: date) -> bool:
        if self.start_year is None or self.start_year > day.year:
            return False
        return self.open_ended or (self.end_year is not None and day.year <= self.end_year)

    def up_to_date_on(self, day: date) -> bool:
        """In force and resting on a recent analysis: an open-ended one only within three years of its start."""
        if not self.in_force_on(day):
            return bool(self.start_year and self.start_year > day.year and self.adopted_on(day))
        if self.open_ended:
            return day.year - int(self.start_year or 0) <= MAX_TERM_YEARS
        return True

    def with_conclusion(self, conclusion: Conclusion) -> "Programme":
        """The programme with this domain's conclusion written (replacing an earlier one)."""
        rest = tuple(c for c in self.conclusions if c.domain != conclusion.domain)
        return replace(self, conclusions=tuple(sorted((*rest, conclusion), key=lambda c: c.domain)))

    def with_item(self, section: str, item: Any) -> "Programme":
        """The programme with an item added to a list section, or replacing the one with the same key."""
        current = getattr(self, section)
        key = _item_key(item)
        if key is not None and any(_item_key(x) == key for x in current):
            return replace(self, **{section: tuple(item if _item_key(x) == key else x for x in current)})
        return replace(self, **{section: (*current, item)})

    def without_item(self, section: str, key: str) -> "Programme":
        return replace(self, **{section: tuple(x for x in getattr(self, section) if _item_key(x) != key)})

    def next_key(self, section: str, prefix: str) -> str:
        """A new stable key (M1, M2 …) that no item of the section has had."""
        used = {_item_key(x) for x in getattr(self, section)}
        n = len(used) + 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    # --- the JSON shape -----------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Programme":
        return _build(cls, data)


def _item_key(item: Any) -> str | None:
    for name in ("key", "item"):
        if hasattr(item, name):
            return getattr(item, name)
    return None


_NESTED: dict[type, dict[str, type]] = {
    Programme: {
        "conclusions": Conclusion,
        "measures": Measure,
        "monitoring": MonitoringEntry,
        "participation": Participation,
        "self_assessment": SelfAssessment,
    },
    Conclusion: {"indicators": PinnedIndicator},
    Measure: {"indicators": MeasureIndicator},
}
_DATES = {"deadline", "held_on", "decision_date"}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _build(cls: type, data: dict[str, Any]) -> Any:
    """A record from its JSON shape; unknown keys are ignored so older code reads newer versions' known fields."""
    nested = _NESTED.get(cls, {})
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        raw = data[f.name]
        if f.name in nested:
            kwargs[f.name] = tuple(_build(nested[f.name], x) for x in raw or ())
        elif f.name in _DATES:
            kwargs[f.name] = date.fromisoformat(raw) if raw else None
        elif isinstance(raw, list):
            kwargs[f.name] = tuple(raw)
        else:
            kwargs[f.name] = raw
    return cls(**kwargs)


__all__ = [
    "ANSWERS",
    "DOCUMENT_KINDS",
    "MAX_TERM_YEARS",
    "MIN_DATA_YEARS",
    "MONITORING_STATUSES",
    "STATUSES",
    "Conclusion",
    "Measure",
    "MeasureIndicator",
    "MonitoringEntry",
    "Participation",
    "PinnedIndicator",
    "Programme",
    "SelfAssessment",
]

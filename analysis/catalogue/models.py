"""The catalogue's records: domains, indicators, territorial units and aggregate areas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = ("count", "rate", "proportion", "amount", "yes_no")
POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")
SOURCES = (
    "csp",
    "viis",
    "nvd",
    "spkc",
    "state_police",
    "municipal_police",
    "orphans_court",
    "social_service",
    "municipality",
    "bac",
    "nva",
    "vugd",
)
MUNICIPALITY_TYPES = ("state_city", "novads")


@dataclass(frozen=True)
class Domain:
    """One of the 16 situation-analysis domains of the BAC guidance."""

    no: int
    key: str
    name_lv: str
    name_en: str
    description_lv: str
    description_en: str


@dataclass(frozen=True)
class Indicator:
    """A key figure: what it measures, in what unit, and which direction is good."""

    id: str
    domain: int
    name_lv: str
    name_en: str
    definition_lv: str
    definition_en: str
    unit_lv: str
    unit_en: str
    kind: str
    per: int | None
    polarity: str
    denominator: str | None
    rate_unit_lv: str | None  # a count with a denominator is judged as this rate (count / denominator × per)
    rate_unit_en: str | None
    source: str
    small_n_threshold: int
    structural: bool
    aliases: tuple[str, ...]

    @property
    def has_numerator(self) -> bool:
        """Whether the value is built from a count over a denominator (intervals and trend tests apply)."""
        return self.kind in ("rate", "proportion")


@dataclass(frozen=True)
class Municipality:
    """A territorial unit with the dates it exists between (valid_to None while in force)."""

    code: str
    atvk: str
    name_lv: str
    name_en: str
    type: str
    region: str
    iso_3166_2: str
    valid_from: date
    valid_to: date | None
    successor: str | None
    aliases: tuple[str, ...]
    note: str | None

    def valid_on(self, day: date) -> bool:
        """In force on that day (the unit exists then)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def valid_for_year(self, year: int) -> bool:
        """Data for a year may name this unit: it had not ended before the year began.

        Years before valid_from are fine: the statistics portal recalculates past series to today's borders.
        """
        return self.valid_to is None or self.valid_to >= date(year, 1, 1)


@dataclass(frozen=True)
class Area:
    """An aggregate that appears in exports but is not a municipality (Latvia, a statistical region)."""

    code: str
    name_lv: str
    name_en: str
    level: str
    valid_from: date | None
    valid_to: date | None
    aliases: tuple[str, ...]

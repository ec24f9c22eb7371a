"""Reads and cross-checks the catalogue files under data/ into one immutable Catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.catalogue import schema as s
from analysis.catalogue.models import (
    KINDS,
    MUNICIPALITY_TYPES,
    POLARITIES,
    SOURCES,
    Area,
    Domain,
    Indicator,
    Municipality,
)
from analysis.catalogue.resolve import AreaIndex, IndicatorIndex
from analysis.paths import DATA_DIR

DOMAIN_COLUMNS = [
    s.Column("no", s.integer),
    s.Column("key", s.matching(r"[a-z_]+")),
    s.Column("name_lv", s.text),
    s.Column("name_en", s.text),
    s.Column("description_lv", s.text),
    s.Column("description_en", s.text),
]

INDICATOR_COLUMNS = [
    s.Column("id", s.matching(r"[a-z][a-z0-9_]*")),
    s.Column("domain", s.integer),
    s.Column("name_lv", s.text),
    s.Column("name_en", s.text),
    s.Column("definition_lv", s.text),
    s.Column("definition_en", s.text),
    s.Column("unit_lv", s.text),
    s.Column("unit_en", s.text),
    s.Column("kind", s.one_of(*KINDS)),
    s.Column("per", s.optional_integer, required=False),
    s.Column("polarity", s.one_of(*POLARITIES)),
    s.Column("denominator", s.optional_text, required=False),
    s.Column("rate_unit_lv", s.optional_text, required=False),
    s.Column("rate_unit_en", s.optional_text, required=False),
    s.Column("source", s.one_of(*SOURCES)),
    s.Column("small_n_threshold", s.integer),
    s.Column("structural", s.flag, required=False),
    s.Column("aliases", s.semicolon_list, required=False),
]

MUNICIPALITY_COLUMNS = [
    s.Column("code", s.matching(r"LV\d{7}")),
    s.Column("atvk", s.matching(r"\d{7}")),
    s.Column("name_lv", s.text),
    s.Column("name_en", s.text),
    s.Column("type", s.one_of(*MUNICIPALITY_TYPES)),
    s.Column("region", s.text),
    s.Column("iso_3166_2", s.matching(r"LV-[A-Z0-9]{3}")),
    s.Column("valid_from", s.iso_date),
    s.Column("valid_to", s.optional_date, required=False),
    s.Column("successor", s.optional_text, required=False),
    s.Column("aliases", s.semicolon_list, required=False),
    s.Column("note", s.optional_text, required=False),
]

REGION_COLUMNS = [
    s.Column("code", s.matching(r"[A-Z_0-9]+")),
    s.Column("name_lv", s.text),
    s.Column("name_en", s.text),
    s.Column("level", s.one_of("country", "statistical_region")),
    s.Column("valid_from", s.optional_date, required=False),
    s.Column("valid_to", s.optional_date, required=False),
    s.Column("aliases", s.semicolon_list, required=False),
]


@dataclass(frozen=True)
class Catalogue:
    """Everything the analysis needs to know about domains, indicators and territory."""

    domains: tuple[Domain, ...]
    indicators: tuple[Indicator, ...]
    municipalities: tuple[Municipality, ...]
    areas: tuple[Area, ...]
    areas_index: AreaIndex = field(repr=False, compare=False)
    indicators_index: IndicatorIndex = field(repr=False, compare=False)

    def domain(self, no: int) -> Domain:
        return next(d for d in self.domains if d.no == no)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self.indicators_index.by_id.get(indicator_id)

    def municipality(self, code: str) -> Municipality | None:
        return self.areas_index.by_code.get(code)

    def indicators_of(self, domain_no: int) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.domain == domain_no)

    def municipalities_valid_on(self, day) -> tuple[Municipality, ...]:
        return tuple(m for m in self.municipalities if m.valid_on(day))

    def municipalities_for_year(self, year: int) -> tuple[Municipality, ...]:
        """The units that data for a year is reported on (a unit that ended during the year still counts)."""
        return tuple(m for m in self.municipalities if m.valid_for_year(year))

    def region(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)


def _domains(path: Path) -> tuple[Domain, ...]:
    rows = s.read_table(path, DOMAIN_COLUMNS)
    s.require_unique(path, rows, "no")
    s.require_unique(path, rows, "key")
    nos = sorted(r["no"] for r in rows)
    if nos != list(range(1, 17)):
        raise s.CatalogueError(
            f"{path.name}: jomām jābūt numurētām 1–16 / domains must be numbered 1–16 (found {nos})"
        )
    return tuple(Domain(**r) for r in sorted(rows, key=lambda r: r["no"]))


def _indicators(path: Path, domain_nos: set[int]) -> tuple[Indicator, ...]:
    rows = s.read_table(path, INDICATOR_COLUMNS)
    s.require_unique(path, rows, "id")
    ids = {r["id"] for r in rows}
    for line, r in enumerate(rows, start=2):
        where = f"{path.name}, rinda/row {line}"
        if r["domain"] not in domain_nos:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'domain': nezināma joma / unknown domain {r['domain']}"
            )
        if r["denominator"] and r["denominator"] not in ids:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'denominator': nezināms rādītājs / unknown indicator {r['denominator']!r}"
            )
        if r["kind"] in ("rate", "proportion") and not r["per"]:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'per': likmei un īpatsvaram vajag bāzi / rates and proportions need 'per' (e.g. 1000 or 100)"
            )
        if r["kind"] == "proportion" and r["per"] != 100:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'per': īpatsvars ir procentos / proportions are percentages, per must be 100"
            )
        if r["kind"] == "count" and r["denominator"] and not (
            r["per"] and r["rate_unit_lv"] and r["rate_unit_en"]
        ):
            raise s.CatalogueError(
                f"{where}, kolonna/column 'per': skaitam ar saucēju vajag bāzi un likmes mērvienību / "
                "a count with a denominator needs 'per', 'rate_unit_lv' and 'rate_unit_en' (it is judged as a rate)"
            )
        if r["small_n_threshold"] < 0:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'small_n_threshold': jābūt ≥ 0 / must be ≥ 0"
            )
        r["structural"] = bool(r["structural"])
    return tuple(Indicator(**r) for r in rows)


def _municipalities(path: Path, region_codes: set[str]) -> tuple[Municipality, ...]:
    rows = s.read_table(path, MUNICIPALITY_COLUMNS)
    for key in ("code", "atvk", "name_lv", "name_en", "iso_3166_2"):
        s.require_unique(path, rows, key)
    codes = {r["code"] for r in rows}
    for line, r in enumerate(rows, start=2):
        where = f"{path.name}, rinda/row {line}"
        if r["region"] not in region_codes:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'region': nezināms reģions / unknown region {r['region']!r}"
            )
        if r["valid_to"] and r["valid_to"] < r["valid_from"]:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'valid_to': pirms valid_from / before valid_from"
            )
        if r["successor"] and r["successor"] not in codes:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'successor': nezināms kods / unknown code {r['successor']!r}"
            )
    return tuple(Municipality(**r) for r in rows)


def _areas(path: Path) -> tuple[Area, ...]:
    rows = s.read_table(path, REGION_COLUMNS)
    s.require_unique(path, rows, "code")
    return tuple(Area(**r) for r in rows)


def load_catalogue(data_dir: Path | None = None) -> Catalogue:
    """Loads and checks every catalogue file; raises CatalogueError naming the file, row and column."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    domains = _domains(base / "domains.csv")
    areas = _areas(base / "regions.csv")
    region_codes = {a.code for a in areas if a.level == "statistical_region"}
    municipalities = _municipalities(base / "municipalities.csv", region_codes)
    indicators = _indicators(base / "indicators.csv", {d.no for d in domains})
    return Catalogue(
        domains=domains,
        indicators=indicators,
        municipalities=municipalities,
        areas=areas,
        areas_index=AreaIndex.build(municipalities=municipalities, areas=areas),
        indicators_index=IndicatorIndex.build(indicators),
    )


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The project's catalogue, read once per process."""
    return load_catalogue()

"""The source catalogue: which Official Statistics Portal (CSP) table and selection each indicator is fetched from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.catalogue import schema as s
from analysis.catalogue.loader import Catalogue, catalogue
from analysis.paths import DATA_DIR

TABLES_FILE = "csp_tables.csv"
AREAS_FILE = "csp_areas.csv"

_RANGE = re.compile(r"^([A-Za-z_]*?)(\d+)\.\.([A-Za-z_]*?)(\d+)$")
_SELECTION = re.compile(r"[A-Za-z][A-Za-z0-9_]*=[^;=]+(;[A-Za-z][A-Za-z0-9_]*=[^;=]+)*")


def selection(value: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """'SEX=T;AGE=Y0..Y17' → (('SEX', ('T',)), ('AGE', ('Y0', …, 'Y17'))); a range repeats the prefix."""
    value = value.strip()
    if not value:
        return ()
    if not _SELECTION.fullmatch(value):
        raise ValueError(f"expected VARIABLE=code,code;VARIABLE=code, got {value!r}")
    out: list[tuple[str, tuple[str, ...]]] = []
    for part in value.split(";"):
        variable, codes = part.split("=", 1)
        expanded: list[str] = []
        for code in (c.strip() for c in codes.split(",")):
            m = _RANGE.match(code)
            if m and m.group(1) == m.group(3) and int(m.group(2)) <= int(m.group(4)):
                expanded += [f"{m.group(1)}{n}" for n in range(int(m.group(2)), int(m.group(4)) + 1)]
            elif ".." in code:
                raise ValueError(f"bad range {code!r} (write Y0..Y17)")
            else:
                expanded.append(code)
        out.append((variable.strip(), tuple(expanded)))
    return tuple(out)


TABLE_COLUMNS = [
    s.Column("indicator", s.matching(r"[a-z][a-z0-9_]*")),
    s.Column("table", s.matching(r"[A-Z]{2,4}\d{2,4}[a-z]?")),
    s.Column("path", s.matching(r"[A-Za-z0-9_]+(/[A-Za-z0-9_]+)*")),
    s.Column("title_lv", s.text),
    s.Column("title_en", s.text),
    s.Column("contents_code", s.matching(r"[A-Za-z0-9_]+")),
    s.Column("selection", selection),
    s.Column("denominator_selection", selection, required=False),
    s.Column("sum_over", s.optional_text, required=False),
    s.Column("unit_lv", s.text),
    s.Column("unit_en", s.text),
    s.Column("frequency_lv", s.text),
    s.Column("frequency_en", s.text),
    s.Column("verified", s.flag),
    s.Column("note", s.optional_text, required=False),
]

AREA_COLUMNS = [
    s.Column("code", s.matching(r"LV[0-9A-Z]{0,7}")),
    s.Column("kind", s.one_of("aggregate", "municipality")),
    s.Column("target", s.text),
    s.Column("from_year", s.optional_integer, required=False),
    s.Column("name_lv", s.text),
    s.Column("verified", s.flag),
    s.Column("note", s.optional_text, required=False),
]


@dataclass(frozen=True)
class SourceTable:
    """One indicator as a portal table publishes it: the table, the cells to select, and what to sum."""

    indicator: str
    table: str
    path: str
    title_lv: str
    title_en: str
    contents_code: str
    selection: tuple[tuple[str, tuple[str, ...]], ...]
    denominator_selection: tuple[tuple[str, tuple[str, ...]], ...]
    sum_over: str | None
    unit_lv: str
    unit_en: str
    frequency_lv: str
    frequency_en: str
    verified: bool
    note: str | None

    @property
    def dataset(self) -> str:
        """The version series of this indicator's fetches (one per table and indicator)."""
        return f"csp:{self.table}:{self.indicator}"


@dataclass(frozen=True)
class SourceArea:
    """A portal area code that is not a catalogue municipality code: an aggregate, or a unit under another code."""

    code: str
    kind: str
    target: str
    from_year: int | None
    name_lv: str
    verified: bool
    note: str | None


@dataclass(frozen=True)
class SourceCatalogue:
    """Every fetchable indicator, and how the portal's area codes map to the territorial catalogue."""

    tables: tuple[SourceTable, ...]
    areas: tuple[SourceArea, ...]

    def table_for(self, indicator: str) -> SourceTable | None:
        return next((t for t in self.tables if t.indicator == indicator), None)

    def area(self, code: str) -> SourceArea | None:
        return next((a for a in self.areas if a.code == code), None)


def _tables(path: Path, cat: Catalogue) -> tuple[SourceTable, ...]:
    rows = s.read_table(path, TABLE_COLUMNS)
    s.require_unique(path, rows, "indicator")
    for line, r in enumerate(rows, start=2):
        where = f"{path.name}, rinda/row {line}"
        ind = cat.indicator(r["indicator"])
        if ind is None:
            raise s.CatalogueError(f"{where}, kolonna/column 'indicator': nezināms rādītājs / unknown indicator {r['indicator']!r}")
        variables = [v for v, _ in r["selection"]]
        if len(set(variables)) != len(variables):
            raise s.CatalogueError(f"{where}, kolonna/column 'selection': mainīgais atkārtojas / a variable repeats")
        if r["sum_over"] and r["sum_over"] not in variables:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'sum_over': nav atlasē / not in the selection ({r['sum_over']!r})"
            )
        many = [v for v, codes in r["selection"] if len(codes) > 1 and v != r["sum_over"]]
        if many:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'selection': vairākas vērtības bez summēšanas / several codes without "
                f"sum_over ({', '.join(many)})"
            )
        if r["denominator_selection"] and not (ind.has_numerator and ind.denominator):
            raise s.CatalogueError(
                f"{where}, kolonna/column 'denominator_selection': rādītājam nav saucēja / the indicator has no denominator"
            )
        if ind.has_numerator and ind.denominator and not r["denominator_selection"]:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'denominator_selection': likmei vajag saucēja atlasi / a rate needs "
                "the denominator's selection"
            )
    return tuple(SourceTable(**r) for r in rows)


def _areas(path: Path, cat: Catalogue) -> tuple[SourceArea, ...]:
    rows = s.read_table(path, AREA_COLUMNS)
    s.require_unique(path, rows, "code")
    regions = {a.code for a in cat.areas}
    for line, r in enumerate(rows, start=2):
        where = f"{path.name}, rinda/row {line}, kolonna/column 'target'"
        if r["kind"] == "aggregate" and r["target"] not in regions:
            raise s.CatalogueError(f"{where}: nezināms reģions / unknown region {r['target']!r}")
        if r["kind"] == "municipality" and cat.municipality(r["target"]) is None:
            raise s.CatalogueError(f"{where}: nezināma pašvaldība / unknown municipality {r['target']!r}")
        if cat.municipality(r["code"]) is not None:
            raise s.CatalogueError(
                f"{path.name}, rinda/row {line}, kolonna/column 'code': jau ir pašvaldības kods / already a "
                f"municipality code ({r['code']})"
            )
    return tuple(SourceArea(**r) for r in rows)


def load_sources(*, data_dir: Path | None = None, cat: Catalogue | None = None) -> SourceCatalogue:
    """Reads and cross-checks the source catalogue against the indicators and territory it refers to."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    cat = cat or catalogue()
    return SourceCatalogue(tables=_tables(base / TABLES_FILE, cat), areas=_areas(base / AREAS_FILE, cat))


@lru_cache(maxsize=1)
def sources() -> SourceCatalogue:
    """The project's source catalogue, read once per process."""
    return load_sources()

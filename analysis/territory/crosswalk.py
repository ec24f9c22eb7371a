"""The territorial crosswalk under data/: every unit since 2009 with its validity dates, and how units changed.

`territorial_units.csv` holds the units that no longer exist (the 119 before the 2021 reform);
today's units are the catalogue's `municipalities.csv`. `territorial_changes.csv` has one row per
(predecessor, successor) pair of a change: `part` says whether the whole predecessor went into the successor
or only part of it (a split), `continues` whether the predecessor's figures before the change are reported
under the successor's own name or code (Madonas novads before 2025, old Cēsu novads before 2021), and
`first_data_year` the first year whose figures describe the new territory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from analysis.catalogue import Catalogue, catalogue
from analysis.catalogue import schema as s
from analysis.paths import DATA_DIR

UNIT_TYPES = ("republic_city", "novads", "state_city")
CHANGE_KINDS = ("reform", "merger", "split")
PARTS = ("whole", "part")

UNIT_COLUMNS = [
    s.Column("code", s.matching(r"[A-Z0-9-]+")),
    s.Column("atvk", s.optional_text, required=False),
    s.Column("iso_3166_2", s.matching(r"LV-[A-Z0-9]{3}")),
    s.Column("name_lv", s.text),
    s.Column("name_en", s.text),
    s.Column("type", s.one_of(*UNIT_TYPES)),
    s.Column("valid_from", s.iso_date),
    s.Column("valid_to", s.iso_date),
    s.Column("note", s.optional_text, required=False),
]
CHANGE_COLUMNS = [
    s.Column("date", s.iso_date),
    s.Column("first_data_year", s.integer),
    s.Column("kind", s.one_of(*CHANGE_KINDS)),
    s.Column("predecessor", s.text),
    s.Column("successor", s.text),
    s.Column("part", s.one_of(*PARTS)),
    s.Column("continues", s.flag),
    s.Column("note", s.optional_text, required=False),
]


@dataclass(frozen=True)
class Unit:
    """A territorial unit (past or present) and the dates it existed between (valid_to None while in force)."""

    code: str
    name_lv: str
    name_en: str
    type: str
    valid_from: date
    valid_to: date | None
    atvk: str | None = None
    iso_3166_2: str | None = None
    note: str | None = None
    current: bool = False  # one of the catalogue's municipalities

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def valid_in_year(self, year: int) -> bool:
        """The unit existed at some point of that year."""
        return self.valid_from <= date(year, 12, 31) and (self.valid_to is None or self.valid_to >= date(year, 1, 1))


@dataclass(frozen=True)
class Change:
    """One predecessor → successor link of a territorial change."""

    date: date
    first_data_year: int
    kind: str
    predecessor: str
    successor: str
    part: str
    continues: bool
    note: str | None = None


@dataclass(frozen=True)
class Group:
    """Everything that formed one successor at one change: the parts summed for years before the change."""

    successor: str
    date: date
    first_data_year: int
    predecessors: tuple[str, ...]  # in file order
    continuing: str | None  # the predecessor whose earlier figures carry the successor's own code or name
    split: tuple[str, ...]  # predecessors of which only a part went into the successor

    @property
    def changes_territory(self) -> bool:
        """A lone continuing whole predecessor is a new code for the same territory: nothing to sum."""
        return not (len(self.predecessors) == 1 and self.continuing and not self.split)


@dataclass(frozen=True)
class Territory:
    """All units with their validity, and the changes between them."""

    units: tuple[Unit, ...]
    changes: tuple[Change, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {u.code: u for u in self.units})

    def unit(self, code: str) -> Unit | None:
        return self._by_code.get(code)

    def units_on(self, day: date) -> tuple[Unit, ...]:
        """The units in force on a day (119 on 2021-06-30, 43 on 2021-07-01, 42 from 2025-07-01)."""
        return tuple(u for u in self.units if u.valid_on(day))

    def groups(self) -> tuple[Group, ...]:
        """Each change's successors with the predecessors they were formed from, in date order."""
        keyed: dict[tuple[str, date], list[Change]] = {}
        for c in self.changes:
            keyed.setdefault((c.successor, c.date), []).append(c)
        out = []
        for (successor, day), links in sorted(keyed.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            cont = [c.predecessor for c in links if c.continues]
            out.append(
                Group(
                    successor=successor,
                    date=day,
                    first_data_year=links[0].first_data_year,
                    predecessors=tuple(c.predecessor for c in links),
                    continuing=cont[0] if cont else None,
                    split=tuple(c.predecessor for c in links if c.part == "part"),
                )
            )
        return tuple(out)

    def successor_today(self, code: str) -> str | None:
        """The current unit a past unit's territory (wholly) went into, following every change; None if split."""
        seen = set()
        while code not in seen:
            seen.add(code)
            unit = self.unit(code)
            if unit is not None and unit.current and unit.valid_to is None:
                return code
            nxt = [c for c in self.changes if c.predecessor == code and c.successor != code]
            if len(nxt) != 1 or nxt[0].part != "whole":
                return None
            code = nxt[0].successor
        return None


def _units(path: Path) -> list[Unit]:
    rows = s.read_table(path, UNIT_COLUMNS)
    for key in ("code", "name_lv", "iso_3166_2"):
        s.require_unique(path, rows, key)
    for line, r in enumerate(rows, start=2):
        if r["valid_to"] < r["valid_from"]:
            raise s.CatalogueError(
                f"{path.name}, rinda/row {line}, kolonna/column 'valid_to': pirms valid_from / before valid_from"
            )
    return [Unit(**r) for r in rows]


def _changes(path: Path, units: dict[str, Unit]) -> list[Change]:
    rows = s.read_table(path, CHANGE_COLUMNS)
    for line, r in enumerate(rows, start=2):
        where = f"{path.name}, rinda/row {line}"
        for col in ("predecessor", "successor"):
            if r[col] not in units:
                raise s.CatalogueError(f"{where}, kolonna/column '{col}': nezināms kods / unknown code {r[col]!r}")
        before, after = units[r["predecessor"]], units[r["successor"]]
        if r["predecessor"] != r["successor"] and before.valid_to is not None and before.valid_to >= r["date"] \
                and r["part"] == "whole":
            raise s.CatalogueError(
                f"{where}, kolonna/column 'date': priekštecis vēl ir spēkā / the predecessor is still in force"
            )
        if not after.valid_on(r["date"]):
            raise s.CatalogueError(
                f"{where}, kolonna/column 'successor': pēctecis nav spēkā šajā dienā / successor not in force then"
            )
        if not r["date"].year <= r["first_data_year"] <= r["date"].year + 1:
            raise s.CatalogueError(
                f"{where}, kolonna/column 'first_data_year': jābūt izmaiņu gadam vai nākamajam / "
                "must be the change's year or the next"
            )
    return [Change(**r) for r in rows]


def load_territory(data_dir: Path | None = None, *, cat: Catalogue | None = None) -> Territory:
    """Reads and checks the crosswalk; raises CatalogueError naming the file, row and column."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    cat = cat if cat is not None else catalogue()
    past = _units(base / "territorial_units.csv")
    present = [
        Unit(code=m.code, name_lv=m.name_lv, name_en=m.name_en, type=m.type, valid_from=m.valid_from,
             valid_to=m.valid_to, atvk=m.atvk, iso_3166_2=m.iso_3166_2, note=m.note, current=True)
        for m in cat.municipalities
    ]
    clash = {u.code for u in past} & {u.code for u in present}
    if clash:
        raise s.CatalogueError(
            f"territorial_units.csv: kods jau ir municipalities.csv / code already in municipalities.csv: "
            f"{sorted(clash)[0]}"
        )
    units = (*past, *present)
    changes = _changes(base / "territorial_changes.csv", {u.code: u for u in units})
    return Territory(units=units, changes=tuple(changes))


@lru_cache(maxsize=1)
def territory() -> Territory:
    """The project's crosswalk, read once per process."""
    return load_territory()

"""The guidance's choices (measure types, monitoring types, participation lists, good-practice items) as data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.catalogue import schema as s
from analysis.paths import DATA_DIR

PARTICIPATION_LISTS = ("method", "age_band", "group")
_KEY = s.matching(r"[a-z0-9_]+")


@dataclass(frozen=True)
class Choice:
    """One entry of a list the user picks from: a stable key and its Latvian and English names."""

    key: str
    name_lv: str
    name_en: str
    domain: int | None = None
    group: str | None = None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_lv


@dataclass(frozen=True)
class ProgrammeCatalogues:
    """Every list a programme record refers to by key; the records hold keys, never names."""

    measure_types: tuple[Choice, ...]
    monitoring_types: tuple[Choice, ...]
    methods: tuple[Choice, ...]
    age_bands: tuple[Choice, ...]
    groups: tuple[Choice, ...]
    good_practice: tuple[Choice, ...]

    def keys(self, name: str) -> tuple[str, ...]:
        return tuple(c.key for c in getattr(self, name))

    def choice(self, name: str, key: str) -> Choice | None:
        return next((c for c in getattr(self, name) if c.key == key), None)

    def good_practice_of(self, domain: int) -> tuple[Choice, ...]:
        return tuple(c for c in self.good_practice if c.domain == domain)


def _measure_types(path: Path) -> tuple[Choice, ...]:
    cols = [s.Column("key", _KEY), s.Column("guidance_group", _KEY), s.Column("name_lv", s.text),
            s.Column("name_en", s.text)]
    rows = s.read_table(path, cols)
    s.require_unique(path, rows, "key")
    return tuple(Choice(key=r["key"], name_lv=r["name_lv"], name_en=r["name_en"], group=r["guidance_group"])
                 for r in rows)


def _plain(path: Path) -> tuple[Choice, ...]:
    rows = s.read_table(path, [s.Column("key", _KEY), s.Column("name_lv", s.text), s.Column("name_en", s.text)])
    s.require_unique(path, rows, "key")
    return tuple(Choice(**r) for r in rows)


def _participation(path: Path) -> dict[str, tuple[Choice, ...]]:
    cols = [s.Column("list", s.one_of(*PARTICIPATION_LISTS)), s.Column("key", _KEY), s.Column("name_lv", s.text),
            s.Column("name_en", s.text)]
    rows = s.read_table(path, cols)
    out: dict[str, tuple[Choice, ...]] = {}
    for name in PARTICIPATION_LISTS:
        part = [r for r in rows if r["list"] == name]
        s.require_unique(path, part, "key")
        if not part:
            raise s.CatalogueError(f"{path.name}: saraksts “{name}” ir tukšs / list “{name}” is empty")
        out[name] = tuple(Choice(key=r["key"], name_lv=r["name_lv"], name_en=r["name_en"]) for r in part)
    return out


def _good_practice(path: Path) -> tuple[Choice, ...]:
    cols = [s.Column("key", _KEY), s.Column("domain", s.integer), s.Column("name_lv", s.text),
            s.Column("name_en", s.text)]
    rows = s.read_table(path, cols)
    s.require_unique(path, rows, "key")
    for line, r in enumerate(rows, start=2):
        if not 1 <= r["domain"] <= 16:
            raise s.CatalogueError(
                f"{path.name}, rinda/row {line}, kolonna/column 'domain': nezināma joma / unknown domain {r['domain']}"
            )
    return tuple(Choice(**r) for r in rows)


def load_programme_catalogues(data_dir: Path | None = None) -> ProgrammeCatalogues:
    """Reads and checks the four files; a malformed one raises CatalogueError naming file, row and column."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    part = _participation(base / "programme_participation.csv")
    return ProgrammeCatalogues(
        measure_types=_measure_types(base / "programme_measure_types.csv"),
        monitoring_types=_plain(base / "programme_monitoring_types.csv"),
        methods=part["method"],
        age_bands=part["age_band"],
        groups=part["group"],
        good_practice=_good_practice(base / "programme_good_practice.csv"),
    )


@lru_cache(maxsize=1)
def programme_catalogues() -> ProgrammeCatalogues:
    """The project's own lists, read once per process."""
    return load_programme_catalogues()

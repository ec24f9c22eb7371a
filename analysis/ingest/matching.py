"""Labels to catalogue records: municipalities (aggregates told apart), indicators (unmatched kept as custom), validity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.catalogue import Area, Catalogue, Municipality
from analysis.ingest.layouts.template import INDICATOR_SEPARATOR
from analysis.ingest.values import map_unique_fields
from analysis.report import IssueType, Said
from analysis.text import clean_label, fold

UNKNOWN_MUNICIPALITY = IssueType(
    "unknown-municipality",
    "error",
    "Nezināma pašvaldība '{label}' ({n} vērt.); varbūt domāta: {closest}",
    "Unknown municipality '{label}' ({n} values); did you mean: {closest}",
)
MISSING_MUNICIPALITY = IssueType(
    "missing-municipality",
    "error",
    "Rindā nav norādīta pašvaldība",
    "The row names no municipality",
)
NO_MUNICIPALITY = IssueType(
    "no-municipality",
    "error",
    "Lapā nav pašvaldības: pievienojiet kolonnu 'Pašvaldība', rindu 'Pašvaldība: …' virs tabulas vai izvēlieties "
    "pašvaldību augšupielādējot",
    "The sheet names no municipality: add a 'Municipality' column, a 'Pašvaldība: …' line above the table, or "
    "choose the municipality when uploading",
)
AGGREGATE = IssueType(
    "aggregate-row",
    "info",
    "'{label}' ir kopsumma ({name}), nevis pašvaldība: {n} vērt. netiek saglabātas",
    "'{label}' is an aggregate ({name}), not a municipality: {n} values are not stored",
)
NATIONAL_TABLE = IssueType(
    "national-table",
    "info",
    "Tabulā nav teritoriālās vienības, tā attiecas uz visu Latviju: vērtības netiek saglabātas kā pašvaldības dati",
    "The table has no territorial unit, so it covers all of Latvia: its values are not stored as municipal data",
)
NOT_VALID_FOR_YEAR = IssueType(
    "municipality-not-valid-for-year",
    "error",
    "{name} {year}. gadā vairs nepastāvēja (līdz {valid_to}){successor_lv}",
    "{name} no longer existed in {year} (until {valid_to}){successor_en}",
)
UNMATCHED_INDICATOR = IssueType(
    "unmatched-indicator",
    "warning",
    "Rādītājs '{label}' nav katalogā; saglabāts kā lietotāja rādītājs ({n} vērt.). Piesaistiet to katalogam{closest_lv}",
    "Indicator '{label}' is not in the catalogue; kept as a custom indicator ({n} values). Map it to the "
    "catalogue{closest_en}",
)
MORE_UNMATCHED = IssueType(
    "unmatched-indicators-more",
    "warning",
    "Vēl {n} rādītāji nav katalogā ({values} vērt., pirmais šeit: '{label}'); saglabāti kā lietotāja rādītāji bez "
    "ieteikumiem",
    "{n} more indicators are not in the catalogue ({values} values, the first here: '{label}'); kept as custom "
    "indicators without suggestions",
)
MORE_UNKNOWN_MUNICIPALITIES = IssueType(
    "unknown-municipalities-more",
    "error",
    "Vēl {n} nezināmas pašvaldības ({values} vērt., pirmā šeit: '{label}')",
    "{n} more unknown municipalities ({values} values, the first here: '{label}')",
)
MISSING_INDICATOR = IssueType(
    "missing-indicator",
    "error",
    "Vērtībai nav norādīts rādītājs",
    "The value has no indicator",
)
UNKNOWN_MAPPING_TARGET = IssueType(
    "unknown-mapping-target",
    "error",
    "Piesaiste '{label}' → '{target}': katalogā tāda nav",
    "Mapping '{label}' → '{target}': no such entry in the catalogue",
)

MAX_KEY_LENGTH = 250
# The mapping target meaning "keep the file's label as a custom indicator" (ids are snake_case, so it cannot clash).
KEEP_CUSTOM = "=custom"
UNMATCHED, KIND_MISMATCH = "unmatched", "kind-mismatch"


@dataclass(frozen=True)
class LabelChoice:
    """A label the upload page asks about: kept as custom (unmatched) or held until chosen (kind-mismatch)."""

    label: str  # the file's label, as the mapping is keyed
    reason: str  # UNMATCHED or KIND_MISMATCH
    suggestions: tuple[str, ...]  # catalogue ids, best first
    preselect: str | None = None  # the clear best suggestion (never for a kind mismatch: that one waits for a person)
    matched: str | None = None  # the catalogue id the name matched (kind-mismatch)
    said: str | None = None  # what the file says: count | proportion | rate


def shown(indicator, *, lang: str) -> str:
    """An indicator as a person recognises it: its name and unit in one language, never its internal id."""
    if lang == "en":
        return f"{indicator.name_en}, {indicator.unit_en}"
    return f"{indicator.name_lv}, {indicator.unit_lv}"


@dataclass(frozen=True)
class Municipalities:
    """Per row: the municipality code (or None), the aggregate's name (or None), and whether the label was blank."""

    code: pd.Series
    aggregate: pd.Series
    blank: pd.Series


def _key(label: object) -> str:
    return fold(clean_label(label))


def municipality_lookup(
    *, catalogue: Catalogue, mappings: dict[str, str] | None = None
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """User mappings label→code, folded, plus the mappings that name nothing in the catalogue."""
    out: dict[str, str] = {}
    bad: list[tuple[str, str]] = []
    for label, target in (mappings or {}).items():
        m = catalogue.municipality(str(target)) or catalogue.areas_index.municipality(target)
        if m is None:
            bad.append((label, target))
        else:
            out[_key(label)] = m.code
    return out, bad


def resolve_municipalities(
    labels: pd.Series, *, catalogue: Catalogue, mapped: dict[str, str] | None = None
) -> Municipalities:
    """Each distinct label is resolved once; aggregates (Latvia, regions) are told apart from unknown names."""
    mapped = mapped or {}
    index = catalogue.areas_index

    def one(label: object) -> tuple[str | None, str | None, bool]:
        key = "" if label is None or (isinstance(label, float) and label != label) else _key(label)
        if not key:
            return None, None, True
        code = mapped.get(key)
        if code:
            return code, None, False
        hit = index.resolve(label)
        if isinstance(hit, Municipality):
            return hit.code, None, False
        if isinstance(hit, Area):
            return None, hit.name_lv, False
        return None, None, False

    code, aggregate, blank = map_unique_fields(labels, one, 3)
    return Municipalities(
        code=pd.Series(code, index=labels.index, dtype=object),
        aggregate=pd.Series(aggregate, index=labels.index, dtype=object),
        blank=pd.Series(blank.astype(bool), index=labels.index),
    )


def indicator_lookup(
    *, catalogue: Catalogue, mappings: dict[str, str] | None = None
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """User mappings label→catalogue id (or KEEP_CUSTOM), folded, plus the mappings whose target is nothing."""
    out: dict[str, str] = {}
    bad: list[tuple[str, str]] = []
    for label, target in (mappings or {}).items():
        if target == KEEP_CUSTOM:
            out[_key(label)] = KEEP_CUSTOM
            continue
        ind = catalogue.indicator(str(target)) or catalogue.indicators_index.resolve(target)
        if ind is None:
            bad.append((label, target))
        else:
            out[_key(label)] = ind.id
    return out, bad


def _resolve_indicator(key: str, label: object, *, catalogue: Catalogue,
                       mapped: dict[str, str]) -> tuple[str | None, bool]:
    """(catalogue id or None, whether a person chose it): a person's mapping wins over the catalogue's names."""
    if not key:
        return None, False
    if key in mapped:
        target = mapped[key]
        return (None if target == KEEP_CUSTOM else target), True
    hit = catalogue.indicators_index.resolve_key(key)
    if hit is None and isinstance(label, str) and INDICATOR_SEPARATOR.strip() in label:
        hit = catalogue.indicators_index.resolve(label.split(INDICATOR_SEPARATOR.strip(), 1)[0])
    return (hit.id if hit is not None else None), False


@dataclass(frozen=True)
class Indicators:
    """Per row: the catalogue id or the custom key, whether it matched, whether a person chose it, whether blank."""

    indicator: pd.Series
    matched: pd.Series
    blank: pd.Series
    chosen: pd.Series


def resolve_indicators(
    labels: pd.Series,
    *,
    alternatives: pd.Series | None = None,
    catalogue: Catalogue,
    mapped: dict[str, str] | None = None,
) -> Indicators:
    """Catalogue id by id, name or alias (or the longer portal label); otherwise the label itself as a custom key."""
    mapped = mapped or {}

    def one(label: object) -> tuple[str | None, str | None, bool, bool]:
        key = _key(label) if label is not None else ""  # folded once: a hostile file has 100,000 distinct labels
        hit, chosen = _resolve_indicator(key, label, catalogue=catalogue, mapped=mapped)
        return hit, custom_key(label), not key, chosen

    hit, custom, blank, chosen = (
        pd.Series(a, index=labels.index, dtype=object) for a in map_unique_fields(labels, one, 4)
    )
    matched = hit.notna()
    out = hit.copy()
    if alternatives is not None and alternatives.notna().any():
        alt_hit, alt_key, _, alt_chosen = (
            pd.Series(a, index=labels.index, dtype=object) for a in map_unique_fields(alternatives, one, 4)
        )
        use = ~matched & ~chosen.astype(bool) & alt_hit.notna()
        out[use] = alt_hit[use]
        matched = matched | use
        chosen = chosen.astype(bool) | (use & alt_chosen.astype(bool))
        custom = alt_key.where(alt_key.notna(), custom)
        blank = blank.astype(bool) & alternatives.isna()
    out = out.where(matched, custom)
    return Indicators(indicator=out.astype(object), matched=matched.astype(bool), blank=blank.astype(bool),
                      chosen=chosen.astype(bool))


def custom_key(label: object) -> str | None:
    """The source label as the key of a custom indicator (cleaned, and short enough for the database)."""
    if label is None or (isinstance(label, float) and label != label):
        return None
    return clean_label(label)[:MAX_KEY_LENGTH] or None


def invalid_for_year(codes: pd.Series, years: pd.Series, *, catalogue: Catalogue) -> pd.Series:
    """True where the unit had already ended before the year began (Varakļānu novads in 2026)."""
    last_year = {m.code: m.valid_to.year for m in catalogue.municipalities if m.valid_to is not None}
    if not last_year:
        return pd.Series(False, index=codes.index)
    limit = codes.map(last_year).astype("float64")
    return (limit.notna() & (years.astype("float64") > limit)).fillna(False).astype(bool)


def validity_params(m: Municipality, year: int, *, catalogue: Catalogue) -> dict[str, object]:
    successor = catalogue.municipality(m.successor) if m.successor else None
    valid_to = m.valid_to.isoformat() if isinstance(m.valid_to, date) else ""
    return {
        "name": Said(m.name_lv, m.name_en or m.name_lv),  # "Cēsis municipality" in the English message
        "year": str(year),
        "valid_to": valid_to,
        "successor_lv": f"; dati jānorāda par {successor.name_lv}" if successor else "",
        "successor_en": f"; report the data for {successor.name_en or successor.name_lv}" if successor else "",
    }

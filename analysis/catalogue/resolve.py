"""Name resolution: any spelling people use for a municipality, an aggregate or an indicator, to one catalogue record."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Union

from analysis.catalogue.models import Area, Indicator, Municipality
from analysis.text import clean_label, fold

# Lower number wins: an official name or code beats an explicit alias, which beats a generated variant.
OFFICIAL, ALIAS, GENERATED = 0, 1, 2

_FUSED_CODE = re.compile(r"^\s*(LV)?\d{3,7}\s+(.+)$", re.IGNORECASE)
_CODE_ONLY = re.compile(r"^(LV)?\d{7}$", re.IGNORECASE)

Target = Union[Municipality, Area]


def _municipality_keys(m: Municipality) -> list[tuple[str, int]]:
    keys = [(m.name_lv, OFFICIAL), (m.name_en, OFFICIAL), (m.code, OFFICIAL), (m.atvk, OFFICIAL)]
    keys.append((m.iso_3166_2, OFFICIAL))
    keys.extend((a, ALIAS) for a in m.aliases)
    if m.type == "novads":
        stem = m.name_lv.removesuffix(" novads")
        en_stem = m.name_en.removesuffix(" municipality")
        keys += [
            (stem, GENERATED),
            (f"{stem} nov.", GENERATED),
            (f"{stem} nov", GENERATED),
            (f"{stem} novada pašvaldība", GENERATED),
            (f"{stem} pašvaldība", GENERATED),
            (f"{en_stem} novads", GENERATED),
            (f"{en_stem} county", GENERATED),
            (en_stem, GENERATED),
        ]
    else:
        keys += [
            (f"{m.name_en} city", GENERATED),
            (f"{m.name_lv} valstspilsētas pašvaldība", GENERATED),
        ]
    return keys


def _area_keys(a: Area) -> list[tuple[str, int]]:
    keys = [(a.name_lv, OFFICIAL), (a.name_en, OFFICIAL), (a.code, ALIAS)]
    keys.extend((x, ALIAS) for x in a.aliases)
    return keys


def _build(entries: Iterable[tuple[str, int, object]]) -> dict[str, object]:
    """Keeps for each folded key the single best-priority target; keys shared at the best level are ambiguous and dropped."""
    best: dict[str, tuple[int, list[object]]] = {}
    for raw, prio, target in entries:
        key = fold(clean_label(raw))
        if not key:
            continue
        current = best.get(key)
        if current is None or prio < current[0]:
            best[key] = (prio, [target])
        elif prio == current[0] and target not in current[1]:
            current[1].append(target)
    return {k: v[1][0] for k, v in best.items() if len(v[1]) == 1}


@dataclass(frozen=True)
class AreaIndex:
    """Looks up municipalities and aggregate areas by any known spelling."""

    lookup: dict[str, Target]
    by_code: dict[str, Municipality]
    names: dict[str, str]

    @classmethod
    def build(cls, *, municipalities: Iterable[Municipality], areas: Iterable[Area]) -> "AreaIndex":
        municipalities = list(municipalities)
        entries: list[tuple[str, int, object]] = []
        for m in municipalities:
            entries += [(k, p, m) for k, p in _municipality_keys(m)]
        for a in areas:
            entries += [(k, p, a) for k, p in _area_keys(a)]
        lookup = _build(entries)
        names = {fold(m.name_lv): m.name_lv for m in municipalities}
        names.update({fold(m.name_en): m.name_lv for m in municipalities})
        return cls(lookup=lookup, by_code={m.code: m for m in municipalities}, names=names)

    def resolve(self, text: object) -> Target | None:
        """The unit or aggregate a label names, or None; a code fused to a name ('0026000 Cēsu novads') is understood."""
        label = clean_label(text)
        key = fold(label)
        if not key:
            return None
        hit = self.lookup.get(key)
        if hit is not None:
            return hit
        if _CODE_ONLY.match(label.replace(" ", "")):
            digits = re.sub(r"\D", "", label)
            return self.lookup.get(fold(f"LV{digits[-7:]}"))
        fused = _FUSED_CODE.match(label)
        if fused:
            return self.lookup.get(fold(fused.group(2)))
        return None

    def municipality(self, text: object) -> Municipality | None:
        hit = self.resolve(text)
        return hit if isinstance(hit, Municipality) else None

    def closest(self, text: object, *, n: int = 3) -> list[str]:
        """Official names closest to an unknown label, for the 'did you mean' part of a message."""
        key = fold(clean_label(text))
        found = difflib.get_close_matches(key, list(self.names), n=n * 2, cutoff=0.5)
        out: list[str] = []
        for k in found:
            name = self.names[k]
            if name not in out:
                out.append(name)
        return out[:n]


@dataclass(frozen=True)
class IndicatorIndex:
    """Looks up catalogue indicators by id, Latvian or English name, or alias."""

    lookup: dict[str, Indicator]
    by_id: dict[str, Indicator]

    @classmethod
    def build(cls, indicators: Iterable[Indicator]) -> "IndicatorIndex":
        indicators = list(indicators)
        entries: list[tuple[str, int, object]] = []
        for i in indicators:
            entries += [(i.id, OFFICIAL, i), (i.name_lv, OFFICIAL, i), (i.name_en, OFFICIAL, i)]
            entries += [(a, ALIAS, i) for a in i.aliases]
        return cls(lookup=_build(entries), by_id={i.id: i for i in indicators})

    def resolve(self, text: object) -> Indicator | None:
        key = fold(clean_label(text))
        return self.lookup.get(key) if key else None

    def closest(self, text: object, *, n: int = 3) -> list[str]:
        key = fold(clean_label(text))
        names = {fold(i.name_lv): i.id for i in self.by_id.values()}
        names.update({fold(i.name_en): i.id for i in self.by_id.values()})
        found = difflib.get_close_matches(key, list(names), n=n * 2, cutoff=0.5)
        out: list[str] = []
        for k in found:
            if names[k] not in out:
                out.append(names[k])
        return out[:n]

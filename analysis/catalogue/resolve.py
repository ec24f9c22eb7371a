"""Name resolution: any spelling people use for a municipality, an aggregate or an indicator, to one catalogue record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Union

import numpy as np
from rapidfuzz import fuzz, process

from analysis.catalogue.models import Area, Indicator, Municipality
from analysis.text import clean_label, fold

# Lower number wins: an official name or code beats an explicit alias, which beats a generated variant.
OFFICIAL, ALIAS, GENERATED = 0, 1, 2

_FUSED_CODE = re.compile(r"^\s*(LV)?\d{3,7}\s+(.+)$", re.IGNORECASE)
_CODE_ONLY = re.compile(r"^(LV)?\d{7}$", re.IGNORECASE)

Target = Union[Municipality, Area]

# Words that only dress an age range ('Bērni vecumā 0-17 gadi' = 'Bērni 0-17'), and brackets and stops around them.
_FILLER = re.compile(r"\b(vecuma|vecumam|gadi|gadu|gadiem|g|aged|age|years|year|old)\b")
_STOPS = re.compile(r"[()\[\],.;:]")

# A suggestion is pre-selected only when it is this good and this far ahead of the next indicator.
SUGGEST_CUTOFF = 60.0
CLEAR_SCORE = 80.0
CLEAR_MARGIN = 6.0


def loose(text: object) -> str:
    """The folded label without brackets, stops and age filler words: the second chance of an exact match."""
    return loosen(fold(clean_label(text)))


def loosen(key: str) -> str:
    """loose() of a label already folded."""
    return " ".join(_FILLER.sub(" ", _STOPS.sub(" ", key)).split())


def _ranked(query: str, choices: tuple[str, ...], targets: tuple[str, ...], *, limit: int) -> list[tuple[str, float]]:
    """Distinct targets by their best-scoring spelling, best first.

    The score is the mean of rapidfuzz's plain ratio (order and length matter) and token-set ratio (extra words such
    as 'skaits' or '(pašvaldības dati)' do not), one C-level pass over the choices folded once.
    """
    if not query or not choices:
        return []
    plain = process.cdist([query], choices, scorer=fuzz.ratio, processor=None, dtype=np.float32)[0]
    tokens = process.cdist([query], choices, scorer=fuzz.token_set_ratio, processor=None, dtype=np.float32)[0]
    score = (plain + tokens) / 2
    out: dict[str, float] = {}
    for at in np.argsort(-score, kind="stable"):
        if score[at] < SUGGEST_CUTOFF or len(out) >= limit:
            break
        out.setdefault(targets[at], round(float(score[at]), 1))
    return list(out.items())


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
    choices: tuple[str, ...] = ()
    choice_names: tuple[str, ...] = ()

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
        return cls(lookup=lookup, by_code={m.code: m for m in municipalities}, names=names,
                   choices=tuple(names), choice_names=tuple(names.values()))

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
        return [name for name, _ in _ranked(fold(clean_label(text)), self.choices, self.choice_names, limit=n)]


@dataclass(frozen=True)
class Suggestion:
    """A catalogue indicator a label may mean, with rapidfuzz's score (0–100)."""

    id: str
    score: float


@dataclass(frozen=True)
class IndicatorIndex:
    """Looks up catalogue indicators by id, Latvian or English name, or alias; ranks the near misses."""

    lookup: dict[str, Indicator]
    by_id: dict[str, Indicator]
    loose_lookup: dict[str, Indicator]
    choices: tuple[str, ...]  # every name and alias, folded once when the catalogue loads
    choice_ids: tuple[str, ...]

    @classmethod
    def build(cls, indicators: Iterable[Indicator]) -> "IndicatorIndex":
        indicators = list(indicators)
        entries: list[tuple[str, int, object]] = []
        for i in indicators:
            entries += [(i.id, OFFICIAL, i), (i.name_lv, OFFICIAL, i), (i.name_en, OFFICIAL, i)]
            entries += [(a, ALIAS, i) for a in i.aliases]
        spelled: dict[tuple[str, str], None] = {}
        for raw, _, target in entries:
            if raw != target.id:  # type: ignore[attr-defined]
                spelled[(loose(raw), target.id)] = None  # type: ignore[attr-defined]
        pairs = [p for p in spelled if p[0]]
        return cls(
            lookup=_build(entries),
            by_id={i.id: i for i in indicators},
            loose_lookup=_build((loose(raw), prio, target) for raw, prio, target in entries),
            choices=tuple(k for k, _ in pairs),
            choice_ids=tuple(i for _, i in pairs),
        )

    def resolve(self, text: object) -> Indicator | None:
        """Exact on the folded label, then on its loose form ('0-17 gadi' = '0–17'); never a fuzzy guess."""
        return self.resolve_key(fold(clean_label(text)))

    def resolve_key(self, key: str) -> Indicator | None:
        """resolve() of a label already folded (a national file's labels are folded once)."""
        if not key:
            return None
        return self.lookup.get(key) or self.loose_lookup.get(loosen(key))

    def suggest(self, text: object, *, n: int = 3, kinds: Iterable[str] | None = None) -> list[Suggestion]:
        """The n closest indicators, best first; with kinds, only indicators of those kinds (a count is no rate)."""
        allowed = set(kinds) if kinds is not None else None
        ranked = _ranked(loose(text), self.choices, self.choice_ids, limit=len(self.by_id) if allowed else n)
        out = [Suggestion(i, s) for i, s in ranked if allowed is None or self.by_id[i].kind in allowed]
        return out[:n]

    def closest(self, text: object, *, n: int = 3) -> list[str]:
        """Ids of the closest indicators, for callers that only need the order."""
        return [s.id for s in self.suggest(text, n=n)]


def clear_best(suggestions: list[Suggestion]) -> str | None:
    """The suggestion to pre-select: good on its own and clearly ahead of the next one, else none."""
    if not suggestions or suggestions[0].score < CLEAR_SCORE:
        return None
    if len(suggestions) > 1 and suggestions[0].score - suggestions[1].score < CLEAR_MARGIN:
        return None
    return suggestions[0].id

"""What a file says its numbers are (a count, a share, a rate per N), so a count never lands in a rate, nor the reverse."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue, Indicator
from analysis.ingest.values import map_unique
from analysis.report import IssueType
from analysis.text import fold

COUNT, PROPORTION, RATE = "count", "proportion", "rate"
CHECKED_KINDS = (COUNT, PROPORTION, RATE)  # amounts and yes/no answers say nothing in these words

KIND_MISMATCH = IssueType(
    "kind-mismatch",
    "error",
    "'{label}': failā {said_lv}, bet katalogā '{name_lv}' ir {kind_lv} ({unit_lv}); vērtība netiek saglabāta, kamēr "
    "augšupielādē nav izvēlēts, kā to saglabāt",
    "'{label}': the file gives {said_en}, but the catalogue's '{name_en}' is {kind_en} ({unit_en}); the value is not "
    "stored until a choice is made on the upload page",
)
PERCENT_ON_COUNT = IssueType(
    "percent-on-count",
    "warning",
    "'{text}' ar procentu zīmi, bet '{name_lv}' ir skaits ({unit_lv})",
    "'{text}' carries a percent sign, but '{name_en}' is a count ({unit_en})",
)
FRACTION_ON_COUNT = IssueType(
    "fraction-on-count",
    "warning",
    "'{text}' nav vesels skaitlis, bet '{name_lv}' ir skaits ({unit_lv})",
    "'{text}' is not a whole number, but '{name_en}' is a count ({unit_en})",
)
AMBIGUOUS_NUMBER = IssueType(
    "ambiguous-number",
    "warning",
    "'{text}' nolasīts kā daļskaitlis ar decimālkomatu, nevis {other}; ja domāts {other}, labojiet failā",
    "'{text}' read as a decimal with a decimal comma, not as {other}; if {other} was meant, correct the file",
)

SAID_LV = {COUNT: "skaits", PROPORTION: "procenti (%)", RATE: "koeficients uz {per}"}
SAID_EN = {COUNT: "a count", PROPORTION: "a percentage (%)", RATE: "a rate per {per}"}
KIND_LV = {COUNT: "skaits", PROPORTION: "īpatsvars", RATE: "koeficients"}
KIND_EN = {COUNT: "a count", PROPORTION: "a share", RATE: "a rate"}

_RATE = re.compile(r"(?:\buz\b|\bper\b)\s*(\d[\d\s,.]*\d|\d)")
_PERMILLE = "‰"
_PERCENT = re.compile(r"%|\bprocent|\bipatsvar|\bpercent|\bshare\b|\bproportion\b")
_COUNT = re.compile(r"\bskaits\b|\bskaitu\b|\bskaita\b|\bnumber of\b|\bcount\b|\babs\b|\babsolutais\b|\bno of\b")
_COUNT_UNITS = ("skaits", "sk", "sk.", "number", "count", "abs.", "gab.", "personas", "persons", "cases", "gadijumi")

# A label's or unit's own words about its kind: (kind, per) with per set for rates, or None when the words are silent.
Said = tuple[str, int | None]


def said_by_words(text: object, *, count_units: frozenset[str] = frozenset()) -> Said | None:
    """'uz 1000 bērniem' is a rate per 1000, '%' or 'īpatsvars' a share, 'skaits' or a count unit a count."""
    if text is None or (isinstance(text, float) and text != text):
        return None
    s = fold(text)
    if not s:
        return None
    rate = _RATE.search(s)
    if rate:
        digits = re.sub(r"\D", "", rate.group(1))
        per = int(digits) if digits else 0
        return (PROPORTION, 100) if per == 100 else (RATE, per)
    if _PERMILLE in s:
        return RATE, 1000
    if _PERCENT.search(s):
        return PROPORTION, 100
    if _COUNT.search(s) or s in _COUNT_UNITS or s in count_units:
        return COUNT, None
    return None


def count_units(catalogue: Catalogue) -> frozenset[str]:
    """The catalogue's own units of counts ('bērni', 'skolēni', 'ģimenes'): a unit cell saying one says count."""
    return frozenset(
        fold(u) for i in catalogue.indicators if i.kind == COUNT for u in (i.unit_lv, i.unit_en) if u
    )


def agrees(said: Said, indicator: Indicator) -> bool:
    """Whether what the file says fits the catalogue indicator's kind (and, for rates, its base)."""
    kind, per = said
    if indicator.kind not in CHECKED_KINDS:
        return True
    if kind == COUNT:
        return indicator.kind == COUNT
    if kind == PROPORTION:
        return indicator.kind == PROPORTION or (indicator.kind == RATE and indicator.per == 100)
    return indicator.kind == RATE and (per == indicator.per or not per)


def compatible_kinds(said: Said) -> tuple[str, ...]:
    """The catalogue kinds a label saying this may be mapped to (for suggestions)."""
    return (COUNT,) if said[0] == COUNT else (PROPORTION, RATE)


def row_said(frame: pd.DataFrame, *, units: frozenset[str]) -> pd.Series:
    """Per row what the unit cell, else the value header, else the label's own words say (each distinct text once)."""

    def words(v: object) -> Said | None:
        return said_by_words(v, count_units=units)

    by_unit = map_unique(frame["unit"], words) if frame["unit"].notna().any() else pd.Series(None, index=frame.index,
                                                                                          dtype=object)
    by_label = map_unique(frame["indicator"], lambda v: said_by_words(v))
    return by_unit.where(by_unit.notna(), by_label)


def said_by_values(value: pd.Series, percent: pd.Series, group: pd.Series) -> pd.Series:
    """Per group, what the numbers say when the words are silent: a '%' on any cell says share; a column of whole
    numbers (at least two, not all zero) says count."""
    d = pd.DataFrame({"g": group.to_numpy(), "v": value.to_numpy(), "p": percent.to_numpy(dtype=bool)})
    d["num"] = d["v"].notna()
    d["whole"] = ~d["num"] | (np.floor(d["v"]) == d["v"])
    d["nonzero"] = d["num"] & (d["v"] != 0)
    g = d.groupby("g", sort=False)
    agg = pd.DataFrame({"p": g["p"].any(), "n": g["num"].sum(), "whole": g["whole"].all(), "nz": g["nonzero"].any()})
    code = np.where(agg["p"], PROPORTION, np.where(agg["whole"] & (agg["n"] >= 2) & agg["nz"], COUNT, ""))
    said: dict[str, Said | None] = {"": None, PROPORTION: (PROPORTION, 100), COUNT: (COUNT, None)}
    per_group = dict(zip(agg.index, (said[c] for c in code)))
    return map_unique(group, per_group.get)

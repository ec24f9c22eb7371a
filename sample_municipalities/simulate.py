"""Draws every municipality × indicator × year figure, then punches realistic holes into the series."""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, replace

import numpy as np

from analysis.catalogue import Catalogue, Indicator
from sample_municipalities import signals
from sample_municipalities.specs import BASE_SERIES, DERIVED, SPECS, Spec
from sample_municipalities.survey import Programme
from sample_municipalities.territory import ANCHOR_YEAR, LAST_YEAR, TOWN_FROM_2022, YEARS, Profile

BIRTH_RATE = dict(zip(YEARS, (11.1, 11.1, 10.7, 10.4, 9.8, 9.2, 9.1, 8.4, 7.5, 6.9, 6.6)))
SHARE_0_6 = dict(zip(YEARS, [*np.linspace(0.41, 0.35, 10).round(4), 0.344]))
NOTE_NOT_COLLECTED = "pašvaldība šos datus neapkopo"
NOTE_NOT_SUPPLIED = "iestāde datus nesniedza"
NOTE_CSP_GAP = "nav pieejams oficiālās statistikas portālā"
NOTE_ESTIMATE = "provizoriski dati"
NOTE_CONFIDENTIAL = "mazs skaits – dati netiek izpausti"


@dataclass(frozen=True)
class Cell:
    """One reported figure: value plus, for rates and proportions, its numerator and denominator."""

    value: float | int | None
    count: int | None = None
    denominator: int | None = None
    status: str = ""
    note: str = ""


Series = dict[int, Cell]
Data = dict[tuple[str, str], Series]


def rng_for(seed: int, *keys: object) -> np.random.Generator:
    """A random stream per (municipality, indicator, purpose), so adding one series never shifts another."""
    return np.random.default_rng([seed, *(zlib.crc32(str(k).encode("utf-8")) for k in keys)])


# ---------------------------------------------------------------- base series (denominators)


def base_series(p: Profile, *, seed: int) -> dict[str, Series]:
    """Population, children, births and pupils: smooth, mutually consistent denominators."""
    rng = rng_for(seed, p.name, "base")
    pop = {y: round(p.population_2024 * (1 + p.growth) ** (y - ANCHOR_YEAR) * (1 + rng.normal(0, 0.002)))
           for y in YEARS}
    kids = {y: round(pop[y] * p.child_share_2024 * (1 + p.child_growth_extra) ** (y - ANCHOR_YEAR))
            for y in YEARS}
    birth_mult = 1.25 if p.suburb else 0.8 if p.region == "LATGALE" else 0.97
    pupil_ratio = 0.66 if p.name == "Rīga" else 0.64 if p.is_city else 0.5 if p.suburb else 0.58
    out = {
        "population_total": pop,
        "children_0_17": kids,
        "children_0_6": {y: round(kids[y] * SHARE_0_6[y] * (1.1 if p.suburb else 1.0)) for y in YEARS},
        "births": {y: int(rng.poisson(pop[y] * BIRTH_RATE[y] * birth_mult / 1000)) for y in YEARS},
        "pupils_total": {y: round(kids[y] * pupil_ratio * (1 + rng.normal(0, 0.004))) for y in YEARS},
        "children_school_age": {y: round(kids[y] * 0.77 * (1 + rng.normal(0, 0.003))) for y in YEARS},
        "_urban_population": {y: _urban(p, pop=pop[y], year=y) for y in YEARS},
    }
    return {k: {y: Cell(v) for y, v in s.items()} for k, s in out.items()}


def _urban(p: Profile, *, pop: int, year: int) -> int:
    """Urban residents; the suburbs' main villages only count as towns from 2022."""
    if p.name in TOWN_FROM_2022 and year < 2022:
        return 0
    if p.urban_share >= 1.0:
        return pop
    return round(pop * p.urban_share * (1 + 0.004 * (year - ANCHOR_YEAR)))  # people drift slowly to towns


# ---------------------------------------------------------------- one indicator


def level(spec: Spec, p: Profile, *, year: int, mult: float) -> float:
    """Expected level in the indicator's unit for a municipality and year."""
    f = spec.base * mult * p.risk**spec.risk
    if p.is_city:
        f *= spec.city
    if p.suburb:
        f *= spec.suburb
    if spec.year_factors is not None:
        return f * spec.year_factors[year - YEARS[0]]
    f *= (1 + spec.trend) ** (year - 2019)
    if year == 2020:
        f *= spec.covid[0]
    elif year == 2021:
        f *= spec.covid[1]
    return f


def simulate_indicator(ind: Indicator, spec: Spec, p: Profile, *, known: dict[str, Series], seed: int) -> Series:
    """All years of one indicator for one municipality, drawn from its recipe."""
    rng = rng_for(seed, p.name, ind.id)
    mult = math.exp(rng.normal(0, spec.spread))
    forced_counts = signals.FORCED_COUNTS.get((p.name, ind.id), {})
    forced_shares = signals.FORCED_SHARES.get((p.name, ind.id), {})
    out: Series = {}
    for y in YEARS:
        lv = level(spec, p, year=y, mult=mult)
        if y in forced_shares:
            lv = forced_shares[y]
        cell = _draw(ind, spec, p, year=y, lv=lv, known=known, rng=rng, forced=forced_counts.get(y))
        if cell is not None:
            out[y] = cell
    return out


def _draw(ind: Indicator, spec: Spec, p: Profile, *, year: int, lv: float, known: dict[str, Series],
          rng: np.random.Generator, forced: int | None) -> Cell | None:
    """One year's figure; None when it cannot exist (a zero denominator)."""
    if spec.mode == "count":
        scale = known[spec.scale][year].value
        return Cell(forced if forced is not None else int(rng.poisson(spec.offset + lv * scale / spec.per_scale)))
    if spec.mode == "structural":
        scale = known[spec.scale][ANCHOR_YEAR].value  # a stock follows its own trend, not yearly noise
        return Cell(max(spec.minimum, round(lv * scale / spec.per_scale)))
    if spec.mode in ("rate", "proportion"):
        return _ratio(ind, spec, year=year, lv=lv, known=known, rng=rng, forced=forced)
    if spec.mode == "share":
        return _share(spec, p, year=year, lv=lv, known=known, rng=rng)
    if spec.mode == "amount":
        return Cell(round(lv * math.exp(rng.normal(0, 0.05)), 2))
    raise ValueError(f"unknown mode {spec.mode!r} for {ind.id}")


def _ratio(ind: Indicator, spec: Spec, *, year: int, lv: float, known: dict[str, Series],
           rng: np.random.Generator, forced: int | None) -> Cell | None:
    """A rate or proportion from a numerator drawn on the catalogue denominator's count."""
    denom_cell = known[ind.denominator].get(year)
    denom = denom_cell.value if denom_cell else None
    if not denom:
        return None
    if spec.gate and not known[spec.gate][year].value:
        # nothing was held that year: no figure, rather than a zero that reads as a collapse
        return Cell(None, status="not_available", note="Aptauja šogad nenotika")
    if forced is not None:
        count = forced
    elif ind.kind == "proportion":
        count = int(rng.binomial(denom, min(0.995, lv / 100)))
    else:
        count = max(spec.minimum, int(rng.poisson(denom * lv / ind.per)))
    return Cell(ratio_value(count, denom, ind), count, denom)


def ratio_value(count: int, denom: int, ind: Indicator) -> float:
    """Rates keep two decimals, percentages one."""
    return round(count / denom * ind.per, 1 if ind.kind == "proportion" else 2)


def _share(spec: Spec, p: Profile, *, year: int, lv: float, known: dict[str, Series],
           rng: np.random.Generator) -> Cell:
    """A percentage whose denominator is not a catalogue indicator (or does not exist, like street length)."""
    pop = known["population_total"][year].value
    denom = {
        "working_age": round(pop * 0.63),
        "water_samples": max(12, round(pop / 450)),
        "specialists": max(8, round(pop / 250)),
    }.get(spec.own_denominator)
    if denom is None:
        return Cell(round(min(100.0, lv * (1 + rng.normal(0, 0.02))), 1))
    count = int(rng.binomial(denom, min(0.995, lv / 100)))
    return Cell(round(count / denom * 100, 1), count, denom)


def yes_no_series(spec: Spec, p: Profile, *, ind_id: str, seed: int) -> Series:
    """Something adopted in some year and kept (yes_no), or decided afresh each year (flag)."""
    rng = rng_for(seed, p.name, ind_id)
    if spec.mode == "flag":
        propensity = min(0.98, max(0.05, spec.base + rng.normal(0, 0.2)))
        return {y: Cell(int(rng.random() < min(0.98, propensity * (1 + 0.04 * (y - 2019))))) for y in YEARS}
    earliest = 2021 if ind_id == "civil_protection_plan_updated" else YEARS[0]
    adopted = rng.random() < spec.base
    year = int(rng.integers(earliest, ANCHOR_YEAR + 1)) if adopted else LAST_YEAR + 1
    return {y: Cell(int(y >= year)) for y in YEARS}


def programme_series(p: Profile, progs: list[Programme]) -> Series:
    """Whether a child-rights programme (or its elements elsewhere) was in force, from the survey histories."""
    prog = next((x for x in progs if x.municipality == p.name), None)
    return {y: Cell(int(prog is not None and prog.in_force(y))) for y in YEARS}


def derived_series(ind: Indicator, *, known: dict[str, Series]) -> Series:
    """Ratios of two counts that already exist (children's share, birth rate, care rate...)."""
    num_id, den_id = DERIVED[ind.id]
    out: Series = {}
    for y in YEARS:
        num, den = known[num_id].get(y), known[den_id].get(y)
        if num is None or den is None or not den.value:
            continue
        out[y] = Cell(ratio_value(num.value, den.value, ind), num.value, den.value)
    return out


# ---------------------------------------------------------------- whole municipality


def simulate_municipality(p: Profile, cat: Catalogue, *, progs: list[Programme], seed: int) -> dict[str, Series]:
    """Every indicator for one municipality: counts first, then ratios on them, then derived ratios."""
    known = base_series(p, seed=seed)
    ratio_ids, derived_ids = [], []
    for ind in cat.indicators:
        if ind.id in known:
            continue
        if ind.id in DERIVED:
            derived_ids.append(ind)
        elif ind.id == "child_rights_programme":
            known[ind.id] = programme_series(p, progs)
        elif SPECS[ind.id].mode in ("yes_no", "flag"):
            known[ind.id] = yes_no_series(SPECS[ind.id], p, ind_id=ind.id, seed=seed)
        elif SPECS[ind.id].mode in ("rate", "proportion"):
            ratio_ids.append(ind)
        else:
            known[ind.id] = simulate_indicator(ind, SPECS[ind.id], p, known=known, seed=seed)
    for ind in ratio_ids:
        known[ind.id] = simulate_indicator(ind, SPECS[ind.id], p, known=known, seed=seed)
    for ind in derived_ids:
        known[ind.id] = derived_series(ind, known=known)
    return known


def simulate_all(cat: Catalogue, profiles: list[Profile], *, progs: list[Programme], seed: int) -> Data:
    """The complete, gap-free truth for every municipality × indicator (hidden helper series dropped).

    A unit that merged into another (Varakļānu novads into Madonas novads from 2025-07-01) stops after its
    last year, and from the merger year its successor's figures are those of the merged territory.
    """
    data: Data = {}
    ids = [i.id for i in cat.indicators]
    for p in profiles:
        known = simulate_municipality(p, cat, progs=progs, seed=seed)
        for ind_id in [*ids, "_urban_population"]:
            data[(p.name, ind_id)] = known[ind_id]
    for p in profiles:
        successor = _successor(p, cat, profiles)
        if successor is not None:
            _merge_into(data, cat, ended=p, into=successor)
    return data


def _successor(p: Profile, cat: Catalogue, profiles: list[Profile]) -> Profile | None:
    """The profile a unit merged into, when it ended within the sample's years."""
    m = next(m for m in cat.municipalities if m.name_lv == p.name)
    if p.last_year >= LAST_YEAR or not m.successor:
        return None
    into = cat.municipality(m.successor)
    return next(q for q in profiles if q.name == into.name_lv)


def _merge_into(data: Data, cat: Catalogue, *, ended: Profile, into: Profile) -> None:
    """From the year after the ended unit's last, the successor reports for both territories together."""
    after = [y for y in YEARS if y > ended.last_year]
    sizes = {(k, y): [data[(n, k)][y].value for n in (into.name, ended.name)]
             for k in ("children_0_17", "population_total") for y in after}
    for ind_id in [*(i.id for i in cat.indicators), "_urban_population"]:
        ind = cat.indicator(ind_id)
        mine, theirs = data[(into.name, ind_id)], data[(ended.name, ind_id)]
        for y in after:
            a, b = mine.get(y), theirs.pop(y, None)
            if a is None or b is None or a.value is None or b.value is None:
                continue
            by = "children_0_17" if ind is not None and ind.kind == "amount" else "population_total"
            mine[y] = _combined(a, b, ind=ind, weight=sizes[(by, y)])


def _combined(a: Cell, b: Cell, *, ind: Indicator | None, weight: list) -> Cell:
    """Two territories' figures as one: counts and denominators summed, ratios recomputed, the rest weighted."""
    if ind is None or ind.kind == "count":
        return Cell(a.value + b.value)
    if a.count is not None and b.count is not None and a.denominator and b.denominator:
        count, den = a.count + b.count, a.denominator + b.denominator
        return Cell(ratio_value(count, den, ind) if ind.per else round(count / den * 100, 1), count, den)
    if ind.kind in ("amount", "proportion", "rate"):
        wa, wb = weight
        return Cell(round((a.value * wa + b.value * wb) / (wa + wb), 1 if ind.kind == "proportion" else 2))
    return a  # yes/no: the successor's own answer


def check_complete(cat: Catalogue) -> list[str]:
    """Catalogue indicators the generator has no recipe for (should be empty)."""
    covered = set(BASE_SERIES) | set(DERIVED) | set(SPECS) | {"child_rights_programme"}
    return [i.id for i in cat.indicators if i.id not in covered]


# ---------------------------------------------------------------- holes in reporting


def apply_gaps(data: Data, cat: Catalogue, profiles: list[Profile], *, seed: int) -> Data:
    """The reported data: whole series not collected, late starts, missing years, estimates, confidential cells."""
    out = {k: dict(v) for k, v in data.items() if not k[1].startswith("_")}
    _not_reported(out, cat)
    _late_start(out, cat)
    _not_yet_reported(out, cat)
    _csp_gaps(out)
    _random_gaps(out, cat, seed=seed)
    _estimates(out, seed=seed)
    _confidential(out, profiles)
    _zero_status(out)
    return out


def _blank(cell: Cell, *, status: str, note: str) -> Cell:
    return Cell(None, None, None, status, note)


def _not_reported(out: Data, cat: Catalogue) -> None:
    keys = set(signals.NOT_REPORTED)
    for name, domain in signals.DOMAINS_NOT_REPORTED:
        keys |= {(name, i.id) for i in cat.indicators_of(domain)}
    for key in keys:
        out[key] = {y: _blank(c, status="not_available", note=NOTE_NOT_COLLECTED) for y, c in out[key].items()}


def _late_start(out: Data, cat: Catalogue) -> None:
    for name, domain, first in signals.LATE_START:
        for ind in cat.indicators_of(domain):
            if ind.id not in _denominators(cat):
                out[(name, ind.id)] = {y: c for y, c in out[(name, ind.id)].items() if y >= first}


def _not_yet_reported(out: Data, cat: Catalogue) -> None:
    """The latest year not in yet for a few domains, and single cells not supplied."""
    for name, domain in signals.NOT_YET_REPORTED:
        for ind in cat.indicators_of(domain):
            if ind.id not in _denominators(cat):
                out[(name, ind.id)].pop(LAST_YEAR, None)
    for name, ind_id, year in signals.CELLS_NOT_SUPPLIED:
        out[(name, ind_id)].pop(year, None)


def _csp_gaps(out: Data) -> None:
    for name, ind_id, year in signals.CSP_GAPS:
        out[(name, ind_id)][year] = _blank(out[(name, ind_id)][year], status="not_available", note=NOTE_CSP_GAP)


def _denominators(cat: Catalogue) -> set[str]:
    return {i.denominator for i in cat.indicators if i.denominator}


def _protected(ind: Indicator, cat: Catalogue) -> bool:
    """Denominators and portal series stay complete, so ratios and the portal export remain consistent."""
    return (ind.id in BASE_SERIES or ind.id in DERIVED or ind.source == "csp" or ind.id == "child_rights_programme"
            or ind.id in _denominators(cat))


def _random_gaps(out: Data, cat: Catalogue, *, seed: int) -> None:
    """About one cell in eighty goes missing: half simply absent, half marked not_available."""
    forced = set(signals.FORCED_COUNTS) | set(signals.FORCED_SHARES)
    protected = {i.id for i in cat.indicators if _protected(i, cat)}
    for (name, ind_id), series in out.items():
        if ind_id in protected or (name, ind_id) in forced:
            continue
        rng = rng_for(seed, name, ind_id, "gaps")
        for y in list(series):
            r = rng.random()
            if series[y].status or r >= 0.0125:
                continue
            if r < 0.00625:
                del series[y]
            else:
                series[y] = _blank(series[y], status="not_available", note=NOTE_NOT_SUPPLIED)


def _estimates(out: Data, *, seed: int) -> None:
    """Provisional 2024 figures in about a quarter of municipalities."""
    for (name, ind_id), series in out.items():
        if ind_id not in signals.ESTIMATE_2024 or LAST_YEAR not in series or series[LAST_YEAR].status:
            continue
        if rng_for(seed, name, ind_id, "estimate").random() < 0.25:
            series[LAST_YEAR] = replace(series[LAST_YEAR], status="estimate", note=NOTE_ESTIMATE)


def _confidential(out: Data, profiles: list[Profile]) -> None:
    """Police withhold counts of 1–4 for small municipalities."""
    small = {p.name for p in profiles if p.population_2024 < 25_000}
    for (name, ind_id), series in out.items():
        if ind_id not in signals.CONFIDENTIAL_SMALL or name not in small:
            continue
        for y, c in list(series.items()):
            n = c.count if c.count is not None else c.value
            if c.status == "" and n is not None and 1 <= n <= 4:
                series[y] = Cell(None, None, c.denominator, "confidential", NOTE_CONFIDENTIAL)


def _zero_status(out: Data) -> None:
    """Trafficking zeros are reported as an explicit nil ('-' in the source)."""
    for (name, ind_id), series in out.items():
        if ind_id != "trafficking_child_victims":
            continue
        for y, c in list(series.items()):
            if c.status == "" and c.value == 0:
                series[y] = replace(c, status="zero")

"""Size, growth and social-risk profile of each municipality, so synthetic figures have believable magnitudes."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.catalogue import Municipality
from analysis.territory import last_data_year

YEARS = tuple(range(2015, 2026))
LAST_YEAR = YEARS[-1]
# The year the sizes below describe (growth runs backwards and forwards from it).
ANCHOR_YEAR = 2024

# Approximate usual residents at the start of 2024 (rounded; synthetic, not official).
POPULATION_2024 = {
    "Rīga": 605_000,
    "Daugavpils": 78_000,
    "Jelgava": 55_000,
    "Jūrmala": 50_000,
    "Liepāja": 67_000,
    "Rēzekne": 26_000,
    "Ventspils": 33_000,
    "Aizkraukles novads": 30_000,
    "Alūksnes novads": 13_500,
    "Augšdaugavas novads": 23_000,
    "Ādažu novads": 13_500,
    "Balvu novads": 18_500,
    "Bauskas novads": 41_000,
    "Cēsu novads": 40_000,
    "Dienvidkurzemes novads": 34_000,
    "Dobeles novads": 27_500,
    "Gulbenes novads": 18_500,
    "Jelgavas novads": 22_500,
    "Jēkabpils novads": 39_000,
    "Krāslavas novads": 20_500,
    "Kuldīgas novads": 29_500,
    "Ķekavas novads": 30_500,
    "Limbažu novads": 29_500,
    "Līvānu novads": 10_500,
    "Ludzas novads": 21_000,
    "Madonas novads": 30_000,
    "Mārupes novads": 40_000,
    "Ogres novads": 55_500,
    "Olaines novads": 19_500,
    "Preiļu novads": 15_500,
    "Rēzeknes novads": 26_000,
    "Ropažu novads": 32_000,
    "Salaspils novads": 23_000,
    "Saldus novads": 27_500,
    "Saulkrastu novads": 6_900,
    "Siguldas novads": 31_000,
    "Smiltenes novads": 18_500,
    "Talsu novads": 38_000,
    "Tukuma novads": 42_000,
    "Valkas novads": 8_300,
    "Valmieras novads": 52_000,
    "Varakļānu novads": 3_000,
    "Ventspils novads": 10_500,
}

# Fast-growing Pierīga suburbs: young families, more children, fewer social risks.
SUBURBS = {
    "Mārupes novads": 0.030,
    "Ķekavas novads": 0.020,
    "Ādažu novads": 0.022,
    "Ropažu novads": 0.012,
    "Salaspils novads": 0.004,
    "Olaines novads": 0.002,
    "Siguldas novads": 0.003,
    "Saulkrastu novads": 0.004,
}

# Yearly population change outside the suburbs, by statistical region.
REGION_GROWTH = {
    "RIGA": -0.006,
    "KURZEME": -0.011,
    "VIDZEME": -0.011,
    "ZEMGALE": -0.009,
    "LATGALE": -0.017,
}

# Social-risk level (1 = national average) by region; cities get their own.
REGION_RISK = {"RIGA": 0.95, "KURZEME": 1.05, "VIDZEME": 1.0, "ZEMGALE": 1.05, "LATGALE": 1.35}
CITY_RISK = {
    "Rīga": 1.0,
    "Daugavpils": 1.3,
    "Jelgava": 1.1,
    "Jūrmala": 0.9,
    "Liepāja": 1.2,
    "Rēzekne": 1.35,
    "Ventspils": 0.95,
}

# Municipalities without towns (urban population 0), and suburbs whose main village became a town in 2022.
NO_TOWN = {"Ropažu novads", "Jelgavas novads"}
TOWN_FROM_2022 = {"Mārupes novads", "Ķekavas novads", "Ādažu novads"}


@dataclass(frozen=True)
class Profile:
    """What the generator assumes about one municipality."""

    name: str
    name_en: str
    region: str
    is_city: bool
    population_2024: int
    growth: float
    child_share_2024: float
    child_growth_extra: float
    risk: float
    urban_share: float
    suburb: bool
    last_year: int = LAST_YEAR  # a unit that ended (merged) reports up to the year before it ended

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(y for y in YEARS if y <= self.last_year)


def profile_of(m: Municipality, *, jitter: float) -> Profile:
    """A municipality's assumed profile; jitter (−1…1) varies risk so that neighbours differ."""
    suburb = m.name_lv in SUBURBS
    growth = SUBURBS.get(m.name_lv, REGION_GROWTH[m.region])
    is_city = m.type == "state_city"
    risk = CITY_RISK.get(m.name_lv, REGION_RISK[m.region]) * (1 + 0.12 * jitter)
    if suburb:
        risk *= 0.75
    return Profile(
        name=m.name_lv,
        name_en=m.name_en,
        region=m.region,
        is_city=is_city,
        population_2024=POPULATION_2024[m.name_lv],
        growth=growth,
        child_share_2024=_child_share(m, suburb=suburb),
        child_growth_extra=0.012 if suburb else -0.003,
        risk=round(risk, 4),
        urban_share=_urban_share(m, is_city=is_city),
        suburb=suburb,
        last_year=min(LAST_YEAR, last_data_year(m.valid_to) or LAST_YEAR),
    )


def _child_share(m: Municipality, *, suburb: bool) -> float:
    """Children are a larger share in suburbs and a smaller one in Latgale."""
    if m.name_lv == "Mārupes novads":
        return 0.275
    if suburb:
        return 0.235
    if m.name_lv == "Rīga":
        return 0.166
    return {"LATGALE": 0.158, "RIGA": 0.19}.get(m.region, 0.176)


def _urban_share(m: Municipality, *, is_city: bool) -> float:
    """Share of residents in towns: all in state cities, none where there is no town."""
    if is_city:
        return 1.0
    if m.name_lv in NO_TOWN:
        return 0.0
    if m.name_lv in TOWN_FROM_2022:
        return 0.42
    if m.name_lv in {"Salaspils novads", "Olaines novads", "Saulkrastu novads"}:
        return 0.72
    return 0.38 + (sum(map(ord, m.name_lv)) % 23) / 100

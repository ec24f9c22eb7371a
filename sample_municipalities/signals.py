"""Deliberate features of the sample: real trends for the analysis to find, and realistic holes in reporting."""

from __future__ import annotations

# Numerator counts forced for some years: (municipality, indicator) -> {year: count}.
# Worsening, clearly significant: child victims of crime in Tukums, out-of-family care in Ludza,
# unexcused absences in Ogre (counts out of ~6,000 pupils). Improving: juvenile offenders in Valmiera.
FORCED_COUNTS: dict[tuple[str, str], dict[int, int]] = {
    ("Tukuma novads", "child_victims_crime"): {
        2015: 29, 2016: 31, 2017: 27, 2018: 30, 2019: 28, 2020: 32, 2021: 30, 2022: 37, 2023: 46, 2024: 61, 2025: 66,
    },
    ("Ludzas novads", "children_in_out_of_family_care"): {
        2015: 46, 2016: 44, 2017: 45, 2018: 43, 2019: 44, 2020: 47, 2021: 55, 2022: 63, 2023: 72, 2024: 81, 2025: 88,
    },
    ("Valmieras novads", "juvenile_offenders_rate"): {
        2015: 52, 2016: 49, 2017: 50, 2018: 47, 2019: 48, 2020: 41, 2021: 35, 2022: 29, 2023: 24, 2024: 20, 2025: 18,
    },
}

# Proportions forced (in %), numerators drawn around them: Ogre's unexcused absences climb from 2021.
FORCED_SHARES: dict[tuple[str, str], dict[int, float]] = {
    ("Ogres novads", "unexcused_absence_20h_share"): {
        2015: 2.5, 2016: 2.6, 2017: 2.4, 2018: 2.6, 2019: 2.5, 2020: 2.7, 2021: 3.3, 2022: 4.1, 2023: 4.9,
        2024: 5.8, 2025: 6.3,
    },
}

# Whole series a municipality does not report (rows kept with status not_available).
NOT_REPORTED: tuple[tuple[str, str], ...] = (
    ("Varakļānu novads", "school_violence_cases"),
    ("Varakļānu novads", "video_surveillance_cameras"),
    ("Varakļānu novads", "survey_respondents_rate"),
    ("Rīga", "leisure_support_children"),
    ("Augšdaugavas novads", "child_mental_health_rate"),
    ("Ventspils novads", "survey_respondents_rate"),
    ("Alūksnes novads", "trafficking_prevention_share"),
    ("Saulkrastu novads", "respite_care_children"),
    ("Krāslavas novads", "street_lighting_share"),
    ("Dobeles novads", "employers_offering_placements"),
    ("Balvu novads", "accessible_public_buildings_share"),
    ("Jelgava", "psychologist_support_children_rate"),
    ("Ludzas novads", "career_guidance_share"),
)

# Whole domains a municipality reports nothing for (the gap register should flag these).
DOMAINS_NOT_REPORTED: tuple[tuple[str, int], ...] = (
    ("Valkas novads", 12),
    ("Rēzeknes novads", 16),
)

# Series that only start in a later year (earlier rows absent): municipality -> (domain, first year).
LATE_START: tuple[tuple[str, int, int], ...] = (
    ("Līvānu novads", 13, 2020),
    ("Gulbenes novads", 11, 2019),
    ("Preiļu novads", 3, 2018),
)

# Domains whose latest year (2025) a municipality has not reported yet: those rows are absent.
NOT_YET_REPORTED: tuple[tuple[str, int], ...] = (
    ("Rēzekne", 8),
    ("Olaines novads", 12),
    ("Siguldas novads", 5),
)

# Single cells a municipality did not supply (absent rows), e.g. a unit that merged away: Madonas novads'
# trend across the 2025 merger cannot then be computed on the merged territory for that indicator.
CELLS_NOT_SUPPLIED: tuple[tuple[str, str, int], ...] = (
    ("Varakļānu novads", "child_victims_domestic_violence", 2024),
)

# Cells the statistics portal leaves out ("…"), kept in the long file as not_available.
CSP_GAPS: tuple[tuple[str, str, int], ...] = (
    ("Varakļānu novads", "urban_population_share", 2021),
    ("Valkas novads", "urban_population_share", 2020),
)

# Indicators where a provisional 2024 figure is flagged as an estimate in some municipalities.
ESTIMATE_2024 = ("family_benefit_spending_per_child", "children_with_disability")

# Police counts 1–4 the source withholds as confidential in small municipalities.
CONFIDENTIAL_SMALL = ("trafficking_child_victims", "sexual_offences_child_victims_rate")

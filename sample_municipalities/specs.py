"""How each catalogue indicator is simulated: level, dependence on social risk, national trend, covid dip."""

from __future__ import annotations

from dataclasses import dataclass

# The demographic and school-population series are built together in simulate.py (they are denominators).
BASE_SERIES = (
    "population_total",
    "children_0_17",
    "children_0_6",
    "births",
    "pupils_total",
    "children_school_age",
)

# Ratios whose numerator is a count produced elsewhere: indicator -> (numerator series, denominator series).
DERIVED = {
    "children_share": ("children_0_17", "population_total"),
    "birth_rate": ("births", "population_total"),
    "urban_population_share": ("_urban_population", "population_total"),
    "children_in_out_of_family_care_rate": ("children_in_out_of_family_care", "children_0_17"),
    "disability_children_rate": ("children_with_disability", "children_0_17"),
}


@dataclass(frozen=True)
class Spec:
    """Simulation recipe for one indicator (base is the 2019 level in the indicator's own unit).

    mode: count (Poisson with mean offset + level × scale / per_scale), structural (smooth stock such as schools), rate / proportion
    (numerator drawn on the catalogue denominator), share (a percentage with its own, non-catalogue
    denominator, or none), amount, yes_no (adopted from some year on), flag (independent yearly yes/no).
    """

    mode: str
    base: float
    risk: float = 0.0
    trend: float = 0.0
    scale: str | None = None
    per_scale: float = 1000.0
    city: float = 1.0
    suburb: float = 1.0
    covid: tuple[float, float] = (1.0, 1.0)
    spread: float = 0.18
    own_denominator: str | None = None
    gate: str | None = None
    minimum: int = 0
    offset: float = 0.0
    year_factors: tuple[float, ...] | None = None


C = "children_0_17"
P = "population_total"
UNEMPLOYMENT_CYCLE = (1.45, 1.3, 1.15, 1.0, 0.9, 1.15, 1.1, 1.0, 1.0, 1.02, 1.04)
GMI_CYCLE = (1.7, 1.55, 1.4, 1.2, 1.0, 1.02, 1.3, 1.2, 1.1, 1.05, 1.03)

SPECS: dict[str, Spec] = {
    # 2 Education
    "unregistered_school_age": Spec("proportion", 1.0, risk=1.0, trend=-0.03, city=1.4, suburb=0.8, spread=0.3),
    "unexcused_absence_20h_share": Spec("proportion", 3.0, risk=1.0, trend=0.02, covid=(1.25, 1.3), spread=0.25),
    "school_violence_cases": Spec("rate", 4.0, risk=0.5, trend=0.08, covid=(0.6, 0.75), spread=0.35),
    "general_schools": Spec("structural", 1.0, scale="pupils_total", per_scale=300, city=0.62, trend=-0.015, minimum=1),
    "preschool_queue": Spec("count", 8.0, scale="children_0_6", trend=-0.05, city=3.0, suburb=8.0, spread=0.4),
    # 3 Leisure
    "interest_education_share": Spec("proportion", 55.0, risk=-0.3, trend=0.01, covid=(0.85, 0.9), spread=0.12),
    "youth_centres": Spec("structural", 1.0, scale=C, per_scale=1500, city=0.3, trend=0.02, minimum=1),
    "public_playgrounds": Spec("structural", 1.0, scale=C, per_scale=120, city=0.55, trend=0.03, minimum=2),
    "sports_grounds": Spec("structural", 1.0, scale=C, per_scale=260, city=0.6, trend=0.03, minimum=1),
    "camp_participants_rate": Spec("rate", 80.0, risk=-0.3, trend=0.01, covid=(0.4, 0.7), spread=0.3),
    "leisure_support_children": Spec("count", 12.0, risk=1.0, scale=C, trend=0.03, covid=(0.7, 0.85), spread=0.35),
    "public_libraries": Spec("structural", 1.0, scale=P, per_scale=1100, city=0.09, trend=-0.01, minimum=1),
    # 4 Accessibility
    "municipal_public_buildings": Spec("structural", 1.0, scale=P, per_scale=320, city=0.3, trend=0.0, minimum=5),
    "accessible_public_buildings_share": Spec("proportion", 35.0, risk=-0.3, trend=0.05, spread=0.25),
    "accessible_schools_share": Spec("proportion", 40.0, trend=0.04, spread=0.25),
    "school_transport_share": Spec("proportion", 25.0, city=0.12, suburb=0.6, spread=0.25),
    "assistant_service_share": Spec("proportion", 35.0, trend=0.04, spread=0.2),
    "adapted_transport_vehicles": Spec("structural", 1.0, scale=P, per_scale=14000, trend=0.04, minimum=1),
    # 5 Health
    "infant_mortality_rate": Spec("rate", 3.5, risk=0.5, trend=-0.03, spread=0.1),
    "gp_registered_share": Spec("proportion", 96.0, risk=-0.03, spread=0.01),
    "preventive_checkup_share": Spec("proportion", 62.0, risk=-0.2, trend=0.01, covid=(0.85, 0.93), spread=0.08),
    "dental_checkup_share": Spec("proportion", 55.0, risk=-0.2, trend=0.005, covid=(0.75, 0.9), spread=0.1),
    "child_injuries_rate": Spec("rate", 9.0, risk=0.4, trend=-0.02, covid=(0.85, 0.95), spread=0.15),
    "child_mental_health_rate": Spec("rate", 30.0, trend=0.06, city=1.2, spread=0.2),
    "gp_practices": Spec("structural", 1.0, scale=P, per_scale=1800, trend=-0.005, minimum=1),
    # 6 Social support
    "unemployment_rate": Spec("share", 6.0, risk=1.6, city=0.9, suburb=0.8, own_denominator="working_age",
                              year_factors=UNEMPLOYMENT_CYCLE, spread=0.1),
    "gmi_recipients_share": Spec("proportion", 1.4, risk=1.5, year_factors=GMI_CYCLE, spread=0.2),
    "children_low_income_share": Spec("proportion", 8.0, risk=1.3, trend=-0.03, spread=0.2),
    "family_benefit_spending_per_child": Spec("amount", 60.0, risk=0.5, trend=0.06, spread=0.25),
    "social_workers_families_rate": Spec("rate", 9.0, risk=0.3, trend=0.02, spread=0.2, minimum=1),
    "psychologist_support_children_rate": Spec("rate", 12.0, trend=0.08, spread=0.3),
    "families_case_management": Spec("count", 15.0, risk=1.0, scale=C, trend=0.01, spread=0.25),
    # 7 Out-of-family care
    "children_in_out_of_family_care": Spec("count", 14.0, risk=1.3, scale=C, trend=-0.025, suburb=0.7, spread=0.2),
    "children_in_institutional_care_share": Spec("proportion", 12.0, trend=-0.07, spread=0.35),
    "foster_families": Spec("structural", 1.0, scale=C, per_scale=600, trend=0.04, minimum=0),
    "custody_rights_suspended_rate": Spec("rate", 2.0, risk=1.2, trend=-0.03, spread=0.25),
    "adoptions": Spec("count", 0.35, scale=C, trend=-0.03, spread=0.3),
    "care_leavers_supported": Spec("count", 0.8, risk=1.0, scale=C, spread=0.3),
    # 8 Offences
    "juvenile_offenders_rate": Spec("rate", 4.0, risk=0.8, trend=-0.05, spread=0.2),
    "child_victims_crime": Spec("rate", 4.5, risk=0.6, spread=0.2),
    "child_victims_domestic_violence": Spec("rate", 3.0, risk=0.8, trend=0.05, covid=(1.15, 1.1), spread=0.25),
    "minors_administrative_offences_rate": Spec("rate", 12.0, risk=0.6, trend=-0.04, spread=0.3),
    "minors_substance_offences_rate": Spec("rate", 6.0, risk=0.3, trend=0.03, spread=0.35),
    "behaviour_correction_children": Spec("count", 0.6, risk=1.0, scale=C, spread=0.35),
    "police_prevention_events": Spec("count", 6.0, scale=C, covid=(0.4, 0.6), spread=0.35),
    # 9 Safe environment
    "children_road_injured_rate": Spec("rate", 15.0, trend=-0.02, covid=(0.8, 0.9), spread=0.2),
    "children_road_deaths": Spec("count", 0.02, scale=C, spread=0.1),
    "children_drowned": Spec("count", 0.015, scale=C, city=0.6, spread=0.1),
    "playgrounds_inspected_share": Spec("proportion", 70.0, trend=0.03, spread=0.2),
    "street_lighting_share": Spec("share", 65.0, trend=0.01, city=1.4, spread=0.1),
    "drinking_water_compliance_share": Spec("share", 95.0, risk=-0.05, own_denominator="water_samples", spread=0.02),
    "video_surveillance_cameras": Spec("structural", 1.0, scale=P, per_scale=1500, city=2.2, trend=0.08, minimum=0),
    # 10 Institutions
    "cooperation_group_meetings": Spec("count", 0.05, scale=P, per_scale=1000, offset=4, spread=0.2),
    "cooperation_group_cases": Spec("count", 3.0, risk=1.0, scale=C, trend=0.02, spread=0.3),
    "orphans_court_decisions": Spec("count", 25.0, risk=1.0, scale=C, spread=0.2),
    "orphans_court_report_published": Spec("flag", 0.88),
    "child_rights_trained_specialists_share": Spec("share", 70.0, trend=0.04, own_denominator="specialists", spread=0.12),
    "child_family_ngos": Spec("structural", 1.0, scale=P, per_scale=5000, trend=0.02, minimum=1),
    # 11 Participation
    "youth_council_exists": Spec("yes_no", 0.6),
    "student_councils_share": Spec("proportion", 85.0, trend=0.01, spread=0.1),
    "children_consulted_survey": Spec("flag", 0.45),
    "survey_respondents_rate": Spec("rate", 60.0, gate="children_consulted_survey", spread=0.4),
    "youth_initiative_projects": Spec("count", 0.7, scale=C, offset=1, trend=0.05, covid=(0.6, 0.8), spread=0.35),
    "youth_workers": Spec("structural", 1.0, scale=C, per_scale=1300, trend=0.03, minimum=1),
    # 12 Parent education
    "parent_education_events": Spec("count", 2.0, scale=C, trend=0.04, covid=(0.5, 0.7), spread=0.35),
    "parent_education_participants_rate": Spec("rate", 40.0, trend=0.04, covid=(0.5, 0.75), spread=0.35),
    "positive_parenting_families": Spec("count", 1.0, scale=C, trend=0.1, spread=0.4),
    "child_rights_campaigns": Spec("count", 0.03, scale=P, per_scale=1000, offset=1, trend=0.04, spread=0.3),
    "parent_support_groups": Spec("count", 0.04, scale=P, per_scale=1000, offset=1, trend=0.04, spread=0.3),
    "specialists_child_rights_training": Spec("count", 1.8, scale=P, trend=0.03, covid=(0.6, 0.8), spread=0.3),
    # 13 Youth employment
    "summer_jobs_pupils_rate": Spec("rate", 35.0, risk=-0.2, trend=0.02, covid=(0.55, 0.9), spread=0.3),
    "youth_unemployed_15_24": Spec("count", 2.6, risk=1.2, scale=P, suburb=0.8, year_factors=UNEMPLOYMENT_CYCLE, spread=0.2),
    "neet_youth_supported": Spec("count", 1.5, risk=0.8, scale=C, spread=0.4),
    "career_guidance_share": Spec("proportion", 45.0, trend=0.03, spread=0.2),
    "employers_offering_placements": Spec("count", 0.25, scale=P, per_scale=1000, offset=2, trend=0.03, covid=(0.5, 0.8), spread=0.35),
    "labour_rights_education_events": Spec("count", 1.0, scale="pupils_total", offset=1, trend=0.04, spread=0.4),
    # 14 Civil protection
    "evacuation_plans_schools": Spec("yes_no", 0.9),
    "civil_protection_plan_updated": Spec("yes_no", 0.8),
    "evacuation_drills_schools_share": Spec("proportion", 80.0, trend=0.01, covid=(0.7, 0.85), spread=0.12),
    "shelters": Spec("structural", 1.0, scale=P, per_scale=2500, minimum=0,
                     year_factors=(0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.6, 1.0, 1.3, 1.45)),
    "civil_protection_training_pupils_rate": Spec("rate", 150.0, covid=(0.5, 0.7), spread=0.3,
                                                  year_factors=(0.9, 0.92, 0.95, 0.97, 1.0, 1.0, 1.0, 1.4, 1.7, 1.9, 2.0)),
    "children_injured_fires": Spec("count", 0.03, scale=C, risk=0.5, spread=0.1),
    # 15 Special needs
    "children_with_disability": Spec("count", 27.0, scale=C, trend=0.02, spread=0.12),
    "special_needs_pupils": Spec("count", 60.0, scale="pupils_total", trend=0.03, spread=0.2),
    "inclusive_education_share": Spec("proportion", 55.0, trend=0.03, spread=0.2),
    "disability_rehabilitation_share": Spec("proportion", 30.0, trend=0.03, spread=0.25),
    "respite_care_children": Spec("count", 2.5, scale=C, trend=0.04, spread=0.35),
    "support_staff_schools_rate": Spec("rate", 12.0, trend=0.03, spread=0.2, minimum=1),
    # 16 Trafficking
    "trafficking_child_victims": Spec("count", 0.006, scale=C, city=2.0, spread=0.2),
    "sexual_offences_child_victims_rate": Spec("rate", 8.0, risk=0.5, trend=0.02, spread=0.25),
    "missing_children_rate": Spec("rate", 20.0, risk=0.6, spread=0.25),
    "trafficking_prevention_share": Spec("proportion", 20.0, trend=0.06, spread=0.35),
    "trafficking_referral_procedure": Spec("yes_no", 0.45),
    "specialists_trafficking_trained": Spec("count", 0.2, scale=P, trend=0.05, spread=0.4),
}

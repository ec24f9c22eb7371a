"""Programme records the tests share: one complete enough to pass most checks, one with every gap."""

from __future__ import annotations

from datetime import date

from analysis.programme.model import (
    Conclusion,
    Measure,
    MeasureIndicator,
    MonitoringEntry,
    Participation,
    PinnedIndicator,
    Programme,
    SelfAssessment,
)

CESIS = "LV0026000"  # Cēsu novads
VALMIERA = "LV0054000"  # Valmieras novads


def complete(code: str = CESIS) -> Programme:
    """A programme for 2025–2027 with a conclusion in every domain, one complete measure, monitoring and views."""
    return Programme(
        municipality_code=code,
        start_year=2025,
        end_year=2027,
        status="adopted",
        decision_date=date(2024, 12, 19),
        document_title="Bērnu tiesību aizsardzības programma 2025–2027",
        goal="Nodrošināt bērnu tiesību ievērošanu un aizsardzību pašvaldībā.",
        domains=tuple(range(1, 17)),
        data_from_year=2021,
        data_to_year=2023,
        conclusions=tuple(
            Conclusion(domain=d, text=f"Secinājumi {d}", problems=("Problēma",),
                       indicators=(PinnedIndicator(indicator="population_total", year=2023, value=1000.0,
                                                   shown="1 000", first_year=2021, last_year=2023,
                                                   data_version="7"),) if d == 1 else ())
            for d in range(1, 17)
        ),
        measures=(
            Measure(key="M1", title="Vecāku skola", goal="Stiprināt vecāku prasmes", tasks="4 nodarbības",
                    deadline=date(2026, 12, 31), responsible="Sociālais dienests", resources="2 speciālisti",
                    funding_source="Pašvaldības budžets", measure_type="education_parents", domains=(12,),
                    answers=(12,),
                    indicators=(MeasureIndicator(indicator="population_total", baseline_year=2023, baseline=1000.0,
                                                 target_year=2027, target=1100.0),)),
        ),
        monitoring=(
            MonitoringEntry(key="U1", monitoring_type="report", activity="Atskaite domei", deadline=date(2026, 3, 1),
                            responsible="Sadarbības grupa", measures=("M1",)),
        ),
        participation=(
            Participation(method="survey", held_on=date(2024, 10, 1), age_bands=("13_15",), children=80,
                          groups=("out_of_family_care",), fed_back=True, summary="Aptauja skolās"),
        ),
        self_assessment=(SelfAssessment(item="edu_unregistered_children", answer="partly", note="Sāksim 2025"),),
    )


def gaps(code: str = CESIS) -> Programme:
    """A draft, 2020–2027, two years of data, one conclusion, a bare measure, untyped monitoring, no children."""
    return Programme(
        municipality_code=code,
        start_year=2020,
        end_year=2027,
        data_from_year=2022,
        data_to_year=2023,
        conclusions=(Conclusion(domain=2, text="Skolu ir maz"),),
        measures=(Measure(key="M1", title="Skolu tīkls", tasks="Izvērtēt"),),
        monitoring=(MonitoringEntry(key="U1", responsible="Izglītības pārvalde"), MonitoringEntry(key="U2")),
    )

"""Structural errors: every one listed with its section, item and field, and a valid record gives none."""

from __future__ import annotations

from dataclasses import replace

from analysis.programme.model import (
    Conclusion,
    Measure,
    MonitoringEntry,
    Participation,
    PinnedIndicator,
    SelfAssessment,
)
from analysis.programme.validate import validate
from tests.analysis.programme.parameters import complete


def test_a_complete_record_is_valid(cat):
    """Given the complete record / Then validation finds nothing."""
    assert validate(complete(), catalogue=cat).issues == []


def test_every_structural_fault_is_listed(cat):
    """Given a record with one fault of each kind / Then each is reported where it is, in order."""
    p = replace(
        complete(),
        municipality_code="LV9999999",
        status="maybe",
        start_year=2027,
        end_year=2025,
        decision_date=None,
        conclusions=(Conclusion(domain=17, text="x", indicators=(PinnedIndicator(indicator="nope"),)),
                     Conclusion(domain=17, text="y")),
        measures=(Measure(key="M1", measure_type="party"), Measure(key="M1")),
        monitoring=(MonitoringEntry(key="U1", monitoring_type="gossip", status="done", measures=("M9",)),),
        participation=(Participation(method="survey", age_bands=("99",), children=-3),),
        self_assessment=(SelfAssessment(item="edu_unregistered_children", answer="maybe"),),
    )
    assert validate(p, catalogue=cat).flatten(("code", "sheet", "row", "column")) == [
        ["programme-unknown-municipality", "programme", 1, "municipality_code"],
        ["programme-bad-choice", "programme", 1, "status"],
        ["programme-end-before-start", "programme", 1, "end_year"],
        ["programme-duplicate-key", "conclusions", 2, "domain"],
        ["programme-unknown-domain", "conclusions", 1, "domain"],
        ["programme-unknown-indicator", "conclusions", 1, "indicators"],
        ["programme-unknown-domain", "conclusions", 2, "domain"],
        ["programme-duplicate-key", "measures", 2, "key"],
        ["programme-bad-choice", "measures", 1, "measure_type"],
        ["programme-bad-choice", "monitoring", 1, "monitoring_type"],
        ["programme-bad-choice", "monitoring", 1, "measures"],
        ["programme-bad-choice", "participation", 1, "age_bands"],
        ["programme-bad-count", "participation", 1, "children"],
        ["programme-bad-choice", "self_assessment", 1, "answer"],
    ]


def test_adopted_needs_the_decision_date(cat):
    """Given an adopted programme without the council's date / Then that one error."""
    report = validate(replace(complete(), decision_date=None), catalogue=cat)
    assert report.flatten(("code", "column")) == [["programme-adopted-without-date", "decision_date"]]
    assert not report.valid


def test_a_bad_choice_names_the_field_in_each_language(cat):
    """Given a status no list holds / When validated / Then the field and its valid values read as the workbook
    names them, Latvian or English, never as the record's internal codes ('status', 'draft')."""
    issue = validate(replace(complete(), status="maybe"), catalogue=cat).issues[0]
    assert (issue.code, issue.message_lv, issue.message_en) == (
        "programme-bad-choice",
        "“maybe” nav derīga vērtība laukam “Statuss” (derīgi: Melnraksts, Pieņemta)",
        "“maybe” is not a valid value of “Status” (valid: Draft, Adopted)",
    )

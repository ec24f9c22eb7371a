"""The guidance's checks: the gaps of a programme listed with stable codes, in the order of the five steps."""

from __future__ import annotations

from dataclasses import replace

from analysis.programme.checks import check_programme
from tests.analysis.programme.parameters import complete, gaps


def test_a_complete_programme_passes_every_check(cat):
    """Given the complete record / Then no check fires."""
    assert check_programme(complete(), catalogue=cat).issues == []


def test_every_gap_is_listed(cat):
    """Given the gappy draft / Then each check fires where the gap is."""
    flat = check_programme(gaps(), catalogue=cat).flatten(("code", "sheet", "row", "column"))
    no_conclusion = [["programme-domain-without-conclusion", "conclusions", d, "text"] for d in range(1, 17) if d != 2]
    assert flat == [
        ["programme-not-adopted", "programme", 1, "status"],
        ["programme-term-over-3-years", "programme", 1, "end_year"],
        ["programme-analysis-under-3-years", "programme", 1, "data_from_year"],
        *no_conclusion,
        ["programme-measure-missing-goal", "measures", 1, "goal"],
        ["programme-measure-missing-deadline", "measures", 1, "deadline"],
        ["programme-measure-missing-responsible", "measures", 1, "responsible"],
        ["programme-measure-missing-resources", "measures", 1, "resources"],
        ["programme-monitoring-institutions-only", "monitoring", None, "monitoring_type"],
        ["programme-monitoring-missing-deadline", "monitoring", 1, "deadline"],
        ["programme-monitoring-missing-deadline", "monitoring", 2, "deadline"],
        ["programme-monitoring-missing-responsible", "monitoring", 2, "responsible"],
        ["programme-no-children-views", "participation", None, None],
    ]


def test_open_ended_missing_term_and_no_plan(cat):
    """Given an open-ended programme without measures or monitoring / Then those checks, and none about a term."""
    p = replace(complete(), end_year=None, open_ended=True, measures=(), monitoring=())
    assert check_programme(p, catalogue=cat).codes() == [
        "programme-open-ended", "programme-no-action-plan", "programme-no-monitoring"]
    q = replace(complete(), start_year=None, data_from_year=None, data_to_year=None, conclusions=())
    codes = check_programme(q, catalogue=cat).codes()
    assert codes[:2] == ["programme-term-missing", "programme-analysis-years-unknown"]


def test_messages_keep_each_language_to_itself(cat):
    """Given a domain without a conclusion / Then the Latvian text names the domain in Latvian, English in English."""
    issue = check_programme(gaps(), catalogue=cat).issues[3]
    assert "“1. Demogrāfiskā situācija”" in issue.message and "“1. Demography”" in issue.message

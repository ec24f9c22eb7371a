"""One canonical problem shape: every registered issue code is stable, kebab-case and bilingual."""

from __future__ import annotations

import importlib
import pkgutil
import re

import analysis
from analysis.report import Issue, IssueType, Report, Said

KEBAB = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def _import_all() -> None:
    for mod in pkgutil.walk_packages(analysis.__path__, prefix="analysis."):
        if mod.name.endswith("__main__"):
            continue
        importlib.import_module(mod.name)


def test_every_issue_type_is_kebab_case_and_bilingual():
    """Given every module of the library / When its issue types are registered / Then codes and texts follow one shape."""
    _import_all()
    assert len(IssueType.registry) >= 10
    for code, kind in IssueType.registry.items():
        assert KEBAB.fullmatch(code), code
        assert kind.lv.strip() and kind.en.strip(), code
        assert kind.lv != kind.en, f"{code}: the Latvian text must not be the English one"


def test_report_collects_and_flattens_in_order():
    """Given two problems of different severity / When added / Then the report is invalid and flattens whole."""
    bad = IssueType("test-bad-cell", "error", "Slikta šūna {cell}", "Bad cell {cell}")
    odd = IssueType("test-odd-cell", "warning", "Dīvaina šūna {cell}", "Odd cell {cell}")
    report = Report()
    report.add(odd, sheet="S", row=3, column="B", cell="B3")
    assert report.valid
    report.add(bad, sheet="S", row=4, column="C", cell="C4")
    assert not report.valid
    assert report.flatten(["code", "severity", "sheet", "row", "column", "message_lv", "message_en"]) == [
        ["test-odd-cell", "warning", "S", 3, "B", "Dīvaina šūna B3", "Odd cell B3"],
        ["test-bad-cell", "error", "S", 4, "C", "Slikta šūna C4", "Bad cell C4"],
    ]
    assert report.to_dict()["issues"][1] == Issue(
        "test-bad-cell", "error", "S", 4, "C", "Slikta šūna C4", "Bad cell C4"
    ).to_dict()


def test_an_issue_keeps_its_languages_apart_even_when_a_label_holds_a_slash():
    """Given a label with ' / ' in it / When the issue is shown / Then each language gets its own whole text."""
    kind = IssueType("test-slash-label", "warning", "Nezināms rādītājs '{label}'", "Unknown indicator '{label}'")
    issue = kind.issue(sheet="S", row=2, column="A", label="Bērni / jaunieši")
    assert (issue.text("lv"), issue.text("en")) == (
        "Nezināms rādītājs 'Bērni / jaunieši'", "Unknown indicator 'Bērni / jaunieši'")


def test_a_said_parameter_fills_each_message_in_its_own_language():
    """Given a parameter said in both languages and one plain / When an issue is made / Then neither message
    borrows the other's words."""
    kind = IssueType("test-said-parameter", "error", "Fails “{file}” ({detail})", "File “{file}” ({detail})")
    issue = kind.issue(file="a.xlsx", detail=Said("arhīvs norāda 3072 MB", "3072 MB declared"))
    assert (issue.message_lv, issue.message_en) == ("Fails “a.xlsx” (arhīvs norāda 3072 MB)",
                                                    "File “a.xlsx” (3072 MB declared)")

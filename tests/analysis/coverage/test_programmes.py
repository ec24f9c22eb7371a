"""Coverage computed from programme records: BAC's 2024 figures reproduced exactly, disagreements with a survey."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from analysis.cli import main
from analysis.coverage.figures import coverage_figures
from analysis.coverage.programmes import answers_from_programmes, disagreements
from analysis.coverage.survey import read_survey
from analysis.programme.store import save_programme
from analysis.sample import SAMPLE_ACTOR
from sample_municipalities.programmes import SURVEY_2024, SURVEY_2024_DAY, sample_programmes
from tests.analysis.coverage.parameters import BAC_2024


def _cli(capsys, *args: str) -> tuple[int, dict]:
    code = main(["coverage", *args])
    out = capsys.readouterr()
    return code, json.loads(out.out) if out.out.strip().startswith("{") else {"stderr": out.err}


def test_records_built_to_the_2024_answers_give_the_published_figures(tmp_path, cat, capsys):
    """Given the records of the 2024 answers in a database / When `coverage --from-programmes --on 2024-10-01`
    / Then BAC's published figures exactly, with the keys and values of `coverage SURVEY.xlsx --json`."""
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    assert main(["programme", "sample", "--db", url]) == 0
    capsys.readouterr()
    code, from_records = _cli(capsys, "--from-programmes", "--on", "2024-10-01", "--db", url, "--json")
    assert code == 0
    assert {k: from_records[k] for k in BAC_2024} == BAC_2024
    assert from_records["open_ended"] == ["Liepāja"]
    code, from_survey = _cli(capsys, str(SURVEY_2024), "--json")
    assert code == 0 and from_records == from_survey


def test_figures_move_with_the_date(cat):
    """Given the same records / When read on 1 Oct 2026 / Then programmes that ended by then are out of date."""
    programmes = sample_programmes(catalogue=cat)
    later = coverage_figures(answers_from_programmes(programmes, catalogue=cat, on=date(2026, 10, 1)), catalogue=cat)
    assert later.n == 42  # Varakļāni joined Madona on 1 July 2025
    assert sorted(later.outdated["name_lv"]) == ["Alūksnes novads", "Liepāja", "Limbažu novads", "Salaspils novads"]
    before = coverage_figures(answers_from_programmes(programmes, catalogue=cat, on=date(2014, 1, 1)), catalogue=cat)
    assert before.with_programme_or_elements == 0


def test_a_municipality_that_ceased_is_not_counted_after(cat):
    """Given 1 Aug 2025 (Varakļāni joined Madona on 1 Jul 2025) / Then n is 42."""
    frame = answers_from_programmes(sample_programmes(catalogue=cat), catalogue=cat, on=date(2025, 8, 1))
    assert len(frame) == 42


def test_drafts_do_not_count(cat):
    """Given one developed programme turned back into a draft / Then it counts as not developed."""
    programmes = sample_programmes(catalogue=cat)
    programmes[0] = replace(programmes[0], status="draft")
    frame = answers_from_programmes(programmes, catalogue=cat, on=SURVEY_2024_DAY)
    figures = coverage_figures(frame, catalogue=cat)
    assert figures.with_programme_or_elements == 18


def test_survey_and_records_disagreements(cat):
    """Given the records of the survey / Then no disagreement; one record changed / Then exactly its fields."""
    survey, _ = read_survey(SURVEY_2024, catalogue=cat)
    programmes = sample_programmes(catalogue=cat)
    same = answers_from_programmes(programmes, catalogue=cat, on=SURVEY_2024_DAY)
    assert disagreements(survey, same, catalogue=cat).empty
    i = next(n for n, p in enumerate(programmes) if p.has_children_views() and p.monitoring_level() == "none")
    changed = replace(programmes[i], monitoring=(), participation=())
    programmes[i] = changed
    frame = answers_from_programmes(programmes, catalogue=cat, on=SURVEY_2024_DAY)
    rows = disagreements(survey, frame, catalogue=cat)
    name = cat.municipality(changed.municipality_code).name_lv
    assert rows[["name_lv", "field", "survey", "records"]].values.tolist() == [
        [name, "children_views", True, False],
    ]


def test_from_programmes_refuses_a_bad_date_and_an_unreadable_database(tmp_path, capsys):
    """Given a wrong date or a database path that cannot exist / Then one clear line and exit 2, no traceback."""
    assert main(["coverage", "--from-programmes", "--on", "1.10.2024"]) == 2
    assert "nav datums" in capsys.readouterr().err
    assert main(["coverage", "--from-programmes", "--db", "sqlite:////proc/none/x.sqlite"]) == 2
    assert "Datubāzi nevar nolasīt" in capsys.readouterr().err
    assert main(["coverage"]) == 2
    assert "--from-programmes" in capsys.readouterr().err


def test_saved_through_the_library_the_cli_agrees(engine, cat, capsys):
    """Given records saved with save_programme / Then the CLI reads the same database the library wrote."""
    for p in sample_programmes(catalogue=cat):
        save_programme(engine, actor=SAMPLE_ACTOR, programme=p, catalogue=cat)
    code, payload = _cli(capsys, "--from-programmes", "--on", "2024-10-01", "--db", str(engine.url), "--json")
    assert code == 0 and payload["with_programme_or_elements"] == 19

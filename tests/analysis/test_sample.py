"""The sample loads through the users' own ingestion path, on SQLite and on a real PostgreSQL server alike."""

from __future__ import annotations

from analysis.catalogue import catalogue
from analysis.coverage.figures import coverage_figures
from analysis.sample import SAMPLE_FILES, load_sample
from analysis.stats import analyse
from analysis.store import current_observations, current_survey, list_uploads


def test_sample_loads_once_and_reloading_changes_nothing(any_engine):
    """Given an empty database / When the sample is loaded twice / Then every file is stored once, then recognised."""
    first = load_sample(any_engine)
    assert [name for name, _ in first] == [*SAMPLE_FILES, "programmes"]
    assert all(outcome.startswith("stored as upload") for _, outcome in first[:-1]), first
    assert first[-1] == ("programmes", "19 stored, 0 already there")
    again = load_sample(any_engine)
    assert again == [*((name, "already loaded") for name in SAMPLE_FILES), ("programmes", "0 stored, 19 already there")]
    assert len(list_uploads(any_engine)) == len(SAMPLE_FILES)


def test_sample_supports_every_view(any_engine):
    """Given the loaded sample / When read back / Then 43 units (42 in 2025, after the merger), 2015–2025, both survey
    rounds and the BAC 2024 figures."""
    load_sample(any_engine)
    obs = current_observations(any_engine)
    assert obs["municipality_code"].nunique() == 43
    assert (int(obs["year"].min()), int(obs["year"].max())) == (2015, 2025)
    assert obs.loc[obs["year"] == 2025, "municipality_code"].nunique() == 42
    survey = current_survey(any_engine)
    assert sorted(survey["survey_year"].unique().tolist()) == [2022, 2024]
    figures = coverage_figures(survey[survey["survey_year"] == 2024], catalogue=catalogue())
    assert figures.status[["key", "count", "n"]].values.tolist() == [
        ["developed", 8, 43],
        ["in_other_documents", 11, 43],
        ["not_developed", 24, 43],
    ]
    result = analyse(obs, catalogue=catalogue())
    tukums = result.trends[
        (result.trends["municipality_code"] == "LV0052000") & (result.trends["indicator"] == "child_victims_crime")
    ].iloc[0]
    assert (tukums["assessment"], bool(tukums["significant"])) == ("worsening", True)

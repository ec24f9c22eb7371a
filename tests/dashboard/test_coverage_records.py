"""The coverage page's switch: the same BAC figures from the live programme records, and the disagreements."""

from __future__ import annotations

from datetime import date

from analysis.catalogue import catalogue
from analysis.coverage.programmes import disagreements, records_on
from analysis.store import current_survey, make_engine
from tests.dashboard.apptest_util import run_page

PAGE = "app_pages/coverage.py"


def test_records_on_the_survey_day_give_the_survey_figures_and_list_the_differences(sample_db):
    """Given the sample (survey rounds and the programme records built to 2024) / When the page is switched to the
    records on 2024-10-01 / Then the headline equals the 2024 round's, and the disagreement table has the rows
    analysis.coverage finds against the 2022 round."""
    at = run_page(PAGE, db_url=sample_db, timeout=300)
    assert not at.exception, at.exception
    survey_metrics = [m.value for m in at.metric]
    at.radio(key="coverage_source").set_value("records")
    at.run()
    at.date_input(key="coverage_on").set_value(date(2024, 10, 1))
    at.run()
    assert not at.exception, at.exception
    assert [m.value for m in at.metric] == survey_metrics == ["43", "19", "24"]
    at.selectbox(key="coverage_disagree_year").set_value(2022)
    at.run()
    engine = make_engine(sample_db)
    survey = current_survey(engine)
    expected = disagreements(survey[survey["survey_year"] == 2022],
                             records_on(engine, catalogue=catalogue(), on=date(2024, 10, 1)), catalogue=catalogue())
    engine.dispose()
    shown = [d.value for d in at.dataframe if "Lauks" in d.value.columns]
    assert len(expected) > 0
    assert [len(shown[0]), shown[0]["Pašvaldība"].tolist()] == [len(expected), expected["name_lv"].tolist()]

"""The router and the overview page: from the database, which municipalities and years have data."""

from __future__ import annotations

import os

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.paths import SAMPLE_DIR
from tests.dashboard.apptest_util import APP, run_page


def _app(db_url: str, *, lang: str = "lv") -> AppTest:
    os.environ["DATABASE_URL"] = db_url
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["lang"] = lang
    return at.run()


def test_empty_database_says_what_to_do_next(empty_db):
    """Given an empty database, When the app opens, Then the overview tells the user to upload or run make run."""
    at = _app(empty_db)
    assert not at.exception
    assert [t.value for t in at.title] == ["Sākums: situācija valstī"]
    assert len(at.main.info) == 1 and "make run" in at.main.info[0].value
    # no accounts yet on the embedded database: the person at the machine is a national analyst, and is told so
    assert [i.value for i in at.sidebar.info] == [
        "Lokālais režīms: datubāzē vēl nav neviena konta, tāpēc jūs pie šī datora strādājat kā nacionālais "
        "analītiķis. Pirmais konts (python -m analysis users add) ieslēdz pieteikšanos."]
    assert not at.warning  # no sample banner without sample data


def test_overview_shows_municipalities_and_years_from_the_database(sample_db):
    """Given the sample database, When the app opens, Then the overview counts municipalities and shows the matrix."""
    at = _app(sample_db)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pašvaldības ar datiem"] == "43"
    sample_years = pd.read_csv(SAMPLE_DIR / "national_long_sintetiski.csv", usecols=["year"])["year"]
    assert metrics["Jaunākais gads"] == str(sample_years.max())
    assert len(at.get("plotly_chart")) >= 1
    assert "paraugdati" in at.warning[0].value.lower()  # the synthetic-data banner


def test_language_switch_turns_the_app_english(sample_db):
    """Given the sample database, When the user picks English, Then titles and the banner are English."""
    at = _app(sample_db)
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Overview: the national picture"
    assert _app(sample_db, lang="en").warning[0].value.startswith("Sample data")


def test_run_page_renders_a_single_page_for_the_benchmark(sample_db):
    """Given the sample database, When run_page renders the overview in English, Then it has no exception."""
    at = run_page("app_pages/overview.py", db_url=sample_db, lang="en")
    assert not at.exception
    assert at.title[0].value == "Overview: the national picture"

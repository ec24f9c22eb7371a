"""A copied link opens the same view: language, municipality, peer group, domain and indicator live in the URL."""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest_util import APP


def _open(page: str, db_url: str, **params: str) -> AppTest:
    """The app opened from a link with these query parameters, nothing in the session yet."""
    os.environ["DATABASE_URL"] = db_url
    at = AppTest.from_file(str(APP), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at.run()


def test_a_profile_link_opens_the_same_language_municipality_group_and_domain(sample_db):
    """Given a link with valoda=en, Cēsu novads, the size-band group and domain 5 / When opened / Then the profile is
    English, shows Cēsu novads ranked in its size band, with domain 5 open, and the URL still says all of it."""
    at = _open("app_pages/profile.py", sample_db, valoda="en", pasvaldiba="LV0026000", grupa="size_band", joma="5")
    assert not at.exception
    assert at.session_state["lang"] == "en" and at.title[0].value == "Municipality profile"
    assert at.selectbox(key="profile_municipality").value == "LV0026000"
    assert at.selectbox(key="profile_peer_group").value == "size_band"
    assert at.session_state["profile_domain_5"] is True and len(at.table) == 1
    assert {k: at.query_params[k] for k in ("valoda", "pasvaldiba", "grupa", "joma")} == {
        "valoda": "en", "pasvaldiba": "LV0026000", "grupa": "size_band", "joma": "5"}


def test_an_indicator_link_opens_its_domain_and_indicator(sample_db):
    """Given a link to the explorer with raditajs=infant_mortality_rate / When opened / Then it and its domain
    are chosen; a choice made on the page goes back into the URL."""
    at = _open("app_pages/indicators.py", sample_db, raditajs="infant_mortality_rate")
    assert not at.exception
    assert at.selectbox(key="explorer_indicator").value == "infant_mortality_rate"
    assert at.query_params["raditajs"] == "infant_mortality_rate"
    assert at.query_params["valoda"] == "lv"


def test_a_link_with_unknown_values_falls_back_to_the_defaults(sample_db):
    """Given a link with a language, municipality and group that do not exist / When opened / Then Latvian and the
    defaults, no error."""
    at = _open("app_pages/profile.py", sample_db, valoda="xx", pasvaldiba="nav", grupa="=cmd", joma="99")
    assert not at.exception
    assert at.session_state["lang"] == "lv" and at.selectbox(key="profile_peer_group").value != "=cmd"


def test_a_link_to_a_merged_municipality_opens_the_one_it_went_into(sample_db):
    """Given an old link to Varakļānu novads (part of Madonas novads since 1.7.2025) on the programme page, which
    lists today's municipalities / Then Madonas novads is shown, and says why, in Latvian only."""
    at = _open("app_pages/programme.py", sample_db, pasvaldiba="LV0055000")
    assert not at.exception
    assert at.selectbox(key="programme_municipality").value == "LV0038000"
    assert [i.value for i in at.info][:1] == [
        "Varakļānu novads no 01.07.2025. ir daļa no: Madonas novads. Rāda: Madonas novads."]

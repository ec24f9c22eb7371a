"""The login hook in the app (AppTest): the form, a session that ends, a shared database without accounts, gating."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from analysis.accounts import disable_account
from analysis.store import make_engine
from analysis.store.audit import read_events
from tests.dashboard.accounts import ADMIN, PASSWORD
from tests.dashboard.apptest_util import APP


def _app(url: str) -> AppTest:
    os.environ["DATABASE_URL"] = url
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["lang"] = "lv"
    return at.run()


def _log_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Pieteikties").click()
    return at.run()



def test_the_public_has_a_login_form_and_no_upload_page(accounts_db):
    at = _app(accounts_db)
    assert not at.exception
    assert at.sidebar.subheader[0].value == "Pieteikšanās"
    with pytest.raises(ValueError, match="Could not find a navigation page for .*upload.py"):
        at.switch_page("app_pages/upload.py")  # not registered for the public at all


def test_log_in_then_the_session_ends_when_idle(accounts_db):
    """Given the editor logged in / When the session sits unused past the limit / Then the next run is public again."""
    at = _log_in(_app(accounts_db), "cesis.editor", PASSWORD)
    assert not at.exception
    assert [t.value for t in at.sidebar.text][:2] == ["cesis.editor · pašvaldības redaktors", "Cēsu novads"]
    assert "login_password" not in at.session_state or at.session_state["login_password"] == ""
    session = at.session_state["_login_session"]
    session["last_seen"] -= timedelta(hours=1)
    at.run()
    assert [i.value for i in at.info][:1] == ["Sesija beidzās dīkstāves dēļ; piesakieties vēlreiz."]
    assert at.sidebar.subheader[0].value == "Pieteikšanās"
    engine = make_engine(accounts_db)
    assert read_events(engine)[["action", "subject", "detail"]].values.tolist()[:2] == [
        ["logout", "cesis.editor", "idle"], ["login_success", "cesis.editor", "password"]]
    engine.dispose()


def test_disabling_an_account_ends_its_open_session(accounts_db):
    at = _log_in(_app(accounts_db), "bac.analyst", PASSWORD)
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception and at.get("file_uploader")
    assert "Audita žurnāls" in [s.value for s in at.subheader]
    engine = make_engine(accounts_db)
    disable_account(engine, actor=ADMIN, name="bac.analyst")
    engine.dispose()
    at.run()
    assert "Konts ir atslēgts; sesija beigta." in [i.value for i in at.info]
    assert not at.get("file_uploader") and not at.exception


def test_a_wrong_password_is_refused_without_saying_which_part(accounts_db):
    at = _log_in(_app(accounts_db), "cesis.editor", "not the password")
    assert [e.value for e in at.sidebar.error] == ["Nepareizs lietotājvārds vai parole."]
    assert at.sidebar.subheader[0].value == "Pieteikšanās"


def test_the_editor_sees_no_audit_log(accounts_db):
    at = _log_in(_app(accounts_db), "cesis.editor", PASSWORD)
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception and at.get("file_uploader")
    assert "Audita žurnāls" not in [s.value for s in at.subheader]


def test_a_shared_database_without_accounts_refuses_to_start(postgres_server):
    """Given the real PostgreSQL with no account / When the app opens / Then it stops with the LV and EN message."""
    from sqlalchemy import text

    engine = make_engine(postgres_server)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    at = _app(postgres_server)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors[0].startswith("Kopīgajā datubāzē nav neviena lietotāja konta")
    assert errors[1].startswith("The shared database has no user accounts")
    assert not at.title

"""Logging in as an attacker would try it: wrong passwords, unknown names, disabled accounts, guessing in bulk."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from analysis.access import Actor, Role
from analysis.accounts import (
    actor_for_email,
    add_account,
    authenticate,
    disable_account,
    oidc_login,
    throttled,
)
from analysis.accounts.login import MAX_ACCOUNT_FAILURES, MAX_CLIENT_FAILURES, WINDOW
from analysis.store.audit import read_events, record_event

ADMIN = Actor(name="cli:root", role=Role.ADMINISTRATOR)
CESIS = "LV0026000"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(engine):
    add_account(engine, actor=ADMIN, name="cesis.editor", role="municipal_editor", municipalities=[CESIS],
                password=PASSWORD, email="Editor@Cesis.lv")
    return engine


def test_the_right_password_gives_the_accounts_actor_and_is_audited(editor):
    out = authenticate(editor, name=" Cesis.Editor", password=PASSWORD, client="10.0.0.7")
    assert (out.ok, out.reason, out.actor) == (
        True, "ok", Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS}))
    last = read_events(editor).iloc[0]
    assert (last.actor, last.role, last.action, last.subject, last.client, last.detail) == (
        "cesis.editor", "municipal_editor", "login_success", "cesis.editor", "10.0.0.7", "password")


@pytest.mark.parametrize(("name", "password", "detail"), [
    ("cesis.editor", PASSWORD.upper(), "wrong_password"),
    ("cesis.editor", "", "wrong_password"),
    ("nobody", PASSWORD, "no_account"),
    ("cesis.editor", "x" * 100_000, "wrong_password"),
], ids=["wrong", "empty", "unknown-name", "huge"])
def test_a_failure_says_the_same_thing_whatever_was_wrong(editor, name, password, detail):
    """Given a wrong password or an unknown name / Then one message for both; the log keeps the cause."""
    out = authenticate(editor, name=name, password=password, client="10.0.0.7")
    assert (out.actor, out.reason, out.lv, out.en) == (
        None, "wrong", "Nepareizs lietotājvārds vai parole.", "Wrong user name or password.")
    last = read_events(editor).iloc[0]
    assert (last.action, last.subject, last.detail) == ("login_failure", name, detail)


def test_a_disabled_account_cannot_log_in_even_with_its_password(editor):
    disable_account(editor, actor=ADMIN, name="cesis.editor")
    out = authenticate(editor, name="cesis.editor", password=PASSWORD, client=None)
    assert (out.ok, out.reason, out.en) == (False, "disabled", "This account is disabled; ask an administrator.")
    assert read_events(editor).iloc[0][["action", "client"]].tolist() == ["login_failure", "local"]


def test_guessing_one_account_is_throttled_and_then_even_the_right_password_waits(editor):
    """Given 5 wrong guesses / When the right password comes next / Then refused unchecked until the window passes."""
    outcomes = [authenticate(editor, name="cesis.editor", password=f"guess{i}", client=f"10.0.0.{i}").reason
                for i in range(MAX_ACCOUNT_FAILURES)]
    assert outcomes == ["wrong"] * MAX_ACCOUNT_FAILURES
    out = authenticate(editor, name="CESIS.EDITOR", password=PASSWORD, client="10.0.0.99")
    assert (out.ok, out.reason, out.en) == (False, "throttled", "Too many failed attempts. Try again in 15 minutes.")
    assert read_events(editor).iloc[0]["action"] == "login_throttled"
    # other accounts from other clients are not affected
    add_account(editor, actor=ADMIN, name="anna", role="national_analyst", password=PASSWORD)
    assert authenticate(editor, name="anna", password=PASSWORD, client="10.0.0.50").ok
    # once the window has passed (failures older than 15 minutes) the account opens again
    later = datetime.now(timezone.utc) + WINDOW + timedelta(seconds=1)
    assert throttled(editor, name="cesis.editor", client="10.0.0.99", now=later) is False


def test_a_success_resets_the_accounts_count(editor):
    for i in range(MAX_ACCOUNT_FAILURES - 1):
        authenticate(editor, name="cesis.editor", password=f"guess{i}", client="10.0.0.1")
    assert authenticate(editor, name="cesis.editor", password=PASSWORD, client="10.0.0.1").ok
    for i in range(MAX_ACCOUNT_FAILURES - 1):
        authenticate(editor, name="cesis.editor", password=f"again{i}", client="10.0.0.2")
    assert authenticate(editor, name="cesis.editor", password=PASSWORD, client="10.0.0.2").ok


def test_one_client_spraying_many_names_is_throttled(editor):
    """Given one address trying 20 different names / Then its next attempt, even a right one, is refused."""
    now = datetime.now(timezone.utc)
    for i in range(MAX_CLIENT_FAILURES):
        record_event(editor, actor=f"user{i}", action="login_failure", subject=f"user{i}", client="203.0.113.9", at=now)
    assert authenticate(editor, name="cesis.editor", password=PASSWORD, client="203.0.113.9").reason == "throttled"
    assert authenticate(editor, name="cesis.editor", password=PASSWORD, client="203.0.113.10").ok


def test_the_count_is_in_the_database_so_it_holds_for_a_second_engine(editor):
    """Given failures made through one engine (one replica) / Then another engine on the same DB sees them."""
    from analysis.store import make_engine

    for i in range(MAX_ACCOUNT_FAILURES):
        authenticate(editor, name="cesis.editor", password=f"guess{i}", client="10.0.0.1")
    other = make_engine(str(editor.url))
    try:
        assert authenticate(other, name="cesis.editor", password=PASSWORD, client="10.0.0.1").reason == "throttled"
    finally:
        other.dispose()


def test_oidc_maps_the_email_to_the_account_and_its_role(editor):
    assert actor_for_email(editor, email=" editor@CESIS.lv ") == Actor(
        name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS})
    assert actor_for_email(editor, email="editor@cesis.lv", verified=False) is None
    assert actor_for_email(editor, email="stranger@example.org") is None
    assert actor_for_email(editor, email=None) is None
    out = oidc_login(editor, email="stranger@example.org", verified=True, client="10.0.0.3")
    assert (out.ok, out.reason, out.en) == (
        False, "no_account", "There is no account for this e-mail here; ask an administrator.")
    assert oidc_login(editor, email="Editor@Cesis.lv", verified=True, client="10.0.0.3").ok
    disable_account(editor, actor=ADMIN, name="cesis.editor")
    assert actor_for_email(editor, email="editor@cesis.lv") is None
    assert oidc_login(editor, email="editor@cesis.lv", verified=True, client="10.0.0.3").reason == "disabled"
    assert read_events(editor)[["action", "subject", "detail"]].values.tolist()[:4] == [
        ["login_failure", "editor@cesis.lv", "disabled"],
        ["account_disable", "cesis.editor", None],
        ["login_success", "cesis.editor", "oidc"],
        ["login_failure", "stranger@example.org", "oidc: no_account"],
    ]


def _guess(engine, barrier, i: int) -> str:
    barrier.wait()
    return authenticate(engine, name="cesis.editor", password=f"guess {i}", client=f"10.0.1.{i}").reason


def test_guesses_sent_at_once_are_counted_one_by_one(any_engine):
    """Given 12 wrong passwords sent by 12 threads at the same moment / Then only the first 5 are checked, the
    other 7 are throttled without a check, on SQLite and PostgreSQL."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    add_account(any_engine, actor=ADMIN, name="cesis.editor", role="municipal_editor", municipalities=[CESIS],
                password=PASSWORD)
    barrier = Barrier(12)
    with ThreadPoolExecutor(12) as pool:
        reasons = sorted(pool.map(lambda i: _guess(any_engine, barrier, i), range(12)))
    assert reasons == ["throttled"] * 7 + ["wrong"] * MAX_ACCOUNT_FAILURES
    assert sorted(read_events(any_engine)["action"].tolist()).count("login_failure") == MAX_ACCOUNT_FAILURES


def _replica_guess(url: str, barrier, i: int) -> str:
    from analysis.store import make_engine

    engine = make_engine(url)
    try:
        return _guess(engine, barrier, i)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_guesses_sent_at_once_to_several_replicas_are_counted_one_by_one(postgres_server):
    """Given 8 processes (replicas) on one PostgreSQL, each sending a wrong password at the same moment / Then the
    advisory lock lets 5 be checked and throttles 3."""
    import multiprocessing

    from sqlalchemy import text

    from analysis.store import init_db, make_engine

    engine = make_engine(postgres_server)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    init_db(engine)
    add_account(engine, actor=ADMIN, name="cesis.editor", role="municipal_editor", municipalities=[CESIS],
                password=PASSWORD)
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(8) as pool:
        barrier = manager.Barrier(8)
        reasons = sorted(pool.starmap(_replica_guess, [(postgres_server, barrier, i) for i in range(8)]))
    assert reasons == ["throttled"] * 3 + ["wrong"] * MAX_ACCOUNT_FAILURES
    engine.dispose()

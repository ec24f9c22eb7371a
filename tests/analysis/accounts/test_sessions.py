"""When login is on and when a session ends: the newcomer's embedded database, the shared one, idle and old sessions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from analysis.access import Actor, Role
from analysis.accounts import Mode, add_account, disable_account, login_mode, session_end

ADMIN = Actor(name="cli:root", role=Role.ADMINISTRATOR)


def test_the_first_account_turns_login_on_and_disabling_it_does_not_turn_it_off(any_engine):
    """Given no accounts / Then SQLite is local use and PostgreSQL refuses; one account (even disabled) means login."""
    expected = Mode.LOCAL if any_engine.dialect.name == "sqlite" else Mode.REFUSE
    assert login_mode(any_engine) is expected
    add_account(any_engine, actor=ADMIN, name="admin", role="administrator", password="a long enough password")
    assert login_mode(any_engine) is Mode.LOGIN
    disable_account(any_engine, actor=ADMIN, name="admin")
    assert login_mode(any_engine) is Mode.LOGIN


def test_a_session_ends_when_idle_or_too_old(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_SECONDS", "60")
    monkeypatch.setenv("SESSION_MAX_SECONDS", "3600")
    t0 = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
    s = timedelta(seconds=1)
    assert [session_end(started=t0, last_seen=last, now=now) for last, now in [
        (t0, t0 + 60 * s), (t0, t0 + 61 * s), (t0 + 3590 * s, t0 + 3600 * s), (t0 + 3590 * s, t0 + 3601 * s),
    ]] == [None, "idle", None, "expired"]
    monkeypatch.setenv("SESSION_IDLE_SECONDS", "not a number")
    assert session_end(started=t0, last_seen=t0, now=t0 + 1799 * s) is None
    assert session_end(started=t0, last_seen=t0, now=t0 + 1801 * s) == "idle"

"""Whether login is on, and when a session ends: idle too long, too old, or its account disabled since."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine

from analysis.accounts.repository import count_accounts


class Mode(StrEnum):
    # an embedded (SQLite) database with no accounts yet: the person at the machine is a national analyst
    LOCAL = "local"
    # accounts exist: whoever is not logged in is the public
    LOGIN = "login"
    # a shared (server) database with no accounts: nobody may use it until the first account is made
    REFUSE = "refuse"


REFUSAL_LV = (
    "Kopīgajā datubāzē nav neviena lietotāja konta, tāpēc panelis netiek palaists. Izveidojiet pirmo kontu: "
    "python -m analysis users add VĀRDS --role administrator --password-stdin"
)
REFUSAL_EN = (
    "The shared database has no user accounts, so the dashboard does not start. Create the first account: "
    "python -m analysis users add NAME --role administrator --password-stdin"
)


def login_mode(engine: Engine) -> Mode:
    """Login turns on with the first account; only an embedded database may be used without one (localhost)."""
    if count_accounts(engine):
        return Mode.LOGIN
    return Mode.LOCAL if engine.dialect.name == "sqlite" else Mode.REFUSE


def _seconds_env(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, "") or default))
    except ValueError:
        return default


def idle_timeout() -> timedelta:
    """How long a session may sit unused (SESSION_IDLE_SECONDS, default 30 minutes)."""
    return timedelta(seconds=_seconds_env("SESSION_IDLE_SECONDS", 30 * 60))


def max_session_age() -> timedelta:
    """How long a session may last at all (SESSION_MAX_SECONDS, default 12 hours): a working day, then log in again."""
    return timedelta(seconds=_seconds_env("SESSION_MAX_SECONDS", 12 * 3600))


def session_end(*, started: datetime, last_seen: datetime, now: datetime) -> str | None:
    """'idle' or 'expired' when the session must end now; None while it may go on."""
    if now - started > max_session_age():
        return "expired"
    if now - last_seen > idle_timeout():
        return "idle"
    return None

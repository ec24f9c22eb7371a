"""Logging in: a password checked against its argon2 hash, or an OIDC e-mail mapped to an account; guessing throttled.

Failed attempts are counted from the audit log (per account name and per client address over a window), so the
limit holds across reruns, restarts and replicas. While throttled, the password is not even checked. Attempts are
taken one at a time (a lock in the process, and PostgreSQL's advisory lock across replicas), so guesses sent at
once cannot all pass the count before the first failure is written.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, text

from analysis.access import Actor
from analysis.accounts.passwords import verify_password
from analysis.accounts.repository import (
    find_account_by_email,
    normalise_email,
    normalise_name,
    password_hash_of,
)
from analysis.store.audit import count_events, last_event_at, record_event

WINDOW = timedelta(minutes=15)
MAX_ACCOUNT_FAILURES = 5  # per account name per window (since its last successful login)
MAX_CLIENT_FAILURES = 20  # per client address per window, whatever names it tries
LOCAL_CLIENT = "local"
ATTEMPT_LOCK_KEY = 0x62616331  # PostgreSQL advisory lock id of login attempts ("bac1")
_ATTEMPTS = threading.Lock()


@dataclass(frozen=True)
class LoginOutcome:
    """The result of one attempt: an actor on success, otherwise a reason and its message (never which part was wrong)."""

    actor: Actor | None
    reason: str  # ok | wrong | throttled | disabled | no_account
    lv: str = ""
    en: str = ""

    @property
    def ok(self) -> bool:
        return self.actor is not None


WRONG = ("Nepareizs lietotājvārds vai parole.", "Wrong user name or password.")
THROTTLED = (
    "Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc {m} minūtēm.",
    "Too many failed attempts. Try again in {m} minutes.",
)
DISABLED = ("Šis konts ir atslēgts; vērsieties pie administratora.", "This account is disabled; ask an administrator.")
NO_ACCOUNT = (
    "Šim e-pastam nav konta šajā sistēmā; vērsieties pie administratora.",
    "There is no account for this e-mail here; ask an administrator.",
)


def _client(client: str | None) -> str:
    return (client or LOCAL_CLIENT)[:64]


def throttled(engine: Engine, *, name: str, client: str | None, now: datetime | None = None) -> bool:
    """True when this account name or this client has failed too often within the window."""
    now = now or datetime.now(timezone.utc)
    since = now - WINDOW
    folded = normalise_name(name)[:128]
    last_ok = last_event_at(engine, actions=["login_success"], subject=folded)
    start = max(since, last_ok) if last_ok is not None else since
    failures = ["login_failure"]
    if count_events(engine, actions=failures, since=start, subject=folded) >= MAX_ACCOUNT_FAILURES:
        return True
    return count_events(engine, actions=failures, since=since, client=_client(client)) >= MAX_CLIENT_FAILURES


def _failure(engine: Engine, *, name: str, client: str, reason: str, message: tuple[str, str],
             action: str = "login_failure", detail: str | None = None) -> LoginOutcome:
    """Audits the refusal (with the precise cause for the analysts reading the log) and says only `message`."""
    record_event(engine, actor=name or "?", action=action, subject=name, client=client, detail=detail or reason)
    return LoginOutcome(actor=None, reason=reason, lv=message[0], en=message[1])


@contextlib.contextmanager
def _one_attempt_at_a_time(engine: Engine) -> Iterator[None]:
    """Serialises login attempts: in this process, and on PostgreSQL across every replica."""
    with _ATTEMPTS:
        if engine.dialect.name != "postgresql":
            yield
            return
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ATTEMPT_LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ATTEMPT_LOCK_KEY})


def authenticate(engine: Engine, *, name: str, password: str, client: str | None) -> LoginOutcome:
    """One local login attempt; success and failure are both written to the audit log (the password never)."""
    with _one_attempt_at_a_time(engine):
        return _attempt(engine, name=name, password=password, client=client)


def _attempt(engine: Engine, *, name: str, password: str, client: str | None) -> LoginOutcome:
    folded = normalise_name(name)[:128]
    where = _client(client)
    if throttled(engine, name=folded, client=where):
        minutes = int(WINDOW.total_seconds() // 60)
        msg = (THROTTLED[0].format(m=minutes), THROTTLED[1].format(m=minutes))
        return _failure(engine, name=folded, client=where, reason="throttled", message=msg, action="login_throttled")
    account, stored_hash = password_hash_of(engine, name=folded)
    if not verify_password(stored_hash, password or ""):  # also run for unknown names: same time either way
        detail = "no_account" if account is None else "wrong_password"
        return _failure(engine, name=folded, client=where, reason="wrong", message=WRONG, detail=detail)
    if account.disabled:
        return _failure(engine, name=folded, client=where, reason="disabled", message=DISABLED)
    actor = account.actor()
    record_event(engine, actor=actor, action="login_success", subject=folded, client=where, detail="password")
    return LoginOutcome(actor=actor, reason="ok")


def actor_for_email(engine: Engine, *, email: str | None, verified: bool = True) -> Actor | None:
    """The role an OIDC login gets: the enabled account with this e-mail (case ignored); None for anyone else."""
    mail = normalise_email(email or "")
    if not mail or not verified:
        return None
    account = find_account_by_email(engine, email=mail)
    if account is None or account.disabled:
        return None
    return account.actor()


def oidc_login(engine: Engine, *, email: str | None, verified: bool, client: str | None) -> LoginOutcome:
    """An identity provider vouched for this e-mail: map it to an account and audit the outcome."""
    mail = normalise_email(email or "")[:128]
    where = _client(client)
    actor = actor_for_email(engine, email=mail, verified=verified)
    if actor is None:
        account = find_account_by_email(engine, email=mail) if mail else None
        if account is not None and account.disabled:
            return _failure(engine, name=mail, client=where, reason="disabled", message=DISABLED)
        detail = "oidc: no_account" if verified else "oidc: e-mail not verified"
        return _failure(engine, name=mail or "?", client=where, reason="no_account", message=NO_ACCOUNT, detail=detail)
    record_event(engine, actor=actor, action="login_success", subject=actor.name, client=where, detail="oidc")
    return LoginOutcome(actor=actor, reason="ok")


def logout(engine: Engine, *, actor: Actor, client: str | None, reason: str = "logout") -> None:
    """Ends a session in the record too: by the user's choice, idle time or the session's age."""
    record_event(engine, actor=actor, action="logout", subject=actor.name, client=_client(client), detail=reason)

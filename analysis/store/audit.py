"""The audit log: one append-only row per login, upload, confirm, mapping, restore and account change."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Sequence

import pandas as pd
from sqlalchemy import Engine, and_, func, insert, select
from sqlalchemy.engine import Connection

from analysis.access import Actor
from analysis.store.schema import audit_log

AUDIT_FIELDS = ("id", "at", "actor", "role", "action", "subject", "file_name", "upload_id", "client", "detail")
ACTIONS = (
    "login_success", "login_failure", "login_throttled", "logout", "upload", "confirm", "mapping", "restore",
    "survey", "account_add", "account_disable", "account_enable", "account_password", "refused",
)


def record_event(
    target: Connection | Engine,
    *,
    actor: Actor | str,
    action: str,
    subject: str | None = None,
    file_name: str | None = None,
    upload_id: int | None = None,
    client: str | None = None,
    detail: str | None = None,
    at: datetime | None = None,
) -> None:
    """Appends one event; given a connection it joins that transaction, so a store and its audit row stand or fall together."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    name, role = (actor.name, actor.role.value) if isinstance(actor, Actor) else (str(actor), None)
    values = dict(
        at=at or datetime.now(timezone.utc), actor=name[:256], role=role, action=action,
        subject=None if subject is None else str(subject)[:512],
        file_name=None if file_name is None else str(file_name)[:512],
        upload_id=upload_id, client=None if client is None else str(client)[:64], detail=detail,
    )
    if isinstance(target, Connection):
        target.execute(insert(audit_log).values(**values))
        return
    with target.begin() as conn:
        conn.execute(insert(audit_log).values(**values))


def count_events(
    engine: Engine, *, actions: Sequence[str], since: datetime, subject: str | None = None, client: str | None = None
) -> int:
    """How many of these events happened since a moment, for one subject or one client (login throttling)."""
    t = audit_log
    where = [t.c.action.in_(list(actions)), t.c.at >= since]
    if subject is not None:
        where.append(t.c.subject == subject)
    if client is not None:
        where.append(t.c.client == client)
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t).where(and_(*where))).scalar() or 0)


def last_event_at(engine: Engine, *, actions: Sequence[str], subject: str) -> datetime | None:
    with engine.connect() as conn:
        at = conn.execute(
            select(func.max(audit_log.c.at)).where(and_(audit_log.c.action.in_(list(actions)),
                                                        audit_log.c.subject == subject))
        ).scalar()
    return _aware(at)


def _aware(at: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; every moment here is UTC."""
    if at is None or at.tzinfo is not None:
        return at
    return at.replace(tzinfo=timezone.utc)


def read_events(engine: Engine, *, limit: int | None = None, days: int | None = None) -> pd.DataFrame:
    """The log, newest first (optionally only the last `days` days or `limit` rows)."""
    stmt = select(*[audit_log.c[c] for c in AUDIT_FIELDS]).order_by(audit_log.c.id.desc())
    if days is not None:
        stmt = stmt.where(audit_log.c.at >= datetime.now(timezone.utc) - timedelta(days=days))
    if limit is not None:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(stmt).fetchall(), columns=list(AUDIT_FIELDS))
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    frame["upload_id"] = frame["upload_id"].astype("Int64")
    for c in ("actor", "role", "action", "subject", "file_name", "client", "detail"):
        frame[c] = frame[c].astype(object).where(frame[c].notna(), None)  # None, never NaN, for a missing text
    return frame

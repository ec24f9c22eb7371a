"""The record of fetches from statistics portals, so people see when each table was last retrieved."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from analysis.store.schema import source_retrievals

RETRIEVAL_FIELDS = tuple(c.name for c in source_retrievals.columns)


def record_retrieval(
    engine: Engine,
    *,
    source: str,
    table_id: str,
    indicator: str,
    url: str,
    retrieved_at: datetime,
    table_updated: str | None,
    outcome: str,
    upload_id: int | None,
    n_values: int,
    n_changes: int,
    actor: str,
    message: str | None = None,
) -> int:
    """Appends one retrieval (also when nothing new was stored: 'last retrieved' means last asked)."""
    with engine.begin() as conn:
        return int(
            conn.execute(
                insert(source_retrievals).values(
                    source=source, table_id=table_id, indicator=indicator, url=url, retrieved_at=retrieved_at,
                    table_updated=table_updated, outcome=outcome, upload_id=upload_id, n_values=n_values,
                    n_changes=n_changes, actor=actor, message=message,
                )
            ).inserted_primary_key[0]
        )


def last_retrievals(engine: Engine, *, source: str) -> pd.DataFrame:
    """The newest retrieval of each indicator from the source, with the newest one that stored anything."""
    t = source_retrievals
    newest = select(func.max(t.c.id)).where(t.c.source == source).group_by(t.c.indicator)
    stored = (
        select(t.c.indicator, func.max(t.c.retrieved_at).label("last_change"))
        .where(t.c.source == source, t.c.outcome.in_(["stored", "restored"]))
        .group_by(t.c.indicator)
        .subquery()
    )
    stmt = (
        select(t, stored.c.last_change)
        .join(stored, stored.c.indicator == t.c.indicator, isouter=True)
        .where(t.c.id.in_(newest))
        .order_by(t.c.indicator)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).fetchall()
    return pd.DataFrame(rows, columns=[*RETRIEVAL_FIELDS, "last_change"])


def fetched_tables(engine: Engine) -> pd.DataFrame:
    """Which portal table each fetched upload came from (upload_id, source, table_id), for a value's provenance."""
    t = source_retrievals
    stmt = (select(t.c.upload_id, t.c.source, t.c.table_id).where(t.c.upload_id.is_not(None))
            .distinct().order_by(t.c.upload_id))
    with engine.connect() as conn:
        rows = conn.execute(stmt).fetchall()
    return pd.DataFrame(rows, columns=["upload_id", "source", "table_id"])

"""Two questions an upload asks the database before its file is checked, answered without pandas.

The command line asks them while its parse is still reading, so they must not wait for pandas to load.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from analysis.store.schema import custom_indicators, dataset_heads


def current_upload_with_sha(engine: Engine, *, sha256: str) -> int | None:
    """The upload in effect that holds exactly this file (any kind): storing it again would change nothing."""
    with engine.connect() as conn:
        row = conn.execute(
            select(func.max(dataset_heads.c.upload_id)).where(dataset_heads.c.sha256 == sha256)
        ).first()
    return int(row[0]) if row and row[0] is not None else None


def label_mappings(engine: Engine) -> dict[str, str]:
    """Custom labels the users already mapped to catalogue ids (custom_indicators.mapped_to)."""
    stmt = select(custom_indicators.c.label, custom_indicators.c.mapped_to).where(
        custom_indicators.c.mapped_to.is_not(None)
    )
    with engine.connect() as conn:
        return {label: target for label, target in conn.execute(stmt)}

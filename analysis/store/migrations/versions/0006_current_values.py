"""Current values: the value in effect per key, kept with every store and restore; filled from the history here.

The observations' key index goes: nothing reads the history by key any more, and every insert paid for it.

Revision ID: 0006_current_values
Revises: 0005_accounts_audit
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_current_values"
down_revision = "0005_accounts_audit"
branch_labels = None
depends_on = None

_FIELDS = "municipality_code, indicator, year, upload_id, value, count, denominator, status, note, sheet, source_row"


def upgrade() -> None:
    op.create_table(
        "current_values",
        sa.Column("municipality_code", sa.String(16), nullable=False),
        sa.Column("indicator", sa.String(256), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("count", sa.Float, nullable=True),
        sa.Column("denominator", sa.Float, nullable=True),
        sa.Column("status", sa.String(32), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("sheet", sa.String(256), nullable=True),
        sa.Column("source_row", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("municipality_code", "indicator", "year", name="pk_current_values"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_current_values_indicator", "current_values", ["indicator", "year"])
    # every key's newest row, as the window function over the whole history chose it until now
    op.execute(
        f"""
        INSERT INTO current_values ({_FIELDS})
        SELECT {_FIELDS} FROM (
            SELECT o.*, ROW_NUMBER() OVER (
                PARTITION BY o.municipality_code, o.indicator, o.year ORDER BY o.upload_id DESC, o.id DESC
            ) AS newest
            FROM observations o
        ) ranked
        WHERE newest = 1
        """
    )
    # the history is now read by upload only; the key index served the window function over every version
    op.drop_index("ix_observations_key", table_name="observations")


def downgrade() -> None:
    op.create_index("ix_observations_key", "observations", ["municipality_code", "indicator", "year", "upload_id"])
    op.drop_index("ix_current_values_indicator", table_name="current_values")
    op.drop_table("current_values")

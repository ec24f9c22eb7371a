"""Source retrievals: one row per fetch of an indicator from the statistics portal.

Revision ID: 0002_source_retrievals
Revises: 0001_round1
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_source_retrievals"
down_revision = "0001_round1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_retrievals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("table_id", sa.String(32), nullable=False),
        sa.Column("indicator", sa.String(128), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("table_updated", sa.String(64), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=True),
        sa.Column("n_values", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_changes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("actor", sa.String(256), nullable=False),
        sa.Column("message", sa.Text, nullable=True),
    )
    op.create_index("ix_source_retrievals_indicator", "source_retrievals", ["source", "indicator", "id"])


def downgrade() -> None:
    op.drop_index("ix_source_retrievals_indicator", "source_retrievals")
    op.drop_table("source_retrievals")

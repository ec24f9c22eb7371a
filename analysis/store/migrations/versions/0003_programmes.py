"""Programmes: one row per municipality's programme and its content as append-only, attributed versions.

Revision ID: 0003_programmes
Revises: 0002_source_retrievals
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_programmes"
down_revision = "0002_source_retrievals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("municipality_code", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(256), nullable=False),
    )
    op.create_index("ix_programmes_municipality", "programmes", ["municipality_code"])
    op.create_table(
        "programme_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("programme_id", sa.Integer, sa.ForeignKey("programmes.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by", sa.String(256), nullable=False),
        sa.Column("data_version", sa.Integer, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.UniqueConstraint("programme_id", "version", name="uq_programme_versions_version"),
    )


def downgrade() -> None:
    op.drop_table("programme_versions")
    op.drop_index("ix_programmes_municipality", table_name="programmes")
    op.drop_table("programmes")

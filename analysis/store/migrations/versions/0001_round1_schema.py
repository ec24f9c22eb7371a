"""Round-1 schema: uploads, observations, survey answers, custom labels and the old schema_meta marker.

Revision ID: 0001_round1
Revises:
Create Date: 2026-12-02

Databases made by round 1 (before Alembic) already have exactly these tables; init_db stamps them with this
revision instead of running it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_round1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schema_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(256), nullable=False),
    )
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("file_name", sa.String(512), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploader", sa.String(256), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False, server_default="indicators"),
        sa.Column("dataset", sa.String(512), nullable=False),
        sa.Column("restored_from", sa.Integer, sa.ForeignKey("uploads.id"), nullable=True),
        sa.Column("n_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_uploads_sha256", "uploads", ["sha256"])
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False),
        sa.Column("municipality_code", sa.String(16), nullable=False),
        sa.Column("indicator", sa.String(256), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("count", sa.Float, nullable=True),
        sa.Column("denominator", sa.Float, nullable=True),
        sa.Column("status", sa.String(32), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("sheet", sa.String(256), nullable=True),
        sa.Column("source_row", sa.Integer, nullable=True),
    )
    op.create_index(
        "ix_observations_key", "observations", ["municipality_code", "indicator", "year", "upload_id"]
    )
    op.create_index("ix_observations_upload", "observations", ["upload_id"])
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False),
        sa.Column("survey_year", sa.Integer, nullable=False),
        sa.Column("municipality_code", sa.String(16), nullable=False),
        sa.Column("programme_status", sa.String(32), nullable=False),
        sa.Column("up_to_date", sa.Boolean, nullable=True),
        sa.Column("start_year", sa.Integer, nullable=True),
        sa.Column("end_year", sa.Integer, nullable=True),
        sa.Column("open_ended", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("conclusions", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("action_plan", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("monitoring", sa.String(32), nullable=False, server_default="none"),
        sa.Column("children_views", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("domains", sa.String(64), nullable=False, server_default=""),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("source_row", sa.Integer, nullable=True),
    )
    op.create_index(
        "ix_survey_year_muni", "survey_responses", ["survey_year", "municipality_code", "upload_id"]
    )
    op.create_table(
        "custom_indicators",
        sa.Column("label", sa.String(256), primary_key=True),
        sa.Column("mapped_to", sa.String(128), nullable=True),
        sa.Column("first_upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=True),
    )
    op.bulk_insert(
        sa.table("schema_meta", sa.column("key", sa.String), sa.column("value", sa.String)),
        [{"key": "schema_version", "value": "1"}],
    )


def downgrade() -> None:
    for table in ("custom_indicators", "survey_responses", "observations", "uploads", "schema_meta"):
        op.drop_table(table)

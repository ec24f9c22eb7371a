"""Accounts (argon2 hashes, roles, editors' municipalities) and the append-only audit log.

Revision ID: 0005_accounts_audit
Revises: 0004_dataset_heads
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_accounts_audit"
down_revision = "0004_dataset_heads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("email", sa.String(320), nullable=True, unique=True),
        sa.Column("password_hash", sa.String(256), nullable=True),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(256), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "account_municipalities",
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("municipality_code", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "municipality_code", name="pk_account_municipalities"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(256), nullable=False),
        sa.Column("role", sa.String(32), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(512), nullable=True),
        sa.Column("file_name", sa.String(512), nullable=True),
        sa.Column("upload_id", sa.Integer, nullable=True),
        sa.Column("client", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text, nullable=True),
    )
    op.create_index("ix_audit_log_action_subject_at", "audit_log", ["action", "subject", "at"])
    op.create_index("ix_audit_log_action_client_at", "audit_log", ["action", "client", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_action_client_at", table_name="audit_log")
    op.drop_index("ix_audit_log_action_subject_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("account_municipalities")
    op.drop_table("accounts")

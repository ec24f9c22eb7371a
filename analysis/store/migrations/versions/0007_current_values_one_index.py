"""Current values keep only their key: nothing reads them by indicator, and every store paid for that index
(1.8 s of a 500,000-value upload).

Revision ID: 0007_current_values_one_index
Revises: 0006_current_values
Create Date: 2026-12-03
"""

from alembic import op

revision = "0007_current_values_one_index"
down_revision = "0006_current_values"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_current_values_indicator", table_name="current_values")


def downgrade() -> None:
    op.create_index("ix_current_values_indicator", "current_values", ["indicator", "year"])

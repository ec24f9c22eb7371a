"""Dataset heads: the upload in effect per version series, the row that serialises stores of one dataset.

Revision ID: 0004_dataset_heads
Revises: 0003_programmes
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_dataset_heads"
down_revision = "0003_programmes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dataset_heads",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("dataset", sa.String(512), nullable=False),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("kind", "dataset", name="pk_dataset_heads"),
    )
    op.create_index("ix_dataset_heads_sha", "dataset_heads", ["sha256", "kind"])
    # existing series: the newest upload of each is the one in effect
    op.execute(
        """
        INSERT INTO dataset_heads (kind, dataset, upload_id, sha256)
        SELECT u.kind, u.dataset, u.id, u.sha256 FROM uploads u
        WHERE u.id = (SELECT MAX(v.id) FROM uploads v WHERE v.kind = u.kind AND v.dataset = u.dataset)
        """
    )


def downgrade() -> None:
    op.drop_index("ix_dataset_heads_sha", table_name="dataset_heads")
    op.drop_table("dataset_heads")

"""A generated report keeps what its draft showed (``performance_report.snapshot_json``), so
the signed copy is rendered from the same numbers.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("performance_report", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("snapshot_json", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("performance_report", schema=None) as batch_op:
        batch_op.drop_column("snapshot_json")

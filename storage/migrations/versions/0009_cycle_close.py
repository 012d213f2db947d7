"""A cycle is closed by the team once its reporting is over (until then late reports are
still accepted).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", storage.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("closed_by_user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_cycle_closed_by_user_id", "app_user", ["closed_by_user_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.drop_constraint("fk_cycle_closed_by_user_id", type_="foreignkey")
        batch_op.drop_column("closed_by_user_id")
        batch_op.drop_column("closed_at")

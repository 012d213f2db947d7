"""A decision's effect is recorded with the decision (``approval_request.effect``: "pending"
until the feature that asked has applied it, then "done"; a start-up completes what a stop
left pending), and a letter keeps the number reserved for its signature
(``letter.reserved_sequence``/``reserved_year``) so that a retry signs with the same number.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("approval_request", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("effect", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_approval_request_effect"), ["effect"], unique=False)
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reserved_sequence", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reserved_year", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_column("reserved_year")
        batch_op.drop_column("reserved_sequence")
    with op.batch_alter_table("approval_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_request_effect"))
        batch_op.drop_column("effect")

"""Signed documents: the archive records number, signatory, capacity, time and verification
code of a signed PDF; an approved plan revision points at its archived PDF.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("number", sa.String(length=80), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("signed_by", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("signed_as", sa.String(length=400), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("signed_at", storage.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("verification_code", sa.String(length=16), nullable=True))
        batch_op.create_unique_constraint("uq_document_verification_code", ["verification_code"])
    with op.batch_alter_table("plan_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_plan_revision_document_id", "document", ["document_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_revision", schema=None) as batch_op:
        batch_op.drop_constraint("fk_plan_revision_document_id", type_="foreignkey")
        batch_op.drop_column("document_id")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_constraint("uq_document_verification_code", type_="unique")
        batch_op.drop_column("verification_code")
        batch_op.drop_column("signed_at")
        batch_op.drop_column("signed_as")
        batch_op.drop_column("signed_by")
        batch_op.drop_column("number")

"""Procurement packages from SIRUP and the satuan kerja names matched to units.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "unit_alias",
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("name_key"),
    )
    op.create_table(
        "package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("kode_rup", sa.String(length=40), nullable=False),
        sa.Column("nama_paket", sa.Text(), nullable=False),
        sa.Column("satuan_kerja", sa.String(length=300), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("pagu", sa.BigInteger(), nullable=False),
        sa.Column("metode", sa.String(length=60), nullable=False),
        sa.Column("jenis", sa.String(length=60), nullable=False),
        sa.Column("sumber_dana", sa.String(length=120), nullable=False),
        sa.Column("waktu_pemilihan", sa.String(length=120), nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=True),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cycle_id", "kode_rup", name="uq_package_kode_rup"),
    )
    with op.batch_alter_table("package", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_package_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_package_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("package", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_unit_id"))
        batch_op.drop_index(batch_op.f("ix_package_cycle_id"))

    op.drop_table("package")
    op.drop_table("unit_alias")

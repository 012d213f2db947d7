"""Results (SOP steps 13-17): analyses, recommendations, closed indicators, generated
reports, meetings and their items; archived documents get a period and a revision.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:

    op.create_table(
        "indicator_analysis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=20), nullable=False),
        sa.Column("period_key", sa.String(length=30), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("causes", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("updated_by_user_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_user_id"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "cycle_id", "indicator_code", "period_key", name="uq_indicator_analysis"
        ),
    )
    with op.batch_alter_table("indicator_analysis", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_analysis_cycle_id"), ["cycle_id"], unique=False
        )

    op.create_table(
        "indicator_closure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("period_key", sa.String(length=30), nullable=False),
        sa.Column("closed_after", sa.Date(), nullable=False),
        sa.Column("decided_by_user_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cycle_id", "indicator_code", name="uq_indicator_closure"),
    )
    with op.batch_alter_table("indicator_closure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_closure_cycle_id"), ["cycle_id"], unique=False
        )

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=30), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("closed_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_cycle_id"), ["cycle_id"], unique=False)

    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=20), nullable=False),
        sa.Column("period_key", sa.String(length=30), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.String(length=300), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("removed_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("decision", sa.String(length=40), nullable=False),
        sa.Column("decided_by_user_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("action_number", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recommendation_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_recommendation_period_key"), ["period_key"], unique=False
        )

    op.create_table(
        "meeting_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=20), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=40), nullable=False),
        sa.Column("decided_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["approval_request.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_item_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "performance_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("frequency", sa.String(length=20), nullable=False),
        sa.Column("period_number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("workbook_document_id", sa.Integer(), nullable=True),
        sa.Column("deck_document_id", sa.Integer(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("signed_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("signed_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["deck_document_id"],
            ["document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["signed_by_user_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workbook_document_id"],
            ["document.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("performance_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_performance_report_cycle_id"), ["cycle_id"], unique=False
        )

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("period_key", sa.String(length=30), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("revision")
        batch_op.drop_column("period_key")

    with op.batch_alter_table("performance_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_performance_report_cycle_id"))

    op.drop_table("performance_report")
    with op.batch_alter_table("meeting_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_item_meeting_id"))

    op.drop_table("meeting_item")
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_period_key"))
        batch_op.drop_index(batch_op.f("ix_recommendation_cycle_id"))

    op.drop_table("recommendation")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_cycle_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("indicator_closure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_closure_cycle_id"))

    op.drop_table("indicator_closure")
    with op.batch_alter_table("indicator_analysis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_analysis_cycle_id"))

    op.drop_table("indicator_analysis")

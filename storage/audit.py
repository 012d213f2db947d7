"""The audit log: who did what, when, with before and after."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.models import AuditLog, User

SYSTEM = "sistem"


def record(
    session: Session,
    *,
    at: datetime,
    actor: User | None = None,
    actor_user_id: int | None = None,
    actor_label: str | None = None,
    action: str,
    entity: str,
    entity_id: str | int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add one audit entry in the caller's transaction, by ``actor`` (a user, or the system
    when None) or by an explicit id and label."""
    if actor is not None:
        actor_user_id, actor_label = actor.id, actor.full_name
    session.add(
        AuditLog(
            at=at,
            actor_user_id=actor_user_id,
            actor_label=actor_label or SYSTEM,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before_json=None if before is None else json.dumps(before, default=str),
            after_json=None if after is None else json.dumps(after, default=str),
        )
    )


def entries(session: Session, *, action: str | None = None, limit: int = 100) -> list[AuditLog]:
    """The newest entries first, optionally of one action."""
    query = select(AuditLog).order_by(col(AuditLog.id).desc()).limit(limit)
    if action is not None:
        query = query.where(AuditLog.action == action)
    return list(session.exec(query))

"""Messages to people other than the one who pressed or typed (team notices, approval
requests, verification notices ...): queued in the outbox inside the use case's
transaction, so a message exists exactly when the data it tells about was committed.

The one sender (``bot.outbox``) delivers them within Telegram's limits, retries, and records
each copy's message id; the application sends right after the update that queued them.
Replies to the person who pressed or typed stay direct: they are answers, not deliveries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.access import mark_outbox_queued
from bot.core.roles import Role
from bot.services import Services
from storage import outbox, users
from storage.models import Broadcast

Recipients = Sequence[tuple[int | None, int]]
"""(user id, chat id) of each person a message goes to."""

Buttons = Sequence[Sequence[tuple[str, str]]]
"""Rows of (label, callback data) under the message."""

Notice = tuple[str, Buttons]
"""A notice's text and buttons, rendered by the feature for a use case to queue."""

TEAM_NOTICE = "tim"
"""The kind of a team notice in the outbox."""


def queue(
    session: Session,
    *,
    kind: str,
    text: str,
    recipients: Recipients,
    now: datetime,
    ref_id: int | None = None,
    buttons: Buttons = (),
    document_id: int | None = None,
    created_by_user_id: int | None = None,
) -> Broadcast | None:
    """Queue ``text`` for everyone in ``recipients`` (None when there is nobody)."""
    if not recipients:
        return None
    broadcast = outbox.create_broadcast(
        session,
        kind=kind,
        ref_id=ref_id,
        text=text,
        recipients=recipients,
        now=now,
        buttons=buttons,
        document_id=document_id,
        created_by_user_id=created_by_user_id,
    )
    assert broadcast.id is not None
    mark_outbox_queued(broadcast.id)
    return broadcast


def team(session: Session) -> list[tuple[int | None, int]]:
    """Every active member of the team (Tim Pengelolaan Kelembagaan)."""
    return [(u.id, u.telegram_id) for u in users.list_users(session, role=Role.TIM) if u.active]


def person(session: Session, user_id: int | None) -> list[tuple[int | None, int]]:
    """One person, while they are active (nobody otherwise)."""
    user = None if user_id is None else users.get_user(session, user_id)
    return [] if user is None or not user.active else [(user.id, user.telegram_id)]


def tell_team(
    session: Session, svc: Services, text: str, buttons: Buttons = (), *, ref_id: int | None = None
) -> None:
    """Queue a notice for every active team member."""
    queue(
        session,
        kind=TEAM_NOTICE,
        text=text,
        recipients=team(session),
        now=svc.now(),
        ref_id=ref_id,
        buttons=buttons,
    )

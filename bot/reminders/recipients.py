"""Who gets the team's and the head's reminders, and the moments they are planned for.

Shared by the kinds of ``team``, ``head`` and ``events``: the active people of a role (less
those who muted an optional kind), the head with the acting heads (Plt/Plh) in force on a
day, and a local wall-clock moment as an aware instant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session

from bot.core.roles import Role
from bot.reminders.model import ReminderKind
from bot.services import Services
from storage import approvals, reminder_prefs, users
from storage.models import User

# Digests and summaries go out at this local hour (the engine keeps them in working time).
MORNING = time(8, 0)


def local_at(svc: Services, day: date, at: time = MORNING) -> datetime:
    """``day`` at ``at`` in the profile's time zone."""
    return datetime.combine(day, at, tzinfo=svc.profile.timezone)


def local_day(svc: Services, instant: datetime) -> date:
    return instant.astimezone(svc.profile.timezone).date()


def active_of_role(
    session: Session, role: Role, *, muting: ReminderKind | None = None
) -> list[User]:
    """The active people of ``role``, less those who muted ``muting``."""
    muted = set() if muting is None else reminder_prefs.muted_users(session, kind=muting)
    return [u for u in users.list_users(session, role=role) if u.active and u.id not in muted]


@dataclass(frozen=True)
class Decider:
    """Someone who decides for the head on a day: the head (``title`` empty) or an acting
    head (``Plt``/``Plh``)."""

    user_id: int
    title: str


def deciders_on(session: Session, day: date) -> list[Decider]:
    """The active head and every active acting head whose delegation covers ``day``."""
    found = [Decider(u.id, "") for u in active_of_role(session, Role.KEPALA) if u.id is not None]
    for acting in approvals.delegations_in_force(session):
        if not acting.covers(day) or any(d.user_id == acting.user_id for d in found):
            continue
        person = users.get_user(session, acting.user_id)
        if person is not None and person.active:
            found.append(Decider(acting.user_id, acting.title))
    return found


def decides_on(session: Session, user_id: int, day: date) -> Decider | None:
    """``user_id`` as a decider on ``day``; None when they do not decide then."""
    return next((d for d in deciders_on(session, day) if d.user_id == user_id), None)


def is_active(session: Session, user_id: int, role: Role) -> bool:
    person = users.get_user(session, user_id)
    return person is not None and person.active and person.role == role

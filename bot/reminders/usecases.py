"""/pengingat: what a person will be reminded of (their next reminders, the kinds that apply
to their role) and muting or unmuting the optional ones. One transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.core.roles import Role
from bot.reminders.kinds import KINDS
from bot.reminders.model import ReminderKind
from bot.reminders.recipients import decides_on
from bot.services import Services
from storage import reminder_prefs

ROLE_KINDS = {
    Role.PJ: (ReminderKind.REPORT_DUE, ReminderKind.REPORT_OVERDUE, ReminderKind.EVENT),
    Role.TIM: (ReminderKind.TEAM_DIGEST,),
    Role.KEPALA: (ReminderKind.HEAD_WEEKLY, ReminderKind.APPROVAL_NUDGE),
}
# What an acting head (Plt/Plh) in force gets besides their own role's kinds.
ACTING_KINDS = (ReminderKind.HEAD_WEEKLY, ReminderKind.APPROVAL_NUDGE)
OPTIONAL = frozenset(spec.kind for spec in KINDS if spec.optional)
SHOWN_UPCOMING = 10


@dataclass(frozen=True)
class Upcoming:
    """A reminder still to be sent to the person."""

    kind: ReminderKind
    due_at: datetime


@dataclass(frozen=True)
class KindChoice:
    """A kind that applies to the person; ``optional`` ones may be ``muted``."""

    kind: ReminderKind
    optional: bool
    muted: bool


@dataclass(frozen=True)
class Overview:
    upcoming: tuple[Upcoming, ...]
    kinds: tuple[KindChoice, ...]


def _kinds_of(session: Session, svc: Services, user_id: int, role: Role) -> list[ReminderKind]:
    kinds = list(ROLE_KINDS.get(role, ()))
    if role is not Role.KEPALA and decides_on(session, user_id, svc.today()) is not None:
        kinds += [k for k in ACTING_KINDS if k not in kinds]
    return kinds


def _overview(session: Session, svc: Services, user_id: int, role: Role) -> Overview:
    muted = reminder_prefs.mutes_of(session, user_id=user_id)
    rows = reminder_prefs.upcoming_for(
        session, user_id=user_id, leave_out=muted, limit=SHOWN_UPCOMING
    )
    known = {k.value for k in ReminderKind}
    upcoming = tuple(Upcoming(ReminderKind(r.kind), r.due_at) for r in rows if r.kind in known)
    kinds = tuple(
        KindChoice(k, k in OPTIONAL, k in OPTIONAL and k.value in muted)
        for k in _kinds_of(session, svc, user_id, role)
    )
    return Overview(upcoming, kinds)


def overview(svc: Services, *, user_id: int, role: Role) -> Overview:
    """The person's next reminders and the kinds for their role."""
    with svc.db.read() as session:
        return _overview(session, svc, user_id, role)


def set_muted(
    svc: Services, *, user_id: int, role: Role, kind: ReminderKind, muted: bool
) -> Overview | None:
    """Mute or unmute ``kind``; None when it is not an optional kind of this person's."""
    with svc.db.write() as session:
        if kind not in OPTIONAL or kind not in _kinds_of(session, svc, user_id, role):
            return None
        reminder_prefs.set_muted(
            session, user_id=user_id, kind=kind.value, muted=muted, now=svc.now()
        )
        session.flush()
        return _overview(session, svc, user_id, role)

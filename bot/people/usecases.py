"""What registration, /undang and /pengguna do with the database: one transaction per use
case, returning frozen snapshots (no ORM object leaves this module)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.core.labels import unit_label
from bot.core.roles import Role
from bot.people import notices
from bot.people.invitation_rules import (
    DEFAULT_LIFETIME,
    InvitationProblem,
    looks_like_code,
    new_code,
)
from bot.services import Services
from storage import audit, units, users
from storage.models import Unit, User


@dataclass(frozen=True)
class Person:
    """A registered user as the people feature shows them."""

    user_id: int
    telegram_id: int
    full_name: str
    nip: str
    position: str
    role: Role
    unit_name: str | None
    active: bool
    registered_at: datetime


def _person(session: Session, user: User) -> Person:
    assert user.id is not None
    unit = users.unit_of(session, user)
    return Person(
        user_id=user.id,
        telegram_id=user.telegram_id,
        full_name=user.full_name,
        nip=user.nip,
        position=user.position,
        role=Role(user.role),
        unit_name=None if unit is None else unit.name,
        active=user.active,
        registered_at=user.registered_at,
    )


# --- registration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationOffer:
    """What a usable invitation makes of the person who registers with it; ``replaces``
    names the head a replacement invitation replaces."""

    role: Role
    unit_name: str | None
    replaces: str | None


def _offer(session: Session, code: str, now: datetime) -> InvitationOffer | InvitationProblem:
    invitation, problem = users.check_invitation(session, code, now)
    if problem is not None:
        return problem
    assert invitation is not None
    unit = None if invitation.unit_id is None else units.get_unit(session, invitation.unit_id)
    head = users.active_head(session) if invitation.role == Role.KEPALA.value else None
    return InvitationOffer(
        role=Role(invitation.role),
        unit_name=None if unit is None else unit.name,
        replaces=None if head is None else head.full_name,
    )


def start_registration(
    svc: Services, *, telegram_id: int, code: str
) -> Person | InvitationOffer | InvitationProblem | None:
    """/start: the member behind the account, else what the code offers (or why it does not
    work); None for a stranger without a code."""
    with svc.db.read() as session:
        user = users.active_member(session, telegram_id)
        if user is not None:
            return _person(session, user)
        if not code:
            return None
        if not looks_like_code(code):
            return InvitationProblem.UNKNOWN
        return _offer(session, code, svc.now())


def invitation_offer(svc: Services, *, code: str) -> InvitationOffer | InvitationProblem:
    """What the code offers now (checked again before the summary is confirmed)."""
    with svc.db.read() as session:
        return _offer(session, code, svc.now())


@dataclass(frozen=True)
class Registered:
    """A finished registration: the new member, the chat of a head it replaced and the
    chat of the member who made the invitation (None when there is none to tell)."""

    member: Person
    replaced_chat: int | None
    inviter_chat: int | None


def register_member(
    svc: Services, *, code: str, telegram_id: int, full_name: str, nip: str, position: str
) -> Registered | InvitationProblem:
    """Redeem the invitation for the person, or say why it cannot be used any more."""
    person = users.Registration(
        telegram_id=telegram_id, full_name=full_name, nip=nip, position=position
    )
    with svc.db.write() as session:
        head = users.active_head(session)
        outcome = users.redeem_invitation(session, code=code, person=person, now=svc.now())
        if isinstance(outcome, InvitationProblem):
            return outcome
        replaced = (
            head.telegram_id
            if head is not None and outcome.role == Role.KEPALA.value and head.id != outcome.id
            else None
        )
        invitation = users.get_invitation(session, code)
        inviter = None
        if invitation is not None and invitation.created_by_user_id is not None:
            inviter = users.get_user(session, invitation.created_by_user_id)
        registered = Registered(
            member=_person(session, outcome),
            replaced_chat=replaced,
            inviter_chat=inviter.telegram_id if inviter is not None and inviter.active else None,
        )
        notices.registered(session, svc, registered, head if replaced else None)
        return registered


# --- /undang --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitChoice:
    unit_id: int
    label: str


def unit_choices(svc: Services) -> list[UnitChoice]:
    """The active units, labelled to fit a button."""
    with svc.db.read() as session:
        return [
            UnitChoice(u.id, unit_label(u.name, u.short_name))
            for u in units.list_units(session)
            if u.id is not None
        ]


@dataclass(frozen=True)
class InvitationMade:
    """A new invitation; ``replaces`` names the head it will replace, ``unit_created`` says
    that its unit was typed in and added."""

    code: str
    expires_at: datetime
    role: Role
    unit_name: str | None
    replaces: str | None
    unit_created: bool = False


@dataclass(frozen=True)
class HeadInPlace:
    """A head's invitation refused: this head is active (only a replacement may be made)."""

    name: str


def create_invitation(
    svc: Services,
    *,
    inviter_id: int,
    role: Role,
    unit_id: int | None = None,
    new_unit_name: str | None = None,
    replaces_head: bool = False,
) -> InvitationMade | HeadInPlace | None:
    """Store a one-time invitation for ``role`` (in a listed unit, or in a unit typed in,
    found by name or added); None when the listed unit is gone."""
    now = svc.now()
    with svc.db.write() as session:
        creator = users.get_user(session, inviter_id)
        unit: Unit | None = None
        created = False
        if new_unit_name is not None:
            unit, created = _find_or_add_unit(session, creator, new_unit_name, now)
        elif unit_id is not None:
            unit = units.get_unit(session, unit_id)
            if unit is None or not unit.active:
                return None
        head = users.active_head(session) if role is Role.KEPALA else None
        try:
            invitation = users.create_invitation(
                session,
                code=new_code(),
                role=role,
                unit_id=None if unit is None else unit.id,
                created_by=creator,
                created_via="bot",
                now=now,
                expires_at=now + DEFAULT_LIFETIME,
                replaces_head=replaces_head,
            )
        except users.HeadExists as exc:
            return HeadInPlace(exc.head_name)
        return InvitationMade(
            code=invitation.code,
            expires_at=invitation.expires_at,
            role=role,
            unit_name=None if unit is None else unit.name,
            replaces=None if head is None else head.full_name,
            unit_created=created,
        )


def _find_or_add_unit(
    session: Session, actor: User | None, name: str, now: datetime
) -> tuple[Unit, bool]:
    """The unit of that name (any case), or a new one (audited); True when added."""
    unit = units.find_unit(session, name=name)
    if unit is not None:
        return unit, False
    unit = units.create_unit(session, name=name, now=now)
    assert unit.id is not None
    audit.record(
        session,
        at=now,
        actor=actor,
        action="unit.create",
        entity="unit",
        entity_id=unit.id,
        after={"name": unit.name},
    )
    return unit, True


# --- /pengguna ------------------------------------------------------------------------------


class UserRefusal(StrEnum):
    """Why a change to a user is not made."""

    SELF = "self"
    NOT_FOUND = "not_found"
    ONE_HEAD = "one_head"
    STALE = "stale"


@dataclass(frozen=True)
class UserLine:
    user_id: int
    full_name: str
    role: Role
    active: bool


def user_list(svc: Services) -> list[UserLine]:
    """Every registered user, by role and name."""
    with svc.db.read() as session:
        return [
            UserLine(u.id, u.full_name, Role(u.role), u.active)
            for u in users.list_users(session)
            if u.id is not None
        ]


def user_card(svc: Services, *, user_id: int) -> Person | None:
    with svc.db.read() as session:
        user = users.get_user(session, user_id)
        return None if user is None else _person(session, user)


def _target(session: Session, actor_id: int, user_id: int) -> tuple[User, User] | UserRefusal:
    """The acting head and the user they change; nobody changes themself."""
    if user_id == actor_id:
        return UserRefusal.SELF
    target = users.get_user(session, user_id)
    if target is None:
        return UserRefusal.NOT_FOUND
    actor = users.get_user(session, actor_id)
    assert actor is not None
    return actor, target


def unit_picker(
    svc: Services, *, actor_id: int, user_id: int
) -> tuple[Person, list[UnitChoice]] | UserRefusal:
    """The user who becomes a performance owner, and the units to choose from."""
    with svc.db.read() as session:
        found = _target(session, actor_id, user_id)
        if isinstance(found, UserRefusal):
            return found
        person = _person(session, found[1])
    return person, unit_choices(svc)


def change_role(
    svc: Services, *, actor_id: int, user_id: int, role: Role, unit_id: int | None = None
) -> Person | UserRefusal:
    """Give an active user another role (a performance owner with their unit); a new head
    comes with a replacement invitation instead."""
    with svc.db.write() as session:
        found = _target(session, actor_id, user_id)
        if isinstance(found, UserRefusal):
            return found
        actor, target = found
        if role is Role.KEPALA:
            return UserRefusal.ONE_HEAD
        unit = None if unit_id is None else units.get_unit(session, unit_id)
        if not target.active or (unit_id is not None and unit is None):
            return UserRefusal.STALE
        changed = users.change_role(
            session, user_id=user_id, role=role, unit_id=unit_id, actor=actor, now=svc.now()
        )
        person = _person(session, changed)
        notices.role_changed(session, svc, person)
        return person


def deactivate(svc: Services, *, actor_id: int, user_id: int) -> Person | UserRefusal:
    """Turn a user into a stranger until reactivated."""
    return _set_active(svc, actor_id=actor_id, user_id=user_id, active=False)


def reactivate(svc: Services, *, actor_id: int, user_id: int) -> Person | UserRefusal:
    """Let a deactivated user in again; a former head would make a second head."""
    return _set_active(svc, actor_id=actor_id, user_id=user_id, active=True)


def _set_active(
    svc: Services, *, actor_id: int, user_id: int, active: bool
) -> Person | UserRefusal:
    with svc.db.write() as session:
        found = _target(session, actor_id, user_id)
        if isinstance(found, UserRefusal):
            return found
        actor, target = found
        if active and target.role == Role.KEPALA.value:
            return UserRefusal.ONE_HEAD
        changed = users.set_active(
            session, user_id=user_id, active=active, actor=actor, now=svc.now()
        )
        return _person(session, changed)

"""Registered users, invitations and the registration that joins them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.core.invitations import InvitationFacts, InvitationProblem, invitation_problem
from bot.core.roles import Role
from storage import audit
from storage.models import Invitation, Unit, User


def get_by_telegram_id(session: Session, telegram_id: int) -> User | None:
    return session.exec(select(User).where(User.telegram_id == telegram_id)).first()


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def active_member(session: Session, telegram_id: int) -> User | None:
    """The registered, active user behind a Telegram account, or None (a stranger)."""
    user = get_by_telegram_id(session, telegram_id)
    if user is None or not user.active:
        return None
    return user


def list_users(session: Session, *, role: Role | None = None) -> list[User]:
    query = select(User).order_by(col(User.role), col(User.full_name))
    if role is not None:
        query = query.where(User.role == role.value)
    return list(session.exec(query))


def user_snapshot(user: User) -> dict[str, object]:
    """The fields the audit log keeps for a user (the NIP is kept: it is an official record)."""
    return {
        "role": user.role,
        "unit_id": user.unit_id,
        "full_name": user.full_name,
        "nip": user.nip,
        "position": user.position,
        "active": user.active,
    }


def create_invitation(
    session: Session,
    *,
    code: str,
    role: Role,
    unit_id: int | None,
    created_by: User | None,
    created_via: str,
    now: datetime,
    expires_at: datetime,
) -> Invitation:
    invitation = Invitation(
        code=code,
        role=role.value,
        unit_id=unit_id,
        created_by_user_id=None if created_by is None else created_by.id,
        created_via=created_via,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(invitation)
    session.flush()
    assert invitation.id is not None
    audit.record(
        session,
        at=now,
        actor_user_id=None if created_by is None else created_by.id,
        actor_label=created_via if created_by is None else created_by.full_name,
        action="invitation.create",
        entity="invitation",
        entity_id=invitation.id,
        after={"role": role.value, "unit_id": unit_id, "expires_at": expires_at.isoformat()},
    )
    return invitation


def get_invitation(session: Session, code: str) -> Invitation | None:
    return session.exec(select(Invitation).where(Invitation.code == code)).first()


def check_invitation(
    session: Session, code: str, now: datetime
) -> tuple[Invitation | None, InvitationProblem | None]:
    """The invitation behind ``code`` and why it cannot be used now (None when it can)."""
    invitation = get_invitation(session, code)
    facts = None
    if invitation is not None:
        facts = InvitationFacts(invitation.expires_at, invitation.used_at, invitation.revoked_at)
    return invitation, invitation_problem(facts, now)


@dataclass(frozen=True)
class Registration:
    """What a person told the bot during registration."""

    telegram_id: int
    full_name: str
    nip: str
    position: str


def redeem_invitation(
    session: Session, *, code: str, person: Registration, now: datetime
) -> User | InvitationProblem:
    """Use the invitation to register (or re-activate) the person; the problem if it cannot.

    Runs inside the caller's write transaction, so two people racing for one code
    cannot both win: the second sees it used.
    """
    invitation, problem = check_invitation(session, code, now)
    if problem is not None:
        return problem
    assert invitation is not None
    user = get_by_telegram_id(session, person.telegram_id)
    before = None if user is None else user_snapshot(user)
    if user is None:
        user = User(
            telegram_id=person.telegram_id,
            role=invitation.role,
            unit_id=invitation.unit_id,
            full_name=person.full_name,
            nip=person.nip,
            position=person.position,
            registered_at=now,
            updated_at=now,
        )
        session.add(user)
    else:
        # A deactivated person invited again comes back with the new role and details.
        user.role = invitation.role
        user.unit_id = invitation.unit_id
        user.full_name = person.full_name
        user.nip = person.nip
        user.position = person.position
        user.active = True
        user.updated_at = now
        session.add(user)
    session.flush()
    invitation.used_at = now
    invitation.used_by_user_id = user.id
    session.add(invitation)
    assert user.id is not None
    audit.record(
        session,
        at=now,
        actor_user_id=user.id,
        actor_label=user.full_name,
        action="user.register",
        entity="user",
        entity_id=user.id,
        before=before,
        after=user_snapshot(user) | {"invitation_id": invitation.id},
    )
    return user


def unit_of(session: Session, user: User) -> Unit | None:
    return None if user.unit_id is None else session.get(Unit, user.unit_id)


def change_role(
    session: Session, *, user_id: int, role: Role, unit_id: int | None, actor: User, now: datetime
) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(f"user {user_id} not found")
    before = user_snapshot(user)
    user.role = role.value
    user.unit_id = unit_id
    user.updated_at = now
    session.add(user)
    audit.record(
        session,
        at=now,
        actor_user_id=actor.id,
        actor_label=actor.full_name,
        action="user.change_role",
        entity="user",
        entity_id=user_id,
        before=before,
        after=user_snapshot(user),
    )
    return user


def set_active(session: Session, *, user_id: int, active: bool, actor: User, now: datetime) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(f"user {user_id} not found")
    before = user_snapshot(user)
    user.active = active
    user.updated_at = now
    session.add(user)
    audit.record(
        session,
        at=now,
        actor_user_id=actor.id,
        actor_label=actor.full_name,
        action="user.activate" if active else "user.deactivate",
        entity="user",
        entity_id=user_id,
        before=before,
        after=user_snapshot(user),
    )
    return user


def count_active(session: Session, role: Role) -> int:
    query = select(User).where(User.role == role.value, col(User.active).is_(True))
    return len(list(session.exec(query)))

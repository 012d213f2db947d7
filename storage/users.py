"""Registered users, invitations and the registration that joins them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.core.roles import Role
from bot.people.invitation_rules import (
    InvitationFacts,
    InvitationProblem,
    head_invitation_allowed,
    invitation_problem,
)
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


class HeadExists(Exception):
    """A Kepala UKPBJ invitation while a head is active, not marked as replacing them."""

    def __init__(self, head: User) -> None:
        super().__init__(head.full_name)
        self.head_name = head.full_name  # read now: the session is rolled back after this


def active_head(session: Session) -> User | None:
    """The active Kepala UKPBJ (there is at most one), or None."""
    query = select(User).where(User.role == Role.KEPALA.value, col(User.active).is_(True))
    return session.exec(query.order_by(col(User.id))).first()


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
    replaces_head: bool = False,
) -> Invitation:
    """A new one-time invitation; HeadExists for a head's invitation while a head is active,
    unless it explicitly replaces that head."""
    if role is Role.KEPALA:
        head = active_head(session)
        if not head_invitation_allowed(head_exists=head is not None, replaces_head=replaces_head):
            assert head is not None
            raise HeadExists(head)
    else:
        replaces_head = False
    invitation = Invitation(
        code=code,
        role=role.value,
        unit_id=unit_id,
        created_by_user_id=None if created_by is None else created_by.id,
        created_via=created_via,
        created_at=now,
        expires_at=expires_at,
        replaces_head=replaces_head,
    )
    session.add(invitation)
    session.flush()
    assert invitation.id is not None
    audit.record(
        session,
        at=now,
        actor=created_by,
        actor_label=created_via,
        action="invitation.create",
        entity="invitation",
        entity_id=invitation.id,
        after={
            "role": role.value,
            "unit_id": unit_id,
            "expires_at": expires_at.isoformat(),
            "replaces_head": replaces_head,
        },
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
    problem = invitation_problem(facts, now)
    if problem is None and invitation is not None and invitation.role == Role.KEPALA.value:
        head_exists = active_head(session) is not None
        if not head_invitation_allowed(
            head_exists=head_exists, replaces_head=invitation.replaces_head
        ):
            problem = InvitationProblem.HEAD_EXISTS
    return invitation, problem


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
    if invitation.role == Role.KEPALA.value:
        head = active_head(session)
        if head is not None and head.telegram_id != person.telegram_id:
            _replace_head(session, head=head, now=now)
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


def _replace_head(session: Session, *, head: User, now: datetime) -> None:
    """The head before a replacement is deactivated (keeping the role, so the record shows
    who was head); a reactivation while another head is active is refused."""
    before = user_snapshot(head)
    head.active = False
    head.updated_at = now
    session.add(head)
    assert head.id is not None
    audit.record(
        session,
        at=now,
        actor_user_id=None,
        actor_label="undangan pengganti",
        action="user.replaced_as_head",
        entity="user",
        entity_id=head.id,
        before=before,
        after=user_snapshot(head),
    )


def unit_of(session: Session, user: User) -> Unit | None:
    return None if user.unit_id is None else session.get(Unit, user.unit_id)


def change_role(
    session: Session, *, user_id: int, role: Role, unit_id: int | None, actor: User, now: datetime
) -> User:
    def apply(user: User) -> None:
        user.role = role.value
        user.unit_id = unit_id

    return _change(session, user_id, apply, action="user.change_role", actor=actor, now=now)


def set_active(session: Session, *, user_id: int, active: bool, actor: User, now: datetime) -> User:
    def apply(user: User) -> None:
        user.active = active

    action = "user.activate" if active else "user.deactivate"
    return _change(session, user_id, apply, action=action, actor=actor, now=now)


def _change(
    session: Session,
    user_id: int,
    apply: Callable[[User], None],
    *,
    action: str,
    actor: User,
    now: datetime,
) -> User:
    """Change a user by ``apply`` and audit it, with the user before and after."""
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(f"user {user_id} not found")
    before = user_snapshot(user)
    apply(user)
    user.updated_at = now
    session.add(user)
    audit.record(
        session,
        at=now,
        actor_user_id=actor.id,
        actor_label=actor.full_name,
        action=action,
        entity="user",
        entity_id=user_id,
        before=before,
        after=user_snapshot(user),
    )
    return user


def count_active(session: Session, role: Role) -> int:
    query = select(User).where(User.role == role.value, col(User.active).is_(True))
    return len(list(session.exec(query)))

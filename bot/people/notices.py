"""What people are told about someone else's registration or role, queued in the outbox
inside the use case's transaction (``bot.deliveries``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from bot import deliveries
from bot import texts as app_texts
from bot.people import texts
from bot.services import Services
from storage.models import User

if TYPE_CHECKING:
    from bot.people.usecases import Person, Registered

REGISTRATION = "registrasi"
"""The outbox kind of what the inviter and a replaced head are told of a registration."""

ROLE = "peran"
"""The outbox kind of the notice a person gets when their role changes."""


def registered(
    session: Session, svc: Services, registration: Registered, replaced: User | None
) -> None:
    """Tell a replaced head, and the inviter (unless they are the person or that head)."""
    member = registration.member
    name = app_texts.esc(member.full_name)
    if replaced is not None:
        # The head before is deactivated by the replacement: told all the same.
        deliveries.queue(
            session,
            kind=REGISTRATION,
            ref_id=member.user_id,
            text=texts.HEAD_REPLACED.format(name=name),
            recipients=[(replaced.id, replaced.telegram_id)],
            now=svc.now(),
        )
    inviter = registration.inviter_chat
    if inviter is not None and inviter not in (member.telegram_id, registration.replaced_chat):
        role_name = app_texts.ROLE_NAMES[member.role]
        unit = app_texts.unit_suffix(member.unit_name)
        deliveries.queue(
            session,
            kind=REGISTRATION,
            ref_id=member.user_id,
            text=texts.REG_NOTIFY_INVITER.format(name=name, role=role_name, unit=unit),
            recipients=[(None, inviter)],
            now=svc.now(),
        )


def role_changed(session: Session, svc: Services, person: Person) -> None:
    """Tell the person their new role."""
    role_name = app_texts.ROLE_NAMES[person.role]
    unit = app_texts.unit_suffix(person.unit_name)
    deliveries.queue(
        session,
        kind=ROLE,
        ref_id=person.user_id,
        text=texts.USER_NOTIFY_ROLE.format(role=role_name, unit=unit),
        recipients=[(person.user_id, person.telegram_id)],
        now=svc.now(),
    )

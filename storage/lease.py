"""The instance lease: one row saying which running bot owns the database until when.

Taking and renewing are single conditional statements (an UPDATE that matches only a free
or our own lease, or an INSERT that the primary key lets only one process win), so two
processes, on one host or on two hosts sharing a PostgreSQL server, never both hold it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from storage.models import InstanceLease

BOT = "bot"


def acquire(
    session: Session, *, holder: str, now: datetime, ttl: timedelta, name: str = BOT
) -> InstanceLease | None:
    """Take (or keep) the lease for ``holder`` until ``now + ttl``.

    None when taken; otherwise the lease as another holder still holds it."""
    if renew(session, holder=holder, now=now, ttl=ttl, name=name, take_expired=True):
        return None
    try:
        with session.begin_nested():
            session.add(
                InstanceLease(name=name, holder=holder, acquired_at=now, expires_at=now + ttl)
            )
        return None
    except IntegrityError:
        # Someone holds it (or took it between our UPDATE and INSERT).
        pass
    current = session.get(InstanceLease, name, populate_existing=True)
    if current is None or current.holder == holder:
        return None
    return current


def renew(
    session: Session,
    *,
    holder: str,
    now: datetime,
    ttl: timedelta,
    name: str = BOT,
    take_expired: bool = False,
) -> bool:
    """Extend ``holder``'s lease to ``now + ttl``; False when it is not (any more) theirs.

    With ``take_expired`` an expired lease of another holder is taken over as well."""
    ours = col(InstanceLease.holder) == holder
    condition = or_(ours, col(InstanceLease.expires_at) <= now) if take_expired else ours
    values: dict[str, object] = {"holder": holder, "expires_at": now + ttl}
    if take_expired:
        # A takeover starts a new tenure; a renewal keeps its start.
        taken = session.get(InstanceLease, name)
        if taken is not None and taken.holder != holder:
            values["acquired_at"] = now
    result = session.connection().execute(
        update(InstanceLease)
        .where(col(InstanceLease.name) == name, condition)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)


def release(session: Session, *, holder: str, name: str = BOT) -> bool:
    """Give the lease up (a clean stop), so the next start need not wait for it to expire."""
    result = session.connection().execute(
        delete(InstanceLease).where(
            col(InstanceLease.name) == name,
            col(InstanceLease.holder) == holder,
        )
    )
    return bool(result.rowcount)


def current(session: Session, *, name: str = BOT) -> InstanceLease | None:
    """The lease as stored (perhaps expired), for `doctor` and the refusal message."""
    return session.get(InstanceLease, name)

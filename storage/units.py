"""Units (OPD) of the deployment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import Unit


def list_units(session: Session, *, active_only: bool = True) -> list[Unit]:
    query = select(Unit).order_by(col(Unit.name))
    if active_only:
        query = query.where(col(Unit.active).is_(True))
    return list(session.exec(query))


def get_unit(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def find_unit(session: Session, *, name: str) -> Unit | None:
    """A unit by its name or short name, ignoring case and surrounding spaces."""
    wanted = name.strip().casefold()
    for unit in session.exec(select(Unit)):
        if wanted in (unit.name.casefold(), unit.short_name.casefold()):
            return unit
    return None


def create_unit(session: Session, *, name: str, short_name: str = "", now: datetime) -> Unit:
    unit = Unit(name=name.strip(), short_name=short_name.strip(), created_at=now)
    session.add(unit)
    session.flush()
    return unit


def sync_units(session: Session, *, entries: Iterable[tuple[str, str]], now: datetime) -> int:
    """Add the profile's units that the database lacks; never removes or renames. Returns count."""
    existing = {unit.name.casefold() for unit in session.exec(select(Unit))}
    added = 0
    for name, short_name in entries:
        if name.casefold() not in existing:
            create_unit(session, name=name, short_name=short_name, now=now)
            existing.add(name.casefold())
            added += 1
    return added

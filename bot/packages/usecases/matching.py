"""Matching the satuan kerja of an import to units, remembered for every later import."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlmodel import Session

from bot.packages.usecases.common import actor, cycle_id_of
from bot.services import Services
from storage import packages, units


def satker_token(name: str) -> str:
    """A short stand-in for a satuan kerja name in a button (names are too long for one)."""
    return hashlib.sha1(packages.name_key(name).encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Satker:
    name: str
    token: str


def _unmatched(session: Session, year: int) -> tuple[Satker, ...]:
    cycle_id = cycle_id_of(session, year)
    names = [] if cycle_id is None else packages.unmatched_names(session, cycle_id=cycle_id)
    return tuple(Satker(name, satker_token(name)) for name in names)


def unmatched(svc: Services, *, year: int) -> tuple[Satker, ...]:
    """The year's satuan kerja no unit is known for, by name."""
    with svc.db.read() as session:
        return _unmatched(session, year)


def find_unmatched(svc: Services, *, year: int, token: str) -> Satker | None:
    return next((s for s in unmatched(svc, year=year) if s.token == token), None)


@dataclass(frozen=True)
class UnitChoice:
    unit_id: int
    name: str
    short_name: str


def unit_choices(svc: Services) -> tuple[UnitChoice, ...]:
    """The active units, by name."""
    with svc.db.read() as session:
        found = [UnitChoice(u.id, u.name, u.short_name) for u in units.list_units(session) if u.id]
    return tuple(sorted(found, key=lambda u: u.name.casefold()))


@dataclass(frozen=True)
class Matched:
    name: str
    unit_name: str
    moved: int  # packages of the year that now belong to the unit


def match_unit(
    svc: Services, *, actor_id: int, year: int, token: str, unit_id: int
) -> Matched | None:
    """Remember that the satuan kerja (by token) is this unit; None when either is gone."""
    with svc.db.write() as session:
        satker = next((s for s in _unmatched(session, year) if s.token == token), None)
        unit = units.get_unit(session, unit_id)
        cycle_id = cycle_id_of(session, year)
        if satker is None or cycle_id is None or unit is None or not unit.active:
            return None
        moved = packages.set_alias(
            session,
            cycle_id=cycle_id,
            name=satker.name,
            unit_id=unit_id,
            actor=actor(session, actor_id),
            now=svc.now(),
        )
        return Matched(satker.name, unit.name, moved)

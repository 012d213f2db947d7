"""Procurement packages in the database: import by Kode RUP, unit matching, mapping, coverage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot.packages.import_plan import IMPORT_FIELDS, UNIT, ImportPlan, plan_import
from bot.packages.sirup import SirupPackage
from storage import audit
from storage.models import Cycle, Package, Unit, UnitAlias, User

ALL_COLUMNS = tuple(column for columns in IMPORT_FIELDS.values() for column in columns)


def name_key(name: str) -> str:
    """How a satuan kerja name is compared: case and spacing ignored."""
    return " ".join(name.casefold().split())


def _record(
    session: Session,
    *,
    actor: User | None,
    now: datetime,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """An audit entry by ``actor`` (None: the system, e.g. the command line)."""
    audit.record(
        session,
        at=now,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
    )


def aliases(session: Session) -> dict[str, int]:
    return {row.name_key: row.unit_id for row in session.exec(select(UnitAlias))}


def set_alias(
    session: Session, *, cycle_id: int, name: str, unit_id: int, actor: User, now: datetime
) -> int:
    """Remember that ``name`` is this unit; packages already imported under it follow. Returns
    how many packages moved."""
    key = name_key(name)
    row = session.get(UnitAlias, key)
    if row is None:
        row = UnitAlias(name_key=key, unit_id=unit_id)
    row.unit_id = unit_id
    session.add(row)
    moved = 0
    for package in session.exec(select(Package).where(Package.cycle_id == cycle_id)):
        if name_key(package.satuan_kerja) == key and package.unit_id != unit_id:
            package.unit_id = unit_id
            package.updated_at = now
            session.add(package)
            moved += 1
    _record(
        session,
        actor=actor,
        now=now,
        action="unit.alias",
        entity="unit",
        entity_id=unit_id,
        after={"satuan_kerja": name},
    )
    return moved


@dataclass(frozen=True)
class ImportCounts:
    added: int
    updated: int
    unchanged: int


def stored_values(session: Session, *, cycle_id: int) -> dict[str, dict[str, Any]]:
    """Kode RUP -> the fields an import may change (and the matched unit) of the cycle."""
    return {
        p.kode_rup: {name: getattr(p, name) for name in (*IMPORT_FIELDS, UNIT)}
        for p in session.exec(select(Package).where(Package.cycle_id == cycle_id))
    }


def preview(
    session: Session,
    *,
    cycle_id: int | None,
    rows: Sequence[SirupPackage],
    columns: Iterable[str],
    unit_ids: Mapping[str, int | None],
    other_year: int = 0,
) -> ImportPlan:
    """What importing ``rows`` into the cycle would change (nothing is stored)."""
    stored = {} if cycle_id is None else stored_values(session, cycle_id=cycle_id)
    return plan_import(
        rows, columns=columns, stored=stored, unit_ids=unit_ids, other_year=other_year
    )


def upsert(
    session: Session,
    *,
    cycle_id: int,
    rows: Sequence[SirupPackage],
    unit_ids: Mapping[str, int | None],
    actor: User | None,
    now: datetime,
    columns: Iterable[str] | None = None,
) -> ImportCounts:
    """Add new packages and update known ones by Kode RUP, as ``preview`` said; areas and
    owners are kept, and so are stored values of fields the export has no column for
    (``columns``: the export's columns; None: every column)."""
    existing = {
        p.kode_rup: p for p in session.exec(select(Package).where(Package.cycle_id == cycle_id))
    }
    plan = preview(
        session,
        cycle_id=cycle_id,
        rows=rows,
        columns=ALL_COLUMNS if columns is None else columns,
        unit_ids=unit_ids,
    )
    for change in plan.changes:
        if change.is_new:
            session.add(
                Package(
                    cycle_id=cycle_id,
                    kode_rup=change.kode_rup,
                    imported_at=now,
                    updated_at=now,
                    **change.values,
                )
            )
        elif change.changed:
            package = existing[change.kode_rup]
            for key, value in change.values.items():
                setattr(package, key, value)
            package.updated_at = now
            session.add(package)
    added, updated, unchanged = plan.new, plan.updated, plan.unchanged
    _record(
        session,
        actor=actor,
        now=now,
        action="package.import",
        entity="cycle",
        entity_id=cycle_id,
        after={"added": added, "updated": updated, "unchanged": unchanged},
    )
    return ImportCounts(added, updated, unchanged)


def get(session: Session, package_id: int) -> Package | None:
    return session.get(Package, package_id)


def year_of(session: Session, package: Package) -> int:
    """The year of the package's cycle."""
    cycle = session.get(Cycle, package.cycle_id)
    if cycle is None:
        raise LookupError(f"cycle {package.cycle_id} not found")
    return cycle.year


def of_unit(session: Session, *, cycle_id: int, unit_id: int) -> list[Package]:
    return list(
        session.exec(
            select(Package)
            .where(Package.cycle_id == cycle_id, Package.unit_id == unit_id)
            .order_by(col(Package.nama_paket))
        )
    )


def all_of_cycle(session: Session, *, cycle_id: int) -> list[Package]:
    return list(session.exec(select(Package).where(Package.cycle_id == cycle_id)))


def unmatched_names(session: Session, *, cycle_id: int) -> list[str]:
    names = {p.satuan_kerja for p in all_of_cycle(session, cycle_id=cycle_id) if p.unit_id is None}
    return sorted(names, key=str.casefold)


def map_area(
    session: Session, *, package_id: int, area_code: str | None, actor: User, now: datetime
) -> Package | None:
    """Set a package's strategic area. A performance owner who maps becomes its owner; the
    team mapping on an owner's behalf leaves the owner as it was."""
    package = session.get(Package, package_id)
    if package is None:
        return None
    before = {"area_code": package.area_code, "owner_user_id": package.owner_user_id}
    package.area_code = area_code
    if actor.role == "pj":
        package.owner_user_id = actor.id
    package.updated_at = now
    session.add(package)
    _record(
        session,
        actor=actor,
        now=now,
        action="package.map",
        entity="package",
        entity_id=package_id,
        before=before,
        after={"area_code": area_code, "owner_user_id": package.owner_user_id},
    )
    return package


@dataclass(frozen=True)
class UnitCoverage:
    unit_id: int | None
    unit_name: str  # "" for the satuan kerja not matched to a unit yet
    short_name: str
    packages: int
    mapped: int
    pagu: int


def coverage(session: Session, *, cycle_id: int) -> list[UnitCoverage]:
    """Packages and mapped packages per unit (unmatched satuan kerja together as one line)."""
    units = {u.id: (u.name, u.short_name) for u in session.exec(select(Unit))}
    rows: dict[int | None, list[Package]] = {}
    for package in all_of_cycle(session, cycle_id=cycle_id):
        rows.setdefault(package.unit_id, []).append(package)
    result = []
    for unit_id, items in rows.items():
        name, short_name = ("", "") if unit_id is None else units.get(unit_id, ("", ""))
        result.append(
            UnitCoverage(
                unit_id,
                name,
                short_name,
                len(items),
                sum(1 for p in items if p.area_code),
                sum(p.pagu for p in items),
            )
        )
    return sorted(result, key=lambda c: (c.unit_id is None, c.unit_name.casefold()))

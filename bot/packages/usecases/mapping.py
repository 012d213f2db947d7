"""Mapping packages to the plan's strategic areas: one at a time, or the team's whole sheet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from bot.core.roles import Role
from bot.core.xlsx_guard import XLSX_MIME
from bot.packages.mapping_workbook import MappingRow, mapping_workbook, read_mapping_workbook
from bot.packages.usecases.common import actor, cycle_id_of, plan_for_mapping, sync_step
from bot.packages.usecases.overview import open_years
from bot.planning.rules.model import Plan
from bot.planning.rules.validation import Problem
from bot.services import Services
from bot.sop.steps import StepId
from storage import archive, packages
from storage.archive import NewDocument
from storage.models import Package, User

TEAM = (Role.KEPALA, Role.TIM)


class Refusal(Enum):
    PACKAGE_GONE = "package_gone"
    NOT_YOURS = "not_yours"  # a performance owner and another unit's package
    AREA_GONE = "area_gone"  # no longer an area of the plan


@dataclass(frozen=True)
class AreaChoice:
    code: str
    name: str


@dataclass(frozen=True)
class PackageDetail:
    package_id: int
    kode_rup: str
    nama_paket: str
    pagu: int
    metode: str
    unit_id: int | None
    year: int
    current: AreaChoice | None
    areas: tuple[AreaChoice, ...]  # of the plan packages map to


def _allowed(user: User, package: Package) -> bool:
    return Role(user.role) in TEAM or (user.unit_id is not None and package.unit_id == user.unit_id)


def _areas(plan: Plan) -> tuple[AreaChoice, ...]:
    return tuple(AreaChoice(a.code, a.name) for a in plan.areas)


def package_detail(svc: Services, *, actor_id: int, package_id: int) -> PackageDetail | Refusal:
    """A package and the areas it can map to, for a member allowed to map it."""
    with svc.db.read() as session:
        package = packages.get(session, package_id)
        if package is None or package.id is None:
            return Refusal.PACKAGE_GONE
        if not _allowed(actor(session, actor_id), package):
            return Refusal.NOT_YOURS
        year = packages.year_of(session, package)
        areas = _areas(plan_for_mapping(session, year))
        return PackageDetail(
            package_id=package.id,
            kode_rup=package.kode_rup,
            nama_paket=package.nama_paket,
            pagu=package.pagu,
            metode=package.metode,
            unit_id=package.unit_id,
            year=year,
            current=next((a for a in areas if a.code == package.area_code), None),
            areas=areas,
        )


@dataclass(frozen=True)
class Mapped:
    kode_rup: str
    area_code: str
    unit_id: int | None
    year: int


def map_package(
    svc: Services, *, actor_id: int, package_id: int, area_code: str
) -> Mapped | Refusal:
    """Map the package to the area (an owner who maps becomes its owner); step 10 follows."""
    with svc.db.write() as session:
        package = packages.get(session, package_id)
        if package is None or package.id is None:
            return Refusal.PACKAGE_GONE
        user = actor(session, actor_id)
        if not _allowed(user, package):
            return Refusal.NOT_YOURS
        year = packages.year_of(session, package)
        area = plan_for_mapping(session, year).area(area_code)
        if area is None:
            return Refusal.AREA_GONE
        packages.map_area(
            session, package_id=package.id, area_code=area.code, actor=user, now=svc.now()
        )
        sync_step(session, cycle_id=package.cycle_id, actor_id=actor_id, now=svc.now())
        return Mapped(package.kode_rup, area.code, package.unit_id, year)


def _sheet_source(svc: Services, year: int) -> tuple[list[MappingRow], Plan]:
    with svc.db.read() as session:
        cycle_id = cycle_id_of(session, year)
        found = [] if cycle_id is None else packages.all_of_cycle(session, cycle_id=cycle_id)
        rows = [
            MappingRow(p.kode_rup, p.nama_paket, p.satuan_kerja, p.pagu, p.metode, p.area_code)
            for p in found
        ]
        return rows, plan_for_mapping(session, year)


def mapping_sheet(svc: Services, *, year: int) -> bytes:
    """The year's mapping sheet (slow for many packages: run it in a thread)."""
    rows, plan = _sheet_source(svc, year)
    return mapping_workbook(rows, plan, title=svc.profile.unit_name)


@dataclass(frozen=True)
class SheetChange:
    kode_rup: str
    before: str | None
    after: str | None


def check_mapping_sheet(
    svc: Services, *, year: int, content: bytes
) -> list[Problem] | tuple[SheetChange, ...]:
    """Every problem of a filled sheet, or the areas it changes, in the sheet's order
    (slow for a large sheet: run it in a thread). Nothing is stored."""
    rows, plan = _sheet_source(svc, year)
    stored = {r.kode_rup: r.area_code for r in rows}
    result = read_mapping_workbook(content, plan=plan, known_kode_rup=set(stored))
    if isinstance(result, list):
        return result
    return tuple(
        SheetChange(kode, stored.get(kode), area)
        for kode, area in result.items()
        if stored.get(kode) != area
    )


MAPPING_SHEET_KIND = "pemetaan_paket_xlsx"
"""The archive kind of a filled mapping sheet the team saved (step 10)."""


def hold_sheet(svc: Services, content: bytes) -> str:
    """Keep a checked sheet until Simpan or Batal; returns its token."""
    return archive.hold(svc.archive_dir, content)


def release_sheet(svc: Services, token: str) -> None:
    if token:
        archive.release(svc.archive_dir, token)


def apply_mapping_sheet(
    svc: Services,
    *,
    actor_id: int,
    year: int,
    changes: Mapping[str, str | None],
    token: str = "",
    file_name: str = "",
) -> int | None:
    """Store the sheet's changes (kode RUP -> area, None: unmapped), archive the held sheet
    (``token``) and update step 10; how many changes there were, or None when the year is
    no longer open or has no packages."""
    if year not in open_years(svc).years:
        return None
    content = archive.held(svc.archive_dir, token) if token else None
    with svc.db.write() as session:
        cycle_id = cycle_id_of(session, year)
        if cycle_id is None:
            return None
        user = actor(session, actor_id)
        if content is not None:
            meta = NewDocument(
                kind=MAPPING_SHEET_KIND,
                file_name=file_name or f"pemetaan-paket-{year}.xlsx",
                mime_type=XLSX_MIME,
                cycle_id=cycle_id,
                step_no=int(StepId.PACKAGE_MAPPING),
                uploaded_by_user_id=actor_id,
            )
            archive.store(session, root=svc.archive_dir, content=content, meta=meta, now=svc.now())
        by_code = {p.kode_rup: p for p in packages.all_of_cycle(session, cycle_id=cycle_id)}
        for kode, area in changes.items():
            package = by_code.get(kode)
            if package is not None and package.id is not None:
                packages.map_area(
                    session, package_id=package.id, area_code=area, actor=user, now=svc.now()
                )
        sync_step(session, cycle_id=cycle_id, actor_id=actor_id, now=svc.now())
    return len(changes)

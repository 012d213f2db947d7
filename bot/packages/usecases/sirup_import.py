"""Importing a SIRUP export: hold the file, preview what it changes, store it on Simpan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot.packages.import_plan import ImportPlan, rows_of_year
from bot.packages.sirup import SirupError, SirupImport, match_units, pagu_per_unit, read_sirup
from bot.packages.usecases.common import cycle_id_of, sync_step
from bot.packages.usecases.overview import import_years
from bot.services import Services
from bot.sop.steps import StepId
from storage import archive, cycles, packages, units, users
from storage.archive import NewDocument


def hold_export(svc: Services, content: bytes) -> str:
    """Keep an uploaded export until Simpan or Batal; returns its token."""
    return archive.hold(svc.archive_dir, content)


def held_export(svc: Services, *, token: str, file_name: str) -> SirupImport | None:
    """The held export read again (slow for a large file: run it in a thread); None when it
    is gone."""
    content = archive.held(svc.archive_dir, token)
    if content is None:
        return None
    result = read_sirup(content, file_name)
    return None if isinstance(result, SirupError) else result


def release_export(svc: Services, token: str) -> None:
    archive.release(svc.archive_dir, token)


def unit_ids(session: Session, names: Sequence[str]) -> dict[str, int | None]:
    """Each satuan kerja -> its unit: by name or short name, else as the team matched it."""
    known = {u.id: (u.name, u.short_name) for u in units.list_units(session) if u.id}
    matched = match_units(names, known)
    remembered = packages.aliases(session)
    return {name: matched.get(name) or remembered.get(packages.name_key(name)) for name in names}


@dataclass(frozen=True)
class UnitTotal:
    """The packages of one satuan kerja in the export; ``known``: matched to a unit."""

    name: str
    count: int
    pagu: int
    known: bool


@dataclass(frozen=True)
class ImportPreview:
    year: int
    count: int
    pagu: int
    units: tuple[UnitTotal, ...]  # sorted by name
    changes: ImportPlan

    @property
    def unknown(self) -> int:
        return sum(1 for u in self.units if not u.known)


def preview_import(svc: Services, result: SirupImport, *, year: int) -> ImportPreview:
    """What saving ``result`` into ``year`` would change (the same rule the save follows)."""
    rows, other_year = rows_of_year(result, year)
    with svc.db.read() as session:
        ids = unit_ids(session, result.units())
        plan = packages.preview(
            session,
            cycle_id=cycle_id_of(session, year),
            rows=rows,
            columns=result.columns,
            unit_ids=ids,
            other_year=other_year,
        )
    totals = tuple(
        UnitTotal(name, count, pagu, ids.get(name) is not None)
        for name, (count, pagu) in pagu_per_unit(rows).items()
    )
    return ImportPreview(year, len(rows), sum(p.pagu for p in rows), totals, plan)


@dataclass(frozen=True)
class ImportSaved:
    year: int
    added: int
    updated: int
    unchanged: int


SIRUP_EXPORT_KIND = "sirup_export"
"""The archive kind of an imported SIRUP export (the source of the year's packages)."""


def import_sirup(
    svc: Services,
    *,
    actor_id: int,
    result: SirupImport,
    year: int,
    token: str | None = None,
    file_name: str = "",
) -> ImportSaved | None:
    """Store the export's packages of ``year`` (by Kode RUP, keeping areas and owners),
    archive the held export (``token``) and update step 10; None when the year is no
    longer open."""
    if year not in import_years(svc):
        return None
    rows, _ = rows_of_year(result, year)
    content = None if token is None else archive.held(svc.archive_dir, token)
    with svc.db.write() as session:
        cycle_id = cycles.get_or_create_cycle(session, year=year, now=svc.now()).id
        assert cycle_id is not None
        if content is not None:
            meta = NewDocument(
                kind=SIRUP_EXPORT_KIND,
                file_name=file_name or f"sirup-{year}.xlsx",
                mime_type=_mime_of(file_name),
                cycle_id=cycle_id,
                step_no=int(StepId.PACKAGE_MAPPING),
                uploaded_by_user_id=actor_id,
            )
            archive.store(session, root=svc.archive_dir, content=content, meta=meta, now=svc.now())
        counts = packages.upsert(
            session,
            cycle_id=cycle_id,
            rows=rows,
            unit_ids=unit_ids(session, result.units()),
            actor=users.get_user(session, actor_id),
            now=svc.now(),
            columns=result.columns,
        )
        sync_step(session, cycle_id=cycle_id, actor_id=actor_id, now=svc.now())
    return ImportSaved(year, counts.added, counts.updated, counts.unchanged)


def _mime_of(file_name: str) -> str:
    """The export's type by its name (SIRUP gives .xlsx, .xls or .csv)."""
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    return {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls": "application/vnd.ms-excel",
        "csv": "text/csv",
    }.get(suffix, "application/octet-stream")

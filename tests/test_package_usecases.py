"""The /paket use cases called directly, without Telegram: each is one transaction that
leaves step 10 in step with the packages."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from bot.app import build_services
from bot.core.roles import Role
from bot.packages import usecases
from bot.packages.mapping_workbook import SHEET_MAPPING
from bot.packages.sirup import SirupImport, read_sirup
from bot.planning.rules.example import example_plan
from bot.services import Services
from bot.sop import workflow
from bot.sop.steps import StepId, StepState
from storage import cycles, packages, plans, units
from storage.models import AuditLog, User
from tests.harness import Harness

HEADER = "tahun_anggaran;nama_satker;kd_rup;nama_paket;pagu;metode_pengadaan"
EXPORT = f"""{HEADER}
2027;Dinas Kesehatan;41000001;Obat puskesmas;1250000000;Tender
2027;Dinas Kesehatan;41000002;Rehabilitasi puskesmas;2500000000;Tender
2027;Badan Urusan Baru;41000003;Pemetaan wilayah;300000000;Seleksi
"""


@pytest.fixture
def svc(tmp_path: Path) -> Services:
    """Services over a fresh database (the harness only lends its settings and clock)."""
    harness = Harness(tmp_path)
    found = build_services(harness.settings, clock=harness.clock)
    with found.db.write() as session:
        entries = [(u.name, u.short_name) for u in found.profile.units]
        units.sync_units(session, entries=entries, now=found.now())
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=found.now()
        )
    return found


def _member(svc: Services, telegram_id: int, role: Role, unit: str | None = None) -> int:
    with svc.db.write() as session:
        unit_id = None
        if unit is not None:
            found = units.find_unit(session, name=unit)
            assert found is not None
            unit_id = found.id
        user = User(
            telegram_id=telegram_id,
            role=role.value,
            unit_id=unit_id,
            full_name=f"Anggota {telegram_id}",
            nip="198503152010012003",
            position="Jabatan",
            registered_at=svc.now(),
            updated_at=svc.now(),
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        return user.id


def _export() -> SirupImport:
    result = read_sirup(EXPORT.encode(), "rup.csv")
    assert isinstance(result, SirupImport), result
    return result


def _step_10(svc: Services) -> tuple[str, str]:
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        row = cycles.step_rows(session, cycle_id=cycle.id)[int(StepId.PACKAGE_MAPPING)]
        return row.state, row.note


def _ids(svc: Services) -> dict[str, int]:
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        found = packages.all_of_cycle(session, cycle_id=cycle.id)
        return {p.kode_rup: p.id for p in found if p.id is not None}


def test_import_match_and_map_walk_step_10_to_done(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM)
    preview = usecases.preview_import(svc, _export(), year=2027)
    assert (preview.count, preview.changes.new, preview.unknown) == (3, 3, 1)
    saved = usecases.import_sirup(svc, actor_id=team, result=_export(), year=2027)
    assert saved == usecases.ImportSaved(2027, 3, 0, 0)
    assert _step_10(svc) == (StepState.BERJALAN.value, "3 paket belum dipetakan ke area strategis")

    (satker,) = usecases.unmatched(svc, year=2027)
    assert satker.name == "Badan Urusan Baru"
    dinsos = next(u for u in usecases.unit_choices(svc) if u.name == "Dinas Sosial")
    matched = usecases.match_unit(
        svc, actor_id=team, year=2027, token=satker.token, unit_id=dinsos.unit_id
    )
    assert matched == usecases.Matched("Badan Urusan Baru", "Dinas Sosial", 1)
    assert usecases.unmatched(svc, year=2027) == ()

    ids = _ids(svc)
    for kode in ("41000001", "41000002", "41000003"):
        mapped = usecases.map_package(svc, actor_id=team, package_id=ids[kode], area_code="A2")
        assert isinstance(mapped, usecases.Mapped) and mapped.year == 2027
    assert _step_10(svc) == (StepState.SELESAI.value, "")
    with svc.db.read() as session:
        actions = [row.action for row in session.exec(select(AuditLog))]
    assert actions.count("package.map") == 3 and "unit.alias" in actions


def test_an_owner_maps_only_own_packages_and_only_to_known_areas(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM)
    owner = _member(svc, 3001, Role.PJ, unit="Dinas Sosial")
    usecases.import_sirup(svc, actor_id=team, result=_export(), year=2027)
    ids = _ids(svc)
    assert (
        usecases.map_package(svc, actor_id=owner, package_id=ids["41000001"], area_code="A2")
        is usecases.Refusal.NOT_YOURS
    )
    assert (
        usecases.package_detail(svc, actor_id=owner, package_id=ids["41000001"])
        is usecases.Refusal.NOT_YOURS
    )
    assert (
        usecases.map_package(svc, actor_id=team, package_id=ids["41000001"], area_code="Z9")
        is usecases.Refusal.AREA_GONE
    )
    assert (
        usecases.package_detail(svc, actor_id=team, package_id=999_999)
        is usecases.Refusal.PACKAGE_GONE
    )
    detail = usecases.package_detail(svc, actor_id=team, package_id=ids["41000001"])
    assert isinstance(detail, usecases.PackageDetail)
    assert detail.current is None and [a.code for a in detail.areas][:2] == ["A1", "A2"]
    assert _step_10(svc)[0] == StepState.BERJALAN.value


def test_a_failing_step_update_stores_no_package(
    svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import and step 10 are one transaction: no packages without their step."""
    team = _member(svc, 2001, Role.TIM)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("step table unavailable")

    monkeypatch.setattr(workflow, "packages_synced", broken)
    with pytest.raises(RuntimeError):
        usecases.import_sirup(svc, actor_id=team, result=_export(), year=2027)
    assert _ids(svc) == {}


def test_a_year_that_is_not_open_gets_no_cycle(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM)
    assert usecases.import_sirup(svc, actor_id=team, result=_export(), year=2031) is None
    with svc.db.read() as session:
        assert cycles.find_cycle(session, year=2031) is None


def test_the_mapping_sheet_round_trip(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM)
    usecases.import_sirup(svc, actor_id=team, result=_export(), year=2027)
    book = openpyxl.load_workbook(io.BytesIO(usecases.mapping_sheet(svc, year=2027)))
    sheet = book[SHEET_MAPPING]
    headers = [c.value for c in sheet[1]]
    kode, area = headers.index("Kode RUP"), headers.index("Kode Area")
    for row in sheet.iter_rows(min_row=2):
        if row[kode].value == "41000002":
            row[area].value = "a3"
    out = io.BytesIO()
    book.save(out)
    changes = usecases.check_mapping_sheet(svc, year=2027, content=out.getvalue())
    assert changes == (usecases.SheetChange("41000002", None, "A3"),)
    count = usecases.apply_mapping_sheet(
        svc, actor_id=team, year=2027, changes={c.kode_rup: c.after for c in changes}
    )
    assert count == 1
    with svc.db.read() as session:
        stored = packages.get(session, _ids(svc)["41000002"])
        assert stored is not None and stored.area_code == "A3"
    assert _step_10(svc) == (StepState.BERJALAN.value, "2 paket belum dipetakan ke area strategis")
    problems = usecases.check_mapping_sheet(svc, year=2027, content=b"bukan excel")
    assert isinstance(problems, list) and problems

"""A year to compile (SOP step 13): a small plan with golden numbers, four units with one
mapped package each, and reports stored and verified as /lapor and /verifikasi store them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import build_services
from bot.core.clock import FixedClock
from bot.core.roles import Role
from bot.people.invitation_rules import new_code
from bot.planning.rules.model import (
    ActionPlan,
    Area,
    Category,
    FormulaInput,
    Frequency,
    Indicator,
    InputKind,
    Objective,
    Plan,
    Polarity,
)
from bot.planning.rules.periods import default_period_targets
from bot.services import Services
from bot.settings import Settings
from storage import closures, packages, submissions, units, users
from storage.models import User
from storage.users import Registration
from tests.databases import database_url
from tests.harness import NIPS, WIT, approve_plan, sirup_row

# Mid-August 2027: Triwulan I and II are over, III is running, IV has not started.
AUGUST = datetime(2027, 8, 16, 9, 0, tzinfo=WIT)

# Unit -> the area its one package is mapped to.
UNITS = {
    "Dinas Kesehatan": "A1",
    "Inspektorat": "A1",
    "Sekretariat Daerah": "A2",
    "Dinas Pendidikan dan Kebudayaan": "A2",
}

Q = Frequency.TRIWULANAN


def _indicator(
    code: str,
    area: str,
    formula: str,
    inputs: tuple[tuple[str, InputKind], ...],
    *,
    unit: str,
    polarity: Polarity,
    target: float,
    baseline: float,
) -> Indicator:
    return Indicator(
        code=code,
        area_code=area,
        name=f"Indikator {code}",
        definition="Definisi",
        inputs=tuple(FormulaInput(n, n.replace("_", " ").title(), k) for n, k in inputs),
        formula=formula,
        unit=unit,
        polarity=polarity,
        monitoring_frequency=Q,
        reporting_frequency=Q,
        data_source="Laporan PJ",
        pic_unit="UKPBJ",
        evidence="Laporan",
        baseline_value=baseline,
        baseline_year=2026,
        annual_target=target,
        period_targets=default_period_targets(target, unit, Q),
    )


A = InputKind.ANGKA


def golden_plan(year: int = 2027) -> Plan:
    """K1 % higher is better, K2 days lower is better, K6 % (closed in the tests) in area A1;
    K3 Rupiah (cumulative) and K4 a count with a zero target, lower is better, in A2."""
    up, down = Polarity.NAIK, Polarity.TURUN
    indicators = (
        _indicator(
            "K1", "A1", "tepat / total * 100", (("tepat", A), ("total", A)),
            unit="%", polarity=up, target=80, baseline=70,
        ),
        _indicator(
            "K2", "A1", "hari / tender", (("hari", A), ("tender", A)),
            unit="hari", polarity=down, target=40, baseline=50,
        ),
        _indicator(
            "K3", "A2", "nilai", (("nilai", InputKind.RUPIAH),),
            unit="Rp", polarity=up, target=1_000_000, baseline=800_000,
        ),
        _indicator(
            "K4", "A2", "sanggah", (("sanggah", A),),
            unit="jumlah", polarity=down, target=0, baseline=3,
        ),
        _indicator(
            "K6", "A1", "tepat / total * 100", (("tepat", A), ("total", A)),
            unit="%", polarity=up, target=60, baseline=50,
        ),
    )  # fmt: skip
    return Plan(
        year=year,
        objectives=(Objective("T1", "Tujuan"),),
        areas=(
            Area("A1", "Ketepatan waktu", Category.KETEPATAN_WAKTU, "T1"),
            Area("A2", "Penghematan", Category.PENGHEMATAN_BIAYA, "T1"),
        ),
        indicators=indicators,
        actions=(
            ActionPlan(
                "K1", 1, "Pendampingan jadwal", "Jadwal", date(year, 1, 1), date(year, 6, 30)
            ),
            ActionPlan("K2", 1, "Percepatan evaluasi", "SOP", date(year, 1, 1), date(year, 3, 31)),
        ),
    )


class ResultsWorld:
    """Services over a fresh database at ``AUGUST`` with the golden plan approved (or, with
    ``on``, those of a running test bot)."""

    def __init__(
        self, tmp_path: Path, *, plan: Plan | None = None, profile: Path | None = None
    ) -> None:
        clock = FixedClock(AUGUST)
        extra: dict[str, Any] = {} if profile is None else {"kinerja_config": profile}
        settings = Settings(
            _env_file=None,
            telegram_bot_token="123456:TEST-TOKEN",
            database_url=database_url(tmp_path),
            kinerja_archive_dir=tmp_path / "arsip",
            **extra,
        )
        self._seed(build_services(settings, clock=clock), clock, plan)

    @classmethod
    def on(cls, svc: Services, clock: FixedClock, plan: Plan | None = None) -> ResultsWorld:
        """The world in a running bot's database, its clock set to ``AUGUST``."""
        clock.set(AUGUST)
        world = cls.__new__(cls)
        world._seed(svc, clock, plan)
        return world

    def _seed(self, svc: Services, clock: FixedClock, plan: Plan | None) -> None:
        self.svc, self.clock = svc, clock
        self.packages: dict[str, int] = {}
        now = self.clock.now()
        with self.svc.db.write() as session:
            profile_units = [(u.name, u.short_name) for u in self.svc.profile.units]
            units.sync_units(session, entries=profile_units, now=now)
            self.cycle_id = approve_plan(session, plan or golden_plan(), now)
        for number, (name, area) in enumerate(UNITS.items(), start=1):
            self.packages[name] = self.add_package(name, area, number)
        self.team_id = self.person(9001, Role.TIM)

    def add_package(self, unit_name: str, area: str | None, number: int) -> int:
        with self.svc.db.write() as session:
            unit = units.find_unit(session, name=unit_name)
            assert unit is not None and unit.id is not None
            row = sirup_row(
                kode_rup=f"4200{number:04d}",
                nama_paket=f"Paket {number} {unit_name}",
                satuan_kerja=unit_name,
                row=4 + number,
            )
            packages.upsert(
                session,
                cycle_id=self.cycle_id,
                rows=[row],
                unit_ids={unit_name: unit.id},
                actor=None,
                now=self.clock.now(),
            )
            found = next(
                p
                for p in packages.all_of_cycle(session, cycle_id=self.cycle_id)
                if p.kode_rup == row.kode_rup
            )
            found.area_code = area
            session.add(found)
            assert found.id is not None
            return found.id

    def person(self, telegram_id: int, role: Role, unit_id: int | None = None) -> int:
        now = self.clock.now()
        with self.svc.db.write() as session:
            invitation = users.create_invitation(
                session,
                code=new_code(),
                role=role,
                unit_id=unit_id,
                created_by=None,
                created_via="cli",
                now=now,
                expires_at=now + timedelta(days=7),
            )
            user = users.redeem_invitation(
                session,
                code=invitation.code,
                person=Registration(telegram_id, f"Orang {telegram_id}", NIPS[role.value], "-"),
                now=now,
            )
            assert isinstance(user, User) and user.id is not None
            return user.id

    def report(
        self,
        unit_name: str,
        period: str,
        values: dict[str, Any],
        *,
        accept: bool | None = True,
        actions: list[dict[str, Any]] | None = None,
    ) -> int:
        """Store a report revision of the unit's package; accept or return it (None: leave
        it waiting). Its submission id."""
        self.clock.advance(timedelta(minutes=1))
        with self.svc.db.write() as session:
            team = users.get_user(session, self.team_id)
            assert team is not None
            row = submissions.submit(
                session,
                cycle_id=self.cycle_id,
                package_id=self.packages[unit_name],
                period_key=f"triwulanan-{period}",
                values=values,
                actions=actions or [],
                constraints="",
                evidence=[],
                via="chat",
                late=False,
                owner=team,
                now=self.clock.now(),
            )
            assert row.id is not None
            if accept is not None:
                submissions.verify(
                    session,
                    submission_id=row.id,
                    accept=accept,
                    note="" if accept else "Periksa lagi",
                    verifier=team,
                    now=self.clock.now(),
                )
            return row.id

    def close(self, code: str, period: str, closed_after: date) -> None:
        with self.svc.db.write() as session:
            closures.close(
                session,
                cycle_id=self.cycle_id,
                indicator_code=code,
                reason=closures.ACHIEVED,
                period_key=f"triwulanan-{period}",
                closed_after=closed_after,
                actor=None,
                now=self.clock.now(),
            )


def golden_reports(world: ResultsWorld) -> None:
    """The reports the golden numbers of tests/test_results.py come from."""
    world.report(
        "Dinas Kesehatan",
        "1",
        {"tepat": 8, "total": 10, "hari": 90, "tender": 2},
        actions=[
            {"indicator": "K1", "number": 1, "status": "berjalan", "note": ""},
            {"indicator": "K2", "number": 1, "status": "berjalan", "note": ""},
        ],
    )
    world.report("Inspektorat", "1", {"tepat": 6, "total": 10, "hari": 30, "tender": 1})
    world.report(
        "Dinas Kesehatan",
        "2",
        {"tepat": 9, "total": 10, "hari": 100, "tender": 2},
        actions=[{"indicator": "K1", "number": 1, "status": "selesai", "note": ""}],
    )
    world.report(
        "Inspektorat", "2", {"tepat": 1, "total": 10, "hari": 5, "tender": 5}, accept=False
    )  # returned: not counted
    world.report("Sekretariat Daerah", "1", {"nilai": 200_000, "sanggah": 1})
    world.report("Dinas Pendidikan dan Kebudayaan", "1", {"nilai": 100_000, "sanggah": 0})
    world.report("Sekretariat Daerah", "2", {"nilai": 150_000, "sanggah": 2})
    world.report("Sekretariat Daerah", "2", {"nilai": 250_000, "sanggah": 1})  # replaces it
    world.report(
        "Sekretariat Daerah", "2", {"nilai": 9_999_999, "sanggah": 9}, accept=None
    )  # waiting: not counted
    world.close("K6", "2", date(2027, 6, 30))

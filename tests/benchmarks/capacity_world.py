"""The simulated year of the capacity benchmark: a profile with N units, each with owners (PJ)
and mapped packages, a team and a head, an approved plan, and a year of reports that owners
send through the chat (/lapor with an evidence file) and the team accepts (/verifikasi), with
the reminders job run every day and the quarterly reports signed by the head.

Built on tests/harness.py (the real application over the in-process fake Bot API);
``TimedPerson`` goes through the application's update processor (as the polling loop does)
and records how long each update took.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from telegram import Update

from bot.core.roles import Role
from bot.devtools import chat
from bot.devtools.chat import Person
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import Frequency, InputKind, Plan
from bot.planning.rules.periods import default_period_targets
from bot.reminders import job
from bot.reporting.rules import ReportingPeriod
from bot.reporting.usecases.reports import ReportStart, begin_report
from bot.settings import Settings
from bot.sop.cycles import cycle
from storage import packages, units
from tests.harness import WIT, Harness, app_of, approve_plan, sirup_row

YEAR = 2027
FREQUENCIES = {1: Frequency.TAHUNAN, 2: Frequency.SEMESTER, 4: Frequency.TRIWULANAN}
FREQUENCIES[12] = Frequency.BULANAN
TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "profil-contoh-jayawijaya.toml"
QUARTERS = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")
HEAD, TEAM = 1001, (2001, 2002)


@dataclass(frozen=True)
class Size:
    """How big the simulated organisation is."""

    units: int = 20
    owners: int = 2  # per unit
    packages: int = 2  # per unit
    periods: int = 4  # every indicator reports 1, 2, 4 or 12 times a year
    evidence_kb: int = 200  # one evidence PDF of this size per report


def unit_name(number: int) -> str:
    return f"Dinas Uji {number:03d}"


def package_name(unit: int, number: int) -> str:
    return f"Paket {unit:03d}-{number:02d}"


def owner_id(unit: int, number: int) -> int:
    return 100_000 + unit * 100 + number


def write_profile(folder: Path, size: Size) -> Path:
    """The sample profile with its OPD list replaced by ``size.units`` units."""
    text = TEMPLATE.read_text(encoding="utf-8")
    head = text[: text.index("[[opd]]")]
    opd = "".join(
        f'[[opd]]\nnama = "{unit_name(n)}"\nsingkatan = "DU{n:03d}"\n\n'
        for n in range(1, size.units + 1)
    )
    path = folder / "profil.toml"
    path.write_text(head + opd, encoding="utf-8")
    return path


def year_plan(periods: int) -> Plan:
    """The example plan with every indicator monitored and reported ``periods`` times."""
    frequency = FREQUENCIES[periods]
    plan = example_plan(YEAR)
    return replace(
        plan,
        indicators=tuple(
            replace(
                i,
                monitoring_frequency=frequency,
                reporting_frequency=frequency,
                period_targets=default_period_targets(i.annual_target or 0, i.unit, frequency),
            )
            for i in plan.indicators
        ),
    )


def evidence_pdf(number: int, kilobytes: int) -> bytes:
    """A PDF-signed file of ``kilobytes`` that no other report sends (so none is shared)."""
    return b"%PDF-1.4\n%" + number.to_bytes(8, "big") + os.urandom(kilobytes * 1024)


class TimedPerson(Person):
    """A person whose updates go through the update processor, as polling hands them over;
    each update's time (waiting for a free place included) lands in ``latencies``."""

    latencies: list[float] | None = None

    async def _process(self, data: dict[str, Any]) -> list[Any]:
        data = {"update_id": next(chat._update_ids), **data}
        self._last_update = data
        before = len(self.api.transcript)
        update = Update.de_json(data, self.app.bot)
        started = time.perf_counter()
        await self.app.update_processor.process_update(update, self.app.process_update(update))
        if self.latencies is not None:
            self.latencies.append(time.perf_counter() - started)
        return [m for m in self.api.transcript[before:] if m.chat_id == self.telegram_id]


class World:
    """The running bot and its people, with a year to live through."""

    def __init__(self, folder: Path, size: Size, database_url: str | None) -> None:
        self.size = size
        self.bot = Harness(folder)
        self.bot.settings = Settings(
            _env_file=None,
            telegram_bot_token="123456:TEST-TOKEN",
            database_url=database_url or f"sqlite:///{folder / 'kinerja.db'}",
            kinerja_archive_dir=folder / "arsip",
            kinerja_config=write_profile(folder, size),
        )
        self.owners: dict[int, TimedPerson] = {}  # telegram id -> person
        self.packages: dict[int, tuple[int, str]] = {}  # package id -> (owner telegram id, name)
        self.unit_packages: dict[int, list[str]] = {}  # unit number -> package names
        self.unit_of: dict[int, int] = {}  # owner's telegram id -> unit number
        self.team: list[TimedPerson] = []
        self.head: TimedPerson | None = None
        self.reports = 0
        self.failures: list[str] = []
        self._documents = 0

    async def start(self) -> None:
        await self.bot.start()

    async def person(self, telegram_id: int, role: Role, unit: str | None = None) -> TimedPerson:
        await self.bot.registered(telegram_id, role, unit=unit)
        person = TimedPerson(
            app=app_of(self.bot),
            api=self.bot.api,
            telegram_id=telegram_id,
            timestamp=lambda: self.bot.clock.now().timestamp(),
        )
        return person

    async def owner(self, telegram_id: int, unit: int) -> TimedPerson:
        self.unit_of[telegram_id] = unit
        return await self.person(telegram_id, Role.PJ, unit_name(unit))

    async def people_and_plan(self) -> None:
        """Head, team, owners; the plan approved and every unit's packages mapped."""
        self.head = await self.person(HEAD, Role.KEPALA)
        self.team = [await self.person(t, Role.TIM) for t in TEAM]
        for u in range(1, self.size.units + 1):
            for o in range(1, self.size.owners + 1):
                telegram_id = owner_id(u, o)
                self.owners[telegram_id] = await self.owner(telegram_id, u)
        now = self.bot.clock.now()
        plan = year_plan(self.size.periods)
        areas = [a.code for a in plan.areas]
        with self.bot.svc.db.write() as session:
            cycle_id = approve_plan(session, plan, now)
            for u in range(1, self.size.units + 1):
                unit = units.find_unit(session, name=unit_name(u))
                assert unit is not None and unit.id is not None
                rows = [
                    sirup_row(
                        kode_rup=f"5{u:03d}{k:02d}",
                        nama_paket=package_name(u, k),
                        satuan_kerja=unit.name,
                        row=5 + k,
                    )
                    for k in range(1, self.size.packages + 1)
                ]
                packages.upsert(
                    session,
                    cycle_id=cycle_id,
                    rows=rows,
                    unit_ids={unit.name: unit.id},
                    actor=None,
                    now=now,
                )
                for k, package in enumerate(
                    packages.of_unit(session, cycle_id=cycle_id, unit_id=unit.id)
                ):
                    package.area_code = areas[(u + k) % len(areas)]
                    session.add(package)
                    assert package.id is not None
                    owner = owner_id(u, k % self.size.owners + 1)
                    self.packages[package.id] = (owner, package.nama_paket)
                    self.unit_packages.setdefault(u, []).append(package.nama_paket)

    def periods(self) -> list[ReportingPeriod]:
        view = cycle(self.bot.svc, YEAR)
        return sorted(view.periods, key=lambda p: p.end)

    async def tick(self, at: datetime) -> None:
        """The clock moves to ``at``; the reminders job runs and the outbox is sent."""
        self.bot.clock.set(at)
        await job.run(app_of(self.bot))
        await self.bot.drain_outbox()

    def clear_chats(self) -> None:
        """Forget what the fake API showed (finding a button scans every message)."""
        api = self.bot.api
        api.calls.clear()
        api.transcript.clear()
        api.shown.clear()
        api.files.clear()

    async def report(self, package_id: int, period: ReportingPeriod, *, revision: bool) -> None:
        """One owner's report on a package through /lapor, with an evidence PDF."""
        telegram_id, name = self.packages[package_id]
        owner = self.owners[telegram_id]
        start = self._start(package_id, period)
        if start is None:
            return
        await owner.command("lapor")
        await owner.press(f"{period.label} {YEAR} ·")
        await owner.press(name)
        for item in start.inputs:
            await owner.send("Rp 1.000.000" if item.kind is InputKind.RUPIAH else "10")
        for _ in start.actions:
            await owner.press("berjalan")
            await owner.send("-")
        await owner.send("-")  # no constraints
        self._documents += 1
        pdf = evidence_pdf(self._documents, self.size.evidence_kb)
        await owner.upload(f"bukti-{self._documents}.pdf", pdf, "application/pdf")
        await owner.press("Selesai")
        shown = await owner.press("Kirim")
        if revision and "revisi baru" in " ".join(shown[-1].button_texts):
            shown = await owner.press("revisi baru")
        if "terkirim" not in shown[-1].plain:
            self.failures.append(f"/lapor {name} {period.key}: {shown[-1].plain[:120]}")
        else:
            self.reports += 1

    def _start(self, package_id: int, period: ReportingPeriod) -> ReportStart | None:
        with self.bot.svc.db.read() as session:
            package = packages.get(session, package_id)
            assert package is not None
            unit_id = package.unit_id
        found = begin_report(
            self.bot.svc, unit_id=unit_id, package_id=package_id, period_key=period.key
        )
        return found if isinstance(found, ReportStart) else None

    async def verify_all(self) -> int:
        """The team accepts every waiting report through /verifikasi; how many."""
        team = self.team[0]
        accepted = 0
        shown = await team.command("verifikasi")
        while shown and "Terima" in " ".join(shown[-1].button_texts):
            shown = await team.press("Terima")
            accepted += 1
        return accepted

    async def quarterly_report(self, quarter: int) -> None:
        """The team prepares the quarter's performance report; the head signs it."""
        team, head = self.team[0], self.head
        assert head is not None
        label = f"{QUARTERS[quarter - 1]} {YEAR}"
        try:
            await team.command("laporan")
            await team.press("Laporan triwulanan")
            await team.press(label)
            await team.press("Ajukan untuk ditandatangani")
            shown = await head.press("Tandatangani")
            if not shown:
                self.failures.append(f"laporan {label}: nothing shown after signing")
        except LookupError as error:
            self.failures.append(f"laporan {label}: {error}")


def report_day(period: ReportingPeriod) -> date:
    """Owners report three days after the period ends (before its deadline)."""
    return min(period.end + timedelta(days=3), period.deadline.date())


async def live_the_year(world: World, echo: Any) -> None:
    """Every day of the year (and the first weeks of the next) at 09.00 WIT: the reminders
    job; on a period's report day every owner reports, the next day the team accepts all;
    after each quarter's reports the quarterly performance report is signed. 31 December
    23.30 and 1 January 00.30 get a run of their own."""
    periods = world.periods()
    by_day: dict[date, list[ReportingPeriod]] = {}
    for period in periods:
        by_day.setdefault(report_day(period), []).append(period)
    last = max(by_day) + timedelta(days=2)
    day, started = date(YEAR, 1, 5), time.perf_counter()
    while day <= last:
        await world.tick(datetime.combine(day, clock_time(9, 0), WIT))
        for period in by_day.get(day, []):
            world.clear_chats()
            for package_id in world.packages:
                await world.report(package_id, period, revision=False)
            world.bot.clock.set(datetime.combine(day + timedelta(days=1), clock_time(10), WIT))
            accepted = await world.verify_all()
            await world.bot.drain_outbox()
            echo(
                f"  {period.label} {YEAR}: {accepted} reports accepted "
                f"({time.perf_counter() - started:.0f} s)"
            )
            if period.frequency in (Frequency.TRIWULANAN, Frequency.BULANAN) and (
                period.end.month % 3 == 0
            ):
                await world.quarterly_report(period.end.month // 3)
        if day == date(YEAR, 12, 31):
            await world.tick(datetime(YEAR, 12, 31, 23, 30, tzinfo=WIT))
            await world.tick(datetime(YEAR + 1, 1, 1, 0, 30, tzinfo=WIT))
        day += timedelta(days=1)

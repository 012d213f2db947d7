"""The test harness: the real application over the fake Bot API, a fixed clock and a
fresh database (SQLite, or PostgreSQL: ``tests/databases.py``), with people who talk to it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session
from telegram.ext import Application

from bot.app import KinerjaApplication, build_application, build_services
from bot.core.clock import FixedClock
from bot.core.delivery import RateLimiter
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import FakeBotApi
from bot.outbox import DrainResult, OutboxSender
from bot.packages.sirup import SirupPackage
from bot.people.invitation_rules import new_code
from bot.planning.rules.model import Plan
from bot.planning.usecases import store_plan
from bot.services import Services
from bot.settings import Settings
from storage import plans, units, users
from storage.users import Registration
from tests.databases import database_url

WIT = ZoneInfo("Asia/Jayapura")
START = datetime(2027, 1, 5, 9, 0, tzinfo=WIT)

NIPS = {
    "kepala": "197406102000031002",
    "tim": "198503152010012003",
    "pj": "199001012015031004",
}


class Harness:
    """One running bot: ``person()`` makes users, ``restart()`` rebuilds the application."""

    def __init__(self, tmp_path: Path, *, database: str | None = None) -> None:
        """``database``: a URL to run on (an old database being upgraded); by default the
        test's own fresh one."""
        self.tmp_path = tmp_path
        self.clock = FixedClock(START)
        self.api = FakeBotApi(clock_timestamp=lambda: self.clock.now().timestamp())
        self.settings = Settings(
            _env_file=None,
            telegram_bot_token="123456:TEST-TOKEN",
            database_url=database or database_url(tmp_path),
            kinerja_archive_dir=tmp_path / "arsip",
        )
        # The lease holder: a restart, even after a crash, is the same instance coming back.
        self.instance = f"harness:{id(self)}"
        self.errors: list[BaseException] = []
        self.expected_errors = 0
        self.app: KinerjaApplication | None = None
        self.services: Services | None = None
        self._people: list[Person] = []
        self._virtual_seconds = 0.0

    async def start(self) -> None:
        self.services = build_services(self.settings, clock=self.clock)
        app = build_application(self.services, request=self.api, instance=self.instance)
        app.add_error_handler(self._collect)
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        # The same sender, spacing sends on a virtual clock: a test waits for no real second
        # between two messages to one chat, nor for a flood-wait to pass.
        app.bot_data["outbox"] = OutboxSender(
            self.services, app.bot, limiter=RateLimiter(monotonic=self._ticks, sleep=self._wait)
        )
        self.app = app
        for person in self._people:
            person.app = app

    def _ticks(self) -> float:
        return self._virtual_seconds

    async def _wait(self, seconds: float) -> None:
        self._virtual_seconds += seconds

    async def stop(self) -> None:
        if self.app is not None:
            await self.app.shutdown()
            if self.app.post_shutdown is not None:
                await self.app.post_shutdown(self.app)
            self.app = None

    async def restart(self, *, graceful: bool = True) -> None:
        """Stop (or drop, as a crash would) the application and build a new one on the same
        database."""
        if graceful:
            await self.stop()
        else:
            assert self.services is not None
            self.services.db.dispose()
            self.app = None
        await self.start()

    async def _collect(self, update: object, context: Any) -> None:
        self.errors.append(context.error)

    async def drain_outbox(self) -> DrainResult:
        """Send what the outbox holds now, as the running bot's job would."""
        assert self.app is not None
        sender = self.app.bot_data["outbox"]
        assert isinstance(sender, OutboxSender)
        return await sender.drain()

    def person(self, telegram_id: int, first_name: str = "Pengguna") -> Person:
        assert self.app is not None
        person = Person(
            app=self.app,
            api=self.api,
            telegram_id=telegram_id,
            first_name=first_name,
            timestamp=lambda: self.clock.now().timestamp(),
        )
        self._people.append(person)
        return person

    @property
    def svc(self) -> Services:
        assert self.services is not None
        return self.services

    def invitation(
        self,
        role: Role,
        *,
        unit: str | None = None,
        lifetime: timedelta = timedelta(days=7),
    ) -> str:
        """A fresh invitation code, as `kinerja-bot invite` makes it."""
        now = self.clock.now()
        with self.svc.db.write() as session:
            unit_id = None
            if unit is not None:
                found = units.find_unit(session, name=unit)
                assert found is not None, unit
                unit_id = found.id
            invitation = users.create_invitation(
                session,
                code=new_code(),
                role=role,
                unit_id=unit_id,
                created_by=None,
                created_via="cli",
                now=now,
                expires_at=now + lifetime,
            )
            return invitation.code

    async def registered(
        self, telegram_id: int, role: Role, *, name: str = "", unit: str | None = None
    ) -> Person:
        """A person already registered with ``role`` (directly in the database)."""
        code = self.invitation(role, unit=unit)
        with self.svc.db.write() as session:
            users.redeem_invitation(
                session,
                code=code,
                person=Registration(
                    telegram_id=telegram_id,
                    full_name=name or f"{role.value.title()} {telegram_id}",
                    nip=NIPS[role.value],
                    position=f"Jabatan {role.value}",
                ),
                now=self.clock.now(),
            )
        return self.person(telegram_id, name or role.value)


def approve_plan(session: Session, plan: Plan, now: datetime) -> int:
    """Store ``plan`` as its year's newest revision and approve it, as the head's decision
    leaves the revision (owners report on it, letters implement it); the cycle's id."""
    revision = store_plan(session, plan=plan, actor_id=None, now=now).revision
    assert revision is not None
    plans.set_status(session, revision_id=revision.id, status=plans.APPROVED, actor=None, now=now)
    return revision.cycle_id


def app_of(harness: Harness) -> Application[Any, Any, Any, Any, Any, Any]:
    assert harness.app is not None
    return harness.app


def sirup_row(**changes: Any) -> SirupPackage:
    """One SIRUP package as the importer reads it (Dinas Kesehatan, 2027), with ``changes``."""
    fields: dict[str, Any] = {
        "kode_rup": "41000001",
        "nama_paket": "Pengadaan obat puskesmas",
        "satuan_kerja": "Dinas Kesehatan",
        "pagu": 1_250_000_000,
        "metode": "e-Purchasing",
        "jenis": "Barang",
        "sumber_dana": "DAK",
        "waktu_pemilihan": "",
        "tahun": 2027,
        "kd_satker": "",
        "status_pdn": "",
        "status_ukm": "",
        "row": 5,
    }
    return SirupPackage(**{**fields, **changes})


def crash_after_next_reply(bot: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """The process dies as soon as the reply left: PTB's write after the update never runs
    (follow with ``bot.restart(graceful=False)``)."""

    async def crashed() -> None:
        return None

    assert bot.app is not None
    monkeypatch.setattr(bot.app, "update_persistence", crashed)

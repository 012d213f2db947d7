"""A reporting year for the reminder tests: an approved plan with monthly, quarterly,
half-yearly and yearly indicators, one mapped package per unit, owners who report when told,
and an inbox that records every message each person got with its time in WIT."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.core.delivery import RateLimiter
from bot.core.roles import Role
from bot.outbox import OutboxSender
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import Frequency, Plan
from bot.reminders import job
from bot.reminders.engine import SendResult
from bot.sop.cycles import cycle
from storage import cycles, packages, submissions, units, users
from tests.harness import WIT, Harness, app_of, approve_plan, sirup_row

# Unit, package area (A1-A3 quarterly, A3 made monthly here, A4 half-yearly and yearly).
UNITS = {
    "Dinas Kesehatan": "A2",
    "Dinas Pendidikan dan Kebudayaan": "A4",
    "Inspektorat": "A3",
    "Sekretariat Daerah": "A1",
}


def plan_2027() -> Plan:
    """The example plan with area A3 (IKU-05) reported monthly."""
    plan = example_plan(2027)
    return replace(
        plan,
        indicators=tuple(
            replace(i, reporting_frequency=Frequency.BULANAN) if i.area_code == "A3" else i
            for i in plan.indicators
        ),
    )


def setup_year(bot: Harness) -> dict[str, int]:
    """Approve the plan and give every unit of ``UNITS`` one mapped package; their ids."""
    now = bot.clock.now()
    found: dict[str, int] = {}
    with bot.svc.db.write() as session:
        cycle_id = approve_plan(session, plan_2027(), now)
        for number, (name, area) in enumerate(UNITS.items(), start=1):
            unit = units.find_unit(session, name=name)
            assert unit is not None and unit.id is not None
            row = sirup_row(
                kode_rup=f"4100000{number}",
                nama_paket=f"Paket & belanja {name}",
                satuan_kerja=name,
                pagu=1_000_000_000,
                metode="Tender",
                sumber_dana="DAU",
                row=4 + number,
            )
            packages.upsert(
                session,
                cycle_id=cycle_id,
                rows=[row],
                unit_ids={name: unit.id},
                actor=None,
                now=now,
            )
            package = next(p for p in packages.of_unit(session, cycle_id=cycle_id, unit_id=unit.id))
            package.area_code = area
            session.add(package)
            assert package.id is not None
            found[name] = package.id
    return found


def submit(bot: Harness, *, telegram_id: int, package_id: int, period_key: str) -> None:
    """The owner's report for the package and period, stored as /lapor stores it."""
    with bot.svc.db.write() as session:
        owner = users.get_by_telegram_id(session, telegram_id)
        package = packages.get(session, package_id)
        assert owner is not None and package is not None
        submissions.submit(
            session,
            cycle_id=package.cycle_id,
            package_id=package_id,
            period_key=period_key,
            values={},
            actions=[],
            constraints="",
            evidence=[],
            via="bot",
            late=False,
            owner=owner,
            now=bot.clock.now(),
        )


def deadlines(bot: Harness, area: str) -> dict[str, datetime]:
    """The deadline of every period the area reports in (by period key)."""
    view = cycle(bot.svc, 2027)
    assert view.plan is not None
    frequencies = {i.reporting_frequency for i in view.plan.indicators if i.area_code == area}
    return {p.key: p.deadline for p in view.periods if p.frequency in frequencies}


@dataclass(frozen=True)
class Got:
    """One message a person got: when (WIT), its first line, and the time left it names."""

    at: str
    header: str
    left: str
    buttons: tuple[str, ...]
    text: str = field(compare=False)


class Inbox:
    """Every message the bot sent, per chat, with the clock's time when it went out."""

    def __init__(self, bot: Harness) -> None:
        self.bot = bot
        self.seen = 0
        self.got: dict[int, list[Got]] = {}
        self._paced: object = None

    def collect(self) -> None:
        transcript = self.bot.api.transcript
        at = self.bot.clock.now().astimezone(WIT).strftime("%Y-%m-%d %H:%M")
        for shown in transcript[self.seen :]:
            plain = shown.plain
            left = plain.split("(", 2)[-1].split(")")[0] if "Batas waktu" in plain else ""
            got = Got(at, plain.splitlines()[0], left, tuple(shown.button_texts), plain)
            self.got.setdefault(shown.chat_id, []).append(got)
        self.seen = len(transcript)

    def _simulated_limiter(self) -> None:
        """The outbox paces sends by the injected clock, not the machine's: a simulated year
        must not wait a real second between two messages to one chat."""
        app = app_of(self.bot)
        if app is not self._paced:
            clock = self.bot.clock

            async def wait(seconds: float) -> None:
                # Rounded up to the clock's microseconds, or the limiter would wait forever.
                clock.advance(timedelta(microseconds=math.ceil(seconds * 1_000_000) + 1))

            app.bot_data["outbox"] = OutboxSender(
                self.bot.svc,
                app.bot,
                limiter=RateLimiter(monotonic=lambda: clock.now().timestamp(), sleep=wait),
            )
            self._paced = app

    async def tick(self, at: datetime) -> SendResult:
        """Move the clock to ``at`` and run the reminders job once (it drains the outbox)."""
        self.bot.clock.set(at)
        self._simulated_limiter()
        result = await job.run(app_of(self.bot))
        await self.bot.drain_outbox()
        self.collect()
        return result


async def owner(bot: Harness, telegram_id: int, unit: str) -> int:
    person = await bot.registered(telegram_id, Role.PJ, unit=unit)
    with bot.svc.db.read() as session:
        user = users.get_by_telegram_id(session, person.telegram_id)
        assert user is not None and user.id is not None
        return user.id


def cycle_id(bot: Harness) -> int:
    with bot.svc.db.read() as session:
        found = cycles.find_cycle(session, year=2027)
        assert found is not None and found.id is not None
        return found.id

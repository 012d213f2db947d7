"""Reporting's use cases called directly, with a database and a clock but no Telegram."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.app import build_services
from bot.core.clock import FixedClock
from bot.core.roles import Role
from bot.people.invitation_rules import new_code
from bot.reporting.usecases.common import ActionReport
from bot.reporting.usecases.reports import (
    ReportSent,
    ReportStart,
    RevisionNeeded,
    begin_report,
    period_menu,
    store_evidence,
    submit_report,
)
from bot.reporting.usecases.schedule import close_cycle
from bot.reporting.usecases.verification import (
    AlreadyDecided,
    Verified,
    evidence_files,
    verification_card,
    verify_report,
)
from bot.services import Services
from bot.settings import Settings
from bot.sop.cycle_rules import CloseRefusal
from storage import cycles, packages, submissions, units, users
from storage.models import Document, Submission, User
from storage.users import Registration
from tests.databases import database_url
from tests.harness import NIPS, START, approve_plan, sirup_row
from tests.test_reporting_flow import PNG, _plan

VALUES: dict[str, float | bool | str] = {
    "total_hps": 1_000_000_000.0,
    "total_nilai_kontrak": 900_000_000.0,
    "tanggal_kontrak": "2027-02-10",
    "nilai_epurchasing": 1_250_000_000.0,
    "total_pagu": 2_500_000_000.0,
}


class World:
    """Services over a fresh database: the approved plan, Dinas Kesehatan's one mapped
    package, an owner of that unit and a team member."""

    def __init__(self, tmp_path: Path) -> None:
        self.clock = FixedClock(START)
        settings = Settings(
            _env_file=None,
            telegram_bot_token="123456:TEST-TOKEN",
            database_url=database_url(tmp_path),
            kinerja_archive_dir=tmp_path / "arsip",
        )
        self.svc: Services = build_services(settings, clock=self.clock)
        now = self.clock.now()
        with self.svc.db.write() as session:
            profile_units = [(u.name, u.short_name) for u in self.svc.profile.units]
            units.sync_units(session, entries=profile_units, now=now)
            approve_plan(session, _plan(), now)
            cycle = cycles.find_cycle(session, year=2027)
            unit = units.find_unit(session, name="Dinas Kesehatan")
            assert cycle is not None and cycle.id is not None
            assert unit is not None and unit.id is not None
            self.cycle_id, self.unit_id = cycle.id, unit.id
            packages.upsert(
                session,
                cycle_id=cycle.id,
                rows=[sirup_row()],
                unit_ids={"Dinas Kesehatan": unit.id},
                actor=None,
                now=now,
            )
            package = packages.all_of_cycle(session, cycle_id=cycle.id)[0]
            package.area_code = "A2"
            session.add(package)
            assert package.id is not None
            self.package_id = package.id
        self.owner_id = self._person(3001, Role.PJ, unit.id)
        self.team_id = self._person(2001, Role.TIM, None)

    def _person(self, telegram_id: int, role: Role, unit_id: int | None) -> int:
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

    def submit(self, *, confirmed: bool = False) -> ReportSent | RevisionNeeded | None:
        return submit_report(
            self.svc,
            owner_id=self.owner_id,
            package_id=self.package_id,
            period_key="triwulanan-1",
            values=VALUES,
            actions=[ActionReport("IKU-03", 1, "berjalan", "")],
            constraints="",
            evidence=[],
            confirmed=confirmed,
        )

    def revisions(self) -> list[tuple[int, str]]:
        """(revision, status) of every stored report of the package for Triwulan I."""
        with self.svc.db.read() as session:
            rows = session.exec(
                select(Submission)
                .where(Submission.package_id == self.package_id)
                .order_by(col(Submission.revision))
            )
            return [(r.revision, r.status) for r in rows]


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_a_report_goes_from_the_menu_to_verification(world: World) -> None:
    menu = period_menu(world.svc, unit_id=world.unit_id)
    assert [(c.year, c.period.key, c.done) for c in menu.choices][:1] == [
        (2027, "triwulanan-1", False)
    ]
    start = begin_report(
        world.svc, unit_id=world.unit_id, package_id=world.package_id, period_key="triwulanan-1"
    )
    assert isinstance(start, ReportStart)
    assert [i.name for i in start.inputs] == list(VALUES)
    # Another unit cannot start a report on this package.
    assert (
        begin_report(
            world.svc, unit_id=world.unit_id + 1, package_id=world.package_id, period_key="x"
        )
        is None
    )

    sent = world.submit()
    assert isinstance(sent, ReportSent) and sent.revision == 1 and not sent.late
    # A second report waits for a confirmation and stores nothing until then.
    assert world.submit() == RevisionNeeded(1, submissions.SUBMITTED)
    assert world.revisions() == [(1, submissions.SUBMITTED)]
    sent = world.submit(confirmed=True)
    assert isinstance(sent, ReportSent) and sent.revision == 2
    assert world.revisions() == [(1, submissions.SUPERSEDED), (2, submissions.SUBMITTED)]
    done = period_menu(world.svc, unit_id=world.unit_id).choices[0]
    assert done.period.key == "triwulanan-1" and done.done

    card = verification_card(world.svc, position=5)  # kept within the queue
    assert card is not None and (card.position, card.count, card.revision) == (1, 1, 2)
    assert card.package_name == "Pengadaan obat puskesmas" and card.owner_name == "Orang 3001"
    returned = verify_report(
        world.svc,
        verifier_id=world.team_id,
        submission_id=card.submission_id,
        accept=False,
        note="Lampirkan kontrak.",
    )
    assert isinstance(returned, Verified) and returned.owner_chat_id == 3001
    assert returned.period is not None and returned.period.key == "triwulanan-1"
    assert verification_card(world.svc, position=1) is None
    # Deciding twice records nothing and says who decided; fixing a returned report needs
    # no question.
    again = verify_report(
        world.svc, verifier_id=world.team_id, submission_id=card.submission_id, accept=True, note=""
    )
    assert isinstance(again, AlreadyDecided) and not again.accepted and again.by == "Orang 2001"
    sent = world.submit()
    assert isinstance(sent, ReportSent) and sent.revision == 3


def test_evidence_is_archived_once_and_shown_to_the_team(world: World) -> None:
    first = store_evidence(
        world.svc,
        owner_id=world.owner_id,
        unit_id=world.unit_id,
        package_id=world.package_id,
        period_key="triwulanan-1",
        content=PNG,
        file_name="foto.jpg",
        mime_type="image/png",
        telegram_file_id="",
    )
    second = store_evidence(
        world.svc,
        owner_id=world.owner_id,
        unit_id=world.unit_id,
        package_id=world.package_id,
        period_key="triwulanan-1",
        content=PNG,
        file_name="lagi.jpg",
        mime_type="image/png",
        telegram_file_id="",
    )
    assert first == second
    with world.svc.db.read() as session:
        document = session.get(Document, first)
    assert document is not None
    assert (document.cycle_id, document.step_no) == (world.cycle_id, 11)
    assert (document.unit_id, document.period_key, document.revision) == (
        world.unit_id,
        "triwulanan-1",
        1,
    )
    sent = submit_report(
        world.svc,
        owner_id=world.owner_id,
        package_id=world.package_id,
        period_key="triwulanan-1",
        values=VALUES,
        actions=[],
        constraints="",
        evidence=[first],
        confirmed=False,
    )
    assert isinstance(sent, ReportSent)
    card = verification_card(world.svc, position=1)
    assert card is not None and card.evidence_count == 1
    files = evidence_files(world.svc, submission_id=card.submission_id)
    assert files is not None and [(f.file_name, f.content) for f in files] == [
        ("foto.png", PNG)
    ]  # named by its type


def test_a_closed_cycle_takes_no_report_and_closing_waits_for_its_deadlines(
    world: World,
) -> None:
    refusal = close_cycle(world.svc, year=2027, actor_id=world.team_id)
    assert refusal is CloseRefusal.DEADLINES_AHEAD
    with world.svc.db.write() as session:
        cycles.close_cycle(session, cycle_id=world.cycle_id, actor=None, now=world.clock.now())
    assert world.submit() is None
    assert world.revisions() == []
    assert close_cycle(world.svc, year=2027, actor_id=world.team_id) is (
        CloseRefusal.ALREADY_CLOSED
    )

"""The planning use cases without Telegram: each one on a real database, what it stores,
the SOP steps it moves, and what it refuses (storing nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import build_services
from bot.core.clock import FixedClock
from bot.core.roles import Role
from bot.planning import usecases
from bot.planning.rules.editing import attribute
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import Plan, PlanStatus
from bot.services import Services
from bot.settings import Settings
from bot.sop.steps import StepState
from storage import archive, audit, cycles, plans, users
from storage.models import Document, User
from storage.users import Registration
from tests.databases import database_url
from tests.harness import START

B, J, P, D = (
    StepState.BELUM_MULAI,
    StepState.BERJALAN,
    StepState.PERLU_PERBAIKAN,
    StepState.SELESAI,
)


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        _env_file=None,
        telegram_bot_token="123456:TEST-TOKEN",
        database_url=database_url(tmp_path, "plan.db"),
        kinerja_archive_dir=tmp_path / "arsip",
    )
    services = build_services(settings, clock=FixedClock(START))
    yield services
    services.db.dispose()


def _member(svc: Services, telegram_id: int, role: Role, name: str) -> int:
    now = svc.now()
    with svc.db.write() as session:
        invitation = users.create_invitation(
            session,
            code=f"KODE{telegram_id}",
            role=role,
            unit_id=None,
            created_by=None,
            created_via="cli",
            now=now,
            expires_at=now + timedelta(days=1),
        )
        user = users.redeem_invitation(
            session,
            code=invitation.code,
            person=Registration(telegram_id, name, f"19850315201001200{telegram_id % 10}", "Staf"),
            now=now,
        )
        assert isinstance(user, User) and user.id is not None
        return user.id


def _steps(svc: Services, year: int = 2027) -> dict[int, StepState]:
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=year)
        assert cycle is not None and cycle.id is not None
        return cycles.step_states(session, cycle_id=cycle.id)


def _stored(svc: Services, year: int = 2027) -> Plan:
    return usecases.current_plan(svc, year=year).plan


def test_the_starter_plan_goes_into_an_empty_plan_only(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM, "Maria Wenda")
    assert usecases.seed_starter_plan(svc, year=2027, actor_id=team) == usecases.Seeded(8, 10)
    assert _stored(svc) == example_plan(2027)
    assert _steps(svc) == {1: D, 2: D, 3: D, 4: D}
    assert isinstance(usecases.seed_starter_plan(svc, year=2027, actor_id=team), usecases.NotEmpty)
    overview = usecases.plan_overview(svc, year=2027)
    assert overview.revision is not None and overview.revision.label == "revisi 1 (draf)"
    assert [(s.number, s.state) for s in overview.steps] == [(1, D), (2, D), (3, D), (4, D)]


def test_steps_say_what_a_saved_plan_lacks(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM, "Maria Wenda")
    full = example_plan(2027)
    partial = replace(full, actions=tuple(a for a in full.actions if a.indicator_code != "IKU-01"))
    saved = usecases.save_plan(svc, plan=partial, actor_id=team)
    assert len(saved.changes) == 2 + 4 + 8 + 8 and saved.replaced is None
    steps = usecases.plan_overview(svc, year=2027).steps
    assert steps[3].state is J and steps[3].note == "1 indikator belum punya rencana aksi"
    # Saving the same plan again changes nothing, not even the steps' history.
    assert usecases.save_plan(svc, plan=partial, actor_id=team).changes == ()
    usecases.save_plan(svc, plan=Plan(year=2027), actor_id=team)
    assert _steps(svc) == {1: B, 2: B, 3: B, 4: B}


def test_an_uploaded_workbook_is_archived_with_the_plan(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM, "Maria Wenda")
    upload = usecases.Upload(b"PK workbook", "rencana.xlsx")
    usecases.save_plan(svc, plan=example_plan(2027), actor_id=team, upload=upload)
    with svc.db.read() as session:
        (document,) = session.exec(select(Document).where(Document.kind == "rencana_xlsx")).all()
        assert document.uploaded_by_user_id == team and document.step_no == 1
        assert document.cycle_id is not None
        assert (document.revision, document.period_key, document.unit_id) == (1, "", None)
        assert archive.path_of(svc.archive_dir, document).read_bytes() == b"PK workbook"


def test_editing_an_attribute_checks_then_saves_in_one_go(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM, "Maria Wenda")
    usecases.seed_starter_plan(svc, year=2027, actor_id=team)
    target = attribute("tt")
    assert target is not None
    refused = usecases.edit_attribute(
        svc, year=2027, code="IKU-04", attribute=target, raw="enam puluh", actor_id=team
    )
    assert isinstance(refused, usecases.Invalid) and "bukan angka" in refused.reason
    gone = usecases.edit_attribute(
        svc, year=2027, code="IKU-99", attribute=target, raw="65", actor_id=team
    )
    assert isinstance(gone, usecases.NotFound)
    assert _stored(svc) == example_plan(2027)
    edited = usecases.edit_attribute(
        svc, year=2027, code="IKU-04", attribute=target, raw="65", actor_id=team
    )
    assert isinstance(edited, usecases.AttributeEdited)
    assert edited.indicator.annual_target == 65 and edited.targets_derived == 4
    assert not edited.was_read_only and edited.saved.revision is not None
    indicator = _stored(svc).indicator("IKU-04")
    assert indicator is not None and indicator.period_targets == (65, 65, 65, 65)
    with svc.db.read() as session:
        (entry,) = audit.entries(session, action="plan.changed")
    assert entry.actor_label == "Maria Wenda" and entry.entity_id == "IKU-04"


def test_action_plans_are_added_and_removed(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM, "Maria Wenda")
    usecases.seed_starter_plan(svc, year=2027, actor_id=team)

    def add(schedule: str) -> object:
        return usecases.add_action_plan(
            svc,
            year=2027,
            code="IKU-05",
            activity="Evaluasi tender gagal",
            output="Catatan evaluasi",
            schedule=schedule,
            actor_id=team,
        )

    refused = add("01/03/2026 - 31/03/2026")
    assert isinstance(refused, usecases.Invalid) and "di luar tahun 2027" in refused.reason
    added = add("01/03/2027 - 31/12/2027")
    assert isinstance(added, usecases.ActionAdded) and added.number == 2
    assert len(_stored(svc).actions_of("IKU-05")) == 2
    removed = usecases.remove_action_plan(svc, year=2027, code="IKU-05", number=1, actor_id=team)
    assert isinstance(removed, usecases.ActionRemoved)
    assert [a.number for a in _stored(svc).actions_of("IKU-05")] == [2]
    again = usecases.remove_action_plan(svc, year=2027, code="IKU-05", number=1, actor_id=team)
    assert isinstance(again, usecases.NotFound)


def test_submit_then_changes_then_approval(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM, "Maria Wenda")
    head = _member(svc, 1001, Role.KEPALA, "Yulianus Lokobal")
    full = example_plan(2027)
    usecases.save_plan(svc, plan=replace(full, actions=full.actions[:-1]), actor_id=team)
    refused = usecases.submit_plan(svc, year=2027, actor_id=team)
    assert refused == usecases.PlanIncomplete(("1 indikator belum punya rencana aksi",))
    assert 5 not in _steps(svc)
    usecases.save_plan(svc, plan=full, actor_id=team)
    submitted = usecases.submit_plan(svc, year=2027, actor_id=team)
    assert isinstance(submitted, usecases.Submitted) and submitted.previous is None
    assert submitted.revision.status is PlanStatus.SUBMITTED
    assert _steps(svc)[5] is J and _steps(svc)[6] is J
    assert usecases.submit_plan(svc, year=2027, actor_id=team) == usecases.NotADraft(
        PlanStatus.SUBMITTED
    )
    revision_id = submitted.revision.id
    assert usecases.is_current_submission(svc, revision_id=revision_id)

    def decide(approved: bool, comment: str = "") -> usecases.PlanDecided | None:
        return usecases.decide_plan(
            svc,
            revision_id=revision_id,
            approved=approved,
            decided_by_user_id=head,
            decided_by="Yulianus Lokobal",
            acting="",
            decided_at=START,
            comment=comment,
        )

    assert decide(False, "Naikkan target IKU-04.") == usecases.PlanDecided(2027, 1, False)
    assert (_steps(svc)[5], _steps(svc)[6]) == (P, P)
    overview = usecases.plan_overview(svc, year=2027)
    assert overview.revision is not None
    assert overview.revision.status is PlanStatus.CHANGES_REQUESTED
    assert not usecases.is_current_submission(svc, revision_id=revision_id)
    # Revision 2 answers the request; once approved it is archived, steps 5-6 done, 7 open.
    target = attribute("tt")
    assert target is not None
    usecases.edit_attribute(
        svc, year=2027, code="IKU-04", attribute=target, raw="65", actor_id=team
    )
    resubmitted = usecases.submit_plan(svc, year=2027, actor_id=team)
    assert isinstance(resubmitted, usecases.Submitted) and resubmitted.revision.number == 2
    revision_id = resubmitted.revision.id
    assert decide(True) == usecases.PlanDecided(2027, 2, True)
    steps = _steps(svc)
    assert (steps[5], steps[6], steps[7]) == (D, D, J)
    with svc.db.read() as session:
        row = plans.latest_revision(session, cycle_id=overview.revision.cycle_id)
        assert row is not None and row.status == plans.APPROVED and row.document_id is not None
        document = session.get(Document, row.document_id)
        assert document is not None and document.kind == "rencana_disetujui"
        assert (document.step_no, document.revision) == (6, 2)
        assert document.signed_by == "Yulianus Lokobal" and document.verification_code
        stored = archive.path_of(svc.archive_dir, document).read_bytes()
    current = usecases.current_plan(svc, year=2027)
    sent = usecases.planning_pdf(svc, revision=current.revision, plan=current.plan, label="x")
    assert sent == stored  # the approved copy exactly as signed
    assert (
        usecases.decide_plan(
            svc,
            revision_id=9999,
            approved=True,
            decided_by_user_id=head,
            decided_by="",
            acting="",
            decided_at=None,
            comment="",
        )
        is None
    )


def test_a_draft_answering_a_request_for_changes_keeps_the_note(svc: Services) -> None:
    team = _member(svc, 2001, Role.TIM, "Maria Wenda")
    usecases.seed_starter_plan(svc, year=2027, actor_id=team)
    submitted = usecases.submit_plan(svc, year=2027, actor_id=team)
    assert isinstance(submitted, usecases.Submitted)
    usecases.decide_plan(
        svc,
        revision_id=submitted.revision.id,
        approved=False,
        decided_by_user_id=None,
        decided_by="Kepala",
        acting="",
        decided_at=START,
        comment="Perbaiki target.",
    )
    target = attribute("tt")
    assert target is not None
    edited = usecases.edit_attribute(
        svc, year=2027, code="IKU-04", attribute=target, raw="65", actor_id=team
    )
    assert isinstance(edited, usecases.AttributeEdited) and edited.was_read_only
    assert edited.saved.replaced is not None and edited.saved.replaced.number == 1
    assert edited.saved.revision is not None and edited.saved.revision.number == 2
    overview = usecases.plan_overview(svc, year=2027)
    assert overview.previous is not None and overview.previous.number == 1
    # The note is the request's (recorded by the approvals feature), none here.
    assert overview.previous_comment == ""
    resubmitted = usecases.submit_plan(svc, year=2027, actor_id=team)
    assert isinstance(resubmitted, usecases.Submitted)
    assert resubmitted.previous is not None and resubmitted.previous.number == 1
    assert resubmitted.previous_plan == example_plan(2027)

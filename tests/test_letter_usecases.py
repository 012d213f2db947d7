"""Letters and outreach without Telegram: the spellings of a letter kind, and the use cases
called directly on a database (draft, submit, sign and send a circular; acknowledge it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_services
from bot.cli import SIGNED_KINDS
from bot.core.clock import FixedClock
from bot.core.profile import SIGNED_DOCUMENT_KINDS
from bot.core.resources import templates_dir
from bot.core.roles import Role
from bot.core.signing import Decision
from bot.letters.kinds import LetterKind, LetterStatus
from bot.letters.usecases import drafting, signing
from bot.outreach.usecases import answers
from bot.outreach.usecases.answers import Answered
from bot.people.invitation_rules import new_code
from bot.planning.rules.example import example_plan
from bot.services import Services
from bot.settings import Settings
from bot.sop.steps import StepId, StepState
from bot.texts import DOCUMENT_KIND_NAMES
from storage import cycles, outbox, units, users
from storage import letters as store
from storage.models import Broadcast, User
from storage.users import Registration
from tests.databases import database_url
from tests.harness import approve_plan

NOW = datetime(2027, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Jayapura"))


def test_every_spelling_of_a_letter_kind_comes_from_the_enum() -> None:
    """Stored rows keep reading: letter.kind, the archive's and broadcasts' kinds and the
    approval requests' kinds are the values the bot always wrote."""
    spellings = {
        kind: (kind.value, kind.document, kind.archive_kind, kind.approval_kind, kind.step)
        for kind in LetterKind
    }
    assert spellings == {
        LetterKind.CIRCULAR: (
            "edaran",
            "surat-edaran",
            "surat_edaran",
            "surat_edaran",
            StepId.CIRCULAR,
        ),
        LetterKind.INVITATION: (
            "undangan",
            "surat-undangan",
            "surat_undangan",
            "surat_undangan",
            StepId.SOCIALISATION_INVITATION,
        ),
        LetterKind.REPORT: (
            "laporan",
            "laporan-sosialisasi",
            "laporan_sosialisasi",
            "surat_laporan",
            StepId.SOCIALISATION,
        ),
    }
    for kind in LetterKind:
        assert LetterKind.of_approval(kind.approval_kind) is kind
        assert kind.document in SIGNED_DOCUMENT_KINDS  # the profile's [atas_nama] keys
        assert (templates_dir() / kind.file_name).is_file()
        assert kind.archive_kind in DOCUMENT_KIND_NAMES and kind.archive_kind in SIGNED_KINDS
    assert LetterKind.of_approval("rencana") is None
    assert {status.value for status in LetterStatus} == {"draft", "awaiting_signature", "signed"}


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        _env_file=None,
        database_url=database_url(tmp_path),
        kinerja_archive_dir=tmp_path / "arsip",
    )
    services = build_services(settings, clock=FixedClock(NOW))
    with services.db.write() as session:
        units.sync_units(
            session, entries=[(u.name, u.short_name) for u in services.profile.units], now=NOW
        )
        approve_plan(session, example_plan(2027), NOW)
    yield services
    services.db.dispose()


def _person(svc: Services, telegram_id: int, role: Role, unit: str | None = None) -> int:
    with svc.db.write() as session:
        found = None if unit is None else units.find_unit(session, name=unit)
        invitation = users.create_invitation(
            session,
            code=new_code(),
            role=role,
            unit_id=None if found is None else found.id,
            created_by=None,
            created_via="cli",
            now=NOW,
            expires_at=datetime(2027, 2, 1, tzinfo=NOW.tzinfo),
        )
        user = users.redeem_invitation(
            session,
            code=invitation.code,
            person=Registration(
                telegram_id=telegram_id,
                full_name=f"Orang {telegram_id}",
                nip="198503152010012003",
                position="Staf",
            ),
            now=NOW,
        )
        assert isinstance(user, User) and user.id is not None
        return user.id


def _step(svc: Services, step: StepId) -> StepState:
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        return cycles.step_states(session, cycle_id=cycle.id)[step]


async def test_a_circular_is_drafted_signed_sent_and_acknowledged_by_use_cases(
    svc: Services,
) -> None:
    team = _person(svc, 2001, Role.TIM)
    head = _person(svc, 1001, Role.KEPALA)
    owner = _person(svc, 3001, Role.PJ, unit="Dinas Kesehatan")

    opening = drafting.start_letter(svc, kind=LetterKind.CIRCULAR, year=2027, actor_id=team)
    assert opening.card is not None and opening.missing is None
    letter = opening.card.letter
    assert letter.status is LetterStatus.DRAFT and letter.year == 2027
    assert _step(svc, StepId.CIRCULAR) is StepState.BERJALAN
    # A second "Buat draf" finds the draft instead of making another.
    again = drafting.start_letter(svc, kind=LetterKind.CIRCULAR, year=2027, actor_id=team)
    assert again.card is not None and again.card.letter.id == letter.id

    submitted = drafting.submit_for_signature(svc, letter_id=letter.id)
    assert not isinstance(submitted, drafting.Refusal)
    assert submitted.status is LetterStatus.AWAITING
    assert drafting.submit_for_signature(svc, letter_id=letter.id) is drafting.Refusal.NOT_DRAFT

    decision = Decision(user_id=head, name="Orang 1001", acting="", at=NOW)
    signed = await signing.sign(svc, letter_id=letter.id, decision=decision)
    assert signed == signing.SignedLetter(LetterKind.CIRCULAR, "027/001/UKPBJ/2027", 1)
    assert _step(svc, StepId.CIRCULAR) is StepState.SELESAI

    card = drafting.card_of(svc, letter_id=letter.id)
    assert card is not None and card.delivery is not None
    assert [copy.queued for copy in card.delivery.copies] == [True]
    with svc.db.read() as session:
        stored = store.get_letter(session, letter.id)
        assert stored is not None and stored.broadcast_id is not None
        broadcast = session.get(Broadcast, stored.broadcast_id)
        assert broadcast is not None and broadcast.kind == "surat_edaran"
        assert outbox.buttons_of(broadcast) == [[("✅ Sudah diterima", "ack:{item}")]]
        (item,) = outbox.items_of(session, broadcast_id=stored.broadcast_id)
    assert item.id is not None
    assert answers.acknowledge(svc, user_id=team, item_id=item.id) is Answered.NOT_YOURS
    assert answers.acknowledge(svc, user_id=owner, item_id=item.id) is Answered.RECORDED
    assert answers.acknowledge(svc, user_id=owner, item_id=item.id) is Answered.ALREADY

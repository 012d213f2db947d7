"""A decision and its effect are one: a stop (crash, network error) between the head's
decision and what it changes leaves the effect pending, and the next start (or the next
press of the request's buttons) applies it, once: the plan approved, the letter signed with
the number it reserved (the next letter has the next number), the meeting's next item
asked, the report signed; the team told once, nothing decided twice."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from bot.core.roles import Role
from bot.devtools.fake_bot_api import Failure
from bot.letters.usecases import signing as letter_signing
from bot.meeting.handlers import decision as meeting_decision
from bot.performance.usecases import signing as report_signing
from bot.planning.usecases import approval as plan_approval
from bot.sop.steps import StepState
from storage import archive, audit, plans
from storage.models import ApprovalRequest, Document, LetterSequence, PerformanceReport
from tests import test_meeting, test_performance
from tests.harness import Harness
from tests.test_approvals import _request as plan_request
from tests.test_approvals import _revision_status, _seed, _states, _submit
from tests.test_outreach import _approved_plan, _letter, _people
from tests.test_outreach import _request as letter_request


class Stop(Exception):
    """Stands for the process dying between the decision and its effect."""


def _stop(*args: object, **kwargs: object) -> None:
    raise Stop


def _pending(bot: Harness) -> list[int]:
    """The decisions whose effect is still to be applied."""
    with bot.svc.db.read() as session:
        rows = session.exec(select(ApprovalRequest).where(ApprovalRequest.effect == "pending"))
        return [r.id or 0 for r in rows]


def _told(bot: Harness, chat_id: int, words: str) -> int:
    return sum(words in m.plain for m in bot.api.chat(chat_id))


async def test_a_plan_approval_stopped_before_its_effect_is_applied_at_the_next_start(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await _submit(team)
    request = plan_request(head)
    approve = request.callback_data("Setujui")
    # The approved PDF is made after the decision is stored: the process stops there.
    monkeypatch.setattr(plan_approval, "_signed_pdf", _stop)
    bot.expected_errors = 1
    await head.press("Setujui", on=request)
    assert _revision_status(bot, 1) == plans.SUBMITTED
    # Nothing says "approved" while the plan is not: the buttons stay.
    assert bot.api.shown[(1001, request.message_id)].buttons
    monkeypatch.undo()

    await bot.restart(graceful=False)
    assert _revision_status(bot, 1) == plans.APPROVED
    states = _states(bot)
    assert states[6] is StepState.SELESAI and states[7] is StepState.BERJALAN
    decided = bot.api.shown[(1001, request.message_id)]
    assert decided.buttons == [] and "✅ Disetujui oleh Yulianus Lokobal" in decided.plain
    assert _pending(bot) == []
    await bot.drain_outbox()
    assert _told(bot, 2001, "disetujui oleh Yulianus Lokobal") == 1
    # The same press delivered again, and a new press on the old buttons: nothing twice.
    assert await head.redeliver() == []
    await head.press_data(approve, on=request)
    assert "Sudah diputuskan" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    await bot.restart(graceful=False)
    await bot.drain_outbox()
    assert _told(bot, 2001, "disetujui oleh Yulianus Lokobal") == 1
    with bot.svc.db.read() as session:
        signed = session.exec(select(Document).where(Document.kind == "rencana_disetujui"))
        assert len(signed.all()) == 1
        assert len(audit.entries(session, action="approval.decide")) == 1


async def test_a_failed_edit_of_the_request_leaves_no_plan_waiting(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await _submit(team)
    request = plan_request(head)
    approve = request.callback_data("Setujui")
    bot.api.fail_next("editMessageText", Failure(network=True))
    await head.press("Setujui", on=request)
    # The decision and its effect are stored; only the request's display failed.
    assert _revision_status(bot, 1) == plans.APPROVED and _pending(bot) == []
    await bot.drain_outbox()
    assert _told(bot, 2001, "disetujui oleh Yulianus Lokobal") == 1
    # A press on the old buttons shows the decision.
    await head.press_data(approve, on=request)
    assert "Sudah diputuskan" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    assert "✅ Disetujui oleh" in bot.api.shown[(1001, request.message_id)].plain


async def _invite(bot: Harness) -> None:
    """The team drafts the socialisation's invitation and submits it for signature."""
    team = bot.person(2001)
    await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    await team.send("11/01/2027")
    await team.send("09.00")
    await team.send("Aula Kantor Bupati Jayawijaya, Wamena")
    await team.send("Sosialisasi Implementasi Pengelolaan Kinerja Pengadaan")
    await team.press("Ajukan tanda tangan")


@pytest.mark.parametrize("where", ["render", "record"])
async def test_a_letter_signed_when_the_process_stops_keeps_its_number(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    _approved_plan(bot)
    team, head, owners = await _people(bot)
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    await team.press("Ajukan tanda tangan")
    # Stopped while the signed PDF is made, or while it is archived.
    if where == "render":
        monkeypatch.setattr(letter_signing, "render", _stop)
    else:
        monkeypatch.setattr(archive, "store", _stop)
    bot.expected_errors = 1
    await head.press("Tandatangani", on=letter_request(head))
    assert _letter(bot, "edaran").status == "awaiting_signature"
    monkeypatch.undo()

    await bot.restart(graceful=False)
    circular = _letter(bot, "edaran")
    assert (circular.status, circular.number) == ("signed", "027/001/UKPBJ/2027")
    await bot.drain_outbox()
    assert _told(bot, 2001, "027/001/UKPBJ/2027") == 1
    for owner in owners:
        assert _told(bot, owner.telegram_id, "Surat Edaran") == 1
    assert await head.redeliver() == []
    await bot.restart(graceful=False)
    assert _told(bot, 2001, "027/001/UKPBJ/2027") == 1

    # The next letter has the next number: none was lost to the stop.
    await _invite(bot)
    await head.press("Tandatangani", on=letter_request(head))
    assert _letter(bot, "undangan").number == "027/002/UKPBJ/2027"
    with bot.svc.db.read() as session:
        assert session.get(LetterSequence, 2027) == LetterSequence(year=2027, last_number=2)
        assert len(audit.entries(session, action="letter.sign")) == 2


async def test_a_letter_press_after_a_stop_signs_it_with_its_reserved_number(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    await team.press("Ajukan tanda tangan")
    request = letter_request(head)
    monkeypatch.setattr(letter_signing, "render", _stop)
    bot.expected_errors = 1
    await head.press("Tandatangani", on=request)
    monkeypatch.undo()
    # The same process goes on: the head presses again and the letter is signed.
    await head.press("Tandatangani", on=request)
    assert "Sudah diputuskan" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    assert _letter(bot, "edaran").number == "027/001/UKPBJ/2027"
    assert "Ditandatangani" in bot.api.shown[(1001, request.message_id)].plain
    assert _pending(bot) == []


async def test_a_meeting_decision_stopped_before_the_next_item_asks_it_at_the_next_start(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    head, team = await test_meeting._world(bot)
    test_meeting._recommend(bot, "IKU-01", "Percepat evaluasi", "Kelompok Kerja Pemilihan", None)
    await test_meeting._open_q1(bot, team)
    first = test_meeting._request(head)
    assert "Butir 1 dari 4" in first.plain
    # The decision is applied, then the process stops before the next item is sent.
    monkeypatch.setattr(meeting_decision, "ask_head", _stop)
    bot.expected_errors = 1
    await head.press("Setujui rekomendasi", on=first)
    assert len(test_meeting._actions(bot, "IKU-01")) == 3
    monkeypatch.undo()

    await bot.restart(graceful=False)
    await bot.drain_outbox()
    assert len(test_meeting._actions(bot, "IKU-01")) == 3  # not twice
    asked = [m for m in bot.api.chat(1001) if "Butir 2 dari 4" in m.plain]
    assert len(asked) == 1 and asked[0].buttons
    assert "Rekomendasi disetujui" in bot.api.shown[(1001, first.message_id)].plain
    assert _pending(bot) == []
    await bot.restart(graceful=False)
    await bot.drain_outbox()
    assert len([m for m in bot.api.chat(1001) if "Butir 2 dari 4" in m.plain]) == 1
    # The head goes on with item 2 from the message the restart sent.
    await head.press("Indikator tercapai", on=asked[0])
    await bot.drain_outbox()
    assert len([m for m in bot.api.chat(1001) if "Butir 3 dari 4" in m.plain]) == 1


async def test_a_report_signature_stopped_before_its_effect_is_applied_at_the_next_start(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    team, head, _ = await test_performance._world(bot)
    await test_performance._make_q2(team)
    await team.press("Ajukan untuk ditandatangani")
    request = test_performance._request(head)
    monkeypatch.setattr(report_signing, "_archive", _stop)
    bot.expected_errors = 1
    await head.press("Tandatangani", on=request)

    def status() -> str:
        with bot.svc.db.read() as session:
            reports = session.exec(select(PerformanceReport).order_by(col(PerformanceReport.id)))
            return reports.all()[-1].status

    assert status() == "awaiting_signature"
    monkeypatch.undo()

    await bot.restart(graceful=False)
    assert status() == "signed" and _pending(bot) == []
    await bot.drain_outbox()
    copies = [f for f in test_performance._files(team) if "ditandatangani" in f.plain]
    assert len(copies) == 3  # PDF, workbook and deck, once each
    assert test_performance._step(bot, 15) is StepState.SELESAI
    await bot.restart(graceful=False)
    await bot.drain_outbox()
    assert len([f for f in test_performance._files(team) if "ditandatangani" in f.plain]) == 3

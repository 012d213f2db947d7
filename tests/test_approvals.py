"""Plan approval (SOP steps 5-6) through the one approval mechanism."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlmodel import select

from bot.core.roles import Role
from bot.core.signing import format_code
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.planning.rules.example import example_plan
from bot.sop.steps import StepState
from storage import archive, audit, cycles, plans
from storage.models import Document, PlanRevision
from tests import pdfcheck
from tests.harness import Harness


def _seed(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=bot.clock.now()
        )


async def _submit(team: Person, label: str = "Ajukan persetujuan") -> list[Shown]:
    await team.command("rencana")
    return await team.press(label)


def _request(head: Person) -> Shown:
    return next(m for m in reversed(head.api.chat(head.telegram_id)) if "Permohonan" in m.plain)


def _states(bot: Harness) -> dict[int, StepState]:
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        return cycles.step_states(session, cycle_id=cycle.id)


def _revision_status(bot: Harness, number: int) -> str:
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        latest = plans.latest_revision(session, cycle_id=cycle.id)
        assert latest is not None
        from storage.models import PlanRevision

        revision = session.exec(
            select(PlanRevision).where(
                PlanRevision.cycle_id == cycle.id, PlanRevision.number == number
            )
        ).one()
        return revision.status


async def test_head_approves_the_plan(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    shown = await _submit(team)
    assert "Rencana Kinerja 2027 revisi 1 diajukan" in team.last.plain
    assert shown  # the team's menu message was updated
    head_chat = bot.api.chat(1001)
    pdf = next(m for m in head_chat if m.document is not None)
    assert pdf.document is not None and pdf.document[1].startswith(b"%PDF")
    request = _request(head)
    assert "Permohonan persetujuan: Rencana Kinerja 2027 (revisi 1)" in request.plain
    assert "Diajukan oleh Maria Wenda" in request.plain
    assert "• A1 Ketepatan waktu pemilihan penyedia: 2 indikator" in request.plain
    assert "IKU-04 Persentase nilai e-Purchasing" in request.plain and "42 → 60 %" in request.plain
    assert request.button_texts == ["✅ Setujui", "↩️ Minta perubahan", "🔎 Lihat detail"]
    assert _states(bot)[5] is StepState.BERJALAN

    await head.press("Lihat detail", on=request)
    assert "Rincian indikator" in head.last.plain and "IKU-08" in head.last.plain

    await head.press("Setujui", on=request)
    decided = bot.api.shown[(1001, request.message_id)]
    assert decided.buttons == []
    # The decision line says what happened, not the button's imperative.
    assert "✅ Disetujui oleh Yulianus Lokobal, Selasa, 5 Januari 2027 pukul 09.00 WIT" in (
        decided.plain
    )
    assert "Setujui oleh" not in decided.plain
    alert = bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    assert alert == "Keputusan dicatat: ✅ Disetujui."
    assert "disetujui oleh Yulianus Lokobal" in team.last.plain
    states = _states(bot)
    assert states[5] is StepState.SELESAI and states[6] is StepState.SELESAI
    assert states[7] is StepState.BERJALAN
    assert _revision_status(bot, 1) == plans.APPROVED
    # The approved PDF is archived with its sha256.
    with bot.svc.db.read() as session:
        document = session.exec(select(Document).where(Document.kind == "rencana_disetujui")).one()
        stored = archive.path_of(bot.svc.archive_dir, document).read_bytes()
        # So is the draft the head was asked to decide, filed under the cycle and step 5.
        draft = session.exec(select(Document).where(Document.kind == "persetujuan_lampiran")).one()
        assert (draft.cycle_id, draft.step_no, draft.revision) == (document.cycle_id, 5, 1)
    assert hashlib.sha256(stored).hexdigest() == document.sha256 and stored.startswith(b"%PDF")
    # The approved revision is read-only: the menu offers no submission, an edit opens rev 2.
    shown = await team.command("rencana")
    assert "revisi 1 (disetujui)" in shown[0].plain
    assert "Disetujui oleh Yulianus Lokobal, Selasa, 5 Januari 2027 pukul 09.00 WIT" in (
        shown[0].plain
    )
    assert "perubahan berikutnya disimpan sebagai revisi baru" in shown[0].plain
    assert "📨 Ajukan persetujuan" not in shown[0].button_texts


async def test_changes_requested_then_resubmitted_then_approved(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await _submit(team)
    request = _request(head)
    shown = await head.press("Minta perubahan", on=request)
    assert "Tulis catatan untuk ↩️ Minta perubahan" in shown[-1].plain
    shown = await head.send("ok")
    assert "3-1000 karakter" in shown[0].plain
    await head.send("Target e-Purchasing terlalu rendah, naikkan ke 65%.")
    assert "Keputusan dicatat" in head.last.plain
    decided = bot.api.shown[(1001, request.message_id)]
    assert decided.buttons == [] and "Catatan: Target e-Purchasing terlalu rendah" in decided.plain
    assert "↩️ Perubahan diminta oleh Yulianus Lokobal" in decided.plain
    assert "Keputusan dicatat: ↩️ Perubahan diminta." in head.last.plain
    assert "meminta perubahan" in team.last.plain and "naikkan ke 65%" in team.last.plain
    assert _revision_status(bot, 1) == plans.CHANGES_REQUESTED
    assert _states(bot)[6] is StepState.PERLU_PERBAIKAN
    # /rencana says so in words, with the head's note and the way forward; nothing internal.
    menu = (await team.command("rencana"))[0]
    assert "revisi 1 (perlu perubahan)" in menu.plain
    assert "changes_requested" not in menu.text and "sudah disetujui" not in menu.plain
    assert "Kepala UKPBJ meminta perubahan (Yulianus Lokobal, Selasa, 5 Januari 2027" in (
        menu.plain
    )
    assert "naikkan ke 65%" in menu.plain
    assert "perubahan pertama disimpan sebagai revisi 2. Lalu tekan Ajukan lagi." in menu.plain
    assert not any("Ajukan" in label for label in menu.button_texts)
    # The team edits (a new revision) and submits again; the summary shows what changed.
    await team.press("Jelajahi rencana")
    await team.press("A2 ·")
    await team.press("IKU-04")
    await team.press("Ubah atribut")
    await team.press("Target tahunan")
    shown = await team.send("65")
    assert "Perubahan disimpan sebagai revisi 2 (draf)" in shown[0].plain
    assert "Revisi 1 (perlu perubahan) tetap tersimpan apa adanya" in shown[0].plain
    # The head's note stays in view on the new draft until it is submitted again.
    menu = (await team.command("rencana"))[0]
    assert "revisi 2 (draf)" in menu.plain
    assert "Catatan Kepala UKPBJ pada revisi 1: Target e-Purchasing terlalu rendah" in menu.plain
    assert "📨 Ajukan lagi" in menu.button_texts
    await _submit(team, "Ajukan lagi")
    assert "Rencana Kinerja 2027 revisi 2 diajukan" in team.last.plain
    second = _request(head)
    assert second.message_id != request.message_id
    assert "Perubahan sejak revisi 1" in second.plain
    assert "indikator IKU-04: target tahunan, target periode" in second.plain
    await head.press("Setujui", on=second)
    assert _revision_status(bot, 2) == plans.APPROVED
    assert _revision_status(bot, 1) == plans.CHANGES_REQUESTED


async def test_a_team_member_cannot_decide(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    await _submit(team)
    request = _request(head)
    await team.press_data(request.callback_data("Setujui"), on=request)
    alert = bot.api.calls_of("answerCallbackQuery")[-1]
    assert alert.params["show_alert"] is True and "Hanya Kepala UKPBJ" in alert.params["text"]
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.press_data(request.callback_data("Setujui"), on=request)
    assert bot.api.calls_of("answerCallbackQuery")[-1].params["show_alert"] is True
    assert _revision_status(bot, 1) == plans.SUBMITTED
    assert bot.api.shown[(1001, request.message_id)].buttons != []


async def test_a_button_on_an_outdated_revision_does_nothing(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    await _submit(team)
    request = _request(head)
    # The team changes the plan after submitting: that makes revision 2.
    await team.command("rencana")
    await team.press("Jelajahi rencana")
    await team.press("A1 ·")
    await team.press("IKU-01")
    await team.press("Ubah atribut")
    await team.press("Target tahunan")
    await team.send("44")
    await head.press("Setujui", on=request)
    alert = bot.api.calls_of("answerCallbackQuery")[-1]
    assert "Versi ini sudah diganti" in alert.params["text"]
    assert _revision_status(bot, 1) == plans.SUBMITTED
    assert _revision_status(bot, 2) == plans.DRAFT
    assert "sudah diganti" in bot.api.shown[(1001, request.message_id)].plain
    assert bot.api.shown[(1001, request.message_id)].buttons == []
    # Submitting revision 2 supersedes the old request.
    await _submit(team, "Ajukan lagi")
    second = _request(head)
    await head.press("Setujui", on=second)
    assert _revision_status(bot, 2) == plans.APPROVED


async def test_double_press_decides_once(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    await _submit(team)
    request = _request(head)
    data = request.callback_data("Setujui")
    other = request.callback_data("Minta perubahan")
    await head.press_data(data, on=request)
    await head.press_data(data, on=request)  # the same callback delivered again
    assert "Sudah diputuskan" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    await head.press_data(other, on=request)
    assert "Sudah diputuskan" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    with bot.svc.db.read() as session:
        decisions = audit.entries(session, action="approval.decide")
    assert len(decisions) == 1
    approvals_sent = [m for m in bot.api.chat(2001) if "disetujui" in m.plain]
    assert len(approvals_sent) == 1
    assert _revision_status(bot, 1) == plans.APPROVED


async def test_acting_head_decides_only_within_the_dates(bot: Harness) -> None:
    _seed(bot)
    head = await bot.registered(1001, Role.KEPALA)
    deputy = await bot.registered(2002, Role.TIM, name="Beni Asso")
    team = await bot.registered(2001, Role.TIM)
    await head.command("plh")
    await head.press("Tunjuk Plt/Plh")
    await head.press("Beni Asso")
    await head.press("Plh")
    shown = await head.send("07/01/2027 - 09/01/2027")
    assert "Plh Beni Asso ditunjuk untuk 7 Januari 2027 – 9 Januari 2027" in shown[0].plain
    assert "Anda ditunjuk sebagai Plh Kepala UKPBJ" in deputy.last.plain
    await _submit(team)
    request = _request(head)
    # 5 January: not yet.
    await deputy.press_data(request.callback_data("Setujui"), on=request)
    assert "Hanya Kepala UKPBJ" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    shown = await deputy.command("persetujuan")
    assert "Hanya Kepala UKPBJ" in shown[0].plain
    # 8 January: within the dates; the waiting list flags nothing yet (3 days old: flagged).
    bot.clock.advance(timedelta(days=3))
    shown = await deputy.command("persetujuan")
    assert "Menunggu keputusan Anda (1)" in shown[0].plain and "sudah 3 hari" in shown[0].plain
    await deputy.press("Buka:")
    own_copy = _request(deputy)
    await deputy.press("Setujui", on=own_copy)
    decided = bot.api.shown[(1001, request.message_id)]
    assert "✅ Disetujui oleh Plh Beni Asso" in decided.plain
    assert _revision_status(bot, 1) == plans.APPROVED


async def test_acting_head_after_the_dates_cannot_decide(bot: Harness) -> None:
    _seed(bot)
    head = await bot.registered(1001, Role.KEPALA)
    deputy = await bot.registered(2002, Role.TIM, name="Beni Asso")
    team = await bot.registered(2001, Role.TIM)
    await head.command("plh")
    await head.press("Tunjuk Plt/Plh")
    await head.press("Beni Asso")
    await head.press("Plt")
    shown = await head.send("01/01/2027 - 04/01/2027")
    assert "sudah lewat" in shown[0].plain
    await head.send("05/01/2027")
    await _submit(team)
    request = _request(head)
    bot.clock.advance(timedelta(days=1))
    await deputy.press_data(request.callback_data("Setujui"), on=request)
    assert "Hanya Kepala UKPBJ" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    assert _revision_status(bot, 1) == plans.SUBMITTED


async def test_buttons_still_work_after_a_restart(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    await _submit(team)
    request = _request(head)
    await head.press("Minta perubahan", on=request)
    await bot.restart(graceful=False)
    # The comment asked for before the restart is still awaited.
    await head.send("Lengkapi bukti dukung IKU-08.")
    assert _revision_status(bot, 1) == plans.CHANGES_REQUESTED


async def test_incomplete_plan_is_not_submitted(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    full = example_plan(2027)
    from dataclasses import replace

    partial = replace(full, actions=full.actions[2:])
    with bot.svc.db.write() as session:
        plans.save_for_year(session, year=2027, plan=partial, actor=None, now=bot.clock.now())
    shown = await _submit(team)
    assert "Rencana belum dapat diajukan" in shown[0].plain
    assert "1 indikator belum punya rencana aksi" in shown[0].plain
    assert _revision_status(bot, 1) == plans.DRAFT


async def test_typed_answers_go_to_the_flow_used_last(bot: Harness) -> None:
    """A prompt left unanswered does not swallow what is typed for another feature."""
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    await _submit(team)
    await head.press("Minta perubahan", on=_request(head))
    # The head leaves the comment prompt and edits a plan attribute instead.
    await head.command("rencana")
    await head.press("Jelajahi rencana")
    await head.press("A2 ·")
    await head.press("IKU-03")
    await head.press("Ubah atribut")
    await head.press("Sumber data")
    shown = await head.send("SPSE dan e-Kontrak")
    assert "Sumber data IKU-03 disimpan" in shown[0].plain
    assert _revision_status(bot, 1) == plans.SUBMITTED  # no decision was made
    # Text typed with no flow waiting gets the pointer, not a decision.
    shown = await head.send("Setuju saja")
    assert "tidak sedang ditunggu" in shown[0].plain
    with bot.svc.db.read() as session:
        assert audit.entries(session, action="approval.decide") == []


async def test_head_decides_after_a_restart(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    await _submit(team)
    request = _request(head)
    await bot.restart(graceful=True)
    await head.press("Setujui", on=request)
    assert _revision_status(bot, 1) == plans.APPROVED


async def test_approved_plan_document_is_dated_signed_and_sent_as_archived(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await _submit(team)
    submitted = next(m for m in bot.api.chat(1001) if m.document is not None)
    assert submitted.document is not None
    draft = pdfcheck.text(submitted.document[1])
    assert "DRAF — belum ditandatangani" in draft and "Disetujui melalui" not in draft
    bot.clock.advance(timedelta(days=2, hours=1))  # approved on Thursday 7 January, 10.00 WIT
    await head.press("Setujui", on=_request(head))
    with bot.svc.db.read() as session:
        document = session.exec(select(Document).where(Document.kind == "rencana_disetujui")).one()
        revision = session.exec(select(PlanRevision).where(PlanRevision.number == 1)).one()
        stored = archive.path_of(bot.svc.archive_dir, document).read_bytes()
    assert revision.document_id == document.id
    assert document.number == "Dokumen Perencanaan Kinerja 2027, revisi 1"
    assert document.signed_as == "Kepala Bagian Pengadaan Barang/Jasa"
    assert document.verification_code is not None
    text = pdfcheck.text(stored)
    assert "DRAF" not in text
    assert "Wamena, 7 Januari 2027" in text
    assert (
        "Disetujui melalui Kinerja PBJ Bot oleh Yulianus Lokobal selaku Kepala Bagian "
        "Pengadaan Barang/Jasa pada Kamis, 7 Januari 2027 pukul 10.00 WIT." in text
    )
    assert f"Kode verifikasi: {format_code(document.verification_code)}" in text
    # Weeks later /rencana sends the approved document as archived, not a new print.
    bot.clock.advance(timedelta(days=20))
    await team.command("rencana")
    shown = await team.press("Dokumen Perencanaan")
    sent = [m.document for m in shown if m.document is not None]
    assert sent and sent[-1] is not None and sent[-1][1] == stored

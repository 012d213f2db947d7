"""An update delivered twice (a webhook retry, a redelivery after a crash) is processed
once: the second delivery shows nothing and changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.core.roles import Role
from bot.redelivery import PRUNE_EVERY
from storage import audit, submissions
from storage.models import OutboxItem, ProcessedUpdate
from tests.harness import Harness
from tests.test_outreach import _approved_plan, _people, _request
from tests.test_reporting_flow import _full_report, _setup


async def test_a_redelivered_report_submission_and_decision_happen_once(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await _full_report(owner)  # ends with "Kirim"
    await bot.restart(graceful=False)  # redelivered after a crash: the database knows
    calls = len(bot.api.calls)
    assert await owner.redeliver() == []
    assert len(bot.api.calls) == calls
    with bot.svc.db.read() as session:
        latest = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert latest is not None and latest.revision == 1
    await team.command("verifikasi")
    shown = await team.press("Terima")
    assert "Laporan diterima" in shown[0].plain
    calls = len(bot.api.calls)
    assert await team.redeliver() == []
    assert len(bot.api.calls) == calls
    with bot.svc.db.read() as session:
        assert len(audit.entries(session, action="report.accept")) == 1


async def test_a_redelivered_signature_and_acknowledgement_happen_once(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, owners = await _people(bot)
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    await team.command("edaran")
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))
    calls = len(bot.api.calls)
    assert await head.redeliver() == []
    assert len(bot.api.calls) == calls
    with bot.svc.db.read() as session:
        assert len(audit.entries(session, action="letter.sign")) == 1
    await bot.drain_outbox()
    await owners[0].press("Sudah diterima")
    calls = len(bot.api.calls)
    assert await owners[0].redeliver() == []
    assert len(bot.api.calls) == calls  # not even "sudah dicatat sebelumnya"
    with bot.svc.db.read() as session:
        responded = session.exec(select(OutboxItem).where(OutboxItem.response != "")).all()
    assert len(responded) == 1


async def test_a_redelivered_read_is_skipped_and_leaves_no_row(bot: Harness) -> None:
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    assert await owner.command("bantuan")
    assert await owner.redeliver() == []
    with bot.svc.db.read() as session:
        assert session.exec(select(ProcessedUpdate)).all() == []


async def test_old_update_ids_are_pruned(bot: Harness) -> None:
    person = bot.person(5001)
    await person.command("start", bot.invitation(Role.TIM))  # writes the registration draft
    with bot.svc.db.read() as session:
        first = session.exec(select(ProcessedUpdate.update_id)).all()
    assert len(first) == 1
    bot.clock.advance(timedelta(days=3))
    assert bot.app is not None and bot.app.redeliveries is not None
    bot.app.redeliveries.claims = PRUNE_EVERY  # the next claim prunes
    await person.send("Maria Wenda, S.Kom.")
    with bot.svc.db.read() as session:
        ids = session.exec(select(ProcessedUpdate.update_id)).all()
    assert len(ids) == 1 and ids != first

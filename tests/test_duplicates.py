"""An update delivered twice (a webhook retry, a redelivery after a crash) is processed
once: the second delivery shows nothing and changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import func, select

from bot.app import PRUNE_EVERY
from bot.core.roles import Role
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


async def test_old_update_ids_are_pruned(bot: Harness) -> None:
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("bantuan")
    with bot.svc.db.read() as session:
        first = session.exec(select(func.min(ProcessedUpdate.update_id))).one()
    assert first is not None
    bot.clock.advance(timedelta(days=3))
    assert bot.app is not None
    bot.app._claims = PRUNE_EVERY  # the next update prunes
    await owner.command("bantuan")
    with bot.svc.db.read() as session:
        ids = session.exec(select(ProcessedUpdate.update_id)).all()
    assert first not in ids and len(ids) == 1

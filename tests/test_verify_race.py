"""Two team members press Terima on the same report at the same moment.

The updates run concurrently through the real Application (each person's in order,
bot/update_order.py). Exactly one decision is recorded, the owner is told once, and the
other member is told who decided first (before: "sudah diverifikasi atau diganti", which
did not say that it was accepted, nor by whom)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest
from telegram import Update

from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from storage import audit, submissions
from tests.harness import Harness
from tests.test_reporting_flow import _full_report, _setup

_ids = itertools.count(950_000)


def _press(person: Person, card: Shown, label: str) -> Update:
    """The callback update of pressing ``label`` on ``card``, as the fetcher would queue it."""
    query = {
        "id": str(next(_ids)),
        "from": person.user,
        "chat_instance": f"ci{person.telegram_id}",
        "data": card.callback_data(label),
        "message": card.to_message_dict(person.api.bot_user, 0),
    }
    return Update.de_json({"update_id": next(_ids), "callback_query": query}, person.app.bot)


def _typed(person: Person, text: str) -> Update:
    message = {
        "message_id": next(_ids),
        "date": 0,
        "chat": {"id": person.telegram_id, "type": "private", "first_name": person.first_name},
        "from": person.user,
        "text": text,
    }
    return Update.de_json({"update_id": next(_ids), "message": message}, person.app.bot)


@pytest.fixture
async def reported(bot: Harness) -> AsyncIterator[tuple[Harness, int, Person]]:
    """A report waiting for verification; yields the bot, the package id and the owner."""
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await _full_report(owner)
    yield bot, package_id, owner


@pytest.mark.parametrize("second", ["Terima", "catatan"])
async def test_two_decisions_at_once_record_one(
    reported: tuple[Harness, int, Person], second: str
) -> None:
    """Terima and Terima, or Terima and the note that returns the report."""
    bot, package_id, owner = reported
    maria = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    yosua = await bot.registered(2002, Role.KEPALA, name="Yosua Kogoya")
    cards = [(await person.command("verifikasi"))[0] for person in (maria, yosua)]
    if second == "catatan":
        await yosua.press("Kembalikan", on=cards[1])
    await bot.drain_outbox()
    owner_before = len(bot.api.chat(owner.telegram_id))
    app = bot.app
    assert app is not None
    await app.start()
    try:
        marks = len(bot.api.transcript)
        # Queued together: handled concurrently (two people), in no order the test chooses.
        await app.update_queue.put(_press(maria, cards[0], "Terima"))
        if second == "catatan":
            await app.update_queue.put(_typed(yosua, "Lampirkan kontrak sebagai bukti."))
        else:
            await app.update_queue.put(_press(yosua, cards[1], second))
        await asyncio.wait_for(app.update_queue.join(), timeout=20)
        await asyncio.sleep(0.2)  # the handlers finish after the queue hands them out
    finally:
        await app.stop()
    with bot.svc.db.read() as session:
        decided = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
        decisions = audit.entries(session, action="report.accept") + audit.entries(
            session, action="report.return"
        )
    assert decided is not None and decided.status in ("accepted", "returned")
    assert len(decisions) == 1
    first, later = (
        (maria, yosua)
        if decided.verified_by_user_id == _id(bot, 2001)
        else (
            yosua,
            maria,
        )
    )
    first_shown = [m.plain for m in bot.api.transcript[marks:] if m.chat_id == first.telegram_id]
    later_shown = [m.plain for m in bot.api.transcript[marks:] if m.chat_id == later.telegram_id]
    assert any("Laporan diterima" in t or "dikembalikan" in t for t in first_shown), first_shown
    word = "diterima" if decided.status == "accepted" else "dikembalikan"
    name = "Maria Wenda" if first is maria else "Yosua Kogoya"
    told = f"Laporan ini sudah {word} oleh {name}"
    assert any(told in t and "tidak dicatat" in t for t in later_shown), later_shown
    await bot.drain_outbox()
    notices = bot.api.chat(owner.telegram_id)[owner_before:]
    assert (
        len([m for m in notices if "oleh tim UKPBJ" in m.plain or "dikembalikan" in m.plain]) == 1
    )


def _id(bot: Harness, telegram_id: int) -> int | None:
    from storage import users

    with bot.svc.db.read() as session:
        user = users.get_by_telegram_id(session, telegram_id)
        return None if user is None else user.id


async def test_a_decision_taken_on_a_stale_read_changes_nothing(
    reported: tuple[Harness, int, Person],
) -> None:
    """The report was read as waiting, then another transaction decided it (PostgreSQL at
    READ COMMITTED lets both read it waiting): the later decision must change no row."""
    from sqlalchemy import update
    from sqlmodel import col

    from storage import users
    from storage.models import Submission

    bot, package_id, _ = reported
    await bot.registered(2001, Role.TIM, name="Maria Wenda")
    with bot.svc.db.write() as session:
        waiting = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
        verifier = users.get_by_telegram_id(session, 2001)
        assert waiting is not None and waiting.id is not None and verifier is not None
        assert waiting.status == "submitted"  # read: waiting
        session.connection().execute(  # decided meanwhile by someone else
            update(Submission).where(col(Submission.id) == waiting.id).values(status="accepted")
        )
        done = submissions.verify(
            session,
            submission_id=waiting.id,
            accept=False,
            note="Ulang",
            verifier=verifier,
            now=bot.clock.now(),
        )
        assert done is None
    with bot.svc.db.read() as session:
        found = session.get(Submission, waiting.id)
        assert found is not None and found.status == "accepted"
        assert audit.entries(session, action="report.return") == []

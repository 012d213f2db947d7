"""/pengingat through the real application: each person sees their next reminders (times in
WIT) and the kinds for their role, and mutes or unmutes the optional digests; a muted kind is
planned no more."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select

from bot.approvals.rules import Option
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.reminders.approvals_nudge import plan_nudges, render_nudge
from bot.reminders.head import plan_weekly
from bot.reminders.model import ReminderKind, ReminderView
from bot.reminders.team import plan_digests
from bot.texts import COMMANDS
from storage import approvals, outbox, users
from storage.models import Reminder, ReminderMute
from tests.harness import WIT, Harness, approve_plan
from tests.test_reporting_flow import _plan


def user_id(bot: Harness, telegram_id: int) -> int:
    with bot.svc.db.read() as session:
        found = users.get_by_telegram_id(session, telegram_id)
        assert found is not None and found.id is not None
        return found.id


def add_reminder(
    bot: Harness, person: int, kind: ReminderKind, due_at: datetime, **extra: object
) -> None:
    """A row as the engine keeps it (the engine itself is another feature's)."""
    now = bot.clock.now()
    with bot.svc.db.write() as session:
        session.add(
            Reminder(
                kind=kind,
                user_id=person,
                subject=str(extra.get("subject", "week")),
                period=str(extra.get("period", "")),
                offset=str(extra.get("offset", "0d")),
                due_at=due_at,
                sent_at=extra.get("sent_at"),  # type: ignore[arg-type]
                created_at=now,
                updated_at=now,
            )
        )


async def name_acting_head(bot: Harness, title: str, days: int) -> Person:
    """The head (1001) and a team member (2001) who acts as head (``title``) from today for
    ``days`` days."""
    await bot.registered(1001, Role.KEPALA, name="Kepala")
    member = await bot.registered(2001, Role.TIM, name="Rina Tim")
    today = bot.svc.today()
    with bot.svc.db.write() as session:
        head = users.get_by_telegram_id(session, 1001)
        assert head is not None
        approvals.add_delegation(
            session,
            user_id=user_id(bot, 2001),
            title=title,
            start=today,
            end=today + timedelta(days=days),
            actor=head,
            now=bot.clock.now(),
        )
    return member


def mutes(bot: Harness) -> list[tuple[int, str]]:
    with bot.svc.db.read() as session:
        return [(m.user_id, m.kind) for m in session.exec(select(ReminderMute))]


async def test_the_team_sees_its_next_reminders_and_mutes_the_digest(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM, name="Rina Tim")
    team_id = user_id(bot, 2001)
    with bot.svc.db.write() as session:
        approve_plan(session, _plan(), bot.clock.now())
    with bot.svc.db.read() as session:
        planned = plan_digests(session, bot.svc, bot.svc.now())
        assert {p.user_id for p in planned} == {team_id}
    add_reminder(bot, team_id, ReminderKind.TEAM_DIGEST, datetime(2027, 4, 13, 8, tzinfo=WIT))
    add_reminder(
        bot,
        team_id,
        ReminderKind.APPROVAL_NUDGE,
        datetime(2027, 1, 8, 9, tzinfo=WIT),
        subject="request:1",
        offset="+3d",
    )
    add_reminder(
        bot,
        team_id,
        ReminderKind.TEAM_DIGEST,
        datetime(2027, 1, 4, 8, tzinfo=WIT),
        subject="old",
        sent_at=bot.clock.now() - timedelta(days=1),
    )
    [shown] = await team.command("pengingat")
    assert shown.plain == (
        "🔔 Pengingat Anda\n\n"
        "Yang akan dikirim:\n"
        "• Jumat, 8 Januari 2027 pukul 09.00 WIT — Persetujuan menunggu\n"
        "• Selasa, 13 April 2027 pukul 08.00 WIT — Ringkasan tim\n\n"
        "Jenis pengingat untuk peran Anda:\n"
        "• Ringkasan tim sesudah setiap batas waktu pelaporan\n\n"
        "Ringkasan boleh dibisukan dengan tombol di bawah; pengingat lain selalu dikirim."
    )
    assert shown.button_texts == ["🔕 Bisukan: Ringkasan tim"]

    [muted] = await team.press("Bisukan")
    assert muted.edited
    assert "• Ringkasan tim sesudah setiap batas waktu pelaporan — dibisukan" in muted.plain
    assert "— Ringkasan tim" not in muted.plain  # the planned digest is no longer listed
    assert muted.button_texts == ["🔔 Aktifkan lagi: Ringkasan tim"]
    assert mutes(bot) == [(team_id, ReminderKind.TEAM_DIGEST.value)]
    with bot.svc.db.read() as session:
        assert [
            p for p in plan_digests(session, bot.svc, bot.svc.now()) if p.user_id == team_id
        ] == []

    [again] = await team.press("Aktifkan lagi")
    assert "— dibisukan" not in again.plain
    assert "13 April 2027 pukul 08.00 WIT — Ringkasan tim" in again.plain
    assert mutes(bot) == []


async def test_the_head_mutes_the_weekly_summary_and_owners_have_nothing_to_mute(
    bot: Harness,
) -> None:
    head = await bot.registered(1001, Role.KEPALA, name="Kepala")
    [shown] = await head.command("pengingat")
    assert "Belum ada pengingat yang terjadwal untuk Anda." in shown.plain
    assert "• Permintaan persetujuan yang sudah lama menunggu — selalu dikirim" in shown.plain
    await head.press("Bisukan: Ringkasan mingguan")
    head_id = user_id(bot, 1001)
    assert mutes(bot) == [(head_id, ReminderKind.HEAD_WEEKLY.value)]
    with bot.svc.db.read() as session:
        assert plan_weekly(session, bot.svc, bot.svc.now()) == []

    owner = await bot.registered(3001, Role.PJ, name="Pemilik", unit="Dinas Kesehatan")
    [shown] = await owner.command("pengingat")
    assert shown.buttons == []
    assert "• Pengingat sosialisasi yang akan Anda hadiri — selalu dikirim" in shown.plain
    # A forged press to mute a kind that is not theirs changes nothing.
    await owner.press_data("rem:mute:ringkasan_tim:1", shown)
    assert mutes(bot) == [(head_id, ReminderKind.HEAD_WEEKLY.value)]


def test_every_role_finds_pengingat_in_its_menu() -> None:
    for role in Role:
        assert "pengingat" in [command for command, _ in COMMANDS[role]], role


async def test_an_acting_head_may_mute_the_weekly_summary_too(bot: Harness) -> None:
    team = await name_acting_head(bot, "Plh", 3)
    [shown] = await team.command("pengingat")
    assert shown.button_texts == [
        "🔕 Bisukan: Ringkasan tim",
        "🔕 Bisukan: Ringkasan mingguan",
    ]
    [helped] = await team.command("bantuan")
    assert "/pengingat — Pengingat saya: lihat dan atur" in helped.plain


async def test_the_nudge_button_opens_the_request_for_an_acting_head(bot: Harness) -> None:
    """The nudge's button is the approvals feature's own: the Plt who gets it can open the
    request (the engine sends the message through the outbox; here the test does)."""
    acting_head = await name_acting_head(bot, "Plt", 10)
    with bot.svc.db.write() as session:
        approvals.create_request(
            session,
            kind="rencana",
            subject_id=1,
            title="Rencana Kinerja 2027 (revisi 1)",
            summary="Ringkasan rencana",
            decider_role=Role.KEPALA,
            options=[Option("approve", "Setujui", False, "Disetujui")],
            requested_by=None,
            now=bot.clock.now(),
        )
    bot.clock.advance(timedelta(days=3))
    with bot.svc.db.write() as session:
        [nudge] = [
            p
            for p in plan_nudges(session, bot.svc, bot.svc.now())
            if p.user_id == user_id(bot, 2001)
        ]
        view = ReminderView(1, nudge.kind, nudge.user_id, nudge.subject, "", nudge.offset, nudge.at)
        rendered = render_nudge(session, bot.svc, view, bot.svc.now())
        assert rendered is not None
        outbox.create_broadcast(
            session,
            kind="pengingat",
            ref_id=None,
            text=rendered.text,
            recipients=[(nudge.user_id, 2001)],
            now=bot.svc.now(),
            buttons=rendered.buttons,
        )
    await bot.drain_outbox()
    assert acting_head.last.plain.startswith("⏳ Permintaan persetujuan menunggu 3 hari")
    [opened] = await acting_head.press("Buka permintaan")
    assert opened.plain == "Ringkasan rencana"  # the request, as the approvals feature shows it
    assert opened.button_texts == ["Setujui", "🔎 Lihat detail"]

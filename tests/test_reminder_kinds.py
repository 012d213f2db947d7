"""The reminders of the team, the head and events, planned and worded directly on a database
with the injected clock: the exact moments each planner gives, the exact wording each
renderer gives at the moment of sending, and None once a reminder is no longer needed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.approvals.rules import Option
from bot.core.delivery import ItemStatus
from bot.core.roles import Role
from bot.devtools.leaks import find_leaks
from bot.letters.documents import InvitationContent
from bot.letters.documents.content import content_to_json
from bot.letters.kinds import LetterKind, LetterStatus
from bot.reminders import texts
from bot.reminders.approvals_nudge import plan_nudges, render_nudge
from bot.reminders.events import ATTENDING, plan_events, render_event
from bot.reminders.head import plan_weekly, render_weekly
from bot.reminders.kinds import KINDS
from bot.reminders.model import (
    PlannedReminder,
    Planner,
    ReminderKind,
    ReminderView,
    Rendered,
    Renderer,
    Shift,
)
from bot.reminders.team import plan_digests, render_digest
from storage import approvals, cycles, outbox, reminder_prefs, users
from storage import letters as letter_store
from tests.harness import WIT
from tests.test_reporting_usecases import World


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def wit(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIT)


def plan(world: World, planner: Planner) -> list[PlannedReminder]:
    with world.svc.db.read() as session:
        return list(planner(session, world.svc, world.svc.now()))


def moments(planned: Sequence[PlannedReminder]) -> list[tuple[int, str, str, str, datetime, Shift]]:
    return sorted((p.user_id, p.subject, p.period, p.offset, p.at, p.shift) for p in planned)


def render(world: World, renderer: Renderer, planned: PlannedReminder) -> Rendered | None:
    view = ReminderView(
        id=1,
        kind=planned.kind,
        user_id=planned.user_id,
        subject=planned.subject,
        period=planned.period,
        offset=planned.offset,
        due_at=planned.at,
    )
    with world.svc.db.read() as session:
        rendered = renderer(session, world.svc, view, world.svc.now())
    if rendered is not None:  # nothing internal reaches the person
        labels = [label for row in rendered.buttons for label, _ in row]
        assert find_leaks(rendered.text) == [] and find_leaks(" ".join(labels)) == []
    return rendered


def for_user(planned: Sequence[PlannedReminder], user_id: int, **match: str) -> PlannedReminder:
    found = [
        p
        for p in planned
        if p.user_id == user_id and all(getattr(p, k) == v for k, v in match.items())
    ]
    assert len(found) == 1, found
    return found[0]


def test_the_kinds_follow_the_contract() -> None:
    assert set(texts.KIND_NAMES) == set(texts.KIND_SHORT) == set(ReminderKind)
    assert set(texts.NEXT_KIND_NAMES) == set(ReminderKind)
    assert set(texts.EVENT_ANSWERS) == set(ATTENDING)
    assert [(k.kind, k.optional) for k in KINDS] == [
        (ReminderKind.REPORT_DUE, False),
        (ReminderKind.REPORT_OVERDUE, False),
        (ReminderKind.TEAM_DIGEST, True),
        (ReminderKind.HEAD_WEEKLY, True),
        (ReminderKind.APPROVAL_NUDGE, False),
        (ReminderKind.EVENT, False),
    ]


# --- helpers that put outreach and approvals into the world ------------------------------


def deactivate(world: World, user_id: int) -> None:
    with world.svc.db.write() as session:
        person = users.get_user(session, user_id)
        assert person is not None
        person.active = False
        session.add(person)


def mute(world: World, user_id: int, kind: ReminderKind) -> None:
    with world.svc.db.write() as session:
        reminder_prefs.set_muted(
            session, user_id=user_id, kind=kind, muted=True, now=world.svc.now()
        )


def signed_letter(world: World, kind: LetterKind, content_json: str, owners: list[int]) -> int:
    """A signed letter sent to ``owners``, every copy delivered; the letter's id."""
    now = world.svc.now()
    with world.svc.db.write() as session:
        actor = users.get_user(session, world.team_id)
        assert actor is not None
        letter = letter_store.create_letter(
            session,
            cycle_id=world.cycle_id,
            kind=kind,
            content_json=content_json,
            actor=actor,
            now=now,
        )
        letter_store.set_status(session, letter=letter, status=LetterStatus.SIGNED, now=now)
        recipients = [(u, 7000 + u) for u in owners]
        broadcast = outbox.create_broadcast(
            session,
            kind=kind.archive_kind,
            ref_id=letter.id,
            text="-",
            recipients=recipients,
            now=now,
        )
        letter.broadcast_id = broadcast.id
        session.add(letter)
        for item in outbox.items_of(session, broadcast_id=broadcast.id or 0):
            outbox.finish(
                session, item_id=item.id or 0, status=ItemStatus.SENT, now=now, message_id=1
            )
        assert letter.id is not None
        return letter.id


def answer(world: World, letter_id: int, user_id: int, response: str) -> None:
    with world.svc.db.write() as session:
        letter = letter_store.get_letter(session, letter_id)
        assert letter is not None and letter.broadcast_id is not None
        for item in outbox.items_of(session, broadcast_id=letter.broadcast_id):
            if item.user_id == user_id:
                outbox.respond(
                    session, item_id=item.id or 0, response=response, note="", now=world.svc.now()
                )


def invitation(
    world: World, day: date, owners: list[int], time_text: str = "09.00 WIT s.d. selesai"
) -> int:
    content = InvitationContent(
        recipients=("Para PJ Kinerja",),
        opening="Dengan hormat,",
        day=day,
        time_text=time_text,
        place="Aula Kantor Bupati Jayawijaya",
        agenda="Sosialisasi Pengukuran Kinerja PBJ 2027",
        closing="Terima kasih.",
        invitees=(),
        copies=(),
    )
    return signed_letter(world, LetterKind.INVITATION, content_to_json(content), owners)


def circular(world: World, owners: list[int]) -> int:
    return signed_letter(world, LetterKind.CIRCULAR, "{}", owners)


def request(world: World, title: str = "Rencana Kinerja 2027 (revisi 2)") -> int:
    with world.svc.db.write() as session:
        created, _ = approvals.create_request(
            session,
            kind="rencana",
            subject_id=1,
            title=title,
            summary="",
            decider_role=Role.KEPALA,
            options=[Option("approve", "Setujui", False, "Disetujui")],
            requested_by=None,
            now=world.svc.now(),
        )
        assert created.id is not None
        return created.id


def acting(world: World, user_id: int, start: date, end: date, head_id: int) -> None:
    with world.svc.db.write() as session:
        head = users.get_user(session, head_id)
        assert head is not None
        approvals.add_delegation(
            session,
            user_id=user_id,
            title="Plt",
            start=start,
            end=end,
            actor=head,
            now=world.svc.now(),
        )


# --- the team's digest ----------------------------------------------------------------------


def test_the_team_digest_is_planned_the_morning_after_each_deadline(world: World) -> None:
    muted = world._person(2002, Role.TIM, None)
    gone = world._person(2003, Role.TIM, None)
    mute(world, muted, ReminderKind.TEAM_DIGEST)
    deactivate(world, gone)
    planned = plan(world, plan_digests)
    assert {p.kind for p in planned} == {ReminderKind.TEAM_DIGEST}
    # 10 April 2027 is a Saturday: Triwulan I's deadline is Monday 12 April, its digest
    # Tuesday 08:00. Triwulan II and Semester I share a deadline, and one digest.
    assert moments(planned) == [
        (world.team_id, "2027:2027-04-12", "triwulanan-1", "+1d", wit(2027, 4, 13, 8), Shift.LATER),
        (world.team_id, "2027:2027-07-12", "triwulanan-2", "+1d", wit(2027, 7, 13, 8), Shift.LATER),
        (
            world.team_id,
            "2027:2027-10-11",
            "triwulanan-3",
            "+1d",
            wit(2027, 10, 12, 8),
            Shift.LATER,
        ),
        (world.team_id, "2027:2028-01-10", "triwulanan-4", "+1d", wit(2028, 1, 11, 8), Shift.LATER),
    ]
    # Long past deadlines are no longer planned.
    world.clock.set(wit(2027, 4, 27, 8))
    assert [p.subject for p in plan(world, plan_digests)][:1] == ["2027:2027-07-12"]


def test_the_team_digest_names_late_units_waiting_reports_and_silent_owners(world: World) -> None:
    other = world._person(3002, Role.PJ, world.unit_id)
    circular_id = circular(world, [world.owner_id, other])
    answer(world, circular_id, world.owner_id, "diterima")
    invitation_id = invitation(world, date(2027, 4, 20), [world.owner_id, other])
    answer(world, invitation_id, world.owner_id, "hadir")
    world.clock.set(wit(2027, 4, 13, 8))
    digest = for_user(plan(world, plan_digests), world.team_id, period="triwulanan-1")
    rendered = render(world, render_digest, digest)
    assert rendered is not None and rendered.buttons == ()
    assert rendered.text == (
        "📋 <b>Ringkasan tim — Triwulan I 2027</b>\n"
        "Batas waktu: Senin, 12 April 2027 pukul 23.59 WIT\n\n"
        "<b>Unit yang belum lengkap melapor (1):</b>\n"
        "• Dinkes: 1 dari 1 paket belum dilaporkan — PJ: Orang 3001, Orang 3002\n\n"
        "🔎 Tidak ada laporan yang menunggu verifikasi.\n\n"
        "✉️ <b>Surat Edaran belum dikonfirmasi (1):</b> Orang 3002 (Dinas Kesehatan)\n\n"
        "📅 <b>Undangan Sosialisasi Pengukuran Kinerja PBJ 2027 (Selasa, 20 April 2027) "
        "belum dijawab (1):</b> Orang 3002 (Dinas Kesehatan)"
    )
    # Worded when sent: the late report came in, waits for verification; the others answered.
    world.submit()
    answer(world, circular_id, other, "diterima")
    answer(world, invitation_id, other, "tidak")
    rendered = render(world, render_digest, digest)
    assert rendered is not None
    assert rendered.text == (
        "📋 <b>Ringkasan tim — Triwulan I 2027</b>\n"
        "Batas waktu: Senin, 12 April 2027 pukul 23.59 WIT\n\n"
        "✅ Semua unit sudah melapor untuk periode ini.\n\n"
        "🔎 Menunggu verifikasi: <b>1</b> laporan. Buka /verifikasi."
    )


def test_the_team_digest_is_not_sent_to_who_left_the_team_or_muted_it(world: World) -> None:
    digest = plan(world, plan_digests)[0]
    assert render(world, render_digest, digest) is not None
    mute(world, world.team_id, ReminderKind.TEAM_DIGEST)
    assert plan(world, plan_digests) == []
    assert render(world, render_digest, digest) is None


# --- the head's weekly summary and the approval nudge -------------------------------------


def test_the_weekly_summary_goes_to_the_head_and_an_acting_head_in_force(world: World) -> None:
    head = world._person(1001, Role.KEPALA, None)
    acting(world, world.team_id, date(2027, 1, 10), date(2027, 1, 20), head)
    # Tuesday 5 January: this week's summary (early in the week, the bot may have been down
    # on Monday) and next week's; the Plt is in force from Sunday 10 January.
    assert moments(plan(world, plan_weekly)) == [
        (world.team_id, "week", "2027-W02", "0d", wit(2027, 1, 11, 8), Shift.LATER),
        (head, "week", "2027-W01", "0d", wit(2027, 1, 4, 8), Shift.LATER),
        (head, "week", "2027-W02", "0d", wit(2027, 1, 11, 8), Shift.LATER),
    ]
    # Thursday: this week's is no longer planned; a muted head gets none.
    world.clock.set(wit(2027, 1, 7, 9))
    mute(world, head, ReminderKind.HEAD_WEEKLY)
    assert moments(plan(world, plan_weekly)) == [
        (world.team_id, "week", "2027-W02", "0d", wit(2027, 1, 11, 8), Shift.LATER),
    ]


def test_the_weekly_summary_counts_per_unit_and_lists_decisions_waiting(world: World) -> None:
    head = world._person(1001, Role.KEPALA, None)
    world.clock.set(wit(2027, 4, 14, 10))
    request(world)
    world.clock.set(wit(2027, 4, 19, 8))
    acting(world, world.team_id, date(2027, 4, 19), date(2027, 4, 23), head)
    planned = plan(world, plan_weekly)
    summary = for_user(planned, world.team_id, period="2027-W16")
    rendered = render(world, render_weekly, summary)
    assert rendered is not None
    assert rendered.text == (
        "🗓 <b>Ringkasan mingguan — Senin, 19 April 2027</b>\n"
        "Untuk Plt Kepala UKPBJ.\n\n"
        "<b>Triwulan I 2027</b> (batas waktu Senin, 12 April 2027 pukul 23.59 WIT, sudah lewat)\n"
        "• Dinkes: terkirim 0/1, terlambat 1, terverifikasi 0\n\n"
        "⏳ Menunggu keputusan Anda: <b>1</b>. Buka /persetujuan.\n"
        "• Rencana Kinerja 2027 (revisi 2) (sejak Rabu, 14 April 2027 pukul 10.00 WIT)"
    )
    world.submit()
    rendered = render(world, render_weekly, for_user(planned, head, period="2027-W16"))
    assert rendered is not None
    assert "• Dinkes: terkirim 1/1, terlambat 1, terverifikasi 0" in rendered.text
    assert "Plt" not in rendered.text
    # After the delegation ended the acting head's summary is no longer sent.
    world.clock.set(wit(2027, 4, 24, 8))
    assert render(world, render_weekly, summary) is None


def test_a_request_waiting_too_long_nudges_the_head_and_the_acting_head(world: World) -> None:
    head = world._person(1001, Role.KEPALA, None)
    acting(world, world.team_id, date(2027, 1, 7), date(2027, 1, 20), head)
    request_id = request(world)  # Tuesday 5 January 09:00 WIT
    planned = plan(world, plan_nudges)
    # Three days (KINERJA_APPROVAL_OVERDUE_DAYS) later: the Plt is in force by then.
    assert moments(planned) == [
        (world.team_id, f"request:{request_id}", "", "+3d", wit(2027, 1, 8, 9), Shift.LATER),
        (head, f"request:{request_id}", "", "+3d", wit(2027, 1, 8, 9), Shift.LATER),
    ]
    world.clock.set(wit(2027, 1, 8, 9))
    rendered = render(world, render_nudge, for_user(planned, world.team_id))
    assert rendered == Rendered(
        "⏳ <b>Permintaan persetujuan menunggu 3 hari</b>\n"
        "Rencana Kinerja 2027 (revisi 2)\n"
        "Diajukan: Selasa, 5 Januari 2027 pukul 09.00 WIT\n\n"
        "Mohon diputuskan sebagai Plt Kepala UKPBJ.",
        ((("Buka permintaan", f"apr:{request_id}:s"),),),
    )
    head_nudge = render(world, render_nudge, for_user(planned, head))
    assert head_nudge is not None and head_nudge.text.endswith("Mohon diputuskan.")
    # Decided: no nudge any more, and none planned.
    with world.svc.db.write() as session:
        found = approvals.get_request(session, request_id)
        decider = users.get_user(session, head)
        assert found is not None and decider is not None
        approvals.record_decision(
            session,
            request=found,
            decider=decider,
            acting_title="",
            option=approvals.options_of(found)[0],
            comment="",
            now=world.svc.now(),
        )
    assert render(world, render_nudge, for_user(planned, head)) is None
    assert plan(world, plan_nudges) == []


def test_the_nudge_setting_moves_the_moment(world: World) -> None:
    world._person(1001, Role.KEPALA, None)
    world.svc.settings.kinerja_approval_overdue_days = 5
    request(world)
    assert [(p.offset, p.at) for p in plan(world, plan_nudges)] == [("+5d", wit(2027, 1, 10, 9))]


# --- event reminders --------------------------------------------------------------------------


def test_only_those_coming_are_reminded_the_working_day_before_and_two_hours_before(
    world: World,
) -> None:
    representing = world._person(3002, Role.PJ, world.unit_id)
    absent = world._person(3003, Role.PJ, world.unit_id)
    silent = world._person(3004, Role.PJ, world.unit_id)
    letter_id = invitation(
        world, date(2027, 2, 15), [world.owner_id, representing, absent, silent]
    )  # a Monday
    answer(world, letter_id, world.owner_id, "hadir")
    answer(world, letter_id, representing, "wakil")
    answer(world, letter_id, absent, "tidak")
    planned = plan(world, plan_events)
    subject = f"letter:{letter_id}"
    assert {p.kind for p in planned} == {ReminderKind.EVENT}
    assert moments(planned) == [
        (world.owner_id, subject, "", "-1d", wit(2027, 2, 12, 8), Shift.EARLIER),  # Friday
        (world.owner_id, subject, "", "-2h", wit(2027, 2, 15, 7), Shift.EARLIER),
        (representing, subject, "", "-1d", wit(2027, 2, 12, 8), Shift.EARLIER),
        (representing, subject, "", "-2h", wit(2027, 2, 15, 7), Shift.EARLIER),
    ]
    world.clock.set(wit(2027, 2, 12, 8))
    day_before = render(world, render_event, for_user(planned, representing, offset="-1d"))
    assert day_before == Rendered(
        "📅 <b>Pengingat sosialisasi pada Senin, 15 Februari 2027</b>\n"
        "Acara: Sosialisasi Pengukuran Kinerja PBJ 2027\n"
        "Hari/tanggal: Senin, 15 Februari 2027\n"
        "Waktu: 09.00 WIT s.d. selesai\n"
        "Tempat: Aula Kantor Bupati Jayawijaya\n\n"
        "Anda menjawab: <b>Diwakilkan</b>."
    )
    # Sent late (the bot was down), it says what is true then: "besok", "hari ini".
    world.clock.set(wit(2027, 2, 14, 20))
    late = render(world, render_event, for_user(planned, world.owner_id, offset="-1d"))
    assert late is not None and late.text.startswith("📅 <b>Pengingat sosialisasi besok</b>")
    assert late.text.endswith("Anda menjawab: <b>Hadir</b>.")
    world.clock.set(wit(2027, 2, 15, 7))
    soon = render(world, render_event, for_user(planned, world.owner_id, offset="-2h"))
    assert soon is not None and soon.text.startswith("📅 <b>Pengingat sosialisasi hari ini</b>")
    # Changing one's answer, or the event having started, ends the reminders.
    answer(world, letter_id, representing, "tidak")
    assert render(world, render_event, for_user(planned, representing, offset="-2h")) is None
    world.clock.set(wit(2027, 2, 15, 9))
    assert render(world, render_event, for_user(planned, world.owner_id, offset="-2h")) is None
    assert plan(world, plan_events) == []


def test_an_event_without_a_clock_time_gets_the_day_before_only(world: World) -> None:
    deactivated = world._person(3002, Role.PJ, world.unit_id)
    owners = [world.owner_id, deactivated]
    letter_id = invitation(world, date(2027, 3, 3), owners, time_text="pagi hari")
    answer(world, letter_id, world.owner_id, "hadir")
    answer(world, letter_id, deactivated, "hadir")
    assert len(plan(world, plan_events)) == 2
    deactivate(world, deactivated)
    assert moments(plan(world, plan_events)) == [
        (world.owner_id, f"letter:{letter_id}", "", "-1d", wit(2027, 3, 2, 8), Shift.EARLIER),
    ]


def test_no_digest_once_the_cycle_is_closed_or_for_a_subject_it_does_not_know(
    world: World,
) -> None:
    digest = plan(world, plan_digests)[0]
    assert render(world, render_digest, replace(digest, subject="2027:kemarin")) is None
    assert render(world, render_digest, replace(digest, subject="2027:2027-04-13")) is None
    with world.svc.db.write() as session:
        cycles.close_cycle(session, cycle_id=world.cycle_id, actor=None, now=world.svc.now())
    assert render(world, render_digest, digest) is None
    assert plan(world, plan_digests) == []


def test_two_socialisations_of_a_cycle_each_remind_their_attendees(world: World) -> None:
    first = invitation(world, date(2027, 2, 15), [world.owner_id])
    answer(world, first, world.owner_id, "hadir")
    second = invitation(world, date(2027, 3, 3), [world.owner_id])
    answer(world, second, world.owner_id, "wakil")
    assert [(p.subject, p.offset) for p in plan(world, plan_events)] == [
        (f"letter:{first}", "-1d"),
        (f"letter:{first}", "-2h"),
        (f"letter:{second}", "-1d"),
        (f"letter:{second}", "-2h"),
    ]

"""The decision meeting (SOP step 17) through the real application: the team opens it in
/rapat, the head decides every item through the approval mechanism, and the decisions
change the plan, the periods, the reminders and the steps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import col, select

from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.reminders import engine
from bot.reminders.kinds import KINDS
from bot.sop.steps import StepState
from storage import closures, cycles, plans, reminders, submissions, users
from storage.models import Meeting, MeetingItem, Recommendation
from tests.harness import WIT, Harness
from tests.reminder_world import cycle_id, owner, setup_year

AFTER_Q1 = datetime(2027, 4, 5, 9, 0, tzinfo=WIT)
OPTIONS = (
    "✅ Setujui rekomendasi",
    "➡️ Lanjut tanpa perbaikan",
    "🏁 Indikator tercapai",
    "⌛ Waktu habis",
)


def _recommend(bot: Harness, code: str, what: str, who: str, due: date | None) -> int:
    """A recommendation of Q1 2027, as /analisis writes it."""
    now = bot.clock.now()
    with bot.svc.db.write() as session:
        row = Recommendation(
            cycle_id=cycle_id(bot),
            indicator_code=code,
            period_key="triwulanan-1",
            what=what,
            who=who,
            due=due,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


async def _world(bot: Harness) -> tuple[Person, Person]:
    """The year of the reminder tests after Q1, the Sekretariat's Q1 report accepted (area
    A1: IKU-01 and IKU-02); the head and a team member."""
    package_ids = setup_year(bot)
    bot.clock.set(AFTER_Q1)
    head = await bot.registered(1001, Role.KEPALA, name="Dr. Kepala")
    team = await bot.registered(2001, Role.TIM, name="Tim Satu")
    await owner(bot, 3001, "Sekretariat Daerah")
    values = {
        "total_hari_pemilihan": 120,
        "jumlah_tender_selesai": 4,
        "paket_tepat_jadwal": 3,
        "jumlah_paket_tender": 4,
    }
    with bot.svc.db.write() as session:
        reporter = users.get_by_telegram_id(session, 3001)
        verifier = users.get_by_telegram_id(session, 2001)
        assert reporter is not None and verifier is not None and verifier.id is not None
        report = submissions.submit(
            session,
            cycle_id=cycle_id(bot),
            package_id=package_ids["Sekretariat Daerah"],
            period_key="triwulanan-1",
            values=values,
            actions=[],
            constraints="",
            evidence=[],
            via="bot",
            late=False,
            owner=reporter,
            now=bot.clock.now(),
        )
        assert report.id is not None
        submissions.verify(
            session,
            submission_id=report.id,
            accept=True,
            note="",
            verifier=verifier,
            now=bot.clock.now(),
        )
    return head, team


def _request(head: Person) -> Shown:
    """The newest message with decision buttons in the head's chat."""
    return next(m for m in reversed(head.api.chat(head.telegram_id)) if m.buttons)


def _alert(bot: Harness) -> str:
    return str(bot.api.calls_of("answerCallbackQuery")[-1].params.get("text", ""))


def _steps(bot: Harness) -> dict[int, StepState]:
    with bot.svc.db.read() as session:
        return cycles.step_states(session, cycle_id=cycle_id(bot))


def _actions(bot: Harness, code: str) -> list[tuple[int, str, str, date | None, date | None]]:
    with bot.svc.db.read() as session:
        plan = plans.approved_plan(session, year=2027)
    assert plan is not None
    return [(a.number, a.activity, a.pic_unit, a.start, a.end) for a in plan.actions_of(code)]


async def _open_q1(bot: Harness, team: Person, notes: str = "") -> None:
    shown = await team.command("rapat")
    assert "Pilih periode" in shown[0].plain
    labels = shown[0].button_texts
    assert labels[:3] == ["Maret 2027", "Triwulan I 2027", "Februari 2027"]  # newest first
    await team.press("Triwulan I")
    if notes:
        await team.send(notes)
    await team.press("Buka rapat")
    await bot.drain_outbox()


async def test_the_head_decides_each_item_each_way(bot: Harness) -> None:
    head, team = await _world(bot)
    _recommend(
        bot,
        "IKU-01",
        "Percepat evaluasi dokumen penawaran",
        "Kelompok Kerja Pemilihan",
        date(2027, 6, 30),
    )
    iku03 = _recommend(bot, "IKU-03", "Reviu HPS bersama PPK", "Bagian Pengadaan", None)
    shown = await team.command("rapat")
    await team.press("Triwulan I")
    agenda = team.last.plain
    assert "Kepala UKPBJ akan memutuskan 4 butir" in agenda
    assert "• IKU-01: rekomendasi perbaikan\n• IKU-02: tanpa rekomendasi\n• IKU-03: rek" in agenda
    shown = await team.send("x" * 501)
    assert "Catatan terlalu panjang (501 karakter); paling banyak 500." in shown[0].plain
    await team.send("Rapat evaluasi   triwulan I")
    assert "📝 Catatan: Rapat evaluasi triwulan I" in team.last.plain
    shown = await team.press("Buka rapat")
    assert "Rapat keputusan Triwulan I 2027 dibuka (5 April 2027), 4 butir." in shown[0].plain
    assert _steps(bot)[17] is StepState.BERJALAN
    await bot.drain_outbox()

    # Item 1: a recommendation, approved: a new action plan of IKU-01.
    first = _request(head)
    assert "Butir 1 dari 4" in first.plain
    assert "IKU-01 Rata-rata waktu pemilihan penyedia melalui tender" in first.plain
    assert "Apa: Percepat evaluasi dokumen penawaran" in first.plain
    assert "Siapa: Kelompok Kerja Pemilihan" in first.plain
    assert "Kapan: paling lambat 30 Juni 2027" in first.plain
    # Step 13's figures: 120 days over 4 tenders against 45, lower is better (SAKIP).
    assert "Realisasi 30 hari dari target 45 hari → 133,3% (Sangat Tinggi)" in first.plain
    assert tuple(first.button_texts) == OPTIONS
    approve = first.callback_data("Setujui rekomendasi")
    # The team and an owner may not decide.
    await team.press_data(approve, on=first)
    assert "Hanya Kepala UKPBJ" in _alert(bot)
    pj = bot.person(3001)
    await pj.press_data(approve, on=first)
    assert len(_actions(bot, "IKU-01")) == 2
    await head.press("Setujui rekomendasi", on=first)
    assert _actions(bot, "IKU-01")[-1] == (
        3,
        "Percepat evaluasi dokumen penawaran",
        "Kelompok Kerja Pemilihan",
        date(2027, 4, 5),
        date(2027, 6, 30),
    )
    assert _steps(bot)[11] is StepState.BERJALAN
    # Pressed again: nothing happens twice.
    await head.press_data(approve, on=first)
    assert "Sudah diputuskan" in _alert(bot)
    assert len(_actions(bot, "IKU-01")) == 3
    await bot.drain_outbox()

    # Item 2: an indicator without a recommendation: three options; achieved.
    second = _request(head)
    assert "Butir 2 dari 4" in second.plain and "IKU-02" in second.plain
    assert "Tidak ada rekomendasi perbaikan" in second.plain
    assert "Realisasi 75% dari target 85% → 88,2% (Tinggi)" in second.plain
    assert tuple(second.button_texts) == OPTIONS[1:]
    progress = (await team.command("rapat"))[0]
    assert "🔄 Berjalan: 1 dari 4 butir diputuskan." in progress.plain
    assert "→ ✅ Rekomendasi disetujui (rencana aksi ke-3)" in progress.plain
    assert "Catatan: Rapat evaluasi triwulan I" in progress.plain
    listed = (await head.command("persetujuan"))[0]
    assert "Rapat Triwulan I 2027: IKU-02 (2/4)" in listed.plain
    await head.press("Indikator tercapai", on=second)
    await bot.drain_outbox()

    # Item 3: its recommendation changes after it was sent: the old request is stale; the
    # team sends it again and the head decides the new one.
    third = _request(head)
    assert "Reviu HPS bersama PPK" in third.plain and "Kapan: belum ditentukan" in third.plain
    assert (
        "Realisasi periode ini belum ada: belum ada laporan diterima dari Dinas Kesehatan."
        in third.plain
    )
    bot.clock.advance(timedelta(minutes=5))
    with bot.svc.db.write() as session:
        row = session.get(Recommendation, iku03)
        assert row is not None
        row.what, row.updated_at = "Reviu HPS bersama PPK dan APIP", bot.clock.now()
        session.add(row)
    await head.press("Lanjut tanpa perbaikan", on=third)
    assert "Versi ini sudah diganti" in _alert(bot)
    await team.command("rapat")
    await team.press("Kirim ulang butir ke Kepala")
    assert "Butir 3 dikirim ulang" in _alert(bot)
    await bot.drain_outbox()
    again = _request(head)
    assert again.message_id != third.message_id
    assert "Reviu HPS bersama PPK dan APIP" in again.plain
    await head.press("Lanjut tanpa perbaikan", on=again)
    await bot.drain_outbox()

    # Item 4: time is up. The meeting closes and everyone gets the minutes.
    fourth = _request(head)
    assert "Butir 4 dari 4" in fourth.plain and "IKU-04" in fourth.plain
    await head.press("Waktu habis", on=fourth)
    await bot.drain_outbox()
    minutes_team = team.api.chat(team.telegram_id)[-1].plain
    minutes_head = head.api.chat(head.telegram_id)[-1].plain
    for text in (minutes_team, minutes_head):
        assert "Notulen rapat keputusan · Triwulan I 2027" in text
        assert "Diputuskan oleh: Dr. Kepala" in text
        assert "1. IKU-01" in text and "→ ✅ Rekomendasi disetujui (rencana aksi ke-3)" in text
        assert "2. IKU-02" in text and "→ 🏁 Indikator tercapai (ditutup)" in text
        assert "→ ➡️ Lanjut tanpa perbaikan" in text
        assert "4. IKU-04" in text and "→ ⌛ Waktu habis (ditutup)" in text
    assert "Buat Laporan Status Akhir Indikator lewat /laporan" in minutes_team
    assert "/laporan" not in minutes_head
    assert _steps(bot)[17] is StepState.SELESAI
    with bot.svc.db.read() as session:
        closed = {
            c.indicator_code: (c.reason, c.closed_after)
            for c in closures.of_cycle(session, cycle_id=cycle_id(bot))
        }
        decided = {
            r.indicator_code: (r.decision, r.action_number, r.decided_at is not None)
            for r in session.exec(select(Recommendation))
        }
        meeting = session.exec(select(Meeting)).one()
        items = list(session.exec(select(MeetingItem).order_by(col(MeetingItem.position))))
    assert closed == {
        "IKU-02": ("tercapai", date(2027, 3, 31)),
        "IKU-04": ("waktu_habis", date(2027, 3, 31)),
    }
    assert decided == {"IKU-01": ("rekomendasi", 3, True), "IKU-03": ("lanjut", None, True)}
    assert (meeting.status, meeting.notes, meeting.held_on) == (
        "closed",
        "Rapat evaluasi triwulan I",
        date(2027, 4, 5),
    )
    assert [i.decision for i in items] == ["rekomendasi", "tercapai", "lanjut", "waktu_habis"]
    # A new meeting about Q1 has nothing left to decide.
    await team.command("rapat")
    shown = await team.press("✅ Triwulan I")
    assert "Tidak ada yang perlu diputuskan untuk Triwulan I 2027" in shown[0].plain
    shown = await team.press_data("rpt:open:2027:triwulanan-1", on=shown[0])  # an old button
    assert "Tidak ada yang perlu diputuskan untuk Triwulan I 2027" in shown[0].plain
    shown = await team.press_data("rpt:per:2027:bulanan-9", on=shown[0])  # not ended yet
    assert "belum berakhir" in shown[0].plain

    # Next quarter: the Sekretariat's owner reports on the new action, and no longer on IKU-02.
    bot.clock.set(datetime(2027, 7, 2, 9, 0, tzinfo=WIT))
    await pj.command("lapor")
    await pj.press("Triwulan II 2027 ·")
    shown = await pj.press("Paket & belanja Sekretariat Daerah")
    assert "1/2" in shown[0].plain  # IKU-01's two inputs only
    await pj.send("120")
    shown = await pj.send("4")
    for _ in range(2):
        await pj.press("berjalan")
        shown = await pj.send("-")
    assert "Rencana aksi IKU-01 no. 3: Percepat evaluasi dokumen penawaran" in shown[0].plain


async def test_a_closed_indicator_has_no_later_periods_nor_reminders(bot: Harness) -> None:
    head, team = await _world(bot)
    pj = owner(bot, 3003, "Inspektorat")  # area A3: IKU-05, monthly
    inspektorat = await pj
    person = bot.person(3003)

    def planned_april() -> int:
        engine.sync(bot.svc, KINDS)
        with bot.svc.db.read() as session:
            rows = [
                r
                for kind in {k.kind for k in KINDS}
                for r in reminders.of_kind(session, kind=kind)
                if r.user_id == inspektorat and r.period == "bulanan-4" and r.skipped_at is None
            ]
        return len(rows)

    assert "• April 2027 (bulanan" in (await person.command("jadwal"))[0].plain
    assert planned_april() > 0
    await team.command("rapat")
    await team.press("Maret")
    assert "• IKU-05: tanpa rekomendasi" in team.last.plain
    await team.press("Buka rapat")
    await bot.drain_outbox()
    request = _request(head)
    assert "Butir 1 dari 1" in request.plain
    await head.press("Indikator tercapai", on=request)
    await bot.drain_outbox()
    assert "Notulen rapat keputusan · Maret 2027" in team.api.chat(team.telegram_id)[-1].plain
    schedule = (await person.command("jadwal"))[0].plain
    assert "• Maret 2027 (bulanan" in schedule and "• April 2027" not in schedule
    assert planned_april() == 0
    # /lapor offers March still (closed after it), nothing later.
    bot.clock.set(datetime(2027, 5, 3, 9, 0, tzinfo=WIT))
    menu = (await person.command("lapor"))[0]
    assert not any("April 2027" in label for label in menu.button_texts)


async def test_owners_and_strangers_are_refused_and_the_head_only_watches(bot: Harness) -> None:
    head, team = await _world(bot)
    pj = await bot.registered(3005, Role.PJ, unit="Dinas Kesehatan")
    shown = await pj.command("rapat")
    assert "Perintah ini khusus untuk" in shown[0].plain
    stranger = bot.person(9999)
    shown = await stranger.command("rapat")
    assert "hanya untuk pengguna terdaftar" in shown[0].plain
    shown = await head.command("rapat")
    assert "Belum ada rapat keputusan" in shown[0].plain and not shown[0].buttons
    await _open_q1(bot, team)
    shown = await head.command("rapat")
    assert "0 dari 4 butir diputuskan" in shown[0].plain
    shown = await head.press("Tampilkan butir yang menunggu")
    assert "Butir 1 dari 4" in head.last.plain
    # While the meeting runs, /rapat shows it; a second one cannot open (an older button).
    shown = await team.command("rapat")
    assert shown[0].button_texts == ["📨 Kirim ulang butir ke Kepala"]
    shown = await team.press_data("rpt:open:2027:bulanan-3", on=shown[0])
    assert "Masih ada rapat yang berjalan" in shown[0].plain
    assert "0 dari 4 butir diputuskan" in team.last.plain


async def test_step_17_in_tugas_opens_the_meeting(bot: Harness) -> None:
    _, team = await _world(bot)
    shown = await team.press_data("step:2027:17", on=(await team.command("tugas"))[0])
    assert "Rapat keputusan 2027" in shown[0].plain and "Maret 2027" in shown[0].button_texts
    pj = await bot.registered(3005, Role.PJ, unit="Dinas Kesehatan")
    shown = await pj.press_data("step:2027:17", on=(await pj.command("tugas"))[0])
    assert "Langkah 17. Rapat keputusan bersama Kepala UKPBJ" in shown[0].plain  # its card
    assert not any(label.endswith("2027") for label in shown[0].button_texts)


async def test_a_recommendation_removed_meanwhile_is_replaced_or_leaves_its_indicator(
    bot: Harness,
) -> None:
    head, team = await _world(bot)
    first = _recommend(bot, "IKU-01", "Percepat evaluasi", "Pokja", date(2027, 6, 30))
    await team.command("rapat")
    await team.press("Triwulan I")
    await team.send("catatan")
    shown = await team.command("batal")
    assert "Rapat tidak jadi dibuka." in shown[0].plain
    await _open_q1(bot, team)
    request = _request(head)
    assert "Apa: Percepat evaluasi" in request.plain

    def remove(recommendation_id: int) -> None:
        with bot.svc.db.write() as session:
            row = session.get(Recommendation, recommendation_id)
            assert row is not None
            row.removed_at = bot.clock.now()
            session.add(row)

    # /analisis replaced it (a workbook upload replaces every undecided one).
    remove(first)
    second = _recommend(bot, "IKU-01", "Evaluasi ulang jadwal", "Pokja", None)
    await head.press("Setujui rekomendasi", on=request)
    assert "Versi ini sudah diganti" in _alert(bot)
    assert len(_actions(bot, "IKU-01")) == 2
    await team.command("rapat")
    await team.press("Kirim ulang butir ke Kepala")
    await bot.drain_outbox()
    again = _request(head)
    assert "Butir 1 dari 4" in again.plain and "Apa: Evaluasi ulang jadwal" in again.plain
    # Removed without a replacement: the head decides about the indicator alone.
    remove(second)
    await team.command("rapat")
    await team.press("Kirim ulang butir ke Kepala")
    await bot.drain_outbox()
    assert "Versi ini sudah diganti" in again.plain  # the older request says so
    alone = _request(head)
    assert "Butir 1 dari 4" in alone.plain and "Tidak ada rekomendasi perbaikan" in alone.plain
    assert tuple(alone.button_texts) == OPTIONS[1:]
    await head.press("Lanjut tanpa perbaikan", on=alone)
    with bot.svc.db.read() as session:
        rows = [session.get(Recommendation, i) for i in (first, second)]
    assert [r.decision for r in rows if r is not None] == ["", ""]  # removed ones stay undecided
    assert len(_actions(bot, "IKU-01")) == 2


async def test_an_approved_recommendation_also_reaches_a_newer_draft(bot: Harness) -> None:
    head, team = await _world(bot)
    _recommend(bot, "IKU-01", "Percepat evaluasi", "Pokja", date(2027, 6, 30))
    with bot.svc.db.write() as session:  # the team started revising the approved plan
        revision = plans.editable_revision(
            session, cycle_id=cycle_id(bot), year=2027, actor=None, now=bot.clock.now()
        )
        assert revision.status == plans.DRAFT and revision.number == 2
    await _open_q1(bot, team)
    await head.press("Setujui rekomendasi", on=_request(head))
    with bot.svc.db.read() as session:
        _, draft = plans.current_plan(session, year=2027)
    assert [(a.number, a.activity) for a in draft.actions_of("IKU-01")][-1] == (
        3,
        "Percepat evaluasi",
    )
    assert _actions(bot, "IKU-01")[-1][:2] == (3, "Percepat evaluasi")


async def test_the_periods_of_a_whole_year_come_in_pages_newest_first(bot: Harness) -> None:
    _, team = await _world(bot)
    bot.clock.set(datetime(2028, 1, 4, 9, 0, tzinfo=WIT))  # every 2027 period has ended
    shown = await team.command("rapat")
    first = shown[0].button_texts
    assert first[:5] == [
        "Desember 2027",
        "Triwulan IV 2027",
        "Semester II 2027",
        "Tahunan 2027",
        "November 2027",
    ]
    assert first[-1] == "▶"
    shown = await team.press("▶")
    assert shown[0].button_texts[0] == "Agustus 2027" and "◀" in shown[0].button_texts
    shown = await team.press("▶")
    assert shown[0].button_texts[-2:] == ["Januari 2027", "◀"]


async def test_closing_an_indicator_settles_its_other_items_in_the_meeting(bot: Harness) -> None:
    head, team = await _world(bot)
    first = _recommend(bot, "IKU-01", "Percepat evaluasi", "Pokja", date(2027, 6, 30))
    second = _recommend(bot, "IKU-01", "Tambah anggota Pokja", "Bagian Pengadaan", None)
    await _open_q1(bot, team)
    request = _request(head)
    assert "Butir 1 dari 5" in request.plain and "Percepat evaluasi" in request.plain
    await head.press("Indikator tercapai", on=request)
    await bot.drain_outbox()
    # Nothing is left to ask about IKU-01: the next item is IKU-02, not the second
    # recommendation of a closed indicator.
    following = _request(head)
    assert "Butir 3 dari 5" in following.plain and "IKU-02" in following.plain
    with bot.svc.db.read() as session:
        decided = {
            r.id: r.decision
            for r in session.exec(
                select(Recommendation).where(col(Recommendation.id).in_([first, second]))
            )
        }
        items = [
            i.decision for i in session.exec(select(MeetingItem).order_by(col(MeetingItem.id)))
        ]
    assert decided == {first: "tercapai", second: "tercapai"}
    assert items[:3] == ["tercapai", "tercapai", ""]
    assert len(_actions(bot, "IKU-01")) == 2  # no action plan from a closed indicator

"""Analysis and recommendations (SOP step 14) through the real application: /analisis in
chat, the team writes, the head reads, owners are refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.analysis.results import ResultCells, card_lines, cells
from bot.analysis.rules import answer_text, check_due, ended_periods, latest_ended, parse_due
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.planning.rules.example import example_plan
from bot.results.model import PeriodResult
from bot.sop.cycles import cycle
from bot.sop.steps import StepState
from storage import analysis, closures, cycles, packages, submissions, units, users
from tests.harness import WIT, Harness, approve_plan, sirup_row

AFTER_Q1 = datetime(2027, 4, 20, 9, 0, tzinfo=WIT)


def _accepted_report(bot: Harness, cycle_id: int) -> None:
    """Packages of Dinas Kesehatan and Dinas Sosial in area A2; Dinas Kesehatan's has an
    accepted Triwulan I report, Dinas Sosial has not reported."""
    with bot.svc.db.write() as session:
        unit = units.find_unit(session, name="Dinas Kesehatan")
        assert unit is not None
        other = units.find_unit(session, name="Dinas Sosial")
        assert unit is not None and other is not None
        social = sirup_row(kode_rup="41000002", satuan_kerja="Dinas Sosial", nama_paket="Sembako")
        packages.upsert(
            session,
            cycle_id=cycle_id,
            rows=[sirup_row(), social],
            unit_ids={"Dinas Kesehatan": unit.id, "Dinas Sosial": other.id},
            actor=None,
            now=bot.clock.now(),
        )
        mapped = packages.all_of_cycle(session, cycle_id=cycle_id)
        for row in mapped:
            row.area_code = "A2"
            session.add(row)
        package = next(p for p in mapped if p.kode_rup == "41000001")
        owner = users.get_by_telegram_id(session, 3001)
        assert owner is not None and package.id is not None
        sent = submissions.submit(
            session,
            cycle_id=cycle_id,
            package_id=package.id,
            period_key="triwulanan-1",
            values={
                "total_hps": 1_000_000_000,
                "total_nilai_kontrak": 900_000_000,
                "nilai_epurchasing": 1_250_000_000,
                "total_pagu": 2_500_000_000,
            },
            actions=[],
            constraints="",
            evidence=[],
            via="chat",
            late=False,
            owner=owner,
            now=bot.clock.now(),
        )
        assert sent.id is not None
        submissions.verify(
            session,
            submission_id=sent.id,
            accept=True,
            note="",
            verifier=owner,
            now=bot.clock.now(),
        )


async def setup_world(bot: Harness) -> tuple[Person, Person, Person]:
    """The approved 2027 plan, an accepted Triwulan I report, the clock after Triwulan I;
    the team member, the head and an owner."""
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    with bot.svc.db.write() as session:
        cycle_id = approve_plan(session, example_plan(2027), bot.clock.now())
    _accepted_report(bot, cycle_id)
    bot.clock.set(AFTER_Q1)
    return team, head, owner


def step_14(bot: Harness) -> StepState | None:
    with bot.svc.db.read() as session:
        found = cycles.find_cycle(session, year=2027)
        assert found is not None and found.id is not None
        row = cycles.step_rows(session, cycle_id=found.id).get(14)
    return None if row is None else StepState(row.state)


async def open_iku(person: Person, code: str = "IKU-01") -> str:
    await person.command("analisis")
    await person.press("Triwulan I 2027")
    shown = await person.press(code)
    return shown[0].plain


async def test_the_team_writes_edits_and_removes_in_chat_across_a_restart(bot: Harness) -> None:
    team, _, _ = await setup_world(bot)
    shown = await team.command("analisis")
    assert "Pilih periode yang sudah berakhir" in shown[0].plain
    assert shown[0].button_texts == ["Triwulan I 2027 · 0/5 dianalisis"]
    shown = await team.press("Triwulan I 2027")
    assert "IKU-01" in shown[0].button_texts[0] and "⬜" in shown[0].button_texts[0]
    assert "Unduh lembar analisis" in " ".join(shown[0].button_texts)
    shown = await team.press("IKU-01")
    card = shown[0].plain
    assert "IKU-01 — Rata-rata waktu pemilihan" in card
    assert "Periode: Triwulan I 2027 (1 Januari–31 Maret 2027)" in card
    assert "Belum ada analisis." in card and "Belum ada rekomendasi." in card
    # The compiled result (step 13): missing data is said to be missing, with why.
    assert "Realisasi: belum ada data · Target: 45 hari" in card
    assert "Belum ada paket yang dipetakan ke area ini." in card
    assert step_14(bot) is None
    shown = await team.press("Kembali ke daftar indikator")
    card = (await team.press("IKU-03"))[0].plain
    assert "Realisasi: 10% · Target: 8%\nCapaian: 125% (Sangat Tinggi)" in card
    assert "Belum melapor: Dinas Sosial" in card
    await team.press("Kembali ke daftar indikator")
    shown = await team.press("IKU-01")

    shown = await team.press("Tulis analisis")
    assert "(1/3)" in shown[0].plain and "Apa yang terjadi?" in shown[0].plain
    shown = await team.send("   ")
    assert "Jawaban kosong" in shown[0].plain and "(1/3)" in shown[0].plain
    shown = await team.send("x" * 2001)
    assert "terlalu panjang (2001 karakter); paling banyak 2000" in shown[0].plain
    shown = await team.send("Waktu tender rata-rata 40 hari, target 35 hari.")
    assert "(2/3)" in shown[0].plain
    # The server restarts mid-conversation: the next answer goes on where it stopped.
    await bot.restart(graceful=False)
    shown = await team.send("Dokumen pemilihan terlambat dari OPD.")
    assert "(3/3)" in shown[0].plain
    shown = await team.send("Perbandingan dengan target dan triwulan lalu.")
    card = shown[0].plain
    assert "Analisis tersimpan" in card
    assert "Apa yang terjadi: Waktu tender rata-rata 40 hari" in card
    assert "Penyebab: Dokumen pemilihan terlambat" in card
    assert "Ubah analisis" in " ".join(shown[0].button_texts)
    assert step_14(bot) is StepState.BERJALAN

    # Editing: "-" keeps an answer.
    shown = await team.press("Ubah analisis")
    assert "Jawaban sekarang: Waktu tender rata-rata 40 hari" in shown[0].plain
    await team.send("-")
    await team.send("Dokumen terlambat; Pokja kekurangan anggota.")
    shown = await team.send("-")
    assert "Penyebab: Dokumen terlambat; Pokja kekurangan anggota." in shown[0].plain
    assert "Apa yang terjadi: Waktu tender rata-rata 40 hari" in shown[0].plain

    # Two recommendations; a date in the past or too far is refused.
    shown = await team.press("Tambah rekomendasi")
    assert "Rekomendasi baru IKU-01" in shown[0].plain
    await team.send("Tambah dua anggota Pokja")
    await team.send("Bagian Pengadaan Barang/Jasa")
    shown = await team.send("01/04/2027")
    assert "sudah lewat" in shown[0].plain and "(3/3)" in shown[0].plain
    shown = await team.send("01/01/2029")
    assert "terlalu jauh; paling lambat 31 Desember 2028" in shown[0].plain
    shown = await team.send("bukan tanggal")
    assert "bukan tanggal" in shown[0].plain
    shown = await team.send("30 Juni 2027")
    assert "Rekomendasi ditambahkan" in shown[0].plain
    assert "1. Tambah dua anggota Pokja" in shown[0].plain
    assert "PIC: Bagian Pengadaan Barang/Jasa · batas waktu 30 Juni 2027" in shown[0].plain
    await team.press("Tambah rekomendasi")
    await team.send('=HYPERLINK("x") jadwal bersama OPD')
    await team.send("Kelompok Kerja Pemilihan")
    shown = await team.send("31/07/2027")
    assert "2. =HYPERLINK" in shown[0].plain

    # One is decided in the meeting: it can no longer be removed.
    with bot.svc.db.write() as session:
        cycle_id = cycle(bot.svc, 2027).cycle_id
        assert cycle_id is not None
        first = analysis.recommendations(session, cycle_id, "triwulanan-1")[0]
        first.decision = "disetujui"
        session.add(first)
    assert "sudah diputuskan dalam rapat" in await open_iku(team)
    shown = await team.press("Hapus rekomendasi")
    assert shown[0].button_texts[0].startswith("🗑 2.")
    assert not any("Tambah dua anggota" in t for t in shown[0].button_texts)
    shown = await team.press("🗑 2.")
    assert "Rekomendasi dihapus" in shown[0].plain and "HYPERLINK" not in shown[0].plain
    assert "Hapus rekomendasi" not in " ".join(shown[0].button_texts)
    with bot.svc.db.read() as session:
        rows = analysis.recommendations(session, cycle_id, "triwulanan-1")
        assert [r.what for r in rows] == ["Tambah dua anggota Pokja"]
        stored = analysis.of_period(session, cycle_id, "triwulanan-1")
    assert [a.indicator_code for a in stored] == ["IKU-01"]
    shown = await team.press("Kembali ke daftar indikator")
    assert "✅ IKU-01 · " in shown[0].button_texts[0]
    assert "(1 rek.)" in shown[0].button_texts[0]


async def test_analysing_every_indicator_of_the_latest_period_finishes_step_14(
    bot: Harness,
) -> None:
    team, _, _ = await setup_world(bot)
    for code in ("IKU-01", "IKU-02", "IKU-03", "IKU-04", "IKU-05"):
        await open_iku(team, code)
        await team.press("Tulis analisis")
        for answer in ("Terjadi sesuatu", "Sebabnya jelas", "Banding target"):
            await team.send(answer)
        expected = StepState.SELESAI if code == "IKU-05" else StepState.BERJALAN
        assert step_14(bot) is expected
    shown = await team.command("analisis")
    assert shown[0].button_texts == ["Triwulan I 2027 · 5/5 dianalisis"]


async def test_the_head_reads_owners_and_strangers_are_refused(bot: Harness) -> None:
    team, head, owner = await setup_world(bot)
    await open_iku(team)
    await team.press("Tulis analisis")
    for answer in ("Terjadi", "Sebab", "Metode"):
        await team.send(answer)
    card = await open_iku(head)
    assert "Apa yang terjadi: Terjadi" in card
    assert head.last.button_texts == ["« Kembali ke daftar indikator"]
    shown = await head.press("Kembali ke daftar indikator")
    assert "Kirim lembar terisi" not in " ".join(shown[0].button_texts)
    # A forged "Ubah analisis" press from the head: an alert, nothing asked.
    for label in ("Ubah analisis", "Tambah rekomendasi"):
        data = team.last.callback_data(label)
        shown = await head.press_data(data, head.last)
        assert shown == []
        call = bot.api.calls[-1]
        assert call.params.get("show_alert")
        assert "khusus untuk Tim Pengelolaan Kelembagaan" in call.params.get("text", "")
    shown = await owner.command("analisis")
    assert "Perintah ini khusus untuk" in shown[0].plain
    stranger = bot.person(9999)
    shown = await stranger.command("analisis")
    assert "hanya untuk pengguna terdaftar" in shown[0].plain


async def test_step_14_opens_the_periods_for_the_team(bot: Harness) -> None:
    team, head, owner = await setup_world(bot)
    await team.command("tugas")
    shown = await team.press_data("step:2027:14", on=team.last)
    assert "Analisis dan rekomendasi 2027" in shown[-1].plain
    assert shown[-1].button_texts == ["Triwulan I 2027 · 0/5 dianalisis"]
    # The head is not the step's actor: the guide shows the step's card (/analisis reads).
    await head.command("status")
    shown = await head.press_data("step:2027:14", on=head.last)
    assert "Langkah 14. Menganalisis" in shown[-1].plain
    await owner.command("tugas")
    shown = await owner.press_data("step:2027:14", on=owner.last)
    assert "Analisis dan rekomendasi 2027" not in shown[-1].plain


async def test_before_any_period_ends_the_menu_says_when(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    shown = await team.command("analisis")
    assert "Belum ada rencana kinerja yang disetujui" in shown[0].plain
    with bot.svc.db.write() as session:
        approve_plan(session, example_plan(2027), bot.clock.now())
    shown = await team.command("analisis")
    assert "Periode pertama berakhir Rabu, 31 Maret 2027" in shown[0].plain


def test_rules() -> None:
    today = date(2027, 4, 20)
    assert answer_text("  ok ") == "ok"
    assert answer_text("-", previous="lama") == "lama"
    with pytest.raises(ValueError, match="kosong"):
        answer_text("-")
    with pytest.raises(ValueError, match="paling banyak 300"):
        answer_text("x" * 301, limit=300)
    assert parse_due("20/04/2027", today) == today
    assert check_due(date(2028, 12, 31), today) == date(2028, 12, 31)
    with pytest.raises(ValueError, match="sudah lewat"):
        parse_due("2027-04-19", today)
    periods = cycle_periods()
    assert [p.key for p in ended_periods(periods, date(2027, 7, 1))] == [
        "triwulanan-2",
        "semester-1",
        "triwulanan-1",
    ]
    assert [p.key for p in latest_ended(periods, date(2027, 7, 1))] == [
        "triwulanan-2",
        "semester-1",
    ]
    assert latest_ended(periods, date(2027, 3, 31)) == []


def cycle_periods() -> list:  # type: ignore[type-arg]
    from bot.reporting.rules import reporting_periods

    return reporting_periods(example_plan(2027), year=2027, zone=WIT)


def _result(**changes: object) -> PeriodResult:
    fields: dict[str, object] = {
        "indicator_code": "IKU-01",
        "period_key": "triwulanan-1",
        "period_label": "Triwulan I",
        "period_end": date(2027, 3, 31),
        "target": 45.0,
        "realisation": 40.0,
        "achievement": 111.11,
        "band": "Sangat Tinggi",
        "change_from_previous": None,
        "change_from_baseline": None,
        "packages_expected": 2,
        "packages_counted": 2,
        "reported_units": ("Dinas Kesehatan",),
        "missing_units": (),
    }
    return PeriodResult(**{**fields, **changes})  # type: ignore[arg-type]


def test_compiled_results_read_as_people_read_them() -> None:
    assert card_lines(None, "hari") == "Capaian: belum ada hasil kompilasi untuk periode ini."
    assert card_lines(_result(), "hari") == (
        "Realisasi: 40 hari · Target: 45 hari\nCapaian: 111,1% (Sangat Tinggi)"
    )
    missing = _result(
        realisation=None,
        achievement=None,
        band=None,
        reason="belum ada laporan yang diterima",
        missing_units=tuple(f"Dinas {n} & Co" for n in range(7)),
    )
    assert card_lines(missing, "%") == (
        "Realisasi: belum ada data · Target: 45%\n<i>belum ada laporan yang diterima</i>\n"
        "Belum melapor: Dinas 0 &amp; Co, Dinas 1 &amp; Co, Dinas 2 &amp; Co, Dinas 3 &amp; Co, "
        "Dinas 4 &amp; Co dan 2 unit lain"
    )
    assert cells(missing, "%") == ResultCells("", "45%", "", "")
    assert cells(_result(realisation=1_250_000.0, target=2e6), "Rp").target == "Rp 2.000.000"


async def test_an_indicator_closed_in_a_meeting_is_not_asked_for_later(bot: Harness) -> None:
    team, _, _ = await setup_world(bot)
    cycle_id = cycle(bot.svc, 2027).cycle_id
    assert cycle_id is not None
    with bot.svc.db.write() as session:
        closures.close(
            session,
            cycle_id=cycle_id,
            indicator_code="IKU-05",
            reason=closures.ACHIEVED,
            period_key="triwulanan-1",
            closed_after=date(2027, 3, 31),
            actor=None,
            now=bot.clock.now(),
        )
    bot.clock.set(datetime(2027, 7, 10, 9, 0, tzinfo=WIT))
    shown = await team.command("analisis")
    assert shown[0].button_texts == [
        "Triwulan II 2027 · 0/4 dianalisis",
        "Semester I 2027 · 0/2 dianalisis",
        "Triwulan I 2027 · 0/5 dianalisis",
    ]
    shown = await team.press("Triwulan II 2027")
    assert not any("IKU-05" in label for label in shown[0].button_texts)


async def test_cancel_keeps_what_is_stored(bot: Harness) -> None:
    team, _, owner = await setup_world(bot)
    await open_iku(team)
    await team.press("Tambah rekomendasi")
    await team.send("Rapat koordinasi bulanan")
    shown = await team.command("batal")
    assert "Dibatalkan; yang sudah tersimpan tidak berubah" in shown[0].plain
    shown = await team.send("Kelompok Kerja Pemilihan")
    assert "(3/3)" not in shown[0].plain
    assert "Belum ada rekomendasi." in await open_iku(team)
    # An owner's forged press of a team button gets the refusal, nothing else.
    data = team.last.callback_data("Tambah rekomendasi")
    await owner.command("tugas")
    assert await owner.press_data(data, owner.last) == []
    assert bot.api.calls[-1].params.get("show_alert")

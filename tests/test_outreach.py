"""SOP steps 7-9 in the chat: the circular, the socialisation invitation with RSVP and
attendance, photos and notes, and the socialisation report."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import select

from bot.core.delivery import FailureReason, failure_reason
from bot.core.roles import Role
from bot.core.signing import format_code, read_code
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.outreach import texts as outreach_texts
from bot.planning.rules.example import example_plan
from bot.sop.steps import StepState
from storage import archive, cycles, plans
from storage.models import Document, Letter
from tests import pdfcheck
from tests.harness import Harness, approve_plan

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d"
    "0000000049454e44ae426082"
)


def _approved_plan(bot: Harness) -> None:
    """The 2027 plan approved, as the head's approval leaves it (revision and steps 5-6)."""
    with bot.svc.db.write() as session:
        cycle_id = approve_plan(session, example_plan(2027), bot.clock.now())
        for step in (5, 6):
            cycles.set_step_state(
                session,
                cycle_id=cycle_id,
                step_no=step,
                state=StepState.SELESAI,
                actor=None,
                now=bot.clock.now(),
            )


def _states(bot: Harness) -> dict[int, StepState]:
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        return cycles.step_states(session, cycle_id=cycle.id)


def _request(head: Person) -> Shown:
    return next(m for m in reversed(head.api.chat(head.telegram_id)) if "Permohonan" in m.plain)


async def _people(bot: Harness) -> tuple[Person, Person, list[Person]]:
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    owners = [
        await bot.registered(3001, Role.PJ, name="Yakobus Itlay", unit="Dinas Kesehatan"),
        await bot.registered(3002, Role.PJ, name="Agustina Wetipo", unit="Dinas Sosial"),
        await bot.registered(3003, Role.PJ, name="Natan Kogoya", unit="Dinas Perhubungan"),
    ]
    return team, head, owners


def _letter(bot: Harness, kind: str) -> Letter:
    with bot.svc.db.read() as session:
        return session.exec(select(Letter).where(Letter.kind == kind)).one()


async def _sign_circular(bot: Harness, team: Person, head: Person) -> None:
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))


async def test_circular_is_drafted_edited_rejected_signed_and_delivered(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, owners = await _people(bot)
    bot.api.blocked_chats.add(3003)
    shown = await team.command("edaran")
    assert "Belum ada draf" in shown[0].plain
    shown = await team.press("Buat draf Surat Edaran")
    assert "Surat Edaran 2027 — draf" in shown[0].plain
    shown = await team.press("Pratinjau PDF")
    preview = next(m for m in shown if m.document is not None)
    assert preview.document is not None and preview.document[1].startswith(b"%PDF")
    assert "DRAF" in preview.plain
    shown = await team.press("Ganti paragraf")
    sections = shown[0].button_texts
    assert sections[-1] == "« Kembali" and "Penutup" in sections
    shown = await team.press("1. Latar Belakang", on=shown[0])
    assert "Ketik teks baru" in shown[0].plain
    shown = await team.send("pendek")
    assert "10-3000 karakter" in shown[0].plain
    await team.send(
        "Dalam rangka meningkatkan kinerja pengadaan barang/jasa di lingkungan "
        "Pemerintah Kabupaten Jayawijaya tahun 2027, perlu pengelolaan kinerja yang terukur."
    )
    assert "diganti" in team.last.plain
    assert "terukur" in _letter(bot, "edaran").content_json
    # The head returns the draft with a note; no number is used up.
    await team.command("edaran")
    await team.press("Ajukan tanda tangan")
    request = _request(head)
    assert "Permohonan tanda tangan: Surat Edaran" in request.plain
    assert request.button_texts == ["✍️ Tandatangani", "↩️ Kembalikan"]
    await head.press("Kembalikan", on=request)
    await head.send("Tambahkan batas waktu penunjukan PJ.")
    assert "dikembalikan oleh Yulianus Lokobal" in team.last.plain
    returned = bot.api.shown[(1001, request.message_id)]
    assert "↩️ Dikembalikan oleh Yulianus Lokobal" in returned.plain
    assert _letter(bot, "edaran").status == "draft" and _letter(bot, "edaran").number is None
    # Submitted again and signed: numbered 001, archived, sent to every owner.
    await team.command("edaran")
    await team.press("Ajukan tanda tangan")
    request = _request(head)
    await head.press("Tandatangani", on=request)
    assert (
        "✍️ Ditandatangani oleh Yulianus Lokobal" in bot.api.shown[(1001, request.message_id)].plain
    )
    letter = _letter(bot, "edaran")
    assert letter.number == "027/001/UKPBJ/2027" and letter.status == "signed"
    assert "Nomor: 027/001/UKPBJ/2027" in team.last.plain
    assert _states(bot)[7] is StepState.SELESAI
    with bot.svc.db.read() as session:
        document = session.get(Document, letter.document_id)
        assert document is not None
        stored = archive.path_of(bot.svc.archive_dir, document).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    await bot.drain_outbox()
    copy = owners[0].last
    assert copy.document is not None and "Nomor 027/001/UKPBJ/2027" in copy.plain
    assert copy.button_texts == ["✅ Sudah diterima"]
    assert "tidak dapat dikirim kepada: Natan Kogoya" in team.last.plain
    # Acknowledged twice: recorded once.
    await owners[0].press("Sudah diterima")
    assert bot.api.calls_of("answerCallbackQuery")[-1].params["text"].startswith("Terima kasih")
    await owners[0].press("Sudah diterima")
    assert "sudah dicatat sebelumnya" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    # Someone else's copy cannot be acknowledged for them.
    await owners[1].press_data(copy.callback_data("Sudah diterima"), on=copy)
    assert (
        "untuk penerima surat ini saja"
        in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    )
    shown = await team.command("edaran")
    tally = shown[0].plain
    assert "terkirim 2 · diterima 1 · gagal 1" in tally
    assert "Dinas Kesehatan: 1/1 terkirim, 1 diterima" in tally
    assert "Natan Kogoya: gagal terkirim: bot diblokir" in tally
    assert "Unit tanpa PJ terdaftar" in tally and "Inspektorat" in tally
    # Units on buttons: the full name when it fits, else the profile's short name.
    invite_buttons = [t for t in shown[0].button_texts if t.startswith("Undang PJ")]
    assert "Undang PJ BKPSDM" in invite_buttons and "Undang PJ Disdukcapil" in invite_buttons
    assert all(len(t) <= 36 for t in invite_buttons), invite_buttons
    await team.press("Undang PJ BKPSDM")
    assert "https://t.me/KinerjaPbjBot?start=" in team.last.plain


async def test_invitation_rsvp_attendance_and_report(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, owners = await _people(bot)
    await _sign_circular(bot, team, head)
    await bot.drain_outbox()
    shown = await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    shown = await team.send("04/01/2027")
    assert "setelah hari ini" in shown[0].plain
    await team.send("11/01/2027")
    shown = await team.send("jam sembilan")
    assert "Jam tidak dikenali" in shown[0].plain
    await team.send("09.00")
    await team.send("Aula Kantor Bupati Jayawijaya, Wamena")
    shown = await team.send("Sosialisasi Implementasi Pengelolaan Kinerja Pengadaan")
    assert "Senin, 11 Januari 2027, pukul 09.00 WIT" in shown[0].plain
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))
    assert _letter(bot, "undangan").number == "027/002/UKPBJ/2027"
    await bot.drain_outbox()
    invitation = owners[0].last
    assert invitation.button_texts == ["✅ Hadir", "👤 Diwakilkan", "❌ Tidak hadir"]
    await owners[0].press("Hadir")
    assert "konfirmasi Anda dicatat: Hadir" in owners[0].last.plain
    await owners[1].press("Diwakilkan")
    await owners[1].send("Markus Hilapok")
    assert "Diwakilkan (Markus Hilapok)" in owners[1].last.plain
    # RSVP changed.
    await owners[1].press(
        "Tidak hadir", on=next(m for m in bot.api.chat(3002) if "❌ Tidak hadir" in m.button_texts)
    )
    await owners[1].send("Dinas luar ke Jayapura")
    assert "Tidak hadir (Dinas luar ke Jayapura)" in owners[1].last.plain
    shown = await team.command("sosialisasi")
    assert "hadir 1 · diwakilkan 0 · tidak hadir 1 · belum menjawab 1" in shown[0].plain
    assert "Belum menjawab: Natan Kogoya" in shown[0].plain
    assert "• Dinas Sosial: 1 tidak hadir" in shown[0].plain
    assert "• Dinas Perhubungan: 1 belum menjawab" in shown[0].plain
    # The day: the team opens attendance; owners tap "Saya hadir".
    bot.clock.set(bot.clock.now() + timedelta(days=6))
    await team.command("sosialisasi")
    await team.press("Buka daftar hadir")
    await bot.drain_outbox()
    await owners[0].press("Saya hadir")
    assert (
        bot.api.calls_of("answerCallbackQuery")[-1]
        .params["text"]
        .startswith("Kehadiran Anda dicatat")
    )
    await team.command("sosialisasi")
    await team.press("Tutup daftar hadir")
    await owners[2].press("Saya hadir")
    assert "sudah ditutup" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    # The team ticks a name that could not tap.
    await team.command("sosialisasi")
    await team.press("Centang daftar hadir")
    shown = await team.press("Natan Kogoya")
    assert any(text.startswith("✅ Natan Kogoya") for text in shown[0].button_texts)
    # Photos (an album counts as one batch) and a note.
    await team.command("sosialisasi")
    await team.press("Unggah foto")
    replies = [m for n in range(5) for m in await team.photo(PNG, album="album-1")]
    assert len(replies) == 1 and "foto tersimpan" in replies[0].plain
    # Photos are what they claim: an SVG, a cut-off JPEG and an empty file are refused.
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    for shown in (
        await team.upload("../../foto.svg", svg, "image/svg+xml"),
        await team.photo(b"\xff\xd8\xff\xe0" + bytes(200)),
        await team.upload("kosong.jpg", b"", "image/jpeg"),
    ):
        assert shown[-1].plain.startswith("Foto tidak diterima"), shown[-1].plain
    await team.send("Peserta meminta pelatihan lanjutan pengisian template data kinerja.")
    shown = await team.press("Selesai")
    assert "5 foto, 1 catatan" in shown[0].plain
    # The report: attendance and notes filled in, signed, archived; steps 7-9 done.
    await team.command("sosialisasi")
    shown = await team.press("Laporan Sosialisasi")
    assert "Laporan Sosialisasi 2027 — draf" in shown[0].plain
    shown = await team.press("Pratinjau PDF")
    report_pdf = next(m for m in shown if m.document is not None)
    assert report_pdf.document is not None and report_pdf.document[1].startswith(b"%PDF")
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))
    assert "Langkah 7-9 selesai" in team.last.plain
    states = _states(bot)
    assert all(states[n] is StepState.SELESAI for n in (7, 8, 9))
    report = _letter(bot, "laporan")
    assert report.number == "027/003/UKPBJ/2027"
    content = report.content_json
    assert "Yakobus Itlay" in content and "Natan Kogoya" in content
    assert "pelatihan lanjutan" in content


async def test_socialisation_tally_tells_failed_delivery_from_silence(bot: Harness) -> None:
    """An owner who blocked the bot never got the invitation: "gagal terkirim: bot
    diblokir", not "belum menjawab"."""
    _approved_plan(bot)
    team, head, owners = await _people(bot)
    await _sign_circular(bot, team, head)
    await bot.drain_outbox()
    bot.api.blocked_chats.add(3003)
    await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    for answer in ("11/01/2027", "09.00", "Aula Kantor Bupati", "Sosialisasi Kinerja"):
        await team.send(answer)
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))
    shown = await team.command("sosialisasi")
    assert "Pengiriman undangan: terkirim 0 · gagal 0 · antre 3" in shown[0].plain
    await bot.drain_outbox()
    await owners[0].press("Hadir")
    tally = (await team.command("sosialisasi"))[0].plain
    assert "belum menjawab 1" in tally
    assert "Pengiriman undangan: terkirim 2 · gagal 1 · antre 0" in tally
    assert "• Dinas Perhubungan: 1 gagal terkirim" in tally
    assert "Natan Kogoya: gagal terkirim: bot diblokir" in tally
    assert "Belum menjawab: Agustina Wetipo" in tally
    assert "Natan Kogoya" not in tally.split("Belum menjawab:")[1]


@pytest.mark.parametrize(
    ("status", "error", "reason"),
    [
        ("unreachable", "Forbidden: bot was blocked by the user", FailureReason.BLOCKED),
        ("unreachable", "Forbidden: user is deactivated", FailureReason.ACCOUNT_GONE),
        (
            "unreachable",
            "Forbidden: bot can't initiate conversation with a user",
            FailureReason.NO_CHAT,
        ),
        ("failed", "Chat not found", FailureReason.NO_CHAT),
        ("failed", "Timed out", FailureReason.NETWORK),
        ("failed", "httpx.ConnectError: All connection attempts failed", FailureReason.NETWORK),
        ("failed", "network error, outcome unknown: Timed out", FailureReason.UNCERTAIN),
        ("failed", "Message is too long", FailureReason.REJECTED),
        ("failed", "", FailureReason.UNKNOWN),
    ],
)
def test_delivery_failures_get_a_reason_a_person_can_act_on(
    status: str, error: str, reason: FailureReason
) -> None:
    assert failure_reason(status, error) is reason
    assert outreach_texts.DELIVERY_REASONS[reason]


async def test_every_paragraph_of_the_circular_can_be_replaced(bot: Harness) -> None:
    _approved_plan(bot)
    team, _, _ = await _people(bot)
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    shown = await team.press("Ganti paragraf")
    labels = shown[0].button_texts
    assert labels == [
        "Tentang",
        "Kepada (Yth.)",
        "1. Latar Belakang",
        "2. Maksud dan Tujuan",
        "3. Ruang Lingkup",
        *(f"Dasar huruf {c}" for c in "abcde"),
        *(f"Isi Edaran huruf {c}" for c in "abcdefg"),
        "Penutup",
        "Tembusan",
        "« Kembali",
    ]
    # The lettered items sit two to a row; no label is longer than a phone's button.
    assert shown[0].buttons[5] == [
        ("Dasar huruf a", shown[0].callback_data("Dasar huruf a")),
        ("Dasar huruf b", shown[0].callback_data("Dasar huruf b")),
    ]
    assert all(len(label) <= 36 for label in labels)
    shown = await team.press("Isi Edaran huruf c", on=shown[0])
    assert "Ketik teks baru untuk Isi Edaran huruf c" in shown[0].plain
    assert "memetakan paket pengadaan" in shown[0].plain
    shown = await team.send(
        "Penanggung Jawab Kinerja memetakan paket pengadaan OPD dari SIRUP paling lambat "
        "akhir Februari."
    )
    assert "Paragraf Isi Edaran huruf c diganti" in shown[0].plain
    content = json.loads(_letter(bot, "edaran").content_json)
    assert content["points"][2].endswith("paling lambat akhir Februari.")
    assert len(content["points"]) == 7
    await team.command("edaran")
    await team.press("Ganti paragraf")
    await team.press("Dasar huruf d")
    await team.send("Standar Operasional Prosedur Pengelolaan Kinerja UKPBJ Jayawijaya Tahun 2027;")
    await team.command("edaran")
    await team.press("Ganti paragraf")
    shown = await team.press("Tembusan")
    assert "Satu baris untuk setiap tembusan" in shown[0].plain
    await team.send("Bupati Jayawijaya (sebagai laporan);\nArsip.")
    content = json.loads(_letter(bot, "edaran").content_json)
    assert content["legal_basis"][3].startswith("Standar Operasional Prosedur")
    assert content["copies"] == ["Bupati Jayawijaya (sebagai laporan);", "Arsip."]
    shown = await team.press("Pratinjau PDF", on=team.last)
    assert any(m.document is not None for m in shown)


async def test_the_invitation_and_report_offer_all_their_texts(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    await _sign_circular(bot, team, head)
    await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    for answer in ("11/01/2027", "09.00", "Aula Kantor Bupati", "Sosialisasi Kinerja"):
        await team.send(answer)
    shown = await team.press("Ganti paragraf")
    assert shown[0].button_texts == [
        "Kepada (Yth.)",
        "Pembuka",
        "Waktu",
        "Tempat",
        "Acara",
        "Penutup",
        "Tembusan",
        "« Kembali",
    ]
    shown = await team.press("Tempat", on=shown[0])
    assert "Aula Kantor Bupati" in shown[0].plain
    await team.send("Aula Distrik Wamena Kota")
    assert json.loads(_letter(bot, "undangan").content_json)["place"] == "Aula Distrik Wamena Kota"
    shown = await team.command("sosialisasi")
    assert "Tempat: Aula Distrik Wamena Kota" in shown[0].plain


def test_report_parts_name_every_section() -> None:
    from bot.letters.documents import SocialisationReport
    from bot.letters.kinds import LetterKind
    from bot.letters.parts import part_label, parts

    report = SocialisationReport(
        "LAPORAN",
        "a" * 10,
        "b" * 10,
        "c" * 10,
        "d" * 10,
        "e" * 10,
        date(2027, 1, 11),
        "09.00",
        "Aula",
        (),
        (),
        (),
    )
    assert [part_label(LetterKind.REPORT, p) for p in parts(report)] == [
        "Judul laporan",
        "A. Pendahuluan",
        "B. Kegiatan yang Dilaksanakan",
        "C. Hasil yang Dicapai",
        "D. Simpulan dan Saran",
        "E. Penutup",
    ]


@pytest.mark.parametrize(
    ("today", "deadline"),
    [
        (date(2027, 1, 5), "Selasa, 19 Januari 2027"),  # a working day stays
        (date(2027, 1, 9), "Senin, 25 Januari 2027"),  # 23 Jan is a Saturday
        (date(2027, 1, 10), "Senin, 25 Januari 2027"),  # 24 Jan is a Sunday
        (date(2027, 8, 3), "Rabu, 18 Agustus 2027"),  # 17 Aug is a holiday of the profile
    ],
)
async def test_circular_deadline_falls_on_a_working_day(
    bot: Harness, today: date, deadline: str
) -> None:
    _approved_plan(bot)
    team, _, _ = await _people(bot)
    bot.clock.set(datetime.combine(today, time(9), tzinfo=bot.clock.now().tzinfo))
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    content = json.loads(_letter(bot, "edaran").content_json)
    assert f"paling lambat {deadline};" in content["points"][0]


async def test_letters_say_how_to_start_before_the_plan_is_approved(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=bot.clock.now()
        )
    team, head, _ = await _people(bot)
    shown = await team.command("edaran")
    assert "Belum dapat dibuat: Rencana Kinerja 2027 belum disetujui" in shown[0].plain
    assert "tekan Ajukan persetujuan di /rencana" in shown[0].plain
    assert shown[0].button_texts == ["📋 Buka rencana 2027"]
    shown = await team.press("Buka rencana")
    assert "Rencana Kinerja 2027" in shown[0].plain
    shown = await head.command("sosialisasi")
    assert "Tim Pengelolaan Kelembagaan menyusun rencana lalu mengajukannya" in shown[0].plain
    await team.press("Ajukan persetujuan")
    shown = await head.command("edaran")
    assert "Rencana menunggu keputusan Anda: buka /persetujuan" in shown[0].plain
    shown = await team.command("edaran")
    assert "menunggu keputusan Kepala UKPBJ" in shown[0].plain


async def test_every_letter_screen_offers_the_next_action(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    # No draft: the team gets the button, the head is told who drafts.
    shown = await head.command("edaran")
    assert "Tim Pengelolaan Kelembagaan menyusunnya" in shown[0].plain
    assert shown[0].buttons == []
    shown = await team.command("edaran")
    assert "Belum ada draf. Tekan tombol di bawah" in shown[0].plain
    assert shown[0].button_texts == ["📝 Buat draf Surat Edaran"]
    # The invitation waits for the circular, and says which and where.
    shown = await team.command("sosialisasi")
    assert "Surat Edaran (langkah 7) harus ditandatangani" in shown[0].plain
    shown = await team.press("Buka Surat Edaran")
    assert "Belum ada draf" in shown[0].plain
    shown = await team.press("Buat draf Surat Edaran")
    assert "Berikutnya: periksa pratinjau" in shown[0].plain
    shown = await team.press("Ajukan tanda tangan")
    assert shown[0].button_texts == ["« Kembali ke surat"]
    shown = await team.press("Kembali ke surat")
    assert "Menunggu tanda tangan Kepala UKPBJ" in shown[0].plain
    # The head, from /edaran, reaches the request to sign.
    shown = await head.command("edaran")
    assert "Menunggu tanda tangan Anda" in shown[0].plain
    shown = await head.press("Buka permohonan tanda tangan")
    request = next(m for m in shown if "Permohonan tanda tangan" in m.plain)
    await head.press("Tandatangani", on=request)
    shown = await team.command("edaran")
    assert "Berikutnya: undangan sosialisasi" in shown[0].plain
    shown = await team.press("Undangan sosialisasi")
    assert shown[0].button_texts == ["📝 Buat draf Surat Undangan Sosialisasi"]


def _archived(bot: Harness, letter: Letter) -> tuple[Document, bytes]:
    with bot.svc.db.read() as session:
        document = session.get(Document, letter.document_id)
    assert document is not None
    return document, archive.path_of(bot.svc.archive_dir, document).read_bytes()


async def test_signed_circular_says_who_approved_it_and_can_be_verified(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, owners = await _people(bot)
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    shown = await team.press("Pratinjau PDF")
    preview = next(m for m in shown if m.document is not None)
    assert preview.document is not None
    draft = pdfcheck.text(preview.document[1])
    assert "DRAF — belum ditandatangani" in draft and "Kode verifikasi" not in draft
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))
    letter = _letter(bot, "edaran")
    document, stored = _archived(bot, letter)
    assert document.number == "027/001/UKPBJ/2027"
    assert document.signed_by == "Yulianus Lokobal, S.E., M.Si."  # as the profile names the head
    assert document.signed_as == (
        "Kepala Bagian Pengadaan Barang/Jasa a.n. Sekretaris Daerah Kabupaten Jayawijaya"
    )
    assert document.signed_at == bot.clock.now()
    code = document.verification_code
    assert code is not None and read_code(code) == code
    text = pdfcheck.text(stored)
    assert "DRAF" not in text
    assert f"Kode verifikasi: {format_code(code)}" in text
    assert (
        "Disetujui melalui Kinerja PBJ Bot oleh Yulianus Lokobal selaku Kepala Bagian "
        "Pengadaan Barang/Jasa a.n. Sekretaris Daerah Kabupaten Jayawijaya pada Selasa, "
        "5 Januari 2027 pukul 09.00 WIT." in text
    )
    # Owners get exactly the archived bytes, so the file they hold verifies.
    await bot.drain_outbox()
    copy = owners[0].last
    assert copy.document is not None and copy.document[1] == stored
    with bot.svc.db.read() as session:
        assert [d.id for d in archive.find_by_content(session, copy.document[1])] == [document.id]
        assert archive.find_by_code(session, code) is not None


async def test_acting_head_signs_in_their_own_name(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    deputy = await bot.registered(2002, Role.TIM, name="Beni Asso, S.E.")
    await head.command("plh")
    await head.press("Tunjuk Plt/Plh")
    await head.press("Beni Asso")
    await head.press("Plh")
    await head.send("05/01/2027 - 09/01/2027")
    await team.command("edaran")
    await team.press("Buat draf Surat Edaran")
    await team.press("Ajukan tanda tangan")
    await deputy.command("persetujuan")
    await deputy.press("Buka:")
    await deputy.press("Tandatangani", on=_request(deputy))
    letter = _letter(bot, "edaran")
    assert letter.status == "signed"
    document, stored = _archived(bot, letter)
    assert document.signed_by == "Beni Asso, S.E."
    assert document.signed_as == (
        "Plh. Kepala Bagian Pengadaan Barang/Jasa a.n. Sekretaris Daerah Kabupaten Jayawijaya"
    )
    text = pdfcheck.text(stored)
    assert "a.n. Sekretaris Daerah Kabupaten Jayawijaya Plh. Kepala Bagian Pengadaan" in text
    assert "Beni Asso, S.E." in text and "NIP. 19850315 201001 2 003" in text  # their own
    assert "Yulianus Lokobal" not in text and "Pembina" not in text


async def test_a_december_socialisation_speaks_of_next_years_cycle(bot: Harness) -> None:
    """Planning for 2027 runs in the last quarter of 2026: letters say 2027, not the year of
    the day they are dated."""
    bot.clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=bot.clock.now().tzinfo))
    _approved_plan(bot)  # the 2027 plan
    team, head, _ = await _people(bot)
    await _sign_circular(bot, team, head)
    await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    for answer in ("15/12/2026", "09.00", "Aula Kantor Bupati", "Sosialisasi Kinerja"):
        await team.send(answer)
    opening = json.loads(_letter(bot, "undangan").content_json)["opening"]
    assert "Tahun Anggaran 2027" in opening and "2026" not in opening


async def test_a_draft_button_before_its_time_says_what_comes_first(bot: Harness) -> None:
    """An old "Buat draf" button (or one pressed before the plan is approved) explains what
    has to happen first instead of failing."""
    team, _, _ = await _people(bot)
    await team.command("tugas")
    shown = await team.press_data("ltr:new:edaran:2027", on=team.last)
    assert "Rencana Kinerja 2027 belum disetujui" in shown[-1].plain
    _approved_plan(bot)
    shown = await team.press_data("ltr:new:undangan:2027", on=team.last)
    assert "Surat Edaran (langkah 7) harus ditandatangani" in shown[-1].plain
    assert _letter_count(bot) == 0


def _letter_count(bot: Harness) -> int:
    with bot.svc.db.read() as session:
        return len(list(session.exec(select(Letter))))

"""SOP steps 7-9 in the chat: the circular, the socialisation invitation with RSVP and
attendance, photos and notes, and the socialisation report."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlmodel import select

from bot.core.planning.example import example_plan
from bot.core.roles import Role
from bot.core.signing import format_code, read_code
from bot.core.sop import StepState
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from storage import archive, cycles, plans
from storage.models import Document, Letter
from tests import pdfcheck
from tests.harness import Harness

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2d3a8"
    "940000000049454e44ae426082"
)


def _approved_plan(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=bot.clock.now()
        )
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        for step in (5, 6):
            cycles.set_step_state(
                session,
                cycle_id=cycle.id,
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
    assert "Surat Edaran — draf" in shown[0].plain
    shown = await team.press("Pratinjau PDF")
    preview = next(m for m in shown if m.document is not None)
    assert preview.document is not None and preview.document[1].startswith(b"%PDF")
    assert "DRAF" in preview.plain
    shown = await team.press("Ganti paragraf")
    sections = shown[0].button_texts
    assert sections[-1] == "« Kembali" and "Penutup" in sections
    shown = await team.press(sections[0], on=shown[0])
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
    assert _letter(bot, "edaran").status == "draft" and _letter(bot, "edaran").number is None
    # Submitted again and signed: numbered 001, archived, sent to every owner.
    await team.command("edaran")
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))
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
    assert "Natan Kogoya: Forbidden: bot was blocked by the user" in tally
    assert "Unit tanpa PJ terdaftar" in tally and "Inspektorat" in tally
    await team.press("Undang PJ Badan")
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
    await team.send("Peserta meminta pelatihan lanjutan pengisian template data kinerja.")
    shown = await team.press("Selesai")
    assert "5 foto, 1 catatan" in shown[0].plain
    # The report: attendance and notes filled in, signed, archived; steps 7-9 done.
    await team.command("sosialisasi")
    shown = await team.press("Laporan Sosialisasi")
    assert "Laporan Sosialisasi — draf" in shown[0].plain
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

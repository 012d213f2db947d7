"""/laporan through the real application: the team makes a period's Laporan Pencapaian
Kinerja (PDF, workbook, deck), submits it, the head asks for changes or signs; the signed
files are archived with their period and revision and copies reach the team and the head.
A newer revision makes an older request stale; owners are refused."""

from __future__ import annotations

import io

import openpyxl
from sqlmodel import col, select

from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.guide.callbacks import OpenStep
from bot.sop.steps import StepState
from storage import archive, cycles
from storage.models import Document, PerformanceReport, Recommendation
from tests import pdfcheck
from tests.harness import Harness
from tests.results_world import ResultsWorld, golden_reports


async def _world(bot: Harness) -> tuple[Person, Person, Person]:
    """The golden year of the results tests in mid-August 2027 (Triwulan I and II over)."""
    golden_reports(ResultsWorld.on(bot.svc, bot.clock))
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    owner = await bot.registered(3001, Role.PJ, name="Yakobus Itlay", unit="Dinas Kesehatan")
    return team, head, owner


def _request(head: Person) -> Shown:
    return next(m for m in reversed(head.api.chat(head.telegram_id)) if "Permohonan" in m.plain)


def _files(person: Person) -> list[Shown]:
    return [m for m in person.api.chat(person.telegram_id) if m.document is not None]


async def _make_q2(team: Person, mark: str = "") -> list[Shown]:
    shown = await team.command("laporan")
    assert "Pilih jenis laporan" in shown[0].plain
    assert shown[0].button_texts == [
        "Laporan triwulanan",
        "Laporan tahunan",
        "Status akhir indikator",
    ]
    shown = await team.press("Laporan triwulanan")
    assert shown[0].button_texts == [f"Triwulan II 2027{mark}", "Triwulan I 2027", "« Kembali"]
    return await team.press("Triwulan II 2027")


def _step(bot: Harness, number: int) -> StepState | None:
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        return cycles.step_states(session, cycle_id=cycle.id).get(number)


async def test_made_submitted_returned_then_signed_archived_and_sent(bot: Harness) -> None:
    team, head, _ = await _world(bot)
    shown = await _make_q2(team)
    assert any("Menyusun Laporan Pencapaian Kinerja Triwulan II 2027" in m.plain for m in shown)
    files = _files(team)
    assert [f.document[0] for f in files if f.document] == [
        "laporan-kinerja-triwulanan-2-2027-rev1-draf.pdf",
        "laporan-kinerja-triwulanan-2-2027-rev1-draf.xlsx",
        "bahan-paparan-triwulanan-2-2027-rev1-draf.pdf",
    ]
    pdf = files[0].document[1] if files[0].document else b""
    assert "DRAF" in pdfcheck.text(pdf) and "C. Capaian per Area Strategis" in pdfcheck.text(pdf)
    assert "revisi ke-1 (draf)" in team.last.plain
    assert _step(bot, 15) is StepState.BERJALAN and _step(bot, 16) is StepState.BERJALAN
    # Submitted; the head asks for changes with a comment the team reads.
    await team.press("Ajukan untuk ditandatangani")
    assert "diajukan kepada Kepala UKPBJ" in team.last.plain
    request = _request(head)
    assert "Laporan Pencapaian Kinerja Triwulan II 2027" in request.plain
    assert request.button_texts == ["✍️ Tandatangani", "✏️ Minta perbaikan"]
    await head.press("Minta perbaikan", on=request)
    await head.send("Lengkapi analisis K2.")
    await bot.drain_outbox()
    assert "diminta perbaikan oleh Yulianus Lokobal" in team.last.plain
    assert "Lengkapi analisis K2." in team.last.plain
    assert _step(bot, 15) is StepState.PERLU_PERBAIKAN
    # Made again (revision 2), submitted and signed.
    await _make_q2(team, " — perlu perbaikan")
    assert "revisi ke-2 (draf)" in team.last.plain
    await team.press("Ajukan untuk ditandatangani")
    await head.press("Tandatangani", on=_request(head))
    await bot.drain_outbox()
    assert _step(bot, 15) is StepState.SELESAI and _step(bot, 16) is StepState.SELESAI
    with bot.svc.db.read() as session:
        documents = [
            d
            for d in session.exec(select(Document).order_by(col(Document.id)))
            if d.kind != "persetujuan_lampiran"
        ]
        report = session.exec(select(PerformanceReport).order_by(col(PerformanceReport.id))).all()[
            -1
        ]
        stored = {d.kind: archive.path_of(bot.svc.archive_dir, d).read_bytes() for d in documents}
        rows = [(d.kind, d.step_no, d.period_key, d.revision) for d in documents]
    assert rows == [
        ("laporan_kinerja", 15, "triwulanan-2", 2),
        ("laporan_kinerja_xlsx", 15, "triwulanan-2", 2),
        ("bahan_paparan", 16, "triwulanan-2", 2),
    ]
    assert report.status == "signed" and report.document_id == documents[0].id
    text = pdfcheck.text(stored["laporan_kinerja"])
    assert "DRAF" not in text and "Kode verifikasi" in text and documents[0].verification_code
    assert "Revisi ke-2" in text
    book = openpyxl.load_workbook(io.BytesIO(stored["laporan_kinerja_xlsx"]))
    assert book.sheetnames[0] == "Ringkasan"
    # Copies of the three files reach the team and the head.
    code = documents[0].verification_code or ""
    for person in (team, head):
        copies = [f.plain for f in _files(person) if "ditandatangani (revisi ke-2)" in f.plain]
        assert copies == [
            f"{name}Laporan Pencapaian Kinerja Triwulan II 2027 — ditandatangani (revisi "
            f"ke-2), kode verifikasi {code[:4]}-{code[4:]}"
            for name in ("", "Lembar kerja ", "Bahan paparan ")
        ], copies
    # The head reads the signed report from /laporan.
    await head.command("laporan")
    await head.press("Laporan triwulanan")
    before = len(_files(head))
    await head.press("Triwulan II 2027 — ditandatangani")
    read = _files(head)[before:]
    assert [f.plain for f in read] == copies
    assert read[0].document is not None and read[0].document[1] == stored["laporan_kinerja"]


async def test_a_newer_revision_makes_the_older_request_stale(bot: Harness) -> None:
    team, head, _ = await _world(bot)
    await _make_q2(team)
    await team.press("Ajukan untuk ditandatangani")
    older = _request(head)
    await _make_q2(team, " — menunggu tanda tangan")  # revision 2, not submitted
    assert "Revisi sebelumnya yang belum ditandatangani tidak berlaku lagi" in team.last.plain
    await head.press("Tandatangani", on=older)
    with bot.svc.db.read() as session:
        kinds = [d.kind for d in session.exec(select(Document))]
        assert kinds == ["persetujuan_lampiran"]
        statuses = [r.status for r in session.exec(select(PerformanceReport))]
    assert statuses == ["awaiting_signature", "draft"]
    assert "sudah diganti" in bot.api.shown[(1001, older.message_id)].plain


async def test_owners_and_strangers_are_refused(bot: Harness) -> None:
    _, _, owner = await _world(bot)
    shown = await owner.command("laporan")
    assert "Tim" in shown[0].plain and "Kepala" in shown[0].plain
    stranger = bot.person(9999)
    shown = await stranger.command("laporan")
    assert "undangan" in shown[0].plain.lower()


async def test_the_head_sees_no_report_before_one_is_signed(bot: Harness) -> None:
    _, head, _ = await _world(bot)
    await head.command("laporan")
    shown = await head.press("Laporan triwulanan")
    assert shown[0].button_texts == ["Triwulan II 2027", "Triwulan I 2027", "« Kembali"]
    shown = await head.press("Triwulan I 2027")
    assert "Belum ada laporan yang ditandatangani" in shown[0].plain


async def test_the_final_status_report_is_made_signed_and_archived_for_step_17(
    bot: Harness,
) -> None:
    team, head, _ = await _world(bot)
    with bot.svc.db.write() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        session.add(
            Recommendation(
                cycle_id=cycle.id,
                indicator_code="K1",
                period_key="triwulanan-2",
                what="Percepat =penunjukan PJ",
                who="Tim",
                created_at=bot.clock.now(),
                updated_at=bot.clock.now(),
                decision="lanjut",
            )
        )
    await team.command("laporan")
    await team.press("Status akhir indikator")
    await team.press("Tahun 2027")
    files = _files(team)
    assert [f.document[0] for f in files if f.document] == [
        "laporan-status-indikator-2027-rev1-draf.pdf"
    ]
    text = pdfcheck.text(files[0].document[1] if files[0].document else b"")
    assert "Tercapai (Triwulan II, diputuskan 16 Agustus 2027)" in text
    assert "Percepat =penunjukan PJ Lanjut tanpa perbaikan" in text
    await team.press("Ajukan untuk ditandatangani")
    request = _request(head)
    assert "Laporan Status Akhir Indikator Tahun 2027" in request.plain
    await head.press("Tandatangani", on=request)
    await bot.drain_outbox()
    with bot.svc.db.read() as session:
        rows = [
            (d.kind, d.step_no, d.period_key, d.revision)
            for d in session.exec(select(Document))
            if d.kind != "persetujuan_lampiran"
        ]
    assert rows == [("laporan_status_indikator", 17, "tahunan-1", 1)]
    assert _step(bot, 17) is StepState.SELESAI
    assert any(
        "Laporan Status Akhir Indikator Tahun 2027 — ditandatangani" in f.plain
        for f in _files(head)
    )


async def test_steps_15_and_16_open_the_kinds_of_report(bot: Harness) -> None:
    team, _, _ = await _world(bot)
    shown = await team.command("tugas")
    for step in (15, 16):
        opened = await team.press_data(OpenStep(2027, step).encode(), on=shown[-1])
        assert "Pilih jenis laporan" in opened[0].plain
        assert "Laporan triwulanan" in opened[0].button_texts


async def test_reports_of_two_periods_wait_for_signature_side_by_side(bot: Harness) -> None:
    # January: the team sends the last quarter's and another period's report in one sitting;
    # submitting the second must not withdraw the first (the mechanism used to replace every
    # pending request of the kind).
    team, head, _ = await _world(bot)
    await _make_q2(team)
    await team.press("Ajukan untuk ditandatangani")
    q2 = _request(head)
    await team.command("laporan")
    await team.press("Laporan triwulanan")
    await team.press("Triwulan I 2027")
    await team.press("Ajukan untuk ditandatangani")
    q1 = _request(head)
    assert q1.message_id != q2.message_id and "Triwulan I 2027" in q1.plain
    assert "sudah diganti" not in bot.api.shown[(1001, q2.message_id)].plain
    await head.press("Tandatangani", on=q2)
    await head.press("Tandatangani", on=q1)
    with bot.svc.db.read() as session:
        statuses = [r.status for r in session.exec(select(PerformanceReport))]
    assert statuses == ["signed", "signed"]


async def test_the_head_signs_the_numbers_the_draft_showed(bot: Harness) -> None:
    # A report accepted after the draft was made does not slip unseen into the signed copy:
    # it is rendered from what the draft showed; a new revision would take it in.
    team, head, _ = await _world(bot)
    world = ResultsWorld.on(bot.svc, bot.clock)
    await _make_q2(team)
    draft = next(f.document[1] for f in _files(team) if f.document)
    # Inspektorat's report was returned: K1 is 9 of 10 from Dinas Kesehatan alone, and says so.
    assert "90% (sementara: 1 dari 2 paket; belum lapor: Inspektorat)" in pdfcheck.text(draft)
    deck = next(f.document[1] for f in _files(team) if f.document and "paparan" in f.document[0])
    assert "90%*" in pdfcheck.text(deck) and "sementara: belum semua unit" in pdfcheck.text(deck)
    world.report("Inspektorat", "2", {"tepat": 7, "total": 10, "hari": 20, "tender": 1})
    await team.press("Ajukan untuk ditandatangani")
    await head.press("Tandatangani", on=_request(head))
    await bot.drain_outbox()
    signed = [f.document for f in _files(team) if f.document and "draf" not in f.document[0]]
    text = pdfcheck.text(signed[0][1])
    # Accepted since (7 of 10): today K1 is 80% from both, yet the signed copy is the draft's.
    assert "Kode verifikasi" in text
    assert "90% (sementara: 1 dari 2 paket; belum lapor: Inspektorat)" in text

"""/arsip through the real application, and `kinerja-bot export-archive`.

Browsing: years, steps named as the SOP names them, kinds in words, a page of documents;
a pressed document comes again by its Telegram file id, or (without one, or refused) as
the archived bytes whose new file id is kept; altered bytes are never sent.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli import main
from bot.core.roles import Role
from bot.devtools.fake_bot_api import Failure
from storage import archive, cycles, units
from storage.archive import NewDocument, Signed
from storage.models import Document
from tests.harness import WIT, Harness

PDF = b"%PDF-1.4\n% surat edaran\n%%EOF\n"
XLSX = b"PK\x03\x04 template data kinerja"
PHOTO = b"\xff\xd8\xff foto sosialisasi"
AT = datetime(2027, 1, 8, 10, 15, tzinfo=WIT)


def _store(bot: Harness, content: bytes, meta: NewDocument, at: datetime = AT) -> Document:
    with bot.svc.db.write() as session:
        cycle = cycles.get_or_create_cycle(session, year=2027, now=at)
        meta = NewDocument(**{**meta.__dict__, "cycle_id": cycle.id})
        return archive.store(session, root=bot.svc.archive_dir, content=content, meta=meta, now=at)


def _unit_id(bot: Harness, name: str) -> int:
    with bot.svc.db.read() as session:
        unit = units.find_unit(session, name=name)
        assert unit is not None and unit.id is not None
        return unit.id


def _world(bot: Harness) -> dict[str, int]:
    """A signed circular (file id known), a report workbook (revision 2, no file id) and
    a socialisation photo (a photo's file id, which sendDocument refuses)."""
    circular = _store(
        bot,
        PDF,
        NewDocument(
            kind="surat_edaran",
            file_name="surat_edaran-001-2027.pdf",
            mime_type="application/pdf",
            step_no=7,
            telegram_file_id="FILE-EDARAN-1",
            signature=Signed("027/001/UKPBJ/2027", "Beni", "Kepala", AT, "7KQ4M9XD"),
        ),
    )
    workbook = _store(
        bot,
        XLSX,
        NewDocument(
            kind="data_kinerja_xlsx",
            file_name="data-kinerja-dinkes-tw1.xlsx",
            mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            step_no=11,
            unit_id=_unit_id(bot, "Dinas Kesehatan"),
            period_key="triwulanan-1",
            revision=2,
        ),
        AT + timedelta(days=90),
    )
    photo = _store(
        bot,
        PHOTO,
        NewDocument(
            kind="foto_sosialisasi",
            file_name="foto.jpg",
            mime_type="image/jpeg",
            step_no=9,
            telegram_file_id="PHOTO-ID",
        ),
    )
    odd = _store(
        bot,
        b"sesuatu",
        NewDocument(kind="jenis_baru_xyz", file_name="=cmd|x.txt", mime_type="text/plain"),
    )
    ids = {"circular": circular.id, "workbook": workbook.id, "photo": photo.id, "odd": odd.id}
    return {k: v for k, v in ids.items() if v is not None}


def _sent_documents(bot: Harness) -> list[object]:
    return [call.params.get("document") for call in bot.api.calls_of("sendDocument")]


async def test_browse_by_year_step_and_kind_and_resend_by_file_id(bot: Harness) -> None:
    _world(bot)
    team = await bot.registered(501, Role.TIM, name="Yuli")
    [years] = await team.command("arsip")
    assert years.button_texts == ["2027 (4 berkas)"]
    [steps] = await team.press("2027")
    assert "Arsip 2027" in steps.plain
    assert "• 7. Mengirimkan Surat Edaran implementasi pengelolaan kinerja ke OPD: 1 berkas" in (
        steps.plain
    )
    labels = steps.button_texts
    assert labels[-2] == "Berkas tanpa langkah (1)"
    assert any(b.startswith("7. Mengirimkan Surat Edaran") and b.endswith("(1)") for b in labels)
    assert any(b.startswith("11. Melaksanakan proses") for b in labels)
    assert labels[-1] == "« Kembali"
    [kinds] = await team.press("7. Mengirimkan")
    assert kinds.button_texts == ["Surat Edaran (1)", "« Kembali"]
    assert "Langkah 7: Mengirimkan Surat Edaran" in kinds.plain
    [listing] = await team.press("Surat Edaran (1)")
    assert "surat_edaran-001-2027.pdf" in listing.plain
    assert "Jumat, 8 Januari 2027 pukul 10.15 WIT" in listing.plain
    assert "nomor 027/001/UKPBJ/2027" in listing.plain
    assert listing.button_texts == ["1. surat_edaran-001-2027.pdf", "« Kembali"]

    before = len(bot.api.calls)
    sent = await team.press("1. surat_edaran")
    assert [m.document[0] if m.document else None for m in sent] == ["FILE-EDARAN-1"]
    new_calls = bot.api.calls[before:]
    [call] = [c for c in new_calls if c.method == "sendDocument"]
    assert call.params["document"] == "FILE-EDARAN-1" and call.files == {}
    assert "Surat Edaran" in sent[0].plain

    # Every screen leads back: list -> kinds -> steps -> years.
    [back] = await team.press("« Kembali", on=listing)
    assert "Pilih jenis dokumen" in back.plain
    [back] = await team.press("« Kembali", on=back)
    assert "Pilih langkah SOP" in back.plain
    [back] = await team.press("« Kembali", on=back)
    assert back.button_texts == ["2027 (4 berkas)"]


async def test_a_long_list_is_paged_newest_first(bot: Harness) -> None:
    for number in range(1, 11):
        _store(
            bot,
            f"bukti {number}".encode(),
            NewDocument(
                kind="bukti_dukung",
                file_name=f"bukti-{number:02d}.jpg",
                mime_type="image/jpeg",
                step_no=11,
                period_key="bulanan-3",
            ),
            AT + timedelta(hours=number),
        )
    head = await bot.registered(502, Role.KEPALA)
    await head.command("arsip")
    await head.press("2027")
    await head.press("11. Melaksanakan")
    [first] = await head.press("Bukti dukung laporan (10)")
    assert "10 berkas, terbaru di atas (halaman 1/2)" in first.plain
    assert "periode Maret 2027" in first.plain
    assert first.button_texts[0] == "1. bukti-10.jpg" and first.button_texts[7] == "8. bukti-03.jpg"
    assert first.button_texts[8:] == ["▶", "« Kembali"]
    [second] = await head.press("▶", on=first)
    assert "(halaman 2/2)" in second.plain
    assert second.button_texts == ["9. bukti-02.jpg", "10. bukti-01.jpg", "◀", "« Kembali"]
    [sent] = await head.press("10. bukti-01.jpg", on=second)
    assert sent.document is not None and sent.document[:2] == ("bukti-01.jpg", b"bukti 1")


async def test_a_kind_the_catalogue_does_not_know_is_named_in_words(bot: Harness) -> None:
    _world(bot)
    head = await bot.registered(502, Role.KEPALA)
    await head.command("arsip")
    await head.press("2027")
    [kinds] = await head.press("Berkas tanpa langkah")
    assert kinds.button_texts == ["Berkas arsip (1)", "« Kembali"]
    assert "jenis_baru" not in kinds.plain
    [listing] = await head.press("Berkas arsip (1)")
    assert "jenis_baru" not in listing.plain and "Berkas arsip" in listing.plain


async def test_without_a_file_id_the_bytes_are_sent_and_the_id_kept(bot: Harness) -> None:
    ids = _world(bot)
    team = await bot.registered(501, Role.TIM)
    await team.command("arsip")
    await team.press("2027")
    await team.press("11. Melaksanakan")
    [listing] = await team.press("Template Data Kinerja terisi (1)")
    assert "periode Triwulan I 2027" in listing.plain
    assert "Dinas Kesehatan" in listing.plain and "revisi 2" in listing.plain
    [sent] = await team.press("1. data-kinerja")
    assert sent.document is not None
    assert sent.document[:2] == ("data-kinerja-dinkes-tw1.xlsx", XLSX)
    with bot.svc.db.read() as session:
        stored = session.get(Document, ids["workbook"])
        assert stored is not None
        file_id = stored.telegram_file_id
    assert file_id is not None and file_id.startswith("sent-")
    # The next time: by that file id, no upload.
    uploads = sum(1 for c in bot.api.calls_of("sendDocument") if c.files)
    await team.press("1. data-kinerja", on=listing)
    assert _sent_documents(bot)[-1] == file_id
    assert sum(1 for c in bot.api.calls_of("sendDocument") if c.files) == uploads


async def test_a_refused_file_id_falls_back_to_the_bytes(bot: Harness) -> None:
    ids = _world(bot)
    team = await bot.registered(501, Role.TIM)
    await team.command("arsip")
    await team.press("2027")
    await team.press("9. Melaksanakan sosialisasi")
    await team.press("Foto sosialisasi (1)")
    bot.api.fail_next("sendDocument", Failure(400, "Bad Request: type of file mismatch"))
    [sent] = await team.press("1. foto.jpg")
    assert sent.document is not None and sent.document[1] == PHOTO
    with bot.svc.db.read() as session:
        stored = session.get(Document, ids["photo"])
        assert stored is not None and stored.telegram_file_id != "PHOTO-ID"


async def test_altered_bytes_are_refused_plainly_and_nothing_is_sent(bot: Harness) -> None:
    ids = _world(bot)
    with bot.svc.db.read() as session:
        stored = session.get(Document, ids["workbook"])
        assert stored is not None
        archive.path_of(bot.svc.archive_dir, stored).write_bytes(b"diubah")
    team = await bot.registered(501, Role.TIM)
    await team.command("arsip")
    await team.press("2027")
    await team.press("11. Melaksanakan")
    await team.press("Template Data Kinerja")
    sends = len(bot.api.calls_of("sendDocument"))
    [refused] = await team.press("1. data-kinerja")
    assert (
        "tidak dapat dikirim" in refused.plain and "data-kinerja-dinkes-tw1.xlsx" in refused.plain
    )
    assert refused.document is None and len(bot.api.calls_of("sendDocument")) == sends
    [back] = await team.press("Kembali ke daftar", on=refused)
    assert "data-kinerja-dinkes-tw1.xlsx" in back.plain


async def test_owners_strangers_and_forged_buttons_are_refused(bot: Harness) -> None:
    ids = _world(bot)
    owner = await bot.registered(503, Role.PJ, unit="Dinas Kesehatan")
    [refused] = await owner.command("arsip")
    assert "khusus untuk" in refused.plain
    stranger = bot.person(504)
    [refused] = await stranger.command("arsip")
    assert "undangan" in refused.plain
    team = await bot.registered(501, Role.TIM)
    [years] = await team.command("arsip")
    for forged in (f"ars:doc:{ids['odd'] + 99}:1", "ars:doc:x:1", "ars:yr:1999", "ars:zz"):
        before = len(bot.api.calls)
        shown = await team.press_data(forged, years)
        answers = [c for c in bot.api.calls[before:] if c.method == "answerCallbackQuery"]
        seen = [m.plain for m in shown] + [str(c.params.get("text", "")) for c in answers]
        assert any("Tombol ini sudah tidak berlaku" in text for text in seen), forged
    assert _sent_documents(bot) == []


async def test_an_empty_archive_says_so(bot: Harness) -> None:
    team = await bot.registered(501, Role.TIM)
    [empty] = await team.command("arsip")
    assert "Arsip masih kosong" in empty.plain


# --- kinerja-bot export-archive (the `exported` fixture is in conftest) ---------------------


async def test_export_writes_every_file_by_step_with_an_index(
    bot: Harness, exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _world(bot)
    _store(
        bot,
        PDF + b"% kedua",
        NewDocument(
            kind="surat_edaran",
            file_name="surat_edaran-001-2027.pdf",  # the same name twice in one folder
            mime_type="application/pdf",
            step_no=7,
        ),
    )
    code = main(["export-archive", "--year", "2027", str(exported)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Arsip 2027: 5 berkas dan index.xlsx ditulis" in captured.out
    with zipfile.ZipFile(exported) as bundle:
        names = sorted(bundle.namelist())
        folder = "langkah-07-mengirimkan-surat-edaran-implementasi/"
        assert f"{folder}surat_edaran-001-2027.pdf" in names
        assert f"{folder}surat_edaran-001-2027-2.pdf" in names
        assert "lainnya/cmd-x.txt" in names
        content = bundle.read(f"{folder}surat_edaran-001-2027.pdf")
        assert content == PDF
        book = load_workbook(io.BytesIO(bundle.read("index.xlsx")))
    assert "index.xlsx" in names and len(names) == 6
    sheet = book.active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header, body = rows[0], rows[1:]
    assert header[0] == "Berkas di ZIP" and len(body) == 5
    by_path = {row[0]: row for row in body}
    circular = by_path[f"{folder}surat_edaran-001-2027.pdf"]
    assert circular[2] == "Surat Edaran" and circular[3] == 7
    assert circular[7] == hashlib.sha256(PDF).hexdigest()
    assert circular[9] == "2027-01-08 10:15"
    assert circular[10:13] == ["027/001/UKPBJ/2027", "Beni", "7KQ4-M9XD"]
    workbook = next(row for row in body if row[1] == "data-kinerja-dinkes-tw1.xlsx")
    assert workbook[4:7] == ["Triwulan I 2027", "Dinas Kesehatan", 2]
    odd = by_path["lainnya/cmd-x.txt"]
    assert odd[1] == "=cmd|x.txt" and odd[2] == "Berkas arsip"  # text, not a formula
    cell = next(c for c in sheet["B"] if c.value == "=cmd|x.txt")
    assert cell.data_type == "s"
    assert ids  # every document of the world is in the index
    for row in body:
        assert row[13] == "ada"


async def test_export_reports_missing_files_and_refuses_what_it_must(
    bot: Harness, exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _world(bot)
    with bot.svc.db.read() as session:
        stored = session.get(Document, ids["circular"])
        assert stored is not None
        archive.path_of(bot.svc.archive_dir, stored).unlink()
    code = main(["export-archive", "--year", "2027", str(exported)])
    captured = capsys.readouterr()
    assert code == 3
    assert "1 berkas tidak ikut diekspor" in captured.err
    assert "surat_edaran-001-2027.pdf" in captured.err
    with zipfile.ZipFile(exported) as bundle:
        assert not any(n.endswith(".pdf") for n in bundle.namelist())
        sheet = load_workbook(io.BytesIO(bundle.read("index.xlsx"))).active
    assert sheet is not None
    missing = [
        row for row in sheet.iter_rows(values_only=True) if row[1] == "surat_edaran-001-2027.pdf"
    ]
    assert missing[0][0] in ("", None) and str(missing[0][13]).startswith("HILANG")

    # The file exists now: refused without --force, written with it.
    assert main(["export-archive", "--year", "2027", str(exported)]) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert main(["export-archive", "--year", "2027", "--force", str(exported)]) == 3
    capsys.readouterr()
    # A year without a cycle.
    assert main(["export-archive", "--year", "2031", str(exported.with_name("x.zip"))]) == 2
    assert "Tidak ada siklus kinerja tahun 2031. Siklus yang ada: 2027." in capsys.readouterr().err
    assert not exported.with_name("x.zip").exists()


async def test_signed_letters_and_their_drafts_are_filed_under_their_steps(bot: Harness) -> None:
    from tests.test_letter_buttons import _signed_invitation

    team, _, _ = await _signed_invitation(bot)
    with bot.svc.db.read() as session:
        filed = {(d.kind, d.step_no) for d in archive.documents_of_year(session, 2027)}
    assert {
        ("surat_edaran", 7),
        ("persetujuan_lampiran", 7),
        ("surat_undangan", 8),
        ("persetujuan_lampiran", 8),
    } <= filed
    await team.command("arsip")
    await team.press("2027")
    [kinds] = await team.press("7. Mengirimkan")
    assert kinds.button_texts == ["Konsep untuk persetujuan (1)", "Surat Edaran (1)", "« Kembali"]
    await team.press("Surat Edaran (1)")
    # The outbox sent the circular to the owners: that file id is reused, nothing uploaded.
    uploads = sum(1 for c in bot.api.calls_of("sendDocument") if c.files)
    [sent] = await team.press("1. surat_edaran")
    assert sent.document is not None and sent.document[1].startswith(b"%PDF")
    last = bot.api.calls_of("sendDocument")[-1]
    assert isinstance(last.params["document"], str) and last.params["document"].startswith("sent-")
    assert sum(1 for c in bot.api.calls_of("sendDocument") if c.files) == uploads


async def test_a_failed_export_leaves_no_half_written_file(
    bot: Harness,
    exported: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _world(bot)

    def disk_full(*args: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bot.archive.export.index_workbook", disk_full)
    assert main(["export-archive", "--year", "2027", str(exported)]) == 2
    assert "Gagal menulis" in capsys.readouterr().err
    assert sorted(p.name for p in exported.parent.glob("arsip-2027*")) == []

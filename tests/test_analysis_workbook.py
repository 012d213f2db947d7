"""The lembar analisis round-trip (SOP step 14): download, reopen and check, fill, upload,
confirm, stored; bad workbooks are refused with every problem listed and nothing lost."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

from openpyxl import Workbook, load_workbook

from bot.core.xlsx_guard import XLSX_MIME
from bot.devtools.chat import Person
from bot.sop.cycles import cycle
from bot.sop.steps import StepState
from storage import analysis, archive
from storage.analysis import NewRecommendation
from tests.harness import WIT, Harness
from tests.test_analysis import open_iku, setup_world, step_14

STORED = list[tuple[str, str, str, str]]


async def _with_iku01(bot: Harness, team: Person) -> None:
    """IKU-01 analysed in chat, with one recommendation whose text looks like a formula."""
    await open_iku(team)
    await team.press("Tulis analisis")
    for answer in ("Waktu tender 40 hari", "Dokumen terlambat", "Banding target"):
        await team.send(answer)
    await team.press("Tambah rekomendasi")
    for answer in ("=1+1 bukan rumus", "@Pokja", "30/06/2027"):
        await team.send(answer)


def _stored(bot: Harness) -> tuple[STORED, list[tuple[str, str, str, str]]]:
    cycle_id = cycle(bot.svc, 2027).cycle_id
    assert cycle_id is not None
    with bot.svc.db.read() as session:
        analyses = [
            (a.indicator_code, a.what_happened, a.causes, a.method)
            for a in analysis.of_period(session, cycle_id, "triwulanan-1")
        ]
        recommendations = [
            (r.indicator_code, r.what, r.who, str(r.due))
            for r in analysis.recommendations(session, cycle_id, "triwulanan-1")
        ]
    return analyses, recommendations


def _ids(bot: Harness) -> list[int | None]:
    cycle_id = cycle(bot.svc, 2027).cycle_id
    assert cycle_id is not None
    with bot.svc.db.read() as session:
        return [r.id for r in analysis.recommendations(session, cycle_id, "triwulanan-1")]


async def _download(team: Person) -> bytes:
    await team.command("analisis")
    await team.press("Triwulan I 2027")
    shown = await team.press("Unduh lembar analisis")
    document = shown[-1].document
    assert document is not None
    name, content, _ = document
    assert name == "lembar-analisis-2027-triwulanan-1.xlsx"
    assert "kirim berkas ini kembali" in shown[-1].plain
    return content


def _edited(content: bytes, change: Callable[[Any], None]) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _fill(workbook: Any) -> None:
    sheet = workbook["Analisis"]
    assert sheet["A3"].value == "IKU-02"
    sheet["G2"] = "Waktu tender 38 hari"  # IKU-01 changed
    sheet["G3"], sheet["H3"], sheet["I3"] = "Tepat jadwal 80%", "Pokja cukup", "Tren"
    recommendations = workbook["Rekomendasi"]
    recommendations["A3"], recommendations["B3"] = "IKU-02", "Jadwal tender bersama"
    recommendations["C3"], recommendations["D3"] = "Kelompok Kerja Pemilihan", "15/08/2027"


async def test_download_fill_upload_confirm(bot: Harness) -> None:
    team, _, _ = await setup_world(bot)
    await _with_iku01(bot, team)
    content = await _download(team)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Petunjuk", "Analisis", "Rekomendasi"]
    guide = workbook["Petunjuk"]
    assert (guide["B3"].value, guide["B4"].value, guide["B5"].value, guide["B6"].value) == (
        "lembar-analisis-1",
        2027,
        "Triwulan I 2027",
        "triwulanan-1",
    )
    sheet = workbook["Analisis"]
    assert [c.value for c in sheet[1]][:2] == ["Kode", "Indikator"]
    assert [c.value for c in sheet[1]][-3:] == ["Apa yang terjadi", "Penyebab", "Metode analisis"]
    assert [sheet.cell(r, 1).value for r in range(2, 7)] == [f"IKU-0{n}" for n in range(1, 6)]
    assert sheet["G2"].value == "Waktu tender 40 hari" and sheet["G3"].value is None
    # The compiled numbers, read only: missing stays blank, never zero.
    assert [c.value for c in sheet[1]][2:6] == ["Realisasi", "Target", "Capaian (%)", "Kategori"]
    assert [c.value for c in sheet[2]][2:6] == [None, "45 hari", None, None]
    assert [c.value for c in sheet[4]][:6] == [
        "IKU-03",
        "Persentase efisiensi nilai kontrak terhadap HPS",
        "10%",
        "8%",
        "125%",
        "Sangat Tinggi",
    ]
    assert [c.value for c in sheet[5]][2:6] == ["50%", "60%", "83,3%", "Tinggi"]
    recommendations = workbook["Rekomendasi"]
    row = [c.value for c in recommendations[2]]
    assert row[:3] == ["IKU-01", "=1+1 bukan rumus", "@Pokja"]
    # Typed text stays text: no formula reaches Excel.
    assert recommendations["B2"].data_type == "s" and recommendations["C2"].data_type == "s"
    assert str(row[3])[:10] == "2027-06-30"

    before = _ids(bot)
    filled = _edited(content, _fill)
    shown = await team.upload("lembar.xlsx", filled, XLSX_MIME)
    summary = shown[-1].plain
    assert "lolos pemeriksaan" in summary
    assert "Analisis: 1 baru, 1 diubah, 0 tetap." in summary
    assert "Rekomendasi: 2 dari lembar ini menggantikan 1 rekomendasi" in summary
    assert _stored(bot)[0][0][1] == "Waktu tender 40 hari"  # not stored before Simpan
    shown = await team.press("Simpan")
    assert "tersimpan: 2 analisis, 2 rekomendasi" in shown[-1].plain
    analyses, stored = _stored(bot)
    assert analyses == [
        ("IKU-01", "Waktu tender 38 hari", "Dokumen terlambat", "Banding target"),
        ("IKU-02", "Tepat jadwal 80%", "Pokja cukup", "Tren"),
    ]
    assert stored == [
        ("IKU-01", "=1+1 bukan rumus", "@Pokja", "2027-06-30"),
        ("IKU-02", "Jadwal tender bersama", "Kelompok Kerja Pemilihan", "2027-08-15"),
    ]
    with bot.svc.db.read() as session:
        filed = [d for d in archive.documents_of_year(session, 2027) if d.step_no == 14]
    assert [(d.kind, d.step_no, d.period_key, d.file_name) for d in filed] == [
        ("lembar_analisis_xlsx", 14, "triwulanan-1", "lembar-analisis-2027-triwulanan-1.xlsx")
    ]
    # The unchanged recommendation keeps its row (a meeting may already hold it).
    assert _ids(bot)[0] == before[0]
    assert step_14(bot) is StepState.BERJALAN


def _break(change: Callable[[Any], None]) -> Callable[[bytes], bytes]:
    return lambda content: _edited(content, change)


def _set(sheet: str, cell: str, value: object) -> Callable[[bytes], bytes]:
    def change(workbook: Any) -> None:
        workbook[sheet][cell] = value

    return _break(change)


def _other_file(_: bytes) -> bytes:
    workbook = Workbook()
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _many(workbook: Any) -> None:
    workbook["Analisis"]["A3"] = "IKU-99"
    workbook["Analisis"]["H2"] = None  # IKU-01: what happened without its causes
    recommendations = workbook["Rekomendasi"]
    recommendations["A3"], recommendations["B3"], recommendations["C3"] = "IKU-01", "B", "C"
    recommendations["D3"] = "31/02/2027"
    recommendations["A4"], recommendations["B4"], recommendations["C4"] = "IKU-01", "B", "C"
    recommendations["D4"] = "01/01/2027"
    recommendations["A5"], recommendations["B5"], recommendations["C5"] = "IKU-01", "=1+1", "C"
    recommendations["D5"] = "01/09/2027"


CASES: list[tuple[str, Callable[[bytes], bytes], list[str]]] = [
    ("rusak.xlsx", lambda c: c[:200], ["berkas .xlsx rusak atau tidak lengkap"]),
    ("lain.xlsx", _other_file, ["bukan lembar analisis"]),
    ("versi.xlsx", _set("Petunjuk", "B3", "lembar-analisis-0"), ["versi lembar"]),
    ("periode.xlsx", _set("Petunjuk", "B6", "triwulanan-2"), ["lembar ini untuk periode"]),
    (
        "banyak.xlsx",
        _break(_many),
        [
            "Analisis baris 3, kolom Kode: kode IKU-99 tidak dilaporkan pada periode Triwulan I",
            "Analisis baris 2, kolom Penyebab: jawaban kosong",
            "Rekomendasi baris 3, kolom Batas waktu: 31/02/2027 bukan tanggal",
            "Rekomendasi baris 4, kolom Batas waktu: tanggal 1 Januari 2027 sudah lewat",
            "Rekomendasi baris 5, kolom Rekomendasi: sel berisi rumus Excel",
            "(5 masalah)",
        ],
    ),
]


async def test_bad_workbooks_are_refused_and_nothing_changes(bot: Harness) -> None:
    team, _, _ = await setup_world(bot)
    await _with_iku01(bot, team)
    before = _stored(bot)
    content = await _download(team)
    shown = await team.upload("catatan.docx", b"PK", "application/msword")
    assert "bukan .xlsx. Kirim lembar analisis" in shown[-1].plain
    for name, make, expected in CASES:
        shown = await team.upload(name, make(content), XLSX_MIME)
        text = shown[-1].plain
        assert "tidak dapat disimpan" in text and "Tidak ada yang berubah" in text, name
        for line in expected:
            assert line in text, (name, text)
        assert "Kembali ke daftar indikator" in shown[-1].button_texts[0]
        assert _stored(bot) == before
    # Still waiting: a good file after the bad ones goes through.
    shown = await team.upload("lembar.xlsx", _edited(content, _fill), XLSX_MIME)
    assert "lolos pemeriksaan" in shown[-1].plain
    shown = await team.press("Batal")
    assert "tidak disimpan; tidak ada yang berubah" in shown[-1].plain
    assert _stored(bot) == before


async def test_a_restart_between_check_and_confirm_keeps_the_upload(bot: Harness) -> None:
    team, head, _ = await setup_world(bot)
    await _with_iku01(bot, team)
    content = await _download(team)
    await team.upload("lembar.xlsx", _edited(content, _fill), XLSX_MIME)
    await bot.restart(graceful=False)
    shown = await team.press("Simpan")
    assert "tersimpan: 2 analisis, 2 rekomendasi" in shown[-1].plain
    # The head downloads to read; the caption asks nothing back.
    await head.command("analisis")
    await head.press("Triwulan I 2027")
    shown = await head.press("Unduh lembar analisis")
    assert "untuk dibaca" in shown[-1].plain
    assert shown[-1].document is not None
    workbook = load_workbook(io.BytesIO(shown[-1].document[1]))
    assert workbook["Analisis"]["G3"].value == "Tepat jadwal 80%"


async def test_a_kept_recommendation_may_keep_a_date_now_past(bot: Harness) -> None:
    team, _, _ = await setup_world(bot)
    await _with_iku01(bot, team)  # due 30 June 2027
    content = await _download(team)
    bot.clock.set(datetime(2027, 7, 10, 9, 0, tzinfo=WIT))
    await team.command("analisis")
    shown = await team.press("Triwulan I 2027")
    await team.press("Kirim lembar terisi")

    def analyse_iku02(workbook: Any) -> None:
        sheet = workbook["Analisis"]
        sheet["G3"], sheet["H3"], sheet["I3"] = "Terjadi", "Sebab", "Metode"

    shown = await team.upload("lembar.xlsx", _edited(content, analyse_iku02), XLSX_MIME)
    assert "lolos pemeriksaan" in shown[-1].plain

    def reword(workbook: Any) -> None:
        analyse_iku02(workbook)
        workbook["Rekomendasi"]["B2"] = "Teks baru"

    await team.press("Batal")
    await team.press("Kirim lembar terisi")
    shown = await team.upload("lembar.xlsx", _edited(content, reword), XLSX_MIME)
    assert "tanggal 30 Juni 2027 sudah lewat" in shown[-1].plain


async def test_the_longest_card_fits_in_one_message(bot: Harness) -> None:
    team, _, _ = await setup_world(bot)
    cycle_id = cycle(bot.svc, 2027).cycle_id
    assert cycle_id is not None
    with bot.svc.db.write() as session:
        analysis.save_analysis(
            session,
            cycle_id=cycle_id,
            indicator_code="IKU-01",
            period_key="triwulanan-1",
            what_happened="a" * 2000,
            causes="<b>" * 500,
            method="c" * 2000,
            actor=None,
            now=bot.clock.now(),
        )
        for n in range(8):
            new = NewRecommendation("IKU-01", f"{n} " + "r" * 1998, "p" * 300, None)
            analysis.add_recommendation(
                session,
                cycle_id=cycle_id,
                period_key="triwulanan-1",
                new=new,
                actor=None,
                now=bot.clock.now(),
            )
    card = await open_iku(team)
    assert len(team.last.plain) <= 4096
    assert "Penyebab: <b><b>" in card and "… dan 2 rekomendasi lain" in card
    assert "7. 6 rrr" not in card and "6. 5 rrr" in card

"""/rencana (SOP steps 1-4) as the team, the head and an owner see it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bot.cli import main as cli_main
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.planning.documents.workbook import plan_workbook
from bot.planning.rules.example import example_plan
from bot.planning.usecases import store_plan
from storage import audit, cycles, plans
from storage.models import PlanRevision
from tests.databases import database_url
from tests.harness import Harness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _seed(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        store_plan(session, plan=example_plan(2027), actor_id=None, now=bot.clock.now())


def _sent_document(shown: list[Shown]) -> tuple[str, bytes]:
    documents = [m.document for m in shown if m.document is not None]
    assert documents, [m.plain for m in shown]
    name, content, _ = documents[-1]
    return name, content


def _edit_workbook(content: bytes, sheet: str, cell: str, value: object) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_of(content: bytes, sheet: str, column_header: str, row_key: str) -> str:
    """The address of the cell in ``column_header`` on the row whose first cell is row_key."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    column = headers.index(column_header) + 1
    for row in ws.iter_rows(min_row=2):
        if row[0].value == row_key:
            return str(ws.cell(row=row[0].row, column=column).coordinate)
    raise LookupError(row_key)


async def test_team_loads_the_starter_plan_and_steps_1_to_4_are_done(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    shown = await team.command("rencana")
    menu = shown[0]
    assert "Rencana Kinerja 2027 — belum ada isi" in menu.plain
    assert "Muat contoh rencana" in " ".join(menu.button_texts)
    shown = await team.press("Muat contoh rencana")
    text = shown[0].plain
    assert "Contoh rencana dimuat: 8 indikator, 10 rencana aksi" in text
    assert "Tujuan: 2 · Area: 4 · Indikator: 8 · Rencana aksi: 10" in text
    assert "revisi 1 (draf)" in text
    for step in (1, 2, 3, 4):
        assert f"✅ Langkah {step}" in text
    # The starter button is gone once the plan has content.
    assert not any("Muat contoh" in b for b in shown[0].button_texts)
    shown = await team.command("tugas")
    assert "Siklus sedang di langkah 5" in shown[0].plain
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        states = cycles.step_states(session, cycle_id=cycle.id)
    assert {n: s.value for n, s in states.items() if n <= 4} == {
        1: "selesai",
        2: "selesai",
        3: "selesai",
        4: "selesai",
    }


async def test_tasks_say_what_the_plan_still_lacks(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    full = example_plan(2027)
    partial = replace(
        full, actions=tuple(a for a in full.actions if a.indicator_code not in ("IKU-01", "IKU-05"))
    )
    with bot.svc.db.write() as session:
        store_plan(session, plan=partial, actor_id=None, now=bot.clock.now())
    shown = await team.command("tugas")
    assert "⚠️ 2 indikator belum punya rencana aksi" in shown[0].plain
    assert "Langkah 4. Menyusun rencana aksi" in shown[0].plain
    assert "Langkah 5" in shown[0].plain and "menunggu langkah 4" in shown[0].plain


async def test_downloaded_template_uploaded_unchanged_reports_no_changes(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await team.command("rencana")
    shown = await team.press("Unduh template Excel")
    name, content = _sent_document(shown)
    assert name == "template-rencana-kinerja-2027.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert "Indikator" in book.sheetnames
    shown = await team.upload(name, content, XLSX)
    assert "tidak ada perubahan" in shown[-1].plain


async def test_workbook_change_is_summarised_and_stored_only_on_save(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    original = plan_workbook(example_plan(2027), title="UKPBJ")
    changed = _edit_workbook(
        original, "Indikator", _cell_of(original, "Indikator", "Target Tahunan", "IKU-04"), 65
    )
    await team.command("rencana")
    await team.press("Unggah rencana")
    shown = await team.upload("rencana.xlsx", changed, XLSX)
    summary = shown[-1]
    assert "Ringkasan perubahan" in summary.plain
    assert "Diubah: 1 indikator" in summary.plain
    # The Target sheet keeps its own rows: only the annual target changed.
    assert "indikator IKU-04: target tahunan\n" in summary.plain
    assert summary.button_texts == ["✅ Simpan", "Batal"]
    # Discarding stores nothing.
    await team.press("Batal")
    assert "Perubahan dibuang" in team.last.plain
    with bot.svc.db.read() as session:
        _, plan = plans.current_plan(session, year=2027)
    indicator = plan.indicator("IKU-04")
    assert indicator is not None and indicator.annual_target == 60
    # Upload again, survive a restart, then save.
    await team.command("rencana")
    await team.press("Unggah rencana")
    await team.upload("rencana.xlsx", changed, XLSX)
    await bot.restart(graceful=False)
    await team.press("Simpan")
    assert "Rencana disimpan (1 perubahan)" in team.last.plain
    with bot.svc.db.read() as session:
        _, plan = plans.current_plan(session, year=2027)
        entry = audit.entries(session, action="plan.changed")[0]
    indicator = plan.indicator("IKU-04")
    assert indicator is not None and indicator.annual_target == 65
    assert indicator.period_targets == (60, 60, 60, 60)
    assert entry.actor_label == "Maria Wenda" and entry.entity_id == "IKU-04"
    assert '"annual_target": 60.0' in (entry.before_json or "")


async def test_broken_workbook_lists_row_errors_and_changes_nothing(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    original = plan_workbook(example_plan(2027), title="UKPBJ")
    broken = _edit_workbook(
        original,
        "Indikator",
        _cell_of(original, "Indikator", "Target Tahunan", "IKU-02"),
        "delapan puluh",
    )
    await team.command("rencana")
    await team.press("Unggah rencana")
    shown = await team.upload("rencana.xlsx", broken, XLSX)
    problems = shown[-1].plain
    assert "Berkas belum dapat disimpan" in problems and "Tidak ada yang diubah" in problems
    assert "Indikator baris 3" in problems and "Target Tahunan" in problems
    # Still waiting for a workbook: the fixed file is accepted without pressing anything.
    shown = await team.upload("rencana.xlsx", original, XLSX)
    assert "tidak ada perubahan" in shown[-1].plain


async def test_wrong_files_are_refused_before_anything_else(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("rencana")
    await team.press("Unggah rencana")
    shown = await team.upload("rencana.pdf", b"%PDF-1.4", "application/pdf")
    assert "bukan .xlsx. Kirim template rencana dalam format Excel" in shown[-1].plain
    downloads_before = len(bot.api.calls_of("getFile"))
    shown = await team.upload("besar.xlsx", b"PK", XLSX, file_size=30 * 1024 * 1024)
    assert "terlalu besar" in shown[-1].plain
    assert len(bot.api.calls_of("getFile")) == downloads_before
    shown = await team.upload("palsu.xlsx", b"%PDF-1.4 not a workbook", XLSX)
    assert "bukan berkas Excel" in shown[-1].plain


async def _open_indicator(person: Person, area: str, code: str) -> None:
    await person.command("rencana")
    await person.press("Jelajahi rencana")
    await person.press(area)
    await person.press(code)


async def test_team_edits_an_attribute_on_the_phone(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await _open_indicator(team, "A2 ·", "IKU-04")
    card = team.last
    assert "IKU-04. Persentase nilai e-Purchasing" in card.plain
    assert "Rumus: nilai_epurchasing / total_pagu * 100" in card.plain
    assert "Target periode: Triwulan I 60; Triwulan II 60; Triwulan III 60; Triwulan IV 60" in (
        card.plain
    )
    await team.press("Ubah atribut")
    shown = await team.press("Target tahunan")
    assert "Ketik target tahunan baru untuk IKU-04" in shown[0].plain
    shown = await team.send("enam puluh lima")
    assert "bukan angka" in shown[0].plain
    shown = await team.send("62,5")
    assert "Target tahunan IKU-04 disimpan" in shown[0].plain
    assert "Target periode diturunkan ulang" in shown[0].plain
    assert "Target tahunan: 62,5" in shown[0].plain
    # A formula naming an unknown input is refused with the reason.
    await team.press("Ubah atribut")
    await team.press("Rumus")
    shown = await team.send("nilai_katalog / total_pagu * 100")
    assert "nilai_katalog yang tidak ada" in shown[0].plain
    # A name the team typed is shown as code, not as a stray machine key.
    assert "input <code>nilai_katalog</code> yang tidak ada" in shown[0].text
    await team.command("batal")
    # A choice attribute is set with buttons.
    await _open_indicator(team, "A2 ·", "IKU-04")
    await team.press("Ubah atribut")
    await team.press("Frekuensi pelaporan")
    shown = await team.press("semester")
    assert "Frekuensi pelaporan IKU-04 disimpan" in shown[0].plain
    assert "Semester I 62,5; Semester II 62,5" in shown[0].plain
    with bot.svc.db.read() as session:
        changed = [e.entity_id for e in audit.entries(session, action="plan.changed")]
    assert changed == ["IKU-04", "IKU-04"]


async def test_team_adds_and_removes_an_action_plan(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await _open_indicator(team, "A3 ·", "IKU-05")
    shown = await team.press("Rencana aksi (1)")
    assert "1. Klinik konsultasi" in shown[0].plain
    await team.press("Tambah rencana aksi")
    await team.send("Evaluasi penyebab tender gagal setiap triwulan")
    await team.send("Catatan evaluasi dan rekomendasi")
    shown = await team.send("30/06/2027 - 01/03/2027")
    assert "tanggal selesai sebelum tanggal mulai" in shown[0].plain
    shown = await team.send("01/03/2027 - 31/12/2027")
    assert "Rencana aksi IKU-05 no. 2 ditambahkan" in shown[0].plain
    shown = await team.press("Rencana aksi (2)")
    assert "2. Evaluasi penyebab tender gagal" in shown[0].plain
    assert "1 Maret 2027 – 31 Desember 2027" in shown[0].plain
    await team.press("Hapus no. 1")
    shown = await team.press("Ya, hapus")
    assert "Rencana aksi IKU-05 no. 1 dihapus" in shown[0].plain
    assert "Klinik konsultasi" not in shown[0].plain


async def test_owner_only_looks(bot: Harness) -> None:
    _seed(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    shown = await owner.command("rencana")
    assert "baca saja" in shown[0].plain
    assert "Unggah rencana (Excel)" not in shown[0].button_texts
    await owner.press("Jelajahi rencana")
    await owner.press("A2 ·")
    shown = await owner.press("IKU-04")
    assert "Ubah atribut" not in shown[0].button_texts
    # A forged edit button changes nothing and says why.
    await owner.press_data("pln:2027:f:IKU-04:tt", on=owner.last)
    alert = bot.api.calls_of("answerCallbackQuery")[-1]
    assert alert.params.get("show_alert") is True
    with bot.svc.db.read() as session:
        _, plan = plans.current_plan(session, year=2027)
    assert plan.indicator("IKU-04") == example_plan(2027).indicator("IKU-04")
    # The owner gets the data template of their own unit.
    await owner.command("rencana")
    shown = await owner.press("Template Data Kinerja")
    _, content = _sent_document(shown)
    petunjuk = openpyxl.load_workbook(io.BytesIO(content))["Petunjuk"]
    cells = [str(c.value) for row in petunjuk.iter_rows() for c in row if c.value]
    assert any("Dinas Kesehatan" in c for c in cells)


async def test_documents_are_sent(bot: Harness) -> None:
    _seed(bot)
    head = await bot.registered(1001, Role.KEPALA)
    await head.command("rencana")
    shown = await head.press("Dokumen Perencanaan")
    name, content = _sent_document(shown)
    assert name == "dokumen-perencanaan-kinerja-2027.pdf" and content.startswith(b"%PDF")
    shown = await head.press("Template Data Kinerja")
    name, content = _sent_document(shown)
    assert name == "template-data-kinerja-2027.xlsx"
    assert "Data Paket" in openpyxl.load_workbook(io.BytesIO(content)).sheetnames


async def test_an_approved_revision_is_never_edited(bot: Harness) -> None:
    _seed(bot)
    with bot.svc.db.write() as session:
        revision = session.get(PlanRevision, 1)
        assert revision is not None
        revision.status = plans.APPROVED
        session.add(revision)
    team = await bot.registered(2001, Role.TIM)
    shown = await team.command("rencana")
    assert "revisi 1 (disetujui)" in shown[0].plain
    assert "perubahan berikutnya disimpan sebagai revisi baru" in shown[0].plain
    await _open_indicator(team, "A1 ·", "IKU-01")
    await team.press("Ubah atribut")
    await team.press("Target tahunan")
    shown = await team.send("40")
    assert "revisi 2" in shown[0].plain
    with bot.svc.db.read() as session:
        first = plans.load_plan(session, revision_id=1, year=2027)
        second = plans.load_plan(session, revision_id=2, year=2027)
    first_indicator, second_indicator = first.indicator("IKU-01"), second.indicator("IKU-01")
    assert first_indicator is not None and first_indicator.annual_target == 45
    assert second_indicator is not None and second_indicator.annual_target == 40


def test_seed_example_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url(tmp_path))
    monkeypatch.chdir(str(tmp_path))
    assert cli_main(["seed-example", "--year", "2027"]) == 0
    assert "Contoh rencana 2027 dimuat: 8 indikator, 10 rencana aksi" in capsys.readouterr().out
    assert cli_main(["seed-example", "--year", "2027"]) == 2
    assert "sudah berisi" in capsys.readouterr().err


@pytest.mark.parametrize(("day", "year"), [((2026, 9, 30), 2026), ((2026, 10, 1), 2027)])
def test_seed_example_defaults_to_the_year_rencana_opens(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    day: tuple[int, int, int],
    year: int,
) -> None:
    """Without --year the CLI seeds the year /rencana opens (next year from 1 October)."""
    import bot.app
    from bot.core.clock import FixedClock

    moment = datetime(*day, 9, 0, tzinfo=ZoneInfo("Asia/Jayapura"))
    monkeypatch.setattr(bot.app, "SystemClock", lambda: FixedClock(moment))
    monkeypatch.setenv("DATABASE_URL", database_url(tmp_path))
    monkeypatch.chdir(str(tmp_path))
    assert cli_main(["seed-example"]) == 0
    assert f"Contoh rencana {year} dimuat" in capsys.readouterr().out


async def test_numbers_typed_for_the_plan_are_read_exactly(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await _open_indicator(team, "A2 ·", "IKU-04")  # unit %
    await team.press("Ubah atribut")
    shown = await team.press("Baseline")
    assert "satuan %: 75 atau 75%" in shown[0].plain
    shown = await team.send("1.234")
    assert "1.234 bisa berarti 1,234 (desimal) atau 1234 (ribuan)" in shown[0].plain
    assert "Ketik lagi" in shown[0].plain
    shown = await team.send("42.25%")
    assert "Baseline IKU-04 disimpan" in shown[0].plain
    assert "Baseline: 42,25" in shown[0].plain
    await team.press("Ubah atribut")
    shown = await team.press("Target periode")
    assert "Contoh triwulanan: 45; 45,5; 50; 50" in shown[0].plain
    shown = await team.send("45; 1.234; 50; 50")
    assert "target ke-2: 1.234 bisa berarti" in shown[0].plain
    shown = await team.send("45, 45,5, 50, 50")
    assert "pisahkan target dengan titik koma" in shown[0].plain
    shown = await team.send("45; 45,5; 50%; 50.75")
    assert "Target periode IKU-04 disimpan" in shown[0].plain
    assert "Triwulan I 45; Triwulan II 45,5; Triwulan III 50; Triwulan IV 50,75" in shown[0].plain
    with bot.svc.db.read() as session:
        _, stored = plans.current_plan(session, year=2027)
    indicator = stored.indicator("IKU-04")
    assert indicator is not None
    assert indicator.baseline_value == 42.25
    assert indicator.period_targets == (45.0, 45.5, 50.0, 50.75)

"""The planning document (PDF) and the performance data template (workbook)."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.core.profile import OrgProfile, load_profile
from bot.core.signing import Approval, approval
from bot.planning.documents.data_template import (
    DATA_TEMPLATE_VERSION,
    FIRST_DATA_ROW,
    KEY_ROW,
    PERIOD_CELL,
    SHEET_ACTIONS,
    SHEET_GUIDE,
    SHEET_ISSUES,
    SHEET_PACKAGES,
    UNIT_CELL,
    VERSION_CELL,
    PackageRow,
    data_template_columns,
    performance_data_template,
)
from bot.planning.documents.document import SIGNED_KIND, plan_document_pdf
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import (
    ActionPlan,
    ActionStatus,
    FormulaInput,
    Frequency,
    Indicator,
    InputKind,
    Plan,
    Polarity,
)
from bot.planning.rules.periods import default_period_targets
from tests import pdfcheck

GENERATED = datetime(2027, 1, 5, 5, 30, tzinfo=UTC)  # 14.30 WIT
REVISION = "Revisi 1 — diajukan untuk persetujuan"


def _pdf(plan: Plan, profile: OrgProfile | None = None) -> bytes:
    return plan_document_pdf(
        plan, profile or load_profile(), revision_label=REVISION, generated_at=GENERATED
    )


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def _text(data: bytes) -> str:
    """The text of the PDF, whitespace collapsed."""
    return pdfcheck.text(data)


def _draft_plan() -> Plan:
    """The example plus a monthly Rupiah indicator, a bare draft one, many and stray actions."""
    plan = example_plan(2027)
    target = 25_000_000_000.0
    monthly = Indicator(
        code="IKU-09",
        area_code="A2",
        name="Nilai belanja melalui katalog elektronik lokal " * 3,
        definition="Definisi yang panjang sekali untuk menguji pembungkusan teks. " * 60,
        inputs=(
            FormulaInput("nilai_katalog_lokal", "Nilai transaksi katalog lokal", InputKind.RUPIAH),
            FormulaInput("total_pagu", "Total pagu (label kedua)", InputKind.RUPIAH),
            FormulaInput("tanggal_kontrak", "Tanggal kontrak", InputKind.TANGGAL),
            FormulaInput("sudah_tayang", "Produk sudah tayang", InputKind.YA_TIDAK),
        ),
        formula="nilai_katalog_lokal / total_pagu * 100",
        unit="Rp",
        polarity=Polarity.NAIK,
        monitoring_frequency=Frequency.BULANAN,
        reporting_frequency=Frequency.BULANAN,
        baseline_value=12_500_000_000,
        baseline_year=2026,
        annual_target=target,
        period_targets=default_period_targets(target, "Rp", Frequency.BULANAN),
    )
    draft = Indicator(code="IKU-10", area_code="A9", name="")
    many = tuple(
        ActionPlan(
            "IKU-09",
            n,
            f"Kegiatan ke-{n}: " + "pendampingan OPD " * (n % 6 + 1),
            "keluaran",
            date(2027, 1, n),
            date(2027, 12, n),
            "UKPBJ",
            ActionStatus.BERJALAN,
        )
        for n in range(1, 31)
    )
    stray = ActionPlan("IKU-99", 1, "Aksi tanpa indikator", start=date(2027, 3, 1))
    return dataclasses.replace(
        plan,
        indicators=(*plan.indicators, monthly, draft),
        actions=(*plan.actions, *many, stray),
    )


# --------------------------------------------------------------------------- PDF


def test_plan_document_of_the_example_plan(tmp_path: Path) -> None:
    plan = example_plan(2027)
    data = _pdf(plan)
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    pages = _page_count(data)
    assert 3 <= pages <= 12

    text = _text(data)
    for expected in (
        "PEMERINTAH KABUPATEN JAYAWIJAYA",
        "BAGIAN PENGADAAN BARANG/JASA",
        "DOKUMEN PERENCANAAN KINERJA",
        "TAHUN 2027",
        REVISION,
        "A. Tujuan PBJ",
        "B. Area Strategis",
        "C. Manual Indikator",
        "D. Tabel Baseline dan Target",
        "E. Rencana Aksi",
        "total_pagu",
        "Triwulan IV: 85%",
        "6,5% (tahun 2026)",
        "15 Januari 2027",
        "Wamena, Januari 2027",  # a draft: the day is left open
        "Yulianus Lokobal, S.E., M.Si.",
        "NIP. 19740610 200003 1 002",
        f"Dokumen Perencanaan Kinerja 2027 — {REVISION} — halaman 1 dari {pages}",
        f"halaman {pages} dari {pages}",
        "Selasa, 5 Januari 2027 pukul 14.30 WIT",
    ):
        assert expected in text, expected
    for indicator in plan.indicators:
        assert indicator.code in text
        assert indicator.name in text
    for area in plan.areas:
        assert area.name in text
    # Not approved: a draft, marked on every page, without an approval.
    assert text.count("DRAF — belum ditandatangani") == pages
    assert "Kode verifikasi" not in text and "Disetujui melalui" not in text


def test_plan_document_prints_names_outside_latin_1(tmp_path: Path) -> None:
    profile = load_profile()
    name = "Łukasz Ōtsuka"
    profile = dataclasses.replace(
        profile,
        government="Pemerintah Kabupaten Ōtsuka Łukasz — Ğ",
        head=dataclasses.replace(profile.head, name=name),
    )
    data = plan_document_pdf(
        example_plan(2027),
        profile,
        revision_label="Revisi 3 — Ğ",
        generated_at=datetime(2027, 1, 5, 5, 30),  # naive: taken as UTC
    )
    text = _text(data)
    assert name in text
    assert "PEMERINTAH KABUPATEN ŌTSUKA ŁUKASZ — Ğ" in text
    assert "Revisi 3 — Ğ" in text
    assert "pukul 14.30 WIT" in text


def test_empty_plan_document(tmp_path: Path) -> None:
    data = _pdf(Plan(year=2027))
    assert data.startswith(b"%PDF-")
    assert _page_count(data) == 1
    text = _text(data)
    assert "DOKUMEN PERENCANAAN KINERJA" in text
    assert "masih kosong" in text
    assert "halaman 1 dari 1" in text


def test_draft_plan_document_with_long_and_missing_parts(tmp_path: Path) -> None:
    plan = _draft_plan()
    data = _pdf(plan)
    assert data.startswith(b"%PDF-")
    text = _text(data)
    assert "belum diisi" in text
    assert "Rp 12.500.000.000 (tahun 2026)" in text
    assert "Januari: Rp 2.083.333.333" in text
    assert "Kegiatan ke-30" in text
    assert "IKU-99" in text
    assert "Aksi tanpa indikator" in text


def test_partly_filled_plan_says_what_is_missing(tmp_path: Path) -> None:
    plan = Plan(year=2027, objectives=example_plan(2027).objectives)
    text = _text(_pdf(plan))
    assert "Belum ada area strategis." in text
    assert "Belum ada indikator kinerja." in text
    assert "Belum ada rencana aksi." in text


# --------------------------------------------------------------------------- workbook


def _workbook(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _keys(sheet: Any) -> list[str]:
    return [cell.value for cell in sheet[KEY_ROW] if cell.value is not None]


def _column(sheet: Any, key: str) -> int:
    return _keys(sheet).index(key) + 1


def _validations(sheet: Any) -> list[tuple[str, str, str]]:
    return [
        (rule.type, str(rule.formula1), str(rule.sqref))
        for rule in sheet.data_validations.dataValidation
    ]


def test_data_template_of_the_example_plan() -> None:
    plan = example_plan(2027)
    book = _workbook(
        performance_data_template(plan, unit_name="Dinas Kesehatan", period_label="Triwulan I")
    )
    assert book.sheetnames == [SHEET_GUIDE, SHEET_PACKAGES, SHEET_ACTIONS, SHEET_ISSUES]

    guide = book[SHEET_GUIDE]
    assert guide[VERSION_CELL].value == DATA_TEMPLATE_VERSION
    assert guide[UNIT_CELL].value == "Dinas Kesehatan"
    assert guide[PERIOD_CELL].value == "Triwulan I"

    packages = book[SHEET_PACKAGES]
    keys = _keys(packages)
    columns = data_template_columns(plan)
    assert keys == [
        "kode_rup",
        "nama_paket",
        "pagu",
        "kode_area",
        *(name for name, _, _, _ in columns),
        "catatan_bukti_dukung",
    ]
    # total_pagu is an input of three indicators but has one column, naming all three.
    assert keys.count("total_pagu") == 1
    column = _column(packages, "total_pagu")
    assert "Total pagu pengadaan" in packages.cell(row=1, column=column).value
    assert "rupiah" in packages.cell(row=1, column=column).value
    hint = packages.cell(row=2, column=column).value
    assert all(code in hint for code in ("IKU-04", "IKU-06", "IKU-07"))
    assert columns[keys.index("total_pagu") - 4] == (
        "total_pagu",
        "Total pagu pengadaan melalui penyedia (SIRUP)",
        "rupiah",
        ("IKU-04", "IKU-06", "IKU-07"),
    )

    # Fifty empty rows, unlocked under locked, frozen headers, on a protected sheet.
    assert packages.freeze_panes == f"C{FIRST_DATA_ROW}"
    assert packages.max_row == FIRST_DATA_ROW + 49
    assert packages.protection.sheet
    assert packages.cell(row=1, column=1).protection.locked
    assert packages.cell(row=KEY_ROW, column=column).protection.locked
    assert not packages.cell(row=FIRST_DATA_ROW, column=column).protection.locked
    assert packages.cell(row=FIRST_DATA_ROW, column=column).number_format == "#,##0"
    assert packages.cell(row=FIRST_DATA_ROW, column=_column(packages, "pagu")).number_format == (
        "#,##0"
    )
    rules = _validations(packages)
    assert ("list", '"A1,A2,A3,A4"', f"D{FIRST_DATA_ROW}:D{FIRST_DATA_ROW + 49}") in rules
    letter = packages.cell(row=1, column=column).column_letter
    assert ("decimal", "0", f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + 49}") in rules

    actions = book[SHEET_ACTIONS]
    assert actions.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert actions.max_row - FIRST_DATA_ROW + 1 == len(plan.actions)
    assert _keys(actions) == ["kode_indikator", "no", "kegiatan", "status", "progres", "kendala"]
    first = [cell.value for cell in actions[FIRST_DATA_ROW]]
    assert first[:4] == ["IKU-01", 1, plan.actions_of("IKU-01")[0].activity, "belum mulai"]
    assert actions.cell(row=FIRST_DATA_ROW, column=1).protection.locked
    assert not actions.cell(row=FIRST_DATA_ROW, column=4).protection.locked
    assert not actions.cell(row=FIRST_DATA_ROW, column=5).protection.locked
    last = FIRST_DATA_ROW + len(plan.actions) - 1
    assert (
        "list",
        '"belum mulai,berjalan,selesai,tertunda"',
        f"D{FIRST_DATA_ROW}:D{last}",
    ) in _validations(actions)

    issues = book[SHEET_ISSUES]
    assert _keys(issues) == ["uraian_kendala", "dampak", "usulan_tindak_lanjut"]
    assert issues.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert not issues.cell(row=FIRST_DATA_ROW, column=1).protection.locked


def test_data_template_kinds_and_packages() -> None:
    plan = _draft_plan()
    packages = [
        PackageRow("40123456", "Pengadaan obat dan bahan medis habis pakai", 1_250_000_000, "A2"),
        PackageRow("40123457", "Rehabilitasi puskesmas", None, None),
    ]
    book = _workbook(
        performance_data_template(plan, unit_name=None, period_label=None, packages=packages)
    )
    guide = book[SHEET_GUIDE]
    assert guide[VERSION_CELL].value == DATA_TEMPLATE_VERSION
    assert guide[UNIT_CELL].value is None
    assert not guide[UNIT_CELL].protection.locked
    assert not guide[PERIOD_CELL].protection.locked
    assert guide[VERSION_CELL].protection.locked

    sheet = book[SHEET_PACKAGES]
    keys = _keys(sheet)
    assert keys.count("total_pagu") == 1
    total_pagu = _column(sheet, "total_pagu")
    assert "IKU-09" in sheet.cell(row=2, column=total_pagu).value
    # The first indicator's label wins.
    assert "Total pagu pengadaan" in sheet.cell(row=1, column=total_pagu).value

    row = [cell.value for cell in sheet[FIRST_DATA_ROW]][:4]
    assert row == ["40123456", "Pengadaan obat dan bahan medis habis pakai", 1_250_000_000, "A2"]
    assert sheet.cell(row=FIRST_DATA_ROW + 1, column=3).value is None
    assert sheet.max_row == FIRST_DATA_ROW + 49  # at least fifty rows

    rules = _validations(sheet)
    date_column = sheet.cell(row=1, column=_column(sheet, "tanggal_kontrak")).column_letter
    yes_no_column = sheet.cell(row=1, column=_column(sheet, "sudah_tayang")).column_letter
    assert any(kind == "date" and ref.startswith(date_column) for kind, _, ref in rules)
    assert ("list", '"ya,tidak"', f"{yes_no_column}{FIRST_DATA_ROW}:{yes_no_column}53") in rules
    assert sheet[f"{date_column}{FIRST_DATA_ROW}"].number_format == "DD/MM/YYYY"

    actions = book[SHEET_ACTIONS]
    assert actions.max_row - FIRST_DATA_ROW + 1 == len(plan.actions)
    codes = [
        actions.cell(row=r, column=1).value for r in range(FIRST_DATA_ROW, actions.max_row + 1)
    ]
    assert codes[-1] == "IKU-99"


def test_data_template_many_packages_get_spare_rows() -> None:
    packages = [PackageRow(f"4{n:07d}", f"Paket {n}", 1000.0 * n, "A1") for n in range(80)]
    book = _workbook(
        performance_data_template(example_plan(2027), unit_name="Dinkes", packages=packages)
    )
    assert book[SHEET_PACKAGES].max_row == FIRST_DATA_ROW + 80 + 10 - 1


def test_data_template_of_an_empty_plan() -> None:
    book = _workbook(performance_data_template(Plan(year=2027), unit_name="Dinkes"))
    assert _keys(book[SHEET_PACKAGES]) == [
        "kode_rup",
        "nama_paket",
        "pagu",
        "kode_area",
        "catatan_bukti_dukung",
    ]
    assert book[SHEET_ACTIONS].max_row == KEY_ROW
    assert data_template_columns(Plan(year=2027)) == []


# --------------------------------------------------------------------------- approval, stress

APPROVED_AT = datetime(2027, 1, 8, 1, 15, tzinfo=UTC)  # Jumat, 8 Januari 2027, 10.15 WIT


def _approval(profile: OrgProfile, acting: str = "") -> Approval:
    return approval(
        profile,
        kind=SIGNED_KIND,
        acting=acting,
        approved_by="Beni Asso, S.E." if acting else "Yulianus Lokobal",
        approver_nip="198503152010011004" if acting else profile.head.nip,
        at=APPROVED_AT,
        code="7KQ4M9XD",
    )


def _signature_page(data: bytes, place_date: str, *, name: str = "") -> tuple[int, list[str]]:
    """The page number of the signature block and the lines above it on that page."""
    for page in pdfcheck.pages(data, name=name):
        top = page.top_of(place_date)
        if top is not None:
            return page.number, [
                line
                for line, line_top in zip(page.lines, page.tops, strict=True)
                if line_top < top and "DRAF" not in line
            ]
    raise AssertionError(f"no signature dated {place_date!r}")


def test_approved_plan_document_shows_the_approval_not_the_print_date() -> None:
    profile = load_profile()
    printed = datetime(2027, 2, 20, 2, 0, tzinfo=UTC)  # printed again weeks later
    data = plan_document_pdf(
        example_plan(2027),
        profile,
        revision_label="revisi 1 (disetujui)",
        generated_at=printed,
        approval=_approval(profile, "Plt"),
    )
    text = _text(data)
    assert "Wamena, 8 Januari 2027" in text and "Wamena, 20 Februari 2027" not in text
    assert "Plt. Kepala Bagian Pengadaan Barang/Jasa," in text
    assert "Beni Asso, S.E." in text and "NIP. 19850315 201001 1 004" in text
    assert "Yulianus Lokobal, S.E., M.Si." not in text  # the acting head signed
    assert (
        "Disetujui melalui Kinerja PBJ Bot oleh Beni Asso, S.E. selaku Plt. Kepala Bagian "
        "Pengadaan Barang/Jasa pada Jumat, 8 Januari 2027 pukul 10.15 WIT." in text
    )
    assert "Kode verifikasi: 7KQ4-M9XD" in text
    assert "DRAF" not in text
    assert all(not page.images for page in pdfcheck.pages(data))  # no diagonal mark either


def test_plan_of_60_indicators_with_long_names_prints_whole() -> None:
    profile = load_profile()
    profile = dataclasses.replace(
        profile,
        unit_name=pdfcheck.LONG_UNIT_NAME,
        head=dataclasses.replace(profile.head, name=pdfcheck.LONG_PERSON_NAME),
    )
    plan = pdfcheck.stress_plan(60)
    assert len(plan.indicators[0].definition) == 1500
    data = plan_document_pdf(
        plan,
        profile,
        revision_label="revisi 2 (disetujui)",
        generated_at=APPROVED_AT,
        approval=_approval(profile),
    )
    pages = pdfcheck.pages(data, name="plan-60")
    assert 25 <= len(pages) <= 80
    for number in range(1, len(pages) + 1):
        assert not pdfcheck.is_blank(pdfcheck.render(data, number, dpi=30)), number
    text = pdfcheck.text(data)
    assert pdfcheck.LONG_UNIT_NAME.upper() in text
    assert pdfcheck.LONG_PERSON_NAME in text
    assert " ".join(plan.indicators[0].definition.split()) in text
    assert "…" not in text and "DRAF" not in text
    for indicator in plan.indicators:
        assert f"{indicator.code} {indicator.name}" in text
    # The section heading of the targets table stays with its first row.
    heading = [page for page in pages if page.top_of("D. Tabel Baseline dan Target")]
    assert len(heading) == 1 and heading[0].top_of("IKU-01") is not None
    # The signature has the last action plans above it, on its page.
    _, above = _signature_page(data, "Wamena, 8 Januari 2027")
    assert any("Kegiatan 2 untuk IKU-60" in line for line in above), above


@pytest.mark.parametrize("indicators", [2, 6, 9])
def test_the_signature_keeps_the_last_action_plans_with_it(indicators: int) -> None:
    """Plans of these sizes used to leave the head's signature alone on the last page."""
    profile = load_profile()
    data = plan_document_pdf(
        pdfcheck.stress_plan(indicators),
        profile,
        revision_label="revisi 1 (disetujui)",
        generated_at=APPROVED_AT,
        approval=_approval(profile),
    )
    _, above = _signature_page(data, "Wamena, 8 Januari 2027", name=f"plan-{indicators}")
    last = f"IKU-{indicators:02d}"
    assert any(f"Kegiatan 2 untuk {last}" in line for line in above), above


def test_a_text_longer_than_a_page_runs_on_in_continuation_rows() -> None:
    plan = example_plan(2027)
    definition = " ".join(f"Kalimat definisi nomor {n} yang panjang sekali." for n in range(300))
    first = dataclasses.replace(plan.indicators[0], definition=definition)
    plan = dataclasses.replace(plan, indicators=(first, *plan.indicators[1:]))
    data = _pdf(plan)
    text = pdfcheck.text(data)
    assert len(definition) > 12_000
    assert pdfcheck.in_order(text, definition)  # every word, in order
    assert "Definisi (lanjutan)" in text and "…" not in text
    assert _page_count(data) <= 14

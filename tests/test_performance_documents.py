"""The results documents re-opened: the Laporan Pencapaian Kinerja PDF, its workbook, the
16:9 deck and the final indicator-status report, made from hand-built compiled results."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, date, datetime

import openpyxl
import pypdfium2 as pdfium
import pytest

from bot.core import signing
from bot.core.profile import OrgProfile, load_profile
from bot.performance.documents import (
    Analysis,
    ClosureNote,
    ReportInput,
    Signing,
    StatusInput,
    deck_pdf,
    report_pdf,
    report_workbook,
    status_pdf,
)
from tests import pdfcheck
from tests import report_world as world

DAY = date(2027, 10, 6)
INTERNAL = re.compile(r"\bNone\b|\bnan\b|\b(bulanan|triwulanan|semester|tahunan)-\d|\w_\w")


@pytest.fixture(scope="module")
def profile() -> OrgProfile:
    return load_profile()


def _approval(profile: OrgProfile) -> signing.Approval:
    return signing.approval(
        profile,
        kind="laporan-kinerja",
        acting="Plh",
        approved_by="Maria Wenda, S.E.",
        approver_nip="198001012005012003",
        at=datetime(2027, 10, 6, 2, 30, tzinfo=UTC),
        code="7KQ4M9XD",
    )


def _report(*, signed: OrgProfile | None = None, period_number: int = 3) -> ReportInput:
    comp = world.compilation()
    analyses, recommendations = world.notes(comp, f"triwulanan-{period_number}")
    approval = None if signed is None else _approval(signed)
    return ReportInput(
        comp,
        world.quarter(period_number),
        analyses,
        recommendations,
        Signing(DAY, revision=2, approval=approval),
    )


def test_the_draft_report_has_every_section_in_order(profile: OrgProfile) -> None:
    pdf = report_pdf(profile, _report(), chart=world.chart_png)
    pages = pdfcheck.pages(pdf, name="laporan-draf")
    text = " ".join(p.text for p in pages)
    assert pdfcheck.in_order(
        text,
        "PEMERINTAH KABUPATEN JAYAWIJAYA LAPORAN PENCAPAIAN KINERJA "
        "PERIODE TRIWULAN III TAHUN 2027 Revisi ke-2 A. Pendahuluan B. Ringkasan "
        "C. Capaian per Area Strategis D. Rencana Aksi E. Analisis dan Rekomendasi F. Penutup",
    )
    assert "1 Juli 2027 sampai dengan 30 September 2027" in text
    assert "DRAF" in text and "Kode verifikasi" not in text
    # Every area has its chart, numbers are Indonesian, missing data says who is missing.
    assert sum(len(p.images) for p in pages) >= 4
    assert "Rp 4.480.000.000" in text and "46,48%" in text
    assert "belum ada data (belum lapor: Dinas Pelayanan Nomor 01" in text
    assert "8 rencana aksi; 4 di antaranya terlambat" in text
    assert "Berjalan (terlambat)" in text
    assert INTERNAL.search(text) is None


def test_the_signed_report_carries_the_approval_beside_the_signature(
    profile: OrgProfile,
) -> None:
    pdf = report_pdf(profile, _report(signed=profile), chart=world.chart_png)
    pages = pdfcheck.pages(pdf, name="laporan-final")
    last = pages[-1]
    assert "DRAF" not in " ".join(p.text for p in pages)
    assert "Kode verifikasi: 7KQ4-M9XD" in last.text
    assert "Plh. Kepala Bagian Pengadaan Barang/Jasa" in last.text
    assert "Maria Wenda, S.E." in last.text
    # Never alone: the closing words share the signature's page.
    assert "F. Penutup" in last.text and "Demikian" in last.text


@pytest.mark.parametrize("indicators", [1, 3, 5, 7, 9, 11, 13])
def test_the_signature_never_stands_alone(profile: OrgProfile, indicators: int) -> None:
    """Reports of many lengths: wherever the page breaks fall, the signature's page also
    holds the closing words."""
    comp = world.compilation(indicators=indicators, areas=2)
    analyses, recommendations = world.notes(comp, "triwulanan-2")
    report = ReportInput(comp, world.quarter(2), analyses, recommendations, Signing(DAY))
    pages = pdfcheck.pages(report_pdf(profile, report, chart=world.chart_png))
    signed_on = [p for p in pages if "NIP." in p.text]
    assert len(signed_on) == 1 and "Demikian" in signed_on[0].text


def test_the_annual_report_covers_every_indicator_with_its_latest_figure(
    profile: OrgProfile,
) -> None:
    comp = world.compilation(indicators=6)
    report = ReportInput(comp, world.ANNUAL, (), (), Signing(DAY))
    text = pdfcheck.text(report_pdf(profile, report))
    assert "PERIODE TAHUN 2027" in text
    for indicator in comp.indicators:
        assert indicator.code in text
    assert "seluruh indikator kinerja" in text
    # Without an annual period, each figure is the latest and says of which period.
    assert "(data Triwulan IV)" in text or "(data Triwulan III)" in text


def test_the_workbook_keeps_numbers_as_numbers_and_text_as_text(profile: OrgProfile) -> None:
    report = _report()
    tricky = Analysis("IKU-01", "triwulanan-3", '=HYPERLINK("http://x")', "+1", "@SUM(A1)")
    report = dataclasses.replace(report, analyses=(tricky, *report.analyses))
    book = openpyxl.load_workbook(io.BytesIO(report_workbook(profile, report)))
    assert book.sheetnames == ["Ringkasan", "Capaian", "Rencana Aksi", "Analisis", "Rekomendasi"]
    capaian = book["Capaian"]
    head = [c.value for c in capaian[1]]
    assert head[:3] == ["Kode", "Indikator", "Area strategis"]
    rows = list(capaian.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 8 * 4
    column = {name: n for n, name in enumerate(head)}
    present = next(r for r in rows if r[column["Realisasi"]] is not None)
    assert isinstance(present[column["Target"]], int | float)
    assert isinstance(present[column["Capaian (%)"]], int | float)
    missing = next(r for r in rows if r[column["Realisasi"]] is None)
    assert missing[column["Kategori"]] == "belum ada data"
    assert "Dinas Pelayanan Nomor 01" in missing[column["Unit belum melapor"]]
    analysis = book["Analisis"]
    assert [c.value for c in analysis[2]][:5] == [
        "IKU-01",
        "Triwulan III",
        '=HYPERLINK("http://x")',
        "+1",
        "@SUM(A1)",
    ]
    assert all(c.data_type == "s" for c in analysis[2][2:5])
    summary = book["Ringkasan"]
    assert summary["B5"].value == "draf, belum ditandatangani"
    counts = {r[0]: r[1] for r in summary.iter_rows(min_row=7, values_only=True) if r[0]}
    assert counts["Jumlah"] == 8 and isinstance(counts["Belum ada data"], int)
    recommendations = list(book["Rekomendasi"].iter_rows(min_row=2, values_only=True))
    assert recommendations[0][5] == datetime(2027, 11, 30)


def test_the_deck_is_landscape_16_9_with_a_slide_per_area(profile: OrgProfile) -> None:
    pdf = deck_pdf(profile, _report(), chart=world.chart_png)
    document = pdfium.PdfDocument(pdf)
    try:
        sizes = {tuple(round(x, 1) for x in document[i].get_size()) for i in range(len(document))}
    finally:
        document.close()
    ((width, height),) = sizes
    assert width > height and abs(width / height - 16 / 9) < 0.01
    pages = pdfcheck.pages(pdf, name="paparan")
    titles = [p.lines[0] if p.lines else "" for p in pages]
    assert "Bahan Paparan Laporan Pencapaian Kinerja" in pages[0].text
    assert all("DRAF — belum ditandatangani" in p.text for p in pages[1:])
    assert "Ringkasan Capaian" in titles[1]
    for area in ("A1", "A2", "A3", "A4"):
        assert any(t.startswith(area) for t in titles)
    decisions = next(p for p in pages if "Keputusan yang Diperlukan" in p.text)
    assert "IKU-01 Percepat penyusunan dokumen pemilihan (1)" in decisions.text
    assert "(2)" not in decisions.text  # the decided ones are not asked again


def test_the_status_report_shows_each_final_standing(profile: OrgProfile) -> None:
    comp = world.compilation()
    _, recommendations = world.notes(comp, "triwulanan-3")
    closures = (
        ClosureNote("IKU-02", "tercapai", "triwulanan-2", date(2027, 7, 12)),
        ClosureNote("IKU-05", "waktu_habis", "triwulanan-3", date(2027, 10, 12)),
    )
    report = StatusInput(comp, closures, recommendations, Signing(DAY, approval=_approval(profile)))
    pages = pdfcheck.pages(status_pdf(profile, report), name="status")
    text = " ".join(p.text for p in pages)
    assert "LAPORAN STATUS AKHIR INDIKATOR" in text
    assert "Tercapai (Triwulan II, diputuskan 12 Juli 2027)" in text
    assert "Waktu habis (Triwulan III, diputuskan 12 Oktober 2027)" in text
    assert "Masih berjalan" in text and "Belum diputuskan" in text and "Disetujui" in text
    assert INTERNAL.search(text) is None
    assert "Kode verifikasi: 7KQ4-M9XD" in pages[-1].text and "Demikian" in pages[-1].text


def test_a_figure_without_a_band_is_not_counted_as_missing(profile: OrgProfile) -> None:
    """A zero target gives a realisation but no achievement: "Tanpa kategori", not missing."""
    comp = world.compilation(indicators=2, areas=1)
    first = comp.indicators[0]
    periods = tuple(
        dataclasses.replace(p, target=0.0, realisation=2.0, achievement=None, band=None)
        if p.period_key == "triwulanan-1"
        else p
        for p in first.periods
    )
    comp = dataclasses.replace(
        comp, indicators=(dataclasses.replace(first, periods=periods), *comp.indicators[1:])
    )
    report = ReportInput(comp, world.quarter(1), (), (), Signing(DAY))
    text = pdfcheck.text(report_pdf(profile, report))
    assert "Tanpa kategori 1" in text and "Belum ada data 0" in text
    assert "Seluruh indikator pada periode ini telah memiliki data realisasi" in text

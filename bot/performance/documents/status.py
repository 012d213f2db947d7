"""The final indicator-status report (SOP step 17, *Laporan Status Akhir Indikator*): every
indicator with its final standing (still open, achieved or its time expired, with the
period and the day the head decided), its last achievement, and the meeting's decisions on
the recommendations. Same letterhead and signature rules as the achievement report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.dates import format_date
from bot.core.profile import OrgProfile
from bot.performance.documents import figures
from bot.performance.documents.content import Recommendation, Signing, period_label
from bot.performance.documents.page import Writer, finish, start
from bot.results.model import Compilation, IndicatorResult

TITLE = "Laporan Status Akhir Indikator"
OPEN = "Masih berjalan"
CLOSURE_LABELS = {"tercapai": "Tercapai", "waktu_habis": "Waktu habis"}
_HEAD = ("No", "Indikator", "Status akhir", "Capaian terakhir", "Kategori")
_WIDTHS = (7, 62, 40, 36, 20)
_ALIGNS = ("C", "L", "L", "L", "C")
_DECISION_HEAD = ("Indikator", "Periode", "Rekomendasi", "Keputusan")
_DECISION_WIDTHS = (18, 22, 88, 37)


@dataclass(frozen=True)
class ClosureNote:
    """An indicator the head closed: why (``tercapai``/``waktu_habis``), after which period,
    and the day it was decided."""

    indicator_code: str
    reason: str
    period_key: str
    decided_on: date


@dataclass(frozen=True)
class StatusInput:
    compilation: Compilation
    closures: tuple[ClosureNote, ...]
    recommendations: tuple[Recommendation, ...]
    signing: Signing


def standing(report: StatusInput, indicator: IndicatorResult) -> str:
    """``Tercapai (Triwulan II, diputuskan 12 Juli 2027)`` or ``Masih berjalan``."""
    closure = next((c for c in report.closures if c.indicator_code == indicator.code), None)
    if closure is None:
        return OPEN
    label = CLOSURE_LABELS.get(closure.reason, "Ditutup")
    period = period_label(report.compilation, closure.period_key)
    decided = format_date(closure.decided_on, with_weekday=False)
    return f"{label} ({period}, diputuskan {decided})"


def _last(indicator: IndicatorResult) -> tuple[str, str]:
    latest = indicator.latest
    if latest is None:
        return figures.MISSING, "-"
    shown = figures.value(latest.realisation, indicator.unit)
    if latest.achievement is None:
        return f"{shown} ({latest.period_label})", latest.band or "-"
    text = f"{shown} (capaian {figures.percent(latest.achievement)}, {latest.period_label})"
    return text, latest.band or "-"


def _summary(writer: Writer, report: StatusInput) -> None:
    counts = {OPEN: 0, **{label: 0 for label in CLOSURE_LABELS.values()}}
    for indicator in report.compilation.indicators:
        closure = next((c for c in report.closures if c.indicator_code == indicator.code), None)
        key = OPEN if closure is None else CLOSURE_LABELS.get(closure.reason, OPEN)
        counts[key] += 1
    writer.heading("B. Ringkasan")
    body = [(name, str(count)) for name, count in counts.items()]
    body.append(("Jumlah", str(len(report.compilation.indicators))))
    writer.table((80, 30), ("Status akhir", "Jumlah indikator"), body, aligns=("L", "R"))


def _decisions(writer: Writer, report: StatusInput) -> None:
    writer.heading("D. Keputusan atas Rekomendasi")
    if not report.recommendations:
        writer.text("Tidak ada rekomendasi pada siklus ini.")
        return
    body = [
        (
            r.indicator_code,
            period_label(report.compilation, r.period_key),
            r.what,
            r.decision or "Belum diputuskan",
        )
        for r in report.recommendations
    ]
    writer.table(_DECISION_WIDTHS, _DECISION_HEAD, body, aligns=("C", "L", "L", "L"))


def status_pdf(profile: OrgProfile, report: StatusInput) -> bytes:
    """The status report's PDF: a draft (DRAF) or the signed report."""
    year = report.compilation.year
    pdf, writer = start(
        profile,
        report.signing,
        title=f"{TITLE} Tahun {year}",
        footer=f"{TITLE} Tahun {year} — {profile.unit_name}",
    )
    lines = [TITLE.upper(), profile.unit_name.upper(), f"TAHUN {year}"]
    if report.signing.revision > 1:
        lines.append(f"Revisi ke-{report.signing.revision}")
    writer.title(lines)
    writer.heading("A. Pendahuluan")
    writer.text(
        f"Laporan ini menyajikan status akhir seluruh indikator kinerja {profile.unit_name} "
        f"tahun {year} setelah rapat evaluasi bersama Kepala: indikator yang dinyatakan "
        "tercapai, yang dihentikan karena waktu habis, dan yang masih berjalan, beserta "
        "capaian terakhir dan keputusan atas rekomendasi perbaikan."
    )
    _summary(writer, report)
    writer.heading("C. Status per Indikator")
    body = []
    for number, indicator in enumerate(report.compilation.indicators, 1):
        last, band = _last(indicator)
        name = f"{indicator.code} {indicator.name}"
        body.append((str(number), name, standing(report, indicator), last, band))
    writer.table(_WIDTHS, _HEAD, body, aligns=_ALIGNS)
    _decisions(writer, report)
    writer.closing(
        "E. Penutup",
        "Demikian Laporan Status Akhir Indikator ini disusun sebagai catatan keputusan "
        "rapat evaluasi dan dasar perencanaan kinerja siklus berikutnya.",
    )
    return finish(pdf)

"""The Laporan Pencapaian Kinerja (SOP step 15) as a PDF: letterhead, title and period,
A. Pendahuluan, B. Ringkasan, C. Capaian per area strategis (a table and the area's chart),
D. Rencana aksi, E. Analisis dan rekomendasi, F. Penutup with the signature block."""

from __future__ import annotations

from bot.core.dates import format_date, format_datetime
from bot.core.profile import OrgProfile
from bot.performance.documents import figures
from bot.performance.documents.content import (
    AreaChart,
    Period,
    ReportInput,
    Row,
    areas,
    band_counts,
    chart_of,
    notes_of,
    rows,
)
from bot.performance.documents.page import Writer, finish, start

TITLE = "Laporan Pencapaian Kinerja"
_CHART_WIDTH = 140.0
_CAPAIAN_HEAD = ("No", "Indikator", "Target", "Realisasi", "Capaian", "Kategori", "Tren")
_CAPAIAN_WIDTHS = (7, 41, 30, 32, 14, 16, 18)
_CAPAIAN_ALIGNS = ("C", "L", "R", "L", "R", "C", "L")
_ACTION_HEAD = ("Indikator", "No", "Kegiatan", "Unit PIC", "Batas", "Status")
_ACTION_WIDTHS = (16, 7, 62, 36, 20, 24)
_ACTION_ALIGNS = ("C", "C", "L", "L", "C", "L")


def realisation_text(row: Row) -> str:
    """The realisation, or "belum ada data" with the units that have not reported."""
    result = row.result
    if result is None:
        return "tidak dilaporkan pada periode ini"
    if not result.is_missing:
        shown = figures.value(result.realisation, row.indicator.unit)
        if result.missing_units:  # partial: say what it covers and who is missing
            counted = f"{result.packages_counted} dari {result.packages_expected} paket"
            missing = figures.units_missing(result.missing_units)
            return f"{shown} (sementara: {counted}; belum lapor: {missing})"
        return shown
    missing = figures.units_missing(result.missing_units)
    reason = f"belum lapor: {missing}" if missing else result.reason
    return f"{figures.MISSING} ({reason})" if reason else figures.MISSING


def capaian_cells(number: int, row: Row, period: Period) -> tuple[str, ...]:
    """A row of the table of an area; a figure from another period than the report's (the
    annual report's latest) says which."""
    indicator, result = row.indicator, row.result
    target = result.target if result is not None else indicator.annual_target
    realisation = realisation_text(row)
    if result is not None and result.period_key != period.key:
        realisation += f" (data {result.period_label})"
    return (
        str(number),
        f"{indicator.code} {indicator.name}",
        figures.value(target, indicator.unit),
        realisation,
        figures.percent(None if result is None else result.achievement),
        (result.band if result is not None and not result.is_missing else "") or "-",
        figures.change(None if result is None else result.change_from_previous, indicator.unit),
    )


def _introduction(writer: Writer, profile: OrgProfile, report: ReportInput) -> None:
    period, compilation = report.period, report.compilation
    count = len(rows(compilation, period))
    scope = (
        "seluruh indikator kinerja"
        if period.frequency == "tahunan"
        else f"indikator kinerja yang dilaporkan secara {period.frequency}"
    )
    start = format_date(period.start, with_weekday=False)
    end = format_date(period.end, with_weekday=False)
    computed = format_datetime(compilation.computed_at, profile.timezone)
    writer.heading("A. Pendahuluan")
    writer.text(
        f"Laporan ini menyajikan pencapaian kinerja {profile.unit_name} {profile.government} "
        f"untuk periode {period.title} ({start} sampai dengan {end}), sebagai pelaksanaan "
        "Standar Operasional Prosedur Pengelolaan Kinerja. Laporan mencakup "
        f"{count} {scope}.\n"
        "Realisasi dihitung dari data yang telah diverifikasi oleh Tim Pengelolaan "
        f"Kelembagaan sampai dengan {computed}. Capaian dinyatakan dalam persen terhadap "
        "target dengan memperhatikan arah indikator; data yang belum dilaporkan ditulis "
        "\u201cbelum ada data\u201d, bukan nol."
    )


def _summary(writer: Writer, report: ReportInput) -> None:
    report_rows = rows(report.compilation, report.period)
    counts = band_counts(report_rows)
    writer.heading("B. Ringkasan")
    table = [(band, str(count)) for band, count in counts]
    table.append(("Jumlah", str(len(report_rows))))
    writer.table((80, 30), ("Kategori capaian", "Jumlah indikator"), table, aligns=("L", "R"))
    missing = [row for row in report_rows if row.missing]
    if missing:
        names = ", ".join(row.indicator.code for row in missing)
        writer.text(f"Indikator yang belum memiliki data lengkap: {names}.")
    else:
        writer.text("Seluruh indikator pada periode ini telah memiliki data realisasi.")


def _achievements(writer: Writer, report: ReportInput, chart: AreaChart | None) -> None:
    writer.heading("C. Capaian per Area Strategis")
    for number, (area, area_rows) in enumerate(areas(report.compilation, report.period), 1):
        writer.heading(f"C.{number}. {area.code} {area.name}", size=11, follow=20)
        cells = [capaian_cells(n, row, report.period) for n, row in enumerate(area_rows, 1)]
        writer.table(_CAPAIAN_WIDTHS, _CAPAIAN_HEAD, cells, aligns=_CAPAIAN_ALIGNS)
        png = chart_of(chart, report, area_rows)
        if png:
            writer.image(
                png,
                width=_CHART_WIDTH,
                caption=f"Gambar C.{number}. Target dan realisasi area {area.code} {area.name}",
            )


def _actions(writer: Writer, report: ReportInput) -> None:
    codes = {row.indicator.code for row in rows(report.compilation, report.period)}
    actions = [a for a in report.compilation.actions if a.indicator_code in codes]
    writer.heading("D. Rencana Aksi")
    if not actions:
        writer.text("Tidak ada rencana aksi untuk indikator pada periode ini.")
        return
    late = sum(1 for a in actions if a.late)
    writer.text(f"Terdapat {len(actions)} rencana aksi; {late} di antaranya terlambat.")
    cells = [
        (
            a.indicator_code,
            str(a.number),
            a.activity,
            a.pic_unit or "-",
            format_date(a.end, with_weekday=False) if a.end else "-",
            a.status.capitalize() + (" (terlambat)" if a.late else ""),
        )
        for a in actions
    ]
    writer.table(_ACTION_WIDTHS, _ACTION_HEAD, cells, aligns=_ACTION_ALIGNS)


def _analysis(writer: Writer, report: ReportInput) -> None:
    writer.heading("E. Analisis dan Rekomendasi")
    without = []
    for row in rows(report.compilation, report.period):
        analysis, recommendations = notes_of(report, row)
        if analysis is None and not recommendations:
            without.append(row.indicator.code)
            continue
        writer.heading(f"{row.indicator.code} {row.indicator.name}", size=11, follow=12)
        if analysis is not None:
            writer.fields(
                [
                    ("Yang terjadi", analysis.what_happened),
                    ("Penyebab", analysis.causes),
                    ("Metode analisis", analysis.method),
                ]
            )
        for number, item in enumerate(recommendations, 1):
            due = format_date(item.due, with_weekday=False) if item.due else "-"
            detail = f"Rekomendasi {number}: {item.what} (pelaksana: {item.who or '-'}; "
            detail += f"batas waktu: {due})"
            if item.decision:
                detail += f". Keputusan: {item.decision}"
            writer.text(detail + ".", x=4)
    if without:
        writer.text(f"Belum ada analisis untuk indikator: {', '.join(without)}.")


def report_pdf(
    profile: OrgProfile, report: ReportInput, *, chart: AreaChart | None = None
) -> bytes:
    """The report's PDF: a draft (DRAF, no approval) or the signed report."""
    period = report.period
    pdf, writer = start(
        profile,
        report.signing,
        title=f"{TITLE} {period.title}",
        footer=f"{TITLE} {period.title} — {profile.unit_name}",
    )
    lines = [TITLE.upper(), profile.unit_name.upper(), f"PERIODE {period.title.upper()}"]
    if report.signing.revision > 1:
        lines.append(f"Revisi ke-{report.signing.revision}")
    writer.title(lines)
    _introduction(writer, profile, report)
    _summary(writer, report)
    _achievements(writer, report, chart)
    _actions(writer, report)
    _analysis(writer, report)
    writer.closing(
        "F. Penutup",
        "Demikian Laporan Pencapaian Kinerja ini disusun sebagai bahan evaluasi dan "
        "pengambilan keputusan pimpinan. Rekomendasi yang disetujui akan ditindaklanjuti "
        "dalam rencana aksi periode berikutnya.",
    )
    return finish(pdf)

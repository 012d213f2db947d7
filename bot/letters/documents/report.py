"""The Laporan Sosialisasi (step 9) as a PDF: "LAPORAN TENTANG ..."; A. Pendahuluan to
E. Penutup with time, place, speakers and the attendance per OPD; the signature block; the
attendance list and the photos as lampiran (each only when there is something to attach)."""

from __future__ import annotations

from bot.core.dates import format_date
from bot.core.pdf import FONT_FAMILY
from bot.core.profile import OrgProfile
from bot.core.signing import Approval
from bot.letters.documents.content import LetterHeader, SocialisationReport, attendance_summary
from bot.letters.documents.ending import LetterWriter, render
from bot.letters.documents.layout import NUMBER_WIDTH, PAD_X, TABLE_SIZE
from bot.letters.documents.photos import draw_photos
from bot.letters.kinds import LetterKind

_ATTACHMENT_TITLE = "Lampiran Laporan Sosialisasi"


def socialisation_report_pdf(
    profile: OrgProfile,
    header: LetterHeader,
    report: SocialisationReport,
    *,
    approval: Approval | None = None,
) -> bytes:
    """The Laporan Sosialisasi as PDF bytes, with the attendance list and the photos as
    lampiran (each only when there is something to attach)."""

    def draw(w: LetterWriter) -> None:
        pdf = w.pdf
        title_width = pdf.epw * 0.94
        w.centred(report.title.upper(), style="B", size=13, width=title_width)
        if header.number is not None or header.is_draft:
            w.centred(f"NOMOR {w.number}", width=title_width)
        pdf.ln(4)
        _sections(w, report)
        _attachments(w, report)

    title = header.hal or report.title
    return render(profile, header, LetterKind.REPORT, approval, title, draw)


def _sections(w: LetterWriter, report: SocialisationReport) -> None:
    """A. Pendahuluan to E. Penutup, and the signature."""
    indent = NUMBER_WIDTH
    w.heading("A.", "Pendahuluan")
    w.text(report.introduction, x=indent)

    w.heading("B.", "Kegiatan yang Dilaksanakan")
    w.text(report.activities, x=indent)
    _event(w, report, indent)

    w.heading("C.", "Hasil yang Dicapai", before=5)
    w.text(report.results, x=indent)
    _attendance_table(w, report, indent)

    w.heading("D.", "Simpulan dan Saran", before=5)
    w.text(report.conclusions, x=indent)

    w.ending(report.closing, x=indent, place_date=[w.place_date()], heading=("E.", "Penutup"))


def _event(w: LetterWriter, report: SocialisationReport, indent: float) -> None:
    """When and where, and the speakers with their material."""
    pdf = w.pdf
    w.fields(
        [
            ("Hari/tanggal", format_date(report.day)),
            ("Waktu", report.time_text),
            ("Tempat", report.place),
        ],
        x=indent,
        label_width=30,
        width=pdf.epw - indent,
    )
    if not report.speakers:
        return
    pdf.ln(1.5)
    rows = [
        (str(number), name, material)
        for number, (name, material) in enumerate(report.speakers, start=1)
    ]
    width = pdf.epw - indent
    w.table(
        (10, 62, width - 72),
        ("No", "Narasumber", "Materi"),
        rows,
        aligns=("C", "L", "L"),
        caption="Narasumber dan materi:",
    )


def _attachments(w: LetterWriter, report: SocialisationReport) -> None:
    """The attendance list and the photos, under one lampiran caption."""
    pdf = w.pdf
    captioned = False
    if report.attendance:
        pdf.add_page()
        w.attachment_caption(_ATTACHMENT_TITLE)
        captioned = True
        _attendance_list(w, report)
    if report.photos:
        pdf.add_page()
        if not captioned:
            w.attachment_caption(_ATTACHMENT_TITLE)
        draw_photos(w, report.photos)


def _attendance_table(w: LetterWriter, report: SocialisationReport, indent: float) -> None:
    units = attendance_summary(report.attendance)
    if not units:
        w.text("Daftar hadir belum diisi.", x=indent)
        return
    pdf = w.pdf
    pdf.ln(1)
    rows = [
        (
            str(number),
            unit.unit,
            str(unit.invited),
            str(unit.attended),
            str(unit.represented),
            str(unit.absent),
        )
        for number, unit in enumerate(units, start=1)
    ]
    total = (
        "",
        "Jumlah",
        str(sum(u.invited for u in units)),
        str(sum(u.attended for u in units)),
        str(sum(u.represented for u in units)),
        str(sum(u.absent for u in units)),
    )
    head = ("No", "OPD/Unit Kerja", "Diundang", "Hadir", "Diwakilkan", "Tidak Hadir")
    pdf.set_font(FONT_FAMILY, "B", TABLE_SIZE)
    numbers = [pdf.get_string_width(text) + 2 * PAD_X + 1 for text in head[2:]]
    width = pdf.epw - indent
    w.table(
        (10, width - 10 - sum(numbers), *numbers),
        head,
        rows,
        aligns=("C", "L", "C", "C", "C", "C"),
        total=total,
        caption="Rekapitulasi kehadiran per OPD:",
    )


def _attendance_list(w: LetterWriter, report: SocialisationReport) -> None:
    pdf = w.pdf
    w.centred("Lampiran: Daftar Hadir", style="B", width=pdf.epw)
    w.centred(
        f"{format_date(report.day)}, {report.place}".strip(", "), size=11, width=pdf.epw * 0.86
    )
    pdf.ln(5)
    rows = [
        (str(number), name, unit, status.strip() or "-")
        for number, (name, unit, status) in enumerate(report.attendance, start=1)
    ]
    w.table(
        (12, 52, 58, pdf.epw - 122),
        ("No", "Nama", "Unit/OPD", "Keterangan"),
        rows,
        aligns=("C", "L", "L", "L"),
    )

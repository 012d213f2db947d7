"""The data template's ``Petunjuk`` sheet: version, unit, period and year, the filling
instructions, the strategic areas (the Kode Area list), the input columns and the
indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.core.xlsx_text import put, text_cell
from bot.planning.documents.data_template.cells import (
    BORDER,
    HEAD_FILL,
    LOCKED,
    UNLOCKED,
    WRAP_TOP,
    fit_to_width,
    row_height,
)
from bot.planning.documents.data_template.layout import (
    DATA_TEMPLATE_VERSION,
    PERIOD_CELL,
    SHEET_GUIDE,
    SHEET_PACKAGES,
    UNIT_CELL,
    VERSION_CELL,
    YEAR_CELL,
    InputColumn,
)
from bot.planning.documents.sheets import protect
from bot.planning.rules.model import Plan

# How numbers are read (bot.core.numbers), said once for people.
NUMBER_RULES = (
    "Angka: ketik angkanya di sel; angka dibaca persis seperti tersimpan di Excel. Bila "
    "ditulis sebagai teks, koma menandai desimal (42,25) dan titik memisahkan ribuan "
    "(1.250.000); 42.25 juga dibaca 42,25. Tulisan seperti 1.234 (tepat tiga angka sesudah "
    "satu titik atau koma) ditolak karena bisa berarti 1,234 atau 1234: tulis 1234 bila "
    "ribuan, atau 1,2340 bila desimal. Sel berisi tanggal di kolom angka ditolak.",
    "Persen: ketik 75 atau 75,5 untuk 75%; tanda % boleh, dan sel berformat persen yang "
    "menampilkan 75% juga dibaca 75. Rupiah: 1.250.000, Rp 1.250.000 atau 1,25 M (miliar), "
    "750 jt, 500 rb; di kolom rupiah 1.250 berarti seribu dua ratus lima puluh, dan nilai "
    "dibulatkan ke rupiah penuh. Tanda % dan Rp hanya untuk kolom persen dan rupiah.",
)

_INSTRUCTIONS = (
    "Lembar Data Paket: isi satu baris untuk setiap paket pengadaan unit Anda pada periode "
    "ini. Paket yang sudah tercantum berasal dari pemetaan paket (SIRUP); lengkapi isiannya.",
    "Kode Area: pilih kode area strategis paket dari daftar (lihat Daftar Area Strategis "
    "di bawah).",
    "Kolom sesudah Kode Area adalah data untuk rumus indikator. Baris ke-2 judul kolom "
    "menyebut indikator yang memakainya dan judulnya menyebut jenisnya (angka, rupiah, "
    "persen, hari, tanggal, ya/tidak). Tanggal seperti 31/03/2027; kolom ya/tidak dipilih "
    "dari daftar. Kosongkan kolom yang tidak berlaku untuk paket itu.",
    *NUMBER_RULES,
    "Catatan Bukti Dukung: sebutkan dokumen bukti (nama berkas atau tautan) data paket itu.",
    "Lembar Rencana Aksi: perbarui Status setiap kegiatan (pilih dari daftar), tulis kemajuan "
    "di Progres/Keterangan dan hambatannya di Kendala.",
    "Lembar Kendala: tulis kendala umum yang dihadapi, dampaknya dan usulan tindak lanjutnya.",
    "Jangan mengubah nama lembar, judul kolom, baris kunci (baris ke-3 setiap lembar) atau "
    "sel versi, dan jangan menghapus kolom. Bila baris kurang, sisipkan baris di dalam tabel.",
    "Simpan berkas sebagai .xlsx lalu kirim kembali melalui bot.",
)

_WIDTHS = (22.0, 48.0, 24.0, 40.0)


class _GuideSheet:
    """Writes the guide top to bottom; ``row`` is the next free row."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 1

    def title(self, year: int) -> None:
        ws = self.ws
        for index, width in enumerate(_WIDTHS, 1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws["A1"] = f"TEMPLATE DATA KINERJA TAHUN {year}"
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"] = (
            "Pengelolaan Kinerja Pengadaan Barang/Jasa: diisi Penanggung Jawab Kinerja "
            "(PJ Kinerja) setiap periode pelaporan."
        )
        ws["A2"].font = Font(italic=True, color="404040")

    def facts(self, year: int, unit_name: str | None, period_label: str | None) -> None:
        """Version, unit, period and year; unit and period are left open (unlocked, yellow)
        when the template was made without them."""
        facts = (
            (VERSION_CELL, "Versi template", DATA_TEMPLATE_VERSION, True),
            (UNIT_CELL, "Unit / OPD", unit_name or None, unit_name is not None),
            (PERIOD_CELL, "Periode pelaporan", period_label or None, period_label is not None),
            (YEAR_CELL, "Tahun rencana", year, True),
        )
        for coordinate, label, value, locked in facts:
            cell = self.ws[coordinate]
            self.ws.cell(row=cell.row, column=1, value=label).font = Font(bold=True)
            text_cell(cell, value)
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="left")
            cell.protection = LOCKED if locked else UNLOCKED
            if not locked:
                cell.fill = PatternFill("solid", fgColor="FFF2CC")
        self.row = self.ws[YEAR_CELL].row + 2

    def heading(self, text: str) -> None:
        self.ws.cell(row=self.row, column=1, value=text).font = Font(bold=True, size=12)
        self.row += 1

    def instructions(self) -> None:
        self.heading("Cara mengisi")
        text_width = sum(_WIDTHS)
        for number, text in enumerate(_INSTRUCTIONS, 1):
            row = self.row
            self.ws.cell(row=row, column=1, value=f"{number}. {text}").alignment = WRAP_TOP
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_WIDTHS))
            self.ws.row_dimensions[row].height = row_height([(text, text_width)])
            self.row += 1
        self.row += 1

    def table(self, head: Sequence[str], lines: Sequence[Sequence[object]]) -> tuple[int, int]:
        """A bordered table under the current row; the first and last rows of its body."""
        ws = self.ws
        for column, text in enumerate(head, 1):
            cell = put(ws, self.row, column, text)
            cell.font = Font(bold=True)
            cell.fill = HEAD_FILL
            cell.border = BORDER
        self.row += 1
        first = self.row
        for line in lines:
            for column, value in enumerate(line, 1):
                cell = put(ws, self.row, column, value)
                cell.border = BORDER
                cell.alignment = WRAP_TOP
            ws.row_dimensions[self.row].height = row_height(
                list(zip(line, _WIDTHS[: len(line)], strict=True))
            )
            self.row += 1
        last = self.row - 1
        self.row += 1
        return first, last


def write_guide(
    ws: Any,
    plan: Plan,
    unit_name: str | None,
    period_label: str | None,
    columns: Sequence[InputColumn],
) -> str | None:
    """Fill the ``Petunjuk`` sheet; returns the range holding the area codes (if any)."""
    guide = _GuideSheet(ws)
    guide.title(plan.year)
    guide.facts(plan.year, unit_name, period_label)
    guide.instructions()
    guide.heading("Daftar Area Strategis (pilihan Kode Area)")
    first, last = guide.table(
        ("Kode Area", "Area Strategis", "Kategori"),
        [(a.code, a.name, a.category.value) for a in plan.areas],
    )
    area_range = f"'{SHEET_GUIDE}'!$A${first}:$A${last}" if plan.areas else None
    guide.heading(f"Kolom isian data di lembar {SHEET_PACKAGES}")
    guide.table(
        ("Kunci kolom", "Keterangan", "Jenis", "Dipakai oleh indikator"),
        [(name, label, kind, ", ".join(codes)) for name, label, kind, codes in columns],
    )
    guide.heading("Indikator kinerja")
    guide.table(
        ("Kode", "Indikator", "Satuan", "Rumus"),
        [(i.code, i.name, i.unit, i.formula) for i in plan.indicators],
    )
    fit_to_width(ws)
    protect(ws)
    return area_range

"""The data template's layout: version, sheets, fixed cells and columns
(docs/formats/template-data-kinerja-xlsx.md describes the format; readers rely on it)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.planning.rules.model import Plan

DATA_TEMPLATE_VERSION = "data-kinerja-v1"

SHEET_GUIDE = "Petunjuk"
SHEET_PACKAGES = "Data Paket"
SHEET_ACTIONS = "Rencana Aksi"
SHEET_ISSUES = "Kendala"

VERSION_CELL = "B3"
UNIT_CELL = "B4"
PERIOD_CELL = "B5"
YEAR_CELL = "B6"

LABEL_ROW, HINT_ROW, KEY_ROW = 1, 2, 3
FIRST_DATA_ROW = 4

# (key, label) of the fixed columns.
PACKAGE_COLUMNS_BEFORE = (
    ("kode_rup", "Kode RUP"),
    ("nama_paket", "Nama Paket"),
    ("pagu", "Pagu (Rp)"),
    ("kode_area", "Kode Area"),
)
PACKAGE_COLUMNS_AFTER = (("catatan_bukti_dukung", "Catatan Bukti Dukung"),)
ACTION_COLUMNS = (
    ("kode_indikator", "Kode Indikator"),
    ("no", "No"),
    ("kegiatan", "Kegiatan"),
    ("status", "Status"),
    ("progres", "Progres/Keterangan"),
    ("kendala", "Kendala"),
)
ISSUE_COLUMNS = (
    ("uraian_kendala", "Uraian Kendala"),
    ("dampak", "Dampak"),
    ("usulan_tindak_lanjut", "Usulan Tindak Lanjut"),
)

# A formula-input column of ``Data Paket``: name, label, kind and the indicators using it.
InputColumn = tuple[str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class PackageRow:
    """A procurement package to pre-fill (from SIRUP, mapped to an area in step 10)."""

    kode_rup: str
    nama_paket: str
    pagu: float | None = None
    area_code: str | None = None


def data_template_columns(plan: Plan) -> list[InputColumn]:
    """The formula-input columns of ``Data Paket`` in order: (name, label, kind, indicators).

    One column per distinct input name over the plan's indicators, in the order they first
    appear; label and kind come from that first appearance.
    """
    first: dict[str, tuple[str, str]] = {}
    users: dict[str, list[str]] = {}
    for indicator in plan.indicators:
        for item in indicator.inputs:
            first.setdefault(item.name, (item.label, item.kind.value))
            codes = users.setdefault(item.name, [])
            if indicator.code not in codes:
                codes.append(indicator.code)
    return [(name, label, kind, tuple(users[name])) for name, (label, kind) in first.items()]

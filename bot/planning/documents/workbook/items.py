"""Reading the items of each data sheet into plan parts, reporting every unreadable cell."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from bot.core.limits import INDICATOR_TEXT
from bot.core.xlsx_guard import is_blank
from bot.planning.documents.workbook.cells import Reader, Row, parse_status
from bot.planning.rules import validation
from bot.planning.rules.model import (
    ActionPlan,
    ActionStatus,
    Area,
    Category,
    FormulaInput,
    Indicator,
    InputKind,
    Objective,
)
from bot.planning.rules.values import (
    parse_category,
    parse_frequency,
    parse_input_kind,
    parse_polarity,
    parse_unit,
)


def read_objectives(reader: Reader) -> list[Objective]:
    result = []
    for row in reader.rows(validation.SHEET_OBJECTIVES):
        row.key = row.text("Kode")
        reader.place(validation.SHEET_OBJECTIVES, row.key, row.number)
        result.append(Objective(row.key, row.text("Tujuan PBJ")))
    return result


def read_areas(reader: Reader) -> list[Area]:
    result = []
    for row in reader.rows(validation.SHEET_AREAS):
        row.key = row.text("Kode")
        reader.place(validation.SHEET_AREAS, row.key, row.number)
        category = row.required("Kategori Pengukuran", parse_category, Category.LAINNYA)
        result.append(
            Area(row.key, row.text("Nama Area Strategis"), category, row.text("Kode Tujuan"))
        )
    return result


def read_indicators(reader: Reader) -> tuple[list[Indicator], set[str]]:
    """The indicators without inputs and period targets, and the codes whose reporting
    frequency could not be read (their period targets cannot be checked)."""
    result = []
    unreadable_frequency = set()
    for row in reader.rows(validation.SHEET_INDICATORS):
        row.key = row.text("Kode")
        reader.place(validation.SHEET_INDICATORS, row.key, row.number)
        reporting = row.parsed("Frekuensi Pelaporan", parse_frequency)
        if reporting is None and row.raw("Frekuensi Pelaporan") is not None:
            unreadable_frequency.add(row.key)
        unit = row.parsed("Satuan", parse_unit) or ""
        result.append(
            Indicator(
                code=row.key,
                area_code=row.text("Kode Area"),
                name=row.text_at_most("Nama Indikator", INDICATOR_TEXT["name"]),
                definition=row.text_at_most("Definisi", INDICATOR_TEXT["definition"]),
                formula=row.text_at_most("Rumus", INDICATOR_TEXT["formula"]),
                unit=unit,
                polarity=row.parsed("Polaritas", parse_polarity),
                monitoring_frequency=row.parsed("Frekuensi Pemantauan", parse_frequency),
                reporting_frequency=reporting,
                data_source=row.text_at_most("Sumber Data", INDICATOR_TEXT["data_source"]),
                pic_unit=row.text_at_most("Unit PIC", INDICATOR_TEXT["pic_unit"]),
                evidence=row.text_at_most("Bukti Dukung", INDICATOR_TEXT["evidence"]),
                baseline_value=row.number_("Baseline", unit),
                baseline_year=row.year("Tahun Baseline"),
                annual_target=row.number_("Target Tahunan", unit),
            )
        )
    return result, unreadable_frequency


def _unknown_indicator(row: Row, code: str) -> None:
    if code:
        row.report(
            "Kode Indikator",
            f"indikator {code} tidak ada di lembar {validation.SHEET_INDICATORS}",
            f"pakai kode dari lembar {validation.SHEET_INDICATORS}",
        )
    else:
        row.report("Kode Indikator", "kode indikator kosong", "isi kode indikatornya")


def read_inputs(reader: Reader, codes: set[str]) -> dict[str, list[FormulaInput]]:
    result: dict[str, list[FormulaInput]] = defaultdict(list)
    for row in reader.rows(validation.SHEET_INPUTS):
        code, name = row.text("Kode Indikator"), row.text("Nama Input")
        row.key = f"{code}/{name}"
        reader.place(validation.SHEET_INPUTS, row.key, row.number)
        kind = row.required("Jenis", parse_input_kind, InputKind.ANGKA)
        if code not in codes:
            _unknown_indicator(row, code)
        elif not name:
            row.report("Nama Input", "nama input kosong", "contoh: «total_pagu»")
        else:
            result[code].append(FormulaInput(name, row.text("Keterangan"), kind))
    return result


def read_targets(
    reader: Reader, indicators: dict[str, Indicator]
) -> tuple[dict[str, dict[int, float]], set[str]]:
    """Period targets per indicator code, and the codes with unreadable target rows."""
    result: dict[str, dict[int, float]] = defaultdict(dict)
    first_row: dict[tuple[str, int], int] = {}
    broken: set[str] = set()
    for row in reader.rows(validation.SHEET_TARGETS):
        code = row.text("Kode Indikator")
        row.key = code
        reader.place(validation.SHEET_TARGETS, code, row.number)
        period = row.whole("Periode")
        value = row.number_("Target", indicators[code].unit if code in indicators else "")
        if code not in indicators:
            _unknown_indicator(row, code)
            continue
        if period is None or value is None:
            broken.add(code)
            if is_blank(row.values["Periode"]):
                row.report("Periode", "periode kosong", "isi nomor periode, 1 sampai 12")
            if is_blank(row.values["Target"]):
                row.report(
                    "Target",
                    f"target periode {period} kosong" if period else "target kosong",
                    "isi targetnya, atau hapus semua baris target indikator ini agar "
                    "diturunkan dari Target Tahunan",
                )
            continue
        frequency = indicators[code].reporting_frequency
        count = frequency.periods_per_year if frequency else 12
        if not 1 <= period <= count:
            broken.add(code)
            row.report(
                "Periode",
                f"periode {period} di luar 1 sampai {count}",
                f"frekuensi pelaporan {frequency.value} punya {count} periode"
                if frequency
                else "periode 1 sampai 12",
            )
            continue
        if (code, period) in first_row:
            broken.add(code)
            row.report(
                "Periode",
                f"periode {period} indikator {code} sudah ada di baris {first_row[code, period]}",
                "hapus salah satu baris",
            )
            continue
        first_row[code, period] = row.number
        result[code][period] = value
    return result, broken


def read_actions(reader: Reader) -> list[ActionPlan]:
    drafts: list[tuple[Row, str, int | None, ActionPlan]] = []
    for row in reader.rows(validation.SHEET_ACTIONS):
        code = row.text("Kode Indikator")
        row.key = f"{code}/{row.text('No')}"
        number = row.whole("No")
        action = ActionPlan(
            indicator_code=code,
            number=0,
            activity=row.text("Kegiatan"),
            output=row.text("Keluaran"),
            start=row.day("Mulai"),
            end=row.day("Selesai"),
            pic_unit=row.text("Unit PIC"),
            status=row.parsed("Status", parse_status) or ActionStatus.BELUM_MULAI,
        )
        if number is None and row.raw("No") is not None:
            continue  # an unreadable number, reported
        drafts.append((row, code, number, action))
    # Rows without a number get the indicator's next number, in row order.
    last: dict[str, int] = {}
    for _, code, number, _ in drafts:
        if number is not None:
            last[code] = max(last.get(code, 0), number)
    result = []
    for row, code, number, action in drafts:
        if number is None:
            number = last[code] = last.get(code, 0) + 1
        reader.place(validation.SHEET_ACTIONS, f"{code}/{number}", row.number)
        result.append(replace(action, number=number))
    return result

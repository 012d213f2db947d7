"""Rules a plan must satisfy, shared by every way in (workbook, chat, starter plan).

``problems`` lists what is wrong (nothing can be stored while there is any);
``missing`` lists what is not filled in yet (steps 1-4 are done when nothing is missing).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.planning.rules.formula import FormulaError, formula_names, is_valid_input_name
from bot.planning.rules.model import UNITS, Plan

# Where a problem sits; the workbook uses these as its sheet names.
SHEET_OBJECTIVES = "Tujuan"
SHEET_AREAS = "Area"
SHEET_INDICATORS = "Indikator"
SHEET_INPUTS = "Input Rumus"
SHEET_TARGETS = "Target"
SHEET_ACTIONS = "Rencana Aksi"


_CODE = re.compile(r"^[A-Za-z0-9._-]{1,20}$")
CODE_HINT = "huruf, angka, titik, garis bawah atau tanda hubung, paling panjang 20, contoh IKU-01"


def valid_code(code: str) -> bool:
    """Codes link the sheets and travel in button data: short and plain."""
    return _CODE.match(code) is not None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan: where, what, and how to fix it."""

    sheet: str
    key: str
    column: str
    message: str
    hint: str = ""
    row: int | None = None


def problems(plan: Plan) -> list[Problem]:
    """Everything that makes the plan invalid (an empty list when it is valid)."""
    found: list[Problem] = []

    def add(sheet: str, key: str, column: str, message: str, hint: str = "") -> None:
        found.append(Problem(sheet, key, column, message, hint))

    for code, count in Counter(o.code for o in plan.objectives).items():
        if count > 1:
            add(
                SHEET_OBJECTIVES,
                code,
                "Kode",
                f"kode {code} dipakai {count} kali",
                "beri kode unik",
            )
    for objective in plan.objectives:
        if not objective.code:
            add(SHEET_OBJECTIVES, "", "Kode", "kode kosong", "isi kode, contoh T1")
        elif not valid_code(objective.code):
            add(
                SHEET_OBJECTIVES,
                objective.code,
                "Kode",
                f"kode «{objective.code[:30]}» tidak sah",
                CODE_HINT,
            )
        if not objective.text:
            add(SHEET_OBJECTIVES, objective.code, "Tujuan PBJ", "tujuan kosong", "tulis tujuannya")

    objective_codes = {o.code for o in plan.objectives}
    for code, count in Counter(a.code for a in plan.areas).items():
        if count > 1:
            add(SHEET_AREAS, code, "Kode", f"kode {code} dipakai {count} kali", "beri kode unik")
    for area in plan.areas:
        if not area.code:
            add(SHEET_AREAS, "", "Kode", "kode kosong", "isi kode, contoh A1")
        elif not valid_code(area.code):
            add(SHEET_AREAS, area.code, "Kode", f"kode «{area.code[:30]}» tidak sah", CODE_HINT)
        if not area.name:
            add(SHEET_AREAS, area.code, "Nama Area Strategis", "nama kosong", "tulis nama area")
        if area.objective_code not in objective_codes:
            add(
                SHEET_AREAS,
                area.code,
                "Kode Tujuan",
                f"tujuan {area.objective_code or '(kosong)'} tidak ada",
                "pakai kode dari lembar Tujuan",
            )

    area_codes = {a.code for a in plan.areas}
    for code, count in Counter(i.code for i in plan.indicators).items():
        if count > 1:
            add(
                SHEET_INDICATORS,
                code,
                "Kode",
                f"kode {code} dipakai {count} kali",
                "beri kode unik",
            )
    for indicator in plan.indicators:
        code = indicator.code
        if not code:
            add(SHEET_INDICATORS, "", "Kode", "kode kosong", "isi kode, contoh IKU-01")
        elif not valid_code(code):
            add(SHEET_INDICATORS, code, "Kode", f"kode «{code[:30]}» tidak sah", CODE_HINT)
        if not indicator.name:
            add(SHEET_INDICATORS, code, "Nama Indikator", "nama kosong", "tulis nama indikator")
        if indicator.area_code not in area_codes:
            add(
                SHEET_INDICATORS,
                code,
                "Kode Area",
                f"area {indicator.area_code or '(kosong)'} tidak ada",
                "pakai kode dari lembar Area",
            )
        if indicator.unit and indicator.unit not in UNITS:
            add(
                SHEET_INDICATORS,
                code,
                "Satuan",
                f"satuan {indicator.unit} tidak dikenal",
                "pilih dari daftar",
            )
        names = [i.name for i in indicator.inputs]
        for name in names:
            if not is_valid_input_name(name):
                add(
                    SHEET_INPUTS,
                    f"{code}/{name}",
                    "Nama Input",
                    f"nama input «{name}» tidak sah",
                    "huruf kecil, angka dan garis bawah, contoh «total_pagu»",
                )
        for name, count in Counter(names).items():
            if count > 1:
                add(
                    SHEET_INPUTS,
                    f"{code}/{name}",
                    "Nama Input",
                    f"input «{name}» dicatat {count} kali",
                    "hapus yang ganda",
                )
        if indicator.formula:
            try:
                used = formula_names(indicator.formula)
            except FormulaError as exc:
                add(
                    SHEET_INDICATORS,
                    code,
                    "Rumus",
                    str(exc),
                    "contoh: «nilai_epurchasing / total_pagu * 100»",
                )
            else:
                for name in sorted(used - set(names)):
                    add(
                        SHEET_INDICATORS,
                        code,
                        "Rumus",
                        f"rumus memakai input «{name}» yang tidak ada",
                        f"tambahkan «{name}» di lembar {SHEET_INPUTS} atau perbaiki rumus",
                    )
                for name in sorted(set(names) - used):
                    add(
                        SHEET_INPUTS,
                        f"{code}/{name}",
                        "Nama Input",
                        f"input «{name}» tidak dipakai dalam rumus {code}",
                        "hapus input itu atau pakai di rumus",
                    )
        monitoring, reporting = indicator.monitoring_frequency, indicator.reporting_frequency
        if monitoring and reporting and monitoring.periods_per_year < reporting.periods_per_year:
            add(
                SHEET_INDICATORS,
                code,
                "Frekuensi Pemantauan",
                f"pemantauan {monitoring.value} lebih jarang dari pelaporan {reporting.value}",
                "pemantauan harus sama atau lebih sering dari pelaporan",
            )
        if indicator.period_targets:
            if reporting is None:
                add(
                    SHEET_TARGETS,
                    code,
                    "Target",
                    "ada target periode tetapi frekuensi pelaporan kosong",
                    "isi frekuensi pelaporan",
                )
            elif len(indicator.period_targets) != reporting.periods_per_year:
                add(
                    SHEET_TARGETS,
                    code,
                    "Periode",
                    f"frekuensi {reporting.value} punya {reporting.periods_per_year} periode, "
                    f"target yang diisi {len(indicator.period_targets)}",
                    f"isi target periode 1 sampai {reporting.periods_per_year}",
                )
        if indicator.baseline_year is not None and indicator.baseline_year > plan.year:
            add(
                SHEET_INDICATORS,
                code,
                "Tahun Baseline",
                f"tahun baseline {indicator.baseline_year} sesudah tahun rencana {plan.year}",
                "baseline adalah data tahun sebelumnya",
            )
        if indicator.unit == "%":
            # Each negative value is reported where it is written.
            for sheet, column, values in (
                (SHEET_INDICATORS, "Baseline", (indicator.baseline_value,)),
                (SHEET_INDICATORS, "Target Tahunan", (indicator.annual_target,)),
                (SHEET_TARGETS, "Target", indicator.period_targets),
            ):
                if any(value is not None and value < 0 for value in values):
                    add(sheet, code, column, "persentase tidak boleh negatif", "isi 0 sampai 100")

    indicator_codes = {i.code for i in plan.indicators}
    for (code, number), count in Counter(
        (a.indicator_code, a.number) for a in plan.actions
    ).items():
        if count > 1:
            add(
                SHEET_ACTIONS,
                f"{code}/{number}",
                "No",
                f"rencana aksi {code} no. {number} ganda",
                "beri nomor berbeda",
            )
    for action in plan.actions:
        key = f"{action.indicator_code}/{action.number}"
        if action.indicator_code not in indicator_codes:
            add(
                SHEET_ACTIONS,
                key,
                "Kode Indikator",
                f"indikator {action.indicator_code or '(kosong)'} tidak ada",
                "pakai kode dari lembar Indikator",
            )
        if not action.activity:
            add(SHEET_ACTIONS, key, "Kegiatan", "kegiatan kosong", "tulis kegiatannya")
        if action.number < 1:
            add(SHEET_ACTIONS, key, "No", "nomor harus 1 atau lebih", "beri nomor urut 1, 2, 3")
        if action.start and action.end and action.start > action.end:
            add(
                SHEET_ACTIONS,
                key,
                "Selesai",
                "tanggal selesai sebelum tanggal mulai",
                "periksa kedua tanggal",
            )
        for column, day in (("Mulai", action.start), ("Selesai", action.end)):
            if day is not None and day.year != plan.year:
                add(
                    SHEET_ACTIONS,
                    key,
                    column,
                    f"tanggal {day:%d/%m/%Y} di luar tahun {plan.year}",
                    f"pakai tanggal dalam tahun {plan.year}",
                )
    return found


def missing(plan: Plan) -> dict[int, list[str]]:
    """What SOP steps 1-4 still lack, per step (an empty list means the step is complete)."""
    result: dict[int, list[str]] = {1: [], 2: [], 3: [], 4: []}
    if not plan.objectives:
        result[1].append("belum ada tujuan PBJ")
    if not plan.areas:
        result[1].append("belum ada area strategis")
    areas_without = [a for a in plan.areas if not plan.indicators_of(a.code)]
    if areas_without:
        result[2].append(f"{len(areas_without)} area strategis belum punya indikator")
    if not plan.indicators:
        result[2].append("belum ada indikator")
    incomplete = [i for i in plan.indicators if missing_attributes(i)]
    if incomplete:
        result[2].append(f"{len(incomplete)} indikator atributnya belum lengkap")
    no_target = [
        i
        for i in plan.indicators
        if i.baseline_value is None
        or i.baseline_year is None
        or i.annual_target is None
        or not i.period_targets
    ]
    if no_target:
        result[3].append(f"{len(no_target)} indikator belum punya baseline/target lengkap")
    if not plan.indicators:
        result[3].append("belum ada indikator")
    no_action = [i for i in plan.indicators if not plan.actions_of(i.code)]
    if no_action:
        result[4].append(f"{len(no_action)} indikator belum punya rencana aksi")
    if not plan.indicators:
        result[4].append("belum ada indikator")
    return result


ATTRIBUTE_LABELS = {
    "definition": "definisi",
    "formula": "rumus",
    "inputs": "input rumus",
    "unit": "satuan",
    "polarity": "polaritas",
    "monitoring_frequency": "frekuensi pemantauan",
    "reporting_frequency": "frekuensi pelaporan",
    "data_source": "sumber data",
    "pic_unit": "unit PIC",
    "evidence": "bukti dukung",
}


def missing_attributes(indicator: object) -> list[str]:
    """Labels of an indicator's manual attributes that are still empty."""
    return [label for name, label in ATTRIBUTE_LABELS.items() if not getattr(indicator, name)]

"""Rules a plan must satisfy, shared by every way in (workbook, chat, starter plan).

``problems`` lists what is wrong (nothing can be stored while there is any);
``missing`` lists what is not filled in yet (steps 1-4 are done when nothing is missing).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.planning.rules.changes import FIELD_LABELS
from bot.planning.rules.formula import FormulaError, formula_names, is_valid_input_name
from bot.planning.rules.model import UNITS, ActionPlan, Indicator, Plan

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
    found = _objective_problems(plan) + _area_problems(plan)
    area_codes = {a.code for a in plan.areas}
    found += _duplicates(SHEET_INDICATORS, [i.code for i in plan.indicators])
    for indicator in plan.indicators:
        found += _indicator_problems(plan, indicator, area_codes)
    return found + _action_problems(plan)


def _duplicates(sheet: str, codes: list[str]) -> list[Problem]:
    return [
        Problem(sheet, code, "Kode", f"kode {code} dipakai {count} kali", "beri kode unik")
        for code, count in Counter(codes).items()
        if count > 1
    ]


def _code_problem(sheet: str, code: str, example: str) -> list[Problem]:
    if not code:
        return [Problem(sheet, "", "Kode", "kode kosong", f"isi kode, contoh {example}")]
    if not valid_code(code):
        return [Problem(sheet, code, "Kode", f"kode «{code[:30]}» tidak sah", CODE_HINT)]
    return []


def _objective_problems(plan: Plan) -> list[Problem]:
    found = _duplicates(SHEET_OBJECTIVES, [o.code for o in plan.objectives])
    for objective in plan.objectives:
        found += _code_problem(SHEET_OBJECTIVES, objective.code, "T1")
        if not objective.text:
            found.append(
                Problem(
                    SHEET_OBJECTIVES,
                    objective.code,
                    "Tujuan PBJ",
                    "tujuan kosong",
                    "tulis tujuannya",
                )
            )
    return found


def _area_problems(plan: Plan) -> list[Problem]:
    objective_codes = {o.code for o in plan.objectives}
    found = _duplicates(SHEET_AREAS, [a.code for a in plan.areas])
    for area in plan.areas:
        found += _code_problem(SHEET_AREAS, area.code, "A1")
        if not area.name:
            found.append(
                Problem(
                    SHEET_AREAS, area.code, "Nama Area Strategis", "nama kosong", "tulis nama area"
                )
            )
        if area.objective_code not in objective_codes:
            found.append(
                Problem(
                    SHEET_AREAS,
                    area.code,
                    "Kode Tujuan",
                    f"tujuan {area.objective_code or '(kosong)'} tidak ada",
                    "pakai kode dari lembar Tujuan",
                )
            )
    return found


def _indicator_problems(plan: Plan, indicator: Indicator, area_codes: set[str]) -> list[Problem]:
    code = indicator.code
    found = _code_problem(SHEET_INDICATORS, code, "IKU-01")
    if not indicator.name:
        found.append(
            Problem(SHEET_INDICATORS, code, "Nama Indikator", "nama kosong", "tulis nama indikator")
        )
    if indicator.area_code not in area_codes:
        found.append(
            Problem(
                SHEET_INDICATORS,
                code,
                "Kode Area",
                f"area {indicator.area_code or '(kosong)'} tidak ada",
                "pakai kode dari lembar Area",
            )
        )
    if indicator.unit and indicator.unit not in UNITS:
        found.append(
            Problem(
                SHEET_INDICATORS,
                code,
                "Satuan",
                f"satuan {indicator.unit} tidak dikenal",
                "pilih dari daftar",
            )
        )
    found += _input_problems(indicator)
    found += _frequency_problems(indicator)
    return found + _value_problems(plan, indicator)


def _input_problems(indicator: Indicator) -> list[Problem]:
    """Formula inputs: valid, unique, and exactly those the formula uses."""
    code = indicator.code
    names = [i.name for i in indicator.inputs]
    found = [
        Problem(
            SHEET_INPUTS,
            f"{code}/{name}",
            "Nama Input",
            f"nama input «{name}» tidak sah",
            "huruf kecil, angka dan garis bawah, contoh «total_pagu»",
        )
        for name in names
        if not is_valid_input_name(name)
    ]
    found += [
        Problem(
            SHEET_INPUTS,
            f"{code}/{name}",
            "Nama Input",
            f"input «{name}» dicatat {count} kali",
            "hapus yang ganda",
        )
        for name, count in Counter(names).items()
        if count > 1
    ]
    if not indicator.formula:
        return found
    try:
        used = formula_names(indicator.formula)
    except FormulaError as exc:
        example = "contoh: «nilai_epurchasing / total_pagu * 100»"
        return [*found, Problem(SHEET_INDICATORS, code, "Rumus", str(exc), example)]
    found += [
        Problem(
            SHEET_INDICATORS,
            code,
            "Rumus",
            f"rumus memakai input «{name}» yang tidak ada",
            f"tambahkan «{name}» di lembar {SHEET_INPUTS} atau perbaiki rumus",
        )
        for name in sorted(used - set(names))
    ]
    return found + [
        Problem(
            SHEET_INPUTS,
            f"{code}/{name}",
            "Nama Input",
            f"input «{name}» tidak dipakai dalam rumus {code}",
            "hapus input itu atau pakai di rumus",
        )
        for name in sorted(set(names) - used)
    ]


def _frequency_problems(indicator: Indicator) -> list[Problem]:
    """Monitoring at least as often as reporting; one period target per reporting period."""
    code = indicator.code
    found = []
    monitoring, reporting = indicator.monitoring_frequency, indicator.reporting_frequency
    if monitoring and reporting and monitoring.periods_per_year < reporting.periods_per_year:
        found.append(
            Problem(
                SHEET_INDICATORS,
                code,
                "Frekuensi Pemantauan",
                f"pemantauan {monitoring.value} lebih jarang dari pelaporan {reporting.value}",
                "pemantauan harus sama atau lebih sering dari pelaporan",
            )
        )
    if not indicator.period_targets:
        return found
    if reporting is None:
        found.append(
            Problem(
                SHEET_TARGETS,
                code,
                "Target",
                "ada target periode tetapi frekuensi pelaporan kosong",
                "isi frekuensi pelaporan",
            )
        )
    elif len(indicator.period_targets) != reporting.periods_per_year:
        found.append(
            Problem(
                SHEET_TARGETS,
                code,
                "Periode",
                f"frekuensi {reporting.value} punya {reporting.periods_per_year} periode, "
                f"target yang diisi {len(indicator.period_targets)}",
                f"isi target periode 1 sampai {reporting.periods_per_year}",
            )
        )
    return found


def _value_problems(plan: Plan, indicator: Indicator) -> list[Problem]:
    """A baseline year before the plan's year; no negative percentages."""
    code = indicator.code
    found = []
    if indicator.baseline_year is not None and indicator.baseline_year > plan.year:
        found.append(
            Problem(
                SHEET_INDICATORS,
                code,
                "Tahun Baseline",
                f"tahun baseline {indicator.baseline_year} sesudah tahun rencana {plan.year}",
                "baseline adalah data tahun sebelumnya",
            )
        )
    if indicator.unit == "%":
        # Each negative value is reported where it is written.
        for sheet, column, values in (
            (SHEET_INDICATORS, "Baseline", (indicator.baseline_value,)),
            (SHEET_INDICATORS, "Target Tahunan", (indicator.annual_target,)),
            (SHEET_TARGETS, "Target", indicator.period_targets),
        ):
            if any(value is not None and value < 0 for value in values):
                found.append(
                    Problem(
                        sheet, code, column, "persentase tidak boleh negatif", "isi 0 sampai 100"
                    )
                )
    return found


def _action_problems(plan: Plan) -> list[Problem]:
    indicator_codes = {i.code for i in plan.indicators}
    found = [
        Problem(
            SHEET_ACTIONS,
            f"{code}/{number}",
            "No",
            f"rencana aksi {code} no. {number} ganda",
            "beri nomor berbeda",
        )
        for (code, number), count in Counter(
            (a.indicator_code, a.number) for a in plan.actions
        ).items()
        if count > 1
    ]
    for action in plan.actions:
        found += _action_item_problems(plan, action, indicator_codes)
    return found


def _action_item_problems(
    plan: Plan, action: ActionPlan, indicator_codes: set[str]
) -> list[Problem]:
    key = f"{action.indicator_code}/{action.number}"
    found = []
    if action.indicator_code not in indicator_codes:
        found.append(
            Problem(
                SHEET_ACTIONS,
                key,
                "Kode Indikator",
                f"indikator {action.indicator_code or '(kosong)'} tidak ada",
                "pakai kode dari lembar Indikator",
            )
        )
    if not action.activity:
        found.append(
            Problem(SHEET_ACTIONS, key, "Kegiatan", "kegiatan kosong", "tulis kegiatannya")
        )
    if action.number < 1:
        found.append(
            Problem(SHEET_ACTIONS, key, "No", "nomor harus 1 atau lebih", "beri nomor urut 1, 2, 3")
        )
    if action.start and action.end and action.start > action.end:
        found.append(
            Problem(
                SHEET_ACTIONS,
                key,
                "Selesai",
                "tanggal selesai sebelum tanggal mulai",
                "periksa kedua tanggal",
            )
        )
    for column, day in (("Mulai", action.start), ("Selesai", action.end)):
        if day is not None and day.year != plan.year:
            found.append(
                Problem(
                    SHEET_ACTIONS,
                    key,
                    column,
                    f"tanggal {day:%d/%m/%Y} di luar tahun {plan.year}",
                    f"pakai tanggal dalam tahun {plan.year}",
                )
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


# The attributes an indicator needs before the plan can be submitted, in the order listed.
REQUIRED_ATTRIBUTES = (
    "definition",
    "formula",
    "inputs",
    "unit",
    "polarity",
    "monitoring_frequency",
    "reporting_frequency",
    "data_source",
    "pic_unit",
    "evidence",
)
ATTRIBUTE_LABELS = {name: FIELD_LABELS[name] for name in REQUIRED_ATTRIBUTES}


def missing_attributes(indicator: object) -> list[str]:
    """Labels of an indicator's manual attributes that are still empty."""
    return [label for name, label in ATTRIBUTE_LABELS.items() if not getattr(indicator, name)]

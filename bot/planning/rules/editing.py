"""Editing one indicator attribute or one action plan from the chat, with the plan's rules.

Each function takes the current plan and what the person typed, and returns the new plan
or raises ValueError with an Indonesian reason. Nothing here stores anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.core.limits import INDICATOR_TEXT
from bot.core.numbers import NumberError, NumberKind, kind_of_unit, read_text
from bot.planning.rules.model import (
    UNITS,
    ActionPlan,
    FormulaInput,
    Frequency,
    Indicator,
    Plan,
    Polarity,
)
from bot.planning.rules.periods import default_period_targets
from bot.planning.rules.validation import SHEET_ACTIONS, problems
from bot.planning.rules.values import (
    parse_date_range,
    parse_frequency,
    parse_input_kind,
    parse_polarity,
    parse_unit,
    parse_year,
)


@dataclass(frozen=True)
class Attribute:
    """An indicator attribute editable from the chat; ``key`` is short for callback data."""

    key: str
    field: str
    label: str
    choices: tuple[str, ...] = ()


ATTRIBUTES = (
    Attribute("nm", "name", "nama"),
    Attribute("df", "definition", "definisi"),
    Attribute("in", "inputs", "input rumus"),
    Attribute("rm", "formula", "rumus"),
    Attribute("st", "unit", "satuan", UNITS),
    Attribute("pl", "polarity", "polaritas", tuple(p.value for p in Polarity)),
    Attribute(
        "fp", "monitoring_frequency", "frekuensi pemantauan", tuple(f.value for f in Frequency)
    ),
    Attribute(
        "fl", "reporting_frequency", "frekuensi pelaporan", tuple(f.value for f in Frequency)
    ),
    Attribute("sd", "data_source", "sumber data"),
    Attribute("pic", "pic_unit", "unit PIC"),
    Attribute("bd", "evidence", "bukti dukung"),
    Attribute("bl", "baseline_value", "baseline"),
    Attribute("tb", "baseline_year", "tahun baseline"),
    Attribute("tt", "annual_target", "target tahunan"),
    Attribute("tp", "period_targets", "target periode"),
)


def attribute(key: str) -> Attribute | None:
    return next((a for a in ATTRIBUTES if a.key == key), None)


def _text(raw: str, *, longest: int) -> str:
    text = " ".join(raw.split())
    if not 2 <= len(text) <= longest:
        raise ValueError(f"isian harus 2-{longest} karakter")
    return text


def _inputs(raw: str) -> tuple[FormulaInput, ...]:
    result = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3:
            raise ValueError(
                f"baris «{line.strip()[:30]}» harus berbentuk nama | keterangan | jenis"
            )
        result.append(FormulaInput(parts[0], parts[1], parse_input_kind(parts[2])))
    if not result:
        raise ValueError("isi paling sedikit satu input")
    return tuple(result)


def _targets(raw: str, kind: NumberKind) -> tuple[float, ...]:
    parts = [part for part in re.split(r"[;\n]", raw) if part.strip()]
    if not parts:
        raise ValueError(
            "target periode kosong; isi target periode, pisahkan dengan titik koma (;)"
        )
    if len(parts) == 1 and re.search(r"[0-9][.,]? +[0-9]", raw):
        raise ValueError("pisahkan target dengan titik koma (;), contoh 45; 45,5; 50; 50")
    result = []
    for number, part in enumerate(parts, start=1):
        try:
            result.append(read_text(part, kind))
        except NumberError as error:
            where = f"target ke-{number}: " if len(parts) > 1 else ""
            raise ValueError(f"{where}{error}") from None
    return tuple(result)


def parse_attribute(attr: Attribute, raw: str, *, unit: str = "") -> object:
    """The typed value of an attribute, or ValueError. Numbers are read by the rules of
    :mod:`bot.core.numbers` for an indicator with ``unit`` (``%`` or ``Rp`` change what
    is accepted)."""
    if attr.field in INDICATOR_TEXT:
        return _text(raw, longest=INDICATOR_TEXT[attr.field])
    if attr.field == "inputs":
        return _inputs(raw)
    if attr.field == "unit":
        return parse_unit(raw)
    if attr.field == "polarity":
        return parse_polarity(raw)
    if attr.field in ("monitoring_frequency", "reporting_frequency"):
        return parse_frequency(raw)
    if attr.field == "baseline_year":
        return parse_year(raw)
    if attr.field == "period_targets":
        return _targets(raw, kind_of_unit(unit))
    if attr.field in ("baseline_value", "annual_target"):
        return read_text(raw, kind_of_unit(unit))
    raise LookupError(attr.field)


@dataclass(frozen=True)
class Edited:
    """The plan after an edit, and whether the period targets were derived again."""

    plan: Plan
    targets_derived: int = 0


def _with_indicator(plan: Plan, indicator: Indicator) -> Plan:
    return replace(
        plan,
        indicators=tuple(indicator if i.code == indicator.code else i for i in plan.indicators),
    )


def _check(plan: Plan, code: str) -> None:
    """Refuse the edit when it makes this indicator (or its actions) invalid."""
    for problem in problems(plan):
        if problem.key == code or problem.key.startswith(f"{code}/"):
            hint = f" ({problem.hint})" if problem.hint else ""
            raise ValueError(f"{problem.message}{hint}")


def edit_indicator(plan: Plan, code: str, attr: Attribute, value: object) -> Edited:
    """Set one attribute of an indicator, keeping period targets consistent."""
    indicator = plan.indicator(code)
    if indicator is None:
        raise LookupError(code)
    updates: dict[str, Any] = {attr.field: value}
    changed = replace(indicator, **updates)
    derived = 0
    reporting = changed.reporting_frequency
    wrong_count = reporting is not None and (
        len(changed.period_targets) != reporting.periods_per_year
    )
    retarget = attr.field in ("annual_target", "reporting_frequency", "unit") or (
        attr.field != "period_targets" and wrong_count
    )
    if retarget and reporting is not None and changed.annual_target is not None:
        targets = default_period_targets(changed.annual_target, changed.unit, reporting)
        if targets != changed.period_targets:
            changed = replace(changed, period_targets=targets)
            derived = len(targets)
    new_plan = _with_indicator(plan, changed)
    _check(new_plan, code)
    return Edited(new_plan, derived)


def parse_schedule(raw: str) -> tuple[date, date]:
    """``01/02/2027 - 30/06/2027`` as two dates."""
    return parse_date_range(raw, single_day=False)


def add_action(
    plan: Plan, code: str, *, activity: str, output: str, start: date, end: date
) -> tuple[Plan, int]:
    """The plan with a new action plan for an indicator, and the new action's number."""
    indicator = plan.indicator(code)
    if indicator is None:
        raise LookupError(code)
    number = max((a.number for a in plan.actions_of(code)), default=0) + 1
    action = ActionPlan(
        indicator_code=code,
        number=number,
        activity=activity,
        output=output,
        start=start,
        end=end,
        pic_unit=indicator.pic_unit,
    )
    new_plan = replace(plan, actions=(*plan.actions, action))
    for problem in problems(new_plan):
        if problem.sheet == SHEET_ACTIONS and problem.key == f"{code}/{number}":
            raise ValueError(problem.message)
    return new_plan, number


def remove_action(plan: Plan, code: str, number: int) -> Plan:
    kept = tuple(a for a in plan.actions if not (a.indicator_code == code and a.number == number))
    if len(kept) == len(plan.actions):
        raise LookupError(f"{code}/{number}")
    return replace(plan, actions=kept)

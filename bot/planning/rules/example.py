"""The starter plan for a new cycle, read from ``templates/rencana-contoh-jayawijaya.toml``."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from bot.core.resources import templates_dir
from bot.planning.rules.model import ActionPlan, Area, FormulaInput, Indicator, Objective, Plan
from bot.planning.rules.periods import default_period_targets
from bot.planning.rules.values import (
    parse_category,
    parse_frequency,
    parse_input_kind,
    parse_polarity,
    parse_unit,
)

EXAMPLE_PLAN_NAME = "rencana-contoh-jayawijaya.toml"


def _day(text: str, year: int) -> date:
    month, day = (int(part) for part in text.split("-"))
    return date(year, month, day)


def _indicator(entry: dict[str, Any], year: int) -> Indicator:
    reporting = parse_frequency(entry["pelaporan"])
    unit = parse_unit(entry["satuan"])
    target = float(entry["target"])
    baseline_year = int(entry["tahun_baseline"])
    return Indicator(
        code=entry["kode"],
        area_code=entry["area"],
        name=entry["nama"],
        definition=entry["definisi"],
        inputs=tuple(
            FormulaInput(name, label, parse_input_kind(kind))
            for name, label, kind in entry["input"]
        ),
        formula=entry["rumus"],
        unit=unit,
        polarity=parse_polarity(entry["polaritas"]),
        monitoring_frequency=parse_frequency(entry["pemantauan"]),
        reporting_frequency=reporting,
        data_source=entry["sumber_data"],
        pic_unit=entry["unit_pic"],
        evidence=entry["bukti_dukung"],
        baseline_value=float(entry["baseline"]),
        # A negative baseline year counts back from the plan year (-1: last year).
        baseline_year=year + baseline_year if baseline_year <= 0 else baseline_year,
        annual_target=target,
        period_targets=default_period_targets(target, unit, reporting),
    )


def example_plan(year: int, path: Path | None = None) -> Plan:
    """The starter plan for ``year``: complete, valid, ready to submit for approval."""
    with (path or templates_dir() / EXAMPLE_PLAN_NAME).open("rb") as handle:
        data = tomllib.load(handle)
    numbers: dict[str, int] = {}
    actions = []
    for entry in data["aksi"]:
        code = entry["indikator"]
        numbers[code] = numbers.get(code, 0) + 1
        actions.append(
            ActionPlan(
                indicator_code=code,
                number=numbers[code],
                activity=entry["kegiatan"],
                output=entry["keluaran"],
                start=_day(entry["mulai"], year),
                end=_day(entry["selesai"], year),
                pic_unit=entry["unit_pic"],
            )
        )
    return Plan(
        year=year,
        objectives=tuple(Objective(o["kode"], o["tujuan"]) for o in data["tujuan"]),
        areas=tuple(
            Area(a["kode"], a["nama"], parse_category(a["kategori"]), a["tujuan"])
            for a in data["area"]
        ),
        indicators=tuple(_indicator(entry, year) for entry in data["indikator"]),
        actions=tuple(actions),
    )

"""Achievement, category bands and realisation (SOP step 13), without Telegram or storage.

Choices, written once:

- *Achievement* where higher is better is ``realisation / target x 100``. Where lower is
  better it is the SAKIP convention ``(2 x target - realisation) / target x 100``, floored at
  0 (a realisation of more than twice the target achieves nothing, not a negative share), or
  with ``[capaian] polaritas_turun = "rasio"`` the ratio ``target / realisation x 100``
  (none for a realisation of 0: the ratio has no value).
- A *zero target* gives no percentage in either polarity: "0 complaints" reached or missed is
  not a share of 0. The realisation is still shown against the target, with the reason.
- The *band* is the first whose lower bound the achievement reaches, compared rounded to one
  decimal as it is shown: 90,5 % is Tinggi under the default bands (Sangat Tinggi from 91),
  90,96 % (shown "91,0 %") is Sangat Tinggi. Below every bound: the last band.
- *Changes* are differences in the indicator's own unit: realisation minus the previous
  period's realisation, and minus the baseline; none when either side is missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core.achievement_settings import AchievementSettings, LowerIsBetter
from bot.planning.rules.formula import FormulaError, evaluate, formula_names
from bot.planning.rules.model import Indicator, InputKind, Polarity

# Reasons a value is missing, shown to people next to the indicator.
REASON_NOT_STARTED = "Periode belum dimulai."
REASON_NO_PACKAGES = "Belum ada paket yang dipetakan ke area ini."
REASON_NO_REPORTS = "Belum ada laporan yang diterima."
REASON_NO_FORMULA = "Rumus indikator tidak dapat dihitung."
REASON_DATE_INPUT = "Rumus memakai isian tanggal; realisasi tidak dihitung otomatis."
REASON_INPUT_MISSING = "Isian {label} belum dilaporkan."
REASON_ZERO_DIVISOR = "Pembagi dalam rumus bernilai nol."
REASON_NO_TARGET = "Target periode belum ditetapkan."
REASON_ZERO_TARGET = "Target 0: capaian dalam persen tidak dapat dihitung."
REASON_ZERO_REALISATION = "Realisasi 0: rasio target/realisasi tidak dapat dihitung."


@dataclass(frozen=True)
class Achievement:
    """An achievement percentage, or None with the reason it has none."""

    value: float | None
    reason: str = ""


def achievement(
    realisation: float | None,
    target: float | None,
    *,
    higher_is_better: bool,
    settings: AchievementSettings,
) -> Achievement:
    """Percent of ``target`` reached by ``realisation`` with the indicator's polarity."""
    if realisation is None:
        return Achievement(None)
    if target is None:
        return Achievement(None, REASON_NO_TARGET)
    if target == 0:
        return Achievement(None, REASON_ZERO_TARGET)
    if higher_is_better:
        return Achievement(realisation / target * 100)
    if settings.lower_is_better is LowerIsBetter.RATIO:
        if realisation == 0:
            return Achievement(None, REASON_ZERO_REALISATION)
        return Achievement(target / realisation * 100)
    return Achievement(max((2 * target - realisation) / target * 100, 0.0))


def band(value: float | None, settings: AchievementSettings) -> str | None:
    """The category of an achievement (None for none), compared rounded to one decimal."""
    if value is None:
        return None
    shown = round(value, 1)
    for name, lower in settings.bands:
        if shown >= lower:
            return name
    return settings.bands[-1][0]


def change(value: float | None, other: float | None) -> float | None:
    """``value - other`` when both are known."""
    if value is None or other is None:
        return None
    return value - other


def higher_is_better(indicator: Indicator) -> bool:
    """Higher is better unless the plan says lower is (an unset polarity counts as higher)."""
    return indicator.polarity is not Polarity.TURUN


@dataclass(frozen=True)
class Realisation:
    """An indicator's value over some reports, or None with the reason."""

    value: float | None
    reason: str = ""


def _number(value: object) -> float | None:
    """A stored input value as a number: ya/tidak as 1/0; text that is no number is None."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def summed_inputs(
    names: Sequence[str], reports: Sequence[Mapping[str, object]]
) -> dict[str, float]:
    """Each input summed over the reports that hold a number for it (names no report holds
    are left out)."""
    totals: dict[str, float] = {}
    for values in reports:
        for name in names:
            number = _number(values.get(name))
            if number is not None:
                totals[name] = totals.get(name, 0.0) + number
    return totals


def realisation(indicator: Indicator, reports: Sequence[Mapping[str, object]]) -> Realisation:
    """The indicator's formula over its inputs summed over ``reports`` (the stored values of
    each accepted report that counts); None with the reason when it cannot be computed."""
    if not reports:
        return Realisation(None, REASON_NO_REPORTS)
    try:
        names = sorted(formula_names(indicator.formula))
    except FormulaError:
        return Realisation(None, REASON_NO_FORMULA)
    kinds = {item.name: item for item in indicator.inputs}
    if any(kinds[n].kind is InputKind.TANGGAL for n in names if n in kinds):
        return Realisation(None, REASON_DATE_INPUT)
    totals = summed_inputs(names, reports)
    for name in names:
        if name not in totals:
            label = kinds[name].label if name in kinds else name
            return Realisation(None, REASON_INPUT_MISSING.format(label=label))
    try:
        return Realisation(evaluate(indicator.formula, totals))
    except ZeroDivisionError:
        return Realisation(None, REASON_ZERO_DIVISOR)
    except (FormulaError, KeyError):
        return Realisation(None, REASON_NO_FORMULA)

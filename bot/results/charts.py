"""Charts of results as PNG bytes, for the chat (/capaian) and the documents (report, deck).

matplotlib is imported inside the functions, never at module level, so that the bot's idle
memory stays low until someone asks for a chart; figures are drawn on a ``Figure`` with the
Agg canvas (no pyplot, no global state, safe in any thread). Labels are Indonesian, numbers
use a decimal comma. The default size suits a phone: 6,4 x ~4 inches at 150 dpi, about
960 pixels wide.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.core.dates import format_date
from bot.results.model import Compilation, IndicatorResult, PeriodResult
from bot.results.render import decimal, percent, short_amount, short_label, shown_period
from bot.results.rules import REASON_NOT_STARTED

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH = 6.4
DPI = 150

REACHED = "#2e7d32"
NOT_REACHED = "#e08e0b"
TARGET = "#455a64"
MISSING = "#cfd8dc"
REALISATION = "#1565c0"

TITLE_ACHIEVEMENT = "Capaian terhadap target {year}"
SUBTITLE_LATEST = "periode terakhir tiap indikator"
LABEL_ACHIEVEMENT = "Capaian (% dari target)"
LABEL_TARGET = "Target"
LABEL_REALISATION = "Realisasi"
LABEL_BASELINE = "Baseline {year}"
LABEL_NO_DATA = "belum ada data"
LABEL_NOT_STARTED = "belum mulai"
LABEL_LOWER_IS_BETTER = "Semakin rendah semakin baik"
LABEL_NO_PERCENT = "{value}, target {target}: tanpa persen"
LABEL_BAR = "{percent} · {band}: {value} dari target {target}"
LABEL_CLOSED = "Ditutup ({reason}) setelah {day}"
CLOSURE_REASONS = {"tercapai": "tercapai", "waktu_habis": "waktu habis"}
NOTHING = "Belum ada indikator."
# Bars beyond this share of the target are cut at it (their label keeps the real value).
MAX_PERCENT = 200.0


def _figure(
    width: float, height: float, dpi: int, *, left: float, top: float, bottom: float
) -> Figure:
    """A figure whose axes leave fixed margins (inches): a layout engine would measure every
    label on each draw and doubles the time a chart takes."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi)
    figure.set_facecolor("white")
    figure.subplots_adjust(
        left=left / width, right=1 - 0.2 / width, top=1 - top / height, bottom=bottom / height
    )
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi, facecolor="white")
    return buffer.getvalue()


def _bar_label(indicator: IndicatorResult, period: PeriodResult | None, named: bool) -> str:
    """The bar's text; ``named`` adds the period (bars of different periods)."""
    text = _bar_value(indicator, period)
    return f"{text} · {short_label(period.period_label)}" if named and period else text


def _bar_value(indicator: IndicatorResult, period: PeriodResult | None) -> str:
    if period is None or period.realisation is None:
        return LABEL_NO_DATA
    value = short_amount(period.realisation, indicator.unit)
    target = "-" if period.target is None else short_amount(period.target, indicator.unit)
    if period.achievement is None:
        return LABEL_NO_PERCENT.format(value=value, target=target)
    return LABEL_BAR.format(
        percent=percent(period.achievement), band=period.band or "-", value=value, target=target
    )


def _rows(
    compilation: Compilation, codes: Sequence[str] | None, period_key: str | None
) -> list[tuple[IndicatorResult, PeriodResult | None]]:
    wanted = (
        compilation.indicators
        if codes is None
        else [i for code in codes if (i := compilation.indicator(code)) is not None]
    )
    on = compilation.computed_at.date()
    return [(i, i.period(period_key) if period_key else shown_period(i, on)) for i in wanted]


def target_vs_realisation_png(
    compilation: Compilation,
    *,
    codes: Sequence[str] | None = None,
    period_key: str | None = None,
    subtitle: str | None = None,
    width: float = WIDTH,
    dpi: int = DPI,
) -> bytes:
    """Achievement against the target (100 %) of the indicators ``codes`` (all when None),
    one bar each, in period ``period_key`` or, when None, each indicator's newest period
    (``render.shown_period``). Each bar says the achievement, band, realisation and target
    in the indicator's unit; an indicator without data says so."""
    rows = _rows(compilation, codes, period_key)
    height = 1.5 + 0.5 * max(len(rows), 1)
    figure = _figure(width, height, dpi, left=0.75, top=0.65, bottom=0.55)
    axes = figure.add_subplot()
    title = TITLE_ACHIEVEMENT.format(year=compilation.year)
    if subtitle is None:
        subtitle = rows[0][1].period_label if period_key and rows and rows[0][1] else ""
        subtitle = subtitle or SUBTITLE_LATEST
    axes.set_title(f"{title}\n{subtitle}", fontsize=11, loc="left")
    if not rows:
        axes.text(0.5, 0.5, NOTHING, ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return _png(figure)
    _draw_bars(axes, rows, named=period_key is None)
    return _png(figure)


def _draw_bars(
    axes: Axes, rows: list[tuple[IndicatorResult, PeriodResult | None]], *, named: bool
) -> None:
    positions = list(range(len(rows)))[::-1]
    highest = max((p.achievement or 0 for _, p in rows if p is not None), default=0)
    limit = min(max(130.0, highest * 1.1), MAX_PERCENT)
    for y, (indicator, period) in zip(positions, rows, strict=True):
        reached = None if period is None else period.achievement
        if reached is None:
            axes.barh(y, limit, color=MISSING, alpha=0.3, height=0.6)
        else:
            colour = REACHED if reached >= 100 else NOT_REACHED
            axes.barh(y, min(reached, limit), color=colour, height=0.6)
        axes.text(
            2,
            y,
            _bar_label(indicator, period, named),
            va="center",
            ha="left",
            fontsize=8,
            bbox={
                "boxstyle": "round,pad=0.25",
                "facecolor": "white",
                "alpha": 0.85,
                "linewidth": 0,
            },
        )
    axes.axvline(100, color=TARGET, linestyle="--", linewidth=1.2)
    axes.text(
        100, len(rows) - 0.45, LABEL_TARGET, ha="center", va="bottom", fontsize=8, color=TARGET
    )
    axes.set_yticks(positions, [indicator.code for indicator, _ in rows], fontsize=9)
    axes.set_xlim(0, limit)
    axes.set_ylim(-0.6, len(rows) - 0.2)
    axes.set_xlabel(LABEL_ACHIEVEMENT, fontsize=9)
    _comma_axis(axes.xaxis, "%")
    axes.spines[["top", "right"]].set_visible(False)


def _comma_axis(axis: object, unit: str) -> None:
    from matplotlib.axis import Axis
    from matplotlib.ticker import FuncFormatter

    assert isinstance(axis, Axis)
    if unit == "Rp":
        axis.set_major_formatter(FuncFormatter(lambda v, _: short_amount(v, "Rp")))
    else:
        axis.set_major_formatter(FuncFormatter(lambda v, _: decimal(v, 2)))
    axis.set_tick_params(labelsize=8)


def _title(indicator: IndicatorResult) -> str:
    lines = textwrap.wrap(f"{indicator.code} · {indicator.name}", 52)
    title = "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")
    if not indicator.higher_is_better:
        title += f"\n{LABEL_LOWER_IS_BETTER}"
    if indicator.closure is not None:
        closed = LABEL_CLOSED.format(
            reason=CLOSURE_REASONS.get(indicator.closure.reason, indicator.closure.reason),
            day=format_date(indicator.closure.closed_after, with_weekday=False),
        )
        title += f"\n{closed}"
    return title


def _value_labels(axes: Axes, indicator: IndicatorResult) -> None:
    """Each realisation written above its point, on white so the lines do not cross it;
    smaller, and Rupiah without "Rp" (the axis says it), when there are many periods."""
    many = len(indicator.periods) > 6
    for x, period in enumerate(indicator.periods):
        if period.realisation is None:
            continue
        text = short_amount(period.realisation, indicator.unit)
        if many and indicator.unit == "Rp":
            text = text.removeprefix("Rp ")
        axes.annotate(
            text,
            (x, period.realisation),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=7 if many else 8,
            color=REALISATION,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "linewidth": 0},
        )


def _gap(period: PeriodResult) -> str:
    if not period.is_missing:
        return ""
    return f"\n{LABEL_NOT_STARTED if period.reason == REASON_NOT_STARTED else LABEL_NO_DATA}"


def trend_png(
    indicator: IndicatorResult, *, width: float = WIDTH, height: float = 4.2, dpi: int = DPI
) -> bytes:
    """The indicator's realisation per period against its target and baseline; periods
    without data are gaps, named so on the axis."""
    title = _title(indicator)
    top = 0.25 + 0.19 * title.count("\n")
    bottom = 0.6 if any(p.is_missing for p in indicator.periods) else 0.45
    figure = _figure(width, height, dpi, left=1.05, top=top, bottom=bottom)
    axes = figure.add_subplot()
    axes.set_title(title, fontsize=10, loc="left")
    periods = indicator.periods
    if not periods:
        axes.text(0.5, 0.5, LABEL_NO_DATA, ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return _png(figure)
    xs = list(range(len(periods)))
    targets = [p.target for p in periods]
    axes.plot(
        xs,
        [t if t is not None else float("nan") for t in targets],
        color=TARGET,
        linestyle="--",
        marker="s",
        markersize=4,
        label=LABEL_TARGET,
    )
    values = [p.realisation if p.realisation is not None else float("nan") for p in periods]
    axes.plot(xs, values, color=REALISATION, marker="o", linewidth=2, label=LABEL_REALISATION)
    _value_labels(axes, indicator)
    if indicator.baseline is not None:
        axes.axhline(
            indicator.baseline,
            color="#8d6e63",
            linestyle=":",
            linewidth=1.2,
            label=LABEL_BASELINE.format(year=indicator.baseline_year or "").strip(),
        )
    labels = [short_label(p.period_label) + _gap(p) for p in periods]
    axes.set_xticks(xs, labels, fontsize=8)
    axes.set_xlim(-0.5, len(periods) - 0.5)
    known = [v for v in [*values, *targets, indicator.baseline] if v is not None and v == v]
    axes.set_ylim(0, max(known, default=1.0) * 1.25 or 1.0)
    _comma_axis(axes.yaxis, indicator.unit)
    axes.set_ylabel("" if indicator.unit == "Rp" else indicator.unit, fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, loc="best", frameon=False)
    return _png(figure)

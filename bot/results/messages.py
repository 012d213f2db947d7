"""The /capaian messages, composed from the feature's text catalogue (no Telegram here): the
summary per strategic area in pages that fit a Telegram message, and a trend's caption."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from bot import texts as app_texts
from bot.core.dates import format_date, format_datetime
from bot.results import texts
from bot.results.model import ActionResult, Compilation, IndicatorResult, PeriodResult
from bot.results.render import amount, percent, shown_period
from bot.results.rules import REASON_NOT_STARTED

# Telegram takes 4096 characters; HTML tags count, so keep room.
PAGE_ROOM = 3500
# A trend's caption (Telegram takes 1024 for a photo).
CAPTION_ROOM = 1000
# Indicators per page: the page's chart stays readable on a phone (and quick to draw).
PAGE_INDICATORS = 12
UNITS_SHOWN = 8
LATE_SHOWN = 5


@dataclass(frozen=True)
class Page:
    """One message of the summary and the indicators it names (for their trend buttons)."""

    text: str
    codes: tuple[str, ...]


def _units(names: Sequence[str]) -> str:
    shown = ", ".join(app_texts.esc(n) for n in names[:UNITS_SHOWN])
    if len(names) <= UNITS_SHOWN:
        return shown
    return texts.MORE_UNITS.format(names=shown, count=len(names) - UNITS_SHOWN)


def _value_line(indicator: IndicatorResult, period: PeriodResult) -> str:
    label = app_texts.esc(period.period_label)
    if period.realisation is None:
        return texts.VALUE_MISSING.format(period=label, reason=app_texts.esc(period.reason))
    realisation = amount(period.realisation, indicator.unit)
    target = texts.NO_TARGET if period.target is None else amount(period.target, indicator.unit)
    if period.achievement is None:
        return texts.VALUE_NO_PERCENT.format(
            period=label,
            realisation=realisation,
            target=target,
            reason=app_texts.esc(period.reason),
        )
    return texts.VALUE.format(
        period=label,
        realisation=realisation,
        target=target,
        achievement=percent(period.achievement),
        band=app_texts.esc(period.band or "-"),
    )


def indicator_block(indicator: IndicatorResult, today: date) -> str:
    """An indicator's lines: its newest period, whose reports are missing, closed or not."""
    lines = [
        texts.INDICATOR.format(
            code=app_texts.esc(indicator.code), name=app_texts.esc(indicator.name)
        )
    ]
    period = shown_period(indicator, today)
    if period is None:
        lines.append(texts.VALUE_NONE)
    else:
        lines.append(_value_line(indicator, period))
        if period.missing_units and period.packages_counted:
            lines.append(
                texts.PARTLY.format(
                    counted=period.packages_counted,
                    expected=period.packages_expected,
                    units=_units(period.missing_units),
                )
            )
        elif period.missing_units:
            lines.append(texts.MISSING_UNITS.format(units=_units(period.missing_units)))
    if indicator.closure is not None:
        lines.append(
            texts.CLOSED.format(
                reason=texts.CLOSURE_REASONS.get(indicator.closure.reason, "-"),
                day=format_date(indicator.closure.closed_after, with_weekday=False),
            )
        )
    return "\n".join(lines)


def _late_actions(actions: Sequence[ActionResult]) -> str:
    late = [a for a in actions if a.late]
    if not late:
        return ""
    lines = [texts.LATE_ACTIONS.format(count=len(late))]
    for action in late[:LATE_SHOWN]:
        lines.append(
            texts.LATE_ACTION.format(
                code=app_texts.esc(action.indicator_code),
                number=action.number,
                activity=app_texts.esc(action.activity),
                end=format_date(action.end, with_weekday=False) if action.end else "-",
                status=app_texts.esc(action.status),
            )
        )
    if len(late) > LATE_SHOWN:
        lines.append(texts.LATE_MORE.format(count=len(late) - LATE_SHOWN))
    return "\n".join(lines)


def _blocks(compilation: Compilation, today: date) -> list[tuple[str, tuple[str, ...]]]:
    """The summary as (text, indicator codes) blocks: an area title with its first
    indicator, then one block per further indicator, so a page never ends on a title."""
    blocks: list[tuple[str, tuple[str, ...]]] = []
    for area in compilation.areas:
        title = texts.AREA.format(code=app_texts.esc(area.code), name=app_texts.esc(area.name))
        indicators = compilation.indicators_of(area.code)
        if not indicators:
            continue
        first, *rest = indicators
        blocks.append((f"{title}\n{indicator_block(first, today)}", (first.code,)))
        blocks += [(indicator_block(i, today), (i.code,)) for i in rest]
    late = _late_actions(compilation.actions)
    if late:
        blocks.append((late, ()))
    return blocks


def summary_pages(
    compilation: Compilation, *, today: date, zone: tzinfo, hints: Sequence[str] = ()
) -> list[Page]:
    """The summary in pages of at most ``PAGE_ROOM`` characters and ``PAGE_INDICATORS``
    indicators, each with its header."""
    chunks: list[tuple[list[str], list[str]]] = [([*hints], [])]
    for text, codes in _blocks(compilation, today):
        lines, found = chunks[-1]
        full = len(found) + len(codes) > PAGE_INDICATORS
        if lines and (full or sum(len(x) + 2 for x in lines) + len(text) > PAGE_ROOM - 200):
            chunks.append(([], []))
            lines, found = chunks[-1]
        lines.append(text)
        found.extend(codes)
    when = format_datetime(compilation.computed_at, zone)
    pages = []
    for n, (shown, named) in enumerate(chunks, start=1):
        header = texts.HEADER.format(year=compilation.year, page=n, pages=len(chunks), when=when)
        pages.append(Page("\n\n".join([header, *shown]), tuple(named)))
    return pages


def trend_caption(indicator: IndicatorResult) -> str:
    """The trend chart's caption: the indicator and its value per period, as text too."""
    lines = [
        texts.TREND_CAPTION.format(
            code=app_texts.esc(indicator.code), name=app_texts.esc(indicator.name)
        )
    ]
    for period in indicator.periods:
        value = texts.TREND_NOT_STARTED if period.reason == REASON_NOT_STARTED else texts.TREND_NONE
        if period.realisation is not None:
            value = amount(period.realisation, indicator.unit)
            if period.achievement is not None:
                value += f" ({percent(period.achievement)})"
        line = texts.TREND_LINE.format(period=app_texts.esc(period.period_label), value=value)
        if sum(len(x) + 1 for x in lines) + len(line) > CAPTION_ROOM:
            break
        lines.append(line)
    return "\n".join(lines)

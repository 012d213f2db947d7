"""Reporting's messages built from what the use cases return: a period with its year, stored
values as people read them, a report's summary and a verification card. Plain text
(Telegram HTML) from the catalogue; keyboards stay with the handlers."""

from __future__ import annotations

from datetime import date, tzinfo

from bot import texts as app_texts
from bot.core.dates import format_datetime
from bot.planning.rules.model import FormulaInput, InputKind
from bot.planning.rules.values import format_number
from bot.reporting import texts
from bot.reporting.flow import ReportDraft
from bot.reporting.rules import ReportingPeriod, format_input_value, indicator_value
from bot.reporting.usecases.common import ActionReport
from bot.reporting.usecases.reports import ReportTarget
from bot.reporting.usecases.verification import Card


def period_label(year: int, period: ReportingPeriod | None) -> str:
    """``Triwulan IV 2026``: a period is always named with its year."""
    if period is None:
        return texts.PERIOD_UNKNOWN
    return texts.PERIOD_WITH_YEAR.format(label=period.label, year=year)


def typed_value(kind: InputKind, stored: object) -> float | bool | date:
    """A value as a draft or submission stores it (dates as ISO text), typed again."""
    if kind is InputKind.TANGGAL:
        return date.fromisoformat(str(stored))
    if isinstance(stored, bool | int | float):
        return stored
    raise TypeError(stored)


def value_text(kind: InputKind, stored: object) -> str:
    """A stored value as people read it: ``Rp 1.250.000``, ``75,5%``, ``ya``."""
    return format_input_value(kind, typed_value(kind, stored))


def shown_value(item: FormulaInput | None, value: object) -> str:
    """A stored value as people read it; as stored when its input is unknown or the value
    does not fit the input's kind (the plan changed since)."""
    if item is not None:
        try:
            return value_text(item.kind, value)
        except (TypeError, ValueError):
            pass
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(float(value))
    return str(value)


def action_lines(actions: list[ActionReport]) -> str:
    """One line per action plan: code, number, status and note."""
    return "\n".join(
        texts.REPORT_SUMMARY_ACTION.format(
            code=app_texts.esc(a.indicator_code),
            number=a.number,
            status=a.status,
            note=f" — {app_texts.esc(a.note)}" if a.note else "",
        )
        for a in actions
    )


def _indicator_lines(target: ReportTarget, draft: ReportDraft) -> list[str]:
    numbers = {
        k: float(v)
        for k, v in draft.values.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
    lines = []
    for code in draft.indicators:
        indicator = target.plan.indicator(code)
        value = None if indicator is None else indicator_value(indicator, numbers)
        if indicator is not None and value is not None:
            lines.append(
                texts.REPORT_SUMMARY_INDICATOR.format(
                    code=app_texts.esc(code),
                    value=format_number(round(value, 2)),
                    unit=app_texts.esc(indicator.unit),
                    target=format_number(indicator.annual_target),
                )
            )
    return lines


def summary_text(target: ReportTarget, draft: ReportDraft) -> str:
    """The report as it will be sent: values, the indicators they give, actions, the rest."""
    lines = [
        texts.REPORT_SUMMARY_VALUE.format(
            label=app_texts.esc(item.label),
            value=app_texts.esc(value_text(InputKind(item.kind), draft.values[item.name])),
        )
        for item in draft.inputs
        if item.name in draft.values
    ]
    lines += _indicator_lines(target, draft)
    actions = []
    for action in draft.actions:
        note = draft.note_of(action)
        status = "-" if note is None else note.status
        actions.append(
            ActionReport(action.indicator_code, action.number, status, note.note if note else "")
        )
    return texts.REPORT_SUMMARY.format(
        package=app_texts.esc(target.package_name),
        period=period_label(target.year, target.period),
        values="\n".join(lines) or "-",
        actions=action_lines(actions) or "-",
        constraints=app_texts.esc(draft.constraints or "-"),
        evidence=len(draft.evidence),
        late=texts.REPORT_LATE_NOTE if target.late else "",
    )


def card_text(card: Card, zone: tzinfo) -> str:
    """A waiting report as the team verifies it."""
    values = "\n".join(
        texts.REPORT_SUMMARY_VALUE.format(
            label=app_texts.esc(v.item.label if v.item else v.name.replace("_", " ")),
            value=app_texts.esc(shown_value(v.item, v.value)),
        )
        for v in card.values
    )
    return texts.VERIFY_CARD.format(
        position=card.position,
        count=card.count,
        package=app_texts.esc(card.package_name),
        unit=app_texts.esc(card.unit_name),
        period=period_label(card.year, card.period),
        revision=card.revision,
        late=texts.VERIFY_LATE if card.late else "",
        owner=app_texts.esc(card.owner_name),
        when=format_datetime(card.submitted_at, zone),
        values=values or "-",
        actions=action_lines(list(card.actions)) or "-",
        constraints=app_texts.esc(card.constraints or "-"),
        evidence=card.evidence_count,
    )

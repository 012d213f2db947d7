"""The meeting's messages: the head's request about one item, the team's view of a meeting's
progress, and the minutes sent when it closes."""

from __future__ import annotations

from bot import texts as app_texts
from bot.approvals.rules import Option
from bot.core.dates import format_date
from bot.core.roles import Role
from bot.meeting import texts
from bot.meeting.rules import Decision
from bot.meeting.usecases.deciding import Minutes
from bot.meeting.usecases.views import Figures, ItemAsk, ItemView, MeetingView
from bot.results.render import amount, percent

esc = app_texts.esc


def option(decision: Decision) -> Option:
    """The decision as a button of the approval mechanism."""
    return Option(
        decision.value, texts.DECISION_LABELS[decision], done_label=texts.DECISION_DONE[decision]
    )


UNITS_SHOWN = 5


def _units(names: tuple[str, ...]) -> str:
    shown = ", ".join(esc(n) for n in names[:UNITS_SHOWN])
    if len(names) <= UNITS_SHOWN:
        return shown
    return texts.REQUEST_MORE_UNITS.format(names=shown, count=len(names) - UNITS_SHOWN)


def figures_text(found: Figures | None) -> str:
    """The indicator's realisation, target, achievement and band in the period (step 13),
    or why they are missing and which units have not reported."""
    if found is None:
        return texts.REQUEST_FIGURES_NONE
    units = (
        texts.REQUEST_FIGURES_MISSING_UNITS.format(units=_units(found.missing_units))
        if found.missing_units
        else ""
    )
    reason = f" {esc(found.reason)}" if found.reason else ""
    if found.realisation is None and found.missing_units:
        return texts.REQUEST_FIGURES_MISSING_FROM.format(units=_units(found.missing_units))
    if found.realisation is None:
        return texts.REQUEST_FIGURES_MISSING.format(reason=reason)
    realisation = amount(found.realisation, found.unit)
    target = texts.REQUEST_NO_TARGET if found.target is None else amount(found.target, found.unit)
    if found.achievement is None:
        line = texts.REQUEST_FIGURES_NO_PERCENT.format(
            realisation=esc(realisation), target=esc(target), reason=reason
        )
        return line + units
    line = texts.REQUEST_FIGURES.format(
        realisation=esc(realisation),
        target=esc(target),
        achievement=percent(found.achievement),
        band=esc(found.band or texts.REQUEST_UNKNOWN),
    )
    return line + units


def request_title(ask: ItemAsk) -> str:
    """The request's title (in /persetujuan)."""
    return texts.REQUEST_TITLE.format(
        label=ask.period_label, code=ask.indicator_code, position=ask.position, count=ask.count
    )


def request_summary(ask: ItemAsk) -> str:
    """What the head reads before deciding the item."""
    found = ask.recommendation
    if found is None:
        recommendation = texts.REQUEST_NO_RECOMMENDATION
    else:
        due = (
            texts.REQUEST_DUE.format(due=format_date(found.due, with_weekday=False))
            if found.due
            else texts.REQUEST_NO_DUE
        )
        who = found.who or texts.REQUEST_NO_DUE
        recommendation = texts.REQUEST_RECOMMENDATION.format(
            what=esc(found.what), who=esc(who), due=due
        )
    return texts.REQUEST_SUMMARY.format(
        label=esc(ask.period_label),
        position=ask.position,
        count=ask.count,
        code=esc(ask.indicator_code),
        name=esc(ask.indicator_name),
        figures=figures_text(ask.figures),
        recommendation=recommendation,
    )


def _decision(item: ItemView) -> str:
    if item.decision is None:
        return texts.MEETING_ITEM_WAITING
    label = texts.DECISION_DONE[item.decision]
    if item.action_number is not None:
        label += texts.MEETING_ITEM_ACTION.format(number=item.action_number)
    return label


def _lines(meeting: MeetingView, template: str) -> str:
    return "\n".join(
        template.format(
            position=item.position,
            code=esc(item.indicator_code),
            name=esc(item.indicator_name),
            recommendation=""
            if item.recommendation is None
            else texts.MEETING_ITEM_RECOMMENDATION.format(what=esc(item.recommendation.what)),
            decision=_decision(item),
        )
        for item in meeting.items
    )


def _notes(meeting: MeetingView) -> str:
    return texts.MEETING_PROGRESS_NOTES.format(notes=esc(meeting.notes)) if meeting.notes else ""


def progress(meeting: MeetingView) -> str:
    """/rapat: the meeting, n of m decided, each item and its decision."""
    return texts.MEETING_PROGRESS.format(
        label=esc(meeting.period_label),
        held_on=format_date(meeting.held_on, with_weekday=False),
        notes=_notes(meeting),
        state=texts.MEETING_STATE_OPEN if meeting.is_open else texts.MEETING_STATE_CLOSED,
        decided=meeting.decided,
        count=len(meeting.items),
        lines=_lines(meeting, texts.MEETING_ITEM_LINE),
    )


def minutes(found: Minutes, role: Role) -> str:
    """The minutes: every item and its decision; the team's copy names the next step."""
    meeting = found.meeting
    text = texts.MINUTES.format(
        label=esc(meeting.period_label),
        held_on=format_date(meeting.held_on, with_weekday=False),
        notes=_notes(meeting),
        by=esc(found.decided_by),
        lines=_lines(meeting, texts.MINUTES_LINE),
    )
    if role is Role.TIM:
        if any(item.action_number is not None for item in meeting.items):
            text += texts.MINUTES_ACTIONS_TEAM
        text += texts.MINUTES_NEXT_TEAM
    return text

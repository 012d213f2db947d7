"""The planning feature's messages, composed from its text catalogue (no Telegram here):
the plan menu's lines, an indicator card, action plans, changes and problems, and what the
head reads in an approval request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from bot import texts as app_texts
from bot.core.dates import format_date, format_datetime
from bot.core.roles import Role
from bot.planning import texts
from bot.planning.rules.changes import Change, ChangeKind, counts
from bot.planning.rules.editing import Attribute
from bot.planning.rules.model import ActionPlan, Indicator, Plan, PlanStatus
from bot.planning.rules.periods import period_label
from bot.planning.rules.validation import Problem, missing_attributes
from bot.planning.rules.values import format_number
from bot.planning.usecases.views import (
    Decision,
    PlanOverview,
    Revision,
    Saved,
    StepLine,
)

MAX_PROBLEMS_SHOWN = 20
MAX_CHANGES_SHOWN = 10


def revision_label(revision: Revision | None) -> str:
    return texts.PLAN_REVISION_NONE if revision is None else revision.label


def step_lines(steps: tuple[StepLine, ...]) -> str:
    return "\n".join(
        texts.PLAN_STEP_LINE.format(
            mark=app_texts.STATE_MARKS[line.state],
            number=line.number,
            note=f": {app_texts.esc(line.note)}" if line.note else "",
        )
        for line in steps
    )


def menu_text(overview: PlanOverview) -> str:
    plan = overview.plan
    return texts.PLAN_MENU.format(
        year=plan.year,
        revision=revision_label(overview.revision),
        objectives=len(plan.objectives),
        areas=len(plan.areas),
        indicators=len(plan.indicators),
        actions=len(plan.actions),
        steps=step_lines(overview.steps),
    )


def decision_note(revision: Revision, decision: Decision | None, zone: tzinfo) -> str:
    """What the head decided on ``revision`` (by whom, when, the note) and the way forward."""
    if revision.status is PlanStatus.SUBMITTED or decision is None:
        return texts.PLAN_SUBMITTED_NOTE
    by = app_texts.esc(decision.by) if decision.by else texts.PLAN_BY_UNKNOWN
    when = (
        texts.PLAN_DECIDED_WHEN.format(when=format_datetime(decision.at, zone))
        if decision.at
        else ""
    )
    if revision.status is PlanStatus.CHANGES_REQUESTED:
        comment = app_texts.esc(decision.comment) if decision.comment else "-"
        return texts.PLAN_CHANGES_NOTE.format(
            by=by, when=when, comment=comment, next=revision.number + 1
        )
    return texts.PLAN_APPROVED_NOTE.format(by=by, when=when)


def still_asked(previous: Revision, comment: str) -> str:
    """Under a draft that answers a request for changes: the head's note, kept in view."""
    if previous.status is not PlanStatus.CHANGES_REQUESTED or not comment:
        return ""
    return texts.PLAN_CHANGES_STILL.format(number=previous.number, comment=app_texts.esc(comment))


def problem_lines(found: list[Problem]) -> tuple[str, str]:
    """The first problems as chat lines, and a "… dan N lain" line when there are more."""
    lines = []
    for problem in found[:MAX_PROBLEMS_SHOWN]:
        lines.append(
            texts.PLAN_PROBLEM_LINE.format(
                sheet=app_texts.esc(problem.sheet),
                row=texts.PLAN_PROBLEM_ROW.format(row=problem.row) if problem.row else "",
                column=texts.PLAN_PROBLEM_COLUMN.format(column=app_texts.esc(problem.column))
                if problem.column
                else "",
                message=app_texts.esc_rule(problem.message),
                hint=texts.PLAN_PROBLEM_HINT.format(hint=app_texts.esc_rule(problem.hint))
                if problem.hint
                else "",
            )
        )
    more = len(found) - MAX_PROBLEMS_SHOWN
    return "\n".join(lines), texts.PLAN_PROBLEMS_MORE.format(count=more) if more > 0 else ""


def change_lines(changes: Sequence[Change]) -> str:
    """Counts per kind of change, then the changed items with their fields."""
    lines = []
    for kind, per_what in counts(changes).items():
        if per_what:
            items = ", ".join(f"{n} {what}" for what, n in per_what.items())
            lines.append(texts.PLAN_CHANGE_COUNTS.format(kind=kind.value.capitalize(), items=items))
    detailed = [c for c in changes if c.kind is ChangeKind.CHANGED]
    for change in detailed[:MAX_CHANGES_SHOWN]:
        lines.append(
            texts.PLAN_CHANGE_DETAIL.format(
                what=change.what, key=app_texts.esc(change.key), fields=", ".join(change.fields)
            )
        )
    if len(detailed) > MAX_CHANGES_SHOWN:
        lines.append(texts.PLAN_CHANGE_MORE.format(count=len(detailed) - MAX_CHANGES_SHOWN))
    return "\n".join(lines)


def saved_text(saved: Saved) -> str:
    """``Rencana disimpan (n perubahan)``, or that the changes started a new revision."""
    if saved.replaced is not None and saved.revision is not None:
        return texts.PLAN_SAVED_NEW_REVISION.format(
            number=saved.revision.number,
            previous=saved.replaced.number,
            status=texts.PLAN_STATUS[saved.replaced.status],
        )
    return texts.PLAN_SAVED.format(count=len(saved.changes))


def visible_actions(
    plan: Plan, indicator: Indicator, role: Role, unit_name: str | None
) -> tuple[ActionPlan, ...]:
    """An indicator's action plans; an owner (PJ) sees those of their own unit."""
    actions = plan.actions_of(indicator.code)
    if role is Role.PJ:
        return tuple(a for a in actions if unit_name and a.pic_unit == unit_name)
    return actions


def value_text(value: object) -> str:
    if value is None or value == "" or value == ():
        return texts.PLAN_EMPTY_VALUE
    if isinstance(value, float | int):
        return format_number(float(value))
    return app_texts.esc(getattr(value, "value", value))


def current_value(indicator: Indicator, attr: Attribute) -> str:
    """An attribute's current value as the edit prompt shows it."""
    value = getattr(indicator, attr.field)
    if attr.field == "inputs":
        return (
            app_texts.code("; ".join(f"{i.name} | {i.label} | {i.kind.value}" for i in value))
            if value
            else "-"
        )
    if attr.field == "formula" and value:
        return app_texts.code(value)
    if attr.field == "period_targets":
        return "; ".join(format_number(v) for v in value) or "-"
    return value_text(value)


def _period_targets(indicator: Indicator) -> str:
    reporting = indicator.reporting_frequency
    if not indicator.period_targets or reporting is None:
        return texts.PLAN_EMPTY_VALUE
    return "; ".join(
        f"{period_label(reporting, n)} {format_number(t)}"
        for n, t in enumerate(indicator.period_targets, start=1)
    )


def indicator_card(plan: Plan, indicator: Indicator, actions: int) -> str:
    """Every attribute of an indicator, and what is still missing."""
    area = plan.area(indicator.area_code)
    lacking = missing_attributes(indicator)
    return texts.PLAN_INDICATOR_CARD.format(
        code=app_texts.esc(indicator.code),
        name=app_texts.esc(indicator.name),
        area=app_texts.esc(f"{area.code} {area.name}" if area else indicator.area_code),
        definition=value_text(indicator.definition),
        formula=value_text(indicator.formula),
        inputs=", ".join(
            f"{app_texts.code(i.name)} ({app_texts.esc(i.kind.value)})" for i in indicator.inputs
        )
        or texts.PLAN_EMPTY_VALUE,
        unit=value_text(indicator.unit),
        polarity=value_text(indicator.polarity),
        monitoring=value_text(indicator.monitoring_frequency),
        reporting=value_text(indicator.reporting_frequency),
        source=value_text(indicator.data_source),
        pic=value_text(indicator.pic_unit),
        evidence=value_text(indicator.evidence),
        baseline=value_text(indicator.baseline_value),
        baseline_year=indicator.baseline_year or texts.PLAN_EMPTY_VALUE,
        target=value_text(indicator.annual_target),
        period_targets=_period_targets(indicator),
        actions=actions,
        missing=texts.PLAN_INDICATOR_MISSING.format(items=", ".join(lacking)) if lacking else "",
    )


def actions_text(indicator: Indicator, actions: tuple[ActionPlan, ...]) -> str:
    lines = [
        texts.PLAN_ACTION_LINE.format(
            number=a.number,
            activity=app_texts.esc(a.activity),
            output=app_texts.esc(a.output or "-"),
            start=format_date(a.start, with_weekday=False) if a.start else "-",
            end=format_date(a.end, with_weekday=False) if a.end else "-",
            pic=app_texts.esc(a.pic_unit or "-"),
            status=a.status.value,
        )
        for a in actions
    ]
    return texts.PLAN_ACTIONS.format(
        code=app_texts.esc(indicator.code), lines="\n".join(lines) or texts.PLAN_ACTIONS_EMPTY
    )


def approval_summary(
    plan: Plan,
    revision: Revision,
    *,
    by: str,
    when: datetime,
    zone: tzinfo,
    previous: Revision | None,
    changes: list[Change] | None,
) -> str:
    """The request the head reads: objectives, indicators per area, the main targets and
    what changed since the previous submission."""
    objectives = "\n".join(
        f"{n}. {app_texts.esc(o.text)}" for n, o in enumerate(plan.objectives, 1)
    )
    areas = "\n".join(
        texts.PLAN_APPROVAL_AREA_LINE.format(
            code=app_texts.esc(a.code),
            name=app_texts.esc(a.name),
            count=len(plan.indicators_of(a.code)),
        )
        for a in plan.areas
    )
    targets = "\n".join(
        texts.PLAN_APPROVAL_TARGET_LINE.format(
            code=app_texts.esc(i.code),
            name=app_texts.esc(i.name[:60]),
            baseline=format_number(i.baseline_value),
            target=format_number(i.annual_target),
            unit=app_texts.esc(i.unit),
        )
        for i in plan.indicators
    )
    changed = ""
    if previous is not None and changes is not None:
        changed = (
            texts.PLAN_APPROVAL_CHANGES.format(number=previous.number, lines=change_lines(changes))
            if changes
            else texts.PLAN_APPROVAL_NO_CHANGES.format(number=previous.number)
        )
    return texts.PLAN_APPROVAL_SUMMARY.format(
        year=plan.year,
        number=revision.number,
        by=app_texts.esc(by),
        when=format_datetime(when, zone),
        objectives=objectives,
        areas=areas,
        targets=targets,
        changes=changed,
    )


def detail_text(plan: Plan, revision: Revision) -> str:
    """ "Lihat detail": every indicator with formula, baseline, target and action count."""
    lines = [texts.PLAN_DETAIL_HEADER.format(year=plan.year, number=revision.number)]
    for i in plan.indicators:
        lines.append(
            texts.PLAN_DETAIL_LINE.format(
                code=app_texts.esc(i.code),
                name=app_texts.esc(i.name),
                formula=app_texts.esc(i.formula),
                polarity=app_texts.esc(i.polarity.value if i.polarity else "-"),
                reporting=app_texts.esc(
                    i.reporting_frequency.value if i.reporting_frequency else "-"
                ),
                baseline=format_number(i.baseline_value),
                baseline_year=i.baseline_year or "-",
                target=format_number(i.annual_target),
                unit=app_texts.esc(i.unit),
                actions=len(plan.actions_of(i.code)),
            )
        )
    return "\n\n".join(lines)

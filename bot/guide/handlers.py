"""The SOP guide: /tugas (my pending steps), /status (the whole cycle), a card per step.

Both show every open cycle, one message per year, never mixed: in January the cycle of last
year is still finishing (its last reports are due then) while this year's runs, and from
October next year's is being planned (see ``bot.sop.cycle_rules``).
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_date, format_datetime
from bot.core.labels import fit
from bot.feature import wiring
from bot.guide import texts, usecases
from bot.guide.callbacks import OpenStep
from bot.guide.usecases import CycleSteps, StepCard, StepLookup
from bot.people.callbacks import InviteTeam
from bot.services import Services
from bot.sop.cycle_rules import phase
from bot.sop.cycles import CycleView
from bot.sop.steps import StepStatus, pending_for_role
from bot.ui.buttons import on_press, press_handler
from bot.ui.chat import answer, button, show


def phase_line(svc: Services, view: CycleView) -> str:
    """One line on where the cycle stands (planning, reporting, late reports only)."""
    zone = svc.profile.timezone
    deadline = view.facts.last_deadline
    start = view.facts.first_start
    return texts.CYCLE_PHASES[phase(view.facts, svc.now())].format(
        year=view.year,
        start=format_date(start) if start else "-",
        deadline=format_datetime(deadline, zone) if deadline else "-",
    )


def _step_label(status: StepStatus, year: int, several: bool) -> str:
    template = texts.TASK_BUTTON_YEAR if several else texts.TASK_BUTTON
    return fit(template.format(year=year, number=status.step.number, name=status.step.name))


@members_only()
async def tasks(update: Update, context: Context, member: Member) -> None:
    """/tugas: per open cycle, the steps that wait for the user's role, with buttons."""
    svc = services(context)
    found = usecases.tasks_of(svc, role=member.role)
    if found.invite_team_first:
        invite = InlineKeyboardMarkup([[button(texts.TASKS_BUTTON_INVITE_TEAM, InviteTeam())]])
        await show(update, texts.TASKS_FIRST_TEAM, invite)
    for cycle in found.cycles:
        text, markup = _tasks_text(
            svc,
            member,
            cycle,
            several=len(found.cycles) > 1,
            waiting_hint=not found.invite_team_first,
        )
        await show(update, text, markup)


def _tasks_text(
    svc: Services, member: Member, cycle: CycleSteps, *, several: bool, waiting_hint: bool
) -> tuple[str, InlineKeyboardMarkup | None]:
    pending = pending_for_role(cycle.statuses, member.role)
    if not pending:
        return texts.TASKS_NONE.format(year=cycle.year), None
    lines = [texts.TASKS_HEADER.format(year=cycle.year, phase=phase_line(svc, cycle.view))]
    current = cycle.current
    if current is not None:
        lines.append(
            texts.TASKS_CURRENT.format(
                number=current.step.number,
                name=app_texts.esc(current.step.name),
                actor=app_texts.ROLE_NAMES[current.step.actor],
            )
        )
    rows: list[list[InlineKeyboardButton]] = []
    for status in pending:
        lines.append(
            texts.TASK_LINE.format(
                mark=app_texts.STATE_MARKS[status.state],
                number=status.step.number,
                name=app_texts.esc(status.step.name),
                state=texts.STATE_LABELS[status.state],
            )
        )
        note = cycle.notes.get(status.step.number)
        if note:
            lines.append(texts.TASK_NOTE.format(note=app_texts.esc(note)))
        if status.ready:
            step = OpenStep(year=cycle.year, number=status.step.number)
            rows.append([button(_step_label(status, cycle.year, several), step)])
        else:
            lines.append(texts.TASK_WAITING.format(steps=_steps_list(status.waiting_for)))
    if not rows and waiting_hint:
        lines.append(texts.TASKS_NOTHING_READY)
    return "\n".join(lines), InlineKeyboardMarkup(rows) if rows else None


def _steps_list(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in numbers)


@members_only()
async def cycle_overview(update: Update, context: Context, member: Member) -> None:
    """/status: per open cycle, all 17 steps with a mark each; the current one highlighted."""
    svc = services(context)
    for cycle in usecases.cycle_status(svc):
        current = cycle.current
        lines = [texts.STATUS_HEADER.format(year=cycle.year, phase=phase_line(svc, cycle.view))]
        for status in cycle.statuses:
            values = {
                "mark": app_texts.STATE_MARKS[status.state],
                "number": status.step.number,
                "name": app_texts.esc(status.step.name),
                "state": texts.STATE_LABELS[status.state],
            }
            template = texts.STATUS_CURRENT if status is current else texts.STATUS_LINE
            lines.append(template.format(**values))
        lines.append(texts.STATUS_FOOTER if current is not None else texts.STATUS_ALL_DONE)
        await show(update, "\n".join(lines))


def _card_text(svc: Services, card: StepCard) -> str:
    step, status = card.status.step, card.status
    by = ""
    if card.changed_at is not None:
        by = texts.STEP_BY.format(
            name=app_texts.esc(card.changed_by or texts.STEP_BY_SYSTEM),
            when=format_datetime(card.changed_at, svc.profile.timezone),
        )
    involved = ""
    if step.involved:
        involved = texts.STEP_INVOLVED.format(
            roles=", ".join(app_texts.ROLE_NAMES[r] for r in step.involved)
        )
    text = texts.STEP_CARD.format(
        number=step.number,
        year=card.year,
        name=app_texts.esc(step.name),
        actor=app_texts.ROLE_NAMES[step.actor],
        involved=involved,
        mark=app_texts.STATE_MARKS[status.state],
        state=texts.STATE_LABELS[status.state],
        by=by,
        inputs="\n".join(f"• {app_texts.esc(x)}" for x in step.inputs) or "-",
        outputs="\n".join(f"• {app_texts.esc(x)}" for x in step.outputs) or "-",
        done_when=app_texts.esc(step.done_when or "-"),
    )
    if not status.ready:
        text += texts.STEP_WAITING.format(steps=_steps_list(status.waiting_for))
    return text


@on_press(OpenStep)
async def open_step(update: Update, context: Context, member: Member, data: OpenStep) -> None:
    """A step button: open that step of that cycle's feature, or show the step's card."""
    await answer(update)
    svc = services(context)
    card = usecases.step_card(svc, year=data.year, number=data.number)
    if card is StepLookup.STALE:
        await show(update, app_texts.STALE_BUTTON)
        return
    if card is StepLookup.UNKNOWN:
        await show(update, texts.STEP_UNKNOWN)
        return
    assert isinstance(card, StepCard)
    step = card.status.step
    # A step whose feature declares no opener says plainly that it is not built yet.
    opener = wiring(context).step_openers.get(step.feature)
    if (
        opener is not None
        and step.concerns(member.role)
        and await opener(update, context, member, data.number, data.year)
    ):
        return
    text = _card_text(svc, card)
    if opener is None:
        text += texts.STEP_FEATURE_MISSING
    elif not step.concerns(member.role):
        text += texts.STEP_OTHER_ROLE.format(actor=app_texts.ROLE_NAMES[step.actor])
    await show(update, text)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("tugas", tasks),
        CommandHandler("status", cycle_overview),
        press_handler(OpenStep, open_step),
    ]

"""The SOP guide: /tugas (my pending steps), /status (the whole cycle), a card per step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import texts
from bot.access import Context, Member, callback_parts, int_or_none, members_only, services
from bot.core.dates import format_datetime
from bot.core.sop import (
    StepState,
    StepStatus,
    current_step,
    cycle_status,
    pending_for_role,
)
from bot.handlers.common import answer, button, show
from bot.services import Services
from storage import cycles, users

# Feature modules register here how a step opens (key: the step's `fitur` in the data
# file). A step whose feature is not registered says plainly that it is not built yet.
StepOpener = Callable[[Update, Context, Member, int], Awaitable[None]]
STEP_OPENERS: dict[str, StepOpener] = {}


def _statuses(svc: Services) -> tuple[int, tuple[StepStatus, ...]]:
    year, statuses, _ = _statuses_and_notes(svc)
    return year, statuses


def _statuses_and_notes(svc: Services) -> tuple[int, tuple[StepStatus, ...], dict[int, str]]:
    """The cycle's steps with their states, and each step's note (what is still missing)."""
    year = svc.cycle_year()
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=year)
        rows = (
            {}
            if cycle is None or cycle.id is None
            else cycles.step_rows(session, cycle_id=cycle.id)
        )
    states = {number: StepState(row.state) for number, row in rows.items()}
    notes = {number: row.note for number, row in rows.items() if row.note}
    return year, cycle_status(svc.steps, states), notes


def _steps_list(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in numbers)


@members_only()
async def tasks(update: Update, context: Context, member: Member) -> None:
    """/tugas: the steps that wait for the user's role, each with a button to open it."""
    year, statuses, notes = _statuses_and_notes(services(context))
    pending = pending_for_role(statuses, member.role)
    if not pending:
        await show(update, texts.TASKS_NONE.format(year=year))
        return
    lines = [texts.TASKS_HEADER.format(year=year)]
    current = current_step(statuses)
    if current is not None:
        lines.append(
            texts.TASKS_CURRENT.format(
                number=current.step.number,
                name=texts.esc(current.step.name),
                actor=texts.ROLE_NAMES[current.step.actor],
            )
        )
    rows = []
    for status in pending:
        lines.append(
            texts.TASK_LINE.format(
                mark=texts.STATE_MARKS[status.state],
                number=status.step.number,
                name=texts.esc(status.step.name),
                state=texts.STATE_LABELS[status.state],
            )
        )
        if status.step.number in notes:
            lines.append(texts.TASK_NOTE.format(note=texts.esc(notes[status.step.number])))
        if status.ready:
            label = texts.TASK_BUTTON.format(number=status.step.number, name=status.step.name)
            rows.append([button(label[:60], f"step:{status.step.number}")])
        else:
            lines.append(texts.TASK_WAITING.format(steps=_steps_list(status.waiting_for)))
    await show(update, "\n".join(lines), InlineKeyboardMarkup(rows) if rows else None)


@members_only()
async def cycle_overview(update: Update, context: Context, member: Member) -> None:
    """/status: all 17 steps with a mark each; the current one highlighted."""
    year, statuses = _statuses(services(context))
    current = current_step(statuses)
    lines = [texts.STATUS_HEADER.format(year=year)]
    for status in statuses:
        values = {
            "mark": texts.STATE_MARKS[status.state],
            "number": status.step.number,
            "name": texts.esc(status.step.name),
            "state": texts.STATE_LABELS[status.state],
        }
        template = texts.STATUS_CURRENT if status is current else texts.STATUS_LINE
        lines.append(template.format(**values))
    lines.append(texts.STATUS_FOOTER if current is not None else texts.STATUS_ALL_DONE)
    await show(update, "\n".join(lines))


def _step_card(svc: Services, status: StepStatus) -> str:
    step = status.step
    by = ""
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=svc.cycle_year())
        row = None
        if cycle is not None and cycle.id is not None:
            row = cycles.step_rows(session, cycle_id=cycle.id).get(step.number)
        if row is not None and status.state is not StepState.BELUM_MULAI:
            who = (
                None
                if row.updated_by_user_id is None
                else users.get_user(session, row.updated_by_user_id)
            )
            by = texts.STEP_BY.format(
                name=texts.esc(who.full_name if who else "sistem"),
                when=format_datetime(row.updated_at, svc.profile.timezone),
            )
    involved = ""
    if step.involved:
        involved = texts.STEP_INVOLVED.format(
            roles=", ".join(texts.ROLE_NAMES[r] for r in step.involved)
        )
    card = texts.STEP_CARD.format(
        number=step.number,
        name=texts.esc(step.name),
        actor=texts.ROLE_NAMES[step.actor],
        involved=involved,
        mark=texts.STATE_MARKS[status.state],
        state=texts.STATE_LABELS[status.state],
        by=by,
        inputs="\n".join(f"• {texts.esc(x)}" for x in step.inputs) or "-",
        outputs="\n".join(f"• {texts.esc(x)}" for x in step.outputs) or "-",
        done_when=texts.esc(step.done_when or "-"),
    )
    if not status.ready:
        card += texts.STEP_WAITING.format(steps=_steps_list(status.waiting_for))
    return card


@members_only()
async def open_step(update: Update, context: Context, member: Member) -> None:
    """A step button: open the step's feature, or show its card and say it is not built yet."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "step")
    number = int_or_none(parts[0]) if parts else None
    svc = services(context)
    _, statuses = _statuses(svc)
    status = next((s for s in statuses if s.step.number == number), None)
    if status is None or number is None:
        await show(update, texts.STEP_UNKNOWN)
        return
    opener = STEP_OPENERS.get(status.step.feature)
    if opener is not None and status.step.concerns(member.role):
        await opener(update, context, member, number)
        return
    card = _step_card(svc, status)
    if opener is None:
        card += texts.STEP_FEATURE_MISSING
    await show(update, card)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("tugas", tasks),
        CommandHandler("status", cycle_overview),
        CallbackQueryHandler(open_step, pattern=r"^step:"),
    ]

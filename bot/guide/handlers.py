"""The SOP guide: /tugas (my pending steps), /status (the whole cycle), a card per step.

Both show every open cycle, one message per year, never mixed: in January the cycle of last
year is still finishing (its last reports are due then) while this year's runs, and from
October next year's is being planned (see ``bot.sop.cycle_rules``).
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import texts as app_texts
from bot.access import Member, callback_parts, int_or_none, members_only, services
from bot.context import Context
from bot.core.dates import format_date, format_datetime
from bot.core.labels import fit
from bot.core.roles import Role
from bot.feature import wiring
from bot.guide import texts
from bot.services import Services
from bot.sop.cycle_rules import phase
from bot.sop.cycles import CycleView, StepRecord, step_records, step_statuses, visible_cycles
from bot.sop.steps import (
    StepState,
    StepStatus,
    current_step,
    pending_for_role,
)
from bot.ui.chat import answer, button, show
from storage import users


def _rows(svc: Services, year: int) -> dict[int, StepRecord]:
    return step_records(svc, year)


def statuses_and_notes(svc: Services, year: int) -> tuple[tuple[StepStatus, ...], dict[int, str]]:
    """The year's steps with their states, and each step's note (what is still missing)."""
    return step_statuses(svc, year)


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


def _team_registered(svc: Services) -> bool:
    return svc.db.cached(("team_registered",), lambda: _read_team_registered(svc))


def _read_team_registered(svc: Services) -> bool:
    with svc.db.read() as session:
        return any(u.active for u in users.list_users(session, role=Role.TIM))


@members_only()
async def tasks(update: Update, context: Context, member: Member) -> None:
    """/tugas: per open cycle, the steps that wait for the user's role, with buttons."""
    svc = services(context)
    first_use = member.role is Role.KEPALA and not _team_registered(svc)
    if first_use:
        invite = InlineKeyboardMarkup([[button(texts.TASKS_BUTTON_INVITE_TEAM, "und:team")]])
        await show(update, texts.TASKS_FIRST_TEAM, invite)
    shown = visible_cycles(svc)
    for view in shown:
        text, markup = _tasks_of(
            svc, member, view, several=len(shown) > 1, waiting_hint=not first_use
        )
        await show(update, text, markup)


def _tasks_of(
    svc: Services, member: Member, view: CycleView, *, several: bool, waiting_hint: bool
) -> tuple[str, InlineKeyboardMarkup | None]:
    statuses, notes = statuses_and_notes(svc, view.year)
    pending = pending_for_role(statuses, member.role)
    if not pending:
        return texts.TASKS_NONE.format(year=view.year), None
    lines = [texts.TASKS_HEADER.format(year=view.year, phase=phase_line(svc, view))]
    current = current_step(statuses)
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
        if status.step.number in notes:
            lines.append(texts.TASK_NOTE.format(note=app_texts.esc(notes[status.step.number])))
        if status.ready:
            rows.append(
                [
                    button(
                        _step_label(status, view.year, several),
                        f"step:{view.year}:{status.step.number}",
                    )
                ]
            )
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
    for view in visible_cycles(svc):
        statuses, _ = statuses_and_notes(svc, view.year)
        current = current_step(statuses)
        lines = [texts.STATUS_HEADER.format(year=view.year, phase=phase_line(svc, view))]
        for status in statuses:
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


def _step_card(svc: Services, status: StepStatus, year: int) -> str:
    step = status.step
    by = ""
    row = _rows(svc, year).get(step.number)
    if row is not None and status.state is not StepState.BELUM_MULAI:
        with svc.db.read() as session:
            who = (
                None
                if row.updated_by_user_id is None
                else users.get_user(session, row.updated_by_user_id)
            )
            by = texts.STEP_BY.format(
                name=app_texts.esc(who.full_name if who else "sistem"),
                when=format_datetime(row.updated_at, svc.profile.timezone),
            )
    involved = ""
    if step.involved:
        involved = texts.STEP_INVOLVED.format(
            roles=", ".join(app_texts.ROLE_NAMES[r] for r in step.involved)
        )
    card = texts.STEP_CARD.format(
        number=step.number,
        year=year,
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
        card += texts.STEP_WAITING.format(steps=_steps_list(status.waiting_for))
    return card


@members_only()
async def open_step(update: Update, context: Context, member: Member) -> None:
    """A step button: open that step of that cycle's feature, or show the step's card."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "step")
    year = int_or_none(parts[0]) if len(parts) == 2 else None
    number = int_or_none(parts[1]) if len(parts) == 2 else None
    svc = services(context)
    if year is None or year not in {view.year for view in visible_cycles(svc)}:
        await show(update, app_texts.STALE_BUTTON)
        return
    statuses, _ = statuses_and_notes(svc, year)
    status = next((s for s in statuses if s.step.number == number), None)
    if status is None or number is None:
        await show(update, texts.STEP_UNKNOWN)
        return
    # A step whose feature declares no opener says plainly that it is not built yet.
    opener = wiring(context).step_openers.get(status.step.feature)
    if (
        opener is not None
        and status.step.concerns(member.role)
        and await opener(update, context, member, number, year)
    ):
        return
    card = _step_card(svc, status, year)
    if opener is None:
        card += texts.STEP_FEATURE_MISSING
    elif not status.step.concerns(member.role):
        card += texts.STEP_OTHER_ROLE.format(actor=app_texts.ROLE_NAMES[status.step.actor])
    await show(update, card)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("tugas", tasks),
        CommandHandler("status", cycle_overview),
        CallbackQueryHandler(open_step, pattern=r"^step:"),
    ]

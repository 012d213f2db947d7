"""/jadwal: per open cycle, the coming reporting deadlines in WIT; the team closes a cycle
whose deadlines have all passed (asked first: a closed cycle takes no reports)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_datetime
from bot.guide.handlers import phase_line
from bot.reminders import personal as reminders
from bot.reminders import texts as reminder_texts
from bot.reporting import render, texts
from bot.reporting.callbacks import AskCloseCycle, CloseCycle, KeepCycle
from bot.reporting.handlers import TEAM
from bot.reporting.usecases import schedule as usecases
from bot.services import Services
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show


def _schedule_text(svc: Services, found: usecases.CycleSchedule) -> str:
    year = found.view.year
    lines = [texts.SCHEDULE_HEADER.format(year=year, phase=phase_line(svc, found.view))]
    for deadline in found.deadlines:
        period = deadline.period
        lines.append(
            texts.SCHEDULE_LINE.format(
                label=render.period_label(year, period),
                frequency=period.frequency.value,
                span=period.span,
                deadline=format_datetime(period.deadline, svc.profile.timezone),
                state=texts.SCHEDULE_OPEN if deadline.running else "",
            )
        )
    if not found.view.periods:
        lines.append(texts.SCHEDULE_NO_PERIODS)
    return "\n".join(lines)


def _next_reminder_line(svc: Services, user_id: int) -> str:
    """The person's next reminder (``bot.reminders``), or "" when none is planned."""
    found = reminders.next_reminder(svc, user_id=user_id)
    if found is None:
        return ""
    what = reminder_texts.NEXT_KIND_NAMES[found.kind]
    return reminder_texts.NEXT_REMINDER.format(
        when=format_datetime(found.due_at, svc.profile.timezone),
        what=what.format(period=found.period_label),
    )


@members_only()
async def schedule(update: Update, context: Context, member: Member) -> None:
    """/jadwal: per open cycle, the coming reporting deadlines in WIT; closing a finished one."""
    await answer(update)
    svc = services(context)
    found = usecases.schedule(svc)
    if not found.cycles:
        await show(update, texts.SCHEDULE_NONE.format(year=found.planning_year))
        return
    upcoming = _next_reminder_line(svc, member.user_id)
    for index, item in enumerate(found.cycles):
        text = _schedule_text(svc, item)
        if upcoming and index == len(found.cycles) - 1:
            text += "\n\n" + upcoming
        markup = None
        if item.closable and member.role in TEAM:
            year = item.view.year
            text += "\n" + texts.SCHEDULE_CLOSE_HINT.format(year=year)
            close = button(texts.CYCLE_BUTTON_CLOSE.format(year=year), AskCloseCycle(year))
            markup = InlineKeyboardMarkup([[close]])
        await show(update, text, markup)


@on_press(AskCloseCycle, *TEAM)
async def ask_close(update: Update, context: Context, member: Member, data: AskCloseCycle) -> None:
    """Tutup siklus: ask first."""
    await answer(update)
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.CYCLE_BUTTON_CONFIRM.format(year=data.year), CloseCycle(data.year)),
                button(app_texts.BUTTON_CANCEL, KeepCycle(data.year)),
            ]
        ]
    )
    await show(update, texts.CYCLE_CLOSE_ASK.format(year=data.year), markup)


@on_press(KeepCycle, *TEAM)
async def keep(update: Update, context: Context, member: Member, data: KeepCycle) -> None:
    """Batal: the cycle stays open."""
    await answer(update)
    await show(update, texts.CYCLE_CLOSE_KEPT.format(year=data.year))


@on_press(CloseCycle, *TEAM)
async def close(update: Update, context: Context, member: Member, data: CloseCycle) -> None:
    """Close the cycle once its last deadline has passed and nothing waits."""
    await answer(update)
    refusal = usecases.close_cycle(services(context), year=data.year, actor_id=member.user_id)
    if refusal is None:
        await show(update, texts.CYCLE_CLOSED.format(year=data.year))
        return
    await show(update, texts.CYCLE_CLOSE_REFUSED[refusal].format(year=data.year))

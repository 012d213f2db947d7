"""/pengingat: the person's next reminders and the kinds for their role, with buttons to mute
or unmute the optional digests."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_datetime
from bot.reminders import personal, texts, usecases
from bot.reminders.callbacks import MuteKind, SnoozeReminder
from bot.reminders.usecases import Overview
from bot.services import Services
from bot.ui.buttons import on_press, press_handler, stale_presses
from bot.ui.chat import answer, button, show


def _render(svc: Services, found: Overview) -> tuple[str, InlineKeyboardMarkup | None]:
    zone = svc.profile.timezone
    lines = [texts.OVERVIEW_HEADER]
    if found.upcoming:
        lines.append(texts.OVERVIEW_UPCOMING)
        lines += [
            texts.OVERVIEW_UPCOMING_LINE.format(
                when=format_datetime(u.due_at, zone), kind=texts.KIND_SHORT[u.kind]
            )
            for u in found.upcoming
        ]
    else:
        lines.append(texts.OVERVIEW_NONE_UPCOMING)
    lines.append(texts.OVERVIEW_KINDS)
    rows = []
    for choice in found.kinds:
        if not choice.optional:
            state = texts.OVERVIEW_KIND_FIXED
        else:
            state = texts.OVERVIEW_KIND_MUTED if choice.muted else texts.OVERVIEW_KIND_ON
            label = texts.BUTTON_UNMUTE if choice.muted else texts.BUTTON_MUTE
            data = MuteKind(kind=choice.kind, muted=not choice.muted)
            rows.append([button(label.format(kind=texts.KIND_SHORT[choice.kind]), data)])
        lines.append(
            texts.OVERVIEW_KIND_LINE.format(name=texts.KIND_NAMES[choice.kind], state=state)
        )
    if rows:
        lines.append(texts.OVERVIEW_HINT)
    return "\n".join(lines), InlineKeyboardMarkup(rows) if rows else None


@members_only()
async def reminders_command(update: Update, context: Context, member: Member) -> None:
    """/pengingat: what this person will be reminded of."""
    svc = services(context)
    text, markup = _render(svc, usecases.overview(svc, user_id=member.user_id, role=member.role))
    await show(update, text, markup)


@on_press(MuteKind)
async def mute_kind(update: Update, context: Context, member: Member, data: MuteKind) -> None:
    """Mute or unmute one optional kind, then show the overview again."""
    svc = services(context)
    found = usecases.set_muted(
        svc, user_id=member.user_id, role=member.role, kind=data.kind, muted=data.muted
    )
    if found is None:
        await answer(update, texts.NOT_MUTABLE)
        return
    await answer(update, texts.MUTED if data.muted else texts.UNMUTED)
    text, markup = _render(svc, found)
    await show(update, text, markup)


@on_press(SnoozeReminder)
async def snooze_reminder(
    update: Update, context: Context, member: Member, data: SnoozeReminder
) -> None:
    """Ingatkan besok: the reminder once more the next working morning (once). The answer
    comes as a new message: the reminder keeps its text and its Lapor sekarang button."""
    await answer(update)
    svc = services(context)
    found = personal.snooze(svc, user_id=member.user_id, reminder_id=data.reminder_id)
    if found.outcome is personal.SnoozeOutcome.SNOOZED and found.due_at is not None:
        text = texts.SNOOZED.format(when=format_datetime(found.due_at, svc.profile.timezone))
    elif found.outcome is personal.SnoozeOutcome.ALREADY:
        text = texts.SNOOZE_ALREADY
    else:
        text = texts.SNOOZE_GONE
    await context.bot.send_message(chat_id=member.telegram_id, text=text)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("pengingat", reminders_command),
        press_handler(MuteKind, mute_kind),
        press_handler(SnoozeReminder, snooze_reminder),
        # Last: a reminders button no action took (stale or forged).
        stale_presses(r"^rem:"),
    ]

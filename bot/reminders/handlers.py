"""The reminders' buttons in chat: Ingatkan besok."""

from __future__ import annotations

from telegram import Update

from bot.access import Member, services
from bot.context import Context
from bot.core.dates import format_datetime
from bot.reminders import texts
from bot.reminders.callbacks import SnoozeReminder
from bot.reminders.usecases import SnoozeOutcome, snooze
from bot.ui.buttons import on_press
from bot.ui.chat import answer


@on_press(SnoozeReminder)
async def snooze_reminder(
    update: Update, context: Context, member: Member, data: SnoozeReminder
) -> None:
    """Ingatkan besok: the reminder once more the next working morning (once). The answer
    comes as a new message: the reminder keeps its text and its Lapor sekarang button."""
    await answer(update)
    svc = services(context)
    found = snooze(svc, user_id=member.user_id, reminder_id=data.reminder_id)
    if found.outcome is SnoozeOutcome.SNOOZED and found.due_at is not None:
        text = texts.SNOOZED.format(when=format_datetime(found.due_at, svc.profile.timezone))
    elif found.outcome is SnoozeOutcome.ALREADY:
        text = texts.SNOOZE_ALREADY
    else:
        text = texts.SNOOZE_GONE
    await context.bot.send_message(chat_id=member.telegram_id, text=text)

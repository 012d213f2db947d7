"""The one error handler: a short apology with an incident code for the user, the traceback
for the log, and a line for the operators.

Operator alerts are grouped: at most one per kind (what failed, and how) every
``ALERT_WINDOW``; the next one says how many were held back. Telegram's ``Conflict``
(another program polls with this token) is reported once and stops the bot.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.error import Conflict, NetworkError, TelegramError

from bot import texts
from bot.access import services
from bot.context import Context

logger = logging.getLogger(__name__)

ALERT_WINDOW = timedelta(minutes=10)

# What each scheduled job does, for people (job names: bot/app.py, bot/lease.py,
# bot/reminders/job.py).
_JOBS = {
    "outbox": "pengiriman pesan antrean (outbox)",
    "drain_outbox": "pengiriman pesan antrean (outbox)",
    "lease": "pembaruan lease instance",
    "pengingat": "pengingat terjadwal",
}


def incident_code() -> str:
    return secrets.token_hex(3).upper()


def _describe(update: object, context: Context | None = None) -> str:
    if isinstance(update, Update):
        if update.callback_query is not None:
            return f"tombol {update.callback_query.data!r}"
        if update.effective_message is not None and update.effective_message.text:
            first = update.effective_message.text.split(maxsplit=1)[0]
            return f"pesan {first!r}" if first.startswith("/") else "pesan teks"
        return "pembaruan"
    job = context.job if context is not None else None
    if job is not None:
        name = job.name or "tanpa nama"
        return f"tugas terjadwal {_JOBS.get(name, name)!s}"
    if context is not None and isinstance(context.error, TelegramError):
        # PTB's poller reports its getUpdates failures without an update or a job.
        return "pengambilan pembaruan dari Telegram (getUpdates)"
    return "tugas latar belakang"


@dataclass
class _Group:
    sent_at: datetime
    held_back: int = 0


@dataclass
class AlertThrottle:
    """Which kinds of alert were sent when, and how many of each were held back since."""

    window: timedelta = ALERT_WINDOW
    groups: dict[tuple[str, str], _Group] = field(default_factory=dict)

    def admit(self, kind: tuple[str, str], now: datetime) -> tuple[bool, int, datetime | None]:
        """Whether to send an alert of ``kind`` now; with the number held back since the
        last one (and when that was), to be told with it."""
        group = self.groups.get(kind)
        if group is not None and now - group.sent_at < self.window:
            group.held_back += 1
            return False, 0, None
        held, since = (group.held_back, group.sent_at) if group is not None else (0, None)
        self.groups[kind] = _Group(sent_at=now)
        return True, held, since


def _throttle(context: Context) -> AlertThrottle:
    throttle = context.application.bot_data.get("alerts")
    if not isinstance(throttle, AlertThrottle):
        throttle = AlertThrottle()
        context.application.bot_data["alerts"] = throttle
    return throttle


async def on_error(update: object, context: Context) -> None:
    """Log the exception with its incident code, apologise to the user, tell the operators."""
    if isinstance(context.error, Conflict):
        await _on_conflict(context)
        return
    code = incident_code()
    what = _describe(update, context)
    if isinstance(context.error, NetworkError) and not isinstance(update, Update):
        # The link dropped: PTB retries by itself; a traceback says nothing more.
        logger.warning("incident %s while %s: %s", code, what, context.error)
    else:
        logger.error("incident %s while handling %s", code, what, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            if update.callback_query is not None:
                await update.callback_query.answer()
            await context.bot.send_message(
                update.effective_chat.id, texts.ERROR_INCIDENT.format(code=code)
            )
        except TelegramError:
            logger.warning("incident %s: could not tell the user", code)
    error_name = type(context.error).__name__ if context.error else "galat"
    text = texts.ERROR_OPERATOR.format(code=code, error=texts.esc(error_name), what=texts.esc(what))
    await _alert(context, (error_name, what), text, code)


async def _alert(context: Context, kind: tuple[str, str], text: str, code: str) -> None:
    """Send ``text`` to the operators unless an alert of ``kind`` went out lately."""
    svc = services(context)
    send, held, since = _throttle(context).admit(kind, svc.now())
    if not send:
        return
    if held and since is not None:
        local = since.astimezone(svc.profile.timezone)
        text += texts.ERROR_OPERATOR_HELD_BACK.format(count=held, since=f"{local:%H:%M}")
    for chat_id in svc.settings.operator_chat_ids:
        try:
            await context.bot.send_message(chat_id, text)
        except TelegramError:
            logger.warning("incident %s: could not notify operator chat %s", code, chat_id)


async def _on_conflict(context: Context) -> None:
    """Another program polls with this token: say so once, and stop."""
    bot_data: dict[str, Any] = context.application.bot_data
    if bot_data.get("conflict"):
        return
    bot_data["conflict"] = True
    logger.error(CONFLICT_LOG)
    await _alert(context, ("Conflict", ""), texts.ERROR_OPERATOR_CONFLICT, "conflict")
    context.application.stop_running()


CONFLICT_LOG = (
    "Program lain sedang mengambil pembaruan dengan token bot ini (Telegram: Conflict); "
    "bot berhenti. / Another program is polling with this bot token (Telegram: Conflict); "
    "stopping."
)

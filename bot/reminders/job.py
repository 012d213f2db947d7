"""The reminders job: every minute, keep the reminders in step, send what is due, and let
the outbox deliver. It runs on PTB's JobQueue as a repeating job that is never pickled;
all time comes from the services' clock."""

from __future__ import annotations

import logging
from typing import Any

from bot.outbox import OutboxSender
from bot.reminders import engine
from bot.reminders.kinds import KINDS
from bot.services import Services

logger = logging.getLogger(__name__)

INTERVAL = 60.0
FIRST = 5.0
NAME = "pengingat"


async def run(application: Any) -> engine.SendResult:
    """One round: sync, send what is due, then drain the outbox."""
    svc: Services = application.bot_data["services"]
    engine.sync(svc, KINDS)
    result = engine.send_due(svc, KINDS)
    if result.sent or result.skipped:
        logger.info("reminders: %d sent, %d skipped", result.sent, result.skipped)
    sender = application.bot_data.get("outbox")
    if result.sent and isinstance(sender, OutboxSender):
        await sender.drain()
    return result


async def remind(context: Any) -> None:
    """Job callback (PTB JobQueue)."""
    await run(context.application)


def schedule(application: Any) -> None:
    """Start the repeating job; one run at a time, missed runs coalesced into one."""
    if application.job_queue is None:
        return
    application.job_queue.run_repeating(
        remind,
        interval=INTERVAL,
        first=FIRST,
        name=NAME,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )

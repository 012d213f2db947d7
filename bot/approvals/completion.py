"""Applying a decision: the effect first (the feature that asked applies it, idempotently,
see bot/approvals/effects.py), then the outcome on every copy of the request. A decision
whose effect a stop interrupted is applied at the next start, or by the next press of one
of its buttons."""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import CallbackContext

from bot.access import services
from bot.approvals import usecases
from bot.approvals.copies import Messages
from bot.approvals.kinds import RequestView
from bot.approvals.messages import decision_text, edit_all, kind_of
from bot.context import Context
from bot.services import Services

logger = logging.getLogger(__name__)


async def complete(context: Context, view: RequestView, messages: Messages) -> None:
    """Apply the decided request's effect, then show the decision on its messages (an
    exception leaves the effect pending and the buttons in place)."""
    svc = services(context)
    kind = kind_of(context, view)
    if kind is not None:
        await kind.on_decided(context, view)
    usecases.finish_effect(svc, request_id=view.id)
    await edit_all(context, messages, decision_text(svc, view))


async def complete_pending(application: Any) -> int:
    """At start-up, holding the instance lease: apply every decision a stop interrupted;
    how many were applied. One that fails again stays pending, and is told in one line."""
    svc: Services = application.bot_data["services"]
    context: Context = CallbackContext(application)
    done = 0
    for decided in usecases.pending_effects(svc):
        try:
            await complete(context, decided.view, decided.messages)
        except Exception as exc:
            logger.warning(
                "Keputusan %s (%s) belum dapat diterapkan: %s / "
                "Decision %s (%s) could not be applied yet: %s",
                decided.view.id,
                decided.view.kind,
                exc,
                decided.view.id,
                decided.view.kind,
                exc,
                exc_info=logger.isEnabledFor(logging.DEBUG),
            )
            continue
        done += 1
    if done:
        logger.info("approvals: %d interrupted decisions applied", done)
    return done

"""Asking the running bot to send what the outbox holds now."""

from __future__ import annotations

from bot.context import Context


def kick_outbox(context: Context) -> None:
    """Drain the outbox now instead of at its next tick (a running bot only)."""
    from bot.app import drain_outbox  # the application imports every feature

    if context.application.job_queue is not None and context.application.running:
        context.application.job_queue.run_once(drain_outbox, 0)

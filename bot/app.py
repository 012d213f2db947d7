"""Build the application: the same function serves production, tests, demo and console."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackContext,
    Defaults,
    ExtBot,
    JobQueue,
)
from telegram.request import BaseRequest

from bot import texts
from bot.access import update_scope
from bot.core.clock import Clock, SystemClock
from bot.core.profile import load_profile
from bot.core.sop import load_steps
from bot.errors import on_error
from bot.handlers import register
from bot.outbox import OutboxSender
from bot.persistence import DatabasePersistence
from bot.services import Services
from bot.settings import Settings
from storage import units
from storage.db import Database

logger = logging.getLogger(__name__)

Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]


class KinerjaApplication(
    Application[
        ExtBot[None],
        Context,
        dict[Any, Any],
        dict[Any, Any],
        dict[Any, Any],
        JobQueue[Context],
    ]
):
    """PTB's Application, writing persisted data after every update.

    PTB writes persistence on a timer; on a link that drops and a server that may be
    restarted at any time, we would rather lose nothing a user already typed. (The
    persistence writes only the rows that changed, so this costs little.) Each update's
    handlers share one ``update_scope`` (the member the gate loaded).
    """

    async def process_update(self, update: object) -> None:
        with update_scope():
            await super().process_update(update)
        if self.persistence is not None:
            await self.update_persistence()


def build_services(
    settings: Settings, *, clock: Clock | None = None, db: Database | None = None
) -> Services:
    """Read the profile and SOP steps, open the database (upgraded to the newest schema)."""
    profile = load_profile(settings.kinerja_config)
    database = db or Database(settings.database_url)
    database.upgrade()
    return Services(
        settings=settings,
        profile=profile,
        db=database,
        clock=clock or SystemClock(),
        steps=load_steps(),
        archive_dir=Path(settings.kinerja_archive_dir),
    )


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    svc: Services = application.bot_data["services"]
    with svc.db.write() as session:
        added = units.sync_units(
            session, entries=[(u.name, u.short_name) for u in svc.profile.units], now=svc.now()
        )
    if added:
        logger.info("added %d units from the profile", added)
    await application.bot.set_my_commands(
        [BotCommand(command, description) for command, description in texts.COMMANDS_STRANGER]
    )
    application.bot_data["outbox"] = OutboxSender(svc, application.bot)
    if application.job_queue is not None:
        # The job queue runs only in a started application (kinerja-bot run); tests and the
        # console drain the outbox themselves.
        application.job_queue.run_repeating(
            drain_outbox,
            interval=OUTBOX_INTERVAL,
            first=1,
            name="outbox",
            job_kwargs={"max_instances": 1, "coalesce": True},
        )


OUTBOX_INTERVAL = 2.0


async def drain_outbox(context: Any) -> None:
    """Job: send what is due in the outbox."""
    sender = context.application.bot_data.get("outbox")
    if isinstance(sender, OutboxSender):
        await sender.drain()


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    svc: Services = application.bot_data["services"]
    svc.db.dispose()


def build_application(
    services: Services, *, request: BaseRequest | None = None
) -> KinerjaApplication:
    """The bot with every handler. ``request`` replaces the HTTP layer (tests, demo)."""
    token = services.settings.telegram_bot_token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .application_class(KinerjaApplication)
        .token(token.get_secret_value())
        .defaults(Defaults(tzinfo=services.profile.timezone, parse_mode=ParseMode.HTML))
        .persistence(DatabasePersistence(services.db, services.clock))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    base_url = services.settings.api_base_url()
    if base_url:
        builder = builder.base_url(base_url)
    file_url = services.settings.file_base_url()
    if file_url:
        builder = builder.base_file_url(file_url)
    if services.settings.telegram_local_mode:
        builder = builder.local_mode(True)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    assert isinstance(application, KinerjaApplication)
    application.bot_data["services"] = services
    register(application)
    application.add_error_handler(on_error)
    return application


__all__ = ["KinerjaApplication", "Update", "build_application", "build_services"]

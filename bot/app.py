"""Build the application: the same function serves production, tests, demo and console."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    ConversationHandler,
    Defaults,
    ExtBot,
    JobQueue,
)
from telegram.request import BaseRequest

from bot import lease, texts
from bot.access import outside_update, update_scope
from bot.approvals.completion import complete_pending
from bot.context import Context
from bot.core.clock import Clock, SystemClock
from bot.core.profile import load_profile
from bot.errors import on_error
from bot.features import register
from bot.outbox import OutboxSender
from bot.outgoing import Outgoing
from bot.persistence import DatabasePersistence
from bot.redelivery import Redeliveries
from bot.reminders import job as reminders_job
from bot.services import Services
from bot.settings import Settings
from bot.sop.steps import load_steps
from bot.ui.chat import FlowConversation
from bot.update_order import PerPersonOrder
from storage import units
from storage.db import Database, write_hook

logger = logging.getLogger(__name__)


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
    restarted at any time, we would rather lose nothing a user already typed. When the
    update changed nothing to be stored (no conversation step, user and chat data as
    stored), PTB's round over the persistence is skipped; the persistence itself writes
    only rows that changed. Each update's handlers share one ``update_scope``.
    """

    redeliveries: Redeliveries | None = None

    async def process_update(self, update: object) -> None:
        svc = self.bot_data.get("services")
        if not isinstance(update, Update) or not isinstance(svc, Services):
            await self._process(update)
            return
        if self.redeliveries is None:
            self.redeliveries = Redeliveries()
        if not self.redeliveries.first_delivery(svc, update.update_id):
            return
        token = write_hook.set(self.redeliveries.claimer(svc, update.update_id))
        try:
            await self._process(update)
        finally:
            write_hook.reset(token)

    async def _process(self, update: object) -> None:
        with update_scope() as scope:
            if isinstance(update, Update):
                scope.before_request = functools.partial(self._write_ahead, update)
            await super().process_update(update)
        if self.persistence is not None and (
            scope.conversation_step or not self._data_stored(update)
        ):
            await self.update_persistence()
        if scope.outbox_queued:
            await self.send_queued(scope.outbox_queued)

    async def _write_ahead(self, update: Update) -> None:
        """Store the update's user and chat data as they are now (rows that changed only)."""
        persistence = self.persistence
        if not isinstance(persistence, DatabasePersistence):
            return
        user, chat = update.effective_user, update.effective_chat
        if user is not None:
            await persistence.update_user_data(user.id, self.user_data.get(user.id, {}))
        if chat is not None:
            await persistence.update_chat_data(chat.id, self.chat_data.get(chat.id, {}))

    async def send_queued(self, broadcast_ids: list[int]) -> None:
        """Send what an update queued for others: a running bot asks its job queue (the
        update is not held up by rate limits); tests and the console send those broadcasts
        right away (what else waits in the outbox keeps waiting for its drain)."""
        if self.running and self.job_queue is not None:
            self.job_queue.run_once(drain_outbox, 0)
            return
        sender = self.bot_data.get("outbox")
        if isinstance(sender, OutboxSender):
            await sender.drain(only=broadcast_ids)

    def _data_stored(self, update: object) -> bool:
        """Whether the database already holds this update's user and chat data, so that
        ``update_persistence`` would write nothing (conversation steps aside).

        Only known for our persistence, and only while every conversation reports its steps
        (``FlowConversation``); otherwise the answer is no and PTB's full path runs.
        """
        persistence = self.persistence
        if not isinstance(persistence, DatabasePersistence) or not self._conversations_report():
            return False
        if not isinstance(update, Update):
            return True
        user, chat = update.effective_user, update.effective_chat
        if user is not None and not persistence.holds_user_data(
            user.id, self.user_data.get(user.id, {})
        ):
            return False
        return chat is None or persistence.holds_chat_data(chat.id, self.chat_data.get(chat.id, {}))

    # Whether every conversation reports its steps; None: to be found out again.
    _reporting: bool | None = None

    def add_handler(self, handler: BaseHandler[Any, Context, Any], group: int = 0) -> None:
        self._reporting = None
        super().add_handler(handler, group)

    def remove_handler(self, handler: BaseHandler[Any, Context, Any], group: int = 0) -> None:
        self._reporting = None
        super().remove_handler(handler, group)

    def _conversations_report(self) -> bool:
        """Every conversation is a blocking ``FlowConversation``: it marks the update it
        handles before the update is done."""
        if self._reporting is None:
            self._reporting = all(
                isinstance(handler, FlowConversation) and handler.block is not False
                for handlers in self.handlers.values()
                for handler in handlers
                if isinstance(handler, ConversationHandler)
            )
        return self._reporting


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
    # One instance per database: LeaseRefused when another one runs (bot/lease.py).
    instance: str = application.bot_data["instance"]
    lease.take(svc, instance)
    with svc.db.write() as session:
        added = units.sync_units(
            session, entries=[(u.name, u.short_name) for u in svc.profile.units], now=svc.now()
        )
    if added:
        logger.info("added %d units from the profile", added)
    await application.bot.set_my_commands(
        [BotCommand(command, description) for command, description in texts.COMMANDS_STRANGER]
    )
    application.bot_data["outbox"] = OutboxSender(
        svc, application.bot, holder=instance, retry_horizon=OUTBOX_INTERVAL / 2
    )
    # Decisions a stop interrupted before their effect was applied: applied now.
    await complete_pending(application)
    if application.job_queue is not None:
        # The job queue runs only in a started application (kinerja-bot run); tests and the
        # console drain the outbox themselves.
        application.job_queue.run_repeating(
            drain_outbox,
            interval=OUTBOX_INTERVAL,
            first=1,
            name="outbox",
            # A long broadcast outlasts the interval: the next run returns at once (see
            # drain_outbox) rather than APScheduler warning "maximum instances" every 2 s.
            job_kwargs={"max_instances": 2, "coalesce": True},
        )
        # Every minute: plan and send reminders (never pickled: the rows are the schedule).
        reminders_job.schedule(application)
        lease.schedule(application)


OUTBOX_INTERVAL = 2.0


async def drain_outbox(context: Any) -> None:
    """Job: send what is due in the outbox, unless a drain is already at it. A drain asked
    for by a handler (``kick_outbox``) runs in a copy of its context: not as that update."""
    sender = context.application.bot_data.get("outbox")
    if isinstance(sender, OutboxSender) and not sender.busy:
        with outside_update():
            await sender.drain()


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    svc: Services = application.bot_data["services"]
    # A clean stop frees the database for the next start at once.
    lease.release(svc, application.bot_data["instance"])
    svc.db.dispose()


def build_application(
    services: Services, *, request: BaseRequest | None = None, instance: str | None = None
) -> KinerjaApplication:
    """The bot with every handler. ``request`` replaces the HTTP layer (tests, demo);
    ``instance`` names the lease holder (a new one per process when not given)."""
    token = services.settings.telegram_bot_token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .application_class(KinerjaApplication)
        .token(token.get_secret_value())
        .defaults(Defaults(tzinfo=services.profile.timezone, parse_mode=ParseMode.HTML))
        .persistence(DatabasePersistence(services.db, services.clock))
        .rate_limiter(Outgoing())
        # One person's slow update (a huge workbook) must not hold up everyone else's;
        # each person's own updates still run one by one, in order (bot/update_order.py).
        .concurrent_updates(PerPersonOrder())
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
    application.bot_data["instance"] = instance or lease.new_holder_id()
    register(application)
    application.add_error_handler(on_error)
    return application


__all__ = ["KinerjaApplication", "Update", "build_application", "build_services"]

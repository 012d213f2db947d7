"""`kinerja-bot run`: check the token's shape, take the instance lease, start polling with
PTB's bootstrap retries (back-off, ``KINERJA_BOOTSTRAP_RETRIES``), and say in one or two
lines what failed and what to check; tracebacks only with ``LOG_LEVEL=DEBUG``."""

from __future__ import annotations

import logging
import re
import sys
from contextlib import suppress
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError

from bot import lease, texts
from bot.app import KinerjaApplication, build_application, build_services
from bot.core.clock import SystemClock
from bot.services import Services
from bot.settings import Settings
from storage import lease as storage_lease
from storage.db import Database

logger = logging.getLogger(__name__)

EXIT_CONFIG = 2


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_CONFIG


def redact(text: str, secret: str) -> str:
    """``text`` with the secret (the bot token) masked."""
    return text.replace(secret, "***") if secret else text


# A bot token: the bot's id, a colon, and (today) 35 characters of [A-Za-z0-9_-].
TOKEN_SHAPE = re.compile(r"[0-9]{3,20}:[A-Za-z0-9_-]{30,64}")
EXIT_IN_USE = 4


def run(settings: Settings) -> int:
    """Run the bot until stopped; the process's exit code."""
    if settings.telegram_bot_token is None:
        return fail(texts.CLI_NO_TOKEN)
    secret = settings.telegram_bot_token.get_secret_value()
    if TOKEN_SHAPE.fullmatch(secret) is None:
        return fail(texts.CLI_TOKEN_SHAPE)
    instance = lease.new_holder_id()
    database = Database(settings.database_url)
    try:
        # Refuse before any schema upgrade and any call to Telegram when another bot
        # runs on this database.
        lease.take_before_upgrade(database, instance, SystemClock().now())
    except lease.LeaseRefused as exc:
        database.dispose()
        return _refused(exc)
    try:
        svc = build_services(settings, db=database)
    except BaseException:
        _release(database, instance)
        raise
    application = build_application(svc, instance=instance)
    try:
        lease.take(svc, instance)
        _report_retries(application, settings)
        _announce_when_started(application, svc)
        application.run_polling(
            allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=settings.kinerja_bootstrap_retries,
        )
    except lease.LeaseRefused as exc:
        return _refused(exc)
    except InvalidToken as exc:
        # PTB's message quotes the token; never print it.
        return fail(texts.CLI_CONFIG_ERROR.format(error=redact(str(exc), secret)))
    except NetworkError as exc:
        logger.debug("start-up failed", exc_info=exc)
        url = settings.telegram_api_base_url or "https://api.telegram.org"
        error = redact(str(exc), secret) or type(exc).__name__
        return fail(texts.CLI_UNREACHABLE.format(url=redact(url, secret), error=error))
    except TelegramError as exc:
        logger.debug("start-up failed", exc_info=exc)
        return fail(texts.CLI_TELEGRAM_ERROR.format(error=redact(str(exc), secret)))
    finally:
        lease.release(svc, instance)
        svc.db.dispose()
    if application.bot_data.get("conflict"):
        print(texts.CLI_CONFLICT, file=sys.stderr)
        return EXIT_IN_USE
    return 0


def _refused(exc: lease.LeaseRefused) -> int:
    until = f"{exc.held.expires_at:%Y-%m-%d %H:%M:%S}"
    print(texts.CLI_LEASE_HELD.format(holder=exc.held.holder, until=until), file=sys.stderr)
    return EXIT_IN_USE


def _release(database: Database, holder: str) -> None:
    """Give up a lease taken before the start failed (a profile error, say)."""
    try:
        # The table may be missing (the upgrade that creates it failed): nothing to give up.
        with suppress(SQLAlchemyError), database.write() as session:
            storage_lease.release(session, holder=holder)
    finally:
        database.dispose()


def _report_retries(application: KinerjaApplication, settings: Settings) -> None:
    """One line per failed try while PTB retries the start (getMe), so a waiting bot is
    not a silent one."""
    initialize = application.initialize
    tries = 0

    async def initialize_or_say_why() -> None:
        nonlocal tries
        try:
            await initialize()
        except NetworkError as exc:
            tries += 1
            if 0 <= settings.kinerja_bootstrap_retries < tries:
                raise  # the last try: `run` says what failed
            logger.warning(
                "Bot API belum dapat dihubungi (percobaan %d: %s); dicoba lagi. / "
                "Bot API not reachable yet (try %d: %s); retrying.",
                tries,
                exc,
                tries,
                exc,
            )
            raise

    # PTB's bootstrap loop calls ``application.initialize``: the instance's own wins.
    setattr(application, "initialize", initialize_or_say_why)  # noqa: B010


def _announce_when_started(application: KinerjaApplication, svc: Services) -> None:
    """Print "berjalan" once the start-up is through: getMe answered (PTB's initialize,
    retried with back-off) and the post-init (lease, commands) done."""
    original = application.post_init

    async def started(app: Any) -> None:
        if original is not None:
            await original(app)
        print(
            texts.CLI_STARTING.format(
                unit=svc.profile.unit_name, government=svc.profile.government
            ),
            file=sys.stderr,
        )

    application.post_init = started


# Libraries whose INFO lines are noise for an operator: httpx logs every request URL (and a
# Bot API URL contains the token), APScheduler every job run (60 lines a minute when idle),
# fontTools and matplotlib every PDF and chart, alembic every schema step at each start.
QUIET_LOGGERS = ("alembic", "apscheduler", "fontTools", "httpx", "matplotlib")


def _not_said_by_run(record: logging.LogRecord) -> bool:
    """Drop PTB's tracebacks for what `run` or the error handler says in one line: the end
    of its network retry loop (token rejected, tries used up) and ``Conflict`` (another
    poller; at shutdown PTB asks getUpdates once more and gets it again)."""
    if record.levelno < logging.ERROR:
        return True
    args = record.args if isinstance(record.args, tuple) else ()
    if args and str(args[0]).startswith("Network Retry Loop"):
        return False
    return not (record.exc_info and isinstance(record.exc_info[1], Conflict))


# The loggers those records come from.
_PTB_LOGGERS = ("telegram.ext", "telegram.ext.Updater")


def quiet_loggers(settings: Settings) -> None:
    """Third-party loggers at WARNING; tracebacks of start-up retries only with DEBUG."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in _PTB_LOGGERS:
        ptb = logging.getLogger(name)
        ptb.removeFilter(_not_said_by_run)
        if settings.log_level.upper() != "DEBUG":
            ptb.addFilter(_not_said_by_run)

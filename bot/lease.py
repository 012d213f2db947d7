"""One running bot per database: the instance lease, taken at start, renewed by a job,
given up at a clean stop.

A second ``kinerja-bot run`` on the same database (on this host or another sharing a
PostgreSQL server) finds the lease held and refuses to start. A crashed instance renews
no more; after ``LEASE_TTL`` its lease may be taken over.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import inspect

from bot.services import Services
from storage import lease as storage
from storage.db import Database

logger = logging.getLogger(__name__)

LEASE_TTL = timedelta(seconds=90)
RENEW_INTERVAL = 25.0  # seconds: three renewals fit in one lease


def new_holder_id() -> str:
    """This process, recognisably: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass(frozen=True)
class Held:
    """The lease as someone else holds it."""

    holder: str
    expires_at: datetime


class LeaseRefused(Exception):
    """Another instance holds the lease on this database."""

    def __init__(self, held: Held) -> None:
        super().__init__(f"the database is in use by {held.holder} until {held.expires_at}")
        self.held = held


def acquire(svc: Services, holder: str) -> Held | None:
    """Take the lease for ``holder``; None when taken, else who holds it."""
    with svc.db.write() as session:
        found = storage.acquire(session, holder=holder, now=svc.now(), ttl=LEASE_TTL)
        return None if found is None else Held(found.holder, found.expires_at)


def take(svc: Services, holder: str) -> None:
    """Take the lease or raise ``LeaseRefused``."""
    held = acquire(svc, holder)
    if held is not None:
        raise LeaseRefused(held)


def take_before_upgrade(db: Database, holder: str, now: datetime) -> None:
    """Take the lease on a database whose schema may be behind, before any upgrade, or
    raise ``LeaseRefused``: a new release's `run` refused by a running old bot changes
    nothing. A database without the lease table (empty, or older than migration 0015)
    has no holder; the lease is taken after its upgrade."""
    with db.engine.connect() as connection:
        if "instance_lease" not in inspect(connection).get_table_names():
            return
    with db.write() as session:
        found = storage.acquire(session, holder=holder, now=now, ttl=LEASE_TTL)
        if found is not None:
            raise LeaseRefused(Held(found.holder, found.expires_at))


def renew(svc: Services, holder: str) -> bool:
    """Extend the lease; False when it is no longer ours (we were stalled past its end
    and another instance took it)."""
    with svc.db.write() as session:
        return storage.renew(session, holder=holder, now=svc.now(), ttl=LEASE_TTL)


def holds(svc: Services, holder: str) -> bool:
    """Whether ``holder`` holds an unexpired lease now."""
    with svc.db.read() as session:
        row = storage.current(session)
        return row is not None and row.holder == holder and row.expires_at > svc.now()


def release(svc: Services, holder: str) -> None:
    with svc.db.write() as session:
        storage.release(session, holder=holder)


async def renew_job(context: Any) -> None:
    """Job: renew the lease; stop the bot if another instance has taken it."""
    application = context.application
    svc: Services = application.bot_data["services"]
    if not renew(svc, application.bot_data["instance"]):
        logger.error(
            "Lease basis data diambil instance lain; bot berhenti. / "
            "The database lease was taken by another instance; stopping."
        )
        application.stop_running()


def schedule(application: Any) -> None:
    """Renew every ``RENEW_INTERVAL`` seconds while the application runs."""
    application.job_queue.run_repeating(
        renew_job,
        interval=RENEW_INTERVAL,
        first=RENEW_INTERVAL,
        name="lease",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )

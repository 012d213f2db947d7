"""What `doctor`, `backup` and `restore` read of a database without changing it: the schema
revision, the instance lease (a table another part of the bot owns; read defensively), and
whether another process is writing right now (SQLite's write lock, or PostgreSQL's advisory
lock that ``storage.db`` takes in every write transaction)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from bot.ops import texts
from storage import lease as lease_rows
from storage.db import MIGRATIONS_DIR, WRITE_LOCK_KEY

LEASE_TABLE = "instance_lease"


@dataclass(frozen=True)
class Schema:
    """The revision a database is at (None: empty) and the newest the code knows."""

    current: str | None
    head: str | None
    known: bool


@dataclass(frozen=True)
class Lease:
    """Who holds the instance lease, in words, and whether that holder is still live."""

    holder: str
    live: bool


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def head_revision() -> str | None:
    """The newest migration of this code."""
    return _scripts().get_current_head()


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL; None for memory, URIs and other databases."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)


def backend(url: str) -> str:
    """``sqlite``, ``postgresql``, ... of a SQLAlchemy URL."""
    return make_url(url).get_backend_name()


def schema(url: str) -> Schema:
    """The schema revision of the database at ``url`` (read only)."""
    head = head_revision()
    known = {script.revision for script in _scripts().walk_revisions()}
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
    return Schema(current=current, head=head, known=current is None or current in known)


class NotAtHead(Exception):
    """The schema is behind (or unknown to this code): run `upgrade-db`, in words."""


def require_head(url: str) -> None:
    """Raise ``NotAtHead`` unless the schema is at the newest revision or empty.

    Commands other than `upgrade-db` and `run` never migrate a database a bot may be
    using; an empty one has no bot on it, and they may create its schema."""
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        return
    found = schema(url)
    if found.current is None or found.current == found.head:
        return
    message = texts.SCHEMA_BEHIND if found.known else texts.SCHEMA_UNKNOWN
    raise NotAtHead(message.format(current=found.current, head=found.head))


def lease(url: str, now: datetime) -> Lease | None:
    """The holder of the instance lease (``storage.lease``), or None when nobody holds it or
    the database predates the lease table (migration 0015)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if LEASE_TABLE not in inspect(connection).get_table_names():
                return None
        with Session(engine) as session:
            found = lease_rows.current(session)
            if found is None:
                return None
            until = found.expires_at
            holder = f"{found.holder}, sampai / until {until.isoformat(timespec='seconds')}"
            return Lease(holder=holder, live=until > now)
    finally:
        engine.dispose()


def drop_lease(url: str) -> None:
    """Delete the instance lease row of a restored (or copied) database: the lease of the
    bot that ran when the backup was taken is stale by definition, and would make the
    restored database look in use."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            if LEASE_TABLE in inspect(connection).get_table_names():
                connection.execute(text(f"DELETE FROM {LEASE_TABLE}"))
    finally:
        engine.dispose()


def pg_being_written(url: str) -> bool:
    """True when another connection holds the bot's PostgreSQL write lock right now (a write
    transaction is open: ``storage.db`` takes the advisory lock first in every one)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            free = connection.execute(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY}
            ).scalar()
            return not free
    finally:
        engine.dispose()


def being_written(path: Path) -> bool:
    """True when another connection holds the SQLite write lock right now."""
    connection = sqlite3.connect(path, timeout=2, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()
    return False

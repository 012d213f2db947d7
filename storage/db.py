"""The database handle: engine set-up, read and write sessions, schema upgrades."""

from __future__ import annotations

import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_IMMEDIATE = "kinerja_begin_immediate"
# The key of the PostgreSQL advisory lock every write transaction takes first ("KINERJA").
WRITE_LOCK_KEY = 0x4B494E45524A41
# How long a writer waits for another's lock before it fails (SQLite's busy timeout).
LOCK_TIMEOUT_SECONDS = 30.0
T = TypeVar("T")


def _prepare_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, a busy timeout, and transactions that we begin ourselves.

    pysqlite's own transaction handling starts a transaction lazily at the first write,
    so a read-then-write sequence can lose an update to a concurrent writer. We take the
    BEGIN over (the recipe from SQLAlchemy's SQLite notes) so write sessions can start
    with ``BEGIN IMMEDIATE`` and hold the write lock from their first read.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(LOCK_TIMEOUT_SECONDS * 1000)}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _prepare_postgresql(engine: Engine) -> None:
    """Write transactions start with a transaction-level advisory lock: one writer at a time
    across every process and host using the database, as ``BEGIN IMMEDIATE`` gives SQLite.

    Reads never take it, so they are never blocked (each statement sees the last commit).
    The lock goes with the transaction's commit or rollback, also when a connection dies.
    A read-modify-write inside ``Database.write()`` therefore cannot interleave with another
    one and lose its update, which READ COMMITTED alone would allow. Waiting for locks gives
    up after 30 s, as SQLite's busy timeout does, rather than hanging for good.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(_IMMEDIATE, False):
            connection.exec_driver_sql(
                f"SELECT set_config('lock_timeout', '{int(LOCK_TIMEOUT_SECONDS * 1000)}ms', true), "
                f"pg_advisory_xact_lock({WRITE_LOCK_KEY})"
            )


class _Held:
    """The connections a Database keeps open to ask for the data version."""

    def __init__(self) -> None:
        self.sqlite: sqlite3.Connection | None = None
        self.postgresql: Connection | None = None

    def close_postgresql(self) -> None:
        connection, self.postgresql = self.postgresql, None
        if connection is not None:
            with suppress(DBAPIError):
                connection.close()

    def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
            self.sqlite = None
        self.close_postgresql()


def _release(held: _Held, engine: Engine) -> None:
    held.close()
    engine.dispose()


class MigrationError(RuntimeError):
    """A migration left rows pointing at rows that do not exist (nothing was committed)."""


def _check_references(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise MigrationError(f"foreign key check failed after the migration: {broken[:5]}")


# Run first in every write transaction opened in this context: the update being handled
# records its id in the same transaction as its first effect (see ``bot.redelivery``).
write_hook: ContextVar[Callable[[Session], None] | None] = ContextVar(
    "kinerja_write_hook", default=None
)


class Database:
    """One database: short-lived sessions for reads, serialised sessions for writes."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.url = url
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_postgresql = parsed.get_backend_name() == "postgresql"
        connect_args: dict[str, Any] = {}
        # The file behind a SQLite database; None for memory, URIs and other databases.
        self._sqlite_file: str | None = None
        if self.is_sqlite:
            database = parsed.database
            if database and database != ":memory:" and not database.startswith("file:"):
                Path(database).parent.mkdir(parents=True, exist_ok=True)
                self._sqlite_file = database
            connect_args = {"check_same_thread": False, "timeout": LOCK_TIMEOUT_SECONDS}
        # A SQLite file needs no ping before each use (it costs a query per session);
        # a database server behind a network does.
        self.engine = create_engine(
            url, connect_args=connect_args, pool_pre_ping=not self.is_sqlite
        )
        if self.is_sqlite:
            _prepare_sqlite(self.engine)
        if self.is_postgresql:
            _prepare_postgresql(self.engine)
        # Handlers and jobs share one process; one writer at a time inside it, and
        # BEGIN IMMEDIATE (SQLite) or an advisory lock (PostgreSQL) against writers in
        # other processes such as the CLI or a second host.
        self._write_lock = threading.RLock()
        # Read-mostly results kept until anyone commits to the database (see ``cached``).
        self._version_lock = threading.Lock()
        self._held = _Held()
        self._cache: dict[Hashable, object] = {}
        self._cache_version: Hashable | None = None
        # A handle dropped without dispose() (a short CLI command) still closes its
        # connections, rather than leaving them to the garbage collector.
        weakref.finalize(self, _release, self._held, self.engine)

    def data_version(self) -> Hashable | None:
        """A value that changes whenever any connection commits to the database, this
        process's own or another process's (the CLI); None where it cannot be known.

        SQLite: ``PRAGMA data_version``, asked on a connection of its own that never writes,
        so every commit counts as another connection's.

        PostgreSQL: the text of ``pg_current_snapshot()`` (``xmin:xmax:xip-list``), asked in
        autocommit on a connection of its own, so each call takes a new snapshot. A commit
        always changes it: before transaction X commits, a snapshot has X either in its
        in-progress list (``xmin <= X < xmax``) or at or above ``xmax``; after, every snapshot
        has ``X < xmax`` and X not in the list. If X was at or above ``xmax``, ``xmax`` grew;
        if X was listed, either the list lost X or ``xmin`` passed it. (A transaction that
        wrote nothing has no xid and commits nothing to see.) No stale value is kept:
        ``cached`` reads the version V, then loads, then a later call reads V again. Equal
        texts mean no transaction committed between the two reads; the load ran between
        them, and under READ COMMITTED each of its statements saw every commit made before it
        started (a commit becomes visible when it leaves the in-progress list, the moment
        the snapshot changes). So the kept value is the state V stands for. A commit during
        the load changes the next version, and the value is loaded again. The text also
        changes when transactions of other databases on the same server finish (xids are
        server-wide): that costs a reload, never a stale read.
        """
        if self.is_postgresql:
            return self._pg_snapshot()
        if self._sqlite_file is None:
            return None
        with self._version_lock:
            if self._held.sqlite is None:
                self._held.sqlite = sqlite3.connect(
                    self._sqlite_file, check_same_thread=False, isolation_level=None
                )
            row = self._held.sqlite.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def _pg_snapshot(self) -> str | None:
        with self._version_lock:
            try:
                if self._held.postgresql is None:
                    connection = self.engine.connect()
                    connection.execution_options(isolation_level="AUTOCOMMIT")
                    self._held.postgresql = connection
                found = self._held.postgresql.exec_driver_sql(
                    "SELECT pg_current_snapshot()::text"
                ).scalar()
            except DBAPIError:
                # A lost connection: nothing is cached this time, a new one is made next time.
                self._held.close_postgresql()
                return None
        return None if found is None else str(found)

    def cached(self, key: Hashable, load: Callable[[], T]) -> T:
        """``load()``, or what it returned before if nothing was committed since.

        For reads that many updates repeat (the member behind an update, the cycles). The
        value is shared by every caller until the next commit: it must not be changed in
        place (keep it immutable). Without a known data version nothing is kept.
        """
        version = self.data_version()
        if version is None:
            return load()
        with self._version_lock:
            if self._cache_version != version:
                self._cache.clear()
                self._cache_version = version
            if key in self._cache:
                return self._cache[key]  # type: ignore[return-value]
        # Loaded after the version was read, so at least as new as that version; a commit
        # during the load changes the version, and the next call loads again.
        value = load()
        with self._version_lock:
            if self._cache_version == version:
                self._cache[key] = value
        return value

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it never commits."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session that holds the write lock from its first statement and commits at the end."""
        with self._write_lock, self.engine.connect() as connection:
            connection.execution_options(**{_IMMEDIATE: True})
            with Session(bind=connection, expire_on_commit=False) as session:
                try:
                    hook = write_hook.get()
                    if hook is not None:
                        hook(session)
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise

    def alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return config

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema to ``revision`` (default: the newest), keeping all data.

        On PostgreSQL under the write lock too, so two processes starting at once do not
        both run a migration. On SQLite without foreign-key enforcement while it runs: a
        batch migration copies a table, drops it and renames the copy, and dropping a table
        other rows point at fails with enforcement on (the pragma has no effect inside a
        transaction, so it is set before). Every reference is checked before the commit."""
        with self._write_lock, self.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            if self.is_postgresql:
                connection.execution_options(**{_IMMEDIATE: True})
            if self.is_sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=OFF")
            try:
                with connection.begin():
                    config = self.alembic_config()
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
                    if self.is_sqlite:
                        _check_references(connection)
            finally:
                if self.is_sqlite and raw is not None:
                    raw.execute("PRAGMA foreign_keys=ON")
        logger.info("database schema at %s", revision)

    def dispose(self) -> None:
        with self._version_lock:
            self._held.close()
            self._cache.clear()
            self._cache_version = None
        self.engine.dispose()

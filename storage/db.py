"""The database handle: engine set-up, read and write sessions, schema upgrades."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_IMMEDIATE = "kinerja_begin_immediate"
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
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


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
        connect_args: dict[str, Any] = {}
        # The file behind a SQLite database; None for memory, URIs and other databases.
        self._sqlite_file: str | None = None
        if self.is_sqlite:
            database = parsed.database
            if database and database != ":memory:" and not database.startswith("file:"):
                Path(database).parent.mkdir(parents=True, exist_ok=True)
                self._sqlite_file = database
            connect_args = {"check_same_thread": False, "timeout": 30}
        # A SQLite file needs no ping before each use (it costs a query per session);
        # a database server behind a network does.
        self.engine = create_engine(
            url, connect_args=connect_args, pool_pre_ping=not self.is_sqlite
        )
        if self.is_sqlite:
            _prepare_sqlite(self.engine)
        # Handlers and jobs share one process; one writer at a time inside it, and
        # BEGIN IMMEDIATE (SQLite) against writers in other processes such as the CLI.
        self._write_lock = threading.RLock()
        # Read-mostly results kept until anyone commits to the database (see ``cached``).
        self._version_lock = threading.Lock()
        self._version_connection: sqlite3.Connection | None = None
        self._cache: dict[Hashable, object] = {}
        self._cache_version: int | None = None

    def data_version(self) -> int | None:
        """A number that changes whenever any connection commits to the database, this
        process's own or another process's (the CLI); None where it cannot be known.

        SQLite's ``PRAGMA data_version``, asked on a connection of its own that never writes,
        so every commit counts as another connection's.
        """
        if self._sqlite_file is None:
            return None
        with self._version_lock:
            if self._version_connection is None:
                self._version_connection = sqlite3.connect(
                    self._sqlite_file, check_same_thread=False, isolation_level=None
                )
            row = self._version_connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

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
        """Bring the schema to ``revision`` (default: the newest), keeping all data."""
        with self._write_lock, self.engine.begin() as connection:
            config = self.alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        logger.info("database schema at %s", revision)

    def dispose(self) -> None:
        with self._version_lock:
            if self._version_connection is not None:
                self._version_connection.close()
                self._version_connection = None
            self._cache.clear()
            self._cache_version = None
        self.engine.dispose()

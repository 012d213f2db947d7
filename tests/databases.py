"""Where a test keeps its database: a SQLite file in its folder, or, when
``KINERJA_TEST_POSTGRES`` names a PostgreSQL server (an admin URL such as
``postgresql+psycopg://postgres@127.0.0.1:5433/postgres``), a database of its own there.

PostgreSQL databases are copies of a template migrated once per test session
(``CREATE DATABASE ... TEMPLATE``), made ahead by a background thread, so a test starts at
the newest schema about as fast as on SQLite; ``empty=True`` gives one without any table
(migration and restore tests). The same folder and name give the same database within a
test; ``drop_all`` (an autouse fixture in ``conftest.py``) drops them after it, in the
background too. That background work never overlaps a test that uses a database: it is
ordered when a test ends and waited for before the next one gets its database, because a
commit anywhere on the server changes the data version a test may be counting on
(``Database.data_version``).
"""

from __future__ import annotations

import itertools
import os
import queue
import threading
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import Database

ENV = "KINERJA_TEST_POSTGRES"
SPARES = 2
_PREFIX = f"kt{os.getpid()}"
_numbers = itertools.count(1)
_made: dict[tuple[Path, str, bool], str] = {}


def postgres_admin_url() -> str | None:
    """The server the tests run on; None: SQLite."""
    return os.environ.get(ENV) or None


def on_postgresql() -> bool:
    return postgres_admin_url() is not None


def database_url(folder: Path, name: str = "kinerja.db", *, empty: bool = False) -> str:
    """The URL of this test's database called ``name`` (a file in ``folder`` on SQLite).

    On SQLite the file does not exist yet (the application creates and migrates it); on
    PostgreSQL the database exists, at the newest schema unless ``empty``."""
    admin = postgres_admin_url()
    if admin is None:
        return f"sqlite:///{folder / name}"
    key = (folder, name, empty)
    if key not in _made:
        maker = _Maker.of(admin)
        _made[key] = _url_of(admin, maker.empty() if empty else maker.take())
    return _made[key]


def execute_elsewhere(url: str, *statements: str) -> None:
    """Run ``statements`` in one transaction on a connection of their own, as another
    process (the CLI, an operator's console) would."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def drop_all() -> None:
    """Drop every database made for the test that just ended."""
    if not _made or _Maker.running is None:
        _made.clear()
        return
    for url in _made.values():
        _Maker.running.drop(str(make_url(url).database))
    _Maker.running.replenish()
    _made.clear()


def drop_template() -> None:
    """Drop the spares and the session's template (at the end of the session)."""
    if _Maker.running is not None:
        _Maker.running.stop()


def _url_of(admin: str, database: str) -> str:
    return make_url(admin).set(database=database).render_as_string(hide_password=False)


class _Maker(threading.Thread):
    """Creates migrated databases ahead and drops used ones, on a connection of its own."""

    running: _Maker | None = None

    @classmethod
    def of(cls, admin: str) -> _Maker:
        if cls.running is None:
            cls.running = cls(admin)
            cls.running.start()
        return cls.running

    def __init__(self, admin: str) -> None:
        super().__init__(name="test-databases", daemon=True)
        self.engine = create_engine(admin, isolation_level="AUTOCOMMIT", pool_size=1)
        self.jobs: queue.Queue[str | None] = queue.Queue()
        self.ready: queue.Queue[str | BaseException] = queue.Queue()
        self.template = f"{_PREFIX}_template"
        self.taken = 0
        self._sql(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self._sql(f'CREATE DATABASE "{self.template}" TEMPLATE template0')
        database = Database(_url_of(admin, self.template))
        try:
            database.upgrade()
        finally:
            database.dispose()
        for _ in range(SPARES):
            self._order_one()

    def _sql(self, statement: str) -> None:
        with self.engine.connect() as connection:
            connection.execute(text(statement))

    def _order_one(self) -> None:
        name = f"{_PREFIX}_{next(_numbers)}"
        self.jobs.put(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}" STRATEGY FILE_COPY')

    def take(self) -> str:
        """A migrated database nobody used; another is ordered in its place."""
        self.jobs.join()  # nothing runs in the background while the test runs
        if self.ready.empty():  # a test with more databases than spares
            self._order_one()
            self.jobs.join()
        found = self.ready.get_nowait()
        if isinstance(found, BaseException):
            raise found
        self.taken += 1
        return found

    def empty(self) -> str:
        self.jobs.join()
        name = f"{_PREFIX}_{next(_numbers)}"
        self._sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop(self, name: str) -> None:
        self.jobs.put(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def replenish(self) -> None:
        """After a test: make as many spares as it took."""
        for _ in range(self.taken):
            self._order_one()
        self.taken = 0

    def run(self) -> None:
        while (statement := self.jobs.get()) is not None:
            try:
                self._sql(statement)
                if statement.startswith("CREATE"):
                    self.ready.put(statement.split('"')[1])
            except BaseException as exc:  # handed to the test that waits for a database
                if statement.startswith("CREATE"):
                    self.ready.put(exc)
            finally:
                self.jobs.task_done()

    def stop(self) -> None:
        self.jobs.put(None)
        self.join(timeout=120)
        while not self.ready.empty():
            spare = self.ready.get()
            if isinstance(spare, str):
                self._sql(f'DROP DATABASE IF EXISTS "{spare}" WITH (FORCE)')
        self._sql(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self.engine.dispose()
        _Maker.running = None

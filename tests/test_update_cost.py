"""What an update costs, without giving up what it must do: the member is read once per
update, persistence writes only what changed (and still writes it before the next update),
and reads kept between updates are read again after any commit, from this process or
another one (the CLI)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session
from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters

from bot import app as app_module
from bot.access import REGISTRATION_DRAFT, Member, member_of_update, update_scope
from bot.core.roles import Role
from bot.features import register
from bot.planning.rules.example import example_plan
from bot.sop.steps import StepState
from bot.ui.chat import FlowConversation
from storage import cycles, state, users
from storage.db import Database
from storage.models import PersistedState
from tests.benchmarks import updates as benchmark
from tests.databases import database_url, execute_elsewhere
from tests.harness import Harness, approve_plan


def _rows(bot: Harness, namespace: str) -> dict[str, str]:
    with bot.svc.db.read() as session:
        return state.load_namespace(session, namespace)


class WriteSpy:
    """Counts the write sessions a database opens and the state rows saved or deleted."""

    def __init__(self, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sessions = 0
        self.saved: list[tuple[str, str]] = []
        self.deleted: list[tuple[str, str]] = []
        real_write = db.write
        real_save, real_delete = state.save, state.delete

        @contextmanager
        def write() -> Iterator[Session]:
            self.sessions += 1
            with real_write() as session:
                yield session

        def save(session: Session, *, namespace: str, key: str, **kw: Any) -> None:
            self.saved.append((namespace, key))
            real_save(session, namespace=namespace, key=key, **kw)

        def delete(session: Session, *, namespace: str, key: str) -> None:
            self.deleted.append((namespace, key))
            real_delete(session, namespace=namespace, key=key)

        monkeypatch.setattr(db, "write", write)
        monkeypatch.setattr(state, "save", save)
        monkeypatch.setattr(state, "delete", delete)

    def reset(self) -> None:
        self.sessions = 0
        self.saved.clear()
        self.deleted.clear()


# ------------------------------------------------------------------ persistence


async def test_an_update_that_changes_nothing_writes_nothing(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    spy = WriteSpy(bot.svc.db, monkeypatch)
    for person in (team, head, owner):
        for command in ("status", "tugas", "bantuan"):
            shown = await person.command(command)
            assert shown, command
    assert spy.sessions == 0
    assert spy.saved == [] and spy.deleted == []
    assert _rows(bot, "user_data") == {} and _rows(bot, "chat_data") == {}


async def test_typed_data_is_stored_by_the_update_that_brought_it(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = bot.invitation(Role.TIM)
    person = bot.person(5001)
    spy = WriteSpy(bot.svc.db, monkeypatch)
    await person.command("start", code)
    # Stored at once, not on PTB's timer: the draft and the conversation's state.
    assert '"code"' in _rows(bot, "user_data")["5001"]
    assert list(_rows(bot, "conv:registrasi").values()) != []
    assert ("user_data", "5001") in spy.saved

    spy.reset()
    await person.send("Maria Wenda, S.Kom.")
    assert "Maria Wenda, S.Kom." in _rows(bot, "user_data")["5001"]
    # Only the rows that changed: the draft and the conversation's state, nothing else.
    assert sorted(spy.saved) == [("conv:registrasi", "[5001, 5001]"), ("user_data", "5001")]
    assert spy.deleted == []

    # The server dies without a clean shutdown: what was typed is there after the restart.
    await bot.restart(graceful=False)
    shown = await person.send("198503152010012003")
    assert "jabatan" in shown[0].plain
    shown = await person.send("Analis Pengadaan")
    assert "Maria Wenda, S.Kom." in shown[0].plain
    await person.press("Ya, daftarkan")
    assert "Pendaftaran berhasil" in person.last.plain
    # The finished registration leaves no draft and no conversation behind.
    assert REGISTRATION_DRAFT not in json.loads(_rows(bot, "user_data").get("5001", "{}"))
    assert _rows(bot, "conv:registrasi") == {}


async def test_a_row_that_did_not_change_keeps_its_time(bot: Harness) -> None:
    code = bot.invitation(Role.TIM)
    person = bot.person(5001)
    await person.command("start", code)
    with bot.svc.db.read() as session:
        before = session.get(PersistedState, ("user_data", "5001"))
    assert before is not None
    bot.clock.advance(timedelta(minutes=5))
    await person.command("bantuan")  # a stranger in registration: nothing changes
    with bot.svc.db.read() as session:
        after = session.get(PersistedState, ("user_data", "5001"))
    assert after is not None
    assert (after.data_json, after.updated_at) == (before.data_json, before.updated_at)


# ------------------------------------------------------------------ the member


@pytest.fixture
def member_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The Telegram ids whose member was read from the database, in order."""
    reads: list[int] = []
    real = users.active_member

    def active_member(session: Session, telegram_id: int) -> Any:
        reads.append(telegram_id)
        return real(session, telegram_id)

    monkeypatch.setattr(users, "active_member", active_member)
    return reads


async def test_the_member_is_read_once_per_update(
    bot: Harness, member_reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    # Nothing kept between updates: each update reads its member itself, once, although
    # the gate and the handler both need it.
    monkeypatch.setattr(bot.svc.db, "data_version", lambda: None)
    for command in ("bantuan", "status", "tugas"):
        member_reads.clear()
        shown = await head.command(command)
        assert shown, command
        assert member_reads == [1001], command


async def test_the_member_is_read_again_only_after_a_commit(
    bot: Harness, member_reads: list[int]
) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    for command in ("bantuan", "status", "tugas", "bantuan"):
        await head.command(command)
    assert member_reads == [1001]
    with bot.svc.db.write() as session:
        found = users.get_by_telegram_id(session, 1001)
        assert found is not None
        found.position = "Kepala Bagian PBJ"
        session.add(found)
    await head.command("bantuan")
    assert member_reads == [1001, 1001]


async def test_a_member_deactivated_by_another_process_is_refused_at_once(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    shown = await team.command("bantuan")
    assert "Maria Wenda" in shown[0].plain
    # Another process (the CLI, an operator's console) changes the database.
    execute_elsewhere(
        bot.settings.database_url, "UPDATE app_user SET active = FALSE WHERE telegram_id = 2001"
    )
    shown = await team.command("bantuan")
    assert "sudah dinonaktifkan" in shown[0].plain
    assert "Maria Wenda" not in shown[0].plain


async def test_concurrent_updates_keep_their_own_member() -> None:
    def member(telegram_id: int) -> Member:
        return Member(
            telegram_id, telegram_id, Role.TIM, f"Orang {telegram_id}", "", "", None, None
        )

    class NoDatabase:
        """Services without a database: only the scope can answer."""

    async def handle(telegram_id: int) -> int:
        with update_scope() as scope:
            scope.members[telegram_id] = member(telegram_id)
            await asyncio.sleep(0)  # the other update runs here
            await asyncio.sleep(0)
            found = member_of_update(NoDatabase(), telegram_id)  # type: ignore[arg-type]
            assert found is not None
            assert list(scope.members) == [telegram_id]
            return found.telegram_id

    assert list(await asyncio.gather(handle(1), handle(2), handle(3))) == [1, 2, 3]


# ------------------------------------------------------------ cycles and steps


async def test_status_follows_changes_made_by_another_process(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    shown = await team.command("status")
    assert "belum disetujui" in shown[0].plain
    assert "▶ 1." in shown[0].plain
    # The plan is approved through another database handle, as the CLI would.
    other = Database(bot.settings.database_url)
    try:
        with other.write() as session:
            approve_plan(session, example_plan(2027), bot.clock.now())
        shown = await team.command("status")
        assert "Pelaporan berjalan" in shown[0].plain
        assert "✅ 1." in shown[0].plain
        with other.write() as session:
            cycle = cycles.find_cycle(session, year=2027)
            assert cycle is not None and cycle.id is not None
            cycles.set_step_state(
                session,
                cycle_id=cycle.id,
                step_no=1,
                state=StepState.PERLU_PERBAIKAN,
                actor=None,
                now=bot.clock.now(),
            )
        shown = await team.command("status")
        assert "✅ 1." not in shown[0].plain
        assert "▶ 1." in shown[0].plain  # the current step again
    finally:
        other.dispose()


async def test_first_use_hint_goes_once_the_team_registers(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    first = await head.command("tugas")
    assert len(first) == 2  # the hint to invite the team, then the tasks
    await bot.registered(2001, Role.TIM)
    assert len(await head.command("tugas")) == 1


# ------------------------------------------------------------------ the database


def _database(url: str) -> Database:
    db = Database(url)
    db.upgrade()
    return db


def _counting(counter: list[int]) -> Callable[[], int]:
    def load() -> int:
        counter.append(1)
        return len(counter)

    return load


def test_cached_reads_last_until_any_commit(tmp_path: Path) -> None:
    """On SQLite and (``KINERJA_TEST_POSTGRES``) on PostgreSQL."""
    db = _database(database_url(tmp_path))
    other = Database(db.url)
    try:
        loads: list[int] = []
        load = _counting(loads)
        assert db.cached("x", load) == 1
        assert db.cached("x", load) == 1
        with db.read() as session:  # reading commits nothing
            session.exec(text("SELECT 1"))  # type: ignore[call-overload]
        with db.write():  # nor does an empty write
            pass
        assert db.cached("x", load) == 1
        with db.write() as session:
            state.save(session, namespace="t", key="a", data_json="1", now=benchmark.NOW)
        assert db.cached("x", load) == 2
        with other.write() as session:  # another handle on the same file
            state.save(session, namespace="t", key="a", data_json="2", now=benchmark.NOW)
        assert db.cached("x", load) == 3
        execute_elsewhere(db.url, "DELETE FROM persisted_state")  # anyone at all
        assert db.cached("x", load) == 4
        assert db.cached("x", load) == 4
        assert db.data_version() is not None
    finally:
        other.dispose()
        db.dispose()


def test_nothing_is_cached_without_a_data_version() -> None:
    db = Database("sqlite:///:memory:")
    loads: list[int] = []
    assert db.data_version() is None
    assert [db.cached("x", _counting(loads)) for _ in range(3)] == [1, 2, 3]


def test_sqlite_is_tuned_for_one_writer(tmp_path: Path) -> None:
    db = _database(f"sqlite:///{tmp_path / 'kinerja.db'}")  # SQLite in either run
    sessions: list[Callable[[], AbstractContextManager[Session]]] = [db.read, db.write]
    try:
        for open_session in sessions:
            with open_session() as session:
                pragma = {
                    name: session.exec(text(f"PRAGMA {name}")).one()[0]  # type: ignore[call-overload]
                    for name in ("journal_mode", "synchronous", "foreign_keys")
                }
            assert pragma == {"journal_mode": "wal", "synchronous": 1, "foreign_keys": 1}
        assert db.engine.pool._pre_ping is False  # a local file needs no ping per session
    finally:
        db.dispose()


# ------------------------------------------------------------------ the benchmark


async def test_the_update_benchmark_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(benchmark, "ROUNDS", 1)
    monkeypatch.setattr(benchmark, "WARM_UP", 3)
    lines: list[str] = []
    await benchmark.main(["6"], echo=lines.append)
    table = lines[1].splitlines()
    assert table[0].split() == ["command", "bare", "upd/s", "full", "upd/s", "ratio"]
    assert [row.split()[0] for row in table[1:]] == ["/status", "/tugas", "/bantuan"]


# ------------------------------------------------- conversations and skipped rounds


async def _first(update: Update, context: Any) -> int:
    return 1


async def _second(update: Update, context: Any) -> int:
    return 2


async def _end(update: Update, context: Any) -> int:
    return ConversationHandler.END


def _three_steps(kind: type[ConversationHandler[Any]], name: str) -> ConversationHandler[Any]:
    """/<name>, then two typed answers; the answers change nothing but the state."""
    typed = filters.TEXT & ~filters.COMMAND
    return kind(
        entry_points=[CommandHandler(name, _first)],
        states={1: [MessageHandler(typed, _second)], 2: [MessageHandler(typed, _end)]},
        fallbacks=[],
        name=name,
        persistent=True,
    )


@pytest.mark.parametrize("kind", [FlowConversation, ConversationHandler])
async def test_a_conversation_step_is_stored_even_when_no_data_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: type[ConversationHandler[Any]]
) -> None:
    """Our conversations mark their steps; a plain ConversationHandler does not, and then
    every update takes PTB's full round over the persistence."""

    def register_with_test_conversation(application: Any) -> None:
        register(application)
        application.add_handler(_three_steps(kind, "uji"), group=-2)

    monkeypatch.setattr(app_module, "register", register_with_test_conversation)
    bot = Harness(tmp_path)
    await bot.start()
    try:
        person = await bot.registered(2001, Role.TIM)
        await person.command("uji")
        assert _rows(bot, "conv:uji") == {"[2001, 2001]": "1"}
        before = _rows(bot, "user_data")
        await person.send("satu")
        assert _rows(bot, "user_data") == before  # only the state changed ...
        assert _rows(bot, "conv:uji") == {"[2001, 2001]": "2"}  # ... and it is stored
        await bot.restart(graceful=False)
        await person.send("dua")
        assert _rows(bot, "conv:uji") == {}
    finally:
        await bot.stop()
    assert bot.errors == []


async def _count(update: Update, context: Any) -> None:
    context.user_data["hitung"] = context.user_data.get("hitung", 0) + 1


async def test_user_data_changed_outside_a_conversation_is_stored_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def register_with_counter(application: Any) -> None:
        register(application)
        application.add_handler(CommandHandler("hitung", _count), group=-2)

    monkeypatch.setattr(app_module, "register", register_with_counter)
    bot = Harness(tmp_path)
    await bot.start()
    try:
        person = await bot.registered(2001, Role.TIM)
        for expected in (1, 2):
            await person.command("hitung")
            assert json.loads(_rows(bot, "user_data")["2001"]) == {"hitung": expected}
        await bot.restart(graceful=False)
        await person.command("hitung")
        assert json.loads(_rows(bot, "user_data")["2001"]) == {"hitung": 3}
    finally:
        await bot.stop()
    assert bot.errors == []


async def test_a_command_no_conversation_answers_passes_them_by(bot: Harness) -> None:
    """Each conversation knows the commands it answers; a conversation that takes any command
    (registration finishes first) keeps the full check."""
    from bot.ui.chat import FlowConversation

    assert bot.app is not None
    flows = {
        h.name: h.command_names
        for group in bot.app.handlers.values()
        for h in group
        if isinstance(h, FlowConversation)
    }
    assert flows["rencana"] == frozenset({"rencana", "batal"})
    assert flows["registrasi"] is None
    head = await bot.registered(1001, Role.KEPALA)
    await head.command("rencana")
    await head.command("status")  # not a command of /rencana's conversation
    assert head.last.plain.startswith("Status siklus kinerja")

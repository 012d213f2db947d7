"""Storage: migrations, serialised writes, timestamps, the archive and the data functions."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, inspect, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import OperationalError, StatementError
from sqlmodel import Session, SQLModel, select

import storage.db
import storage.models
from bot.core.roles import Role
from bot.people.invitation_rules import InvitationProblem
from bot.sop.steps import StepState
from storage import archive, audit, cycles, state, units, users
from storage.archive import NewDocument
from storage.db import Database
from storage.models import AuditLog, Document, Invitation, PersistedState, Unit, User
from storage.types import UTCDateTime
from storage.users import Registration
from tests.databases import database_url

WIT = ZoneInfo("Asia/Jayapura")
NOW = datetime(2027, 1, 5, 9, 0, tzinfo=WIT)
NEW_TABLES = {"cycle", "step_state", "document", "persisted_state"}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(database_url(tmp_path))
    database.upgrade()
    try:
        yield database
    finally:
        database.dispose()


def _head_revision(database: Database) -> str:
    head = ScriptDirectory.from_config(database.alembic_config()).get_current_head()
    assert head is not None
    return head


def _revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _tables(database: Database) -> set[str]:
    return set(inspect(database.engine).get_table_names())


# --------------------------------------------------------------------- migrations


def test_upgrade_from_first_revision_keeps_the_data(tmp_path: Path) -> None:
    """SQLite's stored form (in either run); tests/test_migrations.py upgrades on both."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Database(url)
    try:
        old.upgrade("0001")
        assert _revision(old) == "0001"
        assert not NEW_TABLES & _tables(old)
        # Rows as the first released version wrote them (UTC, without zone, in SQLite).
        with old.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO unit (id, name, short_name, active, created_at) "
                    "VALUES (7, 'Dinas Kesehatan', 'Dinkes', 1, '2026-11-25 01:00:00.000000')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO app_user (id, telegram_id, role, unit_id, full_name, nip, "
                    "position, active, registered_at, updated_at) VALUES (3, 5000000001, 'pj', "
                    "7, 'Maria Wetipo', '199001012015031004', 'Kepala Seksi', 1, "
                    "'2026-11-25 02:00:00.000000', '2026-11-25 02:30:00.000000')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO invitation (id, code, role, unit_id, created_by_user_id, "
                    "created_via, created_at, expires_at, used_at, used_by_user_id) VALUES "
                    "(11, 'abcdefgh23456789', 'pj', 7, NULL, 'cli', "
                    "'2026-11-25 00:00:00.000000', '2026-12-02 00:00:00.000000', "
                    "'2026-11-25 02:00:00.000000', 3)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO audit_log (id, at, actor_user_id, actor_label, action, entity, "
                    "entity_id, before_json, after_json) VALUES (21, "
                    "'2026-11-25 02:00:00.000000', 3, 'Maria Wetipo', 'user.register', 'user', "
                    "'3', NULL, '{\"role\": \"pj\"}')"
                )
            )
    finally:
        old.dispose()

    # The new version of the application opens the same file and upgrades it.
    new = Database(url)
    try:
        new.upgrade()
        assert _revision(new) == _head_revision(new)
        assert _tables(new) >= NEW_TABLES

        with new.read() as session:
            unit = session.get(Unit, 7)
            assert unit is not None and unit.name == "Dinas Kesehatan" and unit.active
            assert unit.created_at == datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
            user = session.get(User, 3)
            assert user is not None
            assert (user.telegram_id, user.role, user.unit_id) == (5000000001, "pj", 7)
            assert user.nip == "199001012015031004"
            assert user.updated_at == datetime(2026, 11, 25, 2, 30, tzinfo=UTC)
            assert user.updated_at.utcoffset() == timedelta(0)
            invitation = session.get(Invitation, 11)
            assert invitation is not None
            assert invitation.used_by_user_id == 3 and invitation.revoked_at is None
            assert invitation.expires_at == datetime(2026, 12, 2, tzinfo=UTC)
            entry = session.get(AuditLog, 21)
            assert entry is not None and entry.action == "user.register"
            assert entry.after_json is not None and json.loads(entry.after_json) == {"role": "pj"}

        with new.write() as session:
            user = session.get(User, 3)
            cycle = cycles.get_or_create_cycle(session, year=2027, now=NOW)
            assert cycle.id is not None
            cycles.set_step_state(
                session,
                cycle_id=cycle.id,
                step_no=1,
                state=StepState.SELESAI,
                actor=user,
                now=NOW,
            )
            state.save(session, namespace="conversations", key="k", data_json="{}", now=NOW)
            archive.store(
                session,
                root=tmp_path / "arsip",
                content=b"isi",
                meta=NewDocument(kind="laporan", file_name="a.pdf", mime_type="application/pdf"),
                now=NOW,
            )

        with new.read() as session:
            found = cycles.find_cycle(session, year=2027)
            assert found is not None and found.id is not None
            assert cycles.step_states(session, cycle_id=found.id) == {1: StepState.SELESAI}
            assert cycles.step_rows(session, cycle_id=found.id)[1].updated_by_user_id == 3
            assert state.load_one(session, "conversations", "k") == "{}"
            assert len(list(session.exec(select(Document)))) == 1
            # The old audit entry is still first; the step change was added after it.
            assert [e.id for e in audit.entries(session)][-1] == 21
            assert audit.entries(session)[0].action == "step.state"

        # Upgrading again is harmless.
        new.upgrade()
        assert _revision(new) == _head_revision(new)
    finally:
        new.dispose()


def _differences(database: Database, metadata: MetaData) -> list[object]:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_models_match_migrations(db: Database) -> None:
    assert _differences(db, SQLModel.metadata) == []


def test_model_comparison_notices_a_missing_migration(db: Database) -> None:
    """The test above is not vacuous: a column without a migration is reported."""
    changed = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["unit"].append_column(Column("extra", Integer, nullable=True))
    differences = _differences(db, changed)
    assert len(differences) == 1
    assert "add_column" in repr(differences[0]) and "extra" in repr(differences[0])


# ------------------------------------------------------------ serialised writes

COUNTER = ("test", "counter")
ROUNDS = 50


def _seed_counter(database: Database) -> None:
    with database.write() as session:
        state.save(session, namespace=COUNTER[0], key=COUNTER[1], data_json="0", now=NOW)


def _counter(database: Database) -> int:
    with database.read() as session:
        value = state.load_one(session, *COUNTER)
    assert value is not None
    return int(value)


def _increment_many(database: Database, start: threading.Barrier) -> None:
    """Read the counter, pause (so the other writer can interleave), write it back plus one."""
    start.wait(timeout=10)
    for _ in range(ROUNDS):
        with database.write() as session:
            row = session.get(PersistedState, COUNTER)
            assert row is not None
            value = int(row.data_json)
            time.sleep(0.001)
            row.data_json = str(value + 1)
            session.add(row)


def _run_concurrently(*jobs: Callable[[], None]) -> None:
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(job) for job in jobs]
        for future in futures:
            future.result(timeout=120)  # re-raises a failure inside the thread


def test_writes_in_one_process_lose_no_update(db: Database) -> None:
    _seed_counter(db)
    start = threading.Barrier(2)
    _run_concurrently(lambda: _increment_many(db, start), lambda: _increment_many(db, start))
    assert _counter(db) == 2 * ROUNDS


def test_writes_from_two_processes_lose_no_update(tmp_path: Path) -> None:
    """Two Database objects on one database share no lock in Python: only the database
    serialises them (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock)."""
    url = database_url(tmp_path, "shared.db")
    first, second = Database(url), Database(url)
    try:
        first.upgrade()
        _seed_counter(first)
        start = threading.Barrier(2)
        _run_concurrently(
            lambda: _increment_many(first, start), lambda: _increment_many(second, start)
        )
        assert _counter(first) == 2 * ROUNDS
        assert _counter(second) == 2 * ROUNDS
    finally:
        first.dispose()
        second.dispose()


def test_a_writer_behind_another_gives_up_after_the_lock_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write opened inside another write (two handles, one thread) fails after the lock
    timeout instead of waiting for ever."""
    monkeypatch.setattr(storage.db, "LOCK_TIMEOUT_SECONDS", 0.3)
    url = database_url(tmp_path, "shared.db")
    first, second = Database(url), Database(url)
    try:
        first.upgrade()
        _seed_counter(first)
        with first.write() as session:
            session.exec(select(PersistedState)).all()
            started = time.monotonic()
            with pytest.raises(OperationalError), second.write() as other:
                other.exec(select(PersistedState)).all()
                state.save(other, namespace="test", key="x", data_json="1", now=NOW)
            assert time.monotonic() - started < 10
        assert _counter(second) == 0
    finally:
        first.dispose()
        second.dispose()


def test_failed_write_is_rolled_back(db: Database) -> None:
    _seed_counter(db)
    with pytest.raises(RuntimeError, match="boom"), db.write() as session:
        row = session.get(PersistedState, COUNTER)
        assert row is not None
        row.data_json = "99"
        session.add(row)
        session.flush()
        raise RuntimeError("boom")
    assert _counter(db) == 0


# ------------------------------------------------------------------ UTCDateTime


def test_utc_datetime_refuses_naive_values(db: Database) -> None:
    column_type = UTCDateTime()
    with pytest.raises(ValueError, match="naive"):
        column_type.process_bind_param(datetime(2027, 1, 5, 9, 0), sqlite.dialect())
    with pytest.raises(StatementError, match="naive"), db.write() as session:
        session.add(Unit(name="Naif", created_at=datetime(2027, 1, 5, 9, 0)))
        session.flush()
    with db.read() as session:
        assert units.find_unit(session, name="Naif") is None


def test_utc_datetime_gives_back_the_same_instant_in_utc(db: Database) -> None:
    with db.write() as session:
        unit = units.create_unit(session, name="Dinas Sosial", now=NOW)
        unit_id = unit.id
    assert unit_id is not None
    with db.read() as session:
        stored = session.get(Unit, unit_id)
        assert stored is not None
        created = stored.created_at
    assert created == NOW
    assert created.tzinfo is not None and created.utcoffset() == timedelta(0)
    assert (created.year, created.month, created.day, created.hour) == (2027, 1, 5, 0)
    with db.engine.connect() as connection:
        raw = connection.execute(text("SELECT created_at FROM unit")).scalar_one()
    assert str(raw).startswith("2027-01-05 00:00:00")


# ---------------------------------------------------------------------- archive


def _store(
    session: Session,
    root: Path,
    content: bytes,
    file_name: str,
    *,
    kind: str = "laporan",
    cycle_id: int | None = None,
) -> Document:
    meta = NewDocument(
        kind=kind, file_name=file_name, mime_type="application/octet-stream", cycle_id=cycle_id
    )
    return archive.store(session, root=root, content=content, meta=meta, now=NOW)


@pytest.mark.parametrize(
    ("file_name", "suffix", "shown"),
    [
        ("../../etc/passwd.xlsx", ".xlsx", "passwd.xlsx"),
        ("laporan akhir.PDF", ".pdf", "laporan akhir.PDF"),
        ("C:\\Users\\ani\\rahasia.docx", ".docx", "rahasia.docx"),
        ("/tmp/x;rm -rf ~.sh x", "", "x;rm -rf ~.sh x"),
        ("tanpa-akhiran", "", "tanpa-akhiran"),
        ("", "", "berkas"),
    ],
)
def test_archive_stores_under_generated_name(
    db: Database, tmp_path: Path, file_name: str, suffix: str, shown: str
) -> None:
    root = tmp_path / "arsip"
    content = b"isi laporan " + file_name.encode()
    with db.write() as session:
        document = _store(session, root, content, file_name)
    path = archive.path_of(root, document)
    assert path.resolve().parent == root.resolve()
    assert path.read_bytes() == content
    assert [p.name for p in root.iterdir()] == [document.stored_name]  # no temporary left
    assert document.stored_name.startswith("202701-")
    assert document.stored_name.endswith(suffix)
    stem = document.stored_name.removesuffix(suffix)
    assert stem.replace("-", "").isalnum() and stem.isascii(), document.stored_name
    for user_text in ("passwd", "etc", "laporan", "akhir", "rahasia", "..", " ", "/", "\\"):
        assert user_text not in document.stored_name
    assert document.file_name == shown
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size_bytes == len(content)
    with db.read() as session:
        again = session.get(Document, document.id)
        assert again is not None and again.stored_name == document.stored_name


def test_archive_stores_the_same_content_once(db: Database, tmp_path: Path) -> None:
    root = tmp_path / "arsip"
    with db.write() as session:
        cycle = cycles.get_or_create_cycle(session, year=2027, now=NOW)
        other = cycles.get_or_create_cycle(session, year=2028, now=NOW)
        first = _store(session, root, b"sama", "a.pdf", cycle_id=cycle.id)
        same = _store(session, root, b"sama", "nama lain.pdf", cycle_id=cycle.id)
        other_kind = _store(session, root, b"sama", "a.pdf", cycle_id=cycle.id, kind="surat")
        other_cycle = _store(session, root, b"sama", "a.pdf", cycle_id=other.id)
        no_cycle = _store(session, root, b"sama", "a.pdf")
        no_cycle_again = _store(session, root, b"sama", "a.pdf")
        different = _store(session, root, b"beda", "a.pdf", cycle_id=cycle.id)
    assert same.id == first.id and same.stored_name == first.stored_name
    assert no_cycle_again.id == no_cycle.id
    distinct = {first.id, other_kind.id, other_cycle.id, no_cycle.id, different.id}
    assert len(distinct) == 5
    assert len(list(root.iterdir())) == 5
    with db.read() as session:
        assert len(list(session.exec(select(Document)))) == 5


def test_display_name() -> None:
    assert archive.display_name("../../etc/passwd.xlsx") == "passwd.xlsx"
    assert archive.display_name("..\\..\\windows\\laporan.pdf") == "laporan.pdf"
    assert archive.display_name("  spasi.pdf  ") == "spasi.pdf"
    assert archive.display_name("") == "berkas"
    assert len(archive.display_name("a" * 300 + ".pdf")) == 255


# ------------------------------------------------------------------------ users


def _invite(
    session: Session, code: str, role: Role, *, unit_id: int | None = None, days: int = 7
) -> Invitation:
    return users.create_invitation(
        session,
        code=code,
        role=role,
        unit_id=unit_id,
        created_by=None,
        created_via="cli",
        now=NOW,
        expires_at=NOW + timedelta(days=days),
    )


def _person(telegram_id: int, name: str = "Maria Wetipo") -> Registration:
    return Registration(
        telegram_id=telegram_id, full_name=name, nip="199001012015031004", position="Staf"
    )


def test_redeem_invitation_registers_once(db: Database) -> None:
    with db.write() as session:
        _invite(session, "kode2345kode2345", Role.TIM)
    with db.write() as session:
        user = users.redeem_invitation(
            session, code="kode2345kode2345", person=_person(101), now=NOW
        )
        assert isinstance(user, User)
        assert (user.role, user.active, user.full_name) == ("tim", True, "Maria Wetipo")
    with db.write() as session:
        second = users.redeem_invitation(
            session, code="kode2345kode2345", person=_person(102, "Orang Lain"), now=NOW
        )
        assert second is InvitationProblem.USED
        unknown = users.redeem_invitation(session, code="tidakada", person=_person(103), now=NOW)
        assert unknown is InvitationProblem.UNKNOWN
    with db.read() as session:
        assert users.get_by_telegram_id(session, 102) is None
        member = users.active_member(session, 101)
        assert member is not None and member.id == user.id
        invitation = users.get_invitation(session, "kode2345kode2345")
        assert invitation is not None
        assert invitation.used_by_user_id == user.id and invitation.used_at == NOW
        assert [e.action for e in audit.entries(session)] == [
            "user.register",
            "invitation.create",
        ]


def test_expired_invitation_is_refused(db: Database) -> None:
    with db.write() as session:
        _invite(session, "lama2345lama2345", Role.PJ, days=1)
    with db.write() as session:
        result = users.redeem_invitation(
            session, code="lama2345lama2345", person=_person(101), now=NOW + timedelta(days=1)
        )
    assert result is InvitationProblem.EXPIRED
    with db.read() as session:
        assert users.get_by_telegram_id(session, 101) is None


def test_deactivated_user_reinvited_comes_back_with_new_role(db: Database) -> None:
    with db.write() as session:
        unit = units.create_unit(session, name="Dinas Kesehatan", now=NOW)
        head = users.redeem_invitation(
            session,
            code=_invite(session, "kepa2345kepa2345", Role.KEPALA).code,
            person=_person(1, "Kepala"),
            now=NOW,
        )
        member = users.redeem_invitation(
            session,
            code=_invite(session, "tim23456tim23456", Role.TIM).code,
            person=_person(2),
            now=NOW,
        )
        assert isinstance(head, User) and isinstance(member, User)
        assert member.id is not None
        users.set_active(session, user_id=member.id, active=False, actor=head, now=NOW)
        member_id = member.id
    with db.read() as session:
        assert users.active_member(session, 2) is None
    later = NOW + timedelta(days=3)
    with db.write() as session:
        _invite(session, "pjpj2345pjpj2345", Role.PJ, unit_id=unit.id)
        again = users.redeem_invitation(
            session,
            code="pjpj2345pjpj2345",
            person=_person(2, "Maria Wetipo, S.T."),
            now=later,
        )
    assert isinstance(again, User)
    assert again.id == member_id
    with db.read() as session:
        back = users.active_member(session, 2)
        assert back is not None and back.id == member_id
        assert (back.role, back.unit_id, back.full_name) == ("pj", unit.id, "Maria Wetipo, S.T.")
        assert back.updated_at == later and back.registered_at == NOW
        assert len(users.list_users(session)) == 2
        entry = audit.entries(session, action="user.register")[0]
        assert entry.before_json is not None and entry.after_json is not None
        before, after = json.loads(entry.before_json), json.loads(entry.after_json)
        assert (before["role"], before["active"]) == ("tim", False)
        assert (after["role"], after["active"], after["unit_id"]) == ("pj", True, unit.id)


def test_change_role_and_set_active_are_audited(db: Database) -> None:
    with db.write() as session:
        unit = units.create_unit(session, name="Dinas Sosial", now=NOW)
        head = users.redeem_invitation(
            session,
            code=_invite(session, "kepa2345kepa2345", Role.KEPALA).code,
            person=_person(1, "Kepala"),
            now=NOW,
        )
        member = users.redeem_invitation(
            session,
            code=_invite(session, "tim23456tim23456", Role.TIM).code,
            person=_person(2),
            now=NOW,
        )
        assert isinstance(head, User) and isinstance(member, User) and member.id is not None
        users.change_role(
            session, user_id=member.id, role=Role.PJ, unit_id=unit.id, actor=head, now=NOW
        )
        users.set_active(session, user_id=member.id, active=False, actor=head, now=NOW)
        users.set_active(session, user_id=member.id, active=True, actor=head, now=NOW)
        with pytest.raises(LookupError):
            users.set_active(session, user_id=999, active=False, actor=head, now=NOW)

    with db.read() as session:
        change = audit.entries(session, action="user.change_role")
        assert len(change) == 1
        assert change[0].actor_user_id == head.id and change[0].actor_label == "Kepala"
        assert change[0].entity_id == str(member.id)
        assert change[0].before_json is not None and change[0].after_json is not None
        before, after = json.loads(change[0].before_json), json.loads(change[0].after_json)
        assert (before["role"], before["unit_id"]) == ("tim", None)
        assert (after["role"], after["unit_id"]) == ("pj", unit.id)
        assert before["nip"] == after["nip"] == "199001012015031004"

        off = audit.entries(session, action="user.deactivate")
        on = audit.entries(session, action="user.activate")
        assert len(off) == len(on) == 1
        assert off[0].before_json is not None and off[0].after_json is not None
        assert json.loads(off[0].before_json)["active"] is True
        assert json.loads(off[0].after_json)["active"] is False
        assert on[0].after_json is not None and json.loads(on[0].after_json)["active"] is True
        assert users.count_active(session, Role.PJ) == 1
        assert users.count_active(session, Role.TIM) == 0


# ------------------------------------------------------------------------ units


def test_sync_units_adds_missing_units_once_and_never_removes(db: Database) -> None:
    entries = [("Dinas Kesehatan", "Dinkes"), ("Inspektorat", "")]
    with db.write() as session:
        units.create_unit(session, name="Dinas Baru dari Bot", short_name="DBB", now=NOW)
        assert units.sync_units(session, entries=entries, now=NOW) == 2
    with db.write() as session:
        assert units.sync_units(session, entries=entries, now=NOW) == 0
        # Same name in other letters is the same unit; a new one is added.
        more = [("dinas kesehatan", "x"), ("Dinas Sosial", "Dinsos"), ("Dinas Sosial", "")]
        assert units.sync_units(session, entries=more, now=NOW) == 1
        # A shorter list removes nothing.
        assert units.sync_units(session, entries=[], now=NOW) == 0
    with db.read() as session:
        names = [u.name for u in units.list_units(session)]
        assert names == ["Dinas Baru dari Bot", "Dinas Kesehatan", "Dinas Sosial", "Inspektorat"]
        found = units.find_unit(session, name=" dinkes ")
        assert found is not None and found.name == "Dinas Kesehatan"


def test_inactive_units_are_kept(db: Database) -> None:
    with db.write() as session:
        unit = units.create_unit(session, name="Dinas Lama", now=NOW)
        unit.active = False
        session.add(unit)
        assert units.sync_units(session, entries=[("Dinas Lama", "")], now=NOW) == 0
    with db.read() as session:
        assert units.list_units(session) == []
        assert [u.name for u in units.list_units(session, active_only=False)] == ["Dinas Lama"]


# ------------------------------------------------------------------------ state


def test_state_save_load_delete(db: Database) -> None:
    later = NOW + timedelta(hours=1)
    with db.write() as session:
        state.save(session, namespace="user_data", key="101", data_json='{"a": 1}', now=NOW)
        state.save(session, namespace="user_data", key="102", data_json='{"b": 2}', now=NOW)
        state.save(session, namespace="chat_data", key="101", data_json="{}", now=NOW)
    with db.read() as session:
        assert state.load_namespace(session, "user_data") == {"101": '{"a": 1}', "102": '{"b": 2}'}
        assert state.load_one(session, "chat_data", "101") == "{}"
        assert state.load_one(session, "chat_data", "102") is None
        assert state.load_namespace(session, "conversations") == {}

    with db.write() as session:
        state.save(session, namespace="user_data", key="101", data_json='{"a": 2}', now=later)
        state.save(session, namespace="user_data", key="102", data_json='{"b": 2}', now=later)
    with db.read() as session:
        changed = session.get(PersistedState, ("user_data", "101"))
        unchanged = session.get(PersistedState, ("user_data", "102"))
        assert changed is not None and unchanged is not None
        assert changed.data_json == '{"a": 2}' and changed.updated_at == later
        assert unchanged.updated_at == NOW

    with db.write() as session:
        state.delete(session, namespace="user_data", key="101")
        state.delete(session, namespace="user_data", key="tidak-ada")
    with db.read() as session:
        assert state.load_namespace(session, "user_data") == {"102": '{"b": 2}'}
        assert state.load_one(session, "chat_data", "101") == "{}"


def test_held_uploads_are_kept_until_released_and_tokens_are_checked(tmp_path: Path) -> None:
    token = archive.hold(tmp_path, b"isi")
    assert archive.held(tmp_path, token) == b"isi"
    assert archive.held(tmp_path, "../../etc/passwd") is None
    assert archive.held(tmp_path, "0" * 24) is None
    archive.release(tmp_path, token)
    assert archive.held(tmp_path, token) is None


def test_approval_options_keep_their_past_tense_label(db: Database) -> None:
    from bot.approvals.rules import Option
    from storage import approvals

    options = [Option("approve", "✅ Setujui", done_label="✅ Disetujui")]
    with db.write() as session:
        request, _ = approvals.create_request(
            session,
            kind="uji",
            subject_id=1,
            title="Uji",
            summary="Ringkasan",
            decider_role=Role.KEPALA.value,
            options=options,
            requested_by=None,
            now=NOW,
        )
        assert approvals.options_of(request) == options
        # A request stored before options had a past-tense label still reads.
        request.options_json = json.dumps([["approve", "✅ Setujui", False]])
        assert approvals.options_of(request) == [Option("approve", "✅ Setujui")]

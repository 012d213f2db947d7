"""Upgrading a database that holds data: rows written at revision 0001 and at a middle
revision survive the upgrade to the newest, and the running bot reads them. On SQLite, and
on PostgreSQL when ``KINERJA_TEST_POSTGRES`` is set (``tests/databases.py``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from bot.core.roles import Role
from bot.ops.database import head_revision
from bot.sop.steps import StepState
from storage import approvals, cycles, units, users
from storage.db import Database
from storage.models import Cycle, PlanRevision, User
from tests.databases import database_url
from tests.harness import Harness

PJ = 5000000001
HEAD = 5000000002


def _at(database: Database, moment: str) -> str:
    """A timestamp literal as that revision's code wrote it: naive UTC text in SQLite,
    an aware value on PostgreSQL."""
    return f"'{moment}'" if database.is_sqlite else f"'{moment}+00'"


def _insert(database: Database, *statements: str) -> None:
    """Rows with the ids they had. The old code drew those ids from PostgreSQL's sequences;
    the sequences are moved past them as that drawing did."""
    with database.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
            table = statement.split()[2]
            if not database.is_sqlite:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )


def _revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _rows_of_0001(db: Database) -> None:
    t = _at(db, "2026-11-25 01:00:00")
    _insert(
        db,
        "INSERT INTO unit (id, name, short_name, active, created_at) "
        f"VALUES (7, 'Dinas Kesehatan', 'Dinkes', TRUE, {t})",
        "INSERT INTO app_user (id, telegram_id, role, unit_id, full_name, nip, position, active, "
        f"registered_at, updated_at) VALUES (3, {PJ}, 'pj', 7, 'Maria Wetipo', "
        f"'199001012015031004', 'Kepala Seksi', TRUE, {t}, {t})",
        "INSERT INTO app_user (id, telegram_id, role, unit_id, full_name, nip, position, active, "
        f"registered_at, updated_at) VALUES (4, {HEAD}, 'kepala', NULL, 'Yulius Kogoya', "
        f"'197406102000031002', 'Kepala UKPBJ', TRUE, {t}, {t})",
        "INSERT INTO audit_log (id, at, actor_user_id, actor_label, action, entity, entity_id, "
        f"before_json, after_json) VALUES (21, {t}, 3, 'Maria Wetipo', 'user.register', "
        "'user', '3', NULL, '{\"role\": \"pj\"}')",
    )


def _rows_of_0004(db: Database) -> None:
    t = _at(db, "2026-12-01 02:00:00")
    options = json.dumps([["approve", "Setujui", False], ["revise", "Perbaiki", True]])
    _insert(
        db,
        f"INSERT INTO cycle (id, year, created_at) VALUES (1, 2027, {t})",
        "INSERT INTO step_state (id, cycle_id, step_no, state, note, updated_at, "
        f"updated_by_user_id) VALUES (1, 1, 1, 'berjalan', 'disusun', {t}, 3)",
        "INSERT INTO plan_revision (id, cycle_id, number, status, created_at, "
        f"created_by_user_id, updated_at) VALUES (5, 1, 1, 'submitted', {t}, 3, {t})",
        "INSERT INTO approval_request (id, kind, subject_id, title, summary, decider_role, "
        "options_json, status, requested_by_user_id, requested_at, decision, comment, "
        f"acting_title, messages_json) VALUES (9, 'rencana', 5, 'Rencana 2027', '', "
        f"'kepala', '{options}', 'pending', 3, {t}, '', '', '', '[]')",
    )


async def test_an_old_database_with_data_upgrades_to_the_newest_and_the_bot_reads_it(
    tmp_path: Path,
) -> None:
    url = database_url(tmp_path, "old.db", empty=True)
    old = Database(url)
    try:
        old.upgrade("0001")
        _rows_of_0001(old)
        old.upgrade("0004")
        _rows_of_0004(old)
    finally:
        old.dispose()

    new = Database(url)
    try:
        new.upgrade()
        assert _revision(new) == head_revision()
        with new.read() as session:
            user = session.get(User, 3)
            assert user is not None and (user.telegram_id, user.unit_id) == (PJ, 7)
            assert user.updated_at == datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
            assert [u.name for u in units.list_units(session)] == ["Dinas Kesehatan"]
            cycle = session.get(Cycle, 1)
            assert cycle is not None and cycle.closed_at is None
            assert cycles.step_states(session, cycle_id=1) == {1: StepState.BERJALAN}
            revision = session.get(PlanRevision, 5)
            assert revision is not None and revision.status == "submitted"
            request = approvals.get_request(session, 9)
            assert request is not None
            assert [o.key for o in approvals.options_of(request)] == ["approve", "revise"]
            # The sequences go on after the old ids: new rows do not collide with them.
            assert users.get_by_telegram_id(session, HEAD) is not None
    finally:
        new.dispose()

    bot = Harness(tmp_path, database=url)
    await bot.start()
    try:
        new_user = await bot.registered(2001, Role.TIM, name="Yohana Itlay")
        assert new_user.telegram_id == 2001
        shown = await bot.person(PJ, "Maria").command("bantuan")
        assert "Maria Wetipo" in shown[0].plain
        shown = await bot.person(HEAD, "Yulius").command("persetujuan")
        assert "Rencana 2027" in "\n".join(s.plain for s in shown)
    finally:
        await bot.stop()
    assert bot.errors == []

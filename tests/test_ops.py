"""Running on a server: the data folder never depends on the working directory,
`kinerja-bot doctor`, `backup` and `restore` (also while the bot writes)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.settings import Settings
from storage import audit
from storage.db import Database
from tests.botapi_server import running_server
from tests.cli_runner import Outcome, cli_runner
from tests.databases import database_url

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "987654321:AAE2e-SeCrEt-ToKeN_must_never_be_printed"
AT = datetime(2027, 1, 5, tzinfo=UTC)


@pytest.fixture
def cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Outcome]]:
    """``cli("doctor")`` runs main() in an empty folder, data in ``tmp_path/data`` (the
    database there too on SQLite; a database of its own on PostgreSQL)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("DATABASE_URL", database_url(tmp_path / "data"))
    with cli_runner(capsys) as run:
        yield run


def _database(folder: Path, *, empty: bool = False) -> Database:
    return Database(database_url(folder, empty=empty))


def _write_rows(database: Database, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        with database.write() as session:
            audit.record(
                session, at=AT, actor_label="test", action="row", entity="t", entity_id=number
            )


def _rows(url: str) -> list[tuple[int, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, entity_id FROM audit_log ORDER BY id"))
            return [(int(a), str(b)) for a, b in rows]
    finally:
        engine.dispose()


# --- paths ---------------------------------------------------------------------------------


def test_the_data_folder_sits_beside_the_profile_whatever_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KINERJA_DATA_DIR")
    profile = tmp_path / "etc" / "profil.toml"
    seen = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        settings = Settings(_env_file=None, kinerja_config=Path("../etc/profil.toml"))
        seen.append((settings.database_url, settings.kinerja_archive_dir, settings.data_dir))
    data = profile.parent / "data"
    assert seen[0] == seen[1] == (f"sqlite:///{data / 'kinerja.db'}", data / "arsip", data)


def test_without_a_profile_the_data_folder_is_in_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KINERJA_DATA_DIR")
    monkeypatch.chdir(tmp_path)
    settings = Settings(_env_file=None)
    assert settings.data_dir == ROOT / "data"
    assert settings.database_url == f"sqlite:///{ROOT / 'data' / 'kinerja.db'}"


def test_data_dir_database_url_and_archive_dir_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KINERJA_DATA_DIR")
    monkeypatch.chdir(tmp_path)
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"KINERJA_DATA_DIR={tmp_path / 'srv'}\nDATABASE_URL=\nKINERJA_ARCHIVE_DIR=\n"
    )
    settings = Settings(_env_file=env_file)
    assert settings.database_url == f"sqlite:///{tmp_path / 'srv' / 'kinerja.db'}"
    assert settings.kinerja_archive_dir == tmp_path / "srv" / "arsip"
    # The older settings still win when set; a relative path is taken from beside the
    # profile, not from the working directory.
    profile = tmp_path / "etc" / "profil.toml"
    settings = Settings(
        _env_file=None,
        kinerja_config=profile,
        database_url="sqlite:///db/k.db",
        kinerja_archive_dir="dokumen",
    )
    assert settings.database_url == f"sqlite:///{profile.parent / 'db' / 'k.db'}"
    assert settings.kinerja_archive_dir == profile.parent / "dokumen"
    other = "postgresql+psycopg://kinerja:rahasia@db.local/kinerja"
    assert Settings(_env_file=None, database_url=other).database_url == other


def test_running_from_another_folder_finds_the_same_database(tmp_path: Path) -> None:
    profile = tmp_path / "etc" / "profil.toml"
    profile.parent.mkdir()
    profile.write_bytes((ROOT / "templates" / "profil-contoh-jayawijaya.toml").read_bytes())
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "KINERJA_CONFIG": str(profile),
    }
    outputs = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        result = subprocess.run(
            [sys.executable, "-m", "bot", "upgrade-db"],
            cwd=tmp_path / folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    # The second run finds the schema the first created.
    assert "kosong / empty ->" in outputs[0]
    assert "already at head" in outputs[1]
    assert str(tmp_path / "etc" / "data" / "kinerja.db") in outputs[1]
    assert outputs[0].rsplit("(", 1)[1] == outputs[1].rsplit("(", 1)[1]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == []


# --- doctor --------------------------------------------------------------------------------


def test_doctor_reports_settings_paths_schema_lease_and_a_missing_token(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    assert cli("upgrade-db").code == 0
    result = cli("doctor")
    assert result.code == 1
    shown = make_url(database_url(tmp_path / "data")).render_as_string(hide_password=True)
    assert f"DATABASE_URL = {shown}" in result.out
    assert f"{tmp_path / 'data' / 'arsip'}" in result.out
    assert "mutakhir / up to date" in result.out
    assert "Pemegang lease / Lease holder: tidak ada / none" in result.out
    assert "TELEGRAM_BOT_TOKEN tidak diatur" in result.out
    assert "1 masalah" in result.out


def test_doctor_checks_the_token_and_never_prints_it(
    cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("upgrade-db").code == 0
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with running_server(TOKEN) as server:
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.url)
        result = cli("doctor")
    assert result.code == 0, result.out
    assert "Token: sah, bot @KinerjaPbjBot" in result.out
    assert "TELEGRAM_BOT_TOKEN = *** (diatur / set)" in result.out
    assert "Semua pemeriksaan lolos" in result.out
    assert TOKEN not in result.out + result.err
    assert TOKEN.split(":")[1] not in result.out + result.err


def test_doctor_reports_a_network_error_in_one_line(
    cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:9")
    result = cli("doctor")
    assert result.code == 1
    failed = [line for line in result.out.splitlines() if line.startswith("Token:")]
    assert len(failed) == 1 and "getMe gagal" in failed[0] and "NetworkError" in failed[0]
    assert "Traceback" not in result.out + result.err
    assert TOKEN not in result.out + result.err


def test_doctor_names_an_old_schema_and_the_lease_holder(
    cli: Callable[..., Outcome], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = _database(tmp_path / "data", empty=True)
    monkeypatch.setenv("DATABASE_URL", database.url)
    database.upgrade("0015")  # the lease table is there, the newest migrations are not
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO instance_lease (name, holder, acquired_at, expires_at) VALUES "
                "('bot', 'server-1 pid 4242', '2026-01-01 00:00:00', '2999-01-01 00:00:00')"
            )
        )
    database.dispose()
    result = cli("doctor")
    assert result.code == 1
    assert "Skema / Schema: 0015" in result.out
    assert "kinerja-bot upgrade-db" in result.out
    assert "server-1 pid 4242" in result.out


# --- backup and restore: the lease ---------------------------------------------------------


def test_a_restored_backup_carries_no_lease_of_the_bot_that_ran(
    cli: Callable[..., Outcome], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lease row in a backup is stale by definition: restoring it (twice, right after
    the backup) is not refused as "in use", and the restored database has no holder."""
    database = _database(tmp_path / "data")
    database.upgrade()
    _write_rows(database, 3)
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO instance_lease (name, holder, acquired_at, expires_at) VALUES "
                "('bot', 'server-1 pid 77', '2026-01-01 00:00:00', '2999-01-01 00:00:00')"
            )
        )
    database.dispose()
    out = tmp_path / "c.tar.gz"
    assert cli("backup", str(out)).code == 0  # while the bot holds its lease
    fresh = tmp_path / "baru"
    url = database_url(fresh, empty=True)
    monkeypatch.setenv("KINERJA_DATA_DIR", str(fresh))
    monkeypatch.setenv("DATABASE_URL", url)
    for _ in range(2):
        result = cli("restore", "--force", str(out))
        assert result.code == 0, result.err
        assert "server-1 pid 77" not in result.err
    assert len(_rows(url)) == 3
    doctor = cli("doctor")
    assert "Pemegang lease / Lease holder: tidak ada / none" in doctor.out
    assert "server-1 pid 77" not in doctor.out

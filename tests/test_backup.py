"""`kinerja-bot backup OUT` and `restore IN`: a consistent copy taken while the bot writes,
restored into a fresh folder; what restore refuses."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tarfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.ops.database import schema
from storage.db import Database
from tests.cli_runner import Outcome
from tests.databases import database_url, on_postgresql
from tests.test_ops import _database, _rows, _write_rows, cli

__all__ = ["cli"]


def _archive_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _world(tmp_path: Path, url: str | None = None) -> Database:
    """A live database with rows and an archive folder with files."""
    database = _database(tmp_path / "data") if url is None else Database(url)
    database.upgrade()
    _write_rows(database, 20)
    archive = tmp_path / "data" / "arsip"
    (archive / "tertunda").mkdir(parents=True)
    (archive / "202701-aa.pdf").write_bytes(b"%PDF-1.4 surat\n")
    (archive / "tertunda" / "x.bin").write_bytes(bytes(range(256)) * 100)
    return database


@pytest.mark.parametrize("suffix", [".tar.gz", ".zip"])
def test_backup_while_the_bot_writes_restores_into_a_fresh_folder(
    cli: Callable[..., Outcome],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    database = _world(tmp_path)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        while not stop.is_set():
            _write_rows(database, 1, start=1000 + written[0])
            written[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 5:
            stop.wait(0.01)
        out = tmp_path / f"cadangan{suffix}"
        result = cli("backup", str(out))
        during = written[0]
    finally:
        stop.set()
        thread.join()
        database.dispose()
    assert result.code == 0, result.err
    assert "2 berkas arsip" in result.out
    assert (zipfile.is_zipfile if suffix == ".zip" else tarfile.is_tarfile)(out)
    assert out.stat().st_mode & 0o777 == 0o600  # every person's data: the owner's only
    assert during > 5  # the bot kept writing while the copy was taken

    fresh = tmp_path / "baru"
    monkeypatch.setenv("KINERJA_DATA_DIR", str(fresh))
    monkeypatch.setenv("DATABASE_URL", database_url(fresh, empty=True))
    result = cli("restore", str(out))
    assert result.code == 0, result.err
    restored = _rows(database_url(fresh, empty=True))
    live = _rows(database.url)
    # A consistent snapshot: the first rows of the live database, none missing between.
    assert 25 <= len(restored) <= len(live)
    assert restored == live[: len(restored)]
    if not on_postgresql():  # (psql stops at the first error: ON_ERROR_STOP)
        connection = sqlite3.connect(fresh / "kinerja.db")
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
    assert _archive_files(fresh / "arsip") == _archive_files(tmp_path / "data" / "arsip")
    # The restored data opens and is at the newest schema.
    result = cli("doctor")
    assert "mutakhir / up to date" in result.out


def test_backup_refuses_an_existing_file_and_a_wrong_name(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    _world(tmp_path).dispose()
    out = tmp_path / "c.tar.gz"
    out.write_bytes(b"lama")
    result = cli("backup", str(out))
    assert result.code == 2 and "--force" in result.err
    assert out.read_bytes() == b"lama"
    assert cli("backup", "--force", str(out)).code == 0
    assert tarfile.is_tarfile(out)
    result = cli("backup", str(tmp_path / "c.rar"))
    assert result.code == 2 and ".tar.gz" in result.err


def test_restore_refuses_an_existing_database_and_a_live_lease(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    database = _world(tmp_path)
    out = tmp_path / "c.zip"
    assert cli("backup", str(out)).code == 0
    _write_rows(database, 3, start=500)
    result = cli("restore", str(out))
    assert result.code == 2 and "--force" in result.err
    assert len(_rows(database_url(tmp_path / "data"))) == 23

    with database.engine.begin() as connection:
        connection.execute(  # the table is in the schema (migration 0015): a live holder
            text(
                "INSERT INTO instance_lease (name, holder, acquired_at, expires_at) VALUES "
                "('bot', 'server-1 pid 77', '2026-01-01 00:00:00', '2999-01-01 00:00:00')"
            )
        )
    result = cli("restore", "--force", str(out))
    assert result.code == 2 and "server-1 pid 77" in result.err
    assert len(_rows(database_url(tmp_path / "data"))) == 23

    with database.engine.begin() as connection:
        connection.execute(text("UPDATE instance_lease SET expires_at = '2001-01-01 00:00:00'"))
    database.dispose()
    result = cli("restore", "--force", str(out))
    assert result.code == 0, result.err
    assert len(_rows(database_url(tmp_path / "data"))) == 20


def test_restore_refuses_while_another_process_writes(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    """A bot in the middle of a write transaction: SQLite's write lock, or on PostgreSQL the
    advisory lock every write takes."""
    _world(tmp_path).dispose()
    out = tmp_path / "c.tar.gz"
    assert cli("backup", str(out)).code == 0
    writer = _database(tmp_path / "data")
    try:
        with writer.write() as session:
            session.execute(text("SELECT 1"))  # the transaction (and its lock) begins
            result = cli("restore", "--force", str(out))
    finally:
        writer.dispose()
    assert result.code == 2 and "sedang ditulis" in result.err
    assert len(_rows(database_url(tmp_path / "data"))) == 20


def _rewrite_zip(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, change(name, old.read(name)))


def test_restore_checks_the_manifest(
    cli: Callable[..., Outcome], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _world(tmp_path).dispose()
    good = tmp_path / "c.zip"
    assert cli("backup", str(good)).code == 0
    shutil.rmtree(tmp_path / "data")
    target = database_url(tmp_path / "data", empty=True)  # a new server's empty database
    monkeypatch.setenv("DATABASE_URL", target)

    damaged = tmp_path / "rusak.zip"
    _rewrite_zip(good, damaged, lambda n, b: b"X" + b[1:] if n.endswith(".pdf") else b)
    result = cli("restore", str(damaged))
    assert result.code == 2 and "202701-aa.pdf" in result.err and "manifest" in result.err

    def escape(name: str, content: bytes) -> bytes:
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        manifest["files"][1]["name"] = "arsip/../../../tmp/x"
        return json.dumps(manifest).encode()

    hostile = tmp_path / "jahat.zip"
    _rewrite_zip(good, hostile, escape)
    result = cli("restore", str(hostile))
    assert result.code == 2 and "Bukan berkas cadangan" in result.err

    result = cli("restore", str(tmp_path / "tidak-ada.zip"))
    assert result.code == 2 and "tidak ditemukan" in result.err
    not_a_backup = tmp_path / "x.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as bundle:
        bundle.addfile(tarfile.TarInfo("lain.txt"), io.BytesIO(b""))
    result = cli("restore", str(not_a_backup))
    assert result.code == 2 and "Bukan berkas cadangan" in result.err
    if on_postgresql():
        assert schema(target).current is None
    else:
        assert not (tmp_path / "data" / "kinerja.db").exists()


def test_postgresql_backup_without_pg_dump_says_what_to_install(
    cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://kinerja:rahasia@127.0.0.1:9/kinerja")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = cli("backup", str(tmp_path / "c.tar.gz"))
    assert result.code == 2
    assert "pg_dump tidak ditemukan" in result.err and "postgresql-client" in result.err
    assert "rahasia" not in result.err

"""`kinerja-bot restore IN [--force]`: check a backup against its manifest, refuse to
overwrite a database in use (the lease of the target database, checked before loading),
and put the database and the archived files back, without the backed-up bot's lease."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.ops import texts
from bot.ops.backup import (
    ARCHIVE_PREFIX,
    PG_MEMBER,
    BackupError,
    Done,
    extract,
    open_members,
    read_manifest,
    run_pg,
)
from bot.ops.database import (
    backend,
    being_written,
    drop_lease,
    lease,
    pg_being_written,
    schema,
    sqlite_file,
)
from bot.settings import Settings


def restore(settings: Settings, source: Path, *, force: bool, now: datetime) -> Done:
    """Restore ``source`` into the database and archive folder the settings name."""
    if not source.is_file():
        raise BackupError(texts.RESTORE_NOT_FOUND.format(path=source))
    url = settings.database_url
    with open_members(source) as opener:
        manifest = read_manifest(opener)
        kind = manifest["database"]["kind"]
        if kind != backend(url):
            raise BackupError(texts.RESTORE_KIND_MISMATCH.format(kind=kind, backend=backend(url)))
        target = sqlite_file(url)
        exists = target.is_file() if target is not None else _server_has_schema(url)
        if exists and not force:
            raise BackupError(texts.RESTORE_EXISTS.format(path=target or "PostgreSQL"))
        _refuse_if_in_use(url, target if exists else None, now)
        staging_root = target.parent if target is not None else settings.data_dir
        staging_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".restore-", dir=staging_root) as folder:
            staging = Path(folder)
            for number, entry in enumerate(manifest["files"]):
                extract(opener, entry, staging / str(number))
            _refuse_if_in_use(url, target if exists else None, now)
            _put_database(url, target, staging / "0", manifest)
            archive_dir = settings.kinerja_archive_dir
            count = 0
            for number, entry in enumerate(manifest["files"]):
                name = str(entry["name"])
                if name.startswith(ARCHIVE_PREFIX):
                    destination = archive_dir / name.removeprefix(ARCHIVE_PREFIX)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(staging / str(number), destination)
                    count += 1
    return Done(files=count, revision=manifest["database"].get("revision"))


def _server_has_schema(url: str) -> bool:
    return schema(url).current is not None


def _refuse_if_in_use(url: str, existing: Path | None, now: datetime) -> None:
    """A live lease holder, or (SQLite) another process holding the write lock."""
    if existing is None and backend(url) == "sqlite":
        return
    held = lease(url, now)
    if held is not None and held.live:
        raise BackupError(texts.RESTORE_LEASE_HELD.format(holder=held.holder))
    if existing is not None and being_written(existing):
        raise BackupError(texts.RESTORE_BUSY)
    if backend(url) == "postgresql" and pg_being_written(url):
        raise BackupError(texts.RESTORE_BUSY)


def _put_database(url: str, target: Path | None, staged: Path, manifest: dict[str, Any]) -> None:
    if manifest["database"]["member"] == PG_MEMBER or target is None:
        run_pg(
            "psql",
            texts.RESTORE_NO_PSQL,
            texts.RESTORE_PSQL_FAILED,
            ["-v", "ON_ERROR_STOP=1", "--quiet", "--file", str(staged)],
            url,
        )
        drop_lease(url)  # a backup made before this release may still carry one
        return
    check = sqlite3.connect(staged)
    try:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if verdict != "ok":
        raise BackupError(texts.RESTORE_MISMATCH.format(name=manifest["database"]["member"]))
    drop_lease(f"sqlite:///{staged}")  # a backup made before this release may still carry one
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    staged.replace(target)

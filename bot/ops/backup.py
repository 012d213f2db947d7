"""`kinerja-bot backup OUT` and `kinerja-bot restore IN`: one archive file (.tar.gz or .zip)
with a consistent copy of the live database, every file of the archive folder, and
``manifest.json`` listing each member with its size and sha256.

The database is copied first (SQLite's online backup API, which reads one consistent
snapshot while the bot keeps writing; ``pg_dump`` on PostgreSQL), the archive folder after:
a document the copy names was written to the folder before its row was committed, so it
is in the backup too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from bot.ops import texts
from bot.ops.database import LEASE_TABLE, backend, drop_lease, schema, sqlite_file
from bot.settings import Settings

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_MEMBER = "database/kinerja.db"
PG_MEMBER = "database/pg_dump.sql"
ARCHIVE_PREFIX = "arsip/"
SUFFIXES = (".tar.gz", ".tgz", ".zip")
_CHUNK = 1 << 20


class BackupError(Exception):
    """Why a backup or a restore was refused or failed, in words for the operator."""


@dataclass(frozen=True)
class Done:
    """What a backup wrote or a restore put back."""

    files: int
    revision: str | None


def is_backup_name(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- backup ---------------------------------------------------------------------------


def backup(settings: Settings, out: Path, *, now: datetime) -> Done:
    """Write the backup to ``out`` (through a temporary file moved into place)."""
    url = settings.database_url
    with tempfile.TemporaryDirectory(prefix="kinerja-backup-") as folder:
        staging = Path(folder)
        members: list[tuple[str, Path]] = [(_dump_database(url, staging), staging / "db")]
        archive_dir = settings.kinerja_archive_dir
        if archive_dir.is_dir():
            for path in sorted(p for p in archive_dir.rglob("*") if p.is_file()):
                name = ARCHIVE_PREFIX + path.relative_to(archive_dir).as_posix()
                members.append((name, path))
        revision = schema(_staged_url(url, staging)).current
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "database": {"kind": backend(url), "member": members[0][0], "revision": revision},
            "files": [
                {"name": name, "size": path.stat().st_size, "sha256": sha256_of(path)}
                for name, path in members
            ],
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        partial = out.with_name(out.name + ".tmp")
        try:
            as_zip = out.name.lower().endswith(".zip")
            _write(partial, [(MANIFEST, staging / MANIFEST), *members], as_zip=as_zip)
            # It holds every person's data: readable by its owner only.
            partial.chmod(0o600)
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
    return Done(files=len(members) - 1, revision=revision)


def _dump_database(url: str, staging: Path) -> str:
    """Copy the database to ``staging/db``; returns its member name in the backup."""
    kind = backend(url)
    if kind == "sqlite":
        source = sqlite_file(url)
        if source is None or not source.is_file():
            raise BackupError(texts.BACKUP_NO_DATABASE.format(path=source or url))
        live = sqlite3.connect(source, timeout=30)
        copy = sqlite3.connect(staging / "db")
        try:
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
            live.close()
        drop_lease(f"sqlite:///{staging / 'db'}")  # the running bot's lease stays behind
        return SQLITE_MEMBER
    if kind == "postgresql":
        run_pg(
            "pg_dump",
            texts.BACKUP_NO_PG_DUMP,
            texts.BACKUP_PG_DUMP_FAILED,
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                # The running bot's lease stays behind: restored, it would look in use.
                f"--exclude-table-data={LEASE_TABLE}",
                "--file",
                str(staging / "db"),
            ],
            url,
        )
        return PG_MEMBER
    raise BackupError(texts.BACKUP_UNSUPPORTED.format(backend=kind))


def _staged_url(url: str, staging: Path) -> str:
    """Where the copy's schema revision is read: the SQLite copy, or the live server."""
    return f"sqlite:///{staging / 'db'}" if backend(url) == "sqlite" else url


def run_pg(program: str, missing: str, failed: str, args: list[str], url: str) -> None:
    found = shutil.which(program)
    if found is None:
        raise BackupError(missing)
    from sqlalchemy.engine import make_url

    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run(
        [found, "--dbname", libpq, *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines() or ["?"]
        raise BackupError(failed.format(error=lines[-1]))


def _write(target: Path, members: list[tuple[str, Path]], *, as_zip: bool) -> None:
    if as_zip:
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name, path in members:
                bundle.write(path, name)
        return
    with tarfile.open(target, "w:gz") as bundle:
        for name, path in members:
            bundle.add(path, arcname=name, recursive=False)


# --- restore --------------------------------------------------------------------------


@contextmanager
def open_members(source: Path) -> Iterator[Any]:
    """An opener ``open(name) -> binary file or None`` over a .zip or .tar.gz."""
    try:
        if zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as bundle:
                names = set(bundle.namelist())
                yield lambda name: bundle.open(name) if name in names else None
            return
        with tarfile.open(source, "r:*") as bundle:
            yield lambda name: _tar_member(bundle, name)
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(texts.RESTORE_UNREADABLE.format(error=exc)) from None


def _tar_member(bundle: tarfile.TarFile, name: str) -> IO[bytes] | None:
    try:
        member = bundle.getmember(name)
    except KeyError:
        return None
    return bundle.extractfile(member) if member.isfile() else None


def read_manifest(opener: Any) -> dict[str, Any]:
    handle = opener(MANIFEST)
    if handle is None:
        raise BackupError(texts.RESTORE_UNREADABLE.format(error=MANIFEST))
    try:
        manifest = json.loads(handle.read().decode("utf-8"))
        files = manifest["files"]
        database = manifest["database"]
        assert manifest["format"] == FORMAT and isinstance(files, list)
        assert database["member"] in {SQLITE_MEMBER, PG_MEMBER}
        assert files and files[0]["name"] == database["member"]
        for entry in files:
            _check_name(str(entry["name"]))
            assert isinstance(entry["sha256"], str) and isinstance(entry["size"], int)
    except (ValueError, KeyError, TypeError, AssertionError) as exc:
        raise BackupError(texts.RESTORE_UNREADABLE.format(error=exc or MANIFEST)) from None
    return dict(manifest)


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    allowed = name in {SQLITE_MEMBER, PG_MEMBER} or name.startswith(ARCHIVE_PREFIX)
    if not allowed or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise AssertionError(name)


def extract(opener: Any, entry: dict[str, Any], target: Path) -> None:
    """Copy one member to ``target``, checking its size and sha256 against the manifest."""
    handle = opener(entry["name"])
    if handle is None:
        raise BackupError(texts.RESTORE_MISMATCH.format(name=entry["name"]))
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with handle, target.open("wb") as out:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > entry["size"]:
                break
            digest.update(chunk)
            out.write(chunk)
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(texts.RESTORE_MISMATCH.format(name=entry["name"]))

"""The operator commands `doctor`, `backup OUT` and `restore IN` of `kinerja-bot`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from bot.core.clock import SystemClock
from bot.ops import texts
from bot.ops.backup import BackupError, backup, is_backup_name
from bot.ops.doctor import doctor
from bot.ops.restore import restore
from bot.settings import Settings

EXIT_REFUSED = 2
COMMANDS = ("doctor", "backup", "restore")


def add_commands(commands: Any) -> None:
    """Add the commands to the parser's subparsers."""
    commands.add_parser("doctor", help=texts.DOCTOR_HELP)
    save = commands.add_parser("backup", help=texts.BACKUP_HELP)
    save.add_argument("out", metavar="BERKAS", help=texts.BACKUP_OUT_HELP)
    save.add_argument("--force", action="store_true", help=texts.BACKUP_FORCE_HELP)
    load = commands.add_parser("restore", help=texts.RESTORE_HELP)
    load.add_argument("source", metavar="BERKAS", help=texts.RESTORE_IN_HELP)
    load.add_argument("--force", action="store_true", help=texts.RESTORE_FORCE_HELP)


def dispatch(settings: Settings, args: argparse.Namespace) -> int | None:
    """Run the command when it is one of these; None otherwise."""
    now = SystemClock().now()
    try:
        if args.command == "doctor":
            return doctor(settings, now)
        if args.command == "backup":
            return _backup(settings, Path(args.out), force=args.force, now=now)
        if args.command == "restore":
            done = restore(settings, Path(args.source), force=args.force, now=now)
            print(
                texts.RESTORE_DONE.format(
                    database=make_url(settings.database_url).render_as_string(hide_password=True),
                    count=done.files,
                    archive=settings.kinerja_archive_dir,
                    revision=done.revision or "-",
                )
            )
            return 0
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    return None


def _backup(settings: Settings, out: Path, *, force: bool, now: Any) -> int:
    if not is_backup_name(out) or out.is_dir() or not out.resolve().parent.is_dir():
        raise BackupError(texts.BACKUP_BAD_PATH.format(path=out))
    if out.exists() and not force:
        raise BackupError(texts.BACKUP_EXISTS.format(path=out))
    try:
        done = backup(settings, out, now=now)
    except OSError as exc:
        raise BackupError(
            texts.BACKUP_WRITE_FAILED.format(path=out, error=exc.strerror or exc)
        ) from None
    print(texts.BACKUP_DONE.format(path=out, count=done.files, revision=done.revision or "-"))
    return 0

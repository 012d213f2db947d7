"""The `kinerja-bot` command: run the bot, create invitations, upgrade the database, verify
a document against the archive, export a cycle's archive."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import logging
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from telegram import Bot
from telegram.error import TelegramError

from bot import start, texts
from bot.app import build_services
from bot.archive.export import export_year
from bot.core.dates import format_datetime
from bot.core.profile import ProfileError
from bot.core.roles import Role, parse_role, role_needs_unit
from bot.core.signing import format_code, read_code
from bot.letters.kinds import LetterKind
from bot.ops import cli as ops_cli
from bot.ops import texts as ops_texts
from bot.ops.database import NotAtHead, require_head, schema
from bot.people.invitation_rules import DEFAULT_LIFETIME, deep_link, new_code, parse_lifetime
from bot.planning.usecases import Seeded, seed_starter_plan
from bot.services import Services
from bot.settings import Settings
from bot.sop.cycle_rules import planning_default_year
from bot.sop.steps import StepsFileError
from storage import archive, audit, cycles, units, users
from storage.db import Database
from storage.models import Document

logger = logging.getLogger(__name__)

EXIT_CONFIG = 2
EXIT_NOT_FOUND = 1
EXIT_INCOMPLETE = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja-bot", description=texts.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help=texts.CLI_RUN_HELP)
    invite = commands.add_parser("invite", help=texts.CLI_INVITE_HELP)
    invite.add_argument("--role", required=True, help=texts.CLI_ROLE_HELP)
    invite.add_argument("--unit", help=texts.CLI_UNIT_HELP)
    invite.add_argument("--create-unit", action="store_true", help=texts.CLI_CREATE_UNIT_HELP)
    invite.add_argument("--expires", default="7d", help=texts.CLI_EXPIRES_HELP)
    invite.add_argument("--ganti-kepala", action="store_true", help=texts.CLI_REPLACE_HEAD_HELP)
    commands.add_parser("upgrade-db", help=texts.CLI_UPGRADE_HELP)
    seed = commands.add_parser("seed-example", help=texts.CLI_SEED_HELP)
    seed.add_argument("--year", type=int, help=texts.CLI_SEED_YEAR_HELP)
    verify = commands.add_parser("verify", help=texts.CLI_VERIFY_HELP)
    verify.add_argument("target", metavar="BERKAS", help=texts.CLI_VERIFY_TARGET_HELP)
    export = commands.add_parser("export-archive", help=texts.CLI_EXPORT_HELP)
    export.add_argument("--year", type=int, required=True, help=texts.CLI_EXPORT_YEAR_HELP)
    export.add_argument("--force", action="store_true", help=texts.CLI_EXPORT_FORCE_HELP)
    export.add_argument("out", metavar="BERKAS.zip", help=texts.CLI_EXPORT_OUT_HELP)
    ops_cli.add_commands(commands)
    return parser


def _services(settings: Settings) -> Services:
    """The services over a database at the newest schema (or an empty one, created now);
    ``NotAtHead`` when it is behind: only `upgrade-db` migrates, never under a running bot."""
    require_head(settings.database_url)
    return build_services(settings)


def _upgrade(settings: Settings) -> int:
    """`upgrade-db`: bring the schema to the newest revision and say from which."""
    url = settings.database_url
    database = Database(url)  # creates a SQLite file's folder
    try:
        before = schema(url).current
        database.upgrade()
    finally:
        database.dispose()
    after = schema(url).current
    if before == after:
        print(ops_texts.UPGRADE_CURRENT.format(head=after, url=_safe_url(url)))
    else:
        before_text = before or ops_texts.DOCTOR_SCHEMA_NONE
        print(ops_texts.UPGRADE_DONE.format(before=before_text, after=after, url=_safe_url(url)))
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_CONFIG


def _run(settings: Settings) -> int:
    return start.run(settings)


async def _bot_username(settings: Settings) -> str | None:
    token = settings.telegram_bot_token
    if token is None:
        return None
    kwargs = {}
    if settings.api_base_url():
        kwargs["base_url"] = settings.api_base_url()
    try:
        async with Bot(token.get_secret_value(), **kwargs) as bot:  # type: ignore[arg-type]
            return bot.username
    except TelegramError as exc:
        error = _redact(str(exc), token.get_secret_value())
        print(texts.CLI_USERNAME_UNAVAILABLE.format(error=error), file=sys.stderr)
        return None


def _invite(settings: Settings, args: argparse.Namespace) -> int:
    try:
        role = parse_role(args.role)
        lifetime = parse_lifetime(args.expires) if args.expires else DEFAULT_LIFETIME
    except ValueError as exc:
        return _fail(str(exc))
    if role_needs_unit(role) and not args.unit:
        return _fail(texts.CLI_UNIT_REQUIRED)
    if not role_needs_unit(role) and args.unit:
        return _fail(texts.CLI_UNIT_NOT_ALLOWED.format(role=role.value))
    if args.ganti_kepala and role is not Role.KEPALA:
        return _fail(texts.CLI_REPLACE_ONLY_HEAD)
    svc: Services = _services(settings)
    _sync_profile_units(svc)
    made = _store_invitation(svc, args, role, lifetime)
    if isinstance(made, str):
        return _fail(made)
    code, expires_at, unit_name, head_name = made
    values = {
        "role": texts.ROLE_NAMES[role],
        "unit": f" — {unit_name}" if unit_name else "",
        "expires": format_datetime(expires_at, svc.profile.timezone),
        "code": code,
    }
    username = asyncio.run(_bot_username(settings))
    if username:
        print(texts.CLI_INVITE_LINK.format(link=deep_link(username, code), **values))
    else:
        print(texts.CLI_INVITE_CODE.format(**values))
    if head_name is not None:
        print(texts.CLI_INVITE_REPLACES.format(name=head_name))
    return 0


def _store_invitation(
    svc: Services, args: argparse.Namespace, role: Role, lifetime: timedelta
) -> tuple[str, datetime, str | None, str | None] | str:
    """One transaction: the unit (added with --create-unit) and the invitation; returns the
    code, its expiry, the unit's name and the head it replaces, or why it was refused."""
    now = svc.now()
    with svc.db.write() as session:
        unit = None
        if args.unit:
            unit = units.find_unit(session, name=args.unit)
            if unit is None and not args.create_unit:
                known = ", ".join(u.short_name or u.name for u in units.list_units(session))
                return texts.CLI_UNIT_UNKNOWN.format(name=args.unit, known=known or "-")
            if unit is None:
                unit = units.create_unit(session, name=args.unit, now=now)
                assert unit.id is not None
                audit.record(
                    session,
                    at=now,
                    actor_label="cli",
                    action="unit.create",
                    entity="unit",
                    entity_id=unit.id,
                    after={"name": unit.name},
                )
                print(texts.CLI_UNIT_CREATED.format(name=unit.name))
        head = users.active_head(session) if role is Role.KEPALA else None
        head_name = None if head is None else head.full_name
        if head_name is not None and not args.ganti_kepala:
            return texts.CLI_HEAD_EXISTS.format(name=head_name)
        invitation = users.create_invitation(
            session,
            code=new_code(),
            role=role,
            unit_id=None if unit is None else unit.id,
            created_by=None,
            created_via="cli",
            now=now,
            expires_at=now + lifetime,
            replaces_head=args.ganti_kepala,
        )
        return invitation.code, invitation.expires_at, getattr(unit, "name", None), head_name


def _seed_example(settings: Settings, year: int | None) -> int:
    """Load the starter plan into an empty plan of the year (by default the year /rencana
    opens: next year from 1 October, else this year)."""
    svc = _services(settings)
    plan_year = year or planning_default_year(svc.today())
    seeded = seed_starter_plan(svc, year=plan_year, actor_id=None)
    if not isinstance(seeded, Seeded):
        return _fail(texts.CLI_SEED_NOT_EMPTY.format(year=plan_year))
    print(
        texts.CLI_SEEDED.format(
            year=plan_year, indicators=seeded.indicators, actions=seeded.actions
        )
    )
    return 0


def _describe(svc: Services, document: Document) -> str:
    zone = svc.profile.timezone
    return texts.CLI_VERIFY_DOCUMENT.format(
        kind=texts.DOCUMENT_KIND_NAMES.get(document.kind, texts.DOCUMENT_KIND_OTHER),
        number=document.number or "-",
        signed_by=document.signed_by or "-",
        signed_as=document.signed_as or "-",
        signed_at="-" if document.signed_at is None else format_datetime(document.signed_at, zone),
        code=format_code(document.verification_code) if document.verification_code else "-",
        archived_at=format_datetime(document.created_at, zone),
        sha256=document.sha256,
    )


# Archived kinds that are documents approved and signed in the bot (older ones were archived
# before the signature was recorded with them).
SIGNED_KINDS = frozenset({*(kind.archive_kind for kind in LetterKind), "rencana_disetujui"})


def _describe_upload(svc: Services, document: Document) -> str:
    with svc.db.read() as session:
        uploader = (
            None
            if document.uploaded_by_user_id is None
            else users.get_user(session, document.uploaded_by_user_id)
        )
    return texts.CLI_VERIFY_UPLOAD_LINE.format(
        kind=texts.DOCUMENT_KIND_NAMES.get(document.kind, texts.DOCUMENT_KIND_OTHER),
        by=uploader.full_name if uploader else "-",
        at=format_datetime(document.created_at, svc.profile.timezone),
    )


def _verify(settings: Settings, target: str) -> int:
    """Is the file (or the verification code) an archived document? Exit 1 when not."""
    path = Path(target)
    content = path.read_bytes() if path.is_file() else None
    code = read_code(target) if content is None else None
    if content is None and code is None:
        return _fail(texts.CLI_VERIFY_NO_TARGET.format(name=target))
    svc = _services(settings)
    with svc.db.read() as session:
        if content is not None:
            documents = archive.find_by_content(session, content)
        else:
            found = archive.find_by_code(session, code or "")
            documents = [] if found is None else [found]
    # Only what was signed in the bot is "authentic"; the archive also keeps uploads
    # (evidence, workbooks, photos), and a file someone uploaded proves nothing.
    signed = [
        d
        for d in documents
        if d.verification_code or d.signed_at is not None or d.kind in SIGNED_KINDS
    ]
    if not signed:
        if content is not None:
            digest = hashlib.sha256(content).hexdigest()
            if documents:
                print(texts.CLI_VERIFY_ONLY_UPLOADED.format(name=path.name, sha256=digest))
                for document in documents:
                    print(_describe_upload(svc, document))
            else:
                print(texts.CLI_VERIFY_NOT_FOUND.format(name=path.name, sha256=digest))
        else:
            print(texts.CLI_VERIFY_CODE_NOT_FOUND.format(code=format_code(code or "")))
        return EXIT_NOT_FOUND
    documents = signed
    if content is not None:
        print(texts.CLI_VERIFY_AUTHENTIC)
    else:
        print(texts.CLI_VERIFY_CODE_FOUND.format(code=format_code(code or "")))
    for document in documents:
        print()
        print(_describe(svc, document))
        if not archive.is_intact(svc.archive_dir, document):
            print(texts.CLI_VERIFY_ARCHIVE_CHANGED)
    return 0


def _export_archive(settings: Settings, args: argparse.Namespace) -> int:
    """Every file of a cycle in a zip with index.xlsx; exit 3 when some were missing."""
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        return _fail(texts.CLI_EXPORT_BAD_PATH.format(path=out))
    if out.exists() and not args.force:
        return _fail(texts.CLI_EXPORT_EXISTS.format(path=out))
    svc = _services(settings)
    try:
        exported = export_year(svc, year=args.year, out=out)
    except OSError as exc:
        return _fail(texts.CLI_EXPORT_WRITE_FAILED.format(path=out, error=exc.strerror or exc))
    if exported is None:
        with svc.db.read() as session:
            known = ", ".join(str(c.year) for c in cycles.list_cycles(session))
        return _fail(texts.CLI_EXPORT_NO_CYCLE.format(year=args.year, known=known or "-"))
    print(texts.CLI_EXPORTED.format(year=exported.year, count=exported.written, path=out))
    if not exported.missing:
        return 0
    print(texts.CLI_EXPORT_MISSING.format(count=len(exported.missing)), file=sys.stderr)
    for name in exported.missing:
        print(texts.CLI_EXPORT_MISSING_LINE.format(name=name), file=sys.stderr)
    return EXIT_INCOMPLETE


def _sync_profile_units(svc: Services) -> None:
    with svc.db.write() as session:
        units.sync_units(
            session, entries=[(u.name, u.short_name) for u in svc.profile.units], now=svc.now()
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m bot``."""
    args = _parser().parse_args(argv)
    settings = Settings()
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    start.quiet_loggers(settings)
    if settings.telegram_bot_token is not None:
        # PTB logs (and raises) errors that quote the token, e.g. when it is rejected.
        secret = settings.telegram_bot_token.get_secret_value()
        for handler in logging.getLogger().handlers:
            handler.setFormatter(_RedactingFormatter(handler.formatter, secret))
    try:
        if args.command == "run":
            return _run(settings)
        if args.command == "invite":
            return _invite(settings, args)
        if args.command == "seed-example":
            return _seed_example(settings, args.year)
        if args.command == "verify":
            return _verify(settings, args.target)
        if args.command == "export-archive":
            return _export_archive(settings, args)
        if args.command in ops_cli.COMMANDS:
            return ops_cli.dispatch(settings, args) or 0
        return _upgrade(settings)
    except NotAtHead as exc:
        return _fail(str(exc))
    except (ProfileError, StepsFileError) as exc:
        return _fail(texts.CLI_CONFIG_ERROR.format(error=exc))


def _safe_url(url: str) -> str:
    """The database URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


_redact = start.redact


class _RedactingFormatter(logging.Formatter):
    """Formats as ``inner`` does, then masks the secret (tracebacks included)."""

    def __init__(self, inner: logging.Formatter | None, secret: str) -> None:
        super().__init__()
        self._inner = inner or logging.Formatter()
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return _redact(self._inner.format(record), self._secret)

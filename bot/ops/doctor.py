"""`kinerja-bot doctor`: the settings in force (token masked), the paths, the schema version,
the instance lease holder and the token, checked with getMe. Exit 1 on any problem."""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.ops import texts
from bot.ops.database import lease, schema, sqlite_file
from bot.ops.token import check_token
from bot.settings import Settings

EXIT_PROBLEMS = 1


def doctor(settings: Settings, now: datetime) -> int:
    """Print the report; returns the exit code (0 when nothing is wrong)."""
    problems = 0
    print(texts.DOCTOR_SETTINGS)
    for name, value in _settings_in_force(settings):
        print(texts.DOCTOR_SETTING.format(name=name, value=value))
    print(texts.DOCTOR_PATHS)
    database = sqlite_file(settings.database_url)
    paths = [("data", settings.data_dir), ("archive", settings.kinerja_archive_dir)]
    if database is not None:
        paths.insert(1, ("database", database))
    for label, path in paths:
        state, bad = _state(path)
        problems += bad
        print(
            texts.DOCTOR_PATH.format(label=texts.DOCTOR_PATH_LABELS[label], path=path, state=state)
        )
    profile = settings.kinerja_config
    print(
        texts.DOCTOR_PATH.format(
            label=texts.DOCTOR_PATH_LABELS["profile"],
            path=profile.resolve() if profile else texts.DOCTOR_PROFILE_EXAMPLE,
            state=texts.DOCTOR_PATH_EXISTS
            if profile is None or profile.is_file()
            else texts.DOCTOR_PATH_MISSING,
        )
    )
    problems += _profile_problem(settings)
    if database is None or database.is_file():
        problems += _schema_and_lease(settings.database_url, now)
    problems += asyncio.run(_token(settings))
    print(texts.DOCTOR_PROBLEMS.format(count=problems) if problems else texts.DOCTOR_OK)
    return EXIT_PROBLEMS if problems else 0


def _settings_in_force(settings: Settings) -> list[tuple[str, str]]:
    shown = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if name == "telegram_bot_token":
            text = texts.DOCTOR_UNSET if value is None else texts.DOCTOR_SECRET
        elif name == "database_url":
            text = make_url(value).render_as_string(hide_password=True)
        else:
            text = texts.DOCTOR_UNSET if value is None or value == "" else str(value)
        shown.append((name.upper(), text))
    return shown


def _state(path: Path) -> tuple[str, int]:
    if not path.exists():
        return texts.DOCTOR_PATH_MISSING, 0
    if not os.access(path, os.W_OK):
        return texts.DOCTOR_PATH_READONLY, 1
    return texts.DOCTOR_PATH_OK, 0


def _profile_problem(settings: Settings) -> int:
    from bot.core.profile import ProfileError, load_profile

    try:
        load_profile(settings.kinerja_config)
    except ProfileError as exc:
        print(texts.DOCTOR_PROFILE_ERROR.format(error=exc))
        return 1
    return 0


def _schema_and_lease(url: str, now: datetime) -> int:
    try:
        found = schema(url)
        held = lease(url, now)
    except Exception as exc:  # any driver's error: the report goes on
        print(texts.DOCTOR_SCHEMA_ERROR.format(error=str(exc).splitlines()[0]))
        return 1
    if not found.known:
        verdict, problem = texts.DOCTOR_SCHEMA_UNKNOWN, 1
    elif found.current != found.head:
        verdict, problem = texts.DOCTOR_SCHEMA_BEHIND, 1
    else:
        verdict, problem = texts.DOCTOR_SCHEMA_OK, 0
    print(
        texts.DOCTOR_SCHEMA.format(
            current=found.current or texts.DOCTOR_SCHEMA_NONE, head=found.head, verdict=verdict
        )
    )
    print(
        texts.DOCTOR_LEASE.format(holder=texts.DOCTOR_LEASE_NONE if held is None else held.holder)
    )
    return problem


async def _token(settings: Settings) -> int:
    if settings.telegram_bot_token is None:
        print(texts.DOCTOR_TOKEN_MISSING)
        return 1
    username, error = await check_token(settings)
    if error is not None:
        print(texts.DOCTOR_TOKEN_FAILED.format(error=error))
        return 1
    print(texts.DOCTOR_TOKEN_OK.format(username=username))
    return 0

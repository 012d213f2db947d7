"""Settings read once from the environment (and a `.env` file), never from code.

The `.env` file is the one in the source checkout (beside ``pyproject.toml``), found from
this module's location, never one in the working directory: every `kinerja-bot` command
reads the same settings wherever it is started. Environment variables win over it.

Paths never depend on the working directory: the data folder (``KINERJA_DATA_DIR``) defaults
to ``data/`` beside the profile (``KINERJA_CONFIG``; without one, beside the source checkout,
else ``~/.local/share/kinerja-bot``), and the database and the archive default to files in it.
``DATABASE_URL`` and ``KINERJA_ARCHIVE_DIR`` still win when set; a relative path in them, or in
``KINERJA_DATA_DIR``, is taken from the folder the data folder defaults beside.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

DEFAULT_DATABASE_URL = "sqlite:///data/kinerja.db"
DATABASE_FILE = "kinerja.db"
ARCHIVE_FOLDER = "arsip"
# The checkout (the folder with pyproject.toml) this package runs from, and its `.env`.
CHECKOUT = Path(__file__).resolve().parent.parent
ENV_FILE: Path | None = CHECKOUT / ".env" if (CHECKOUT / "pyproject.toml").is_file() else None
# Blank values of these mean "not set": the defaults below the data folder apply.
_PATH_SETTINGS = ("database_url", "kinerja_archive_dir", "kinerja_data_dir")


class Settings(BaseSettings):
    """Every setting the bot reads; `.env.example` lists them with explanations."""

    model_config = SettingsConfigDict(
        env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    telegram_api_base_url: str | None = None
    telegram_file_base_url: str | None = None
    telegram_local_mode: bool = False
    kinerja_config: Path | None = None
    kinerja_archive_dir: Path = Path("data/arsip")
    kinerja_data_dir: Path | None = None
    kinerja_operator_chat_ids: str = ""
    kinerja_approval_overdue_days: int = 3
    kinerja_report_deadline_days: int = 10
    log_level: str = "INFO"
    # How often `run` tries to reach the Bot API at start (getMe, deleteWebhook) before
    # giving up, with back-off between tries; -1: keep trying (a weak link comes back).
    kinerja_bootstrap_retries: int = -1

    @field_validator(
        "telegram_bot_token",
        "telegram_api_base_url",
        "telegram_file_base_url",
        "kinerja_config",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @model_validator(mode="before")
    @classmethod
    def _blank_paths_are_unset(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {
                key: value
                for key, value in data.items()
                if not (
                    str(key).lower() in _PATH_SETTINGS
                    and isinstance(value, str)
                    and not value.strip()
                )
            }
        return data

    @model_validator(mode="after")
    def _resolve_paths(self) -> Settings:
        """Absolute data folder, database file and archive, whatever the working directory."""
        base = self.base_dir()
        given = self.model_fields_set
        data_dir = self.kinerja_data_dir
        self.kinerja_data_dir = (
            (base / "data") if data_dir is None else base / data_dir.expanduser()
        )
        if "database_url" not in given:
            self.database_url = f"sqlite:///{self.kinerja_data_dir / DATABASE_FILE}"
        else:
            self.database_url = _absolute_sqlite_url(self.database_url, base)
        if "kinerja_archive_dir" not in given:
            self.kinerja_archive_dir = self.kinerja_data_dir / ARCHIVE_FOLDER
        else:
            self.kinerja_archive_dir = base / self.kinerja_archive_dir.expanduser()
        return self

    def base_dir(self) -> Path:
        """The folder the data folder defaults beside: the profile's, else the source
        checkout's (where ``pyproject.toml`` is), else ``~/.local/share/kinerja-bot``."""
        if self.kinerja_config is not None:
            return self.kinerja_config.expanduser().resolve().parent
        if (CHECKOUT / "pyproject.toml").is_file():
            return CHECKOUT
        home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(home) / "kinerja-bot"

    @property
    def data_dir(self) -> Path:
        """The data folder (absolute)."""
        assert self.kinerja_data_dir is not None
        return self.kinerja_data_dir

    @property
    def operator_chat_ids(self) -> tuple[int, ...]:
        """Chats told about incidents (comma-separated ids in KINERJA_OPERATOR_CHAT_IDS)."""
        ids = []
        for part in self.kinerja_operator_chat_ids.replace(";", ",").split(","):
            part = part.strip()
            if part.isascii() and part.removeprefix("-").isdigit():
                ids.append(int(part))
        return tuple(ids)

    def api_base_url(self) -> str | None:
        """The Bot API base URL for PTB (which appends the token), or None for Telegram's own."""
        return _with_suffix(self.telegram_api_base_url, "/bot")

    def file_base_url(self) -> str | None:
        """Where files are downloaded from: the setting, or derived from the API server's URL."""
        if self.telegram_file_base_url:
            return _with_suffix(self.telegram_file_base_url, "/file/bot")
        if self.telegram_api_base_url:
            root = self.telegram_api_base_url.rstrip("/").removesuffix("/bot")
            return root + "/file/bot"
        return None


def _absolute_sqlite_url(url: str, base: Path) -> str:
    """A SQLite URL whose relative file path is taken from ``base``; others unchanged."""
    parsed = make_url(url)
    database = parsed.database
    if (
        parsed.get_backend_name() != "sqlite"
        or not database
        or database == ":memory:"
        or database.startswith("file:")
        or Path(database).is_absolute()
    ):
        return url
    return parsed.set(database=str(base / database)).render_as_string(hide_password=False)


def _with_suffix(url: str | None, suffix: str) -> str | None:
    """Accept ``http://host:8081`` as well as ``http://host:8081/bot``."""
    if not url:
        return None
    url = url.rstrip("/")
    return url if url.endswith(suffix) else url + suffix

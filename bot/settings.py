"""Settings read once from the environment (and a `.env` file), never from code."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///data/kinerja.db"


class Settings(BaseSettings):
    """Every setting the bot reads; `.env.example` lists them with explanations."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    telegram_api_base_url: str | None = None
    telegram_file_base_url: str | None = None
    telegram_local_mode: bool = False
    kinerja_config: Path | None = None
    kinerja_archive_dir: Path = Path("data/arsip")
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

    @field_validator("kinerja_archive_dir", mode="before")
    @classmethod
    def _blank_archive_is_default(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return "data/arsip"
        return value

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


def _with_suffix(url: str | None, suffix: str) -> str | None:
    """Accept ``http://host:8081`` as well as ``http://host:8081/bot``."""
    if not url:
        return None
    url = url.rstrip("/")
    return url if url.endswith(suffix) else url + suffix

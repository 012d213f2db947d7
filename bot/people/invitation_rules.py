"""Rules for one-time invitation codes."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# Telegram deep-link payloads allow [A-Za-z0-9_-] up to 64 characters. 16 characters
# from this 31-letter alphabet (no look-alikes such as 0/o, 1/l/i) give about 79 bits:
# unguessable, and short enough to read out.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 16
DEFAULT_LIFETIME = timedelta(days=7)
MAX_LIFETIME = timedelta(days=90)


def new_code() -> str:
    """A fresh random invitation code."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))


def looks_like_code(text: str) -> bool:
    """Whether a /start payload has the shape of one of our codes (cheap pre-check)."""
    return re.fullmatch(r"[A-Za-z0-9_-]{4,64}", text) is not None


class InvitationProblem(StrEnum):
    """Why an invitation cannot be used."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"
    HEAD_EXISTS = "head_exists"


@dataclass(frozen=True)
class InvitationFacts:
    """What the rule needs to know of a stored invitation."""

    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


def head_invitation_allowed(*, head_exists: bool, replaces_head: bool) -> bool:
    """One Kepala UKPBJ at a time: a head's invitation is made, or used, while a head is active
    only when it explicitly replaces that head (acting heads are named with /plh instead)."""
    return replaces_head or not head_exists


def invitation_problem(facts: InvitationFacts | None, now: datetime) -> InvitationProblem | None:
    """None when the invitation can be redeemed now, else the reason it cannot."""
    if facts is None:
        return InvitationProblem.UNKNOWN
    if facts.revoked_at is not None:
        return InvitationProblem.REVOKED
    if facts.used_at is not None:
        return InvitationProblem.USED
    if now >= facts.expires_at:
        return InvitationProblem.EXPIRED
    return None


_DURATION = re.compile(r"^\s*(\d+)\s*([dhm]|hari|jam|menit)?\s*$", re.IGNORECASE)


def parse_lifetime(text: str) -> timedelta:
    """``7d``, ``48h``, ``30m`` (or ``7 hari``) as a timedelta; ValueError when out of range."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"masa berlaku tidak dikenali: {text!r} (contoh: 7d, 48h)")
    amount = int(match.group(1))
    unit = (match.group(2) or "d").lower()
    if unit in ("d", "hari"):
        lifetime = timedelta(days=amount)
    elif unit in ("h", "jam"):
        lifetime = timedelta(hours=amount)
    else:
        lifetime = timedelta(minutes=amount)
    if lifetime <= timedelta(0) or lifetime > MAX_LIFETIME:
        raise ValueError("masa berlaku harus lebih dari 0 dan paling lama 90 hari")
    return lifetime


def deep_link(bot_username: str, code: str) -> str:
    """The link that opens the bot and sends ``/start <code>``."""
    return f"https://t.me/{bot_username}?start={code}"

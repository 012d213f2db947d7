"""Who signed a document in the bot, in which capacity, and its verification code.

A letter or the planning document becomes final when the head (or an acting head, Plh. or
Plt.) approves it in the bot. The final PDF names the signatory in the capacity they had
(their own position, "Plh."/"Plt." of the head's position, and "a.n." of another official
when the profile says so for that kind of document) and carries a note saying who approved
it in the bot and when, with a short verification code stored with the archived file.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.dates import format_datetime
from bot.core.profile import OrgProfile, Signatory

# Easy to read out and type: no 0/O, 1/I/L or U.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8


def new_verification_code() -> str:
    """A random code of :data:`CODE_LENGTH` characters, stored without its dash."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``7KQ4M9XD`` as printed: ``7KQ4-M9XD``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) == CODE_LENGTH else code


def read_code(text: str) -> str | None:
    """The stored form of a typed code (any case, dashes and spaces ignored), or None."""
    code = "".join(ch for ch in text.upper() if ch not in " -")
    if len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code):
        return code
    return None


def _digits(nip: str) -> str:
    return "".join(ch for ch in nip if ch.isdigit())


def acting_prefix(acting: str) -> str:
    """``Plh.`` for ``Plh`` (as the approvals record it), ``""`` for none."""
    acting = acting.strip().rstrip(".")
    return f"{acting}." if acting else ""


def capacity_lines(position: str, *, acting: str = "", on_behalf_of: str = "") -> tuple[str, ...]:
    """The lines above a signature: ``a.n. <official>`` when set, then the position (with
    ``Plh.``/``Plt.`` when acting) and a comma."""
    lines = [f"a.n. {on_behalf_of}"] if on_behalf_of else []
    return (*lines, f"{acting_prefix(acting)} {position}".strip() + ",")


@dataclass(frozen=True)
class Decision:
    """Who signed, in which capacity (``acting``: Plt/Plh or empty) and when."""

    user_id: int | None
    name: str
    acting: str
    at: datetime | None


@dataclass(frozen=True)
class Approval:
    """A document's approval in the bot, as printed on it and kept in the archive.

    ``signatory`` is who the signature block names: the profile's head, or the acting head
    (their own name and NIP, the head's position). ``approved_by`` is the name of the bot
    account that approved. ``acting`` is "", "Plh" or "Plt"; ``on_behalf_of`` the official
    the document is signed "a.n." of, or "".
    """

    signatory: Signatory
    approved_by: str
    acting: str
    on_behalf_of: str
    at: datetime
    code: str

    def capacity_lines(self) -> tuple[str, ...]:
        """The lines above the signature (see :func:`capacity_lines`)."""
        return capacity_lines(
            self.signatory.position, acting=self.acting, on_behalf_of=self.on_behalf_of
        )

    @property
    def capacity(self) -> str:
        """The capacity on one line: ``Plh. Kepala ...`` or ``Kepala ... a.n. Sekretaris ...``."""
        position = f"{acting_prefix(self.acting)} {self.signatory.position}".strip()
        if self.on_behalf_of:
            return f"{position} a.n. {self.on_behalf_of}"
        return position

    def note(self, zone: ZoneInfo) -> str:
        """The approval note printed near the signature, with the verification code (when
        the document has one) as its second paragraph."""
        note = (
            f"Disetujui melalui Kinerja PBJ Bot oleh {self.approved_by} selaku {self.capacity} "
            f"pada {format_datetime(self.at, zone)}."
        )
        return f"{note}\nKode verifikasi: {format_code(self.code)}" if self.code else note


def approval(
    profile: OrgProfile,
    *,
    kind: str,
    acting: str,
    approved_by: str,
    approver_nip: str,
    at: datetime,
    code: str,
) -> Approval:
    """The approval of a document of ``kind`` (a :data:`SIGNED_DOCUMENT_KINDS` name).

    The head in their own right signs as the profile names them (with rank); an acting
    head, or a head who is not the one the profile names (a new head registered through
    "Ganti Kepala UKPBJ" before the profile was updated), signs with their own name and NIP
    in the head's position: a document never names someone who did not approve it.
    """
    head = profile.head
    signatory = head
    is_profile_head = _digits(approver_nip) == _digits(head.nip) or not _digits(approver_nip)
    if acting_prefix(acting) or not is_profile_head:
        signatory = Signatory(name=approved_by, rank="", nip=approver_nip, position=head.position)
    return Approval(
        signatory=signatory,
        approved_by=approved_by,
        acting=acting_prefix(acting).rstrip("."),
        on_behalf_of=profile.signs_on_behalf_of(kind),
        at=at,
        code=code,
    )

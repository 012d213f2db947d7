"""What a person typed so far in registration and /undang (kept in user_data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.access import REGISTRATION_DRAFT
from bot.ui.drafts import Draft


@dataclass
class RegistrationDraft(Draft):
    """The answers of a registration so far; its key lets a stranger through the gate."""

    KEY: ClassVar[str] = REGISTRATION_DRAFT
    VERSION: ClassVar[int] = 1
    code: str
    full_name: str = ""
    nip: str = ""
    position: str = ""

    def complete(self) -> bool:
        return all((self.code, self.full_name, self.nip, self.position))


@dataclass
class InvitationDraft(Draft):
    """Where /undang stands: the role chosen (a ``Role`` value; empty while it is asked)
    and whether the name of a new unit is being typed. Written before each question, so
    after a crash the answer is taken as that question's (``invitations.resume_step``)."""

    KEY: ClassVar[str] = "undang_role"
    VERSION: ClassVar[int] = 1
    role: str = ""
    new_unit: bool = False

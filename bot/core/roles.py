"""The three roles of the SOP and who may invite whom."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A registered user's role; the value is the key stored in the database."""

    KEPALA = "kepala"
    TIM = "tim"
    PJ = "pj"


def parse_role(value: str) -> Role:
    """The role for a key such as ``"pj"``; ValueError for anything else."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise ValueError(f"peran tidak dikenal: {value!r} (pilih kepala, tim, atau pj)") from None


# Who may create an invitation for which role. The head brings in anyone; the team
# brings in colleagues and performance owners but cannot make someone head.
_INVITABLE: dict[Role, tuple[Role, ...]] = {
    Role.KEPALA: (Role.KEPALA, Role.TIM, Role.PJ),
    Role.TIM: (Role.TIM, Role.PJ),
    Role.PJ: (),
}


def invitable_roles(inviter: Role) -> tuple[Role, ...]:
    """Roles that a user with role ``inviter`` may invite."""
    return _INVITABLE[inviter]


def role_needs_unit(role: Role) -> bool:
    """A performance owner always belongs to a unit (OPD); the head and team do not need one."""
    return role is Role.PJ

"""What the package use cases share: a year's cycle, the plan packages map to, step 10."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.packages import texts
from bot.planning.rules.model import Plan
from bot.sop import workflow
from storage import cycles, packages, plans, users
from storage.models import User


def cycle_id_of(session: Session, year: int) -> int | None:
    """The id of the year's cycle, or None while nothing is stored for it."""
    found = cycles.find_cycle(session, year=year)
    return None if found is None else found.id


def plan_for_mapping(session: Session, year: int) -> Plan:
    """The plan packages are mapped against: the approved one (what /lapor reports on), or
    the plan being drafted while none is approved yet."""
    approved = plans.approved_plan(session, year=year)
    return approved if approved is not None else plans.current_plan(session, year=year)[1]


def actor(session: Session, user_id: int) -> User:
    """The member acting (loaded for this update, so present)."""
    found = users.get_user(session, user_id)
    if found is None:
        raise LookupError(f"user {user_id} not found")
    return found


def sync_step(session: Session, *, cycle_id: int, actor_id: int | None, now: datetime) -> None:
    """Step 10 is done when every package of the cycle has a strategic area."""
    found = packages.all_of_cycle(session, cycle_id=cycle_id)
    unmapped = sum(1 for p in found if not p.area_code)
    workflow.packages_synced(
        session,
        cycle_id=cycle_id,
        total=len(found),
        unmapped=unmapped,
        actor_id=actor_id,
        now=now,
        note=texts.PKG_STEP_NOTE.format(count=unmapped),
    )

"""Owners' periodic reports: revisions, late marking, verification."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage import audit
from storage.models import Submission, User

SUBMITTED = "submitted"
ACCEPTED = "accepted"
RETURNED = "returned"
SUPERSEDED = "superseded"


def latest(session: Session, *, package_id: int, period_key: str) -> Submission | None:
    return session.exec(
        select(Submission)
        .where(Submission.package_id == package_id, Submission.period_key == period_key)
        .order_by(col(Submission.revision).desc())
    ).first()


def submit(
    session: Session,
    *,
    cycle_id: int,
    package_id: int,
    period_key: str,
    values: dict[str, Any],
    actions: list[Any],
    constraints: str,
    evidence: list[int],
    via: str,
    late: bool,
    owner: User,
    now: datetime,
) -> Submission:
    """A new revision for the package and period; the previous one is superseded."""
    previous = latest(session, package_id=package_id, period_key=period_key)
    if previous is not None and previous.status == SUBMITTED:
        previous.status = SUPERSEDED
        session.add(previous)
    submission = Submission(
        cycle_id=cycle_id,
        package_id=package_id,
        period_key=period_key,
        revision=1 if previous is None else previous.revision + 1,
        status=SUBMITTED,
        values_json=json.dumps(values, default=str, ensure_ascii=False),
        actions_json=json.dumps(actions, default=str, ensure_ascii=False),
        constraints=constraints,
        evidence_json=json.dumps(evidence),
        via=via,
        late=late,
        submitted_by_user_id=owner.id,
        submitted_at=now,
    )
    session.add(submission)
    session.flush()
    assert submission.id is not None
    audit.record(
        session,
        at=now,
        actor_user_id=owner.id,
        actor_label=owner.full_name,
        action="report.submit",
        entity="submission",
        entity_id=submission.id,
        after={
            "package_id": package_id,
            "period": period_key,
            "revision": submission.revision,
            "late": late,
        },
    )
    return submission


def queue(session: Session, *, cycle_id: int) -> list[Submission]:
    """Submissions waiting for verification, oldest first."""
    return list(
        session.exec(
            select(Submission)
            .where(Submission.cycle_id == cycle_id, Submission.status == SUBMITTED)
            .order_by(col(Submission.submitted_at))
        )
    )


def verify(
    session: Session, *, submission_id: int, accept: bool, note: str, verifier: User, now: datetime
) -> Submission | None:
    """Accept or return a submission that is still waiting (None when it no longer is).

    One conditional UPDATE decides: of two team members deciding at once, exactly one finds
    it waiting, whatever the database's isolation (the other's UPDATE changes no row)."""
    decided = session.connection().execute(
        update(Submission)
        .where(col(Submission.id) == submission_id, col(Submission.status) == SUBMITTED)
        .values(
            status=ACCEPTED if accept else RETURNED,
            verified_by_user_id=verifier.id,
            verified_at=now,
            verification_note=note,
        )
        .execution_options(synchronize_session=False)
    )
    if decided.rowcount != 1:
        return None
    submission = session.get(Submission, submission_id, populate_existing=True)
    assert submission is not None
    audit.record(
        session,
        at=now,
        actor_user_id=verifier.id,
        actor_label=verifier.full_name,
        action="report.accept" if accept else "report.return",
        entity="submission",
        entity_id=submission_id,
        after={"note": note},
    )
    return submission


def reported(session: Session, *, cycle_id: int) -> set[tuple[int, str]]:
    """(package id, period key) of every report of the cycle whose newest revision was not
    returned: what ``latest`` says one package and period at a time, in one query."""
    newest: dict[tuple[int, str], tuple[int, str]] = {}
    rows = session.exec(select(Submission).where(Submission.cycle_id == cycle_id))
    for row in rows:
        key = (row.package_id, row.period_key)
        if key not in newest or newest[key][0] < row.revision:
            newest[key] = (row.revision, row.status)
    return {key for key, (_, status) in newest.items() if status != RETURNED}


def accepted_of_cycle(session: Session, *, cycle_id: int) -> list[Submission]:
    """Every accepted revision of the cycle's reports (the compilation keeps the newest per
    package and period)."""
    return list(
        session.exec(
            select(Submission).where(Submission.cycle_id == cycle_id, Submission.status == ACCEPTED)
        )
    )

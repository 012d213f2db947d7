"""What the team writes in /analisis: an indicator's analysis, a recommendation, removing a
recommendation not decided yet. Each in one transaction that also moves step 14."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from bot.analysis.rules import latest_ended
from bot.analysis.usecases.browse import Card, Scope, read_card, scope, with_result
from bot.services import Services
from bot.sop import workflow
from storage import analysis, users
from storage.analysis import NewRecommendation


@dataclass(frozen=True)
class Removal:
    """The card after removing a recommendation; ``removed`` False when it was already
    gone or decided in the meeting."""

    card: Card
    removed: bool


def update_step(
    svc: Services, session: Session, found: Scope, *, actor_id: int | None, now: datetime
) -> None:
    """Step 14 running, or done when every indicator of the latest ended period(s) has an
    analysis (its note says how many are still missing)."""
    missing: list[str] = []
    for period in latest_ended(found.periods, svc.today()):
        done = {a.indicator_code for a in analysis.of_period(session, found.cycle_id, period.key)}
        left = [i.code for i in found.due(period) if i.code not in done]
        if left:
            missing.append(f"{len(left)} indikator {period.label} belum dianalisis")
    workflow.analysis_saved(
        session,
        cycle_id=found.cycle_id,
        complete=not missing,
        actor_id=actor_id,
        now=now,
        note="; ".join(missing),
    )


def _scope_of(svc: Services, year: int, period_key: str, code: str) -> Scope | None:
    found = scope(svc, year, period_key)
    return found if found is not None and found.indicator(code) is not None else None


def save_analysis(
    svc: Services,
    *,
    actor_id: int,
    year: int,
    period_key: str,
    code: str,
    answers: tuple[str, str, str],
) -> Card | None:
    """Write the indicator's analysis (what happened, causes, method); None when the period
    or indicator is gone."""
    found = _scope_of(svc, year, period_key, code)
    if found is None:
        return None
    now = svc.now()
    with svc.db.write() as session:
        actor = users.get_user(session, actor_id)
        what, causes, method = answers
        analysis.save_analysis(
            session,
            cycle_id=found.cycle_id,
            indicator_code=code,
            period_key=period_key,
            what_happened=what,
            causes=causes,
            method=method,
            actor=actor,
            now=now,
        )
        update_step(svc, session, found, actor_id=actor_id, now=now)
        view = read_card(session, found, code)
    return None if view is None else with_result(svc, view)


def add_recommendation(
    svc: Services,
    *,
    actor_id: int,
    year: int,
    period_key: str,
    code: str,
    what: str,
    who: str,
    due: date,
) -> Card | None:
    """Add a recommendation to the indicator; None when the period or indicator is gone."""
    found = _scope_of(svc, year, period_key, code)
    if found is None:
        return None
    with svc.db.write() as session:
        analysis.add_recommendation(
            session,
            cycle_id=found.cycle_id,
            period_key=period_key,
            new=NewRecommendation(code, what, who, due),
            actor=users.get_user(session, actor_id),
            now=svc.now(),
        )
        view = read_card(session, found, code)
    return None if view is None else with_result(svc, view)


def remove_recommendation(
    svc: Services,
    *,
    actor_id: int,
    year: int,
    period_key: str,
    code: str,
    recommendation_id: int,
) -> Removal | None:
    """Remove one of the indicator's recommendations not decided yet (kept, marked removed)."""
    found = _scope_of(svc, year, period_key, code)
    if found is None:
        return None
    with svc.db.write() as session:
        own = {
            r.id
            for r in analysis.recommendations(session, found.cycle_id, period_key)
            if r.indicator_code == code
        }
        removed = None
        if recommendation_id in own:
            removed = analysis.remove_recommendation(
                session,
                recommendation_id=recommendation_id,
                actor=users.get_user(session, actor_id),
                now=svc.now(),
            )
        after = read_card(session, found, code)
    return None if after is None else Removal(with_result(svc, after), removed is not None)

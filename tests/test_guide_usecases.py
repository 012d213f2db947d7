"""The guide without Telegram: what /tugas, /status and a step button read."""

from __future__ import annotations

from bot.core.roles import Role
from bot.guide import usecases
from bot.guide.callbacks import OpenStep
from bot.guide.usecases import StepCard, StepLookup
from bot.sop.steps import StepState
from tests.harness import Harness


async def test_tasks_status_and_step_cards_through_the_use_cases(bot: Harness) -> None:
    svc = bot.svc
    first = usecases.tasks_of(svc, role=Role.KEPALA)
    assert first.invite_team_first
    assert [c.year for c in first.cycles] == [2027]
    await bot.registered(2001, Role.TIM)
    assert not usecases.tasks_of(svc, role=Role.KEPALA).invite_team_first
    assert not usecases.tasks_of(svc, role=Role.TIM).invite_team_first
    (cycle,) = usecases.cycle_status(svc)
    assert len(cycle.statuses) == 17
    assert cycle.current is not None and cycle.current.step.number == 1
    card = usecases.step_card(svc, year=2027, number=1)
    assert isinstance(card, StepCard)
    assert card.status.state is StepState.BELUM_MULAI and card.changed_at is None
    assert usecases.step_card(svc, year=2027, number=99) is StepLookup.UNKNOWN
    assert usecases.step_card(svc, year=1999, number=1) is StepLookup.STALE


def test_step_buttons_keep_their_form() -> None:
    assert OpenStep(year=2027, number=9).encode() == "step:2027:9"
    assert OpenStep.decode("step:2027:9") == OpenStep(year=2027, number=9)
    for data in ("step:2027:x", "step:2027", "step:1", "step:2027:9:1"):
        assert OpenStep.decode(data) is None

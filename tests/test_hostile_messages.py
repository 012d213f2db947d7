"""Limits in messages match the checks: a text refused for its length is refused with the
limits actually checked (the socialisation agenda said "3-1000 karakter" and refused 301).
No one approves their own submission, and /plh refuses absurd ranges."""

from __future__ import annotations

import pytest

from bot.approvals.rules import DELEGATION_BACKDATE_DAYS, DELEGATION_MAX_DAYS
from bot.core.roles import Role
from bot.devtools.chat import Person
from storage import plans
from tests.harness import Harness
from tests.test_approvals import _request, _revision_status, _seed, _submit
from tests.test_letter_buttons import _signed_invitation
from tests.test_outreach import _approved_plan, _people, _sign_circular


async def test_the_agenda_refusal_names_the_limit_checked(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    await _sign_circular(bot, team, head)
    await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    for answer in ("11/01/2027", "09.00", "Aula Kantor Bupati"):
        await team.send(answer)
    shown = await team.send("A" * 301)
    assert "3-300 karakter" in shown[-1].plain
    assert "1000" not in shown[-1].plain
    shown = await team.send("A" * 300)
    assert "karakter" not in shown[-1].plain


async def test_the_rsvp_note_refusal_names_the_limit_checked(bot: Harness) -> None:
    _, _, owners = await _signed_invitation(bot)
    owner = owners[1]
    await owner.press("Diwakilkan")
    shown = await owner.send("M" * 301)
    assert "3-300 karakter" in shown[-1].plain
    shown = await owner.send("Markus Hilapok")
    assert "Diwakilkan (Markus Hilapok)" in shown[-1].plain


async def _plh_dates(bot: Harness, head: Person) -> None:
    await head.command("plh")
    await head.press("Tunjuk Plt/Plh")
    await head.press("Beni Asso")
    await head.press("Plh")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("01/01/0001 - 31/12/9999", "paling lama 7 hari sebelum"),
        ("01/01/2026 - 10/01/2027", "paling lama 7 hari sebelum"),
        ("05/01/2027 - 31/12/9999", "paling lama 90 hari"),
        ("06/01/2027 - 06/04/2027", "paling lama 90 hari"),
    ],
)
async def test_plh_refuses_absurd_ranges(bot: Harness, typed: str, said: str) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    await bot.registered(2002, Role.TIM, name="Beni Asso")
    await _plh_dates(bot, head)
    shown = await head.send(typed)
    assert said in shown[0].plain, shown[0].plain
    assert DELEGATION_MAX_DAYS == 90 and DELEGATION_BACKDATE_DAYS == 7
    # The longest range allowed is still taken.
    shown = await head.send("06/01/2027 - 05/04/2027")
    assert "Plh Beni Asso ditunjuk" in shown[0].plain


async def test_a_plh_does_not_approve_her_own_submission(bot: Harness) -> None:
    _seed(bot)
    head = await bot.registered(1001, Role.KEPALA)
    deputy = await bot.registered(2002, Role.TIM, name="Beni Asso")
    await _plh_dates(bot, head)
    await head.send("05/01/2027 - 09/01/2027")
    await _submit(deputy)
    request = _request(head)
    for label in ("Setujui", "Minta perubahan"):
        await deputy.press_data(request.callback_data(label), on=request)
        refusal = bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
        assert "Anda sendiri yang mengajukan" in refusal
    assert _revision_status(bot, 1) == plans.SUBMITTED
    # The head decides it.
    await head.press("Setujui", on=request)
    assert _revision_status(bot, 1) == plans.APPROVED

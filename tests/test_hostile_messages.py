"""Limits in messages match the checks: a text refused for its length is refused with the
limits actually checked (the socialisation agenda said "3-1000 karakter" and refused 301)."""

from __future__ import annotations

from tests.harness import Harness
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

"""Buttons and drafts of letters and outreach that outlive a release: the wire formats kept,
stale or forged presses refused with one clear answer, drafts of an earlier version dropped
with nothing stored changed."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot import texts as app_texts
from bot.devtools.chat import Person
from bot.letters.callbacks import (
    ChoosePart,
    EditPart,
    GoToLetter,
    NewLetter,
    OpenReport,
    Preview,
    ShowCard,
    Submit,
)
from bot.letters.documents import InvitationContent
from bot.letters.kinds import LetterKind
from bot.outreach import messages
from bot.outreach import texts as outreach_texts
from bot.outreach.callbacks import Acknowledge, Present, Rsvp, RsvpAnswer, for_every_copy
from storage import outbox, users
from storage.models import Document, Letter, OutboxItem
from tests.harness import Harness
from tests.test_outreach import _approved_plan, _letter, _people, _request, _sign_circular


def test_wire_formats_stay() -> None:
    """Buttons stored in outbox rows and notices sit in chats for weeks."""
    assert GoToLetter(LetterKind.CIRCULAR, 2027).encode() == "ltr:go:edaran:2027"
    assert GoToLetter.decode("ltr:go:edaran:2027") == GoToLetter(LetterKind.CIRCULAR, 2027)
    assert NewLetter(LetterKind.INVITATION, 2027).encode() == "ltr:new:undangan:2027"
    assert [a(5).encode() for a in (ShowCard, Preview, ChoosePart, Submit, OpenReport)] == [
        "ltr:card:5",
        "ltr:pdf:5",
        "ltr:ed:5",
        "ltr:sub:5",
        "ltr:rep:5",
    ]
    assert EditPart(5, "d2").encode() == "ltr:sec:5:d2"
    assert for_every_copy(Acknowledge(0)) == "ack:{item}"
    assert for_every_copy(Present(0)) == "hdr:{item}"
    assert [for_every_copy(Rsvp(0, answer)) for answer in RsvpAnswer] == [
        "rsvp:{item}:hadir",
        "rsvp:{item}:wakil",
        "rsvp:{item}:tidak",
    ]
    assert Rsvp.decode("rsvp:12:wakil") == Rsvp(12, RsvpAnswer.REPRESENTED)
    assert Acknowledge.decode("ack:12") == Acknowledge(12)
    assert Present.decode("hdr:12") == Present(12)
    invitation = InvitationContent((), "", date(2027, 1, 11), "09.00", "Aula", "", "", (), ())
    message = messages.signed_letter(LetterKind.INVITATION, "027/002/UKPBJ/2027", invitation)
    assert message.buttons == (
        (
            ("✅ Hadir", "rsvp:{item}:hadir"),
            ("👤 Diwakilkan", "rsvp:{item}:wakil"),
            ("❌ Tidak hadir", "rsvp:{item}:tidak"),
        ),
    )


async def _signed_invitation(bot: Harness) -> tuple[Person, Person, list[Person]]:
    _approved_plan(bot)
    team, head, owners = await _people(bot)
    await _sign_circular(bot, team, head)
    await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    for answer in ("11/01/2027", "09.00", "Aula Kantor Bupati", "Sosialisasi Kinerja"):
        await team.send(answer)
    await team.press("Ajukan tanda tangan")
    await head.press("Tandatangani", on=_request(head))
    await bot.drain_outbox()
    return team, head, owners


def _copies(bot: Harness, kind: str) -> dict[int | None, OutboxItem]:
    letter = _letter(bot, kind)
    assert letter.broadcast_id is not None
    with bot.svc.db.read() as session:
        items = outbox.items_of(session, broadcast_id=letter.broadcast_id)
    return {item.user_id: item for item in items}


def _uid(bot: Harness, person: Person) -> int:
    with bot.svc.db.read() as session:
        user = users.get_by_telegram_id(session, person.telegram_id)
    assert user is not None and user.id is not None
    return user.id


def _alert(bot: Harness) -> str:
    return str(bot.api.calls_of("answerCallbackQuery")[-1].params.get("text"))


async def test_stale_and_forged_team_buttons_get_one_clear_answer(bot: Harness) -> None:
    team, _, _ = await _signed_invitation(bot)
    invitation = _letter(bot, "undangan")
    card = (await team.command("sosialisasi"))[0]
    for data in (
        "ltr:card:99999",  # a letter that is not there
        "ltr:go:surat:2027",  # no such kind
        f"ltr:open:{invitation.id}",  # a button of the previous version
        f"chk:{invitation.id}:0:1",  # the checklist's previous data
        "out:chk:x:0:1",  # malformed
        "out:att:99999:1",  # no such invitation
        "out:inv:99999",  # no such unit
    ):
        shown = await team.press_data(data, on=card)
        assert shown[-1].plain == app_texts.STALE_BUTTON, data
    shown = await team.press_data(f"ltr:sec:{invitation.id}:opening", on=card)
    assert shown[-1].plain == "Surat Undangan Sosialisasi sudah ditandatangani."


async def test_owners_buttons_answer_only_for_their_own_copy_of_that_letter(
    bot: Harness,
) -> None:
    """A press under a copy of another kind never overwrites that copy's answer."""
    _, _, owners = await _signed_invitation(bot)
    owner = owners[0]
    invitation_copy = _copies(bot, "undangan")[_uid(bot, owner)]
    circular_copy = _copies(bot, "edaran")[_uid(bot, owner)]
    await owner.press("Hadir")
    await owner.press("Sudah diterima")
    on = owner.last
    for data in (
        f"ack:{invitation_copy.id}",
        f"rsvp:{circular_copy.id}:tidak",
        f"hdr:{invitation_copy.id}",
        f"rsvp:{invitation_copy.id}:mungkin",
        "ack:abc",
        "hdr:",
    ):
        await owner.press_data(data, on=on)
        assert _alert(bot) == outreach_texts.LETTER_NOT_YOURS, data
    assert _copies(bot, "undangan")[_uid(bot, owner)].response == "hadir"
    assert _copies(bot, "edaran")[_uid(bot, owner)].response == "diterima"


def _user_data(bot: Harness, person: Person) -> dict[str, object]:
    assert bot.app is not None
    data = bot.app.user_data[person.telegram_id]
    assert isinstance(data, dict)
    return data


async def test_drafts_of_an_earlier_version_are_dropped_and_nothing_stored_changes(
    bot: Harness,
) -> None:
    team, _, owners = await _signed_invitation(bot)
    # Replacing a paragraph: the draft was a plain dict before.
    await team.press("Laporan Sosialisasi", on=(await team.command("sosialisasi"))[0])
    await team.press("Ganti paragraf")
    await team.press("Judul laporan")
    report = _letter(bot, "laporan")
    _user_data(bot, team)["surat_ubah"] = {"id": report.id, "key": "title"}
    shown = await team.send("LAPORAN PELAKSANAAN SOSIALISASI YANG DIUBAH")
    assert shown[-1].plain == app_texts.DRAFT_DROPPED
    assert _letter(bot, "laporan").content_json == report.content_json
    # Photos and notes.
    await team.press("Unggah foto", on=(await team.command("sosialisasi"))[0])
    _user_data(bot, team)["sosialisasi_media"] = {"id": report.id, "photos": 0, "notes": 0}
    shown = await team.send("Catatan yang tidak boleh tersimpan.")
    assert shown[-1].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        assert list(session.exec(select(Document).where(Document.kind.startswith("catatan")))) == []
    # An owner's note to the invitation.
    owner = owners[1]
    await owner.press("Diwakilkan")
    copy = _copies(bot, "undangan")[_uid(bot, owner)]
    _user_data(bot, owner)["rsvp_catatan"] = {"item": copy.id, "answer": "wakil"}
    shown = await owner.send("Markus Hilapok")
    assert shown[-1].plain == app_texts.DRAFT_DROPPED
    assert _copies(bot, "undangan")[_uid(bot, owner)].response == ""


async def test_an_old_invitation_draft_is_dropped_before_anything_is_drafted(
    bot: Harness,
) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    await _sign_circular(bot, team, head)
    await team.command("sosialisasi")
    await team.press("Buat draf Surat Undangan")
    _user_data(bot, team)["sosialisasi_baru"] = {"year": 2027}
    shown = await team.send("11/01/2027")
    assert shown[-1].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        assert list(session.exec(select(Letter).where(Letter.kind == "undangan"))) == []


async def test_a_half_answered_invitation_and_rsvp_survive_a_restart(bot: Harness) -> None:
    """Typed drafts and the conversations' states are kept across a crash."""
    team, _, owners = await _signed_invitation(bot)
    owner = owners[1]
    await owner.press("Diwakilkan")
    await team.press("Laporan Sosialisasi", on=(await team.command("sosialisasi"))[0])
    await team.press("Ganti paragraf")
    await team.press("Judul laporan")
    await bot.restart(graceful=False)
    shown = await team.send("LAPORAN SOSIALISASI PENGELOLAAN KINERJA")
    assert "Paragraf Judul laporan diganti" in shown[-1].plain
    assert "LAPORAN SOSIALISASI PENGELOLAAN KINERJA" in _letter(bot, "laporan").content_json
    shown = await owner.send("Markus Hilapok")
    assert "Diwakilkan (Markus Hilapok)" in shown[-1].plain
    assert _copies(bot, "undangan")[_uid(bot, owner)].response == "wakil"

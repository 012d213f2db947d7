"""What owners receive: the signed circular and invitation (with their buttons), and the call
to say they are present. Each message is stored with its broadcast and sent later by the
outbox, so it is written here, when the broadcast is made."""

from __future__ import annotations

from dataclasses import dataclass

from bot import texts as app_texts
from bot.core.dates import format_date
from bot.letters import texts as letter_texts
from bot.letters.documents import InvitationContent, LetterContent
from bot.letters.kinds import LetterKind
from bot.outreach import texts
from bot.outreach.callbacks import Acknowledge, Present, Rsvp, RsvpAnswer, for_every_copy

Buttons = tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class Message:
    """A broadcast's text and its buttons (label, data with ``{item}`` for each copy)."""

    text: str
    buttons: Buttons


def signed_letter(kind: LetterKind, number: str, content: LetterContent) -> Message:
    """The caption of a signed circular (to acknowledge) or invitation (to answer)."""
    name = letter_texts.LETTER_KIND_NAMES[kind]
    if isinstance(content, InvitationContent):
        text = texts.LETTER_CAPTION_INVITATION.format(
            name=name,
            number=app_texts.esc(number),
            when=format_date(content.day),
            place=app_texts.esc(content.place),
        )
        answers = tuple(
            (texts.SOC_RSVP_BUTTONS[answer], for_every_copy(Rsvp(0, answer)))
            for answer in RsvpAnswer
        )
        return Message(text, (answers,))
    text = texts.LETTER_CAPTION.format(name=name, number=app_texts.esc(number))
    return Message(text, (((texts.LETTER_BUTTON_ACK, for_every_copy(Acknowledge(0))),),))


def attendance_call() -> Message:
    """The call, on the day, to tap "Saya hadir"."""
    return Message(
        texts.SOC_ATTEND_CALL, (((texts.SOC_BUTTON_PRESENT, for_every_copy(Present(0))),),)
    )

"""What outreach adds to a letter's card: how the circular was delivered and acknowledged,
how the invitation was answered and who was present, per unit; and the team's buttons for
units without an owner and for the day of the socialisation."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton

from bot import texts as app_texts
from bot.core.dates import format_datetime
from bot.core.labels import room_left, unit_label
from bot.outreach import texts
from bot.outreach.callbacks import (
    AttendanceWindow,
    Checklist,
    CollectMedia,
    InviteOwner,
    RsvpAnswer,
)
from bot.outreach.usecases.delivery import (
    ACKNOWLEDGED,
    CircularDelivery,
    Copy,
    InvitationResponses,
)
from bot.ui.chat import button

# Units without an owner offered on the card at a time.
INVITE_BUTTONS = 6
Rows = list[list[InlineKeyboardButton]]


def _failed_line(copy: Copy) -> str:
    """``⚠️ Name: gagal terkirim: bot diblokir`` for a copy that did not arrive."""
    assert copy.failure is not None
    return texts.TALLY_FAILED_LINE.format(
        name=app_texts.esc(copy.name) if copy.name else app_texts.TALLY_UNKNOWN_PERSON,
        reason=texts.DELIVERY_REASONS[copy.failure],
    )


def _by_unit(copies: Sequence[Copy]) -> list[tuple[str, list[Copy]]]:
    """The copies grouped by the recipient's unit, in order of unit name."""
    per_unit: dict[str, list[Copy]] = {}
    for copy in copies:
        per_unit.setdefault(copy.unit, []).append(copy)
    return sorted(per_unit.items())


def circular_tally(delivery: CircularDelivery) -> str:
    """Delivered, acknowledged, failed (and why) and queued copies, per unit; the units
    without an owner."""
    copies = delivery.copies
    lines = [
        texts.EDARAN_TALLY.format(
            sent=sum(1 for c in copies if c.sent),
            acked=sum(1 for c in copies if c.response == ACKNOWLEDGED),
            failed=sum(1 for c in copies if c.failed),
            pending=sum(1 for c in copies if c.queued),
        )
    ]
    for unit, unit_copies in _by_unit(copies):
        parts = texts.TALLY_UNIT_DELIVERY.format(
            sent=sum(1 for c in unit_copies if c.sent),
            total=len(unit_copies),
            acked=sum(1 for c in unit_copies if c.response == ACKNOWLEDGED),
        )
        lines.append(texts.TALLY_UNIT_LINE.format(unit=app_texts.esc(unit), parts=parts))
        lines.extend(_failed_line(c) for c in unit_copies if c.failed)
    missing = delivery.units_without_owner
    if missing:
        names = ", ".join(unit.name for unit in missing)
        lines.append(texts.EDARAN_NO_PJ.format(count=len(missing), units=app_texts.esc(names)))
    return "\n".join(lines)


def _unit_answers(copies: Sequence[Copy]) -> str:
    """``1 hadir, 1 belum menjawab, 1 gagal terkirim`` for one unit."""
    responses = [c.response for c in copies]
    parts = [
        texts.TALLY_UNIT_ANSWER.format(count=responses.count(answer), label=label.lower())
        for answer, label in texts.SOC_RSVP_LABELS.items()
        if responses.count(answer)
    ]
    counted = (
        (texts.TALLY_UNIT_SILENT, sum(1 for c in copies if c.silent)),
        (texts.TALLY_UNIT_FAILED, sum(1 for c in copies if c.failed)),
        (texts.TALLY_UNIT_PENDING, sum(1 for c in copies if c.queued)),
    )
    parts.extend(template.format(count=count) for template, count in counted if count)
    return ", ".join(parts)


def invitation_tally(responses: InvitationResponses, zone: ZoneInfo) -> str:
    """Answers per owner and unit; a copy that never arrived is "gagal terkirim" with the
    reason, not "belum menjawab"; then who was present."""
    copies = responses.copies
    answers = [c.response for c in copies]
    text = texts.SOC_RSVP_TALLY.format(
        hadir=answers.count(RsvpAnswer.PRESENT),
        wakil=answers.count(RsvpAnswer.REPRESENTED),
        tidak=answers.count(RsvpAnswer.ABSENT),
        belum=sum(1 for c in copies if c.silent),
    )
    text += texts.SOC_DELIVERY_TALLY.format(
        sent=sum(1 for c in copies if c.sent),
        failed=sum(1 for c in copies if c.failed),
        pending=sum(1 for c in copies if c.queued),
    )
    for unit, unit_copies in _by_unit(copies):
        line = texts.TALLY_UNIT_LINE.format(
            unit=app_texts.esc(unit), parts=_unit_answers(unit_copies)
        )
        text += "\n" + line
        text += "".join("\n" + _failed_line(c) for c in unit_copies if c.failed)
    silent = [c.name for c in copies if c.silent and c.name is not None]
    if silent:
        text += texts.SOC_NO_ANSWER.format(names=app_texts.esc(", ".join(silent[:30])))
    window = ""
    if responses.window_until is not None:
        window = texts.SOC_WINDOW_OPEN.format(until=format_datetime(responses.window_until, zone))
    return text + texts.SOC_ATTENDANCE.format(present=responses.present, window=window)


def invite_rows(delivery: CircularDelivery) -> Rows:
    """ "Undang PJ <unit>" for the first units without an owner."""
    room = room_left(texts.EDARAN_BUTTON_INVITE)
    return [
        [
            button(
                texts.EDARAN_BUTTON_INVITE.format(
                    unit=unit_label(unit.name, unit.short_name, room)
                ),
                InviteOwner(unit.id),
            )
        ]
        for unit in delivery.units_without_owner[:INVITE_BUTTONS]
    ]


def socialisation_rows(letter_id: int, *, attendance_open: bool) -> Rows:
    """The day of the socialisation: the attendance window, the checklist, photos and notes."""
    window = (
        button(texts.SOC_BUTTON_CLOSE, AttendanceWindow(letter_id, open=False))
        if attendance_open
        else button(texts.SOC_BUTTON_OPEN, AttendanceWindow(letter_id, open=True))
    )
    return [
        [window],
        [button(texts.SOC_BUTTON_CHECKLIST, Checklist(letter_id, user_id=0, page=1))],
        [button(texts.SOC_BUTTON_MEDIA, CollectMedia(letter_id))],
    ]

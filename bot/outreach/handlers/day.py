"""The team on the day of the socialisation: the attendance window (owners tap "Saya
hadir"), the checklist for those who could not tap; and an invitation link for the owner
of a unit without one."""

from __future__ import annotations

from telegram import InlineKeyboardButton, Update

from bot import texts as app_texts
from bot.access import Member, services
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import fit
from bot.core.roles import Role
from bot.letters.callbacks import ShowCard
from bot.letters.handlers.card import show_letter
from bot.outreach import texts
from bot.outreach.callbacks import AttendanceWindow, Checklist, InviteOwner
from bot.outreach.sending import kick_outbox
from bot.outreach.usecases import day
from bot.people.invitation_rules import deep_link
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, paged, show

TEAM = (Role.KEPALA, Role.TIM)


@on_press(AttendanceWindow, *TEAM)
async def attendance_window(
    update: Update, context: Context, member: Member, data: AttendanceWindow
) -> None:
    """Open the attendance window for three hours (owners are called), or close it."""
    await answer(update)
    svc = services(context)
    if not day.set_attendance_window(
        svc, letter_id=data.letter_id, open_it=data.open, actor_id=member.user_id
    ):
        await show(update, app_texts.STALE_BUTTON)
        return
    kick_outbox(context)
    await show_letter(update, context, member, data.letter_id)


@on_press(Checklist, *TEAM)
async def checklist(update: Update, context: Context, member: Member, data: Checklist) -> None:
    """The team ticks who attended: one toggle per owner, a page at a time."""
    await answer(update)
    found = day.checklist(
        services(context),
        letter_id=data.letter_id,
        tick_user_id=data.user_id or None,
        actor_id=member.user_id,
    )
    if found is None:
        await show(update, app_texts.STALE_BUTTON)
        return

    def make(owner: day.Ticked) -> InlineKeyboardButton:
        label = texts.SOC_CHECK_PRESENT if owner.present else texts.SOC_CHECK_ABSENT
        pressed = Checklist(data.letter_id, user_id=owner.user_id, page=data.page)
        return button(label.format(name=fit(owner.name)), pressed)

    markup, page, pages = paged(
        found.owners,
        page=data.page or 1,
        make_button=make,
        nav_data=lambda p: Checklist(data.letter_id, user_id=0, page=p),
        extra_rows=[[button(app_texts.BUTTON_BACK, ShowCard(data.letter_id))]],
    )
    await show(update, texts.SOC_CHECKLIST.format(page=page, pages=pages), markup)


@on_press(InviteOwner, *TEAM)
async def invite_owner(update: Update, context: Context, member: Member, data: InviteOwner) -> None:
    """ "Undang PJ <unit>": an invitation link for the unit's Penanggung Jawab Kinerja."""
    await answer(update)
    svc = services(context)
    invitation = day.invite_owner(svc, unit_id=data.unit_id, actor_id=member.user_id)
    if invitation is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(
        chat.id,
        texts.EDARAN_INVITE_CREATED.format(
            unit=app_texts.esc(invitation.unit),
            expires=format_datetime(invitation.expires_at, svc.profile.timezone),
            link=deep_link(context.bot.username or "", invitation.code),
        ),
    )

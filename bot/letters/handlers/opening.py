"""Where the letters start: /edaran, /sosialisasi, steps 7-9 in /tugas, a notice's button,
"Buat draf", and the socialisation report of a signed invitation."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.examples import dmy, example_day
from bot.core.roles import Role
from bot.letters import texts
from bot.letters.callbacks import GoToLetter, NewLetter, OpenReport
from bot.letters.drafts import InvitationDraft
from bot.letters.handlers.card import TEAM, back_to_card, show_card
from bot.letters.handlers.flow import State
from bot.letters.kinds import LetterKind
from bot.letters.usecases import drafting
from bot.letters.usecases.views import Missing, Opening
from bot.planning.callbacks import OpenPlan
from bot.sop.steps import StepId
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show


async def show_opening(update: Update, context: Context, member: Member, opening: Opening) -> None:
    """The letter's card, or what has to happen before it exists, with the button to it."""
    if opening.card is not None:
        await show_card(update, context, member, opening.card)
        return
    name, year = texts.LETTER_KIND_NAMES[opening.kind], opening.year
    if opening.missing is Missing.PLAN:
        next_step = texts.LETTER_PLAN_NEXT[(member.role.value, opening.plan_submitted)]
        markup = None
        if member.role is Role.TIM:
            plan = button(texts.LETTER_BUTTON_PLAN.format(year=year), OpenPlan(year=year))
            markup = InlineKeyboardMarkup([[plan]])
        text = texts.LETTER_NEEDS_PLAN.format(name=name, year=year, next=next_step)
        await show(update, text, markup)
        return
    if opening.missing is Missing.CIRCULAR:
        circular = GoToLetter(LetterKind.CIRCULAR, year)
        markup = InlineKeyboardMarkup([[button(texts.LETTER_BUTTON_CIRCULAR, circular)]])
        await show(update, texts.SOC_NEEDS_CIRCULAR, markup)
        return
    if member.role is Role.TIM:
        new = button(texts.LETTER_BUTTON_NEW.format(name=name), NewLetter(opening.kind, year))
        await show(
            update, texts.LETTER_NONE.format(name=name, year=year), InlineKeyboardMarkup([[new]])
        )
        return
    await show(update, texts.LETTER_NONE_HEAD.format(name=name, year=year))


async def _command(update: Update, context: Context, member: Member, kind: LetterKind) -> int:
    await answer(update)
    opening = drafting.open_letter(services(context), kind=kind)
    await show_opening(update, context, member, opening)
    return ConversationHandler.END


@members_only(*TEAM)
async def circular_command(update: Update, context: Context, member: Member) -> int:
    """/edaran: the circular's state, or a button to draft it."""
    return await _command(update, context, member, LetterKind.CIRCULAR)


@members_only(*TEAM)
async def socialisation_command(update: Update, context: Context, member: Member) -> int:
    """/sosialisasi: the invitation, RSVPs, attendance and the report."""
    return await _command(update, context, member, LetterKind.INVITATION)


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Steps 7-9 in /tugas open that year's circular, invitation or socialisation report;
    owners (involved in step 9 as participants) see the step's card."""
    if member.role not in TEAM:
        return False
    svc = services(context)
    kind = LetterKind.CIRCULAR if step == StepId.CIRCULAR else LetterKind.INVITATION
    opening = drafting.open_letter(svc, kind=kind, year=year)
    invitation = opening.card.letter if opening.card is not None else None
    if step == StepId.SOCIALISATION and invitation is not None and invitation.signed:
        await _open_report(update, context, member, invitation.id)
        return True
    await show_opening(update, context, member, opening)
    return True


@on_press(GoToLetter, *TEAM, stale=ConversationHandler.END)
async def go_to(update: Update, context: Context, member: Member, data: GoToLetter) -> int:
    """A button in a notice ("Buat Surat Edaran"): open that letter of that year."""
    await answer(update)
    opening = drafting.open_letter(services(context), kind=data.kind, year=data.year)
    await show_opening(update, context, member, opening)
    return ConversationHandler.END


@on_press(NewLetter, Role.TIM, stale=ConversationHandler.END)
async def new_letter(update: Update, context: Context, member: Member, data: NewLetter) -> int:
    """ "Buat draf": the circular at once; the invitation after four questions."""
    await answer(update)
    if data.kind is LetterKind.REPORT:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    svc = services(context)
    opening = drafting.start_letter(svc, kind=data.kind, year=data.year, actor_id=member.user_id)
    if opening.card is not None or opening.missing is not None:
        await show_opening(update, context, member, opening)
        return ConversationHandler.END
    drafts.write(context.user_data, InvitationDraft(year=data.year))
    remember_step(context.user_data, State.SOC_DATE)
    await show(update, texts.SOC_ASK_DATE.format(example=dmy(example_day(svc.today()))))
    return State.SOC_DATE


async def _open_report(
    update: Update, context: Context, member: Member, invitation_id: int
) -> None:
    svc = services(context)
    opening = drafting.open_report(
        svc, invitation_id=invitation_id, actor_id=member.user_id, may_draft=member.role is Role.TIM
    )
    if opening is None:
        await show(update, app_texts.STALE_BUTTON)
    elif opening.card is not None:
        await show_card(update, context, member, opening.card)
    else:
        name = texts.LETTER_KIND_NAMES[LetterKind.REPORT]
        text = texts.LETTER_NONE_HEAD.format(name=name, year=opening.year)
        await show(update, text, back_to_card(invitation_id))


@on_press(OpenReport, *TEAM, stale=ConversationHandler.END)
async def open_report(update: Update, context: Context, member: Member, data: OpenReport) -> int:
    """ "Laporan Sosialisasi": the report of the socialisation (drafted by the team)."""
    await answer(update)
    await _open_report(update, context, member, data.letter_id)
    return ConversationHandler.END

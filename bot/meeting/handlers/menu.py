"""/rapat: the team picks a year and an ended period, types short notes if any, and opens
the meeting; while it runs the team and the head see how far the head got (see rapat.mmd)."""

from __future__ import annotations

from enum import IntEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.approvals.callbacks import ShowRequest
from bot.context import Context
from bot.core.dates import format_date
from bot.core.roles import Role
from bot.meeting import messages, rules, texts
from bot.meeting.callbacks import ChoosePeriod, ChooseYear, OpenMeeting, ResendItem
from bot.meeting.drafts import MeetingDraft
from bot.meeting.handlers.decision import ask_head
from bot.meeting.usecases import opening
from bot.meeting.usecases.opening import Agenda, Opened, Reason, Refusal
from bot.meeting.usecases.views import MeetingView
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, paged, remember_step, show
from bot.ui.drafts import DROPPED, clear, read, write

END = ConversationHandler.END
TEAM_AND_HEAD = (Role.TIM, Role.KEPALA)


class Step(IntEnum):
    """The state of /rapat (see rapat.mmd)."""

    NOTES = 0


async def _progress(update: Update, member: Member, meeting: MeetingView, lead: str = "") -> None:
    """The meeting, n of m decided (after ``lead``); the team can send the waiting item
    again, the head can show it."""
    rows = []
    current = meeting.current if meeting.is_open else None
    if current is not None and member.role is Role.TIM:
        rows.append([button(texts.MEETING_BUTTON_RESEND, ResendItem(meeting.meeting_id))])
    elif current is not None and current.request_id is not None:
        rows.append([button(texts.MEETING_BUTTON_SHOW, ShowRequest(current.request_id))])
    text = f"{lead}\n\n{messages.progress(meeting)}" if lead else messages.progress(meeting)
    await show(update, text, InlineKeyboardMarkup(rows) if rows else None)


async def _periods(update: Update, context: Context, year: int, page: int) -> None:
    choices = opening.ended_periods(services(context), year=year)
    if not choices:
        await show(update, texts.MEETING_NO_YEAR)
        return

    def make(choice: opening.PeriodChoice) -> InlineKeyboardButton:
        template = texts.MEETING_PERIOD_BUTTON_HELD if choice.held else texts.MEETING_PERIOD_BUTTON
        return button(template.format(label=choice.label), ChoosePeriod(year, choice.key))

    markup, _, _ = paged(
        choices,
        page=page,
        make_button=make,
        nav_data=lambda p: ChooseYear(year, p),
    )
    await show(update, texts.MEETING_CHOOSE_PERIOD.format(year=year), markup)


async def _menu(update: Update, context: Context, member: Member, year: int | None) -> None:
    """The open meeting's progress; else, for the team, the years and periods to open one
    about; for the head, the latest meeting."""
    svc = services(context)
    current = opening.open_meeting_view(svc)
    if current is not None:
        await _progress(update, member, current)
        return
    if member.role is not Role.TIM:
        latest = opening.latest_meeting(svc)
        if latest is None:
            await show(update, texts.MEETING_NONE_HEAD)
        else:
            await _progress(update, member, latest)
        return
    years = opening.years(svc)
    if year in years or len(years) == 1:
        await _periods(update, context, year if year in years else years[0], 1)
    elif not years:
        await show(update, texts.MEETING_NO_YEAR)
    else:
        rows = [[button(str(y), ChooseYear(y, 1))] for y in years]
        await show(update, texts.MEETING_CHOOSE_YEAR, InlineKeyboardMarkup(rows))


@members_only(*TEAM_AND_HEAD)
async def command(update: Update, context: Context, member: Member) -> int:
    """/rapat: the meeting running, or the periods a new one can be about."""
    await _menu(update, context, member, None)
    return END


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Step 17 in /tugas opens /rapat for the year; owners see the step's card."""
    if member.role not in TEAM_AND_HEAD:
        return False
    await _menu(update, context, member, year)
    return True


@on_press(ChooseYear, Role.TIM, stale=END)
async def choose_year(update: Update, context: Context, member: Member, data: ChooseYear) -> int:
    """A year (or a page of its periods): the ended periods, newest first."""
    await answer(update)
    await _periods(update, context, data.year, data.page)
    return END


def _agenda_text(agenda: Agenda, notes: str) -> str:
    lines = [
        (texts.MEETING_AGENDA_RECOMMENDATION if about else texts.MEETING_AGENDA_INDICATOR).format(
            code=app_texts.esc(code)
        )
        for code, about in agenda.items
    ]
    text = texts.MEETING_AGENDA.format(
        label=app_texts.esc(agenda.period_label),
        count=len(lines),
        lines="\n".join(lines),
        max=rules.NOTES_MAX,
    )
    if notes:
        text += texts.MEETING_AGENDA_NOTES.format(notes=app_texts.esc(notes))
    return text


def _agenda_markup(agenda: Agenda) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button(texts.MEETING_BUTTON_OPEN, OpenMeeting(agenda.year, agenda.period_key))],
            [button(texts.MEETING_BUTTON_BACK, ChooseYear(agenda.year, 1))],
        ]
    )


def _refusal_text(refusal: Refusal) -> str:
    if refusal.reason is Reason.NOTHING:
        return texts.MEETING_NOTHING.format(label=app_texts.esc(refusal.period_label))
    return texts.MEETING_NO_PERIOD


@on_press(ChoosePeriod, Role.TIM, stale=END)
async def choose_period(
    update: Update, context: Context, member: Member, data: ChoosePeriod
) -> int:
    """What the meeting would decide; the notes may be typed now."""
    await answer(update)
    found = opening.agenda(services(context), year=data.year, period_key=data.period_key)
    if not isinstance(found, Agenda):
        await show(update, _refusal_text(found))
        return END
    write(context.user_data, MeetingDraft(year=data.year, period_key=data.period_key))
    remember_step(context.user_data, Step.NOTES)
    await show(update, _agenda_text(found, ""), _agenda_markup(found))
    return Step.NOTES


@members_only(Role.TIM)
async def typed_notes(update: Update, context: Context, member: Member) -> int:
    """The meeting's short notes; the agenda again, with them."""
    message = update.effective_message
    assert message is not None
    draft = read(context.user_data, MeetingDraft)
    if not isinstance(draft, MeetingDraft):
        await message.reply_text(
            app_texts.DRAFT_DROPPED if draft is DROPPED else app_texts.STALE_BUTTON
        )
        return END
    notes = rules.clean_notes(message.text or "")
    if notes is None:
        length = len(" ".join((message.text or "").split()))
        await message.reply_text(
            texts.MEETING_NOTES_TOO_LONG.format(length=length, max=rules.NOTES_MAX)
        )
        return Step.NOTES
    found = opening.agenda(services(context), year=draft.year, period_key=draft.period_key)
    if not isinstance(found, Agenda):
        clear(context.user_data, MeetingDraft)
        await message.reply_text(_refusal_text(found))
        return END
    draft.notes = notes
    write(context.user_data, draft)
    await message.reply_text(texts.MEETING_NOTES_SAVED)
    await message.reply_text(_agenda_text(found, notes), reply_markup=_agenda_markup(found))
    return Step.NOTES


@on_press(OpenMeeting, Role.TIM, stale=END)
async def open_meeting(update: Update, context: Context, member: Member, data: OpenMeeting) -> int:
    """Buka rapat: the meeting is recorded and its first item goes to the head."""
    await answer(update)
    draft = read(context.user_data, MeetingDraft)
    notes = ""
    if isinstance(draft, MeetingDraft) and (draft.year, draft.period_key) == (
        data.year,
        data.period_key,
    ):
        notes = draft.notes
    clear(context.user_data, MeetingDraft)
    svc = services(context)
    result = opening.open_meeting(
        svc, year=data.year, period_key=data.period_key, notes=notes, actor_id=member.user_id
    )
    if isinstance(result, Refusal):
        await show(update, _refusal_text(result))
        return END
    if not isinstance(result, Opened):
        await _progress(update, member, result, lead=texts.MEETING_BUSY)
        return END
    await ask_head(context, result.ask, requested_by_id=member.user_id)
    meeting = result.meeting
    await show(
        update,
        texts.MEETING_OPENED.format(
            label=app_texts.esc(meeting.period_label),
            held_on=format_date(meeting.held_on, with_weekday=False),
            count=len(meeting.items),
        ),
    )
    return END


@on_press(ResendItem, Role.TIM, stale=END)
async def resend(update: Update, context: Context, member: Member, data: ResendItem) -> int:
    """The item waiting for the head, sent again as it stands now."""
    svc = services(context)
    ask = opening.next_ask(svc, meeting_id=data.meeting_id)
    if ask is None:
        await answer(update, texts.MEETING_NOTHING_TO_RESEND)
        return END
    await ask_head(context, ask, requested_by_id=member.user_id)
    await answer(update, texts.MEETING_RESENT.format(position=ask.position))
    meeting = opening.meeting(svc, meeting_id=data.meeting_id)
    if meeting is not None:
        await _progress(update, member, meeting)
    return END


@members_only(Role.TIM)
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal while the notes are awaited: no meeting."""
    clear(context.user_data, MeetingDraft)
    await show(update, texts.MEETING_CANCELLED)
    return END

"""/laporan: the year, the kind of report and the period; then the team makes the report
(a progress message, then the PDF, workbook and deck as a preview with "Ajukan untuk
ditandatangani") and the head reads the signed one."""

from __future__ import annotations

import io

from telegram import InlineKeyboardMarkup, InputFile, Update

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.roles import Role
from bot.core.signing import format_code
from bot.performance import texts
from bot.performance.callbacks import PickKind, PickPeriod, PickYear, Submit
from bot.performance.kinds import ReportChoice
from bot.performance.usecases import choices, making, reading
from bot.performance.usecases.making import ReportFile
from bot.services import Services
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show

MEMBERS = (Role.TIM, Role.KEPALA)


def decision_label(decision: str) -> str:
    """The head's decision on a recommendation as the reports print it."""
    return texts.DECISION_LABELS.get(decision, texts.DECISION_OTHER)


def report_name(choice: ReportChoice) -> str:
    return texts.REPORT_NAMES[choice.is_status]


def period_title(choice: ReportChoice, label: str, year: int) -> str:
    """``Triwulan I 2027``, ``Tahun 2027``."""
    return choices.title_of(choice, label, year)


async def _kinds(update: Update, context: Context, year: int) -> None:
    found = choices.kinds(services(context), year)
    if not found:
        await show(update, texts.NO_PLAN)
        return
    rows = [[button(texts.CHOICE_NAMES[c], PickKind(year, c))] for c in found]
    await show(update, texts.PICK_KIND.format(year=year), InlineKeyboardMarkup(rows))


@members_only(*MEMBERS)
async def laporan_command(update: Update, context: Context, member: Member) -> None:
    """/laporan: the year (skipped when only one has a plan), then the kind of report."""
    years = choices.years(services(context))
    if not years:
        await show(update, texts.NO_PLAN)
    elif len(years) == 1:
        await _kinds(update, context, years[0])
    else:
        rows = [[button(str(year), PickYear(year))] for year in years]
        await show(update, texts.PICK_YEAR, InlineKeyboardMarkup(rows))


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Steps 15 and 16 in /tugas open the kinds of report of that year."""
    if member.role not in MEMBERS:
        return False
    await _kinds(update, context, year)
    return True


@on_press(PickYear, *MEMBERS)
async def year_pressed(update: Update, context: Context, member: Member, data: PickYear) -> None:
    """A year: its kinds of report."""
    await answer(update)
    await _kinds(update, context, data.year)


@on_press(PickKind, *MEMBERS)
async def kind_pressed(update: Update, context: Context, member: Member, data: PickKind) -> None:
    """A kind of report: its ended periods, newest first, with how their reports stand."""
    await answer(update)
    found = choices.periods(services(context), data.year, data.choice)
    name = texts.CHOICE_NAMES[data.choice]
    if not found:
        await show(update, texts.NO_PERIODS.format(name=name, year=data.year))
        return
    rows = [
        [
            button(
                period_title(data.choice, p.label, data.year)
                + texts.STATUS_MARKS.get(p.status, ""),
                PickPeriod(data.year, data.choice, p.number),
            )
        ]
        for p in found
    ]
    rows.append([button(app_texts.BUTTON_BACK, PickYear(data.year))])
    template = texts.PICK_PERIOD if member.role is Role.TIM else texts.PICK_PERIOD_HEAD
    await show(update, template.format(name=name, year=data.year), InlineKeyboardMarkup(rows))


async def send_files(
    update: Update, context: Context, files: tuple[ReportFile, ...], captions: tuple[str, ...]
) -> None:
    chat = update.effective_chat
    assert chat is not None
    for file, caption in zip(files, captions, strict=False):
        document = InputFile(io.BytesIO(file.content), filename=file.file_name)
        await context.bot.send_document(chat.id, document=document, caption=caption)


@on_press(PickPeriod, *MEMBERS)
async def period_pressed(
    update: Update, context: Context, member: Member, data: PickPeriod
) -> None:
    """The team makes the period's report (a new revision); the head reads the signed one."""
    await answer(update)
    svc = services(context)
    name = report_name(data.choice)
    if member.role is Role.KEPALA:
        period = _period_text(svc, data)
        found = reading.signed_files(svc, year=data.year, choice=data.choice, number=data.number)
        if found is None:
            await show(update, texts.NOT_SIGNED_YET.format(name=name, period=period))
            return
        suffix = texts.CAPTION_SIGNED.format(revision=found.revision, code=format_code(found.code))
        captions = tuple(c.format(name=name, period=period) + suffix for c in texts.CAPTION_FILES)
        await send_files(update, context, found.files, captions)
        return
    making_text = texts.MAKING_STATUS if data.choice.is_status else texts.MAKING
    await show(update, making_text.format(name=name, period=_period_text(svc, data)))
    made = await making.make(
        svc,
        year=data.year,
        choice=data.choice,
        number=data.number,
        actor_id=member.user_id,
        decision_label=decision_label,
    )
    if isinstance(made, making.Refusal):
        await show(update, texts.REFUSED[made.value])
        return
    period = period_title(made.choice, made.period.label, made.year)
    suffix = texts.CAPTION_DRAFT.format(revision=made.revision)
    captions = tuple(c.format(name=name, period=period) + suffix for c in texts.CAPTION_FILES)
    await send_files(update, context, made.files, captions)
    text = texts.MADE.format(
        name=name,
        period=period,
        revision=made.revision,
        indicators=made.indicators,
        missing=made.missing,
    )
    if made.revision > 1:
        text += texts.MADE_EARLIER
    markup = InlineKeyboardMarkup(
        [
            [button(texts.BUTTON_SUBMIT, Submit(made.report_id))],
            [button(texts.BUTTON_BACK_TO_PERIODS, PickKind(data.year, data.choice))],
        ]
    )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text, reply_markup=markup)


def _period_text(svc: Services, data: PickPeriod) -> str:
    return choices.period_title(svc, data.year, data.choice, data.number)

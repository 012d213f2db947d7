"""The questions of a report sent from the phone (/lapor): each input, each action plan's
status and note, the constraints, evidence, then the summary to send. The draft is saved
after every answer, so /lapor resumes where the person stopped."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core import files
from bot.core.labels import megabytes
from bot.core.limits import REPORT_CONSTRAINTS, REPORT_NOTE
from bot.core.roles import Role
from bot.planning.rules.model import ActionStatus, InputKind
from bot.reporting import render, texts
from bot.reporting.callbacks import (
    ChooseActionStatus,
    ChoosePeriod,
    EditReport,
    EvidenceDone,
    SendReport,
    SendRevision,
)
from bot.reporting.flow import ActionNote, Phase, ReportDraft, ReportRoute, ReportStep, action_key
from bot.reporting.handlers import read_draft
from bot.reporting.rules import input_prompt, parse_input_value
from bot.reporting.usecases.common import ActionReport
from bot.reporting.usecases.reports import (
    ReportTarget,
    RevisionNeeded,
    report_target,
    store_evidence,
    submit_report,
)
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show
from bot.ui.uploads import download

END = ConversationHandler.END
STATUSES = tuple(ActionStatus)
EVIDENCE_TYPES = (files.JPEG, files.PNG, files.WEBP, files.PDF)  # by content, not by name


async def _pressed(update: Update, context: Context) -> ReportDraft | None:
    """Answer the press; the report being filled in, or None after saying it is stale."""
    await answer(update)
    return await read_draft(update, context, ReportDraft, missing=app_texts.STALE_BUTTON)


async def ask_next(update: Update, context: Context, draft: ReportDraft) -> int:
    """Save the draft and ask whatever it still needs, from where it stopped."""
    target = report_target(
        services(context), package_id=draft.package_id, period_key=draft.period_key
    )
    if target is None:
        # Its cycle was closed (or its package or period is gone) while it was being filled.
        drafts.clear(context.user_data, ReportDraft)
        await show(update, texts.REPORT_DRAFT_GONE)
        return END
    text, markup, step = _question(draft, target)
    # Stored before the question is shown: the answer it acknowledges survives a crash,
    # and the next message is taken as this question's answer (``flow.report_step``).
    drafts.write(context.user_data, draft)
    drafts.write(context.user_data, ReportRoute(workbook=False))
    await show(update, text, markup)
    return step


Question = tuple[str, InlineKeyboardMarkup | None, ReportStep]


def _question(draft: ReportDraft, target: ReportTarget) -> Question:
    """What to ask next (the draft's phase moves past what has nothing to ask)."""
    if draft.phase == Phase.INPUT:
        if draft.input_index < len(draft.inputs):
            return _input_question(draft), None, ReportStep.INPUT
        draft.phase = Phase.ACTION_STATUS.value
    if draft.phase in (Phase.ACTION_STATUS, Phase.ACTION_NOTE):
        action = draft.current_action
        if action is not None:
            draft.phase = Phase.ACTION_STATUS.value
            choices = [button(s.value, ChooseActionStatus(n)) for n, s in enumerate(STATUSES)]
            text = texts.REPORT_ASK_ACTION.format(
                code=app_texts.esc(action.indicator_code),
                number=action.number,
                activity=app_texts.esc(action.activity),
            )
            # Two a row: small phones.
            return text, InlineKeyboardMarkup([choices[:2], choices[2:]]), ReportStep.ACTION_STATUS
        draft.phase = Phase.CONSTRAINTS.value
    if draft.phase == Phase.CONSTRAINTS:
        return texts.REPORT_ASK_CONSTRAINTS, None, ReportStep.CONSTRAINTS
    if draft.phase == Phase.EVIDENCE:
        done = InlineKeyboardMarkup([[button(texts.REPORT_BUTTON_DONE, EvidenceDone())]])
        return texts.REPORT_ASK_EVIDENCE, done, ReportStep.EVIDENCE
    send = [
        button(texts.REPORT_BUTTON_SEND, SendReport()),
        button(texts.REPORT_BUTTON_EDIT, EditReport()),
    ]
    return render.summary_text(target, draft), InlineKeyboardMarkup([send]), ReportStep.SUMMARY


def _input_question(draft: ReportDraft) -> str:
    item = draft.inputs[draft.input_index]
    kind = InputKind(item.kind)
    current = draft.values.get(item.name)
    shown = ""
    if current is not None:
        shown = texts.REPORT_CURRENT.format(value=app_texts.esc(render.value_text(kind, current)))
    return texts.REPORT_ASK_INPUT.format(
        step=draft.input_index + 1,
        total=len(draft.inputs),
        label=app_texts.esc(item.label),
        hint=app_texts.esc(input_prompt(kind)),
        current=shown,
    )


@members_only(Role.PJ)
async def typed(update: Update, context: Context, member: Member) -> int:
    """A typed answer: an input value, an action note, or the constraints."""
    assert update.effective_message is not None
    draft = await read_draft(update, context, ReportDraft, missing=app_texts.STALE_BUTTON)
    if draft is None:
        return END
    text = (update.effective_message.text or "").strip()
    action = draft.current_action
    if draft.phase == Phase.INPUT and draft.input_index < len(draft.inputs):
        item = draft.inputs[draft.input_index]
        target = report_target(
            services(context), package_id=draft.package_id, period_key=draft.period_key
        )
        try:
            value = parse_input_value(
                InputKind(item.kind), text, period=None if target is None else target.period
            )
        except ValueError as exc:
            await show(update, texts.REPORT_BAD_INPUT.format(reason=app_texts.esc_rule(exc)))
            return ReportStep.INPUT
        draft.values[item.name] = value if isinstance(value, float | bool) else value.isoformat()
        draft.input_index += 1
    elif draft.phase == Phase.ACTION_NOTE and action is not None:
        if len(text) > REPORT_NOTE:  # refused, never cut: the owner shortens it
            await show(update, texts.REPORT_TOO_LONG.format(length=len(text), limit=REPORT_NOTE))
            return ReportStep.ACTION_NOTE
        noted = draft.note_of(action) or ActionNote(ActionStatus.BELUM_MULAI.value)
        draft.progress[action_key(action)] = ActionNote(noted.status, "" if text == "-" else text)
        draft.action_index += 1
        draft.phase = Phase.ACTION_STATUS.value
    elif draft.phase == Phase.CONSTRAINTS:
        if len(text) > REPORT_CONSTRAINTS:
            limit = REPORT_CONSTRAINTS
            await show(update, texts.REPORT_TOO_LONG.format(length=len(text), limit=limit))
            return ReportStep.CONSTRAINTS
        draft.constraints = "" if text == "-" else text
        draft.phase = Phase.EVIDENCE.value
    return await ask_next(update, context, draft)


@on_press(ChooseActionStatus, Role.PJ)
async def action_status(
    update: Update, context: Context, member: Member, data: ChooseActionStatus
) -> int | None:
    """The status of the action plan asked; then its note."""
    draft = await _pressed(update, context)
    if draft is None:
        return END
    action = draft.current_action
    known = data.index in range(len(STATUSES))
    if action is None or draft.phase != Phase.ACTION_STATUS or not known:
        await show(update, app_texts.STALE_BUTTON)
        return None
    draft.progress[action_key(action)] = ActionNote(STATUSES[data.index].value)
    draft.phase = Phase.ACTION_NOTE.value
    drafts.write(context.user_data, draft)
    await show(update, texts.REPORT_ASK_ACTION_NOTE)
    return ReportStep.ACTION_NOTE


def _evidence_file(message: Message) -> tuple[str, int, str, str] | None:
    """A photo (its largest size) or a document: file id, size, type and name."""
    if message.photo:
        item = message.photo[-1]
        return item.file_id, item.file_size or 0, "image/jpeg", "foto.jpg"
    doc = message.document
    if doc is None:
        return None
    return doc.file_id, doc.file_size or 0, doc.mime_type or "", doc.file_name or "bukti"


@members_only(Role.PJ)
async def evidence(update: Update, context: Context, member: Member) -> int:
    """Photos and PDFs as evidence; an album is one batch; size and type checked first."""
    message = update.effective_message
    assert message is not None
    svc = services(context)
    draft = await read_draft(update, context, ReportDraft, missing=texts.REPORT_DRAFT_GONE)
    if draft is None:
        return END
    if draft.phase != Phase.EVIDENCE:
        return await ask_next(update, context, draft)
    found = _evidence_file(message)
    if found is None or not found[2].startswith(("image/", files.PDF)):
        await message.reply_text(texts.REPORT_EVIDENCE_TYPE)
        return ReportStep.EVIDENCE
    file_id, size, declared, name = found
    limit = files.download_limit(svc.settings.telegram_local_mode)
    content = None if size > limit else await download(context, file_id)
    if content is None:
        await message.reply_text(
            texts.REPORT_EVIDENCE_TOO_BIG.format(size=megabytes(size), limit=megabytes(limit))
        )
        return ReportStep.EVIDENCE
    pdf_claimed = files.claims_pdf(declared, name)
    checked = files.check_upload(content, EVIDENCE_TYPES, pdf_claimed=pdf_claimed)
    if checked.mime is None:
        await message.reply_text(texts.REPORT_EVIDENCE_REFUSED.format(reason=checked.reason))
        return ReportStep.EVIDENCE
    mime, name = checked.mime, files.safe_name(name, checked.mime, fallback="bukti")
    document_id = store_evidence(
        svc,
        owner_id=member.user_id,
        unit_id=member.unit_id,
        package_id=draft.package_id,
        period_key=draft.period_key,
        content=content,
        file_name=name,
        mime_type=mime,
        telegram_file_id=file_id,
    )
    if document_id not in draft.evidence:
        draft.evidence.append(document_id)
    album = message.media_group_id or ""
    acknowledge = not album or album != draft.album
    draft.album = album
    drafts.write(context.user_data, draft)
    if acknowledge:
        await message.reply_text(texts.REPORT_EVIDENCE_SAVED.format(count=len(draft.evidence)))
    return ReportStep.EVIDENCE


@on_press(EvidenceDone, Role.PJ)
async def evidence_done(
    update: Update, context: Context, member: Member, data: EvidenceDone
) -> int | None:
    """No more evidence: the summary."""
    draft = await _pressed(update, context)
    if draft is None:
        return END
    if draft.phase != Phase.EVIDENCE:
        await show(update, app_texts.STALE_BUTTON)
        return None
    draft.phase = Phase.SUMMARY.value
    return await ask_next(update, context, draft)


@on_press(EditReport, Role.PJ)
async def edit(update: Update, context: Context, member: Member, data: EditReport) -> int:
    """Go through every answer again, each showing what was given."""
    draft = await _pressed(update, context)
    if draft is None:
        return END
    draft.input_index = draft.action_index = 0
    draft.phase = Phase.INPUT.value
    return await ask_next(update, context, draft)


@on_press(SendReport, Role.PJ)
async def send(update: Update, context: Context, member: Member, data: SendReport) -> int:
    """Send; a package reported before for the period asks first."""
    return await _send(update, context, member, confirmed=False)


@on_press(SendRevision, Role.PJ)
async def send_revision(
    update: Update, context: Context, member: Member, data: SendRevision
) -> int:
    """Send as a new revision of the report already there."""
    return await _send(update, context, member, confirmed=True)


def _actions(draft: ReportDraft) -> list[ActionReport]:
    found = []
    for action in draft.actions:
        note = draft.note_of(action) or ActionNote("")
        found.append(ActionReport(action.indicator_code, action.number, note.status, note.note))
    return found


async def _send(update: Update, context: Context, member: Member, *, confirmed: bool) -> int:
    draft = await _pressed(update, context)
    if draft is None:
        return END
    result = submit_report(
        services(context),
        owner_id=member.user_id,
        package_id=draft.package_id,
        period_key=draft.period_key,
        values=draft.values,
        actions=_actions(draft),
        constraints=draft.constraints,
        evidence=draft.evidence,
        confirmed=confirmed,
    )
    if result is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    if isinstance(result, RevisionNeeded):
        # Fixing a returned report needs no question; replacing a waiting or accepted one does.
        choices = [
            button(texts.REPORT_BUTTON_REVISION, SendRevision()),
            button(texts.REPORT_BUTTON_EDIT, EditReport()),
        ]
        text = texts.REPORT_CONFIRM_REVISION.format(
            revision=result.revision, status=texts.REPORT_STATUS[result.status]
        )
        await show(update, text, InlineKeyboardMarkup([choices]))
        return ReportStep.CONFIRM_REVISION
    drafts.clear(context.user_data, ReportDraft)
    again = ChoosePeriod(result.year, result.period.key, 1)
    await show(
        update,
        texts.REPORT_SENT.format(
            revision=result.revision,
            period=render.period_label(result.year, result.period),
            late=texts.REPORT_SENT_LATE if result.late else "",
        ),
        InlineKeyboardMarkup([[button(texts.REPORT_BUTTON_NEXT_PACKAGE, again)]]),
    )
    return END

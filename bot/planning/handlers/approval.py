"""SOP steps 5-6 in the chat: the team submits the plan; the head decides through the
approvals feature, which calls back here when the decision is recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot import texts as app_texts
from bot.access import Member, services
from bot.approvals import handlers as approval_ui
from bot.approvals.copies import Filing
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.approvals.rules import Option
from bot.context import Context
from bot.core.roles import Role
from bot.deliveries import Notice
from bot.letters.callbacks import GoToLetter
from bot.letters.kinds import LetterKind
from bot.planning import messages, texts, usecases
from bot.planning.callbacks import OpenPlan, SubmitPlan
from bot.planning.handlers.menu import open_from_step
from bot.planning.rules.changes import diff
from bot.planning.rules.model import PlanStatus
from bot.planning.usecases import PlanDecided
from bot.services import Services
from bot.sop.steps import StepId
from bot.ui.buttons import on_press, press_handler
from bot.ui.chat import answer, button, button_rows, show

APPROVE = Option("approve", texts.PLAN_OPTION_APPROVE, done_label=texts.PLAN_OPTION_APPROVE_DONE)
CHANGES = Option(
    "changes",
    texts.PLAN_OPTION_CHANGES,
    needs_comment=True,
    done_label=texts.PLAN_OPTION_CHANGES_DONE,
)


def _open_plan(year: int) -> InlineKeyboardMarkup:
    """The button to the plan of ``year`` under a message about it."""
    return InlineKeyboardMarkup(
        [[button(texts.PLAN_BUTTON_OPEN.format(year=year), OpenPlan(year))]]
    )


def _refusal(result: usecases.PlanInvalid | usecases.PlanIncomplete | usecases.NotADraft) -> str:
    if isinstance(result, usecases.PlanInvalid):
        return texts.PLAN_SUBMIT_INVALID.format(count=result.count)
    if isinstance(result, usecases.PlanIncomplete):
        items = [app_texts.esc(item) for item in result.items] or [texts.PLAN_SUBMIT_EMPTY]
        return texts.PLAN_SUBMIT_BLOCKED.format(items="\n".join(f"• {item}" for item in items))
    return texts.PLAN_SUBMIT_NOT_DRAFT.format(status=texts.PLAN_STATUS[result.status])


def _summary(svc: Services, member: Member, submitted: usecases.Submitted) -> str:
    previous, old = submitted.previous, submitted.previous_plan
    return messages.approval_summary(
        submitted.plan,
        submitted.revision,
        by=member.full_name,
        when=svc.now(),
        zone=svc.profile.timezone,
        previous=previous,
        changes=None if old is None else diff(old, submitted.plan),
    )


@on_press(SubmitPlan, Role.TIM)
async def submit(update: Update, context: Context, member: Member, data: SubmitPlan) -> None:
    """ "Ajukan persetujuan" / "Ajukan lagi": check completeness, then send the plan of the
    button's year to the head."""
    await answer(update)
    svc = services(context)
    result = usecases.submit_plan(svc, year=data.year, actor_id=member.user_id)
    if not isinstance(result, usecases.Submitted):
        markup = _open_plan(data.year) if isinstance(result, usecases.NotADraft) else None
        await show(update, _refusal(result), markup)
        return
    plan, revision = result.plan, result.revision
    label = replace(revision, status=PlanStatus.SUBMITTED).label
    pdf = usecases.document_pdf(svc, plan, label)
    await approval_ui.send_request(
        context,
        kind=usecases.APPROVAL_KIND,
        subject_id=revision.id,
        title=texts.PLAN_APPROVAL_TITLE.format(year=plan.year, number=revision.number),
        summary=_summary(svc, member, result),
        options=[APPROVE, CHANGES],
        requested_by=member,
        attachments=[
            (
                pdf,
                usecases.approved_file_name(plan.year, revision.number),
                texts.PLAN_APPROVAL_DOC_CAPTION.format(year=plan.year, number=revision.number),
            )
        ],
        filing=Filing(revision.cycle_id, int(StepId.PLAN_PRESENTED), revision.number),
    )
    await show(update, texts.PLAN_SUBMITTED.format(year=data.year, number=revision.number))


def _is_current(svc: Services, view: RequestView) -> bool:
    return usecases.is_current_submission(svc, revision_id=view.subject_id)


def _team_notice(view: RequestView) -> Callable[[PlanDecided], Notice]:
    """What the team is told of the head's decision, with the next step's button."""
    by = app_texts.esc(f"{view.acting_title} {view.decided_by}".strip())

    def notice(decided: PlanDecided) -> Notice:
        if decided.approved:
            text = texts.PLAN_APPROVED_TEAM.format(year=decided.year, number=decided.number, by=by)
            next_step = button(
                texts.PLAN_BUTTON_NEXT_CIRCULAR,
                GoToLetter(kind=LetterKind.CIRCULAR, year=decided.year),
            )
            return text, button_rows(InlineKeyboardMarkup([[next_step]]))
        text = texts.PLAN_CHANGES_TEAM.format(
            year=decided.year,
            number=decided.number,
            by=by,
            comment=app_texts.esc(view.comment),
        )
        return text, button_rows(_open_plan(decided.year))

    return notice


async def _on_decided(context: Context, view: RequestView) -> None:
    """Record the head's decision on the revision (once: again after a stop changes
    nothing); the team is told through the outbox."""
    usecases.decide_plan(
        services(context),
        revision_id=view.subject_id,
        approved=view.decision == APPROVE.key,
        decided_by_user_id=view.decided_by_user_id,
        decided_by=view.decided_by,
        acting=view.acting_title,
        decided_at=view.decided_at,
        comment=view.comment,
        team_notice=_team_notice(view),
        request_id=view.id,
    )


async def _detail(update: Update, context: Context, view: RequestView) -> None:
    """ "Lihat detail": every indicator with formula, baseline, target and action count."""
    found = usecases.revision_plan(services(context), revision_id=view.subject_id)
    if found is None or found.revision is None:
        return
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, messages.detail_text(found.plan, found.revision))


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Step 5 opens the plan menu of that year (with its submit button); step 6 the head's
    waiting list."""
    if member.role is Role.TIM:
        return await open_from_step(update, context, member, step, year)
    await approval_ui.waiting_for_me(update, context)
    return True


APPROVAL_KINDS = {
    usecases.APPROVAL_KIND: ApprovalKind(
        is_current=_is_current, on_decided=_on_decided, detail=_detail
    )
}
STEP_OPENERS = {"persetujuan": open_step}


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """The submit button (outside /rencana's conversation: it also sits on old menus)."""
    return [press_handler(SubmitPlan, submit)]

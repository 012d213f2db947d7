"""SOP steps 5-6: the team submits the complete plan; the head approves it or asks for
changes, through the approval mechanism."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot import texts as app_texts
from bot.access import Member, callback_parts, int_or_none, members_only, services
from bot.approvals import handlers as approval_ui
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.approvals.rules import Option
from bot.context import Context
from bot.core import signing
from bot.core.dates import format_datetime
from bot.core.roles import Role
from bot.planning import texts
from bot.planning.documents import document
from bot.planning.handlers import change_lines, open_from_step
from bot.planning.rules.changes import diff
from bot.planning.rules.model import Plan
from bot.planning.rules.validation import missing, problems
from bot.planning.rules.values import format_number
from bot.services import Services
from bot.sop.steps import StepState
from bot.ui.chat import answer, button, show, tell_team
from storage import archive, cycles, plans, users
from storage.archive import NewDocument, Signed
from storage.models import Cycle, Document, PlanRevision, User

KIND = "rencana"
APPROVE = Option("approve", texts.PLAN_OPTION_APPROVE, done_label=texts.PLAN_OPTION_APPROVE_DONE)
CHANGES = Option(
    "changes",
    texts.PLAN_OPTION_CHANGES,
    needs_comment=True,
    done_label=texts.PLAN_OPTION_CHANGES_DONE,
)


def _revision(svc: Services, revision_id: int) -> tuple[PlanRevision | None, Plan]:
    """The revision and its plan (an empty plan of year 0 when the revision is gone)."""
    with svc.db.read() as session:
        revision = session.get(PlanRevision, revision_id)
        cycle = None if revision is None else session.get(Cycle, revision.cycle_id)
        if revision is None or cycle is None:
            return None, Plan(year=0)
        return revision, plans.load_plan(session, revision_id=revision_id, year=cycle.year)


def _open_plan(year: int) -> InlineKeyboardMarkup:
    """The button to the plan of ``year`` under a message about it."""
    return InlineKeyboardMarkup(
        [[button(texts.PLAN_BUTTON_OPEN.format(year=year), f"pln:{year}:menu")]]
    )


def _summary(svc: Services, member: Member, revision: PlanRevision, plan: Plan) -> str:
    objectives = "\n".join(
        f"{n}. {app_texts.esc(o.text)}" for n, o in enumerate(plan.objectives, 1)
    )
    areas = "\n".join(
        texts.PLAN_APPROVAL_AREA_LINE.format(
            code=app_texts.esc(a.code),
            name=app_texts.esc(a.name),
            count=len(plan.indicators_of(a.code)),
        )
        for a in plan.areas
    )
    targets = "\n".join(
        texts.PLAN_APPROVAL_TARGET_LINE.format(
            code=app_texts.esc(i.code),
            name=app_texts.esc(i.name[:60]),
            baseline=format_number(i.baseline_value),
            target=format_number(i.annual_target),
            unit=app_texts.esc(i.unit),
        )
        for i in plan.indicators
    )
    changes = ""
    with svc.db.read() as session:
        previous = plans.previous_submission(session, revision=revision)
        old = (
            None
            if previous is None
            else plans.load_plan(session, revision_id=previous.id, year=plan.year)
        )
    if previous is not None and old is not None:
        found = diff(old, plan)
        changes = (
            texts.PLAN_APPROVAL_CHANGES.format(number=previous.number, lines=change_lines(found))
            if found
            else texts.PLAN_APPROVAL_NO_CHANGES.format(number=previous.number)
        )
    return texts.PLAN_APPROVAL_SUMMARY.format(
        year=plan.year,
        number=revision.number,
        by=app_texts.esc(member.full_name),
        when=format_datetime(svc.now(), svc.profile.timezone),
        objectives=objectives,
        areas=areas,
        targets=targets,
        changes=changes,
    )


def _pdf(svc: Services, plan: Plan, label: str, approval: signing.Approval | None = None) -> bytes:
    """The planning document: a draft (DRAF), or signed with ``approval``."""
    return document.plan_document_pdf(
        plan, svc.profile, revision_label=label, generated_at=svc.now(), approval=approval
    )


def _approval(
    svc: Services, *, user_id: int | None, name: str, acting: str, at: datetime, code: str
) -> signing.Approval:
    with svc.db.read() as session:
        user = None if user_id is None else users.get_user(session, user_id)
    return signing.approval(
        svc.profile,
        kind=document.SIGNED_KIND,
        acting=acting,
        approved_by=user.full_name if user else name,
        approver_nip=user.nip if user else "",
        at=at,
        code=code,
    )


def plan_pdf(svc: Services, revision: PlanRevision | None, plan: Plan, label: str) -> bytes:
    """The planning document of ``revision`` as people get it: an approved revision's
    archived PDF exactly as signed (so ``kinerja-bot verify`` confirms it), else a draft."""
    if revision is None or revision.status != plans.APPROVED:
        return _pdf(svc, plan, label)
    if revision.document_id is not None:
        with svc.db.read() as session:
            stored = session.get(Document, revision.document_id)
        if stored is not None and archive.path_of(svc.archive_dir, stored).is_file():
            return archive.path_of(svc.archive_dir, stored).read_bytes()
    # Approved before documents recorded their approval: dated and signed from the revision.
    approval = _approval(
        svc,
        user_id=revision.approved_by_user_id,
        name=svc.profile.head.name,
        acting="",
        at=revision.approved_at or svc.now(),
        code="",
    )
    return _pdf(svc, plan, label, approval)


@members_only(Role.TIM)
async def submit(update: Update, context: Context, member: Member) -> None:
    """ "Ajukan persetujuan" / "Ajukan lagi": check completeness, then send the plan of the
    button's year to the head."""
    await answer(update)
    svc = services(context)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "pap")
    year = int_or_none(parts[1]) if len(parts) == 2 else None
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    with svc.db.read() as session:
        revision, plan = plans.current_plan(session, year=year)
    found = problems(plan)
    if found:
        await show(update, texts.PLAN_SUBMIT_INVALID.format(count=len(found)))
        return
    lacking = [item for step in plans.PLANNING_STEPS for item in missing(plan)[step]]
    if lacking or revision is None or revision.id is None:
        items = "\n".join(f"• {app_texts.esc(item)}" for item in lacking) or "• rencana kosong"
        await show(update, texts.PLAN_SUBMIT_BLOCKED.format(items=items))
        return
    if revision.status != plans.DRAFT:
        status = texts.PLAN_STATUS[revision.status]
        await show(update, texts.PLAN_SUBMIT_NOT_DRAFT.format(status=status), _open_plan(year))
        return
    now = svc.now()
    with svc.db.write() as session:
        actor = users.get_user(session, member.user_id)
        plans.set_status(
            session, revision_id=revision.id, status=plans.SUBMITTED, actor=actor, now=now
        )
        for step in (5, 6):
            cycles.set_step_state(
                session,
                cycle_id=revision.cycle_id,
                step_no=step,
                state=StepState.BERJALAN,
                actor=actor,
                now=now,
            )
    label = texts.PLAN_REVISION.format(
        number=revision.number, status=texts.PLAN_STATUS["submitted"]
    )
    pdf = _pdf(svc, plan, label)
    await approval_ui.send_request(
        context,
        kind=KIND,
        subject_id=revision.id,
        title=texts.PLAN_APPROVAL_TITLE.format(year=plan.year, number=revision.number),
        summary=_summary(svc, member, revision, plan),
        options=[APPROVE, CHANGES],
        requested_by=member,
        attachments=[
            (
                pdf,
                f"dokumen-perencanaan-kinerja-{plan.year}-rev{revision.number}.pdf",
                texts.PLAN_APPROVAL_DOC_CAPTION.format(year=plan.year, number=revision.number),
            )
        ],
    )
    await show(update, texts.PLAN_SUBMITTED.format(year=year, number=revision.number))


def _is_current(svc: Services, view: RequestView) -> bool:
    """Only the newest revision, still waiting, can be decided."""
    with svc.db.read() as session:
        revision = session.get(PlanRevision, view.subject_id)
        if revision is None:
            return False
        latest = plans.latest_revision(session, cycle_id=revision.cycle_id)
    return latest is not None and latest.id == revision.id and revision.status == plans.SUBMITTED


async def _on_decided(context: Context, view: RequestView) -> None:
    """Approve: freeze the revision, archive its PDF, close steps 5-6, open step 7.
    Changes: the revision goes back to the team with the head's comment."""
    svc = services(context)
    revision, plan = _revision(svc, view.subject_id)
    if revision is None or revision.id is None:
        return
    by = f"{view.acting_title} {view.decided_by}".strip()
    now = svc.now()
    if view.decision == APPROVE.key:
        label = texts.PLAN_REVISION.format(
            number=revision.number, status=texts.PLAN_STATUS["approved"]
        )
        approval = _approval(
            svc,
            user_id=view.decided_by_user_id,
            name=view.decided_by,
            acting=view.acting_title,
            at=view.decided_at or now,
            code=signing.new_verification_code(),
        )
        pdf = _pdf(svc, plan, label, approval)
        with svc.db.write() as session:
            decider = _decider(session, view)
            plans.set_status(
                session, revision_id=revision.id, status=plans.APPROVED, actor=decider, now=now
            )
            stored = archive.store(
                session,
                root=svc.archive_dir,
                content=pdf,
                meta=NewDocument(
                    kind="rencana_disetujui",
                    file_name=f"dokumen-perencanaan-kinerja-{plan.year}-rev{revision.number}.pdf",
                    mime_type="application/pdf",
                    cycle_id=revision.cycle_id,
                    step_no=6,
                    uploaded_by_user_id=None if decider is None else decider.id,
                    signature=Signed(
                        number=texts.PLAN_DOCUMENT_NUMBER.format(
                            year=plan.year, number=revision.number
                        ),
                        signed_by=approval.signatory.name,
                        signed_as=approval.capacity,
                        signed_at=approval.at,
                        verification_code=approval.code,
                    ),
                ),
                now=now,
            )
            assert stored.id is not None
            plans.attach_document(session, revision_id=revision.id, document_id=stored.id)
            for step in (5, 6):
                cycles.set_step_state(
                    session,
                    cycle_id=revision.cycle_id,
                    step_no=step,
                    state=StepState.SELESAI,
                    actor=decider,
                    now=now,
                )
            cycles.set_step_state(
                session,
                cycle_id=revision.cycle_id,
                step_no=7,
                state=StepState.BERJALAN,
                actor=decider,
                now=now,
            )
        await tell_team(
            context,
            svc,
            texts.PLAN_APPROVED_TEAM.format(
                year=plan.year, number=revision.number, by=app_texts.esc(by)
            ),
            InlineKeyboardMarkup(
                [[button(texts.PLAN_BUTTON_NEXT_CIRCULAR, f"ltr:go:edaran:{plan.year}")]]
            ),
        )
        return
    with svc.db.write() as session:
        decider = _decider(session, view)
        plans.set_status(
            session, revision_id=revision.id, status=plans.CHANGES_REQUESTED, actor=decider, now=now
        )
        for step in (5, 6):
            cycles.set_step_state(
                session,
                cycle_id=revision.cycle_id,
                step_no=step,
                state=StepState.PERLU_PERBAIKAN,
                actor=decider,
                now=now,
                note=view.comment[:500],
            )
    await tell_team(
        context,
        svc,
        texts.PLAN_CHANGES_TEAM.format(
            year=plan.year,
            number=revision.number,
            by=app_texts.esc(by),
            comment=app_texts.esc(view.comment),
        ),
        _open_plan(plan.year),
    )


def _decider(session: Session, view: RequestView) -> User | None:
    return (
        None
        if view.decided_by_user_id is None
        else users.get_user(session, view.decided_by_user_id)
    )


async def _detail(update: Update, context: Context, view: RequestView) -> None:
    """ "Lihat detail": every indicator with formula, baseline, target and action count."""
    svc = services(context)
    revision, plan = _revision(svc, view.subject_id)
    if revision is None:
        return
    lines = [texts.PLAN_DETAIL_HEADER.format(year=plan.year, number=revision.number)]
    for i in plan.indicators:
        lines.append(
            texts.PLAN_DETAIL_LINE.format(
                code=app_texts.esc(i.code),
                name=app_texts.esc(i.name),
                formula=app_texts.esc(i.formula),
                polarity=app_texts.esc(i.polarity.value if i.polarity else "-"),
                reporting=app_texts.esc(
                    i.reporting_frequency.value if i.reporting_frequency else "-"
                ),
                baseline=format_number(i.baseline_value),
                baseline_year=i.baseline_year or "-",
                target=format_number(i.annual_target),
                unit=app_texts.esc(i.unit),
                actions=len(plan.actions_of(i.code)),
            )
        )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, "\n\n".join(lines))


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Step 5 opens the plan menu of that year (with its submit button); step 6 the head's
    waiting list."""
    if member.role is Role.TIM:
        return await open_from_step(update, context, member, step, year)
    await approval_ui.waiting_for_me(update, context)
    return True


APPROVAL_KINDS = {
    KIND: ApprovalKind(is_current=_is_current, on_decided=_on_decided, detail=_detail)
}
STEP_OPENERS = {"persetujuan": open_step}


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [CallbackQueryHandler(submit, pattern=r"^pap:submit")]

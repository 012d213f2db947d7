"""Submitting a made report to the head, and the head's decision as the approval mechanism
reports it: signed (archived, copies to the team and the head) or returned with a comment."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import texts as app_texts
from bot.access import Member, services
from bot.approvals import handlers as approval_ui
from bot.approvals.copies import Filing
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.approvals.rules import Option
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.roles import Role
from bot.core.signing import format_code
from bot.outreach.sending import kick_outbox
from bot.performance import texts
from bot.performance.callbacks import PickKind, Submit
from bot.performance.handlers.choosing import decision_label, period_title, report_name
from bot.performance.kinds import REPORT_APPROVAL, STATUS_APPROVAL
from bot.performance.usecases import choices, making, signing
from bot.performance.usecases.making import Stored
from bot.services import Services
from bot.sop.steps import StepId
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show

SIGN = Option("sign", texts.OPTION_SIGN, done_label=texts.OPTION_SIGN_DONE)
CHANGES = Option(
    "changes", texts.OPTION_CHANGES, needs_comment=True, done_label=texts.OPTION_CHANGES_DONE
)


def _title(report: Stored, label: str) -> str:
    return period_title(report.choice, label, report.year)


@on_press(Submit, Role.TIM)
async def submit_pressed(update: Update, context: Context, member: Member, data: Submit) -> None:
    """ "Ajukan untuk ditandatangani": the report (draft PDF attached) goes to the head."""
    await answer(update)
    svc = services(context)
    found = signing.submit(svc, report_id=data.report_id, actor_id=member.user_id)
    if isinstance(found, signing.Refusal):
        await show(update, texts.REFUSED[found.value])
        return
    rendered = await making.render_again(
        svc, found, day=svc.today(), approval=None, decision_label=decision_label
    )
    if isinstance(rendered, making.Refusal):
        await show(update, texts.REFUSED[rendered.value])
        return
    period, files = rendered
    name, title = report_name(found.choice), _title(found, period.label)
    summary_text = (
        texts.APPROVAL_SUMMARY_STATUS if found.choice.is_status else texts.APPROVAL_SUMMARY
    )
    summary = summary_text.format(
        name=name,
        period=title,
        revision=found.revision,
        by=app_texts.esc(member.full_name),
        when=format_datetime(svc.now(), svc.profile.timezone),
    )
    caption = texts.CAPTION_FILES[0].format(name=name, period=title) + texts.CAPTION_DRAFT.format(
        revision=found.revision
    )
    await approval_ui.send_request(
        context,
        kind=found.choice.approval_kind,
        subject_id=found.report_id,
        title=f"{name} {title}",
        summary=summary,
        options=[SIGN, CHANGES],
        requested_by=member,
        attachments=[(files[0].content, files[0].file_name, caption)],
        filing=Filing(found.cycle_id, _step(found), found.revision),
        supersedes=found.revisions,  # another period's report keeps waiting
    )
    back = InlineKeyboardMarkup(
        [[button(texts.BUTTON_BACK_TO_PERIODS, PickKind(found.year, found.choice))]]
    )
    await show(update, texts.SUBMITTED.format(name=name, period=title), back)


def _step(report: Stored) -> int:
    """The SOP step a report's draft is filed under: 17 for the final status report."""
    return int(StepId.DECISION_MEETING if report.choice.is_status else StepId.ACHIEVEMENT_REPORT)


def _is_current(svc: Services, view: RequestView) -> bool:
    return signing.is_current(svc, report_id=view.subject_id)


async def _on_decided(context: Context, view: RequestView) -> None:
    """Sign the report, or return it to the team with the head's comment (once: again
    after a stop changes nothing); the team (and the head, for the signed copies) are told
    through the outbox."""
    svc = services(context)
    by = app_texts.esc(f"{view.acting_title} {view.decided_by}".strip())
    if view.decision != SIGN.key:

        def returned(report: Stored) -> str:
            title = choices.period_title(svc, report.year, report.choice, report.number)
            return texts.RETURNED_TEAM.format(
                name=report_name(report.choice),
                period=title,
                revision=report.revision,
                by=by,
                comment=app_texts.esc(view.comment),
            )

        signing.return_to_team(
            svc,
            report_id=view.subject_id,
            comment=view.comment,
            actor_id=view.decided_by_user_id,
            notice=returned,
            request_id=view.id,
        )
        return

    def caption(signed: signing.SignedReport, number: int) -> str:
        report = signed.report
        name, title = report_name(report.choice), _title(report, signed.period.label)
        text = texts.CAPTION_FILES[number].format(name=name, period=title)
        return text + texts.CAPTION_SIGNED.format(
            revision=report.revision, code=format_code(signed.code)
        )

    decision = view.signer()
    await signing.sign(
        svc,
        report_id=view.subject_id,
        decision=decision,
        decision_label=decision_label,
        caption=caption,
        request_id=view.id,
    )
    kick_outbox(context)


APPROVAL_KINDS = {
    kind: ApprovalKind(is_current=_is_current, on_decided=_on_decided)
    for kind in (REPORT_APPROVAL, STATUS_APPROVAL)
}

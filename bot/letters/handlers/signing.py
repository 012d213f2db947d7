"""The head's decision on a letter, as the approval mechanism reports it: signed (numbered,
archived, sent to the owners) or returned to the team."""

from __future__ import annotations

from bot import texts as app_texts
from bot.access import services
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.context import Context
from bot.letters import texts
from bot.letters.handlers.edit import SIGN
from bot.letters.kinds import LetterKind
from bot.letters.usecases import signing
from bot.outreach.sending import kick_outbox
from bot.services import Services
from bot.ui.chat import tell_team


def _is_current(svc: Services, view: RequestView) -> bool:
    return signing.is_awaiting(svc, letter_id=view.subject_id)


async def _on_decided(context: Context, view: RequestView) -> None:
    """Sign the letter, or return it to the team with the head's comment."""
    svc = services(context)
    by = app_texts.esc(f"{view.acting_title} {view.decided_by}".strip())
    if view.decision != SIGN.key:
        letter = signing.return_to_draft(svc, letter_id=view.subject_id)
        if letter is not None:
            name = texts.LETTER_KIND_NAMES[letter.kind]
            comment = app_texts.esc(view.comment)
            tell_team(svc, texts.LETTER_REJECTED_TEAM.format(name=name, by=by, comment=comment))
        return
    decision = signing.Decision(
        user_id=view.decided_by_user_id,
        name=view.decided_by,
        acting=view.acting_title,
        at=view.decided_at,
    )
    signed = await signing.sign(svc, letter_id=view.subject_id, decision=decision)
    if signed is None:
        return
    name = texts.LETTER_KIND_NAMES[signed.kind]
    if signed.kind is LetterKind.REPORT:
        text = texts.LETTER_SIGNED_REPORT.format(name=name, by=by)
    else:
        number = app_texts.esc(signed.number)
        text = texts.LETTER_SIGNED_TEAM.format(
            name=name, by=by, number=number, count=signed.recipients
        )
    tell_team(svc, text)
    kick_outbox(context)


APPROVAL_KINDS = {
    kind.approval_kind: ApprovalKind(is_current=_is_current, on_decided=_on_decided)
    for kind in LetterKind
}

"""The head's decision on a letter, as the approval mechanism reports it: signed (numbered,
archived, sent to the owners) or returned to the team."""

from __future__ import annotations

from bot import texts as app_texts
from bot.access import services
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.context import Context
from bot.deliveries import Notice
from bot.letters import texts
from bot.letters.handlers.edit import SIGN
from bot.letters.kinds import LetterKind
from bot.letters.usecases import signing
from bot.letters.usecases.views import LetterView
from bot.outreach.sending import kick_outbox
from bot.services import Services


def _is_current(svc: Services, view: RequestView) -> bool:
    return signing.is_awaiting(svc, letter_id=view.subject_id)


async def _on_decided(context: Context, view: RequestView) -> None:
    """Sign the letter, or return it to the team with the head's comment (once: again
    after a stop it signs with the number reserved, or changes nothing); the team is told
    through the outbox, queued with the change."""
    svc = services(context)
    by = app_texts.esc(f"{view.acting_title} {view.decided_by}".strip())
    if view.decision != SIGN.key:

        def returned(letter: LetterView) -> Notice:
            name = texts.LETTER_KIND_NAMES[letter.kind]
            comment = app_texts.esc(view.comment)
            return texts.LETTER_REJECTED_TEAM.format(name=name, by=by, comment=comment), ()

        signing.return_to_draft(
            svc, letter_id=view.subject_id, team_notice=returned, request_id=view.id
        )
        return

    def signed(letter: signing.SignedLetter) -> Notice:
        name = texts.LETTER_KIND_NAMES[letter.kind]
        if letter.kind is LetterKind.REPORT:
            return texts.LETTER_SIGNED_REPORT.format(name=name, by=by), ()
        number = app_texts.esc(letter.number)
        text = texts.LETTER_SIGNED_TEAM.format(
            name=name, by=by, number=number, count=letter.recipients
        )
        return text, ()

    decision = view.signer()
    await signing.sign(
        svc, letter_id=view.subject_id, decision=decision, team_notice=signed, request_id=view.id
    )
    kick_outbox(context)


APPROVAL_KINDS = {
    kind.approval_kind: ApprovalKind(is_current=_is_current, on_decided=_on_decided)
    for kind in LetterKind
}

"""The approval mechanism without Telegram (use cases on a database), and what typed buttons
and drafts change: the request buttons keep their wire format, forged ones decide nothing,
old drafts are dropped with a message."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from bot import texts as app_texts
from bot.approvals import copies, usecases
from bot.approvals.callbacks import Decide, Detail, ShowRequest
from bot.approvals.rules import DecisionRefusal, Option, RequestStatus
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.planning.rules.example import example_plan
from storage import approvals, audit, outbox, plans, users
from storage.models import Broadcast
from tests.harness import Harness
from tests.old_drafts import plant

APPROVE = Option("approve", "Setujui", done_label="Disetujui")
CHANGES = Option("changes", "Minta perubahan", needs_comment=True)


def _user_id(bot: Harness, telegram_id: int) -> int:
    with bot.svc.db.read() as session:
        user = users.get_by_telegram_id(session, telegram_id)
        assert user is not None and user.id is not None
        return user.id


async def test_decisions_through_the_use_cases(bot: Harness) -> None:
    await bot.registered(1001, Role.KEPALA)
    await bot.registered(2001, Role.TIM)
    svc, head, team = bot.svc, _user_id(bot, 1001), _user_id(bot, 2001)

    def request(subject_id: int, deciders: tuple[int, ...] = (1001,)) -> int:
        opened = usecases.open_request(
            svc,
            kind="uji",
            subject_id=subject_id,
            title="Uji",
            summary="Permohonan uji",
            options=[APPROVE, CHANGES],
            requested_by_id=team,
        )
        # Queued for everyone who may decide today, in the request's transaction.
        with svc.db.read() as session:
            (message,) = [
                b
                for b in session.exec(select(Broadcast).where(Broadcast.ref_id == opened.view.id))
                if b.kind == copies.REQUEST_MESSAGE
            ]
            assert message.id is not None
            items = outbox.items_of(session, broadcast_id=message.id)
        assert tuple(i.chat_id for i in items) == deciders
        return opened.view.id

    def decide(request_id: int, user_id: int, role: Role, key: str, current: bool = True) -> object:
        return usecases.decide_request(
            svc,
            request_id=request_id,
            user_id=user_id,
            role=role,
            option_key=key,
            comment="",
            is_current=lambda view: current,
        ).refusal

    first = request(1)
    assert decide(first, team, Role.TIM, "approve") is DecisionRefusal.NOT_ALLOWED
    assert decide(first, head, Role.KEPALA, "later") is DecisionRefusal.UNKNOWN_OPTION
    assert decide(first, head, Role.KEPALA, "changes") is DecisionRefusal.COMMENT_REQUIRED
    # The subject moved on: the request is superseded, not decided.
    assert decide(first, head, Role.KEPALA, "approve", current=False) is DecisionRefusal.STALE
    view = usecases.request_view(svc, request_id=first)
    assert view is not None and view.status is RequestStatus.SUPERSEDED
    second = request(2)
    assert decide(second, head, Role.KEPALA, "approve") is None
    assert decide(second, head, Role.KEPALA, "approve") is DecisionRefusal.ALREADY_DECIDED
    decided = usecases.request_view(svc, request_id=second)
    assert decided is not None and decided.decision == "approve"
    assert decided.decided_by_user_id == head
    # An acting head decides within the dates only.
    named = usecases.name_acting_head(
        svc, actor_id=head, user_id=team, title="Plh", start=date(2027, 1, 6), end=date(2027, 1, 8)
    )
    assert named is not None and named.telegram_id == 2001
    assert usecases.decider_title(svc, user_id=team, role=Role.TIM) is None
    bot.clock.advance(timedelta(days=1))
    assert usecases.decider_title(svc, user_id=team, role=Role.TIM) == "Plh"
    third = request(3, deciders=(1001, 2001))
    pending = usecases.pending_requests(svc, user_id=team, role=Role.TIM, is_current=bool)
    assert pending is not None and [v.id for v in pending] == [third]


def _seed(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=bot.clock.now()
        )


async def _plan_request(bot: Harness) -> tuple[Person, Shown]:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await team.command("rencana")
    await team.press("Ajukan persetujuan")
    request = next(m for m in reversed(bot.api.chat(1001)) if "Permohonan" in m.plain)
    return head, request


def _decisions(bot: Harness) -> int:
    with bot.svc.db.read() as session:
        return len(audit.entries(session, action="approval.decide"))


async def test_request_buttons_keep_their_wire_format(bot: Harness) -> None:
    head, request = await _plan_request(bot)
    with bot.svc.db.read() as session:
        (pending,) = approvals.pending(session)
        request_id = pending.id
    assert [data for row in request.buttons for _, data in row] == [
        f"apr:{request_id}:o:approve",
        f"apr:{request_id}:o:changes",
        f"apr:{request_id}:d",
    ]
    assert ShowRequest(request_id=7).encode() == "apr:7:s"
    assert Decide.decode("apr:7:o:approve") == Decide(request_id=7, option="approve")
    assert Detail.decode("apr:7:o:approve") is None
    # Forged or damaged: nothing is decided, the buttons stay.
    for data in ("apr:abc:o:approve", f"apr:{request_id}:x", f"apr:{request_id}:o"):
        await head.press_data(data, on=request)
        answered = bot.api.calls_of("answerCallbackQuery")[-1].params
        assert answered["text"] == app_texts.STALE_BUTTON, data
    await head.press_data(f"apr:{request_id}:o:sekalian", on=request)
    assert bot.api.calls_of("answerCallbackQuery")[-1].params["show_alert"] is True
    assert _decisions(bot) == 0
    assert bot.api.shown[(1001, request.message_id)].buttons != []
    # The genuine button still decides.
    await head.press_data(f"apr:{request_id}:o:approve", on=request)
    assert _decisions(bot) == 1


async def test_an_old_comment_draft_is_dropped_and_decides_nothing(bot: Harness) -> None:
    head, request = await _plan_request(bot)
    await head.press("Minta perubahan", on=request)
    with bot.svc.db.read() as session:
        (pending,) = approvals.pending(session)
    await plant(bot, 1001, "persetujuan_komentar", {"id": pending.id, "key": "changes"})
    shown = await head.send("Target e-Purchasing terlalu rendah.")
    assert shown[0].plain == app_texts.DRAFT_DROPPED
    assert _decisions(bot) == 0
    # The request still waits, with its buttons, and can be decided.
    assert bot.api.shown[(1001, request.message_id)].buttons != []
    await head.press("Setujui", on=request)
    assert _decisions(bot) == 1


async def test_an_old_acting_head_draft_and_old_buttons_store_nothing(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    await bot.registered(2002, Role.TIM, name="Beni Asso")
    overview = (await head.command("plh"))[0]
    await head.press("Tunjuk Plt/Plh")
    await head.press("Beni Asso")
    await head.press("Plh")
    deputy = _user_id(bot, 2002)
    await plant(bot, 1001, "plh", {"user_id": deputy, "title": "Plh"})
    shown = await head.send("07/01/2027 - 09/01/2027")
    assert shown[0].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        assert approvals.list_delegations(session) == []
    # /plh buttons of the release before typed buttons are answered as stale.
    for data in ("dlg:new", f"dlg:u:{deputy}", f"dlg:t:{deputy}:Plh"):
        assert await head.press_data(data, on=overview) == []
        answered = bot.api.calls_of("answerCallbackQuery")[-1].params
        assert answered["text"] == app_texts.STALE_BUTTON, data

"""Every table of the application, in one place.

Timestamps are aware UTC datetimes (see ``UTCDateTime``). Roles and step states are
stored as their short keys (``"pj"``, ``"selesai"``). Any change here needs a migration
in ``storage/migrations/versions`` (a test compares the two).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class Unit(SQLModel, table=True):
    """An organisation unit: an OPD, or the UKPBJ itself."""

    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str = Field(default="", max_length=60)
    active: bool = Field(default=True)
    created_at: datetime = Field(sa_type=UTCDateTime)


class User(SQLModel, table=True):
    """A registered person: one Telegram account with one role."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    role: str = Field(max_length=16)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    full_name: str = Field(max_length=200)
    nip: str = Field(max_length=18)
    position: str = Field(max_length=200)
    active: bool = Field(default=True)
    registered_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Invitation(SQLModel, table=True):
    """A one-time code that lets one person register with a given role (and unit)."""

    __tablename__ = "invitation"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=16)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_via: str = Field(default="bot", max_length=16)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # A head's invitation made while a head is active: whoever uses it becomes the head and
    # the head before is deactivated (there is one Kepala UKPBJ at a time).
    replaces_head: bool = Field(default=False)


class AuditLog(SQLModel, table=True):
    """Who did what, when, with the record before and after (JSON)."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    actor_label: str = Field(max_length=200)
    action: str = Field(max_length=64, index=True)
    entity: str = Field(max_length=64)
    entity_id: str = Field(max_length=64)
    before_json: str | None = Field(default=None, sa_type=Text)
    after_json: str | None = Field(default=None, sa_type=Text)


class Cycle(SQLModel, table=True):
    """One year's performance cycle; open for late reports until the team closes it."""

    __tablename__ = "cycle"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")


class StepStateRow(SQLModel, table=True):
    """The state of one SOP step in one cycle, with who changed it last and when."""

    __tablename__ = "step_state"
    __table_args__ = (UniqueConstraint("cycle_id", "step_no", name="uq_step_state_cycle_step"),)

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id")
    step_no: int
    state: str = Field(max_length=20)
    note: str = Field(default="", max_length=500)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    updated_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")


class Document(SQLModel, table=True):
    """A file in the archive (the SOP's record-keeping rule: every related file is kept).

    A signed document (a letter, the approved plan) also records its number, who signed it
    in which capacity and when, and the verification code printed on it; its sha256 and
    that code find it again (``kinerja-bot verify``).
    """

    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=64, index=True)
    cycle_id: int | None = Field(default=None, foreign_key="cycle.id", index=True)
    step_no: int | None = None
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    file_name: str = Field(max_length=255)
    stored_name: str = Field(max_length=255, unique=True)
    mime_type: str = Field(default="application/octet-stream", max_length=127)
    telegram_file_id: str | None = Field(default=None, max_length=255)
    sha256: str = Field(max_length=64, index=True)
    size_bytes: int
    uploaded_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    number: str = Field(default="", max_length=80)
    signed_by: str = Field(default="", max_length=200)
    signed_as: str = Field(default="", max_length=400)
    signed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verification_code: str | None = Field(default=None, max_length=16, unique=True)
    period_key: str = Field(default="", max_length=30)
    revision: int = Field(default=1)


class PersistedState(SQLModel, table=True):
    """Conversation states and per-user/per-chat data of the bot (JSON), kept across restarts."""

    __tablename__ = "persisted_state"

    namespace: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=128)
    data_json: str = Field(sa_type=Text)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PlanRevision(SQLModel, table=True):
    """One revision of a cycle's performance plan; an approved revision is never edited."""

    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("cycle_id", "number", name="uq_plan_revision_number"),)

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    number: int
    status: str = Field(default="draft", max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime = Field(sa_type=UTCDateTime)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    # The archived PDF of the approved revision, as signed.
    document_id: int | None = Field(default=None, foreign_key="document.id")


class PlanObjective(SQLModel, table=True):
    __tablename__ = "plan_objective"
    __table_args__ = (UniqueConstraint("revision_id", "code", name="uq_plan_objective_code"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="plan_revision.id", index=True)
    position: int
    code: str = Field(max_length=20)
    text: str = Field(sa_type=Text)


class PlanArea(SQLModel, table=True):
    __tablename__ = "plan_area"
    __table_args__ = (UniqueConstraint("revision_id", "code", name="uq_plan_area_code"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="plan_revision.id", index=True)
    position: int
    code: str = Field(max_length=20)
    name: str = Field(max_length=300)
    category: str = Field(max_length=40)
    objective_code: str = Field(max_length=20)


class PlanIndicator(SQLModel, table=True):
    """An indicator of a revision; inputs and period targets are JSON lists."""

    __tablename__ = "plan_indicator"
    __table_args__ = (UniqueConstraint("revision_id", "code", name="uq_plan_indicator_code"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="plan_revision.id", index=True)
    position: int
    code: str = Field(max_length=20)
    area_code: str = Field(max_length=20)
    name: str = Field(max_length=300)
    definition: str = Field(default="", sa_type=Text)
    inputs_json: str = Field(default="[]", sa_type=Text)
    formula: str = Field(default="", max_length=500)
    unit: str = Field(default="", max_length=20)
    polarity: str = Field(default="", max_length=40)
    monitoring_frequency: str = Field(default="", max_length=20)
    reporting_frequency: str = Field(default="", max_length=20)
    data_source: str = Field(default="", max_length=300)
    pic_unit: str = Field(default="", max_length=300)
    evidence: str = Field(default="", sa_type=Text)
    baseline_value: float | None = None
    baseline_year: int | None = None
    annual_target: float | None = None
    period_targets_json: str = Field(default="[]", sa_type=Text)


class PlanAction(SQLModel, table=True):
    __tablename__ = "plan_action"
    __table_args__ = (
        UniqueConstraint("revision_id", "indicator_code", "number", name="uq_plan_action_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="plan_revision.id", index=True)
    position: int
    indicator_code: str = Field(max_length=20)
    number: int
    activity: str = Field(sa_type=Text)
    output: str = Field(default="", sa_type=Text)
    start: date | None = None
    end: date | None = None
    pic_unit: str = Field(default="", max_length=300)
    status: str = Field(default="belum mulai", max_length=20)


class ApprovalRequest(SQLModel, table=True):
    """A request for a decision: what (kind and subject), who may decide, the options, the outcome.

    ``options_json`` lists ``[key, label, needs_comment]``; ``messages_json`` lists the
    ``[chat_id, message_id]`` of every message carrying its buttons, so all can be updated.
    ``effect`` is "pending" from the decision until the feature that asked applied it (in
    the same transaction as its own writes), then "done"; empty for undecided requests.
    """

    __tablename__ = "approval_request"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40, index=True)
    subject_id: int
    title: str = Field(max_length=300)
    summary: str = Field(default="", sa_type=Text)
    decider_role: str = Field(max_length=16)
    options_json: str = Field(sa_type=Text)
    status: str = Field(default="pending", max_length=20, index=True)
    requested_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    requested_at: datetime = Field(sa_type=UTCDateTime)
    decided_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision: str = Field(default="", max_length=40)
    comment: str = Field(default="", sa_type=Text)
    acting_title: str = Field(default="", max_length=10)
    messages_json: str = Field(default="[]", sa_type=Text)
    effect: str = Field(default="", max_length=20, index=True)


class Delegation(SQLModel, table=True):
    """An acting head (Plt/Plh) named by the head for a date range (inclusive, local dates)."""

    __tablename__ = "delegation"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    title: str = Field(max_length=10)
    start_date: date
    end_date: date
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Broadcast(SQLModel, table=True):
    """One message meant for many people (a circular, an invitation, a reminder).

    Button data may hold ``{item}``, replaced per recipient by the outbox item id, so a
    press (acknowledge, RSVP) tells whose copy it was. A document is uploaded once; its
    Telegram file id is kept and reused for every later recipient.
    """

    __tablename__ = "broadcast"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40, index=True)
    ref_id: int | None = None
    text: str = Field(sa_type=Text)
    buttons_json: str = Field(default="[]", sa_type=Text)
    document_id: int | None = Field(default=None, foreign_key="document.id")
    telegram_file_id: str | None = Field(default=None, max_length=255)
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)


class OutboxItem(SQLModel, table=True):
    """One copy of a broadcast for one recipient, and how its delivery went."""

    __tablename__ = "outbox_item"
    __table_args__ = (UniqueConstraint("broadcast_id", "chat_id", name="uq_outbox_item_recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int = Field(foreign_key="broadcast.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id")
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    status: str = Field(default="pending", max_length=20, index=True)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=UTCDateTime, index=True)
    telegram_message_id: int | None = None
    last_error: str = Field(default="", max_length=500)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    response: str = Field(default="", max_length=40)
    response_note: str = Field(default="", max_length=500)
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Letter(SQLModel, table=True):
    """An official letter or report of the cycle: its draft content (JSON), its state and,
    once signed, its number and archived PDF."""

    __tablename__ = "letter"

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    kind: str = Field(max_length=40, index=True)
    status: str = Field(default="draft", max_length=20)
    content_json: str = Field(sa_type=Text)
    number: str | None = Field(default=None, max_length=80)
    sequence: int | None = None
    document_id: int | None = Field(default=None, foreign_key="document.id")
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id")
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    signed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    signed_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    attendance_open_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The number taken for the head's signature before the PDF is made: a retry after a
    # stop signs with it, so no number is lost.
    reserved_sequence: int | None = None
    reserved_year: int | None = None


class LetterSequence(SQLModel, table=True):
    """The last letter number used in a year; numbers are never reused."""

    __tablename__ = "letter_sequence"

    year: int = Field(primary_key=True)
    last_number: int = Field(default=0)


class Attendance(SQLModel, table=True):
    """Who attended a socialisation (by their own tap or ticked by the team)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("letter_id", "user_id", name="uq_attendance_person"),)

    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letter.id", index=True)
    user_id: int = Field(foreign_key="app_user.id")
    present: bool = Field(default=True)
    via: str = Field(default="sendiri", max_length=20)
    marked_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    marked_at: datetime = Field(sa_type=UTCDateTime)


class Package(SQLModel, table=True):
    """A procurement package of the cycle (from SIRUP), its unit, strategic area and owner."""

    __tablename__ = "package"
    __table_args__ = (UniqueConstraint("cycle_id", "kode_rup", name="uq_package_kode_rup"),)

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    kode_rup: str = Field(max_length=40)
    nama_paket: str = Field(sa_type=Text)
    satuan_kerja: str = Field(max_length=300)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    pagu: int = Field(sa_column=Column(BigInteger, nullable=False))
    metode: str = Field(default="", max_length=60)
    jenis: str = Field(default="", max_length=60)
    sumber_dana: str = Field(default="", max_length=120)
    waktu_pemilihan: str = Field(default="", max_length=120)
    area_code: str | None = Field(default=None, max_length=20)
    owner_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    imported_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class UnitAlias(SQLModel, table=True):
    """A satuan kerja name from SIRUP that the team matched to a unit once, for every import."""

    __tablename__ = "unit_alias"

    name_key: str = Field(primary_key=True, max_length=300)
    unit_id: int = Field(foreign_key="unit.id")


class Submission(SQLModel, table=True):
    """An owner's report for one package and one period; a resubmission is a new revision."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("package_id", "period_key", "revision", name="uq_submission_revision"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    package_id: int = Field(foreign_key="package.id", index=True)
    period_key: str = Field(max_length=30, index=True)
    revision: int = Field(default=1)
    status: str = Field(default="submitted", max_length=20, index=True)
    values_json: str = Field(default="{}", sa_type=Text)
    actions_json: str = Field(default="[]", sa_type=Text)
    constraints: str = Field(default="", sa_type=Text)
    evidence_json: str = Field(default="[]", sa_type=Text)
    via: str = Field(default="chat", max_length=20)
    late: bool = Field(default=False)
    submitted_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    submitted_at: datetime = Field(sa_type=UTCDateTime)
    verified_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verification_note: str = Field(default="", sa_type=Text)


class Reminder(SQLModel, table=True):
    """One reminder for one person: derived from deadlines, submissions, requests and
    events, kept in step with them, and sent at most once (the unique key).

    ``subject`` names what it is about (``2027:TW1``, ``request:15``, ``letter:7``, ``week``),
    ``period`` the reporting period key when there is one, ``offset`` where it sits relative
    to its moment (``-7d``, ``0d``, ``+1d``, ``-2h``, ``snooze:2027-04-08``). Sending puts one
    message into the outbox (``broadcast_id``), which records the Telegram message id.
    """

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("kind", "user_id", "subject", "period", "offset", name="uq_reminder_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40, index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    subject: str = Field(max_length=80)
    period: str = Field(default="", max_length=40)
    offset: str = Field(max_length=40)
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    skipped_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ReminderMute(SQLModel, table=True):
    """A person's choice not to receive an optional kind of reminder (a digest)."""

    __tablename__ = "reminder_mute"
    __table_args__ = (UniqueConstraint("user_id", "kind", name="uq_reminder_mute"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    kind: str = Field(max_length=40)
    created_at: datetime = Field(sa_type=UTCDateTime)


class IndicatorAnalysis(SQLModel, table=True):
    """The team's analysis of one indicator in one period (SOP step 14): what happened,
    its causes and the method used. One row per indicator and period, edited in place."""

    __tablename__ = "indicator_analysis"
    __table_args__ = (
        UniqueConstraint("cycle_id", "indicator_code", "period_key", name="uq_indicator_analysis"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    indicator_code: str = Field(max_length=20)
    period_key: str = Field(max_length=30)
    what_happened: str = Field(default="", sa_type=Text)
    causes: str = Field(default="", sa_type=Text)
    method: str = Field(default="", sa_type=Text)
    updated_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Recommendation(SQLModel, table=True):
    """A recommendation for improvement of one indicator in one period (SOP step 14): what,
    who, by when. The head's decision on it in the meeting (step 17) is kept here too, and
    ``action_number`` names the action plan an approved one became."""

    __tablename__ = "recommendation"

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    indicator_code: str = Field(max_length=20)
    period_key: str = Field(max_length=30, index=True)
    position: int = Field(default=1)
    what: str = Field(sa_type=Text)
    who: str = Field(default="", max_length=300)
    due: date | None = None
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision: str = Field(default="", max_length=40)
    decided_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    action_number: int | None = None


class IndicatorClosure(SQLModel, table=True):
    """An indicator the head closed in a meeting (SOP step 17 c): achieved or its time
    expired. It reports no period that starts after ``closed_after``."""

    __tablename__ = "indicator_closure"
    __table_args__ = (UniqueConstraint("cycle_id", "indicator_code", name="uq_indicator_closure"),)

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    indicator_code: str = Field(max_length=20)
    reason: str = Field(max_length=20)
    period_key: str = Field(max_length=30)
    closed_after: date
    decided_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime = Field(sa_type=UTCDateTime)


class PerformanceReport(SQLModel, table=True):
    """A generated results document of a cycle (SOP steps 15-17): the *Laporan Pencapaian
    Kinerja* of a period kind (``kind`` "capaian") or the final indicator-status report
    (``kind`` "status"), its workbook and presentation deck, and its signing."""

    __tablename__ = "performance_report"

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    kind: str = Field(default="capaian", max_length=20)
    frequency: str = Field(max_length=20)
    period_number: int
    status: str = Field(default="draft", max_length=20)
    document_id: int | None = Field(default=None, foreign_key="document.id")
    workbook_document_id: int | None = Field(default=None, foreign_key="document.id")
    deck_document_id: int | None = Field(default=None, foreign_key="document.id")
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    signed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    signed_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    # What the draft showed (results, analyses, recommendations) as JSON: the signed copy
    # is rendered from it, so the head signs exactly the numbers the team checked.
    snapshot_json: str = Field(default="", sa_type=Text)


class Meeting(SQLModel, table=True):
    """The evaluation meeting with the head for one period (SOP step 17)."""

    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    period_key: str = Field(max_length=30)
    held_on: date
    status: str = Field(default="open", max_length=20)
    notes: str = Field(default="", sa_type=Text)
    created_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MeetingItem(SQLModel, table=True):
    """One thing the head decides in a meeting: a recommendation or an indicator, with the
    approval request carrying the buttons and the decision taken."""

    __tablename__ = "meeting_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = Field(default=1)
    indicator_code: str = Field(max_length=20)
    recommendation_id: int | None = Field(default=None, foreign_key="recommendation.id")
    request_id: int | None = Field(default=None, foreign_key="approval_request.id")
    decision: str = Field(default="", max_length=40)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class InstanceLease(SQLModel, table=True):
    """Which running bot owns the database: one row per lease name, renewed by its holder
    and free to take over once ``expires_at`` has passed (a crashed holder renews no more)."""

    __tablename__ = "instance_lease"

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(max_length=200)
    acquired_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)


class ProcessedUpdate(SQLModel, table=True):
    """A Telegram update already taken (a redelivery of it is skipped); pruned after days."""

    __tablename__ = "processed_update"

    update_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False, nullable=False)
    )
    processed_at: datetime = Field(sa_type=UTCDateTime, index=True)

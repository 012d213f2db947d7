"""What a letter says: its header and the content of each kind, and how a draft's content is
kept as JSON in ``letter.content_json``.

Every paragraph is its own field, so a caller changes one with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from bot.letters.kinds import LetterKind


@dataclass(frozen=True)
class LetterHeader:
    """Number, place and date, and the Sifat/Lampiran/Hal lines of a letter.

    ``number`` None (or blank) makes the letter a draft. Sifat, Lampiran and Hal print on
    the invitation only (a circular has its TENTANG, a report its title); ``hal`` is also the
    PDF's title.
    """

    number: str | None
    place: str
    day: date
    sifat: str = "Biasa"
    lampiran: str = "-"
    hal: str = field(kw_only=True)

    @property
    def is_draft(self) -> bool:
        return not (self.number and self.number.strip())


@dataclass(frozen=True)
class CircularContent:
    """The Surat Edaran.

    ``sections`` are (title, text) pairs numbered from 1 (Latar Belakang, Maksud dan Tujuan,
    Ruang Lingkup); Dasar (``legal_basis``), Isi Edaran (``points``, lettered a., b., ...) and
    Penutup (``closing``) follow with the next numbers. A newline in a text starts a paragraph.
    """

    tentang: str
    recipients: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]
    legal_basis: tuple[str, ...]
    points: tuple[str, ...]
    closing: str
    copies: tuple[str, ...]


@dataclass(frozen=True)
class InvitationContent:
    """The Surat Undangan; ``invitees`` (name, unit) make a lampiran page when not empty."""

    recipients: tuple[str, ...]
    opening: str
    day: date
    time_text: str
    place: str
    agenda: str
    closing: str
    invitees: tuple[tuple[str, str], ...]
    copies: tuple[str, ...]


@dataclass(frozen=True)
class SocialisationReport:
    """The Laporan Sosialisasi.

    ``speakers`` are (name, material); ``attendance`` is (name, unit, status) with a status
    such as "Hadir", "Diwakilkan: <name>" or "Tidak hadir"; ``photos`` are JPEG or PNG bytes
    (one that cannot be read is named in the report instead of shown).
    """

    title: str
    introduction: str
    activities: str
    results: str
    conclusions: str
    closing: str
    day: date
    time_text: str
    place: str
    speakers: tuple[tuple[str, str], ...]
    attendance: tuple[tuple[str, str, str], ...]
    photos: tuple[bytes, ...]


LetterContent = CircularContent | InvitationContent | SocialisationReport
CONTENT_CLASSES: dict[LetterKind, type[LetterContent]] = {
    LetterKind.CIRCULAR: CircularContent,
    LetterKind.INVITATION: InvitationContent,
    LetterKind.REPORT: SocialisationReport,
}


def content_to_json(content: LetterContent) -> str:
    """The content as stored with the draft; photos live in the archive, not here."""
    data = asdict(content)
    data.pop("photos", None)
    return json.dumps(data, ensure_ascii=False, default=str)


def content_from_json(kind: LetterKind, text: str, photos: tuple[bytes, ...] = ()) -> LetterContent:
    """The stored content of a letter of ``kind`` (a report with ``photos``)."""
    cls = CONTENT_CLASSES[kind]
    data = json.loads(text)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name == "photos":
            values[f.name] = photos
        elif f.name == "day":
            values[f.name] = date.fromisoformat(data[f.name])
        else:
            values[f.name] = _tupled(data[f.name])
    return cls(**values)


def _tupled(value: Any) -> Any:
    return tuple(_tupled(v) for v in value) if isinstance(value, list) else value


# Attendance -------------------------------------------------------------------------------

# The status of an invitee in the report's attendance list, as printed.
ATTENDED = "Hadir"
REPRESENTED = "Diwakilkan: {delegate}"
ABSENT = "Tidak hadir"


def attendance_status(*, present: bool, delegate: str | None) -> str:
    """What the attendance list says of one invitee: present, represented by ``delegate``
    (their RSVP named one), or absent."""
    if present:
        return ATTENDED
    if delegate is not None:
        return REPRESENTED.format(delegate=delegate)
    return ABSENT


@dataclass(frozen=True)
class UnitAttendance:
    """How many of one unit's invitees came: in person, represented, or not at all."""

    unit: str
    invited: int
    attended: int
    represented: int
    absent: int

    @property
    def present(self) -> int:
        return self.attended + self.represented


def attendance_kind(status: str) -> str:
    """``hadir``, ``diwakilkan`` or ``tidak hadir`` for a status as typed in the list."""
    folded = status.strip().casefold()
    if folded.startswith("diwakil"):
        return "diwakilkan"
    if folded.startswith("hadir"):
        return "hadir"
    return "tidak hadir"


def attendance_summary(
    attendance: Sequence[tuple[str, str, str]],
) -> tuple[UnitAttendance, ...]:
    """Counts per unit, in the order the units first appear in ``attendance``."""
    counts: dict[str, list[int]] = {}
    for _name, unit, status in attendance:
        row = counts.setdefault(unit.strip() or "-", [0, 0, 0])
        row[("hadir", "diwakilkan", "tidak hadir").index(attendance_kind(status))] += 1
    return tuple(
        UnitAttendance(unit, sum(row), row[0], row[1], row[2]) for unit, row in counts.items()
    )

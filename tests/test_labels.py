"""Button labels: never cut mid-word; units by their short name where the name does not fit."""

from __future__ import annotations

import pytest

from bot.core.labels import BUTTON_ROOM, fit, room_left, unit_label

BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"


@pytest.mark.parametrize(
    ("text", "room", "expected"),
    [
        ("Dinas Kesehatan", 36, "Dinas Kesehatan"),
        (BKPSDM, 36, "Badan Kepegawaian dan Pengembangan…"),
        (BKPSDM, 20, "Badan Kepegawaian…"),
        ("Pembangunan Jalan, Jembatan dan Drainase", 22, "Pembangunan Jalan…"),
        ("Isi   Edaran\nhuruf a", 36, "Isi Edaran huruf a"),
        ("Tanpaspasiyangsangatpanjangsekali", 12, "Tanpaspasiy…"),
    ],
)
def test_fit_cuts_only_between_words(text: str, room: int, expected: str) -> None:
    label = fit(text, room)
    assert label == expected
    assert len(label) <= room


@pytest.mark.parametrize(
    ("name", "short", "room", "expected"),
    [
        ("Dinas Kesehatan", "Dinkes", 36, "Dinas Kesehatan"),
        (BKPSDM, "BKPSDM", 36, "BKPSDM"),
        (BKPSDM, "", 36, "Badan Kepegawaian dan Pengembangan…"),
        ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", 26, "Disdikbud"),
    ],
)
def test_unit_label_prefers_the_short_name_to_a_cut(
    name: str, short: str, room: int, expected: str
) -> None:
    assert unit_label(name, short, room) == expected


def test_room_left_counts_the_fixed_words() -> None:
    assert room_left("Undang PJ {unit}") == BUTTON_ROOM - len("Undang PJ ")

"""The head's weekly summary and the team's digest at any size: a province of 200 OPD gets
one message that fits Telegram (totals, the units behind worst first, how many were left
out, how many are complete); a district still sees its units behind by name. Units, packages
and reports are stored directly (as the use cases store them), not through the chat, to be
quick."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.core.roles import Role
from bot.reminders.head import plan_weekly, render_weekly
from bot.reminders.model import ReminderView
from bot.reminders.team import plan_digests, render_digest
from bot.ui.fit import MESSAGE_LIMIT, fit, shown_length
from storage import packages, submissions, units, users
from tests.harness import WIT, sirup_row
from tests.test_reporting_usecases import World

PERIOD = "triwulanan-1"  # area A2 of the test plan, deadline 12 April 2027


def add_units(
    world: World, count: int, *, packages_each: int = 1, areas: tuple[str, ...] = ("A2",)
) -> list[list[int]]:
    """``count`` units named ``Dinas Uji 001`` …, each with mapped packages (in ``areas`` in
    turn); their ids."""
    now = world.clock.now()
    found = []
    with world.svc.db.write() as session:
        for number in range(1, count + 1):
            name = f"Dinas Uji {number:03d}"
            unit = units.create_unit(session, name=name, now=now)
            session.flush()
            assert unit.id is not None
            rows = [
                sirup_row(
                    kode_rup=f"5{number:03d}{k}",
                    nama_paket=f"Paket {k} {name}",
                    satuan_kerja=name,
                    row=5 + k,
                )
                for k in range(packages_each)
            ]
            packages.upsert(
                session,
                cycle_id=world.cycle_id,
                rows=rows,
                unit_ids={name: unit.id},
                actor=None,
                now=now,
            )
            mine = packages.of_unit(session, cycle_id=world.cycle_id, unit_id=unit.id)
            for k, package in enumerate(mine):
                package.area_code = areas[k % len(areas)]
                session.add(package)
            found.append([p.id for p in mine if p.id is not None])
    return found


def report(
    world: World, package_ids: list[int], *, late: bool = False, accept: bool = False
) -> None:
    now = world.clock.now()
    with world.svc.db.write() as session:
        owner = users.get_user(session, world.owner_id)
        assert owner is not None
        for package_id in package_ids:
            sent = submissions.submit(
                session,
                cycle_id=world.cycle_id,
                package_id=package_id,
                period_key=PERIOD,
                values={},
                actions=[],
                constraints="",
                evidence=[],
                via="bot",
                late=late,
                owner=owner,
                now=now,
            )
            if accept:
                assert sent.id is not None
                submissions.verify(
                    session, submission_id=sent.id, accept=True, note="", verifier=owner, now=now
                )


def summary(
    world: World, head: int, monday: datetime = datetime(2027, 4, 19, 8, tzinfo=WIT)
) -> str:
    """The head's summary of a Monday (19 April 2027: Triwulan I is over), worded then."""
    world.clock.set(monday)
    with world.svc.db.read() as session:
        planned = plan_weekly(session, world.svc, world.svc.now())
        [this_week] = [p for p in planned if p.user_id == head and p.at == monday]
        view = ReminderView(
            1, this_week.kind, head, this_week.subject, this_week.period, "0d", this_week.at
        )
        rendered = render_weekly(session, world.svc, view, world.svc.now())
    assert rendered is not None
    return rendered.text


def unit_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("• ") and "…" not in line]


def test_a_province_of_200_units_gets_one_summary_that_fits(tmp_path: Path) -> None:
    world = World(tmp_path)
    head = world._person(1001, Role.KEPALA, None)
    made = add_units(world, 200)
    # 120 complete on time (60 of them verified), 20 sent late, 60 sent nothing; Dinkes
    # (the world's own unit) sent nothing either.
    report(world, [p for ids in made[:60] for p in ids], accept=True)
    report(world, [p for ids in made[60:120] for p in ids])
    report(world, [p for ids in made[120:140] for p in ids], late=True)
    text = summary(world, head)

    assert shown_length(text) <= MESSAGE_LIMIT and fit(text) == text
    assert "201 unit: terkirim 140/201, terlambat 81, terverifikasi 60" in text
    assert "✅ 120 unit sudah lengkap dan tepat waktu." in text
    listed = unit_lines(text)
    # Worst first: those that sent nothing (by name), then those that sent late.
    assert listed[0] == "• Dinas Uji 141: terkirim 0/1, terlambat 1, terverifikasi 0"
    assert all("terkirim 0/1" in line for line in listed[:20])
    left_out = 81 - len(listed)
    assert left_out > 0
    assert f"… dan {left_out} unit lain belum lengkap atau terlambat." in text
    assert "Dinas Uji 001" not in text  # a complete unit is counted, not named


def test_december_closes_three_periods_for_200_units_in_one_message(tmp_path: Path) -> None:
    """January's summary shows Triwulan IV, Semester II and the year, each with its totals
    and the count left out, and still fits."""
    world = World(tmp_path)
    head = world._person(1001, Role.KEPALA, None)
    add_units(world, 200, packages_each=2, areas=("A2", "A4"))
    text = summary(world, head, datetime(2028, 1, 10, 8, tzinfo=WIT))
    assert shown_length(text) <= MESSAGE_LIMIT and fit(text) == text
    for period, units_due in (("Triwulan IV", 201), ("Semester II", 200), ("Tahunan", 200)):
        section = text.split(f"<b>{period} 2027</b>", 1)[1].split("\n\n", 1)[0]
        assert f"{units_due} unit: terkirim 0/" in section
        listed = len(unit_lines(section))
        assert 0 < listed < units_due
        assert f"… dan {units_due - listed} unit lain belum lengkap atau terlambat." in section


def test_a_district_sees_its_units_behind_by_name(tmp_path: Path) -> None:
    world = World(tmp_path)
    head = world._person(1001, Role.KEPALA, None)
    made = add_units(world, 11, packages_each=2)
    report(world, [p for ids in made[:8] for p in ids], accept=True)
    report(world, made[8][:1])  # one of two
    report(world, made[9], late=True)  # both, late
    text = summary(world, head)
    period = text.split("</b> (batas waktu", 1)[1].split("\n\n")[0].splitlines()[1:]
    assert period == [
        "12 unit: terkirim 19/23, terlambat 6, terverifikasi 16",
        "• Dinas Uji 011: terkirim 0/2, terlambat 2, terverifikasi 0",
        "• Dinkes: terkirim 0/1, terlambat 1, terverifikasi 0",
        "• Dinas Uji 009: terkirim 1/2, terlambat 1, terverifikasi 0",
        "• Dinas Uji 010: terkirim 2/2, terlambat 2, terverifikasi 0",
        "✅ 8 unit sudah lengkap dan tepat waktu.",
    ]


def digest(world: World, day: datetime = datetime(2027, 4, 13, 9, tzinfo=WIT)) -> str:
    """The team's digest the day after Triwulan I's deadline (12 April 2027)."""
    world.clock.set(day)
    with world.svc.db.read() as session:
        planned = plan_digests(session, world.svc, world.svc.now())
        [mine] = [p for p in planned if p.user_id == world.team_id and p.period == PERIOD]
        view = ReminderView(1, mine.kind, world.team_id, mine.subject, mine.period, "+1d", mine.at)
        rendered = render_digest(session, world.svc, view, world.svc.now())
    assert rendered is not None
    return rendered.text


def test_the_teams_digest_for_200_units_fits_and_counts_who_is_left_out(tmp_path: Path) -> None:
    world = World(tmp_path)
    made = add_units(world, 200, packages_each=2)
    report(world, [p for ids in made[:50] for p in ids])  # 50 complete
    report(world, [ids[0] for ids in made[50:100]])  # 50 sent one of two
    text = digest(world)
    assert shown_length(text) <= MESSAGE_LIMIT and fit(text) == text  # not cut
    assert "Unit yang belum lengkap melapor (151):" in text
    listed = [line for line in text.splitlines() if line.startswith("• Dinas")]
    # The most missing first: the 100 that sent nothing before the 50 that sent one.
    assert listed and all("2 dari 2 paket" in line for line in listed)
    assert f"• … dan {151 - len(listed)} unit lain belum lengkap melapor." in text
    assert "Menunggu verifikasi" in text  # what follows the list is still there


def test_a_districts_digest_still_names_every_unit_behind(tmp_path: Path) -> None:
    world = World(tmp_path)
    made = add_units(world, 6)
    report(world, [p for ids in made[:3] for p in ids])
    text = digest(world)
    listed = [line.split(":")[0] for line in text.splitlines() if line.startswith("• ")]
    assert listed == ["• Dinas Uji 004", "• Dinas Uji 005", "• Dinas Uji 006", "• Dinkes"]
    assert "unit lain" not in text

"""/tugas, /status and /bantuan for each role; step cards; steps not built yet."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bot.core.roles import Role
from bot.feature import WIRING_KEY
from bot.sop.steps import StepState, load_steps
from storage import cycles
from tests.harness import Harness, app_of, approve_plan


def _finish_steps(bot: Harness, *numbers: int) -> None:
    with bot.svc.db.write() as session:
        cycle = cycles.get_or_create_cycle(session, year=2027, now=bot.clock.now())
        assert cycle.id is not None
        for number in numbers:
            cycles.set_step_state(
                session,
                cycle_id=cycle.id,
                step_no=number,
                state=StepState.SELESAI,
                actor=None,
                now=bot.clock.now(),
            )


async def test_team_tasks_start_at_step_one_with_a_button(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    shown = await team.command("tugas")
    text = shown[0].plain
    assert "Tugas Anda — siklus kinerja 2027" in text
    assert "Siklus sedang di langkah 1" in text
    assert "Langkah 1. Mendefinisikan tujuan PBJ" in text
    # Only step 1 is ready; step 2 waits for step 1.
    # The button names the step in whole words; the full name is in the message above.
    assert shown[0].button_texts == ["Langkah 1: Mendefinisikan tujuan…"]
    assert "menunggu langkah 1" in text


async def test_head_and_owner_see_their_own_steps(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await bot.registered(2001, Role.TIM)  # a team exists: no "invite the team first"
    head_tasks = (await head.command("tugas"))[0]
    assert "Langkah 6. Menganalisis lalu menyetujui" in head_tasks.plain
    assert "Langkah 1." not in head_tasks.plain
    assert head_tasks.buttons == []  # nothing is ready for the head at the start
    owner_tasks = (await owner.command("tugas"))[0]
    assert "Langkah 12. Melaporkan realisasi" in owner_tasks.plain
    assert "Langkah 6." not in owner_tasks.plain


async def test_tasks_follow_the_cycle(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    await bot.registered(2001, Role.TIM)
    _finish_steps(bot, 1, 2, 3, 4, 5)
    shown = await head.command("tugas")
    assert shown[0].button_texts[0].startswith("Langkah 6:")
    assert "Siklus sedang di langkah 6" in shown[0].plain


async def test_status_marks_every_step_and_highlights_the_current_one(bot: Harness) -> None:
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    _finish_steps(bot, 1, 2)
    shown = await owner.command("status")
    message = shown[0]
    lines = message.plain.splitlines()
    assert lines[0] == "Status siklus kinerja 2027"
    marks = [line.split()[0] for line in lines if re.match(r"^\S+ \d+\. ", line)]
    assert marks == ["✅", "✅", "▶"] + ["⬜"] * 14
    assert "▶ 3. Menyusun usulan baseline dan target kinerja (belum mulai)" in lines
    assert "▶ <b>3. Menyusun" in message.text


@pytest.mark.parametrize(
    ("role", "commands"),
    [
        (
            Role.KEPALA,
            [
                "/tugas",
                "/status",
                "/rencana",
                "/persetujuan",
                "/edaran",
                "/sosialisasi",
                "/paket",
                "/capaian",
                "/analisis",
                "/laporan",
                "/rapat",
                "/arsip",
                "/undang",
                "/pengguna",
                "/plh",
                "/pengingat",
                "/bantuan",
            ],
        ),
        (
            Role.TIM,
            [
                "/tugas",
                "/status",
                "/rencana",
                "/edaran",
                "/sosialisasi",
                "/paket",
                "/verifikasi",
                "/jadwal",
                "/capaian",
                "/analisis",
                "/laporan",
                "/rapat",
                "/arsip",
                "/undang",
                "/pengingat",
                "/bantuan",
            ],
        ),
        (
            Role.PJ,
            [
                "/tugas",
                "/status",
                "/rencana",
                "/paket",
                "/lapor",
                "/jadwal",
                "/pengingat",
                "/bantuan",
            ],
        ),
    ],
)
async def test_help_explains_the_role_and_its_commands(
    bot: Harness, role: Role, commands: list[str]
) -> None:
    person = await bot.registered(
        7000 + len(commands), role, unit="Dinas Sosial" if role is Role.PJ else None
    )
    shown = await person.command("bantuan")
    listed = [line.split(" — ")[0] for line in shown[0].plain.splitlines() if line.startswith("/")]
    assert listed == commands


async def test_step_card_says_plainly_that_the_feature_is_not_built(bot: Harness) -> None:
    # Every step of the SOP has its feature now; a unit may still name a feature in its step
    # table that this version does not have. Here: a wiring without the plan's feature.
    wiring = app_of(bot).bot_data[WIRING_KEY]
    openers = {k: v for k, v in wiring.step_openers.items() if k != "rencana"}
    app_of(bot).bot_data[WIRING_KEY] = replace(wiring, step_openers=openers)
    unbuilt = [s for s in load_steps() if s.feature not in openers and s.actor is Role.TIM]
    assert [s.number for s in unbuilt] == [1, 2, 3, 4]
    step = unbuilt[0]
    team = await bot.registered(2001, Role.TIM)
    _finish_steps(bot, *range(1, step.number))
    await team.command("tugas")
    shown = await team.press_data(f"step:2027:{step.number}", on=team.last)
    card = shown[0]
    assert card.edited
    assert f"Langkah {step.number}. {step.name}" in card.plain
    assert "Pelaksana: Tim Pengelolaan Kelembagaan" in card.plain
    assert "Status: ⬜ belum mulai" in card.plain
    assert "belum tersedia di versi ini" in card.plain
    # No fake progress: the step is still not started.
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        assert step.number not in cycles.step_states(session, cycle_id=cycle.id)


async def test_a_built_step_opens_its_feature(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("tugas")
    shown = await team.press("Langkah 1:")
    assert "Rencana Kinerja 2027" in shown[0].plain
    assert any("Unduh template" in b for b in shown[0].button_texts)


async def test_step_card_shows_who_finished_a_step(bot: Harness) -> None:
    await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA)
    with bot.svc.db.write() as session:
        from storage import users

        cycle = cycles.get_or_create_cycle(session, year=2027, now=bot.clock.now())
        assert cycle.id is not None
        cycles.set_step_state(
            session,
            cycle_id=cycle.id,
            step_no=1,
            state=StepState.SELESAI,
            actor=users.get_by_telegram_id(session, 2001),
            now=bot.clock.now(),
        )
    await head.command("tugas")
    # The head is not the actor of step 1, so the button shows the step's card.
    shown = await head.press_data("step:2027:1", on=head.last)
    assert "Status: ✅ selesai, oleh Maria Wenda, Selasa, 5 Januari 2027 pukul 09.00 WIT" in (
        shown[0].plain
    )


async def test_forged_step_buttons_are_harmless(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("tugas")
    shown = await team.press_data("step:2027:99", on=team.last)
    assert "Langkah tidak dikenal" in shown[-1].plain
    # A year that is not open, a button from before years were named, or data that is no
    # step button at all is stale.
    for data in ("step:1999:1", "step:1", "step:", "step:2027:x", "step:2027:"):
        shown = await team.press_data(data, on=team.last)
        assert "Tombol ini sudah tidak berlaku" in shown[-1].plain


async def test_unexpected_messages_get_a_pointer_not_silence(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    shown = await team.send("selamat pagi")
    assert "tidak sedang ditunggu" in shown[0].plain and "/tugas" in shown[0].plain
    shown = await team.send("/perintahaneh")
    assert "tidak sedang ditunggu" in shown[0].plain
    shown = await team.upload("laporan.xlsx", b"PK\x03\x04", "application/vnd.ms-excel")
    assert "Berkas ini tidak sedang ditunggu" in shown[0].plain
    shown = await team.command("batal")
    assert shown[0].plain == "Tidak ada yang sedang berlangsung."


async def test_fake_bot_api_serves_uploaded_files_for_download(bot: Harness) -> None:
    """The harness answers getFile and the download, so upload flows can be tested."""
    assert bot.app is not None
    bot.api.add_file("abc", b"isi berkas")
    telegram_file = await bot.app.bot.get_file("abc")
    content = await telegram_file.download_as_bytearray()
    assert bytes(content) == b"isi berkas"
    assert bot.api.calls_of("getFile")[-1].params["file_id"] == "abc"


async def test_a_new_head_is_told_to_invite_the_team_first(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    shown = await head.command("tugas")
    assert "Langkah pertama: undang Tim Pengelolaan Kelembagaan" in shown[0].plain
    assert shown[0].button_texts == ["➕ Undang anggota tim"]
    # The cycle's list follows, without "nothing to do now" next to the first thing to do.
    assert "Belum ada yang dapat Anda kerjakan" not in shown[1].plain
    shown = await head.press("Undang anggota tim")
    assert "Undangan untuk Tim Pengelolaan Kelembagaan dibuat" in shown[-1].plain
    assert "https://t.me/KinerjaPbjBot?start=" in shown[-1].plain
    # Once a team member is registered, /tugas goes straight to the cycle.
    await bot.registered(2001, Role.TIM)
    shown = await head.command("tugas")
    assert "Langkah pertama" not in shown[0].plain
    assert shown[0].plain.startswith("Tugas Anda — siklus kinerja 2027")


async def test_step_buttons_are_whole_words_and_open_their_own_step(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    _finish_steps(bot, 1, 2, 3, 4, 5, 6, 7, 8)
    with bot.svc.db.write() as session:
        from bot.planning.rules.example import example_plan

        approve_plan(session, example_plan(2027), bot.clock.now())
    steps = {s.number: s.name for s in bot.svc.steps}
    shown = await team.command("tugas")
    for label in shown[0].button_texts:
        number, _, rest = label.removeprefix("Langkah ").partition(": ")
        name = steps[int(number)]
        # Either the whole name, or whole words of it followed by an ellipsis.
        assert rest == name or (rest.endswith("…") and name.startswith(rest[:-1])), label
        if rest != name:
            assert name[len(rest) - 1] == " ", label  # cut at a space, not mid-word
    # Step 9 (the socialisation) opens the socialisation of 2027 for the team: here it says
    # the circular must be signed first.
    shown = await team.press("Langkah 9")
    assert "Surat Undangan Sosialisasi" in shown[-1].plain
    assert "Surat Edaran (langkah 7) harus ditandatangani dan dikirim dulu" in shown[-1].plain
    # The owner is involved in step 9 but does not run it: the step's card, with the year.
    shown = await owner.command("tugas")
    shown = await owner.press("Langkah 9", on=shown[0])
    assert "Langkah 9. Melaksanakan sosialisasi" in shown[-1].plain
    assert "siklus 2027" in shown[-1].plain

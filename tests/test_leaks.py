"""The leak detector: what it flags in a text a person reads, and what it leaves alone."""

from __future__ import annotations

import pytest

from bot.devtools.fake_bot_api import ApiCall
from bot.devtools.leaks import Leak, find_leaks, leaks_in
from bot.guide import texts as guide_texts
from bot.letters import texts as letters_texts
from bot.outreach import texts as outreach_texts
from bot.people import texts as people_texts
from bot.planning import texts as planning_texts
from bot.reporting import texts as reporting_texts
from tests.harness import Harness


@pytest.mark.parametrize(
    ("text", "kind", "fragment"),
    [
        ("<b>Rencana</b> — revisi 1 (changes_requested)", "snake_case", "changes_requested"),
        ("Surat Edaran sudah awaiting_signature.", "snake_case", "awaiting_signature"),
        ("kunci kode_rup tidak ada di baris 3", "snake_case", "kode_rup"),
        ("Peran: <Role.TIM: 'tim'>", "enum repr", "<Role.TIM: 'tim'>"),
        ("Peran: &lt;Role.TIM: 'tim'&gt;", "enum repr", "<Role.TIM: 'tim'>"),
        ("jenis InputKind.ANGKA tidak dikenal", "enum", "InputKind.ANGKA"),
        ("Unit: None", "Python constant", "None"),
        ("Nilai nan persen", "Python constant", "nan"),
        ("Aktif: True", "Python constant", "True"),
        ("Halo {name}, silakan", "placeholder", "{name}"),
        ("Nomor {urut:03d}", "placeholder", "{urut:03d}"),
        ("Nilai {} dan {0}", "placeholder", "{}"),
        ("Data: {'a': 1}", "Python repr", "{'a':"),
        ("Pilihan ['hadir', 'tidak']", "Python repr", "['"),
        ("Angka [1, 2, 3]", "Python repr", "[1, 2, 3]"),
        ("Pasangan ('a', 'b')", "Python repr", "('a',"),
        ("Kosong: []", "Python repr", "[]"),
        ("Tanggal datetime(2027, 1, 5)", "Python repr", "datetime("),
        ("<User object at 0x7f3a2b1c9d00>", "object repr", "<User object at 0x7f3a2b1c9d00>"),
        ("Gagal: ValueError", "Python error", "ValueError"),
        ("gagal: Forbidden: bot was blocked by the user", "Telegram error", "Forbidden:"),
        ("gagal: Bad Request: chat not found", "Telegram error", "Bad Request"),
        ("gagal: Chat not found", "Telegram error", "Chat not found"),
        ("antre: flood wait 5 s", "Telegram error", "flood wait"),
        ("<code>nilai_epurchasing</code> dan total_pagu", "snake_case", "total_pagu"),
    ],
)
def test_flags_internal_values(text: str, kind: str, fragment: str) -> None:
    assert Leak(kind, fragment) in find_leaks(text)


@pytest.mark.parametrize(
    "text",
    [
        "✅ Rencana Kinerja 2027 revisi 1 <b>disetujui</b> oleh Kepala. Langkah 5-6 selesai.",
        "Kirim berkas data-kinerja-triwulanan-4.xlsx ke chat ini.",
        "Arsip: surat_edaran-001-2027.pdf tersimpan.",
        "Berkas (data_kinerja_tw4.xlsx) dilampirkan.",
        "Teruskan tautan ini:\nhttps://t.me/KinerjaPbjBot?start=abc_def_ghi",
        "Hubungi ukpbj_jayawijaya@example.go.id untuk bantuan.",
        "Kode insiden <code>A1B2C3</code>",
        "Rumus: <code>nilai_epurchasing / total_pagu * 100</code>",
        "Input: <code>total_hps</code> (rupiah), <code>total_nilai_kontrak</code> (rupiah)",
        "Nomor: 027/001/UKPBJ/2027",
        "Rp 1.250.000.000 · 12,5% · 5 Januari 2027, 09.00 WIT",
        "Catatan: Tidak ada [kosong] sampai Senin.",
        "Dinas Kesehatan (Dinkes): 3/4 terkirim, 1 gagal: bot diblokir",
        "Ketik /batal untuk batal. Contoh: 01/02/2027 - 30/06/2027",
        "e-Purchasing, Tender Cepat, Jasa Konsultansi, Dasar huruf a.",
        "Ketik - bila tidak ada. Ya/Tidak.",
        "Sasaran A1. Ketepatan waktu; IKU-01.",
    ],
)
def test_leaves_readable_texts_alone(text: str) -> None:
    assert find_leaks(text) == []


def test_button_labels_are_plain_text() -> None:
    """A label is not HTML: ``<code>`` in a label is shown as typed, so it does not exempt."""
    assert find_leaks("<code>kode_rup</code>", html_text=False) == [Leak("snake_case", "kode_rup")]


def test_collects_every_text_a_person_reads() -> None:
    calls = [
        ApiCall("sendMessage", {"chat_id": 1, "text": "Status: None", "parse_mode": "HTML"}),
        ApiCall(
            "editMessageText",
            {
                "chat_id": 1,
                "message_id": 5,
                "text": "Baik",
                "reply_markup": {"inline_keyboard": [[{"text": "{unit}", "callback_data": "x"}]]},
            },
        ),
        ApiCall("sendDocument", {"chat_id": 1, "caption": "Nomor {number}"}),
        ApiCall("answerCallbackQuery", {"callback_query_id": "9", "text": "draft_status"}),
        ApiCall(
            "setMyCommands",
            {"commands": [{"command": "lapor", "description": "Lapor Role.PJ"}]},
        ),
        ApiCall("getFile", {"file_id": "kode_rup"}),
    ]
    found = [(shown.method, shown.part, leak.fragment) for shown, leak in leaks_in(calls)]
    assert found == [
        ("sendMessage", "text", "None"),
        ("editMessageText", "tombol", "{unit}"),
        ("sendDocument", "caption", "{number}"),
        ("answerCallbackQuery", "text", "draft_status"),
        ("setMyCommands", "menu", "Role.PJ"),
    ]


def test_every_stored_state_has_an_indonesian_label() -> None:
    """Handlers look states up directly (no ``.get(key, key)`` fallback that would show the
    key), so every value the storage can hold needs its label."""
    from bot import texts
    from bot.core.delivery import FailureReason
    from bot.core.roles import Role
    from bot.people.invitation_rules import InvitationProblem
    from bot.sop.cycle_rules import CloseRefusal, CyclePhase
    from bot.sop.steps import StepState
    from storage import letters, plans, submissions

    assert set(letters_texts.LETTER_STATUS) == {letters.DRAFT, letters.AWAITING, letters.SIGNED}
    assert set(reporting_texts.REPORT_STATUS) == {
        submissions.SUBMITTED,
        submissions.ACCEPTED,
        submissions.RETURNED,
        submissions.SUPERSEDED,
    }
    assert set(outreach_texts.DELIVERY_REASONS) == set(FailureReason)
    assert set(people_texts.INVITATION_PROBLEMS) == set(InvitationProblem)
    assert set(texts.ROLE_NAMES) == set(people_texts.ROLE_SHORT) == set(Role)
    assert set(guide_texts.STATE_LABELS) == set(StepState)
    assert set(planning_texts.PLAN_STATUS) == {
        plans.DRAFT,
        plans.SUBMITTED,
        plans.APPROVED,
        plans.CHANGES_REQUESTED,
    }
    assert set(guide_texts.CYCLE_PHASES) == set(CyclePhase)
    assert set(reporting_texts.CYCLE_CLOSE_REFUSED) == set(CloseRefusal)


async def test_the_bot_fixture_sees_what_the_running_bot_sends(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check in tests/conftest.py reads the real application's calls: a leak planted in
    a text the bot sends is found (and then cleared, so this test itself passes)."""
    from bot.core.roles import Role

    monkeypatch.setattr(guide_texts, "UNKNOWN_INPUT", "Status: awaiting_signature, unit None")
    member = await bot.registered(2001, Role.TIM)
    await member.send("halo")
    found = {leak.fragment for _, leak in leaks_in(bot.api.calls)}
    assert found == {"awaiting_signature", "None"}
    bot.api.calls.clear()

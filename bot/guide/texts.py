"""Texts of the SOP guide (/tugas, /status) and /bantuan (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.sop.cycle_rules import CyclePhase
from bot.sop.steps import StepState

STATE_LABELS = {
    StepState.BELUM_MULAI: "belum mulai",
    StepState.BERJALAN: "berjalan",
    StepState.PERLU_PERBAIKAN: "perlu perbaikan",
    StepState.SELESAI: "selesai",
}

UNKNOWN_INPUT = "Pesan ini tidak sedang ditunggu. Ketik /tugas untuk melihat tugas Anda atau /bantuan untuk daftar perintah."

UNKNOWN_FILE = (
    "Berkas ini tidak sedang ditunggu. Untuk mengirim berkas, buka langkahnya dulu lewat /tugas."
)

NOTHING_TO_CANCEL = "Tidak ada yang sedang berlangsung."

TASKS_HEADER = "<b>Tugas Anda — siklus kinerja {year}</b>\n{phase}\n"

TASKS_CURRENT = "Siklus sedang di langkah {number}: {name} ({actor}).\n"

TASKS_NONE = "Tidak ada tugas tertunda untuk peran Anda di siklus {year}. 👍"

TASK_LINE = "{mark} <b>Langkah {number}</b>. {name} ({state})"

TASK_WAITING = "   ⏳ menunggu langkah {steps}"

TASK_NOTE = "   ⚠️ {note}"

TASK_BUTTON = "Langkah {number}: {name}"

TASK_BUTTON_YEAR = "{year} · Langkah {number}: {name}"

TASKS_NOTHING_READY = "\nBelum ada yang dapat Anda kerjakan sekarang di siklus ini; bot memberi tahu Anda bila giliran Anda tiba. Sementara itu, lihat /rencana dan /status."

TASKS_FIRST_TEAM = (
    "👋 <b>Langkah pertama</b>: undang <b>Tim Pengelolaan Kelembagaan</b> (2-6 orang). "
    "Tim yang menyusun rencana kinerja; Anda menyetujuinya.\n"
    "Tekan tombol di bawah, lalu teruskan tautannya kepada setiap anggota tim "
    "(satu tautan untuk satu orang). Plt/Plh ditunjuk lewat /plh."
)

TASKS_BUTTON_INVITE_TEAM = "➕ Undang anggota tim"

CYCLE_PHASES = {
    CyclePhase.PLANNING: "Perencanaan: rencana kinerja {year} belum disetujui.",
    CyclePhase.READY: "Rencana disetujui; pelaporan dimulai {start}.",
    CyclePhase.RUNNING: "Pelaporan berjalan; batas waktu terakhir {deadline}.",
    CyclePhase.LATE: "Semua batas waktu sudah lewat ({deadline}); laporan terlambat masih diterima sampai tim menutup siklus.",
    CyclePhase.CLOSED: "Siklus sudah ditutup.",
}

STATUS_HEADER = "<b>Status siklus kinerja {year}</b>\n{phase}\n"

STATUS_LINE = "{mark} {number}. {name}"

STATUS_CURRENT = "▶ <b>{number}. {name}</b> ({state})"

STATUS_FOOTER = "\n✅ selesai · 🔄 berjalan · ⚠️ perlu perbaikan · ⬜ belum mulai"

STATUS_ALL_DONE = "\nSemua langkah siklus ini selesai."

STEP_CARD = (
    "<b>Langkah {number}. {name}</b> — siklus {year}\n"
    "Pelaksana: {actor}{involved}\n"
    "Status: {mark} {state}{by}\n\n"
    "<b>Masukan</b>\n{inputs}\n\n"
    "<b>Keluaran</b>\n{outputs}\n\n"
    "<b>Selesai bila</b>\n{done_when}"
)

STEP_INVOLVED = " (bersama {roles})"

STEP_BY = ", oleh {name}, {when}"

# Who changed a step's state when no person did (a job, the command line).
STEP_BY_SYSTEM = "sistem"

STEP_WAITING = "\n\n⏳ Langkah ini menunggu langkah {steps} selesai."

STEP_FEATURE_MISSING = (
    "\n\n🚧 Fitur bot untuk langkah ini belum tersedia di versi ini. "
    "Untuk sementara kerjakan langkah ini di luar bot; statusnya belum dicatat otomatis."
)

STEP_UNKNOWN = "Langkah tidak dikenal. Ketik /tugas untuk melihat langkah Anda."

STEP_OTHER_ROLE = "\n\nLangkah ini dikerjakan oleh {actor}; Anda cukup memantau statusnya di sini."

HELP = (
    "<b>Kinerja PBJ Bot</b> — SOP Pengelolaan Kinerja {unit}\n\n"
    "Anda: <b>{name}</b>, {role}{unit_of_user}.\n{duties}\n\n"
    "<b>Perintah</b>\n{commands}\n\n"
    "Ketik /batal untuk menghentikan isian yang sedang berjalan."
)

HELP_COMMAND_LINE = "/{command} — {description}"

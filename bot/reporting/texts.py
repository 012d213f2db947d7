"""Texts of periodic reporting (/jadwal, /lapor, /verifikasi; SOP steps 11-12) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.sop.cycle_rules import CloseRefusal

PERIOD_WITH_YEAR = "{label} {year}"

PERIOD_UNKNOWN = "periode yang sudah tidak ada di rencana"

SCHEDULE_HEADER = "<b>Jadwal pelaporan {year}</b> (batas waktu, WIT)\n{phase}"

SCHEDULE_LINE = "• {label} ({frequency}, {span}): batas {deadline}{state}"

SCHEDULE_OPEN = " — <b>sedang dibuka</b>"

SCHEDULE_NONE = "Belum ada jadwal pelaporan: rencana kinerja {year} belum disetujui Kepala UKPBJ. Lihat /rencana dan /tugas."

SCHEDULE_NO_PERIODS = "Tidak ada indikator dengan frekuensi pelaporan di rencana ini."

SCHEDULE_CLOSE_HINT = "\nBila semua laporan {year} sudah diverifikasi, tim dapat menutup siklus {year}; setelah itu tidak ada laporan {year} yang diterima lagi."

CYCLE_BUTTON_CLOSE = "🔒 Tutup siklus {year}"

CYCLE_BUTTON_CONFIRM = "Ya, tutup siklus {year}"

CYCLE_CLOSE_ASK = "Tutup siklus kinerja {year}? Sesudahnya PJ tidak dapat lagi mengirim laporan {year} (juga yang terlambat) dan siklus {year}, termasuk langkah 13-17 (kompilasi, analisis, laporan, rapat), tidak tampil lagi di /tugas, /status, /jadwal, /lapor dan /verifikasi. Tutup setelah laporan tahunan dan rapat kinerja {year} selesai. Arsipnya tetap tersimpan; siklus yang ditutup tidak dapat dibuka lagi."

CYCLE_CLOSE_KEPT = "Siklus {year} tetap terbuka."

CYCLE_CLOSED = "🔒 Siklus kinerja {year} ditutup. Arsipnya tetap tersimpan."

CYCLE_CLOSE_REFUSED = {
    CloseRefusal.ALREADY_CLOSED: "Siklus {year} sudah ditutup sebelumnya.",
    CloseRefusal.NOT_APPROVED: "Siklus {year} belum punya rencana yang disetujui; tidak ada yang perlu ditutup.",
    CloseRefusal.DEADLINES_AHEAD: "Siklus {year} belum dapat ditutup: masih ada batas waktu pelaporan yang belum lewat (lihat /jadwal).",
    CloseRefusal.REPORTS_WAITING: "Siklus {year} belum dapat ditutup: masih ada laporan yang menunggu verifikasi. Selesaikan dulu lewat /verifikasi.",
}

REPORT_NO_UNIT = "Akun Anda belum terhubung ke unit; hubungi tim UKPBJ."

REPORT_NO_PERIODS_YET = "Belum ada periode pelaporan yang dimulai. Pelaporan siklus {year} dimulai {start}; lihat batas waktunya di /jadwal."

REPORT_NO_PLAN = "Belum ada periode pelaporan: rencana kinerja belum disetujui Kepala UKPBJ. Anda akan menerima Surat Edaran bila pelaporan dimulai."

REPORT_CHOOSE_PERIOD = "Laporan untuk periode mana? ({page}/{pages})\n✅ semua paket sudah dilaporkan · ⏰ batas waktu sudah lewat (laporan tetap diterima, ditandai terlambat)"

REPORT_PERIOD_BUTTON = "{mark} {label} · batas {deadline}{late}"

REPORT_PERIOD_DONE = "✅"

REPORT_PERIOD_OPEN = "⬜"

REPORT_PERIOD_LATE = " ⏰"

REPORT_PACKAGE_BUTTON = "{mark} {name}"

REPORT_BUTTON_OTHER_PACKAGE = "« Pilih paket lain"

REPORT_BUTTON_NEXT_PACKAGE = "Laporkan paket lain"

REPORT_NO_PACKAGES = (
    "Belum ada paket {year} unit Anda yang dipetakan ke area strategis. Petakan dulu lewat /paket."
)

REPORT_CHOOSE_PACKAGE = "<b>{period}</b> — pilih paket ({page}/{pages}). ✅ sudah dilaporkan."

REPORT_NOTHING_DUE = (
    "Tidak ada indikator area {area} yang dilaporkan pada {period}. Pilih paket lain."
)

REPORT_RESUME = "Ada laporan yang belum selesai: <b>{package}</b>, {period}. Lanjutkan?"

REPORT_BUTTON_RESUME = "▶ Lanjutkan"

REPORT_BUTTON_RESTART = "Mulai baru"

REPORT_ASK_INPUT = "<b>{step}/{total}</b> {label}\n<i>{hint}</i>{current}"

REPORT_CURRENT = "\nIsian sebelumnya: {value} (ketik lagi untuk mengubah)"

REPORT_BAD_INPUT = "❌ {reason}. Ketik lagi."

REPORT_ASK_ACTION = "Rencana aksi <b>{code} no. {number}</b>: {activity}\nBagaimana statusnya?"

REPORT_ASK_ACTION_NOTE = "Catatan singkat progres rencana aksi ini (ketik - bila tidak ada)."

REPORT_ASK_CONSTRAINTS = "Kendala yang dihadapi? (ketik - bila tidak ada)"

REPORT_TOO_LONG = (
    "Terlalu panjang ({length} karakter); paling banyak {limit}. Persingkat lalu kirim lagi "
    "(yang sudah diisi tetap tersimpan)."
)

REPORT_ASK_EVIDENCE = "Kirim bukti dukung: foto atau PDF (boleh beberapa sekaligus). Tekan <b>Selesai</b> bila sudah, atau bila tidak ada."

REPORT_BUTTON_DONE = "Selesai"

REPORT_EVIDENCE_SAVED = "📎 {count} berkas bukti tersimpan."

REPORT_EVIDENCE_TYPE = "Jenis berkas ini tidak diterima. Kirim foto (JPG/PNG/WebP) atau PDF."

REPORT_EVIDENCE_REFUSED = (
    "Berkas tidak diterima: {reason}. Kirim foto (JPG/PNG/WebP) atau PDF yang dapat dibuka."
)

REPORT_EVIDENCE_TOO_BIG = "Berkas terlalu besar ({size}). Batas unduh bot Telegram {limit}; kecilkan berkas atau kirim beberapa bagian. (Server Bot API sendiri dapat menaikkan batas ini.)"

REPORT_SUMMARY = "<b>Ringkasan laporan</b>\nPaket: {package}\nPeriode: {period}\n\n{values}\n\n<b>Rencana aksi</b>\n{actions}\n\n<b>Kendala</b>: {constraints}\n<b>Bukti dukung</b>: {evidence} berkas{late}"

REPORT_SUMMARY_VALUE = "• {label}: <b>{value}</b>"

REPORT_SUMMARY_INDICATOR = "→ {code}: <b>{value}</b> {unit} (target {target})"

REPORT_SUMMARY_ACTION = "• {code} no. {number}: {status}{note}"

REPORT_LATE_NOTE = (
    "\n⏰ Batas waktu periode ini sudah lewat; laporan diterima dan ditandai terlambat."
)

REPORT_BUTTON_SEND = "📨 Kirim"

REPORT_BUTTON_EDIT = "✏️ Ubah"

REPORT_CONFIRM_REVISION = "Paket ini sudah dilaporkan untuk periode ini (revisi {revision}, {status}). Kirim sebagai revisi baru?"

REPORT_BUTTON_REVISION = "Ya, kirim revisi baru"

REPORT_SENT = (
    "✅ Laporan {period} terkirim (revisi {revision}){late}. Tim UKPBJ akan memverifikasinya."
)

REPORT_SENT_LATE = ", ditandai terlambat"

REPORT_STATUS = {
    "submitted": "menunggu verifikasi",
    "accepted": "diterima",
    "returned": "dikembalikan",
    "superseded": "diganti",
}

REPORT_DRAFT_GONE = "Laporan yang sedang diisi tidak dapat dilanjutkan: siklusnya sudah ditutup, atau paket atau periodenya tidak ada lagi. Ketik /lapor untuk memilih periode yang masih terbuka."

REPORT_CANCELLED = "Laporan dihentikan; draf tetap tersimpan. Ketik /lapor untuk melanjutkan."

VERIFY_EMPTY = "Tidak ada laporan yang menunggu verifikasi. 👍"

VERIFY_CARD = "<b>Verifikasi</b> ({position}/{count})\n{package} — {unit}\nPeriode: {period} · revisi {revision}{late}\nDilaporkan oleh {owner}, {when}\n\n{values}\n\n<b>Rencana aksi</b>\n{actions}\n\n<b>Kendala</b>: {constraints}\n<b>Bukti</b>: {evidence} berkas"

VERIFY_LATE = " · ⏰ terlambat"

VERIFY_BUTTON_ACCEPT = "✅ Terima"

VERIFY_BUTTON_RETURN = "↩️ Kembalikan"

VERIFY_BUTTON_EVIDENCE = "📎 Lihat bukti"

VERIFY_BUTTON_NEXT = "Berikutnya ▶"

VERIFY_ASK_NOTE = "Tulis catatan untuk pelapor: apa yang harus diperbaiki? (/batal untuk batal)"

VERIFY_ACCEPTED = "✅ Laporan diterima."

VERIFY_RETURNED = "↩️ Laporan dikembalikan dengan catatan."

VERIFY_GONE = "Laporan ini sudah diverifikasi atau diganti."

# Two team members decided the same report at once: the later one is told who was first.
VERIFY_ALREADY_ACCEPTED = (
    "Laporan ini sudah diterima oleh {name} ({when}). Keputusan Anda tidak dicatat."
)

VERIFY_ALREADY_RETURNED = (
    "Laporan ini sudah dikembalikan oleh {name} ({when}). Keputusan Anda tidak dicatat."
)

VERIFY_OWNER_ACCEPTED = "✅ Laporan {package} ({period}) diterima oleh tim UKPBJ."

VERIFY_OWNER_RETURNED = "↩️ Laporan {package} ({period}) dikembalikan:\n<i>{note}</i>\nPerbaiki lalu kirim lagi lewat /lapor."

REPORT_BUTTON_TEMPLATE = "📥 Template Data Kinerja (Excel)"

REPORT_TEMPLATE_CAPTION = "Template Data Kinerja {unit}, {period}. Isi di laptop, lalu kirim kembali berkas ini ke chat ini."

REPORT_WORKBOOK_PROBLEMS = "❌ Berkas belum dapat dikirim: {count} masalah. Tidak ada yang disimpan.\n\n{lines}{more}\n\nPerbaiki lalu kirim lagi, atau /batal."

REPORT_WORKBOOK_EMPTY = "Berkas sah, tetapi belum ada nilai yang diisi untuk paket mana pun."

REPORT_WORKBOOK_SUMMARY = "✅ Berkas sah: {packages} paket berisi nilai, {actions} rencana aksi, {constraints} kendala ({period}).{late}\n\nKirim laporan ini?"

REPORT_WORKBOOK_SENT = (
    "✅ Laporan {period} terkirim untuk {count} paket{late}. Tim UKPBJ akan memverifikasinya."
)

REPORT_WORKBOOK_FILE = "Template Data Kinerja"

REPORT_WORKBOOK_DISCARDED = "Berkas dibuang. Laporan yang tersimpan tidak berubah."

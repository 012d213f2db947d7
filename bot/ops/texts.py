"""Operator-facing texts of `doctor`, `backup` and `restore` (Indonesian / English)."""

DOCTOR_HELP = "periksa pengaturan, folder, skema, lease dan token / check settings, paths, schema, lease and token"
BACKUP_HELP = "cadangkan basis data dan arsip ke satu berkas / back up the database and the archive into one file"
BACKUP_OUT_HELP = "berkas cadangan (.tar.gz atau .zip) / the backup file (.tar.gz or .zip)"
BACKUP_FORCE_HELP = "timpa berkas yang sudah ada / overwrite an existing file"
RESTORE_HELP = "pulihkan basis data dan arsip dari cadangan / restore the database and the archive from a backup"
RESTORE_IN_HELP = "berkas cadangan dari `kinerja-bot backup` / a file made by `kinerja-bot backup`"
RESTORE_FORCE_HELP = "timpa basis data yang sudah ada / overwrite an existing database"

DOCTOR_SETTINGS = "Pengaturan yang berlaku / Settings in force:"
DOCTOR_SETTING = "  {name} = {value}"
DOCTOR_UNSET = "(tidak diatur / not set)"
DOCTOR_SECRET = "*** (diatur / set)"
DOCTOR_PATHS = "Folder / Paths:"
DOCTOR_PATH = "  {label}: {path} ({state})"
DOCTOR_PATH_LABELS = {
    "data": "folder data / data folder",
    "database": "basis data / database",
    "archive": "arsip / archive",
    "profile": "profil / profile",
}
DOCTOR_PATH_OK = "ada, dapat ditulis / exists, writable"
DOCTOR_PATH_READONLY = "ada, TIDAK dapat ditulis / exists, NOT writable"
DOCTOR_PATH_EXISTS = "ada / exists"
DOCTOR_PATH_MISSING = "belum ada / not yet created"
DOCTOR_PROFILE_EXAMPLE = "contoh Jayawijaya / the Jayawijaya example"
DOCTOR_SCHEMA = "Skema / Schema: {current} (terbaru / head: {head}) — {verdict}"
DOCTOR_SCHEMA_OK = "mutakhir / up to date"
DOCTOR_SCHEMA_BEHIND = "perlu `kinerja-bot upgrade-db` / needs `kinerja-bot upgrade-db`"
DOCTOR_SCHEMA_UNKNOWN = "revisi tidak dikenal / unknown revision"
DOCTOR_SCHEMA_NONE = "kosong / empty"
DOCTOR_SCHEMA_ERROR = (
    "Skema / Schema: basis data tidak dapat dibuka / cannot open the database: {error}"
)
DOCTOR_LEASE = "Pemegang lease / Lease holder: {holder}"
DOCTOR_LEASE_NONE = "tidak ada / none"

SCHEMA_BEHIND = "Skema basis data ({current}) belum versi terbaru ({head}); jalankan `kinerja-bot upgrade-db` dulu. / The database schema ({current}) is behind ({head}); run `kinerja-bot upgrade-db` first."
SCHEMA_UNKNOWN = "Skema basis data ({current}) lebih baru dari versi program ini ({head}); pasang versi yang sesuai atau pulihkan cadangan. / The database schema ({current}) is newer than this program ({head}); install the matching version or restore a backup."
UPGRADE_DONE = "Skema basis data / Database schema: {before} -> {after} ({url})"
UPGRADE_CURRENT = "Skema basis data sudah versi terbaru ({head}) / Database schema already at head ({head}) ({url})"
DOCTOR_TOKEN_MISSING = "Token: TELEGRAM_BOT_TOKEN tidak diatur / not set"
DOCTOR_TOKEN_OK = "Token: sah, bot @{username} / valid, bot @{username}"
DOCTOR_TOKEN_FAILED = "Token: getMe gagal / failed: {error}"
DOCTOR_PROFILE_ERROR = "Profil / Profile: {error}"
DOCTOR_OK = "Semua pemeriksaan lolos. / All checks passed."
DOCTOR_PROBLEMS = "{count} masalah ditemukan. / {count} problem(s) found."

BACKUP_BAD_PATH = "Berkas cadangan harus berakhiran .tar.gz, .tgz atau .zip di folder yang ada: {path} / The backup must end in .tar.gz, .tgz or .zip, in an existing folder"
BACKUP_EXISTS = "Berkas {path} sudah ada; pakai --force untuk menimpanya. / {path} exists; use --force to overwrite it."
BACKUP_NO_DATABASE = "Basis data belum ada: {path} / No database yet"
BACKUP_NO_PG_DUMP = "pg_dump tidak ditemukan; pasang paket postgresql-client. / pg_dump not found; install the postgresql-client package."
BACKUP_PG_DUMP_FAILED = "pg_dump gagal / failed: {error}"
BACKUP_UNSUPPORTED = "Basis data {backend} tidak dapat dicadangkan oleh perintah ini. / This command cannot back up a {backend} database."
BACKUP_DONE = "Cadangan ditulis / Backup written: {path} (basis data / database + {count} berkas arsip / archived files, skema / schema {revision})"
BACKUP_WRITE_FAILED = "Tidak dapat menulis {path}: {error} / Cannot write {path}"

RESTORE_NOT_FOUND = "Berkas cadangan tidak ditemukan: {path} / Backup file not found"
RESTORE_UNREADABLE = "Bukan berkas cadangan kinerja-bot / Not a kinerja-bot backup: {error}"
RESTORE_MISMATCH = "Cadangan rusak, isi tidak cocok dengan manifest / Backup damaged, content does not match the manifest: {name}"
RESTORE_EXISTS = "Basis data {path} sudah ada; pakai --force untuk menimpanya. / The database exists; use --force to overwrite it."
RESTORE_LEASE_HELD = "Basis data sedang dipakai oleh instance yang berjalan ({holder}); hentikan dulu. / The database is in use by a running instance; stop it first."
RESTORE_BUSY = "Basis data sedang ditulis oleh proses lain; hentikan bot dulu. / Another process is writing the database; stop the bot first."
RESTORE_KIND_MISMATCH = "Cadangan ini untuk basis data {kind}, pengaturan menunjuk {backend}. / This backup is of a {kind} database, the settings point to {backend}."
RESTORE_NO_PSQL = "psql tidak ditemukan; pasang paket postgresql-client. / psql not found; install the postgresql-client package."
RESTORE_PSQL_FAILED = "psql gagal / failed: {error}"
RESTORE_DONE = "Dipulihkan / Restored: {database} dan / and {count} berkas arsip / archived files ke / into {archive} (skema / schema {revision}; jalankan / run `kinerja-bot upgrade-db`)"

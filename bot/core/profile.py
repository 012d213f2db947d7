"""The organisation profile: who this deployment serves, read from a TOML file.

Names of the government and unit, the address, website and logo of the letterhead, the
head, who letters are signed on behalf of ("a.n.") and the letter-number format are
configuration. The committed example (Kabupaten Jayawijaya) is used when no file is
named, so a fresh install starts without set-up.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PIL import Image, UnidentifiedImageError

from bot.core.achievement_settings import (
    AchievementSettings,
    AchievementSettingsError,
    parse_achievement_settings,
)
from bot.core.resources import templates_dir

EXAMPLE_PROFILE_NAME = "profil-contoh-jayawijaya.toml"

# The signed documents whose signatory may sign "a.n." (on behalf of) another official,
# as named in the profile's [atas_nama] table.
SIGNED_DOCUMENT_KINDS = (
    "surat-edaran",
    "surat-undangan",
    "laporan-sosialisasi",
    "dokumen-perencanaan",
)
# A logo is an image the PDF library reads; larger files only slow every letter down.
_LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
_LOGO_MAX_BYTES = 2 * 1024 * 1024


class ProfileError(ValueError):
    """The profile file is missing, unreadable or incomplete; the message says which."""


@dataclass(frozen=True)
class Signatory:
    """A person who signs letters."""

    name: str
    rank: str
    nip: str
    position: str


@dataclass(frozen=True)
class UnitEntry:
    """A unit (OPD) the deployment serves, as listed in the profile."""

    name: str
    short_name: str


DAY_KEYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


@dataclass(frozen=True)
class ReminderSettings:
    """When reminders go out (the profile's optional ``[pengingat]`` table): the hour of the
    day, the days before and after a reporting deadline owners are reminded, and working
    time (weekdays, Monday = 0, and hours in the profile's zone)."""

    hour: time = time(8, 0)
    days_before: tuple[int, ...] = (7, 3, 1, 0)
    days_after: tuple[int, ...] = (3, 1)
    working_days: frozenset[int] = frozenset(range(5))
    work_start: time = time(7, 30)
    work_end: time = time(16, 0)


@dataclass(frozen=True)
class OrgProfile:
    """Everything about the organisation that letters, reports and the bot print."""

    government: str
    unit_name: str
    parent_unit: str
    unit_short_name: str
    unit_code: str
    address: str
    city: str
    phone: str
    email: str
    head: Signatory
    timezone_name: str
    letter_number_format: str
    default_classification: str
    units: tuple[UnitEntry, ...]
    source: Path
    # Days that are not working days besides Saturday and Sunday (national and regional
    # holidays, cuti bersama): a deadline falling on one moves to the next working day.
    holidays: frozenset[date] = field(default_factory=frozenset)
    website: str = ""
    logo: Path | None = None
    # (document kind, official signed on behalf of), e.g. ("surat-edaran", "Sekretaris Daerah").
    on_behalf_of: tuple[tuple[str, str], ...] = ()
    # Cuti bersama: no reminder goes out on them (deadlines move only for ``holidays``).
    leave_days: frozenset[date] = field(default_factory=frozenset)
    reminders: ReminderSettings = field(default_factory=ReminderSettings)
    # The optional [capaian] table: the lower-is-better formula and the category bands.
    achievement: AchievementSettings = field(default_factory=AchievementSettings)

    @property
    def days_off(self) -> frozenset[date]:
        """Holidays and cuti bersama: days without working time besides the weekend."""
        return self.holidays | self.leave_days

    def signs_on_behalf_of(self, kind: str) -> str:
        """The official a document of ``kind`` is signed "a.n." of, or ``""``."""
        return dict(self.on_behalf_of).get(kind, "")

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    def letter_number(self, *, sequence: int, year: int, classification: str | None = None) -> str:
        """A letter number in the profile's format, e.g. ``027/012/UKPBJ/2027``."""
        return self.letter_number_format.format(
            klasifikasi=classification or self.default_classification,
            urut=sequence,
            kode_unit=self.unit_code,
            tahun=year,
        )


_LETTER_FIELDS = {"klasifikasi", "urut", "kode_unit", "tahun"}


def _text(table: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ProfileError(f"[{where}] {key} harus berupa teks")
    value = value.strip()
    if required and not value:
        raise ProfileError(f"[{where}] {key} wajib diisi")
    return value


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ProfileError(f"bagian [{key}] tidak ada")
    return value


def _logo(unit: dict[str, Any], source: Path) -> Path | None:
    """The letterhead logo, relative to the profile file; checked to be a readable image."""
    name = _text(unit, "logo", "unit", required=False)
    if not name:
        return None
    path = Path(name).expanduser()
    if not path.is_absolute():
        path = source.parent / path
    if path.suffix.lower() not in _LOGO_SUFFIXES:
        raise ProfileError(f"[unit] logo harus berkas PNG atau JPEG: {path}")
    if not path.is_file():
        raise ProfileError(f"[unit] logo tidak ditemukan: {path}")
    if path.stat().st_size > _LOGO_MAX_BYTES:
        raise ProfileError(f"[unit] logo lebih dari 2 MB: {path}")
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, ValueError):
        raise ProfileError(f"[unit] logo bukan gambar yang dapat dibaca: {path}") from None
    return path


def _on_behalf_of(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    table = data.get("atas_nama", {})
    if not isinstance(table, dict):
        raise ProfileError("[atas_nama] harus berupa tabel")
    unknown = sorted(set(table) - set(SIGNED_DOCUMENT_KINDS))
    if unknown:
        raise ProfileError(
            f"[atas_nama] jenis dokumen tidak dikenal: {', '.join(unknown)}; yang dikenal: "
            + ", ".join(SIGNED_DOCUMENT_KINDS)
        )
    pairs = ((kind, _text(table, kind, "atas_nama", required=False)) for kind in table)
    return tuple((kind, official) for kind, official in pairs if official)


def parse_profile(data: dict[str, Any], source: Path) -> OrgProfile:
    """Build and check a profile from parsed TOML; ProfileError names the faulty field."""
    gov = _table(data, "pemerintah")
    unit = _table(data, "unit")
    head = _table(data, "kepala")
    letters = _table(data, "surat")
    profile = OrgProfile(
        government=_text(gov, "nama", "pemerintah"),
        unit_name=_text(unit, "nama", "unit"),
        parent_unit=_text(unit, "induk", "unit", required=False),
        unit_short_name=_text(unit, "singkatan", "unit"),
        unit_code=_text(unit, "kode_surat", "unit"),
        address=_text(unit, "alamat", "unit"),
        city=_text(unit, "kota", "unit"),
        phone=_text(unit, "telepon", "unit", required=False),
        email=_text(unit, "email", "unit", required=False),
        head=Signatory(
            name=_text(head, "nama", "kepala"),
            rank=_text(head, "pangkat", "kepala", required=False),
            nip=_text(head, "nip", "kepala"),
            position=_text(head, "jabatan", "kepala"),
        ),
        timezone_name=_timezone_name(data),
        letter_number_format=_number_format(letters),
        default_classification=_text(letters, "klasifikasi", "surat", required=False) or "000",
        units=_units(data),
        source=source,
        holidays=_holidays(data),
        website=_text(unit, "laman", "unit", required=False),
        logo=_logo(unit, source),
        on_behalf_of=_on_behalf_of(data),
        leave_days=_dates(_optional_table(data, "kalender"), "cuti_bersama"),
        reminders=_reminder_settings(data),
        achievement=_achievement(data),
    )
    # Format once now so a broken format fails at start-up, not when the first letter goes out.
    try:
        profile.letter_number(sequence=1, year=2000)
    except (ValueError, IndexError, KeyError) as exc:
        raise ProfileError(f"[surat] format_nomor tidak sah: {exc}") from None
    return profile


def _optional_table(data: dict[str, Any], name: str) -> dict[str, Any]:
    found = data.get(name, {})
    if not isinstance(found, dict):
        raise ProfileError(f"[{name}] harus berupa tabel")
    return found


def _achievement(data: dict[str, Any]) -> AchievementSettings:
    try:
        return parse_achievement_settings(_optional_table(data, "capaian"))
    except AchievementSettingsError as exc:
        raise ProfileError(str(exc)) from None


def _timezone_name(data: dict[str, Any]) -> str:
    clock = _optional_table(data, "waktu")
    name = _text(clock, "zona", "waktu", required=False) or "Asia/Jayapura"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProfileError(f"[waktu] zona {name!r} bukan zona waktu IANA") from None
    return name


def _number_format(letters: dict[str, Any]) -> str:
    number_format = _text(letters, "format_nomor", "surat")
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(number_format) if name}
    except ValueError as exc:
        raise ProfileError(f"[surat] format_nomor tidak sah: {exc}") from None
    if fields - _LETTER_FIELDS or "urut" not in fields:
        raise ProfileError(
            "[surat] format_nomor hanya boleh memakai {klasifikasi}, {urut}, {kode_unit}, "
            "{tahun} dan wajib memuat {urut}"
        )
    return number_format


def _units(data: dict[str, Any]) -> tuple[UnitEntry, ...]:
    units: list[UnitEntry] = []
    for i, entry in enumerate(data.get("opd", []), start=1):
        if not isinstance(entry, dict):
            raise ProfileError(f"[[opd]] ke-{i} harus berupa tabel")
        units.append(
            UnitEntry(
                name=_text(entry, "nama", f"opd #{i}"),
                short_name=_text(entry, "singkatan", f"opd #{i}", required=False),
            )
        )
    names = [u.name.casefold() for u in units]
    if len(names) != len(set(names)):
        raise ProfileError("[[opd]] ada nama unit yang ganda")
    return tuple(units)


def _holidays(data: dict[str, Any]) -> frozenset[date]:
    return _dates(_optional_table(data, "kalender"), "hari_libur")


def _dates(table: dict[str, Any], key: str) -> frozenset[date]:
    days = table.get(key, [])
    if not isinstance(days, list) or not all(
        isinstance(day, date) and not hasattr(day, "hour") for day in days
    ):
        raise ProfileError(
            f"[kalender] {key} harus berupa daftar tanggal tanpa tanda kutip, "
            f"contoh: {key} = [2027-01-01, 2027-08-17]"
        )
    return frozenset(days)


def _clock_time(table: dict[str, Any], key: str, default: time) -> time:
    value = table.get(key)
    if value is None:
        return default
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value.strip().replace(".", ":"))
        except ValueError:
            pass
    raise ProfileError(f'[pengingat] {key} harus berupa jam, contoh: {key} = "08:00"')


def _days(table: dict[str, Any], key: str, default: tuple[int, ...]) -> tuple[int, ...]:
    value = table.get(key)
    if value is None:
        return default
    if not isinstance(value, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 60 for n in value
    ):
        raise ProfileError(
            f"[pengingat] {key} harus berupa daftar jumlah hari 0-60, contoh: {key} = [7, 3, 1]"
        )
    return tuple(sorted(set(value), reverse=True))


def _working_days(table: dict[str, Any]) -> frozenset[int]:
    value = table.get("hari_kerja")
    if value is None:
        return ReminderSettings.working_days
    names = [str(v).strip().casefold() for v in value] if isinstance(value, list) else []
    if not names or any(name not in DAY_KEYS for name in names):
        raise ProfileError(
            '[pengingat] hari_kerja harus berupa daftar nama hari, contoh: hari_kerja = ["Senin",'
            ' "Selasa", "Rabu", "Kamis", "Jumat"]'
        )
    return frozenset(DAY_KEYS.index(name) for name in names)


def _reminder_settings(data: dict[str, Any]) -> ReminderSettings:
    """The optional ``[pengingat]`` table; what it leaves out keeps the defaults."""
    table = _optional_table(data, "pengingat")
    base = ReminderSettings()
    found = ReminderSettings(
        hour=_clock_time(table, "jam", base.hour),
        days_before=_days(table, "hari_sebelum", base.days_before),
        days_after=_days(table, "hari_sesudah", base.days_after),
        working_days=_working_days(table),
        work_start=_clock_time(table, "jam_kerja_mulai", base.work_start),
        work_end=_clock_time(table, "jam_kerja_selesai", base.work_end),
    )
    if found.work_start >= found.work_end:
        raise ProfileError("[pengingat] jam_kerja_mulai harus sebelum jam_kerja_selesai")
    if not found.work_start <= found.hour <= found.work_end:
        raise ProfileError("[pengingat] jam harus di dalam jam kerja")
    return found


def example_profile_path() -> Path:
    return templates_dir() / EXAMPLE_PROFILE_NAME


def load_profile(path: Path | None = None) -> OrgProfile:
    """Read the profile at ``path``, or the committed example when ``path`` is None."""
    source = path or example_profile_path()
    try:
        with source.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ProfileError(f"berkas profil tidak ditemukan: {source}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"berkas profil {source} bukan TOML yang sah: {exc}") from None
    return parse_profile(data, source)

"""The default wording of each letter: ``templates/surat-edaran.toml``,
``templates/surat-undangan.toml`` and ``templates/laporan-sosialisasi.toml``, filled from the
profile (and the event, and the attendance) into a letter's content.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.core.dates import format_date
from bot.core.profile import OrgProfile
from bot.core.resources import templates_dir
from bot.letters.documents.content import (
    CircularContent,
    InvitationContent,
    LetterHeader,
    SocialisationReport,
    attendance_summary,
)
from bot.letters.documents.numbering import spelled_number
from bot.letters.kinds import LetterKind
from bot.planning.rules.values import format_number

# The head's part in the socialisation, as the report's list of speakers names it.
HEAD_SPEAKER_MATERIAL = "Arahan Kepala UKPBJ"


class LetterTemplateError(ValueError):
    """A wording file under templates/ is missing, unreadable or has an unknown placeholder."""


def _load(kind: LetterKind) -> dict[str, Any]:
    path = templates_dir() / kind.file_name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise LetterTemplateError(f"berkas teks surat tidak ditemukan: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LetterTemplateError(f"berkas {path.name} bukan TOML yang sah: {exc}") from None


def _fill(text: str, values: Mapping[str, object], kind: LetterKind, key: str) -> str:
    try:
        return text.format_map(values).strip()
    except KeyError as exc:
        raise LetterTemplateError(
            f"{kind.file_name}: {key} memakai placeholder {{{exc.args[0]}}} yang tidak dikenal"
        ) from None
    except (ValueError, IndexError) as exc:
        raise LetterTemplateError(f"{kind.file_name}: {key} tidak sah: {exc}") from None


class _Wording:
    """One wording file, its texts filled in with ``values``."""

    def __init__(self, kind: LetterKind, values: Mapping[str, object]) -> None:
        self.kind = kind
        self.data = _load(kind)
        self.values = values

    def text(self, key: str, **extra: object) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise LetterTemplateError(f"{self.kind.file_name}: {key} harus berupa teks")
        return _fill(value, {**self.values, **extra}, self.kind, key)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise LetterTemplateError(f"{self.kind.file_name}: {key} harus berupa daftar teks")
        filled = (_fill(item, self.values, self.kind, key) for item in value)
        return tuple(item for item in filled if item)

    def sections(self, key: str) -> tuple[tuple[str, str], ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise LetterTemplateError(f"{self.kind.file_name}: [[{key}]] harus berupa tabel")
        sections: list[tuple[str, str]] = []
        for number, item in enumerate(value, start=1):
            title, text = (
                (item.get("judul"), item.get("isi")) if isinstance(item, dict) else ("", "")
            )
            if not isinstance(title, str) or not isinstance(text, str) or not title.strip():
                raise LetterTemplateError(
                    f"{self.kind.file_name}: [[{key}]] ke-{number} harus memuat judul dan isi"
                )
            where = f"[[{key}]] ke-{number}"
            sections.append(
                (
                    _fill(title, self.values, self.kind, where),
                    _fill(text, self.values, self.kind, where),
                )
            )
        return tuple(sections)


def _region(government: str) -> str:
    """``Kabupaten Jayawijaya`` from ``Pemerintah Kabupaten Jayawijaya``."""
    words = government.split()
    if words and words[0].casefold() == "pemerintah":
        words = words[1:]
    return " ".join(words)


def _regional_head(region: str) -> str:
    """``Bupati Jayawijaya``, ``Wali Kota Jayapura``, ``Gubernur Papua Pegunungan``."""
    titles = {"kabupaten": "Bupati", "kota": "Wali Kota", "provinsi": "Gubernur"}
    first, _, rest = region.partition(" ")
    title = titles.get(first.casefold())
    if title is None or not rest:
        return "Kepala Daerah"
    return f"{title} {rest}"


def _profile_values(profile: OrgProfile, year: int) -> dict[str, object]:
    region = _region(profile.government)
    full_unit = f"{profile.unit_name} {profile.parent_unit}".strip()
    return {
        "tahun": year,
        "pemerintah": profile.government,
        "wilayah": region,
        "kepala_daerah": _regional_head(region),
        "unit": profile.unit_name,
        "unit_lengkap": full_unit,
        "unit_singkat": profile.unit_short_name,
        "induk": profile.parent_unit,
        "kota": profile.city,
        "jabatan_kepala": profile.head.position,
    }


def default_header(
    kind: LetterKind,
    profile: OrgProfile,
    *,
    day: date,
    number: str | None = None,
    year: int | None = None,
    place: str | None = None,
) -> LetterHeader:
    """A header with the wording file's Hal, Sifat and Lampiran; place defaults to the city.

    ``year`` (default: the letter's year) fills ``{tahun}`` in the Hal.
    """
    wording = _Wording(kind, _profile_values(profile, year or day.year))
    return LetterHeader(
        number,
        place or profile.city,
        day,
        wording.text("sifat") or "Biasa",
        wording.text("lampiran") or "-",
        hal=wording.text("hal"),
    )


def default_circular(
    profile: OrgProfile, *, year: int, indicator_count: int, deadline_text: str
) -> CircularContent:
    """The circular of ``year`` in the default wording; ``deadline_text`` fills ``{tenggat}``."""
    values = {
        **_profile_values(profile, year),
        "tenggat": deadline_text,
        "jumlah_indikator": indicator_count,
        "jumlah_indikator_huruf": spelled_number(indicator_count),
    }
    wording = _Wording(LetterKind.CIRCULAR, values)
    return CircularContent(
        tentang=wording.text("tentang"),
        recipients=wording.texts("kepada"),
        sections=wording.sections("bagian"),
        legal_basis=wording.texts("dasar"),
        points=wording.texts("isi_edaran"),
        closing=wording.text("penutup"),
        copies=wording.texts("tembusan"),
    )


def _event_values(day: date, time_text: str, place: str) -> dict[str, object]:
    return {"hari_tanggal": format_date(day), "waktu": time_text, "tempat": place}


def default_invitation(
    profile: OrgProfile,
    *,
    day: date,
    time_text: str,
    place: str,
    agenda: str,
    invitees: Sequence[tuple[str, str]],
    year: int | None = None,
) -> InvitationContent:
    """The invitation to the socialisation on ``day`` in the default wording.

    An empty ``agenda`` takes the wording file's ``acara``. ``year`` (default: the year of
    ``day``) is the cycle's year that ``{tahun}`` names: a socialisation in December may
    be about next year's plan.
    """
    values = {
        **_profile_values(profile, year or day.year),
        **_event_values(day, time_text, place),
    }
    wording = _Wording(LetterKind.INVITATION, values)
    agenda = agenda.strip() or wording.text("acara")
    wording.values = {**values, "acara": agenda}
    return InvitationContent(
        recipients=wording.texts("kepada"),
        opening=wording.text("pembuka"),
        day=day,
        time_text=time_text,
        place=place,
        agenda=agenda,
        closing=wording.text("penutup"),
        invitees=tuple((name, unit) for name, unit in invitees),
        copies=wording.texts("tembusan"),
    )


def _percent(part: int, whole: int) -> str:
    if whole == 0:
        return "0%"
    return f"{format_number(round(100 * part / whole, 1))}%"


def default_report(
    profile: OrgProfile,
    *,
    day: date,
    time_text: str,
    place: str,
    speakers: Sequence[tuple[str, str]],
    attendance: Sequence[tuple[str, str, str]],
    photos: Sequence[bytes],
    notes: str,
    year: int | None = None,
) -> SocialisationReport:
    """The report of the socialisation on ``day`` in the default wording; ``year`` as for
    :func:`default_invitation`.

    The attendance figures in the text are counted from ``attendance``; ``notes`` (what the
    team noted during the session), when not blank, is added to "C. Hasil yang Dicapai".
    """
    units = attendance_summary(attendance)
    present = sum(unit.present for unit in units)
    values = {
        **_profile_values(profile, year or day.year),
        **_event_values(day, time_text, place),
        "jumlah_undangan": len(attendance),
        "jumlah_hadir": present,
        "jumlah_diwakilkan": sum(unit.represented for unit in units),
        "persen_hadir": _percent(present, len(attendance)),
        "jumlah_opd": len(units),
        "jumlah_opd_hadir": sum(1 for unit in units if unit.present),
    }
    wording = _Wording(LetterKind.REPORT, values)
    results = wording.text("hasil")
    if notes.strip():
        results += "\n" + wording.text("catatan", catatan=notes.strip())
    return SocialisationReport(
        title=wording.text("judul").upper(),
        introduction=wording.text("pendahuluan"),
        activities=wording.text("kegiatan"),
        results=results,
        conclusions=wording.text("simpulan"),
        closing=wording.text("penutup"),
        day=day,
        time_text=time_text,
        place=place,
        speakers=tuple((name, material) for name, material in speakers),
        attendance=tuple((name, unit, status) for name, unit, status in attendance),
        photos=tuple(photos),
    )

"""The letters of SOP steps 7-9 (circular, invitation, socialisation report) as PDFs."""

from __future__ import annotations

import dataclasses
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest

from bot.core import letters
from bot.core.letters import (
    DRAFT_LABEL,
    CircularContent,
    InvitationContent,
    LetterHeader,
    LetterKind,
    LetterTemplateError,
    SocialisationReport,
    attendance_summary,
    circular_pdf,
    default_circular,
    default_header,
    default_invitation,
    default_report,
    draft_number,
    invitation_pdf,
    socialisation_report_pdf,
    spelled_number,
)
from bot.core.profile import OrgProfile, load_profile

HEAD_NIP = "NIP. 19740610 200003 1 002"
HEAD_NAME = "Yulianus Lokobal, S.E., M.Si."
EVENT_DAY = date(2027, 1, 11)  # a Monday


@pytest.fixture(scope="module")
def profile() -> OrgProfile:
    return load_profile()


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid RGB PNG of one colour, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def _text(data: bytes, tmp_path: Path) -> str:
    """The PDF's text, laid out as printed, whitespace collapsed (skips without pdftotext)."""
    binary = shutil.which("pdftotext")
    if binary is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "letter.pdf"
    source.write_bytes(data)
    result = subprocess.run(
        [binary, "-layout", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


def _assert_pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")


def _header(
    kind: LetterKind, profile: OrgProfile, number: str | None, day: date = date(2027, 1, 5)
) -> LetterHeader:
    return default_header(kind, profile, day=day, number=number)


# --------------------------------------------------------------------------- circular


def _circular(profile: OrgProfile) -> CircularContent:
    return default_circular(
        profile, year=2027, indicator_count=12, deadline_text="Jumat, 15 Januari 2027"
    )


def test_numbered_circular(profile: OrgProfile, tmp_path: Path) -> None:
    data = circular_pdf(
        profile, _header(LetterKind.CIRCULAR, profile, "027/012/UKPBJ/2027"), _circular(profile)
    )
    _assert_pdf(data)
    pages = _page_count(data)
    assert 1 <= pages <= 3
    text = _text(data, tmp_path)
    for expected in (
        "PEMERINTAH KABUPATEN JAYAWIJAYA",
        "BAGIAN PENGADAAN BARANG/JASA",
        "Yth. Para Kepala Organisasi Perangkat Daerah",
        "SURAT EDARAN",
        "NOMOR 027/012/UKPBJ/2027",
        "TENTANG",
        "IMPLEMENTASI PENGELOLAAN KINERJA PENGADAAN BARANG/JASA",
        "1. Latar Belakang",
        "2. Maksud dan Tujuan",
        "3. Ruang Lingkup",
        "4. Dasar",
        "5. Isi Edaran",
        "6. Penutup",
        "Peraturan Presiden Nomor 16 Tahun 2018",
        "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021",
        "a. Setiap Kepala OPD menunjuk",
        "paling lambat Jumat, 15 Januari 2027",
        "12 (dua belas) indikator kinerja",
        "Ditetapkan di Wamena pada tanggal 5 Januari 2027",
        "Kepala Bagian Pengadaan Barang/Jasa,",
        HEAD_NAME,
        "Pembina Tk. I (IV/b)",
        HEAD_NIP,
        "Tembusan: 1. Bupati Jayawijaya (sebagai laporan);",
        "4. Arsip.",
    ):
        assert expected in text, expected
    assert "DRAF" not in text
    assert "{" not in text and "}" not in text
    if pages > 1:
        assert re.search(rf"- ?{pages} ?-", text)


def test_draft_circular_is_marked_on_every_page(profile: OrgProfile, tmp_path: Path) -> None:
    content = dataclasses.replace(
        _circular(profile),
        recipients=("Para Kepala Organisasi Perangkat Daerah", "Direktur RSUD Wamena"),
        points=tuple(f"Butir edaran ke-{n} " * 12 for n in range(1, 30)),
    )
    data = circular_pdf(profile, _header(LetterKind.CIRCULAR, profile, None), content)
    _assert_pdf(data)
    pages = _page_count(data)
    assert pages >= 3
    text = _text(data, tmp_path)
    assert "NOMOR 027/…/UKPBJ/2027" in text
    assert text.count(DRAFT_LABEL) == pages
    assert "Yth. 1. Para Kepala Organisasi Perangkat Daerah 2. Direktur RSUD Wamena" in text
    assert "ab. Butir edaran ke-28" in text  # lettering runs on past z.
    assert HEAD_NIP in text


# --------------------------------------------------------------------------- invitation


_INVITEES = (
    ("Agustina Wenda, S.Sos.", "Dinas Kesehatan"),
    ("Łukasz Ōtsuka-Ğ", "Dinas Pendidikan dan Kebudayaan"),
    ("Markus Itlay, S.T.", "Dinas Pekerjaan Umum dan Penataan Ruang"),
)


def _invitation(profile: OrgProfile, invitees: tuple[tuple[str, str], ...]) -> InvitationContent:
    return default_invitation(
        profile,
        day=EVENT_DAY,
        time_text="09.00 WIT s.d. selesai",
        place="Aula Sekretariat Daerah, Wamena",
        agenda="",
        invitees=invitees,
    )


def test_numbered_invitation_with_lampiran(profile: OrgProfile, tmp_path: Path) -> None:
    header = _header(LetterKind.INVITATION, profile, "027/013/UKPBJ/2027")
    data = invitation_pdf(profile, header, _invitation(profile, _INVITEES))
    _assert_pdf(data)
    assert _page_count(data) == 2
    text = _text(data, tmp_path)
    for expected in (
        "PEMERINTAH KABUPATEN JAYAWIJAYA",
        "Wamena, 5 Januari 2027",
        "Nomor : 027/013/UKPBJ/2027",
        "Sifat : Penting",
        "Lampiran : 1 (satu) berkas",
        "Hal : Undangan Sosialisasi Implementasi",
        "Yth. Penanggung Jawab Kinerja",
        "di Tempat",
        "Hari/tanggal : Senin, 11 Januari 2027",
        "Waktu : 09.00 WIT s.d. selesai",
        "Tempat : Aula Sekretariat Daerah, Wamena",
        "Acara : Sosialisasi Implementasi Pengelolaan Kinerja Pengadaan Barang/Jasa Tahun 2027",
        "terima kasih",
        HEAD_NAME,
        HEAD_NIP,
        "Lampiran Surat Kepala Bagian Pengadaan Barang/Jasa",
        "Tanggal : 5 Januari 2027",
        "DAFTAR UNDANGAN",
        "No Nama Unit/OPD",
        "1 Agustina Wenda, S.Sos. Dinas Kesehatan",
        "2 Łukasz Ōtsuka-Ğ",
        "3 Markus Itlay, S.T.",
    ):
        assert expected in text, expected
    assert text.count("027/013/UKPBJ/2027") == 2  # the letter and its lampiran
    assert "DRAF" not in text


def test_draft_invitation_without_invitees(profile: OrgProfile, tmp_path: Path) -> None:
    header = dataclasses.replace(
        _header(LetterKind.INVITATION, profile, "  "), lampiran="-", sifat="Segera"
    )
    content = dataclasses.replace(
        _invitation(profile, ()),
        copies=("Sekretaris Daerah Kabupaten Jayawijaya",),
        closing="Paragraf penutup yang diganti.",
    )
    data = invitation_pdf(profile, header, content)
    assert _page_count(data) == 1
    text = _text(data, tmp_path)
    assert DRAFT_LABEL in text
    assert "Nomor : 027/…/UKPBJ/2027" in text
    assert "Sifat : Segera" in text
    assert "Senin, 11 Januari 2027" in text
    assert "Paragraf penutup yang diganti." in text
    assert "Tembusan: 1. Sekretaris Daerah Kabupaten Jayawijaya" in text
    assert "DAFTAR UNDANGAN" not in text


# --------------------------------------------------------------------------- report

_ATTENDANCE = (
    ("Agustina Wenda, S.Sos.", "Dinas Kesehatan", "Hadir"),
    ("Yance Kogoya", "Dinas Kesehatan", "Diwakilkan: Maria Hubi"),
    ("Markus Itlay, S.T.", "Dinas Pekerjaan Umum dan Penataan Ruang", "Hadir"),
    ("Ōtsuka Łukasz", "Dinas Pendidikan dan Kebudayaan", "Tidak hadir"),
)


def _report(profile: OrgProfile, photos: tuple[bytes, ...]) -> SocialisationReport:
    return default_report(
        profile,
        day=EVENT_DAY,
        time_text="09.00 – 12.30 WIT",
        place="Aula Sekretariat Daerah, Wamena",
        speakers=(
            (HEAD_NAME, "Kebijakan pengelolaan kinerja pengadaan Tahun 2027"),
            ("Tim Pengelolaan Kelembagaan UKPBJ", "Pelaporan melalui Kinerja PBJ Bot"),
        ),
        attendance=_ATTENDANCE,
        photos=photos,
        notes="OPD meminta pendampingan pemetaan paket di SIRUP.",
    )


def test_report_with_photos_and_a_broken_one(profile: OrgProfile, tmp_path: Path) -> None:
    photos = (
        _png(64, 48, (200, 60, 60)),
        _png(30, 60, (60, 160, 60)),
        b"not an image",
        _png(90, 40, (60, 60, 200)),
    )
    header = _header(LetterKind.REPORT, profile, "027/020/UKPBJ/2027", date(2027, 1, 12))
    data = socialisation_report_pdf(profile, header, _report(profile, photos))
    _assert_pdf(data)
    assert len(re.findall(rb"/Subtype\s*/Image", data)) == 3
    text = _text(data, tmp_path)
    for expected in (
        "PEMERINTAH KABUPATEN JAYAWIJAYA",
        "LAPORAN TENTANG SOSIALISASI IMPLEMENTASI PENGELOLAAN KINERJA PENGADAAN",
        "NOMOR 027/020/UKPBJ/2027",
        "A. Pendahuluan",
        "B. Kegiatan yang Dilaksanakan",
        "C. Hasil yang Dicapai",
        "D. Simpulan dan Saran",
        "E. Penutup",
        "Hari/tanggal : Senin, 11 Januari 2027",
        "Waktu : 09.00 – 12.30 WIT",
        "Pelaporan melalui Kinerja PBJ Bot",
        "dihadiri oleh 3 dari 4 orang",
        "(75%), mewakili 2 dari 3 OPD",
        "OPD meminta pendampingan pemetaan paket di SIRUP.",
        "Dinas Kesehatan 2 1 1 0",
        "Dinas Pendidikan dan Kebudayaan 1 0 0 1",
        "Jumlah 4 2 1 1",
        "Wamena, 12 Januari 2027",
        HEAD_NAME,
        HEAD_NIP,
        "Lampiran: Daftar Hadir",
        "Agustina Wenda, S.Sos.",
        "Diwakilkan: Maria Hubi",
        "Ōtsuka Łukasz",
        "Lampiran: Dokumentasi",
        "Foto 3 tidak dapat ditampilkan",
        "Foto 1",
        "Foto 4",
    ):
        assert expected in text, expected
    assert "DRAF" not in text


def test_draft_report_without_photos(profile: OrgProfile, tmp_path: Path) -> None:
    report = dataclasses.replace(_report(profile, ()), attendance=(), speakers=())
    data = socialisation_report_pdf(profile, _header(LetterKind.REPORT, profile, None), report)
    _assert_pdf(data)
    pages = _page_count(data)
    text = _text(data, tmp_path)
    assert text.count(DRAFT_LABEL) == pages
    assert "NOMOR 027/…/UKPBJ/2027" in text
    assert "Daftar hadir belum diisi." in text
    assert "Lampiran: Dokumentasi" not in text
    assert "E. Penutup" in text


def test_names_outside_latin_1_print(profile: OrgProfile, tmp_path: Path) -> None:
    name = "Łukasz Ōtsuka-Ğ, S.E."
    odd = dataclasses.replace(
        profile,
        government="Pemerintah Kabupaten Ōtsuka",
        head=dataclasses.replace(profile.head, name=name),
    )
    data = circular_pdf(
        odd, _header(LetterKind.CIRCULAR, odd, "027/001/UKPBJ/2027"), _circular(odd)
    )
    text = _text(data, tmp_path)
    assert name in text
    assert "PEMERINTAH KABUPATEN ŌTSUKA" in text
    assert "Bupati Ōtsuka (sebagai laporan)" in text


# --------------------------------------------------------------------------- wording and helpers


def test_default_wording_is_filled_and_replaceable(profile: OrgProfile) -> None:
    circular = _circular(profile)
    assert [title for title, _ in circular.sections] == [
        "Latar Belakang",
        "Maksud dan Tujuan",
        "Ruang Lingkup",
    ]
    texts = [
        circular.tentang,
        circular.closing,
        *circular.recipients,
        *circular.legal_basis,
        *circular.points,
        *circular.copies,
        *(text for _, text in circular.sections),
    ]
    assert all(text and "{" not in text for text in texts)
    assert "Pemerintah Kabupaten Jayawijaya" in circular.tentang
    assert any("Perpres" in t or "Peraturan Presiden" in t for t in circular.legal_basis)

    invitation = _invitation(profile, _INVITEES)
    assert invitation.agenda.endswith("Tahun 2027")
    assert invitation.invitees == _INVITEES
    report = _report(profile, ())
    assert report.title.startswith("LAPORAN TENTANG SOSIALISASI")
    assert "3 dari 4" in report.results

    header = default_header(LetterKind.INVITATION, profile, day=date(2027, 1, 5))
    assert header.is_draft
    assert (header.place, header.sifat, header.lampiran) == ("Wamena", "Penting", "1 (satu) berkas")
    assert header.hal.startswith("Undangan Sosialisasi")
    circular_header = default_header(
        LetterKind.CIRCULAR, profile, day=date(2026, 12, 28), number="027/001/UKPBJ/2027", year=2027
    )
    assert not circular_header.is_draft
    assert circular_header.hal.endswith("Tahun 2027")


def test_unknown_placeholder_is_reported(
    profile: OrgProfile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "surat-undangan.toml").write_text(
        'hal = "Undangan {tahun}"\nsifat = "Biasa"\nlampiran = "-"\nacara = "Acara"\n'
        'kepada = ["Yth"]\npembuka = "Halo {nama_kepala}"\npenutup = "Terima kasih"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(letters, "templates_dir", lambda: tmp_path)
    with pytest.raises(LetterTemplateError, match=r"pembuka .*\{nama_kepala\}"):
        _invitation(profile, ())
    with pytest.raises(LetterTemplateError, match="tidak ditemukan"):
        _circular(profile)


def test_draft_number_and_spelled_numbers(profile: OrgProfile) -> None:
    assert draft_number(profile, 2027) == "027/…/UKPBJ/2027"
    other = dataclasses.replace(profile, letter_number_format="{kode_unit}-{urut:04d}/{tahun}")
    assert draft_number(other, 2028) == "UKPBJ-…/2028"
    assert profile.letter_number(sequence=12, year=2027) == "027/012/UKPBJ/2027"
    spelled = {
        0: "nol",
        8: "delapan",
        11: "sebelas",
        12: "dua belas",
        20: "dua puluh",
        45: "empat puluh lima",
        100: "seratus",
        111: "seratus sebelas",
        250: "dua ratus lima puluh",
        1000: "seribu",
        2027: "dua ribu dua puluh tujuh",
    }
    for number, words in spelled.items():
        assert spelled_number(number) == words


def test_attendance_summary_counts_per_unit() -> None:
    summary = attendance_summary(
        [
            ("A", "Dinkes", "Hadir"),
            ("B", "Dinkes", "diwakilkan: C"),
            ("D", "Bappeda", "Tidak hadir"),
            ("E", "Dinkes", "Izin"),
            ("F", " ", "hadir"),
        ]
    )
    assert [(u.unit, u.invited, u.attended, u.represented, u.absent) for u in summary] == [
        ("Dinkes", 3, 1, 1, 1),
        ("Bappeda", 1, 0, 0, 1),
        ("-", 1, 1, 0, 0),
    ]
    assert summary[0].present == 2

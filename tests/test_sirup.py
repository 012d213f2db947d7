"""The SIRUP importer (SOP step 10): messy exports in both header styles, every row that is
not a package skipped with its reason and row, broken files answered with a message, never
an exception; and matching satuan kerja names to the deployment's units."""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from openpyxl import Workbook

from bot.packages import sirup
from bot.packages.sirup import (
    MAX_SIRUP_BYTES,
    SirupError,
    SirupImport,
    SirupPackage,
    SkippedRow,
    match_units,
    read_sirup,
)

DINKES = "Dinas Kesehatan"
PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"
DISDIK = "Dinas Pendidikan dan Kebudayaan"
UNKNOWN = "Badan Urusan Baru"


@dataclass(frozen=True)
class Rec:
    """One data row, written as a display-style row or a data-set row."""

    unit: str = DINKES
    nama: str = "Paket"
    pagu: object = 100_000_000
    metode: str = "Tender"
    dana: str = "APBD"
    kode: object = None
    month: int = 1  # of 2027
    jenis: str = "Barang"
    kd_satker: int = 300_001
    pdn: str = "PDN"
    ukm: str = "UKM"


BLANK = None
TOTAL = "TOTAL"
# The messy data of both test files: (row below the header, record) and what must come out.
DATA: list[Rec | str | None] = [
    Rec(DINKES, "Pengadaan Obat dan BMHP", 1_250_000_000, "Tender", kode=40000001),
    Rec(
        DINKES,
        "Konsultansi Perencanaan RSUD",
        "Rp 350.000.000",
        "Seleksi",
        kode="40000002",
        month=2,
        jenis="Jasa Konsultansi",
    ),
    Rec(
        PUPR,
        "Peningkatan Jalan Wamena - Kurulu",
        "1.250.000.000,00",
        "tender cepat",
        "DAK",
        kode=40000003.0,
        month=3,
        jenis="Pekerjaan Konstruksi",
        kd_satker=300_002,
        ukm="Non UKM",
    ),
    BLANK,
    Rec(UNKNOWN, "Belanja Alat Tulis Kantor", 75_000_000, "E-Purchasing", kode=40000004),
    Rec(DINKES, "Paket dengan pagu negatif", -5_000_000, kode=40000005),
    Rec(DISDIK, "Paket dengan kode ganda", 10_000_000, kode=40000001, kd_satker=300_003),
    Rec(DISDIK, "Paket pagu huruf", "sepuluh juta", "Swakelola Tipe I", kode=40000007),
    Rec(DISDIK, "Paket tanpa kode", 20_000_000, kode=None),
    Rec(
        DISDIK,
        "Rehabilitasi Gedung SD Inpres Wamena",
        "Rp 2.000.000.000",
        "Pengadaan Langsung",
        kode=40000009,
        month=4,
        jenis="Pekerjaan Konstruksi",
        kd_satker=300_003,
    ),
    TOTAL,
]
# (index in DATA, reason)
SKIPPED = [
    (3, "baris kosong"),
    (5, "pagu negatif"),
    (6, "kode RUP ganda (sama dengan baris {0})"),
    (7, "pagu bukan angka: sepuluh juta"),
    (8, "kode RUP kosong"),
    (10, "baris total/jumlah"),
]
PACKAGES = {  # kode RUP -> (index in DATA, satuan kerja, pagu, metode, jenis)
    "40000001": (0, DINKES, 1_250_000_000, "Tender", "Barang"),
    "40000002": (1, DINKES, 350_000_000, "Seleksi", "Jasa Konsultansi"),
    "40000003": (2, PUPR, 1_250_000_000, "Tender Cepat", "Pekerjaan Konstruksi"),
    "40000004": (4, UNKNOWN, 75_000_000, "e-Purchasing", "Barang"),
    "40000009": (9, DISDIK, 2_000_000_000, "Pengadaan Langsung", "Pekerjaan Konstruksi"),
}
MONTHS = ["Januari", "Februari", "Maret", "April"]
TOTAL_PAGU = 4_925_000_000  # of the packages read

DISPLAY_HEADER = [
    "No",
    "Satuan Kerja",
    "Nama Paket",
    "Pagu (Rp)",
    "Metode Pemilihan",
    "Sumber Dana",
    "Kode RUP",
    "Waktu Pemilihan",
    "Jenis Pengadaan",
    "Keterangan",
]
DATASET_HEADER = [
    "tahun_anggaran",
    "kd_klpd",
    "nama_klpd",
    "kd_satker",
    "nama_satker",
    "kd_rup",
    "nama_paket",
    "pagu",
    "kd_metode_pengadaan",
    "metode_pengadaan",
    "jenis_pengadaan",
    "status_pdn",
    "status_ukm",
    "tgl_awal_pemilihan",
    "tgl_akhir_pemilihan",
    "sumber_dana",
    "kd_rup_lokal",
]


def _display_row(number: int, item: Rec | str | None) -> list[object]:
    if item is None:
        return []
    if item == TOTAL:
        return ["Total", None, None, TOTAL_PAGU]
    assert isinstance(item, Rec)
    return [
        number,
        item.unit,
        item.nama,
        item.pagu,
        item.metode,
        item.dana,
        item.kode,
        f"{MONTHS[item.month - 1]} 2027",
        item.jenis,
        None,
    ]


def messy_xlsx(data: Sequence[Rec | str | None] = DATA) -> bytes:
    """A title merged over the columns, a blank row, a subtitle, the header on row 4."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "RUP"
    sheet["A1"] = "RENCANA UMUM PENGADAAN KABUPATEN JAYAWIJAYA 2027"
    sheet.merge_cells("A1:J1")
    sheet["A3"] = "Sumber: SIRUP LKPP, diunduh 5 Januari 2027"
    for column, text in enumerate(DISPLAY_HEADER, start=1):
        sheet.cell(row=4, column=column, value=text)
    for index, item in enumerate(data):
        for column, value in enumerate(_display_row(index + 1, item), start=1):
            sheet.cell(row=5 + index, column=column, value=value)
    return _save(workbook)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _dataset_values(item: Rec) -> dict[str, object]:
    pagu = item.pagu
    return {
        "tahun_anggaran": 2027,
        "kd_klpd": "D405",
        "nama_klpd": "Kab. Jayawijaya",
        "kd_satker": item.kd_satker,
        "nama_satker": item.unit,
        "kd_rup": item.kode,
        "nama_paket": item.nama,
        "pagu": pagu,
        "kd_metode_pengadaan": 9,
        "metode_pengadaan": item.metode,
        "jenis_pengadaan": item.jenis,
        "status_pdn": item.pdn,
        "status_ukm": item.ukm,
        "tgl_awal_pemilihan": f"2027-{item.month:02d}-04 00:00:00",
        "tgl_akhir_pemilihan": f"2027-{item.month:02d}-26 00:00:00",
        "sumber_dana": item.dana,
        "kd_rup_lokal": "L-999",
    }


def dataset_csv(
    header: Sequence[str] = DATASET_HEADER,
    data: Sequence[Rec | str | None] = DATA,
    *,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for item in data:
        if item is None:
            writer.writerow([""] * len(header))
        elif item == TOTAL:
            writer.writerow(["Jumlah" if name == "nama_satker" else "" for name in header[:-1]])
        else:
            assert isinstance(item, Rec)
            values = _dataset_values(item)
            writer.writerow(["" if values.get(n) is None else values[n] for n in header])
    return buffer.getvalue().encode(encoding)


def _imported(result: SirupImport | SirupError) -> SirupImport:
    assert isinstance(result, SirupImport), result
    return result


def _error(result: SirupImport | SirupError) -> SirupError:
    assert isinstance(result, SirupError), result
    assert result.message and result.hint
    return result


def _check_messy(result: SirupImport, header_row: int) -> None:
    first = header_row + 1  # the sheet row of DATA[0]
    assert result.header_row == header_row
    assert {p.kode_rup: p.row for p in result.packages} == {
        kode: first + index for kode, (index, *_) in PACKAGES.items()
    }
    for package in result.packages:
        _, unit, pagu, metode, jenis = PACKAGES[package.kode_rup]
        assert (package.satuan_kerja, package.pagu, package.metode, package.jenis) == (
            unit,
            pagu,
            metode,
            jenis,
        )
    assert result.skipped == tuple(
        SkippedRow(first + index, reason.format(first)) for index, reason in SKIPPED
    )
    assert result.units() == [UNKNOWN, DINKES, PUPR, DISDIK]
    assert result.pagu_per_unit() == {
        UNKNOWN: (1, 75_000_000),
        DINKES: (2, 1_600_000_000),
        PUPR: (1, 1_250_000_000),
        DISDIK: (1, 2_000_000_000),
    }
    assert sum(p.pagu for p in result.packages) == TOTAL_PAGU


# --------------------------------------------------------------------------- the messy files


def test_messy_display_workbook() -> None:
    result = _imported(read_sirup(messy_xlsx(), "RUP Jayawijaya 2027.xlsx"))
    _check_messy(result, header_row=4)
    assert result.header_style == "tampilan"
    first = result.packages[0]
    assert first == SirupPackage(
        kode_rup="40000001",
        nama_paket="Pengadaan Obat dan BMHP",
        satuan_kerja=DINKES,
        pagu=1_250_000_000,
        metode="Tender",
        jenis="Barang",
        sumber_dana="APBD",
        waktu_pemilihan="Januari 2027",
        tahun=None,
        kd_satker="",
        status_pdn="",
        status_ukm="",
        row=5,
    )


def test_messy_dataset_csv_with_semicolons_and_bom() -> None:
    content = dataset_csv()
    assert content.startswith(b"\xef\xbb\xbf")
    result = _imported(read_sirup(content, "rup-paket-penyedia.csv"))
    _check_messy(result, header_row=1)
    assert result.header_style == "dataset"
    pupr = next(p for p in result.packages if p.kode_rup == "40000003")
    assert pupr == SirupPackage(
        kode_rup="40000003",
        nama_paket="Peningkatan Jalan Wamena - Kurulu",
        satuan_kerja=PUPR,
        pagu=1_250_000_000,
        metode="Tender Cepat",
        jenis="Pekerjaan Konstruksi",
        sumber_dana="DAK",
        waktu_pemilihan="2027-03-04 - 2027-03-26",
        tahun=2027,
        kd_satker="300002",
        status_pdn="PDN",
        status_ukm="Non UKM",
        row=4,
    )


def test_moved_and_extra_columns() -> None:
    header = list(reversed(DATASET_HEADER))
    header.insert(3, "catatan_bebas")
    content = dataset_csv(header)
    result = _imported(read_sirup(content, "rup.csv"))
    _check_messy(result, header_row=1)
    assert all(p.kode_rup != "L-999" for p in result.packages)  # kd_rup_lokal is not kd_rup


def test_display_headers_in_other_words_and_order() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID RUP", "Nama Satker", "Metode Pengadaan", "Paket", "PAGU", "Kode Satker"])
    sheet.append(
        ["  40000001 ", "  Dinas   Kesehatan ", "E-purchasing", "Obat", "1,250,000,000", 7]
    )
    result = _imported(read_sirup(_save(workbook), "x.xlsx"))
    assert result.header_row == 1 and result.header_style == "tampilan"
    (package,) = result.packages
    assert (package.kode_rup, package.satuan_kerja, package.pagu, package.metode) == (
        "40000001",
        DINKES,
        1_250_000_000,
        "e-Purchasing",
    )
    assert package.kd_satker == "7"


def test_comma_csv_cp1252_with_quoted_rupiah_and_title_lines() -> None:
    text = (
        "Rencana Umum Pengadaan Kabupaten Jayawijaya\r\n"
        "\r\n"
        "No,Satuan Kerja,Paket,Pagu,Metode Pemilihan,Kode RUP,Jenis Pengadaan\r\n"
        '1,Dinas Pariwisata – Seni,Café Wisata,"Rp 1.250.000.000,00",Kontes,51,'
        "Jasa Konsultansi Perorangan\r\n"
        '2,Dinas Pariwisata – Seni,Lain,"2.500,50",Penunjukan Langsung,52,Jasa Lainnya\r\n'
        "3,Dinas Pariwisata – Seni,Aneh,10,Pengadaan Langsung,53,Barang dan Jasa\r\n"
    )
    result = _imported(read_sirup(text.encode("cp1252"), "rup.csv"))
    assert result.header_row == 3
    assert [(p.satuan_kerja, p.nama_paket, p.pagu, p.metode, p.jenis) for p in result.packages] == [
        ("Dinas Pariwisata – Seni", "Café Wisata", 1_250_000_000, "Kontes", "Jasa Konsultansi"),
        ("Dinas Pariwisata – Seni", "Lain", 2501, "Penunjukan Langsung", "Jasa Lainnya"),
        ("Dinas Pariwisata – Seni", "Aneh", 10, "Pengadaan Langsung", ""),
    ]


def test_utf16_tab_separated_text() -> None:
    content = dataset_csv(delimiter="\t", encoding="utf-16")
    _check_messy(_imported(read_sirup(content, "rup.txt")), header_row=1)


def test_the_content_decides_the_format() -> None:
    _check_messy(_imported(read_sirup(messy_xlsx(), "rup.csv")), header_row=4)
    tab_separated = dataset_csv(delimiter="\t", encoding="utf-8")
    _check_messy(_imported(read_sirup(tab_separated, "Export RUP.XLS")), header_row=1)


def test_header_on_a_later_sheet() -> None:
    workbook = Workbook()
    workbook.active.title = "Petunjuk"
    workbook.active["A1"] = "Daftar paket ada di lembar berikut"
    sheet = workbook.create_sheet("Paket")
    sheet.append([])
    sheet.append(["kd_rup", "nama_paket", "nama_satker", "pagu"])
    sheet.append([123, "Paket", DINKES, 5])
    result = _imported(read_sirup(_save(workbook), "x.xlsx"))
    assert result.header_row == 2 and result.header_style == "dataset"
    assert [p.row for p in result.packages] == [3]


def test_column_number_row_repeated_header_and_trailing_blank_rows() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No", "Kode RUP", "Nama Paket", "Satuan Kerja", "Pagu"])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    sheet.append([1, 11, "A", DINKES, 5])
    sheet.append(["No", "Kode RUP", "Nama Paket", "Satuan Kerja", "Pagu"])
    sheet.append([2, 12, "B", DINKES, 6])
    sheet.cell(row=9, column=2).number_format = "@"  # formatted but blank rows below the data
    sheet.cell(row=10, column=2, value="   ")
    result = _imported(read_sirup(_save(workbook), "x.xlsx"))
    assert [p.kode_rup for p in result.packages] == ["11", "12"]
    assert result.skipped == (
        SkippedRow(2, "baris nomor kolom"),
        SkippedRow(4, "baris judul berulang"),
    )


def test_satuan_kerja_merged_down_over_its_packages() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Satuan Kerja", "Kode RUP", "Nama Paket", "Pagu"])
    sheet.append([DINKES, 1, "A", 5])
    sheet.append([None, 2, "B", 6])
    sheet.append([None, 3, "C", 7])
    sheet.append([PUPR, 4, "D", 8])
    sheet.append([None, 5, "E", 9])
    sheet.merge_cells("A2:A4")
    result = _imported(read_sirup(_save(workbook), "x.xlsx"))
    assert [(p.kode_rup, p.satuan_kerja) for p in result.packages] == [
        ("1", DINKES),
        ("2", DINKES),
        ("3", DINKES),
        ("4", PUPR),
    ]
    assert result.skipped == (SkippedRow(6, "satuan kerja kosong"),)


def test_odd_cells() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kode RUP", "Nama Paket", "Satuan Kerja", "Pagu", "Tahun Anggaran", "Metode"])
    rows: list[list[object]] = [
        ["4,00E+07", "Kode dirusak Excel", DINKES, 5, 2027, "Swakelola"],
        ["41", "", DINKES, 5, 2027, None],
        ["42", "Pagu kosong", DINKES, None, 2027, None],
        ["43", "Pagu NaN", DINKES, "nan", 2027, None],
        ["44", "Pagu raksasa", DINKES, 10**16, 2027, None],
        ["45", "Pagu berkoma", DINKES, 1_000_000.5, "TA 2027", "Swakelola Tipe II"],
        ["46", "Pagu boolean", DINKES, True, 2027, None],
    ]
    for row in rows:
        sheet.append(row)
    result = _imported(read_sirup(_save(workbook), "x.xlsx"))
    assert [(r.row, r.reason.split(";")[0]) for r in result.skipped] == [
        (2, "kode RUP terpotong menjadi 4,00E+07"),
        (3, "nama paket kosong"),
        (4, "pagu kosong"),
        (5, "pagu bukan angka: nan"),
        (6, "pagu terlalu besar: 10000000000000000"),
        (8, "pagu tidak terbaca: sel berisi nilai TRUE/FALSE, bukan angka"),
    ]
    (package,) = result.packages
    assert (package.pagu, package.tahun, package.metode, package.waktu_pemilihan) == (
        1_000_001,
        None,
        "Swakelola",
        "",
    )


def test_only_skipped_rows_is_still_an_import() -> None:
    result = _imported(read_sirup(dataset_csv(data=[Rec(kode=None), TOTAL]), "x.csv"))
    assert result.packages == ()
    assert result.skipped == (
        SkippedRow(2, "kode RUP kosong"),
        SkippedRow(3, "baris total/jumlah"),
    )
    assert result.units() == [] and result.pagu_per_unit() == {}


# --------------------------------------------------------------------------- whole-file errors


def test_missing_required_column_is_named() -> None:
    header = [h for h in DATASET_HEADER if h != "kd_rup"]
    error = _error(read_sirup(dataset_csv(header), "rup.csv"))
    assert "Kode RUP" in error.message and "baris 1" in error.message

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Judul"])
    sheet.append(["No", "Satuan Kerja", "Nama Paket", "Metode Pemilihan", "Kode RUP"])
    error = _error(read_sirup(_save(workbook), "x.xlsx"))
    assert error.message == "kolom Pagu tidak ditemukan di baris judul (baris 2)"

    sheet.delete_rows(2)
    sheet.append(["Nama Paket", "Uraian"])
    error = _error(read_sirup(_save(workbook), "x.xlsx"))
    assert "Kode RUP, Satuan Kerja dan Pagu" in error.message


def test_no_header_at_all() -> None:
    error = _error(read_sirup(b"a;b;c\n1;2;3\n", "x.csv"))
    assert "judul tabel SIRUP tidak ditemukan" in error.message
    assert "Kode RUP" in error.hint


def test_header_without_rows() -> None:
    error = _error(read_sirup(b"kd_rup;nama_paket;nama_satker;pagu\r\n;;;\r\n", "x.csv"))
    assert "tidak ada baris data" in error.message


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BROKEN = {
    "pdf renamed": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "rup.xlsx", "PDF"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "rup.xls", ".xls"),
    "empty": (b"", "rup.xlsx", "kosong"),
    "only spaces": (b"  \r\n ", "rup.csv", "kosong"),
    "random xlsx": (random.Random(1).randbytes(3000), "rup.xlsx", "bukan berkas Excel"),
    "random csv": (random.Random(2).randbytes(3000), "rup.csv", "bukan teks CSV"),
    "random no name": (random.Random(3).randbytes(300), "", "bukan teks CSV"),
    "html as xls": (b"<html><body><table><tr><td>x</td></tr></table>", "rup.xls", "halaman web"),
    "plain zip": (_zip({"a.txt": b"x"}), "rup.xlsx", "ZIP"),
    "ods": (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "r.ods", "ods"),
    "truncated": (b"", "rup.xlsx", "rusak"),  # filled in below
    "image": (b"\x89PNG\r\n\x1a\n" + bytes(50), "foto.png", ".png"),
}
BROKEN["truncated"] = (messy_xlsx()[:2000], "rup.xlsx", "rusak")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files(name: str) -> None:
    content, file_name, expected = BROKEN[name]
    error = _error(read_sirup(content, file_name))
    assert expected in error.message


def test_too_large() -> None:
    error = _error(read_sirup(b"x" * (MAX_SIRUP_BYTES + 1), "rup.csv"))
    assert "terlalu besar" in error.message and "20 MB" in error.hint


def test_zip_bomb_and_row_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sirup, "MAX_UNCOMPRESSED_BYTES", 10_000)
    error = _error(read_sirup(messy_xlsx(), "rup.xlsx"))
    assert "terlalu besar setelah dibuka" in error.message
    monkeypatch.undo()

    monkeypatch.setattr(sirup, "MAX_ROWS", 10)
    for content, name in ((messy_xlsx(), "x.xlsx"), (dataset_csv(), "x.csv")):
        error = _error(read_sirup(content, name))
        assert "lebih dari 10 baris" in error.message


def test_unexpected_failure_becomes_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> SirupImport:
        raise KeyError("bug")

    monkeypatch.setattr(sirup, "_read_csv", broken)
    error = _error(read_sirup(dataset_csv(), "x.csv"))
    assert "tidak terduga" in error.message


def test_damaged_workbooks_never_raise() -> None:
    content = messy_xlsx()
    rng = random.Random(10)
    for _ in range(150):
        damaged = bytearray(content)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        result = read_sirup(bytes(damaged), "x.xlsx")
        assert isinstance(result, SirupImport) or "tidak terduga" not in result.message


def test_damaged_sheet_data_is_found_while_reading() -> None:
    """A read-only workbook reads its sheets only when iterated: damage there is caught too."""
    content = messy_xlsx([*DATA, *(Rec(kode=50_000_000 + n) for n in range(3000))])
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(content)
    damaged[start + info.compress_size - 5] ^= 0xFF
    error = _error(read_sirup(bytes(damaged), "x.xlsx"))
    assert error.message == "berkas .xlsx rusak atau tidak lengkap"


# --------------------------------------------------------------------------- units

KNOWN = {
    1: (DINKES, "Dinkes"),
    2: (PUPR, "PUPR"),
    3: ("Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "Disperindagkop"),
    4: ("Inspektorat", "Inspektorat"),
    5: ("Badan Satu", "BS"),
    6: ("Badan Dua", "BS"),
    7: ("Sekretariat Daerah", "Setda"),
    8: ("Setda", ""),
}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (DINKES, 1),
        ("DINAS KESEHATAN", 1),
        ("  dinas   kesehatan ", 1),
        ("Dinas Kesehatan.", 1),
        ("DINKES", 1),
        ("dinas pekerjaan umum dan penataan ruang", 2),
        ("pupr", 2),
        ("Dinas Perindustrian, Perdagangan, Koperasi & UKM", 3),
        ("Dinas Perindustrian Perdagangan Koperasi dan UKM", 3),
        ("Inspektorat", 4),
        ("Setda", 8),  # a unit's name wins over another unit's short name
        ("BS", None),  # two units share the short name
        ("Kesehatan", None),
        ("Dinas Kesehatan Kabupaten Jayawijaya", None),
        ("Dinkes Kab", None),
        ("Dinas PUPR", None),
        ("", None),
        (UNKNOWN, None),
    ],
)
def test_match_units(name: str, expected: int | None) -> None:
    assert match_units([name], KNOWN) == {name: expected}


def test_match_units_of_an_import() -> None:
    result = _imported(read_sirup(messy_xlsx(), "x.xlsx"))
    matched = match_units(result.units(), KNOWN)
    assert matched == {UNKNOWN: None, DINKES: 1, PUPR: 2, DISDIK: None}
    assert match_units([DINKES], {}) == {DINKES: None}

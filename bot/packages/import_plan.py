"""What a SIRUP import will change, worked out before anything is stored.

The preview says it and the import does exactly it: packages are matched by Kode RUP; a new
one is added, a known one updated field by field. A field the export has no column for (a
display export has no "Jenis Pengadaan", say) keeps its stored value instead of being blanked.
The year: a data-set export says its ``tahun_anggaran``; a file without one, or with several,
needs a person to choose.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.packages.sirup import SirupImport, SirupPackage

# The stored fields an import fills, each with the export columns that carry it.
IMPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "nama_paket": ("nama_paket",),
    "satuan_kerja": ("satuan_kerja",),
    "pagu": ("pagu",),
    "metode": ("metode",),
    "jenis": ("jenis",),
    "sumber_dana": ("sumber_dana",),
    "waktu_pemilihan": ("waktu_pemilihan", "tgl_awal_pemilihan", "tgl_akhir_pemilihan"),
}
# Longest text each stored field takes.
_LIMITS = {"metode": 60, "jenis": 60, "sumber_dana": 120, "waktu_pemilihan": 120}
UNIT = "unit_id"


def stored_values(row: SirupPackage) -> dict[str, Any]:
    """The values a row of the export gives the stored package's fields."""
    values: dict[str, Any] = {name: getattr(row, name) for name in IMPORT_FIELDS}
    for name, limit in _LIMITS.items():
        values[name] = values[name][:limit]
    return values


def missing_fields(columns: Iterable[str]) -> tuple[str, ...]:
    """The fields none of whose columns are in the export (in IMPORT_FIELDS order)."""
    present = set(columns)
    return tuple(f for f, sources in IMPORT_FIELDS.items() if not present & set(sources))


@dataclass(frozen=True)
class PackageChange:
    """One package of the import: its Kode RUP, what it will store, and what changes."""

    kode_rup: str
    values: dict[str, Any]
    is_new: bool
    changed: tuple[str, ...] = ()  # field names; UNIT when only the matched unit changes


@dataclass(frozen=True)
class ImportPlan:
    changes: tuple[PackageChange, ...]
    kept: tuple[str, ...]  # fields the export lacks whose stored values are kept
    other_year: int = 0  # rows of another tahun anggaran left out
    field_counts: dict[str, int] = field(default_factory=dict)

    @property
    def new(self) -> int:
        return sum(1 for c in self.changes if c.is_new)

    @property
    def updated(self) -> int:
        return sum(1 for c in self.changes if c.changed)

    @property
    def unchanged(self) -> int:
        return sum(1 for c in self.changes if not c.is_new and not c.changed)


def plan_import(
    rows: Sequence[SirupPackage],
    *,
    columns: Iterable[str],
    stored: Mapping[str, Mapping[str, Any]],
    unit_ids: Mapping[str, int | None],
    other_year: int = 0,
) -> ImportPlan:
    """The change of every row against ``stored`` (Kode RUP -> field values and unit_id)."""
    missing = missing_fields(columns)
    kept: set[str] = set()
    changes: list[PackageChange] = []
    counts: Counter[str] = Counter()
    for row in rows:
        values = stored_values(row)
        values[UNIT] = unit_ids.get(row.satuan_kerja)
        before = stored.get(row.kode_rup)
        if before is None:
            changes.append(PackageChange(row.kode_rup, values, is_new=True))
            continue
        for name in missing:
            if before.get(name) not in (None, "") and values[name] != before.get(name):
                kept.add(name)
            values[name] = before.get(name)
        if values[UNIT] is None:
            values[UNIT] = before.get(UNIT)
        changed = tuple(name for name in (*IMPORT_FIELDS, UNIT) if values[name] != before.get(name))
        if UNIT in changed and "satuan_kerja" in changed:
            changed = tuple(name for name in changed if name != UNIT)
        counts.update(changed)
        changes.append(PackageChange(row.kode_rup, values, is_new=False, changed=changed))
    return ImportPlan(
        changes=tuple(changes),
        kept=tuple(name for name in IMPORT_FIELDS if name in kept),
        other_year=other_year,
        field_counts=dict(counts),
    )


@dataclass(frozen=True)
class YearChoice:
    """The tahun anggaran of an export: ``year`` when the file says one, else the years it
    mentions (none for a display export) and that a person must choose."""

    year: int | None
    years_found: tuple[int, ...]
    undated: int  # rows without a year


def export_year(result: SirupImport) -> YearChoice:
    years = sorted({p.tahun for p in result.packages if p.tahun is not None})
    undated = sum(1 for p in result.packages if p.tahun is None)
    year = years[0] if len(years) == 1 and not undated else None
    return YearChoice(year, tuple(years), undated)


def rows_of_year(result: SirupImport, year: int) -> tuple[list[SirupPackage], int]:
    """The rows to import into ``year`` (those of that year and those without a year), and
    how many rows of another year are left out."""
    rows = [p for p in result.packages if p.tahun in (None, year)]
    return rows, len(result.packages) - len(rows)

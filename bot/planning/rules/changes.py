"""What changed between two versions of a plan (for the upload summary and the audit log)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from bot.planning.rules.model import Plan


class ChangeKind(StrEnum):
    ADDED = "ditambah"
    CHANGED = "diubah"
    REMOVED = "dihapus"


FIELD_LABELS = {
    "text": "tujuan",
    "name": "nama",
    "category": "kategori",
    "objective_code": "tujuan",
    "area_code": "area",
    "definition": "definisi",
    "inputs": "input rumus",
    "formula": "rumus",
    "unit": "satuan",
    "polarity": "polaritas",
    "monitoring_frequency": "frekuensi pemantauan",
    "reporting_frequency": "frekuensi pelaporan",
    "data_source": "sumber data",
    "pic_unit": "unit PIC",
    "evidence": "bukti dukung",
    "baseline_value": "baseline",
    "baseline_year": "tahun baseline",
    "annual_target": "target tahunan",
    "period_targets": "target periode",
    "activity": "kegiatan",
    "output": "keluaran",
    "start": "mulai",
    "end": "selesai",
    "status": "status",
}


@dataclass(frozen=True)
class Change:
    """One thing added, changed or removed: ``what`` is the kind of thing in Indonesian."""

    what: str
    key: str
    kind: ChangeKind
    fields: tuple[str, ...] = ()


def _compare(
    what: str, old: Iterable[Any], new: Iterable[Any], key: Callable[[Any], str]
) -> list[Change]:
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    result = []
    for k, item in after.items():
        if k not in before:
            result.append(Change(what, k, ChangeKind.ADDED))
            continue
        changed = tuple(
            FIELD_LABELS.get(f.name, f.name)
            for f in fields(item)
            if getattr(item, f.name) != getattr(before[k], f.name)
        )
        if changed:
            result.append(Change(what, k, ChangeKind.CHANGED, changed))
    result.extend(Change(what, k, ChangeKind.REMOVED) for k in before if k not in after)
    return result


def diff(old: Plan, new: Plan) -> list[Change]:
    """Every difference from ``old`` to ``new``, by code (action plans by indicator and number)."""
    return [
        *_compare("tujuan", old.objectives, new.objectives, lambda o: o.code),
        *_compare("area", old.areas, new.areas, lambda a: a.code),
        *_compare("indikator", old.indicators, new.indicators, lambda i: i.code),
        *_compare(
            "rencana aksi", old.actions, new.actions, lambda a: f"{a.indicator_code}/{a.number}"
        ),
    ]


def counts(changes: Sequence[Change]) -> dict[ChangeKind, dict[str, int]]:
    """How many of each kind of thing were added, changed and removed."""
    result: dict[ChangeKind, dict[str, int]] = {kind: {} for kind in ChangeKind}
    for change in changes:
        per_kind = result[change.kind]
        per_kind[change.what] = per_kind.get(change.what, 0) + 1
    return result

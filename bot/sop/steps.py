"""The SOP's 17 steps (read from one data file) and the state of each step in a cycle."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

from bot.core.resources import templates_dir
from bot.core.roles import Role, parse_role

STEPS_FILE_NAME = "langkah-sop.toml"
STEP_COUNT = 17


class StepId(IntEnum):
    """The SOP's steps by name; the numbers are those of the step table (a test checks)."""

    OBJECTIVES = 1
    INDICATORS = 2
    TARGETS = 3
    ACTION_PLANS = 4
    PLAN_PRESENTED = 5
    PLAN_DECIDED = 6
    CIRCULAR = 7
    SOCIALISATION_INVITATION = 8
    SOCIALISATION = 9
    PACKAGE_MAPPING = 10
    ACTIONS_AND_DATA = 11
    REPORTING = 12
    COMPILATION = 13
    ANALYSIS = 14
    ACHIEVEMENT_REPORT = 15
    PRESENTATION = 16
    DECISION_MEETING = 17


class StepState(StrEnum):
    """The state of one step in one cycle; the value is stored in the database."""

    BELUM_MULAI = "belum_mulai"
    BERJALAN = "berjalan"
    PERLU_PERBAIKAN = "perlu_perbaikan"
    SELESAI = "selesai"


@dataclass(frozen=True)
class Step:
    """One step of the SOP as the data file describes it."""

    number: int
    name: str
    actor: Role
    involved: tuple[Role, ...]
    after: tuple[int, ...]
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    done_when: str
    feature: str
    repeats_each_period: bool

    def concerns(self, role: Role) -> bool:
        return role is self.actor or role in self.involved


@dataclass(frozen=True)
class StepStatus:
    """A step together with its state in a cycle and whether it can be worked on now."""

    step: Step
    state: StepState
    waiting_for: tuple[int, ...]

    @property
    def ready(self) -> bool:
        return not self.waiting_for


class StepsFileError(ValueError):
    """The steps data file is inconsistent; the message names the faulty step."""


def _strings(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise StepsFileError(f"{where} harus berupa daftar teks")
    return tuple(raw)


def parse_steps(data: Mapping[str, Any]) -> tuple[Step, ...]:
    """Build and check the step list from the parsed data file."""
    entries = data.get("langkah")
    if not isinstance(entries, list):
        raise StepsFileError("berkas langkah tidak memuat [[langkah]]")
    steps: list[Step] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise StepsFileError("setiap [[langkah]] harus berupa tabel")
        number = entry.get("nomor")
        where = f"langkah {number}"
        if not isinstance(number, int):
            raise StepsFileError("setiap langkah wajib punya nomor (bilangan bulat)")
        try:
            actor = parse_role(str(entry["pelaksana"]))
            involved = tuple(parse_role(r) for r in _strings(entry.get("terlibat", []), where))
        except (KeyError, ValueError) as exc:
            raise StepsFileError(f"{where}: pelaksana/terlibat tidak sah ({exc})") from None
        after = entry.get("setelah", [])
        if not isinstance(after, list) or not all(isinstance(a, int) for a in after):
            raise StepsFileError(f"{where}: setelah harus berupa daftar nomor langkah")
        if any(not 1 <= a < number for a in after):
            raise StepsFileError(f"{where}: setelah hanya boleh menunjuk langkah sebelumnya")
        name = entry.get("nama")
        if not isinstance(name, str) or not name.strip():
            raise StepsFileError(f"{where}: nama wajib diisi")
        steps.append(
            Step(
                number=number,
                name=name.strip(),
                actor=actor,
                involved=involved,
                after=tuple(after),
                inputs=_strings(entry.get("masukan", []), where),
                outputs=_strings(entry.get("keluaran", []), where),
                done_when=str(entry.get("selesai_jika", "")).strip(),
                feature=str(entry.get("fitur", "")).strip(),
                repeats_each_period=bool(entry.get("berulang", False)),
            )
        )
    numbers = [s.number for s in steps]
    if sorted(numbers) != list(range(1, STEP_COUNT + 1)):
        raise StepsFileError(f"langkah harus bernomor 1 sampai {STEP_COUNT}, masing-masing sekali")
    return tuple(sorted(steps, key=lambda s: s.number))


def load_steps(path: Path | None = None) -> tuple[Step, ...]:
    """Read the steps data file (the committed one when ``path`` is None)."""
    source = path or templates_dir() / STEPS_FILE_NAME
    with source.open("rb") as handle:
        return parse_steps(tomllib.load(handle))


def cycle_status(steps: Sequence[Step], states: Mapping[int, StepState]) -> tuple[StepStatus, ...]:
    """Every step with its state (missing means not started) and what it still waits for."""
    result = []
    for step in steps:
        waiting = tuple(
            n for n in step.after if states.get(n, StepState.BELUM_MULAI) is not StepState.SELESAI
        )
        result.append(StepStatus(step, states.get(step.number, StepState.BELUM_MULAI), waiting))
    return tuple(result)


def current_step(statuses: Sequence[StepStatus]) -> StepStatus | None:
    """The step the cycle is at: the lowest-numbered one that is not done."""
    return next((s for s in statuses if s.state is not StepState.SELESAI), None)


def pending_for_role(statuses: Sequence[StepStatus], role: Role) -> tuple[StepStatus, ...]:
    """Steps that concern ``role`` and are not done: ready ones first, then by number."""
    pending = [s for s in statuses if s.step.concerns(role) and s.state is not StepState.SELESAI]
    return tuple(sorted(pending, key=lambda s: (not s.ready, s.step.number)))

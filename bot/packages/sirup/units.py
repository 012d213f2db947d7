"""Pairing the satuan kerja names of a SIRUP export with the deployment's units."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_NOT_KEY = re.compile(r"[^0-9a-z]+")


def _unit_key(name: str) -> str:
    """A name compared ignoring case, spacing and punctuation; "&" reads as "dan"."""
    return " ".join(_NOT_KEY.sub(" ", name.replace("&", " dan ").casefold()).split())


def match_units(
    names: Iterable[str], known: Mapping[int, tuple[str, str]]
) -> dict[str, int | None]:
    """Each satuan kerja name -> the id of the known unit (id -> (name, short name)) it is,
    or None.

    Names match when equal ignoring case, spacing and punctuation ("&" reads as "dan"); a
    name may also equal a unit's short name exactly in that sense ("DINKES" is Dinkes).
    Nothing else is guessed (no prefixes, no abbreviations). A name two units share
    matches neither.
    """
    by_name: dict[str, set[int]] = {}
    by_short: dict[str, set[int]] = {}
    for unit_id, (unit_name, short_name) in known.items():
        if _unit_key(unit_name):
            by_name.setdefault(_unit_key(unit_name), set()).add(unit_id)
        if _unit_key(short_name):
            by_short.setdefault(_unit_key(short_name), set()).add(unit_id)
    result: dict[str, int | None] = {}
    for name in names:
        key = _unit_key(name)
        ids = by_name.get(key) or by_short.get(key) or set()
        result[name] = next(iter(ids)) if len(ids) == 1 else None
    return result

"""The team's bulk mapping of procurement packages to strategic areas, as a workbook round trip.

``mapping_workbook`` writes a cycle's packages with their current strategic area as an .xlsx
where only "Kode Area" is editable; ``read_mapping_workbook`` reads the filled file back into
kode RUP -> area code, or every problem found (each pointing at a sheet, Excel row and column),
and never raises. The layout and the reading rules are in docs/formats/pemetaan-paket-xlsx.md.
"""

from __future__ import annotations

from bot.packages.mapping_workbook.layout import (
    COL_KODE_AREA,
    COL_KODE_RUP,
    COLUMNS,
    MAPPING_VERSION,
    MAX_ROWS,
    SHEET_MAPPING,
    MappingRow,
)
from bot.packages.mapping_workbook.reader import read_mapping_workbook
from bot.packages.mapping_workbook.writer import mapping_workbook

__all__ = [
    "COLUMNS",
    "COL_KODE_AREA",
    "COL_KODE_RUP",
    "MAPPING_VERSION",
    "MAX_ROWS",
    "SHEET_MAPPING",
    "MappingRow",
    "mapping_workbook",
    "read_mapping_workbook",
]

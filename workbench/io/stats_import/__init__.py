"""Importing statistics-bureau and yearbook tables (xlsx, xlsm, xls, ods, csv) into a tidy table.

``read_table(path)`` reads one sheet as a careful analyst would and returns the tidy values, a
report of everything it understood or could not use, and the raw cells for the import wizard.
``read_workbook(path)`` reads every sheet laid out like the first table's (one sheet per year).
``StatsImportError`` is the only exception it raises for a bad file (``ReadCancelled`` when the
planner cancels). Merging into a project lives
in ``workbench.core.stats_merge``. See docs/import.md.
"""

from workbench.io.stats_import.cells import list_sheets
from workbench.io.stats_import.errors import ReadCancelled, StatsImportError
from workbench.io.stats_import.layout import ORIENTATIONS
from workbench.io.stats_import.reader import (
    TIDY_COLUMNS,
    ImportOverrides,
    ImportResult,
    read_table,
)
from workbench.io.stats_import.report import ImportReport
from workbench.io.stats_import.values import cell_text
from workbench.io.stats_import.workbook import read_workbook

__all__ = [
    "ORIENTATIONS",
    "TIDY_COLUMNS",
    "ImportOverrides",
    "ImportReport",
    "ImportResult",
    "ReadCancelled",
    "StatsImportError",
    "cell_text",
    "list_sheets",
    "read_table",
    "read_workbook",
]

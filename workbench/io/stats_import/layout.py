"""Finding the table inside a sheet: ``detect`` (rows, then columns) and the names the rest of the
package and the wizard use. The work is split by what it reads: ``table_rows`` (title, header,
data and note rows), ``table_columns`` (what each column holds), ``axes`` (the vocabulary of
axes and orientations) and ``table_model`` (the detected ``Layout``).
"""

from workbench.io.stats_import.axes import AXIS_LABELS, ORIENTATIONS, Axis, orientation_of
from workbench.io.stats_import.table_columns import force_orientation
from workbench.io.stats_import.table_model import Column, Layout, NoTable, col_letter
from workbench.io.stats_import.table_rows import detect

__all__ = [
    "AXIS_LABELS",
    "ORIENTATIONS",
    "Axis",
    "Column",
    "Layout",
    "NoTable",
    "col_letter",
    "detect",
    "force_orientation",
    "orientation_of",
]

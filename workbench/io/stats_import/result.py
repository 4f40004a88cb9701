"""What ``read_table`` takes besides the file (``ImportOverrides``) and what it returns
(``ImportResult`` with the tidy table's columns, ``TIDY_COLUMNS``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from workbench.io.stats_import.report import ImportReport
from workbench.io.stats_import.table_model import Layout

TIDY_COLUMNS = (
    "region_code",
    "region",
    "level",
    "indicator",
    "indicator_label",
    "year",
    "value",
    "unit",
    "source_file",
    "sheet",
    "cell",
    "original_unit",
)


@dataclass
class ImportOverrides:
    """Corrections from the import wizard for what was misread.

    ``header_rows``: 0-based sheet rows that form the header (the data start below the last).
    ``unit``: the table's unit (replaces a ``单位：`` statement; units printed in a header or a unit
    column still apply to their own cells). ``orientation``: one of ``layout.ORIENTATIONS``.
    ``year``: the table's year when it holds one year; when its columns or rows name years, only
    that year is kept. ``region_matches``: printed label → division code, or ``"aggregate"`` to
    mark a group row. ``region``: the code a single-region table is about.
    """

    header_rows: list[int] | None = None
    unit: str | None = None
    orientation: str | None = None
    year: int | None = None
    region_matches: dict[str, str] = field(default_factory=dict)
    region: str | None = None


@dataclass
class ImportResult:
    tidy: pd.DataFrame
    report: ImportReport
    preview: list[list[Any]]  # the sheet's raw cells, rows × columns ("" when empty)
    layout: Layout | None = None
    # rows and columns of ``preview`` (0-based) hidden in Excel whose cells were blanked and
    # not imported, so the wizard can mark them rather than show them as empty
    hidden_rows: list[int] = field(default_factory=list)
    hidden_cols: list[int] = field(default_factory=list)

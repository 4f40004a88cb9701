"""What the sheet writers share while one workbook is written.

Later sheets refer to cells of earlier ones (城市收支 sums 资金分配 by city); the writers record
where they put things here instead of each recomputing the other's layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from workbench.core.model import Project, Scenario
from workbench.io.excel.book import Book


@dataclass
class ExportContext:
    project: Project
    scenario: Scenario
    book: Book
    today: date = field(default_factory=date.today)
    region_names: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # region code -> planning-unit code
    # Filled in by the writers:
    fund_size_ref: str = ""  # absolute reference to the fund-size cell, e.g. "'资金来源'!$C$50"
    alloc_last_row: int = 0  # last data row of 资金分配 (a blank row when nothing is funded)
    sources_rows: tuple[int, int] = (0, 0)  # first and last contribution rows of 资金来源

    @classmethod
    def build(cls, project: Project, scenario: Scenario, book: Book) -> ExportContext:
        return cls(
            project,
            scenario,
            book,
            region_names={r.code: r.name for r in project.regions},
            units=project.planning_units(),
        )

    def region_name(self, code: str) -> str:
        return self.region_names.get(code, code)


def sheet_ref(sheet: str, ref: str) -> str:
    """A cross-sheet reference; Chinese sheet names are always quoted."""
    return f"'{sheet}'!{ref}"

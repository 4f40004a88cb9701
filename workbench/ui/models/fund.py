"""Fund tables: contributions with derived ratios, and tranches/allocations by year."""

from __future__ import annotations

from typing import Any

from workbench.core.edits import SetValue
from workbench.core.fund_summary import contributions, fund_by_year
from workbench.core.validation import TOLERANCE
from workbench.ui.i18n import tr
from workbench.ui.models.common import SmallTableModel, fmt, parse_number
from workbench.ui.session import ProjectSession


class ContributionsModel(SmallTableModel):
    """Contributor, amount (亿元, editable), ratio (%, derived by the core)."""

    numeric_columns = frozenset({1, 2})

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [tr("col.region_name"), tr("col.amount"), tr("col.ratio")]
        self.codes: list[str] = []
        self.refresh()
        self.follow(session, "fund", "regions")

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        s = contributions(self.session.project)
        self.codes = [r.region_code for r in s.rows]
        rows = [[r.region_name, fmt(r.amount), fmt(r.ratio)] for r in s.rows]
        sort = [[r.region_name, r.amount, r.ratio] for r in s.rows]
        return rows, sort

    def cell_flags(self, row: int, col: int) -> bool:
        return col == 1

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        code = self.codes[row]
        name = self._rows[row][0]
        try:
            amount = parse_number(value, f"{name} {tr('col.amount')}", 0)
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        edit = SetValue(
            ("fund", "contributions", code, "amount"), amount, merge_id=("contribution", code)
        )
        edit.text_zh = edit.text_en = tr("fund.contribution_text", name=name)
        return self.session.push(edit)


class FundYearModel(SmallTableModel):
    """Per plan year: tranche (editable when tranches exist), allocated, opened/allocated to date, left."""

    numeric_columns = frozenset({1, 2, 3, 4, 5})

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [
            tr("col.year"),
            tr("col.tranche"),
            tr("col.allocated"),
            tr("col.cum_available"),
            tr("col.cum_allocated"),
            tr("col.left"),
        ]
        self.years: list[int] = []
        self.refresh()
        self.follow(session, "fund", "allocations", "scenarios")
        session.scenarioChanged.connect(lambda _n: self.refresh())

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        rows_ = fund_by_year(self.session.project, self.session.current_scenario())
        self.years = [r.year for r in rows_]
        rows = [
            [
                str(r.year),
                fmt(r.tranche),
                fmt(r.allocated),
                fmt(r.cumulative_available),
                fmt(r.cumulative_allocated),
                fmt(r.left),
            ]
            for r in rows_
        ]
        sort = [
            [r.year, r.tranche, r.allocated, r.cumulative_available, r.cumulative_allocated, r.left]
            for r in rows_
        ]
        return rows, sort

    def cell_flags(self, row: int, col: int) -> bool:
        tranche_years = {t.year for t in self.session.project.fund.rules.tranches}
        return col == 1 and self.years[row] in tranche_years

    def extra_data(self, row: int, col: int, role: int) -> Any:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QBrush, QColor

        if role == Qt.ItemDataRole.ForegroundRole and col == 5 and self._sort[row][5] < -TOLERANCE:
            return QBrush(QColor("#b00020"))
        return None

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        year = self.years[row]
        try:
            amount = parse_number(value, tr("fund.tranche_text", year=year), 0)
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        edit = SetValue(
            ("fund", "rules", "tranches", year, "amount"), amount, merge_id=("tranche", year)
        )
        edit.text_zh = edit.text_en = tr("fund.tranche_text", year=year)
        return self.session.push(edit)

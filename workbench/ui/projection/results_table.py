"""The 结果表 tab: the chart's numbers as a table — planning unit × year in the metric's unit,
sortable by any column (the circle row stays last), copyable (复制 / Ctrl+C, ``table_copy``).

Rows and numbers come from ``core.projections.results_view``; this model only formats them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QWidget,
)

from workbench.core.projections import vocabulary as voc
from workbench.ui.i18n import pick
from workbench.ui.projection.table_tab import TableTab
from workbench.ui.table_copy import SORT_ROLE, copy_table

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: Any = None

    def set_table(self, table: Any) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.codes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.table is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.table.headers[section]
        return None

    def value(self, row: int, col: int) -> float | None:
        return None if col == 0 else float(self.table.values[row, col - 1])

    def is_circle(self, row: int) -> bool:
        return self.table.codes[row] == ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return self.table.names[r]
            v = self.value(r, c)
            return "—" if v is None or not np.isfinite(v) else _number(v, self.table.unit)
        if role == SORT_ROLE:
            return self.table.names[r] if c == 0 else self.value(r, c)
        if role == Qt.ItemDataRole.TextAlignmentRole and c > 0:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and c == 0:
            return self.table.names[r]
        if role == Qt.ItemDataRole.FontRole and self.is_circle(r):
            f = QFont()
            f.setBold(True)
            return f
        return None


class _CircleLast(QSortFilterProxyModel):
    """Sorts by the raw numbers; the circle's total row stays at the bottom either way."""

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        lc, rc = model.is_circle(left.row()), model.is_circle(right.row())
        if lc or rc:
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return rc if ascending else lc
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, float) and isinstance(b, float):
            a = -np.inf if not np.isfinite(a) else a
            b = -np.inf if not np.isfinite(b) else b
        return bool(a < b)


def _number(v: float, unit: str) -> str:
    if unit == voc.PEOPLE:
        return f"{v:,.0f}"
    return f"{v:,.4f}" if unit == voc.PERCENT else f"{v:,.2f}"


class ResultsTab(TableTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Results",
            pick("复制表格", "Copy table"),
            ResultsTab._sorted_model,
            QAbstractItemView.SelectionBehavior.SelectItems,
            parent,
        )
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # the project's order until a header is clicked

    def _sorted_model(self) -> QSortFilterProxyModel:
        self.model = ResultsModel(self)
        self.proxy = _CircleLast(self)
        self.proxy.setSourceModel(self.model)
        return self.proxy

    def show_table(self, table: Any, title: str) -> None:
        self.title.setText(title)
        self.model.set_table(table)
        self.note.setText("\n".join(table.notes))

    def copy(self) -> str:
        """The whole table (as sorted) on the clipboard."""
        return copy_table(self.view, selection_only=False)

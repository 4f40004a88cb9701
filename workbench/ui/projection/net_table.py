"""The 毛效益与净效益 tab: per city and for the circle, gross | each adjustment | net for the chosen
year, basis and metric, units in the headers, copyable as tab-separated text.

Rows and numbers come from ``core.projections.net_view`` (a ``NetSplit``); the model only turns
them into cells. The circle row is the net view's circle, which follows the vocabulary's summable
rule; when cities record some figures in full (全额双核算) those copies are one more row, marked
not summable and never in the circle row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QWidget,
)

from workbench.core.projections import vocabulary as voc
from workbench.core.projections.views import with_unit
from workbench.ui.i18n import language, tr
from workbench.ui.projection.table_tab import TableTab

Index = QModelIndex | QPersistentModelIndex
CITY, CIRCLE, EXCESS = "city", "circle", "excess"


class NetModel(QAbstractTableModel):
    """Rows: (kind, name, figures by column key, summable text); columns: city, the net view's
    columns, summable. Read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[str, ...] = ()
        self.labels: list[str] = []
        self.tips: list[str] = []
        self.unit = voc.MONEY
        self.rows: list[tuple[str, str, dict[str, float], str]] = []

    def set_split(self, split: Any, year: int) -> None:
        """Show ``split`` (a ``net_view.NetSplit``) in ``year``: cities with any figure (largest
        gross first), the circle, and the not-summable copies when there are any."""
        from workbench.core.projections.net_view import COLUMNS, column_label

        self.beginResetModel()
        lang = language()
        self.columns, self.unit = COLUMNS, split.unit
        self.labels = [with_unit(column_label(k, lang, True), split.unit, lang) for k in COLUMNS]
        self.tips = [with_unit(column_label(k, lang), split.unit, lang) for k in COLUMNS]
        units, circle, excess = split.at(year)
        additive = voc.METRIC[split.metric].additive
        rows = []
        for i, name in enumerate(split.names):
            figures = {k: float(units[k][i]) for k in COLUMNS}
            if not any(np.isfinite(v) and v != 0 for v in figures.values()):
                continue
            ok = tr("proj.net.yes") if split.summable[i] else tr("proj.net.no")
            rows.append((CITY, name, figures, ok if additive else tr("proj.net.share")))
        rows.sort(key=lambda r: -np.nan_to_num(r[2][voc.GROSS.key], nan=-np.inf))
        rows.append((CIRCLE, tr("proj.net.circle"), circle, tr("proj.net.yes")))
        if any(np.isfinite(v) and v != 0 for v in excess.values()):
            rows.append((EXCESS, tr("proj.net.excess"), excess, tr("proj.net.no")))
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and 1 <= section <= len(self.columns):
            return self.tips[section - 1]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return tr("proj.net.city")
        if section <= len(self.columns):
            return self.labels[section - 1]
        return tr("proj.net.summable")

    def value(self, row: int, col: int) -> float | None:
        """The number in a figure cell (None for the name and summable columns)."""
        if 1 <= col <= len(self.columns):
            return self.rows[row][2][self.columns[col - 1]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, name, _figures, ok = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return name
            v = self.value(index.row(), col)
            if v is None:
                return ok
            return "—" if not np.isfinite(v) else _number(v, self.unit)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return name  # the name column gives way first in a narrow dock
        if role == Qt.ItemDataRole.TextAlignmentRole and self.value(index.row(), col) is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and kind == CIRCLE:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and kind == EXCESS:
            from PySide6.QtGui import QColor

            return QColor(voc.NOT_SUMMABLE_COLOUR)
        return None

    def tsv(self) -> str:
        """The whole table as tab-separated text (headers first), full precision for numbers."""
        heads = [
            str(self.headerData(c, Qt.Orientation.Horizontal, 0)) for c in range(self.columnCount())
        ]
        lines = ["\t".join(heads)]
        for _kind, name, figures, ok in self.rows:
            cells = [name]
            for k in self.columns:
                v = figures[k]
                cells.append("" if not np.isfinite(v) else repr(round(v, 6)))
            cells.append(ok)
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"


def _number(v: float, unit: str) -> str:
    """To the precision the hovers show (亿元 to 0.01, 人 to 1), without the unit: the header
    has it."""
    if unit == voc.PERCENT:
        return f"{v:,.4f}"
    return f"{v:,.0f}" if unit == voc.PEOPLE else f"{v:,.2f}"


class NetTable(TableTab):
    """Title, the table, a copy button and the note under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Net",
            tr("proj.net.copy"),
            NetModel,
            QAbstractItemView.SelectionBehavior.SelectRows,
            parent,
        )
        self.model: NetModel = self.view.model()  # type: ignore[assignment]
        self.note.setText(tr("proj.net.note"))

    def show_split(self, split: Any, year: int, title: str) -> None:
        self.title.setText(title)
        self.model.set_split(split, year)

    def copy(self) -> str:
        """Put the table on the clipboard (Excel pastes it as cells); returns the text."""
        text = self.model.tsv()
        QGuiApplication.clipboard().setText(text)
        self.note.setText(
            tr("proj.net.note") + "  " + tr("proj.net.copied", rows=len(self.model.rows))
        )
        return text

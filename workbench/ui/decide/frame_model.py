"""A read-only table over a DataFrame the core shaped: display strings made once per refresh,
numbers right-aligned, the raw value kept for sorting (thin model, see STYLE.md pattern 4)."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
UP, DOWN = QColor("#1b7f3a"), QColor("#b3261e")


def fmt(x: Any, digits: int = 3) -> str:
    if isinstance(x, bool):
        return "✓" if x else ""
    if isinstance(x, (int, float)):
        if isinstance(x, float) and math.isnan(x):
            return ""
        if abs(x) < 0.5 * 10**-digits:
            x = 0.0  # no "-0.000"
        return f"{x:,.{digits}f}"
    return str(x)


def frame_view(name: str) -> tuple[QTableView, FrameModel]:
    """A view on a new model whose columns fit their contents after each new frame."""
    view = QTableView(objectName=name)
    model = FrameModel(view)
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    model.modelReset.connect(view.resizeColumnsToContents)
    return view, model


class FrameModel(QAbstractTableModel):
    """``columns``: (key, header) pairs; ``signed``: columns coloured green/red by sign."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._text: list[list[str]] = []
        self._raw: list[list[Any]] = []
        self._numeric: set[int] = set()
        self._signed: set[int] = set()

    def set_frame(self, df, columns: list[tuple[str, str]], signed=(), digits: int = 3) -> None:
        self.beginResetModel()
        keys = [k for k, _ in columns]
        self._headers = [h for _, h in columns]
        self._raw = df[keys].to_numpy(dtype=object).tolist() if len(df) else []
        self._text = [[fmt(v, digits) for v in row] for row in self._raw]
        self._numeric = {i for i, k in enumerate(keys) if len(df) and df[k].dtype.kind in "fi"}
        self._signed = {keys.index(k) for k in signed if k in keys}
        self.endResetModel()

    def raw(self, row: int, col: int) -> Any:
        return self._raw[row][col]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._text)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[r][c]
        if role == Qt.ItemDataRole.TextAlignmentRole and c in self._numeric:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and c in self._signed:
            v = self._raw[r][c]
            if isinstance(v, (int, float)) and abs(v) > 1e-12:
                return QBrush(UP if v > 0 else DOWN)
        if role == Qt.ItemDataRole.UserRole:
            return self._raw[r][c]
        return None

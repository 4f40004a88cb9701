"""Shared pieces of the item models: parsing typed-in numbers, full-text tooltips and a small-table
base class."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.core.numbers import NumberInputError, parse_number_text
from workbench.core.ranges import range_of
from workbench.ui.i18n import language, tr

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1  # list[(label, value)] for a combo-box editor
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def parse_number(
    value: Any,
    what: str,
    lo: float | None = None,
    hi: float | None = None,
    field: tuple[str, str] | None = None,
) -> float:
    """A typed-in number, or ValueError with a message for the user (no silent clamping).

    ``field`` (model class, field name) adds the bounds ``core.ranges`` declares for it, so a
    cell refuses what cannot be true (1e308 亿元) as validation would flag it."""
    try:
        x = parse_number_text(value)  # the one reading of typed numbers: "1,5" is refused
    except NumberInputError as e:
        raise ValueError(e.text(language())) from None
    if lo == 0 and hi is None and x < 0:
        raise ValueError(tr("edit.negative", what=what, value=value))
    declared = range_of(*field) if field is not None else None
    if declared is not None and declared.lo is not None:
        lo = declared.lo if lo is None else max(lo, declared.lo)
    if declared is not None and declared.hi is not None:
        hi = declared.hi if hi is None else min(hi, declared.hi)
    if (lo is not None and x < lo) or (hi is not None and x > hi):
        raise ValueError(
            tr(
                "edit.range",
                what=what,
                lo=lo if lo is not None else -math.inf,
                hi=hi if hi is not None else math.inf,
                value=value,
            )
        )
    return x


def stack_unit(header: str) -> str:
    """A header with its unit on a second line ("申请资金\n（亿元）"): units doubled the width of
    numeric columns and clipped their headers; the tooltip keeps the one-line form."""
    for sep in ("（", " ("):
        i = header.find(sep)
        if i > 0:
            return f"{header[:i]}\n{header[i:].lstrip()}"
    return header


def without_unit(header: str) -> str:
    """A header's label without its unit ("合计（亿元）" → "合计"), for a table that states the
    unit once."""
    return stack_unit(header).split("\n")[0]


def with_full_text(text: Any, tip: Any = None) -> str | None:
    """A cell's tooltip: its full display text first (the column may be too narrow to show it,
    see ``workbench.ui.tables``), then any explanation the cell already had."""
    shown = "" if text is None else str(text)
    if not shown:
        return tip
    if not tip:
        return shown
    return tip if shown in str(tip) else f"{shown}\n{tip}"


def fmt(x: float, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return f"{x:,.{digits}f}"


class SmallTableModel(QAbstractTableModel):
    """A table of a few dozen rows rebuilt from the core on each change.

    ``refresh`` recomputes all rows and emits ``dataChanged`` only for the cells whose display
    differs (or resets when the row count changed), so views repaint exactly what moved.
    Subclasses set ``headers`` and implement ``compute_rows`` returning, per row, the display
    strings, and may override ``edit_value``/``set_cell``/``cell_flags``.
    """

    headers: Sequence[str] = ()
    numeric_columns: frozenset[int] = frozenset()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._sort: list[list[Any]] = []
        self._followed: tuple[str, ...] = ()

    # subclasses -----------------------------------------------------------
    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        raise NotImplementedError

    def cell_flags(self, row: int, col: int) -> bool:
        """True if the cell is editable."""
        return False

    def edit_value(self, row: int, col: int) -> Any:
        return self._sort[row][col]

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        return False

    def extra_data(self, row: int, col: int, role: int) -> Any:
        return None

    def follow(self, session: Any, *parts: str) -> None:
        """Rebuild after every edit that touches ``parts`` and when the project is replaced: what
        most small tables need, in one place (bound methods, so Qt drops the connections with the
        model)."""
        self._followed = parts
        session.changed.connect(self._on_followed_change)
        session.projectReplaced.connect(self.refresh)

    def _on_followed_change(self, changes: Any) -> None:
        if changes.touches(*self._followed):
            self.refresh()

    # Qt -------------------------------------------------------------------
    def refresh(self) -> None:
        rows, sort = self.compute_rows()
        if len(rows) != len(self._rows) or (rows and len(rows[0]) != len(self._rows[0])):
            self.beginResetModel()
            self._rows, self._sort = rows, sort
            self.endResetModel()
            return
        old = self._rows
        self._rows, self._sort = rows, sort
        for r, (a, b) in enumerate(zip(old, rows, strict=True)):
            diff = [c for c, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
            if diff:
                self.dataChanged.emit(self.index(r, min(diff)), self.index(r, max(diff)))

    def display_cells(self, col: int, rows: int) -> Iterator[tuple[str, Any]]:
        """(display text, font role) of column ``col``'s first ``rows`` cells, as ``data`` gives
        them: the column fitter's fast path (``ui.tables.column_need``)."""
        font = Qt.ItemDataRole.FontRole
        for r in range(min(rows, len(self._rows))):
            yield self._rows[r][col], self.extra_data(r, col, font)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if not (horizontal and 0 <= section < len(self.headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return stack_unit(self.headers[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[r][c]
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(r, c)
        if role == SORT_ROLE:
            return self._sort[r][c]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if c in self.numeric_columns else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return with_full_text(self._rows[r][c], self.extra_data(r, c, role))
        return self.extra_data(r, c, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.cell_flags(index.row(), index.column()):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if not self.cell_flags(index.row(), index.column()):
            return False
        return self.set_cell(index.row(), index.column(), value)

"""复制: every table puts its selection (or all of it) on the clipboard as tab-separated text.

Installed on every table by ``tables.fit_table`` (and so on any future table that is fitted), as
a context-menu action and Ctrl+C while the table has focus (an open cell editor keeps its own
Ctrl+C). What is copied pastes as cells into Excel, WPS and Word, and reads back as the numbers
the model holds:

* a header row first, each header on one line with its unit (「申请资金（亿元）」);
* numbers as the model's own value (its sort role, where a model keeps one) in plain digits:
  no thousands separators (Excel in some locales, WPS and Word's table conversion read "1,234"
  as text or as two cells), "." as decimal mark, no exponent, rounded to 6 decimals (finer than
  any figure the app shows, so a pasted table re-adds to the shown totals); a displayed
  "1,234.50" without a model value loses only its commas;
* "—" (no value) as an empty cell; tabs and line breaks inside a cell as spaces.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView

from workbench.ui.i18n import pick

SORT_ROLE = Qt.ItemDataRole.UserRole  # models.common.SORT_ROLE: the raw value behind a cell
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
DECIMALS = 6
EMPTY_MARKS = {"—", "–", "-", "nan", "NaN"}


def number_text(value: float) -> str:
    """A number in plain digits, to 6 decimals (亿元 to 100 yuan; what the net table's copy
    already gave): never "1e-06" or "1,234", which Word and some spreadsheets keep as text."""
    if isinstance(value, bool) or not math.isfinite(value):
        return ""
    text = f"{round(float(value), DECIMALS):.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _is_numeric_text(text: str) -> bool:
    t = text.replace(",", "")
    return bool(_GROUPED.match(text) or _PLAIN.match(t))


def cell_text(model: QAbstractItemModel, row: int, col: int) -> str:
    idx = model.index(row, col)
    shown = idx.data(Qt.ItemDataRole.DisplayRole)
    if isinstance(shown, int | float) and not isinstance(shown, bool):
        return number_text(float(shown))
    text = "" if shown is None else str(shown)
    stripped = text.strip()
    if stripped in EMPTY_MARKS:
        return ""
    if _is_numeric_text(stripped):
        raw = idx.data(SORT_ROLE)
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return number_text(float(raw))
        return stripped.replace(",", "")
    return re.sub(r"[\t\r\n]+", " ", text)


def header_text(model: QAbstractItemModel, col: int) -> str:
    """The header on one line with its unit: the tooltip when it is the same words on one line
    (models stack the unit under a long name) or the same words and the unit (a table that
    states its unit once, above it, keeps it in the tooltip), else the label on one line."""
    shown = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
    tip = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    squash = re.sub(r"\s+", "", shown)
    if isinstance(tip, str) and "\n" not in tip:
        tip_squash = re.sub(r"\s+", "", tip)
        rest = tip_squash[len(squash) :]
        if tip_squash.startswith(squash) and (not rest or (rest[0] in "（(" and rest[-1] in "）)")):
            return tip
    parts = [p.strip() for p in shown.split("\n") if p.strip()]
    joined = parts[0] if parts else ""
    for p in parts[1:]:
        joined += p if p.startswith("（") else " " + p
    return joined


def table_tsv(view: QAbstractItemView, selection_only: bool = True) -> str:
    """The selected cells (the rectangle of rows × columns they span; all when nothing is
    selected or ``selection_only`` is False) as tab-separated text, headers first."""
    model = view.model()
    rows, cols = list(range(model.rowCount())), list(range(model.columnCount()))
    picked = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if selection_only and picked:
        rows = sorted({i.row() for i in picked})
        cols = sorted({i.column() for i in picked})
    if isinstance(view, QTableView):
        cols = [c for c in cols if not view.isColumnHidden(c)]
        rows = [r for r in rows if not view.isRowHidden(r)]
    lines = ["\t".join(header_text(model, c) for c in cols)]
    for r in rows:
        lines.append("\t".join(cell_text(model, r, c) for c in cols))
    return "\r\n".join(lines) + "\r\n"


def copy_table(view: QAbstractItemView, selection_only: bool = True) -> str:
    """Put the table (or its selection) on the clipboard; returns the text."""
    text = table_tsv(view, selection_only)
    QGuiApplication.clipboard().setText(text)
    return text


def install_copy(view: QAbstractItemView) -> None:
    """复制 (Ctrl+C) and 复制全部 in the table's context menu (idempotent)."""
    if view.property("workbenchCopy"):
        return
    view.setProperty("workbenchCopy", True)
    copy = QAction(pick("复制", "Copy"), view)
    copy.setObjectName("actionCopyTable")
    copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    copy.triggered.connect(lambda _c=False: copy_table(view, True))
    everything = QAction(pick("复制全部", "Copy all"), view)
    everything.setObjectName("actionCopyTableAll")
    everything.triggered.connect(lambda _c=False: copy_table(view, False))
    view.addAction(copy)
    view.addAction(everything)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)


def parse_tsv(text: str) -> list[list[str]]:
    """Read copied text back into rows of cells (tests; what a spreadsheet does on paste)."""
    return [line.split("\t") for line in text.replace("\r\n", "\n").rstrip("\n").split("\n")]

"""The raw cells of a statistics sheet, coloured by what the importer made of them.

Header rows, the region column (matched / not matched / total or group rows), value cells that
were imported or skipped, and title or note rows each get their own background, so the planner
sees at a glance what was read and corrects only what was misread. Rows and columns hidden in
Excel (whose cells the importer blanked and left out) are marked too: shown blank, they would
look like empty lines of the sheet rather than content that was not imported.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from workbench.io.stats_import import cell_text
from workbench.ui.i18n import pick

Index = QModelIndex | QPersistentModelIndex

HEADER, REGION_OK, REGION_MISSING, AGGREGATE, VALUE, SKIPPED, OUTSIDE, HIDDEN = range(8)
COLOURS = {
    HEADER: QColor("#cfe2f3"),
    REGION_OK: QColor("#d9ead3"),
    REGION_MISSING: QColor("#f4cccc"),
    AGGREGATE: QColor("#d9d2c5"),  # a warm grey: visible on the white page and in the legend
    VALUE: QColor("#ffffff"),
    SKIPPED: QColor("#fff2cc"),
    OUTSIDE: QColor("#ececec"),
    HIDDEN: QColor("#b4a7d6"),
}
LEGEND = {
    HEADER: ("表头", "header"),
    REGION_OK: ("已匹配地区", "region matched"),
    REGION_MISSING: ("未匹配地区", "region not matched"),
    AGGREGATE: ("合计/分组行", "total or group row"),
    SKIPPED: ("跳过的数值", "value skipped"),
    OUTSIDE: ("标题/表注", "title or notes"),
    HIDDEN: ("隐藏（未导入）", "hidden (not imported)"),
}
HIDDEN_TIPS = {
    Qt.Orientation.Vertical: (
        "此行在 Excel 中隐藏，其内容未导入（如需导入，请先在 Excel 中取消隐藏）",
        "This row is hidden in Excel; its content was not imported (unhide it in Excel to import"
        " it)",
    ),
    Qt.Orientation.Horizontal: (
        "此列在 Excel 中隐藏，其内容未导入（如需导入，请先在 Excel 中取消隐藏）",
        "This column is hidden in Excel; its content was not imported (unhide it in Excel to"
        " import it)",
    ),
}


def col_letter(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_cell(ref: str) -> tuple[int, int] | None:
    """ "C7" -> (row 6, col 2), 0-based."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    if not letters or not digits:
        return None
    col = 0
    for ch in letters.upper():
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1


class PreviewModel(QAbstractTableModel):
    """Read-only table over ``ImportResult.preview`` with a role per classification."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[list[Any]] = []
        self.ncols = 0
        self.kind: dict[tuple[int, int], int] = {}
        self.row_kind: dict[int, int] = {}
        self.tips: dict[tuple[int, int], str] = {}
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()

    def set_result(self, result: Any) -> None:
        """Classify the cells of an ``ImportResult`` (``None`` clears the preview)."""
        self.beginResetModel()
        self.rows = list(result.preview) if result is not None else []
        self.ncols = max((len(r) for r in self.rows), default=0)
        self.kind, self.row_kind, self.tips = {}, {}, {}
        self.hidden_rows, self.hidden_cols = set(), set()
        if result is not None:
            self._classify(result)
            self.hidden_rows = set(result.hidden_rows)
            self.hidden_cols = set(result.hidden_cols)
        self.endResetModel()

    def _classify(self, result: Any) -> None:
        rep = result.report
        for r in rep.header_rows:
            self.row_kind[r] = HEADER
        if rep.data_rows:
            first, last = rep.data_rows
            for r in range(len(self.rows)):
                if (r < first or r > last) and r not in self.row_kind:
                    self.row_kind[r] = OUTSIDE
        unmatched = {u.label for u in rep.unmatched}
        aggregates = {a.label for a in rep.aggregates}
        region_cols = []
        if result.layout is not None:
            region_cols = [c.col for c in result.layout.key_columns if c.axis.value == "region"]
        tidy = result.tidy
        matched_cells: dict[tuple[int, int], str] = {}
        if len(tidy):
            for cell, region, code in zip(
                tidy["cell"], tidy["region"], tidy["region_code"], strict=True
            ):
                pos = parse_cell(str(cell))
                if pos is not None:
                    self.kind[pos] = VALUE
                    matched_cells[pos] = f"{region}（{code}）" if code else str(region)
        for s in rep.skipped:
            pos = parse_cell(s.cell)
            if pos is not None:
                self.kind[pos] = SKIPPED
                self.tips[pos] = s.reason
        if rep.data_rows:
            first, last = rep.data_rows
            for r in range(first, last + 1):
                for c in region_cols:
                    label = cell_text(self._cell(r, c)).strip(" \t\u3000\u00a0")
                    if not label:
                        continue
                    if label in unmatched:
                        self.kind[(r, c)] = REGION_MISSING
                        self.tips[(r, c)] = pick("未匹配地区", "region not matched")
                    elif label in aggregates or label.replace("\u3000", "") in aggregates:
                        self.kind[(r, c)] = AGGREGATE
                    else:
                        self.kind[(r, c)] = REGION_OK
        for pos, where in matched_cells.items():
            self.tips.setdefault(pos, where)

    def _cell(self, r: int, c: int) -> Any:
        row = self.rows[r]
        return row[c] if c < len(row) else ""

    # ---------------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.ncols

    def cell_kind(self, r: int, c: int) -> int:
        if r in self.hidden_rows or c in self.hidden_cols:
            return HIDDEN
        return self.kind.get((r, c), self.row_kind.get(r, VALUE))

    def _hidden_tip(self, r: int, c: int) -> str | None:
        if r in self.hidden_rows:
            return pick(*HIDDEN_TIPS[Qt.Orientation.Vertical])
        if c in self.hidden_cols:
            return pick(*HIDDEN_TIPS[Qt.Orientation.Horizontal])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(self._cell(r, c))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COLOURS[self.cell_kind(r, c)])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._hidden_tip(r, c) or self.tips.get((r, c))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            hidden = (
                self.hidden_cols if orientation == Qt.Orientation.Horizontal else self.hidden_rows
            )
            return pick(*HIDDEN_TIPS[orientation]) if section in hidden else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return col_letter(section)
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

"""The allocation table: (candidate, instrument) rows × plan years, edited in place.

Values come from ``core.fund_summary.allocation_grid`` (a dense array), rule breaches from
``breaches_by_cell`` over the session's problems: breached cells are tinted (red for an error,
amber for a warning such as more than the unit requested) and say why on hover.
An edit of one cell updates that cell and the row total; breach tints are re-sent only for cells
whose breach state changed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from workbench.core.addresses import AllocationCell, CandidateField, ScenarioItem
from workbench.core.allocation_sums import cell_amount
from workbench.core.edits import Changes, SetAllocation
from workbench.core.enums import Instrument
from workbench.core.fund_summary import allocation_grid, breaches_by_cell
from workbench.core.validation import Problem, Severity
from workbench.ui.i18n import label, language, pick, tr
from workbench.ui.models.common import (
    RIGHT,
    SORT_ROLE,
    Index,
    fmt,
    parse_number,
    with_full_text,
    without_unit,
)
from workbench.ui.session import ProjectSession

BREACH_BG = QColor("#f8d0cc")
WARNING_BG = QColor("#fbe7b5")
FIXED_COLUMNS = 3  # id, name, instrument


class AllocationModel(QAbstractTableModel):
    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._rebuild()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.reset)
        session.scenarioChanged.connect(lambda _name: self.reset())
        session.problemsChanged.connect(self._refresh_breaches)

    # ------------------------------------------------------------------ caches
    def _rebuild(self) -> None:
        p = self.session.project
        self.grid = allocation_grid(p, self.session.current_scenario())
        self.years = self.grid.years
        self._names = {c.id: c.name for c in p.candidates}
        self._illustrative = {c.id for c in p.candidates if c.illustrative}
        self._inst_labels = {i.value: label(i) for i in Instrument}
        # Amount columns are headed by the year alone (the unit is said once above the table
        # and in each header's tooltip), so every year and the total fit beside the names.
        fixed = [tr("col.id"), tr("col.name"), tr("col.instrument")]
        self.headers = [
            *fixed,
            *[pick(f"{y} 年", str(y)) for y in self.years],
            without_unit(tr("col.total")),
        ]
        self.header_tips = [
            *fixed,
            *[tr("col.year_amount", year=y) for y in self.years],
            tr("col.total"),
        ]
        self.breaches = self._breaches()

    def _breaches(self) -> dict[tuple[str, str, int], list[Problem]]:
        sc = self.session.current_scenario()
        if sc is None or not self.session.problems_ready:
            return {}  # refreshed on problemsChanged once the first validation ran
        return breaches_by_cell(self.session.project, sc, self.session.problems())

    def reset(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _on_changed(self, changes: Changes) -> None:
        if (
            "project" in changes.parts
            or changes.restructured("candidates")
            or changes.restructured("scenarios")
        ):
            self.reset()
            return
        sc = self.session.scenario
        for path in changes.paths:
            cf = CandidateField.of(path)
            if cf is not None and cf.field == "name":
                cand = self.session.project.candidate(cf.candidate_id)
                if cand is not None:
                    self._names[cand.id] = cand.name
                    for inst in Instrument:
                        r = self.grid.row_of.get((cand.id, inst.value))
                        if r is not None:
                            self.dataChanged.emit(self.index(r, 1), self.index(r, 1))
            item = ScenarioItem.of(path)
            if item == ScenarioItem(sc, "allocations") and item.path != path:
                cell = AllocationCell.of(path)
                if cell is None:  # not one (candidate, year, instrument) cell
                    self.reset()
                    return
                cid, year, inst = cell.key
                r = self.grid.row_of.get((cid, inst))
                if r is None or year not in self.years:
                    self.reset()
                    return
                j = self.years.index(year)
                amount = cell_amount(self.session.current_scenario(), (cid, year, inst))
                self.grid.values[r, j] = amount
                self.dataChanged.emit(
                    self.index(r, FIXED_COLUMNS + j), self.index(r, FIXED_COLUMNS + j)
                )
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(r, last), self.index(r, last))

    def _refresh_breaches(self) -> None:
        new = self._breaches()
        old = self.breaches
        self.breaches = new
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole]
        for cell in set(old) ^ set(new) | {c for c in set(old) & set(new) if old[c] != new[c]}:
            cid, inst, year = cell
            r = self.grid.row_of.get((cid, inst))
            if r is None or year not in self.years:
                continue
            idx = self.index(r, FIXED_COLUMNS + self.years.index(year))
            self.dataChanged.emit(idx, idx, roles)

    # ------------------------------------------------------------------ lookups
    def row_key(self, row: int) -> tuple[str, str]:
        return self.grid.rows[row]

    def cell_index(self, cid: str, instrument: str, year: int) -> QModelIndex:
        r = self.grid.row_of.get((cid, instrument))
        if r is None or year not in self.years:
            return QModelIndex()
        return self.index(r, FIXED_COLUMNS + self.years.index(year))

    def row_filled(self) -> np.ndarray:
        return self.grid.values.sum(axis=1) != 0

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if not (horizontal and 0 <= section < len(self.headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        cid, inst = self.grid.rows[r]
        year_col = FIXED_COLUMNS <= c < FIXED_COLUMNS + len(self.years)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
            if c == 0:
                return cid
            if c == 1:
                name = self._names.get(cid, cid)
                return name
            if c == 2:
                return self._inst_labels[inst] if role != SORT_ROLE else inst
            v = (
                float(self.grid.values[r, c - FIXED_COLUMNS])
                if year_col
                else self.grid.row_total(r)
            )
            if role == Qt.ItemDataRole.DisplayRole:
                return fmt(v, 3) if v else ""
            return v
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if c >= FIXED_COLUMNS else None
        if year_col and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            problems = self.breaches.get((cid, inst, self.years[c - FIXED_COLUMNS]))
            if not problems:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                errors = any(p.severity is Severity.ERROR for p in problems)
                return QBrush(BREACH_BG if errors else WARNING_BG)
            lang = language()
            return "\n".join([tr("alloc.breach_tip"), *(f"• {p.message(lang)}" for p in problems)])
        if role == Qt.ItemDataRole.ToolTipRole and c < FIXED_COLUMNS:
            tip = tr("illustrative.tip") if c == 1 and cid in self._illustrative else None
            return with_full_text(self.data(index), tip)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if FIXED_COLUMNS <= index.column() < FIXED_COLUMNS + len(self.years):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        c = index.column()
        if not FIXED_COLUMNS <= c < FIXED_COLUMNS + len(self.years):
            return False
        if self.session.current_scenario() is None:
            return False
        cid, inst = self.grid.rows[index.row()]
        year = self.years[c - FIXED_COLUMNS]
        name = self._names.get(cid, cid)
        if value is None or (isinstance(value, str) and not value.strip()):
            value = 0.0
        try:
            amount = parse_number(
                value, f"{name} {year} {tr('alloc.what')}", 0, field=("Allocation", "amount")
            )
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        edit = SetAllocation(self.session.scenario, cid, year, Instrument(inst), amount)
        edit.text_zh = edit.text_en = tr("alloc.edit_text", name=name, year=year)
        return self.session.push(edit)


class AllocationFilterProxy(QSortFilterProxyModel):
    """Only rows with money (optional), one instrument (optional), text in id or name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.only_filled = True
        self.instrument = ""
        self.text = ""
        self._filled: np.ndarray | None = None

    def set_filters(self, **kw: Any) -> None:
        for k, v in kw.items():
            if not hasattr(self, k):
                raise AttributeError(k)
            setattr(self, k, v)
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        m = self.sourceModel()
        if not isinstance(m, AllocationModel):
            return True
        cid, inst = m.grid.rows[row]
        if self.instrument and inst != self.instrument:
            return False
        if self.only_filled and not m.grid.values[row].any():
            return False
        if self.text:
            t = self.text.lower()
            name = str(m.data(m.index(row, 1)))
            if t not in cid.lower() and t not in name.lower():
                return False
        return True

"""分配: allocation amounts per candidate, instrument and year, edited in place."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import AllocationCell, AllocationTotal, FieldPath, ScenarioItem
from workbench.core.enums import Instrument
from workbench.ui.flow_layout import flow_row, together
from workbench.ui.i18n import label, pick, tr
from workbench.ui.models.allocations import FIXED_COLUMNS, AllocationFilterProxy, AllocationModel
from workbench.ui.panels.delegates import ChoiceDelegate
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table


class AllocationsPanel(QWidget):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allocationsPanel")
        self.session = session
        self.model = AllocationModel(session, self)
        self.proxy = AllocationFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.instrument_combo = QComboBox(self)
        self.instrument_combo.setObjectName("allocationInstrumentFilter")
        self.instrument_combo.addItem(tr("all"), "")
        for inst in Instrument:
            self.instrument_combo.addItem(label(inst), inst.value)
        self.instrument_combo.currentIndexChanged.connect(lambda _i: self._apply())
        self.only_filled = QCheckBox(tr("alloc.only_filled"), self)
        self.only_filled.setObjectName("allocationOnlyFilled")
        self.only_filled.setChecked(True)
        self.only_filled.toggled.connect(lambda _c: self._apply())
        self.search = QLineEdit(self)
        self.search.setObjectName("allocationSearch")
        self.search.setPlaceholderText(tr("alloc.filter.text"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._apply())
        # A flowing row lays items at their size hint: a fixed width keeps the box usable.
        self.search.setFixedWidth(max(200, self.search.fontMetrics().horizontalAdvance("M" * 16)))
        holder, bar = flow_row(self, "allocationBar")
        bar.addWidget(together(QLabel(tr("col.instrument"), self), self.instrument_combo))
        bar.addWidget(self.only_filled)
        bar.addWidget(self.search)
        unit = QLabel(pick("金额单位：亿元", "Amounts in 100M yuan"), self)
        unit.setObjectName("allocationUnit")
        bar.addWidget(unit)

        self.table = QTableView(self)
        self.table.setObjectName("allocationTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        # Names take what the id, instrument and amount columns leave, so every year and the
        # total are in view without scrolling; a cut name shows in full on hover.
        self.fitter = fit_table(self.table, elastic=1, elastic_min=140)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(holder)
        lay.addWidget(self.table, 1)
        self._apply()

    def _apply(self) -> None:
        self.proxy.set_filters(
            instrument=self.instrument_combo.currentData() or "",
            only_filled=self.only_filled.isChecked(),
            text=self.search.text().strip(),
        )

    def index_for(self, candidate_id: str, instrument: str, year: int):  # -> QModelIndex (proxy)
        """The visible cell for (candidate, instrument, year), widening the filters if needed."""
        src = self.model.cell_index(candidate_id, instrument, year)
        if not src.isValid():
            return src
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            self.instrument_combo.setCurrentIndex(0)
            self.search.clear()
            self.only_filled.setChecked(False)
            idx = self.proxy.mapFromSource(src)
        return idx

    @staticmethod
    def owns(path: FieldPath) -> bool:
        item = ScenarioItem.of(path)
        return item is not None and item.field == "allocations"

    def jump_to(self, path: FieldPath) -> bool:
        item = ScenarioItem.of(path)
        if item is None or item.field != "allocations":
            return False
        self.session.set_scenario(item.scenario)
        target = None
        cell, total = AllocationCell.of(path), AllocationTotal.of(path)
        if cell is not None:
            target = self.index_for(cell.candidate_id, cell.instrument, cell.year)
        elif total is not None and total.by == "candidate":
            target = self.index_for(total.key, Instrument.EQUITY.value, self.model.years[0])
        elif total is not None and total.by == "year":
            years = list(self.model.years)
            col = FIXED_COLUMNS + years.index(total.key) if total.key in years else -1
            if col >= 0 and self.proxy.rowCount():
                target = self.proxy.index(0, col)
        if target is None or not target.isValid():
            self.table.setFocus()
            return True
        self.table.selectionModel().setCurrentIndex(
            target, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.scrollTo(target)
        self.table.setFocus()
        return True

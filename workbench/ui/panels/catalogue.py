"""候选库: the candidate catalogue with filters, weighted scores, status decisions and chain links."""

from __future__ import annotations

import getpass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import (
    CandidateField,
    CriterionField,
    FieldPath,
    LinkField,
    list_head,
)
from workbench.core.edits import (
    Changes,
    Compound,
    Edit,
    InsertItem,
    RemoveItem,
    SetValue,
    change_status,
)
from workbench.core.enums import Status, UnitType
from workbench.core.model import Candidate
from workbench.ui.i18n import label, language, pick, sector_name, tr
from workbench.ui.models.candidates import CandidateFilterProxy, CandidateTableModel
from workbench.ui.panels.catalogue_details import CandidateDetails, next_id
from workbench.ui.panels.delegates import ChoiceDelegate
from workbench.ui.panels.forms import NumberSpin
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table

__all__ = ["CataloguePanel", "next_id"]


def _who() -> str:
    """The person deciding, for the record: the login name (empty if the system has none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class CataloguePanel(QWidget):
    statusMessage = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cataloguePanel")
        self.session = session
        self.model = CandidateTableModel(session, self)
        self.proxy = CandidateFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        filters = self._build_filters()

        # weights
        self.weights_box = QHBoxLayout()
        self.weights_box.addWidget(QLabel(tr("cat.weights"), self))
        self.weight_spins: dict[str, QDoubleSpinBox] = {}

        self._build_table()
        buttons = self._build_buttons()
        self.details = CandidateDetails(session, self.selected_ids, self.statusMessage.emit, self)
        self.links_model = self.details.links_model
        self.links_table = self.details.links_table
        self.decisions_model = self.details.decisions_model
        self.table.selectionModel().currentRowChanged.connect(self._on_selection)

        top = QWidget(self)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(filters)
        tl.addLayout(self.weights_box)
        tl.addWidget(self.table, 1)
        tl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("catalogueSplitter")
        split.addWidget(top)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)

        self._rebuild_controls()
        # Columns fit header and content (English labels, long names: a tooltip has the rest).
        self.fitter = fit_table(self.table, caps={self.model.column_of("notes"): 360})
        session.projectReplaced.connect(self._rebuild_controls)
        session.changed.connect(self._on_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    # ------------------------------------------------------------------ building
    def _build_filters(self) -> QHBoxLayout:
        """City / type / sector / status combos and the text search (plus the row count label)."""
        self.city_combo = self._combo("catalogueCityFilter")
        self.type_combo = self._combo("catalogueTypeFilter")
        self.sector_combo = self._combo("catalogueSectorFilter")
        self.status_combo = self._combo("catalogueStatusFilter")
        self.search = QLineEdit(self)
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(tr("cat.filter.text"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self._apply_filters())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("catalogueCount")
        filters = QHBoxLayout()
        for key, combo in (
            ("cat.filter.city", self.city_combo),
            ("cat.filter.type", self.type_combo),
            ("cat.filter.sector", self.sector_combo),
            ("cat.filter.status", self.status_combo),
        ):
            filters.addWidget(QLabel(tr(key), self))
            filters.addWidget(combo)
        filters.addWidget(self.search, 1)
        return filters

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("catalogueTable")
        self.table.setModel(self.proxy)
        # No sort until the user asks (sorting 5,000 rows up front costs a third of a second).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

    def _build_buttons(self) -> QHBoxLayout:
        """Add / delete on the left, the count, and the status buttons on the right."""
        buttons = QHBoxLayout()
        self.add_button = self._button("catalogueAddButton", tr("btn.add"), self.add_candidate)
        self.delete_button = self._button(
            "catalogueDeleteButton", tr("btn.delete"), self.delete_selected
        )
        self.shortlist_button = self._button(
            "catalogueShortlistButton",
            tr("cat.shortlist"),
            lambda: self.set_status(Status.SHORTLISTED),
        )
        self.approve_button = self._button(
            "catalogueApproveButton", tr("cat.approve"), lambda: self.set_status(Status.APPROVED)
        )
        self.reject_button = self._button(
            "catalogueRejectButton", tr("cat.reject"), lambda: self.set_status(Status.REJECTED)
        )
        for b in (self.add_button, self.delete_button):
            buttons.addWidget(b)
        # The count sits under the table it counts, where the row has room for it in English too.
        buttons.addSpacing(12)
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        for b in (self.shortlist_button, self.approve_button, self.reject_button):
            buttons.addWidget(b)
        return buttons

    def _combo(self, name: str) -> QComboBox:
        c = QComboBox(self)
        c.setObjectName(name)
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        c.currentIndexChanged.connect(lambda _i: self._apply_filters())
        return c

    def _button(self, name: str, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("all"), "")
        for text, value in items:
            combo.addItem(text, value)
        i = combo.findData(current)
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def _rebuild_controls(self) -> None:
        p = self.session.project
        names = {r.code: r.name for r in p.regions}
        units = sorted({u for u in self.model.city})
        self._fill_combo(self.city_combo, [(names.get(u, u), u) for u in units])
        self._fill_combo(self.type_combo, [(label(t), t.value) for t in UnitType])
        sectors = list(p.sectors) + sorted({c.sector for c in p.candidates} - set(p.sectors))
        self._fill_combo(self.sector_combo, [(sector_name(s), s) for s in sectors])
        self._fill_combo(self.status_combo, [(label(s), s.value) for s in Status])
        # weights
        for spin in self.weight_spins.values():
            self.weights_box.removeWidget(spin)
            spin.deleteLater()
        for lab in self.findChildren(QLabel, "weightLabel"):
            self.weights_box.removeWidget(lab)
            lab.deleteLater()
        self.weight_spins = {}
        lang = language()
        for c in p.criteria:
            lab = QLabel(c.label_zh if lang == "zh" else (c.label_en or c.key), self)
            lab.setObjectName("weightLabel")
            spin = NumberSpin(self)
            spin.refused.connect(
                lambda why: self.session.editFailed.emit(tr("edit.rejected", reason=why))
            )
            spin.setObjectName(f"weight_{c.key}")
            spin.setRange(0.0, 10.0)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setValue(c.weight)
            spin.valueChanged.connect(lambda v, key=c.key: self.set_weight(key, v))
            self.weights_box.addWidget(lab)
            self.weights_box.addWidget(spin)
            self.weight_spins[c.key] = spin
        self.links_model.set_focus(set())
        self._apply_filters()

    # ------------------------------------------------------------------ filters
    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            city=self.city_combo.currentData() or "",
            unit_type=self.type_combo.currentData() or "",
            sector=self.sector_combo.currentData() or "",
            status=self.status_combo.currentData() or "",
            text=self.search.text().strip(),
        )
        self._update_count()

    def set_filters(
        self,
        *,
        city: str = "",
        unit_type: str = "",
        sector: str = "",
        status: str = "",
        text: str = "",
    ) -> None:
        """Set every filter at once (used by jump-to and tests); an unknown value means 全部."""
        for combo, value in (
            (self.city_combo, city),
            (self.type_combo, unit_type),
            (self.sector_combo, sector),
            (self.status_combo, status),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self._apply_filters()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        # Wide enough for the longest count of this project, so filtering never clips it.
        widest = tr("cat.count", shown=total, total=total)
        self.count_label.setMinimumWidth(
            self.count_label.fontMetrics().horizontalAdvance(widest) + 8
        )
        self.count_label.setText(tr("cat.count", shown=self.proxy.rowCount(), total=total))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[str]:
        rows = sorted(
            {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        )
        return [self.model.candidate_id(r) for r in rows]

    def select_ids(self, ids: list[str], column: str = "name") -> None:
        sel = self.table.selectionModel()
        sel.clearSelection()
        col = max(self.model.column_of(column), 0)
        first = None
        for cid in ids:
            r = self.model.row_of(cid)
            if r < 0:
                continue
            idx = self.proxy.mapFromSource(self.model.index(r, col))
            if not idx.isValid():
                continue
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            sel.select(idx, flags)
            first = first or idx
        if first is not None:
            sel.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def _on_selection(self, *_args: Any) -> None:
        current = self.table.selectionModel().currentIndex()
        cid = ""
        if current.isValid():
            cid = self.model.candidate_id(self.proxy.mapToSource(current).row())
        ids = self.selected_ids()
        self.details.set_selection(ids, cid if cid in ids or not ids else ids[0])

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches_list("criteria"):
            for c in self.session.project.criteria:
                spin = self.weight_spins.get(c.key)
                if spin is not None and spin.value() != c.weight:
                    spin.blockSignals(True)
                    spin.setValue(c.weight)
                    spin.blockSignals(False)
        if changes.touches("candidates"):
            self._update_count()

    # ------------------------------------------------------------------ edits
    def set_weight(self, key: str, value: float) -> None:
        crit = next((c for c in self.session.project.criteria if c.key == key), None)
        if crit is None or crit.weight == value:
            return
        edit = SetValue(("criteria", key, "weight"), float(value), merge_id=("weight", key))
        edit.text_zh = edit.text_en = tr("cat.weight_text", name=pick(crit.label_zh, crit.label_en))
        self.session.push(edit)

    def set_status(self, status: Status, reason: str | None = None) -> bool:
        """Change the selected candidates' status with a reason kept in the decision log."""
        ids = self.selected_ids()
        if not ids:
            return False
        if reason is None:
            text, ok = QInputDialog.getText(
                self,
                tr("cat.reason.title"),
                tr("cat.reason.prompt", n=len(ids), status=label(status)),
            )
            if not ok:
                return False
            reason = text.strip()
        p = self.session.project
        by = _who()
        edits = [change_status(p, cid, status, reason, by=by) for cid in ids]
        edit: Edit = edits[0]
        if len(edits) > 1:
            edit = Compound(list(edits))
            edit.text_zh = edit.text_en = tr("cat.status_many", n=len(ids), status=label(status))
        ok = self.session.push(edit)
        if ok:
            self.select_ids(ids)
        return ok

    def add_candidate(self) -> str:
        p = self.session.project
        cid = next_id({c.id for c in p.candidates}, "MC-", 4)
        city = self.city_combo.currentData() or ""
        region = city or (
            p.candidates[-1].region_code
            if p.candidates
            else next((r.code for r in p.regions if r.level.value != "province"), "")
        )
        unit_type = UnitType(self.type_combo.currentData() or UnitType.STREET.value)
        sector = self.sector_combo.currentData() or (p.sectors[0] if p.sectors else "")
        cand = Candidate(cid, tr("cat.new_name"), unit_type, region, sector)
        edit = InsertItem(("candidates",), cand)
        edit.text_zh = edit.text_en = tr("cat.add_text", name=cand.name)
        if not self.session.push(edit):
            return ""
        self.set_filters()  # a new row must be visible
        self.select_ids([cid])
        return cid

    def delete_selected(self, confirm: bool = True) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        p = self.session.project
        names = "、".join(c.name for c in (p.candidate(i) for i in ids) if c)
        if confirm:
            answer = QMessageBox.question(
                self, tr("warning.title"), tr("cat.delete.confirm", name=names)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        idset = set(ids)
        edits: list[Edit] = []
        for sc in p.scenarios:
            for a in sc.allocations:
                if a.candidate_id in idset:
                    edits.append(RemoveItem(("scenarios", sc.name, "allocations"), a.key))
        for link in p.links:
            if link.source in idset or link.target in idset:
                edits.append(RemoveItem(("links",), link.id))
        edits += [RemoveItem(("candidates",), cid) for cid in ids]
        edit = Compound(edits)
        edit.text_zh = edit.text_en = tr("cat.delete_text", name=names)
        return self.session.push(edit)

    def add_link(self) -> str:
        return self.details.add_link()

    def delete_link(self) -> bool:
        return self.details.delete_link()

    # ------------------------------------------------------------------ jump
    @staticmethod
    def owns(path: FieldPath) -> bool:
        return list_head(path) in ("candidates", "links", "criteria")

    def jump_to(self, path: FieldPath) -> bool:
        if (cf := CandidateField.of(path)) is not None:
            if self.model.row_of(cf.candidate_id) < 0:
                return False
            field = cf.field or "name"
            column = f"criteria:{cf.sub}" if field == "criteria" and cf.sub is not None else field
            if self.model.column_of(column) < 0:
                column = "name"
            r = self.model.row_of(cf.candidate_id)
            if not self.proxy.mapFromSource(self.model.index(r, 0)).isValid():
                self.set_filters()
            self.select_ids([cf.candidate_id], column)
            idx = self.proxy.mapFromSource(self.model.index(r, self.model.column_of(column)))
            self.table.setCurrentIndex(idx)
            self.table.setFocus()
            return True
        if (link := LinkField.of(path)) is not None:
            self.table.clearSelection()
            self.details.setCurrentIndex(0)
            self.links_model.set_focus(set())
            if link.link_id in self.links_model.link_ids:
                r = self.links_model.link_ids.index(link.link_id)
                self.links_table.selectRow(r)
                self.links_table.setFocus()
                return True
        if (crit := CriterionField.of(path)) is not None:
            spin = self.weight_spins.get(crit.key)
            if spin is not None:
                spin.setFocus()
                return True
        return False

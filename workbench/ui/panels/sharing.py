"""利益分享: benefit-sharing agreements (list and editor) and their settlement forms.

Parks, relocated projects, innovation transfers and sets of fund-invested units share one editor:
parties, GDP rule, settlement method, start and sunset year, 存量 base, the GDP split and the
yearly split of new local tax. Every change is one undoable edit (``core.edits``); the settlement
tabs below follow (``sharing_results``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import AgreementField, FieldPath, list_head
from workbench.core.edits import Changes, Compound, InsertItem, RemoveItem, SetValue
from workbench.core.enums import Coverage, GdpRule, SettlementMethod
from workbench.core.sharing.model import Agreement
from workbench.ui.i18n import label, tr
from workbench.ui.models.agreements import AgreementsListModel, ShareGridModel, new_agreement_id
from workbench.ui.panels.delegates import ChoiceDelegate
from workbench.ui.panels.forms import NumberSpin
from workbench.ui.panels.park_widgets import PartnerChecklist
from workbench.ui.panels.sharing_results import SettlementTabs
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table

NO_YEAR = 2025  # the spin boxes' "open" value (shown as 不限)
FIELD_LABELS = {
    "existing_tax_base": "share.existing",
    "start_year": "share.start",
    "sunset_year": "share.sunset",
    "park_id": "share.park",
    "candidate_ids": "share.units",
}
FOCUS = {
    "name": "sharingName",
    "coverage": "sharingCoverage",
    "park_id": "sharingPark",
    "candidate_ids": "sharingUnits",
    "parties": "parkPartners",
    "gdp_rule": "sharingGdpRule",
    "gdp_split": "sharingGdpSplit",
    "tax_split": "sharingTaxSplit",
    "tax_split_by_tax": "sharingTaxSplit",
    "start_year": "sharingStart",
    "sunset_year": "sharingSunset",
    "settlement": "sharingSettlement",
    "existing_tax_base": "sharingExisting",
}


class SharingPanel(QWidget):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharingPanel")
        self.session = session
        self.agreement_id = ""
        self.list_model = AgreementsListModel(session, self)
        editor = QWidget(self)
        self.editor = editor
        scroll = QScrollArea(self)
        scroll.setObjectName("sharingEditorScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        row = QHBoxLayout(editor)
        row.addLayout(self._build_form(editor), 1)
        row.addLayout(self._build_grids(editor), 1)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self._build_list())
        top.addWidget(scroll)
        top.setStretchFactor(1, 3)
        self.results = SettlementTabs(session, self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("sharingSplitter")
        split.addWidget(top)
        split.addWidget(self.results)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)
        self._on_replaced()

    # ------------------------------------------------------------------ building
    def _build_list(self) -> QWidget:
        self.list = QTableView(self)
        self.list.setObjectName("sharingList")
        self.list.setModel(self.list_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        fit_table(self.list, elastic=0, elastic_min=90)
        self.list.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._select_row(cur.row())
        )
        add = QPushButton(tr("share.add"), self)
        add.setObjectName("sharingAddButton")
        add.clicked.connect(lambda _c=False: self.add_agreement())
        delete = QPushButton(tr("share.delete"), self)
        delete.setObjectName("sharingDeleteButton")
        delete.clicked.connect(lambda _c=False: self.delete_agreement())
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.list, 1)
        bl = QHBoxLayout()
        bl.addWidget(add)
        bl.addWidget(delete)
        ll.addLayout(bl)
        return left

    def _build_form(self, editor: QWidget) -> QFormLayout:
        form = QFormLayout()
        self.name_edit = QLineEdit(editor)
        self.name_edit.setObjectName("sharingName")
        self.name_edit.editingFinished.connect(
            lambda: self._set("name", self.name_edit.text().strip())
        )
        self.coverage = self._combo(
            "sharingCoverage", [(label(c), c.value) for c in Coverage], "coverage", Coverage
        )
        self.park_combo = QComboBox(editor)
        self.park_combo.setObjectName("sharingPark")
        self.park_combo.activated.connect(
            lambda _i: self._set("park_id", self.park_combo.currentData())
        )
        self.units = QLineEdit(editor)
        self.units.setObjectName("sharingUnits")
        self.units.setPlaceholderText("MC-0001, MC-0002")
        self.units.editingFinished.connect(self._units_changed)
        self.origin = QComboBox(editor)  # the covered units' 迁出地 (a candidate field)
        self.origin.setObjectName("sharingOrigin")
        self.origin.activated.connect(lambda _i: self._set_origin(self.origin.currentData()))
        self.parties = PartnerChecklist(editor)
        self.parties.chosenChanged.connect(lambda codes: self._set("parties", list(codes)))
        self.gdp_rule = self._combo(
            "sharingGdpRule", [(label(g), g.value) for g in GdpRule], "gdp_rule", GdpRule
        )
        self.settlement = self._combo(
            "sharingSettlement",
            [(label(m), m.value) for m in SettlementMethod],
            "settlement",
            SettlementMethod,
        )
        self.start = self._year_spin("sharingStart", "start_year")
        self.sunset = self._year_spin("sharingSunset", "sunset_year")
        self.existing = NumberSpin(editor)
        self.existing.setObjectName("sharingExisting")
        self.existing.setKeyboardTracking(False)
        self.existing.setRange(0, 1e5)
        self.existing.setDecimals(3)
        self.existing.setSuffix(f" {tr('unit.yi_per_year')}")
        self.existing.valueChanged.connect(lambda v: self._set("existing_tax_base", float(v)))
        self.note = QLabel(tr("share.central_note"), editor)
        self.note.setObjectName("sharingNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5a00;")
        for text, w in (
            (tr("share.name"), self.name_edit),
            (tr("share.coverage"), self.coverage),
            (tr("share.park"), self.park_combo),
            (tr("share.units"), self.units),
            (tr("share.origin"), self.origin),
            (tr("share.parties"), self.parties),
            (tr("share.gdp_rule"), self.gdp_rule),
            (tr("share.settlement"), self.settlement),
            (tr("share.start"), self.start),
            (tr("share.sunset"), self.sunset),
            (tr("share.existing"), self.existing),
            ("", self.note),
        ):
            form.addRow(text, w)
        return form

    def _build_grids(self, editor: QWidget) -> QVBoxLayout:
        grids = QVBoxLayout()
        self.grids: dict[str, ShareGridModel] = {}
        for kind, title, name in (
            ("gdp_split", tr("share.gdp_split"), "sharingGdpSplit"),
            ("tax_split", tr("share.tax_split"), "sharingTaxSplit"),
        ):
            m = ShareGridModel(self.session, kind, self)
            self.grids[kind] = m
            box = QGroupBox(title, editor)
            view = QTableView(box)
            view.setObjectName(name)
            view.setModel(m)
            view.setItemDelegate(ChoiceDelegate(view))
            view.verticalHeader().setVisible(False)
            fit_table(view)
            QVBoxLayout(box).addWidget(view)
            grids.addWidget(box)
        grids.addStretch(1)
        return grids

    def _combo(self, name: str, items: list[tuple[str, str]], field: str, enum: Any) -> QComboBox:
        c = QComboBox(self)
        c.setObjectName(name)
        for text, value in items:
            c.addItem(text, value)
        c.activated.connect(lambda _i: self._set(field, enum(c.currentData())))
        return c

    def _year_spin(self, name: str, field: str) -> QSpinBox:
        s = QSpinBox(self)
        s.setObjectName(name)
        s.setKeyboardTracking(False)
        s.setRange(NO_YEAR, 2035)
        s.setSpecialValueText(tr("share.open"))
        s.valueChanged.connect(lambda v: self._set(field, None if v == NO_YEAR else int(v)))
        return s

    # ------------------------------------------------------------------ state
    def deal(self) -> Agreement | None:
        return self.session.project.agreement(self.agreement_id) if self.agreement_id else None

    def _on_replaced(self) -> None:
        self.agreement_id = ""
        if self.list_model.ids:
            self.select_agreement(self.list_model.ids[0])
        else:
            self._load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("agreements", "parks", "regions", "candidates"):
            if self.agreement_id and self.deal() is None:
                self.agreement_id = ""
            self._load()

    def _select_row(self, row: int) -> None:
        if 0 <= row < len(self.list_model.ids):
            self.agreement_id = self.list_model.ids[row]
            self._load()

    def select_agreement(self, aid: str) -> None:
        if aid not in self.list_model.ids:
            return
        r = self.list_model.ids.index(aid)
        self.list.selectionModel().setCurrentIndex(
            self.list_model.index(r, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.agreement_id = aid
        self._load()

    def _load(self) -> None:
        deal, p = self.deal(), self.session.project
        self.editor.setEnabled(deal is not None)
        self._show_note()
        for m in self.grids.values():
            m.set_agreement(self.agreement_id)
        widgets = [self.name_edit, self.coverage, self.park_combo, self.units, self.origin, self.parties,
                   self.gdp_rule, self.settlement, self.start, self.sunset, self.existing]  # fmt: skip
        for w in widgets:
            w.blockSignals(True)
        try:
            if deal is None:
                self.name_edit.setText(tr("share.none"))
                self.parties.clear()
                return
            self.name_edit.setText(deal.name)
            for combo, value in (
                (self.coverage, deal.coverage),
                (self.gdp_rule, deal.gdp_rule),
                (self.settlement, deal.settlement),
            ):
                combo.setCurrentIndex(max(combo.findData(value.value), 0))
            self.park_combo.clear()
            for park in p.parks:
                self.park_combo.addItem(park.name, park.id)
            self.park_combo.setCurrentIndex(self.park_combo.findData(deal.park_id))
            self.park_combo.setEnabled(deal.coverage is Coverage.PARK)
            self.units.setText(", ".join(deal.candidate_ids))
            self.units.setEnabled(deal.coverage is not Coverage.PARK)
            names = {r.code: r.name for r in p.regions}
            units = sorted(set(p.planning_units().values()) | set(deal.parties))
            self._show_origin(deal, units, names)
            self.parties.show_choices(
                [(names.get(u, u), u) for u in units], list(deal.parties), deal.id
            )
            self.start.setValue(deal.start_year or NO_YEAR)
            self.sunset.setValue(deal.sunset_year or NO_YEAR)
            self.existing.setValue(deal.existing_tax_base)
        finally:
            for w in widgets:
                w.blockSignals(False)

    def _show_note(self) -> None:
        """The central-share rule, and the 假设 default when relocated units have no agreement."""
        from workbench.core.assumptions import parameter_value
        from workbench.core.sharing.rules import effective_agreements

        p, sc = self.session.project, self.session.current_scenario()
        text = tr("share.central_note")
        if any(a.assumed for a in effective_agreements(p, sc)):
            share = parameter_value(p, "sharing.relocation.origin_tax_share", sc)
            years = parameter_value(p, "sharing.relocation.years", sc)
            text += "\n" + tr("share.assumed", share=f"{share:g}", years=f"{years:g}")
        self.note.setText(text)

    def _show_origin(self, deal: Agreement, units: list[str], names: dict[str, str]) -> None:
        cands = [c for cid in deal.candidate_ids if (c := self.session.project.candidate(cid))]
        origins = {c.origin_region for c in cands}
        self.origin.clear()
        self.origin.addItem(tr("share.no_origin"), "")
        for u in sorted(set(units) | (origins - {""})):
            self.origin.addItem(names.get(u, u), u)
        shown = next(iter(origins)) if len(origins) == 1 else ""  # several: none picked
        self.origin.setCurrentIndex(max(self.origin.findData(shown), 0))
        self.origin.setEnabled(bool(cands))

    # ------------------------------------------------------------------ edits
    def _set_origin(self, code: str) -> bool:
        """Set the 迁出地 of every covered unit (one undoable step)."""
        deal, p = self.deal(), self.session.project
        cands = [c for cid in (deal.candidate_ids if deal else []) if (c := p.candidate(cid))]
        edits = [
            SetValue(("candidates", c.id, "origin_region"), code)
            for c in cands
            if c.origin_region != code
        ]
        if deal is None or not edits:
            return False
        edit = Compound(edits)
        edit.text_zh = edit.text_en = tr(
            "share.edit_text", name=deal.name, field=tr("share.origin")
        )
        return self.session.push(edit)

    def _set(self, field: str, value: Any) -> bool:
        deal = self.deal()
        if deal is None or getattr(deal, field) == value or (field == "name" and not value):
            self._load()
            return False
        edit = SetValue(
            ("agreements", deal.id, field), value, merge_id=("agreement", deal.id, field)
        )
        what = tr(FIELD_LABELS.get(field, f"share.{field}"))
        edit.text_zh = edit.text_en = tr("share.edit_text", name=deal.name, field=what)
        return self.session.push(edit)

    def _units_changed(self) -> None:
        ids = [t.strip() for t in self.units.text().replace("，", ",").split(",") if t.strip()]
        self._set("candidate_ids", ids)

    def add_agreement(self, coverage: Coverage = Coverage.RELOCATION) -> str:
        p = self.session.project
        aid = new_agreement_id(p)
        deal = Agreement(aid, tr("share.new_name"), coverage)
        edit = InsertItem(("agreements",), deal)
        edit.text_zh = edit.text_en = tr("share.add_text", name=deal.name)
        if not self.session.push(edit):
            return ""
        self.select_agreement(aid)
        self.name_edit.setFocus()
        return aid

    def delete_agreement(self) -> bool:
        deal = self.deal()
        if deal is None:
            return False
        edit = RemoveItem(("agreements",), deal.id)
        edit.text_zh = edit.text_en = tr("share.delete_text", name=deal.name)
        return self.session.push(edit)

    @staticmethod
    def owns(path: FieldPath) -> bool:
        return list_head(path) == "agreements"

    def jump_to(self, path: FieldPath) -> bool:
        f = AgreementField.of(path)
        if f is None:
            return False
        self.select_agreement(f.agreement_id)
        w = self.findChild(QWidget, FOCUS.get(str(f.field), "sharingName"))
        if w is not None:
            w.setFocus()
        return True

"""园区: park arrangements (list and editor): model, host and partners, locations and shares, GDP
and tax rules, the ratio schedule by year, joint-company shares."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
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

from workbench.core.addresses import FieldPath, ParkField, ScenarioItem, list_head
from workbench.core.edits import Changes, Compound, SetValue
from workbench.core.enums import GdpRule, ParkModel
from workbench.core.model import FixedReturn, ParkArrangement
from workbench.ui.i18n import label, tr
from workbench.ui.models.agreements import ShareGridModel
from workbench.ui.models.parks import ParkGridModel, ParksListModel
from workbench.ui.panels import park_sharing
from workbench.ui.panels.catalogue_details import next_id
from workbench.ui.panels.delegates import ChoiceDelegate
from workbench.ui.panels.forms import NumberSpin
from workbench.ui.panels.park_locations import ParkLocationsEditor
from workbench.ui.panels.park_widgets import HostPicker, PartnerChecklist, SectorCombo
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table, header_height

ROW_HEIGHT = 22


def _grid_view(model: ParkGridModel | ShareGridModel, name: str, parent: QWidget) -> QTableView:
    """A small grid shown whole: columns fit their content (``ui.tables``) and the view is as wide
    and as tall as its columns and rows, so the editor's scroll area scrolls, never a cell."""
    v = QTableView(parent)
    v.setObjectName(name)
    v.setModel(model)
    v.setItemDelegate(ChoiceDelegate(v))
    v.verticalHeader().setVisible(False)
    v.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    v.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    v.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    fit_table(v)
    return v


class ParksPanel(QWidget):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parksPanel")
        self.session = session
        self.list_model = ParksListModel(session, self)
        left = self._build_list()
        self.park_id = ""
        editor = QWidget(self)
        self.editor = editor
        form = self._build_form(editor)
        grids = self._build_grids(editor)
        scroll = self._build_editor(editor, form, grids)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("parksSplitter")
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 960])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)

        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)
        session.scenarioChanged.connect(lambda _n: self._load())
        self._on_replaced()

    # ------------------------------------------------------------------ building
    def _build_list(self) -> QWidget:
        """The parks list with its add / delete buttons."""
        self.list = QTableView(self)
        self.list.setObjectName("parksList")
        self.list.setModel(self.list_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        fit_table(self.list, elastic=0, elastic_min=90)
        self.list.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._select_row(cur.row())
        )
        add = QPushButton(tr("park.add"), self)
        add.setObjectName("parkAddButton")
        add.clicked.connect(lambda _c=False: self.add_park())
        delete = QPushButton(tr("park.delete"), self)
        delete.setObjectName("parkDeleteButton")
        delete.clicked.connect(lambda _c=False: self.delete_park())
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
        """The park's own fields, each writing its edit as soon as it is finished."""
        form = QFormLayout()
        self.name_edit = QLineEdit(editor)
        self.name_edit.setObjectName("parkName")
        self.name_edit.editingFinished.connect(
            lambda: self._set("name", self.name_edit.text().strip(), tr("park.name"))
        )
        self.model_combo = self._enum_combo("parkModel", ParkModel, "model", tr("park.model"))
        self.host_combo = HostPicker(editor)
        self.host_combo.hostChosen.connect(lambda code: self._set("host", code, tr("park.host")))
        self.locations = ParkLocationsEditor(self.session, editor)  # beside the host it refines
        self.partners = PartnerChecklist(editor)
        self.partners.chosenChanged.connect(
            lambda codes: self._set("partners", codes, tr("park.partners"))
        )
        self.area = self._spin("parkArea", " km²", 1e5, 2, "area_km2", tr("park.area"))
        self.sector_combo = SectorCombo(editor)
        self.sector_combo.activated.connect(
            lambda _i: self._set("sector", self.sector_combo.value(), tr("park.sector"))
        )
        self.gdp_combo = self._enum_combo("parkGdpRule", GdpRule, "gdp_rule", tr("park.gdp_rule"))
        self.existing_tax = self._spin(
            "parkExistingTax",
            f" {tr('unit.yi_per_year')}",
            1e5,
            3,
            "existing_tax_base",
            tr("park.existing_tax"),
        )
        self.fixed_rate = self._number_spin()
        self.fixed_rate.setObjectName("parkFixedRate")
        self.fixed_rate.setKeyboardTracking(False)
        self.fixed_rate.setRange(-1, 100)
        self.fixed_rate.setDecimals(2)
        self.fixed_rate.setSuffix(" %")
        self.fixed_rate.setSpecialValueText(tr("park.no_fixed"))
        self.fixed_rate.valueChanged.connect(lambda _v: self._fixed_changed())
        self.fixed_years = QSpinBox(editor)
        self.fixed_years.setObjectName("parkFixedYears")
        self.fixed_years.setKeyboardTracking(False)
        self.fixed_years.setRange(0, 50)
        self.fixed_years.setSuffix(tr("park.fixed_years.suffix"))
        self.fixed_years.valueChanged.connect(lambda _v: self._fixed_changed())
        self.in_scenario = QCheckBox(tr("park.in_scenario"), editor)
        self.in_scenario.setObjectName("parkInScenario")
        self.in_scenario.toggled.connect(self._in_scenario_changed)
        self.notes = QLineEdit(editor)
        self.notes.setObjectName("parkNotes")
        self.notes.editingFinished.connect(
            lambda: self._set("notes", self.notes.text(), tr("park.notes"))
        )
        self.illustrative = QLabel(editor)
        self.illustrative.setObjectName("parkIllustrative")
        self.illustrative.setStyleSheet("color: #8a5a00;")
        for text, w in (
            (tr("park.name"), self.name_edit),
            ("", self.illustrative),
            (tr("park.model"), self.model_combo),
            (tr("park.host"), self.host_combo),
            ("", self.locations),
            (tr("park.partners"), self.partners),
            (tr("park.area"), self.area),
            (tr("park.sector"), self.sector_combo),
            (tr("park.gdp_rule"), self.gdp_combo),
            (tr("park.existing_tax"), self.existing_tax),
            (tr("park.fixed_rate"), self.fixed_rate),
            (tr("park.fixed_years"), self.fixed_years),
            ("", self.in_scenario),
            (tr("park.notes"), self.notes),
        ):
            form.addRow(text, w)
        return form

    def _build_grids(self, editor: QWidget) -> QVBoxLayout:
        """The four year grids (investment, GDP / tax splits, equity), each in its group box."""
        session = self.session
        self.grids: dict[str, ParkGridModel | ShareGridModel] = {}
        self.grid_views: list[QTableView] = []
        grids = QVBoxLayout()
        self.grid_views.append(self.locations.view)
        self.locations.view.horizontalHeader().sectionResized.connect(lambda *_a: self._fit_grids())
        for kind, title, name in (
            ("investment", tr("park.investment"), "parkInvestmentTable"),
            ("gdp_split", tr("park.gdp_split"), "parkGdpSplitTable"),
            ("tax_split", tr("park.tax_split"), "parkTaxSplitTable"),
            ("equity", tr("park.equity"), "parkEquityTable"),
        ):
            m = (ShareGridModel if "split" in kind else ParkGridModel)(session, kind, self)
            self.grids[kind] = m
            box = QGroupBox(title, editor)
            view = _grid_view(m, name, box)
            self.grid_views.append(view)
            view.horizontalHeader().sectionResized.connect(lambda *_a: self._fit_grids())
            bl = QVBoxLayout(box)
            bl.addWidget(view, 0, Qt.AlignmentFlag.AlignLeft)
            grids.addWidget(box)
        grids.addStretch(1)
        return grids

    def _build_editor(self, editor: QWidget, form: QFormLayout, grids: QVBoxLayout) -> QScrollArea:
        """Form and grids side by side in a scroll area."""
        form_column = QVBoxLayout()
        form_column.addLayout(form)
        form_column.addStretch(1)
        # Grids beside the form when the editor is wide enough for both, else below it: a
        # narrow dock scrolls down rather than cutting the grids' year columns.
        self._editor_layout = el = QBoxLayout(QBoxLayout.Direction.LeftToRight, editor)
        el.addLayout(form_column, 1)
        el.addLayout(grids, 1)
        self._form_column, self._grids_column = form_column, grids
        scroll = QScrollArea(self)
        self._scroll = scroll
        scroll.viewport().installEventFilter(self)
        scroll.setObjectName("parkEditorScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        return scroll

    def _enum_combo(self, name: str, enum: Any, field: str, what: str) -> QComboBox:
        c = QComboBox(self)
        c.setObjectName(name)
        for m in enum:
            c.addItem(label(m), m.value)
        c.activated.connect(lambda _i: self._set(field, enum(c.currentData()), what))
        return c

    def _number_spin(self) -> NumberSpin:
        spin = NumberSpin(self)
        spin.refused.connect(
            lambda why: self.session.editFailed.emit(tr("edit.rejected", reason=why))
        )
        return spin

    def _spin(
        self, name: str, suffix: str, hi: float, decimals: int, field: str, what: str
    ) -> QDoubleSpinBox:
        s = self._number_spin()
        s.setObjectName(name)
        s.setKeyboardTracking(False)
        s.setRange(0, hi)
        s.setDecimals(decimals)
        s.setSuffix(suffix)
        s.valueChanged.connect(lambda v: self._set(field, float(v), what))
        return s

    def _on_replaced(self) -> None:
        p = self.session.project
        units = sorted(set(p.planning_units().values()))
        names = {r.code: r.name for r in p.regions}
        self._names = names
        self._unit_names = [(names.get(u, u), u) for u in units]
        # A park's land can be in any district or county, so the host list is every local region.
        self.host_combo.fill(p)
        self.sector_combo.fill(p.sectors)
        self.park_id = ""
        if self.list_model.ids:
            self.select_park(self.list_model.ids[0])
        else:
            self._load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("parks", "scenarios", "agreements"):
            if self.park_id and self.session.project.park(self.park_id) is None:
                self.park_id = ""
            self._load()

    def _select_row(self, row: int) -> None:
        if 0 <= row < len(self.list_model.ids):
            self.park_id = self.list_model.ids[row]
            self._load()

    def select_park(self, park_id: str) -> None:
        if park_id not in self.list_model.ids:
            return
        r = self.list_model.ids.index(park_id)
        self.list.selectionModel().setCurrentIndex(
            self.list_model.index(r, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.park_id = park_id
        self._load()

    def park(self) -> ParkArrangement | None:
        return self.session.project.park(self.park_id) if self.park_id else None

    def _load(self) -> None:
        park = self.park()
        self.editor.setEnabled(park is not None)
        for m in self.grids.values():
            if m.park_id != self.park_id:
                m.set_park(self.park_id)
        self.locations.set_park(self.park_id)
        widgets = [
            self.name_edit,
            self.model_combo,
            self.host_combo,
            self.partners,
            self.area,
            self.sector_combo,
            self.gdp_combo,
            self.existing_tax,
            self.fixed_rate,
            self.fixed_years,
            self.in_scenario,
            self.notes,
        ]
        for w in widgets:
            w.blockSignals(True)
        try:
            if park is None:
                self.name_edit.setText(tr("park.none"))
                self.partners.clear()
                self.illustrative.setText("")
                return
            self.name_edit.setText(park.name)
            self.illustrative.setText(tr("illustrative.tip") if park.illustrative else "")
            self.model_combo.setCurrentIndex(max(self.model_combo.findData(park.model.value), 0))
            self.host_combo.set_host(park.host)
            listed = list(self._unit_names)
            listed += [
                (self._names.get(c, c), c)
                for c in park.partners
                if c not in {u for _n, u in listed}
            ]
            choices = [(n, c) for n, c in listed if c != park.host]
            self.partners.show_choices(choices, list(park.partners), park.id)
            self.area.setValue(park.area_km2)
            self.sector_combo.show_sector(park.sector)
            rule, base = park_sharing.rule_values(self.session.project, park)
            self.gdp_combo.setCurrentIndex(max(self.gdp_combo.findData(rule.value), 0))
            self.existing_tax.setValue(base)
            fr = park.fixed_return
            self.fixed_rate.setValue(self.fixed_rate.minimum() if fr is None else fr.rate_pct)
            self.fixed_years.setValue(0 if fr is None else fr.years)
            self.fixed_years.setEnabled(fr is not None)
            sc = self.session.current_scenario()
            self.in_scenario.setEnabled(sc is not None)
            self.in_scenario.setChecked(bool(sc and park.id in sc.park_ids))
            self.notes.setText(park.notes)
        finally:
            for w in widgets:
                w.blockSignals(False)
            self._fit_grids()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._arrange()
        return False

    def _arrange(self) -> None:
        """Side by side if the form and the widest grid both fit in the visible width."""
        need = self._form_column.minimumSize().width() + self._grids_column.minimumSize().width()
        wide = self._scroll.viewport().width() >= need + 24
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._editor_layout.direction() != direction:
            self._editor_layout.setDirection(direction)

    def _fit_grids(self) -> None:
        """Show every row and column of the small grids (the sum row must stay in view)."""
        for view in self.grid_views:
            rows = max(view.model().rowCount(), 1)
            frame = 2 * view.frameWidth()
            view.setFixedHeight(header_height(view) + rows * ROW_HEIGHT + frame)
            cols = range(view.model().columnCount())
            view.setFixedWidth(sum(view.columnWidth(c) for c in cols) + frame)
        if hasattr(self, "_scroll"):
            self._arrange()

    # ------------------------------------------------------------------ edits
    def _set(self, field: str, value: Any, what: str) -> bool:
        park = self.park()
        if park is not None and field in park_sharing.RULE_FIELDS:  # the park's agreement
            edit = park_sharing.rule_edit(self.session.project, park, field, value, what)
            return edit is not None and self.session.push(edit)
        if park is None or getattr(park, field) == value:
            return False
        if field == "name" and not value:
            self._load()
            return False
        edit = SetValue(("parks", park.id, field), value, merge_id=("park", park.id, field))
        edit.text_zh = edit.text_en = tr("park.edit_text", name=park.name, field=what)
        return self.session.push(edit)

    def set_partners(self, codes: list[str]) -> bool:
        return self._set("partners", list(codes), tr("park.partners"))

    def _fixed_changed(self) -> None:
        park = self.park()
        if park is None:
            return
        if self.fixed_rate.value() == self.fixed_rate.minimum():
            new = None
        else:
            new = FixedReturn(float(self.fixed_rate.value()), int(self.fixed_years.value()))
        if new == park.fixed_return:
            return
        self._set("fixed_return", new, tr("park.fixed_rate"))

    def _in_scenario_changed(self, checked: bool) -> None:
        sc = self.session.current_scenario()
        park = self.park()
        if sc is None or park is None or (park.id in sc.park_ids) == checked:
            return
        ids = [*sc.park_ids, park.id] if checked else [i for i in sc.park_ids if i != park.id]
        edit = SetValue(("scenarios", sc.name, "park_ids"), ids)
        edit.text_zh = edit.text_en = tr(
            "park.edit_text", name=park.name, field=tr("park.in_scenario")
        )
        self.session.push(edit)

    def add_park(self, host: str = "") -> str:
        """A new park in the current scenario (one undoable step), so its effect shows at once.

        Its host is ``host`` if given, else the city of the selected park's host (not a copy of
        that park's county: the planner narrows it down in 所在地, which gets the focus)."""
        p = self.session.project
        pid = next_id({k.id for k in p.parks}, "P-", 2)
        current = self.park()
        if not host and current is not None:
            host = p.planning_units().get(current.host, current.host)
        host = host or (self._unit_names[0][1] if self._unit_names else "")
        park = ParkArrangement(pid, tr("park.new_name"), ParkModel.CO_BUILT, host, [])
        edit = Compound(park_sharing.new_park_edits(p, park, self.session.current_scenario()))
        edit.text_zh = edit.text_en = tr("park.add_text", name=park.name)
        if not self.session.push(edit):
            return ""
        self.select_park(pid)
        self.host_combo.setFocus()
        return pid

    def delete_park(self) -> bool:
        park = self.park()
        if park is None:
            return False
        edit = Compound(park_sharing.removal_edits(self.session.project, park.id))
        edit.text_zh = edit.text_en = tr("park.delete_text", name=park.name)
        return self.session.push(edit)

    @staticmethod
    def owns(path: FieldPath) -> bool:
        item = ScenarioItem.of(path)
        return list_head(path) == "parks" or (item is not None and item.field == "park_ids")

    def jump_to(self, path: FieldPath) -> bool:
        park = ParkField.of(path)
        if park is not None:
            self.select_park(park.park_id)
            field = park.field or "name"
            target = {
                "gdp_split": "parkGdpSplitTable",
                "tax_split": "parkTaxSplitTable",
                "equity": "parkEquityTable",
                "investment": "parkInvestmentTable",
                "partners": "parkPartners",
                "host": "parkHost",
                "locations": "parkLocationsTable",
                "fixed_return": "parkFixedRate",
            }.get(str(field), "parkName")
            w = self.findChild(QWidget, target)
            if w is not None:
                w.setFocus()
            return True
        item = ScenarioItem.of(path)
        if item is not None and item.field == "park_ids":
            self.session.set_scenario(item.scenario)
            self.in_scenario.setFocus()
            return True
        return False

"""基金: fund size and terms, contributions with derived ratios and the sum check, committee rules,
tranches, and what is allocated and left by year (figures from ``core.fund_summary``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import FieldPath, FundField, list_head
from workbench.core.edits import Changes, InsertItem, RemoveItem
from workbench.core.enums import UnitType
from workbench.core.fund_summary import contributions
from workbench.core.model import Contribution
from workbench.ui.i18n import label, tr
from workbench.ui.models.fund import ContributionsModel, FundYearModel
from workbench.ui.panels.delegates import ChoiceDelegate
from workbench.ui.panels.forms import BoundSpin
from workbench.ui.panels.fund_key import DistributionKeyBox
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table


class FundPanel(QWidget):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fundPanel")
        self.session = session
        self.spins: dict[str, BoundSpin] = {}
        terms = self._build_terms()
        rules = self._build_rules()
        contrib_box = self._build_contributions()
        year_box = self._build_years()

        left = QVBoxLayout()
        left.addWidget(terms)
        left.addWidget(rules)
        self.key_box = DistributionKeyBox(self.session, self)  # 基金收益分配 (fund_key)
        left.addWidget(self.key_box, 1)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addWidget(contrib_box, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top, 3)
        lay.addWidget(year_box, 2)

        self._refresh()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._refresh)

    def _build_terms(self) -> QGroupBox:
        """Size, fee and leverage."""
        session = self.session
        terms = QGroupBox(tr("dock.fund"), self)
        form = QFormLayout(terms)
        for key, path, what, unit, hi, dec in (
            ("size", ("fund", "size"), tr("fund.size"), tr("unit.yi"), 1e6, 2),
            ("management_fee_pct", ("fund", "management_fee_pct"), tr("fund.fee"), "%", 100, 2),
            (
                "leverage",
                ("fund", "leverage"),
                tr("fund.leverage"),
                tr("fund.leverage.suffix"),
                1000,
                2,
            ),
        ):
            spin = BoundSpin(
                session, path, what, unit=unit, hi=hi, decimals=dec, name=f"fund_{key}", parent=self
            )
            self.spins[key] = spin
            form.addRow(what, spin)
        return terms

    def _build_rules(self) -> QGroupBox:
        """The committee's limits: one optional percentage each, per-type limits beside them."""
        session = self.session
        rules = QGroupBox(tr("fund.rules"), self)
        grid = QGridLayout(rules)
        rule_fields = [
            ("max_project_share", tr("fund.max_project_share")),
            ("max_investee_equity", tr("fund.max_investee_equity")),
            ("default_city_limit", tr("fund.default_city_limit")),
            ("min_return_share", tr("fund.min_return_share")),
            ("tranche_gate", tr("fund.tranche_gate")),
        ]
        for i, (attr, what) in enumerate(rule_fields):
            spin = BoundSpin(
                session,
                ("fund", "rules", attr),
                what,
                unit="%",
                hi=100,
                decimals=1,
                optional=True,
                name=f"rule_{attr}",
                parent=self,
            )
            self.spins[attr] = spin
            grid.addWidget(QLabel(what, self), i, 0)
            grid.addWidget(spin, i, 1)
        for i, t in enumerate(UnitType):
            what = tr("fund.type_limit", type=label(t))
            spin = BoundSpin(
                session,
                ("fund", "rules", "type_limits", t.value),
                what,
                unit="%",
                hi=100,
                decimals=1,
                optional=True,
                name=f"rule_type_{t.value}",
                parent=self,
            )
            self.spins[f"type_{t.value}"] = spin
            grid.addWidget(QLabel(what, self), i, 2)
            grid.addWidget(spin, i, 3)
        return rules

    def _build_contributions(self) -> QGroupBox:
        """Who pays in: the contributions table, its sum and the add / remove row."""
        self.contrib_model = ContributionsModel(self.session, self)
        self.contrib_table = QTableView(self)
        self.contrib_table.setObjectName("contributionsTable")
        self.contrib_table.setModel(self.contrib_model)
        self.contrib_table.setItemDelegate(ChoiceDelegate(self.contrib_table))
        self.contrib_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contrib_table.verticalHeader().setVisible(False)
        fit_table(self.contrib_table, elastic=0, elastic_min=80)
        self.sum_label = QLabel(self)
        self.sum_label.setObjectName("fundSumLabel")
        self.sum_label.setWordWrap(True)
        self.region_combo = QComboBox(self)
        self.region_combo.setObjectName("contributionRegionCombo")
        add = QPushButton(tr("fund.add_contribution"), self)
        add.setObjectName("contributionAddButton")
        add.clicked.connect(
            lambda _c=False: self.add_contribution(self.region_combo.currentData() or "")
        )
        remove = QPushButton(tr("fund.remove_contribution"), self)
        remove.setObjectName("contributionRemoveButton")
        remove.clicked.connect(lambda _c=False: self.remove_selected_contribution())
        contrib_box = QGroupBox(tr("fund.contributions"), self)
        cl = QVBoxLayout(contrib_box)
        cl.addWidget(self.contrib_table, 1)
        cl.addWidget(self.sum_label)
        row = QHBoxLayout()
        row.addWidget(self.region_combo, 1)
        row.addWidget(add)
        row.addWidget(remove)
        cl.addLayout(row)
        return contrib_box

    def _build_years(self) -> QGroupBox:
        """Per plan year: tranche, allocated, opened to date and left."""
        self.year_model = FundYearModel(self.session, self)
        self.year_table = QTableView(self)
        self.year_table.setObjectName("fundYearTable")
        self.year_table.setModel(self.year_model)
        self.year_table.setItemDelegate(ChoiceDelegate(self.year_table))
        self.year_table.verticalHeader().setVisible(False)
        fit_table(self.year_table)
        year_box = QGroupBox(tr("fund.by_year"), self)
        yl = QVBoxLayout(year_box)
        yl.addWidget(self.year_table)
        return year_box

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("fund", "regions"):
            self._refresh()

    def _refresh(self) -> None:
        for spin in self.spins.values():
            spin.load()
        s = contributions(self.session.project)
        if s.balanced:
            self.sum_label.setText(tr("fund.sum_ok", total=s.total))
            self.sum_label.setStyleSheet("color: #1b5e20;")
        else:
            self.sum_label.setText(
                tr("fund.sum_bad", total=s.total, size=s.fund_size, diff=s.difference)
            )
            self.sum_label.setStyleSheet("color: #b00020; font-weight: bold;")
        p = self.session.project
        used = {c.region_code for c in p.fund.contributions}
        units = sorted(set(p.planning_units().values()) - used)
        names = {r.code: r.name for r in p.regions}
        self.region_combo.clear()
        for code in units:
            self.region_combo.addItem(f"{names.get(code, code)}（{code}）", code)

    def add_contribution(self, region_code: str) -> bool:
        if not region_code:
            return False
        name = next(
            (r.name for r in self.session.project.regions if r.code == region_code), region_code
        )
        edit = InsertItem(("fund", "contributions"), Contribution(region_code, 0.0))
        edit.text_zh = edit.text_en = tr("fund.add_contribution_text", name=name)
        return self.session.push(edit)

    def remove_selected_contribution(self) -> bool:
        rows = self.contrib_table.selectionModel().selectedRows()
        if not rows:
            return False
        code = self.contrib_model.codes[rows[0].row()]
        name = self.contrib_model.data(self.contrib_model.index(rows[0].row(), 0))
        edit = RemoveItem(("fund", "contributions"), code)
        edit.text_zh = edit.text_en = tr("fund.remove_contribution_text", name=name)
        return self.session.push(edit)

    @staticmethod
    def owns(path: FieldPath) -> bool:
        return list_head(path) == "fund"

    def jump_to(self, path: FieldPath) -> bool:
        f = FundField.of(path)
        if f is None:
            return False
        if f.field == "contributions" and f.key in self.contrib_model.codes:
            r = self.contrib_model.codes.index(f.key)
            self.contrib_table.selectRow(r)
            self.contrib_table.setFocus()
            return True
        if f.field == "rules" and f.key == "tranches" and f.sub in self.year_model.years:
            self.year_table.setCurrentIndex(
                self.year_model.index(self.year_model.years.index(f.sub), 1)
            )
            self.year_table.setFocus()
            return True
        leaf = next((s for s in (f.sub, f.key, f.field) if s is not None), "fund")
        key = f"type_{f.sub}" if f.field == "rules" and f.sub is not None else leaf
        spin = self.spins.get(str(key)) or self.spins.get(str(leaf))
        if spin is None and f.field == "rules":
            spin = self.spins.get(str(f.key))
        if spin is not None:
            spin.setFocus()
            spin.selectAll()
            return True
        self.contrib_table.setFocus()
        return True

"""The request half of the 优化 dialog: objective, constraints next to the fund rules' current
values, and the current scenario's cells to lock. It only builds a ``core.optimise.Spec``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import Status, UnitType
from workbench.core.fund_money import investable
from workbench.core.model import Project, Scenario
from workbench.core.optimise.spec import OBJECTIVES, Objective, Spec, Target
from workbench.core.projections.vocabulary import unit_text
from workbench.ui.i18n import language, pick

_STATUSES = (Status.APPROVED, Status.SHORTLISTED, Status.CANDIDATE)


def _type(value: str) -> str:
    try:
        t = UnitType(value)
    except ValueError:
        return value
    return pick(t.zh, t.en)


def _spin(
    lo: float, hi: float, value: float, decimals: int, name: str, special: str = ""
) -> QDoubleSpinBox:
    s = QDoubleSpinBox(objectName=name)
    s.setRange(lo, hi)
    s.setDecimals(decimals)
    s.setValue(value)
    if special:
        s.setSpecialValueText(special)
    return s


class OptimiseForm(QWidget):
    def __init__(self, project: Project, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.scenario = project, scenario
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self._objective_box())
        left.addWidget(self._constraint_box())
        left.addStretch(1)
        lay.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self._rules_box(), 1)
        right.addWidget(self._locked_box(), 1)
        lay.addLayout(right, 1)

    # ------------------------------------------------------------------ building
    def _objective_box(self) -> QGroupBox:
        box = QGroupBox(pick("目标", "Objective"), objectName="optimiseObjectiveBox")
        form = QFormLayout(box)
        self.objective = QComboBox(objectName="optimiseObjective")
        zh = language() == "zh"
        for key, (_m, _b, lzh, len_, unit) in OBJECTIVES.items():
            self.objective.addItem(
                f"{lzh}（{unit}）" if zh else f"{len_} ({unit_text(unit, 'en')})", key
            )
        form.addRow(pick("指标", "Measure"), self.objective)
        self.year = QSpinBox(objectName="optimiseYear")
        self.year.setRange(2026, 2035)
        self.year.setValue(2030)
        self.cumulative = QCheckBox(
            pick("累计（2026 年起）", "cumulative from 2026"), objectName="optimiseCumulative"
        )
        row = QHBoxLayout()
        row.addWidget(self.year)
        row.addWidget(self.cumulative)
        form.addRow(pick("年份", "Year"), row)
        self.region = QComboBox(objectName="optimiseRegion")
        self.region.addItem(pick("全域（成渝地区）", "whole circle"), None)
        names = {r.code: r.name for r in self.project.regions}
        for code in self.project.planning_unit_codes():
            self.region.addItem(names.get(code, code), code)
        form.addRow(pick("地区", "Region"), self.region)
        self.reverse = QCheckBox(
            pick("反求：达到目标的最少资金", "reverse: least money to reach"),
            objectName="optimiseReverse",
        )
        self.target = _spin(0, 1e9, 0.0, 3, "optimiseTarget")
        self.target.setEnabled(False)
        self.reverse.toggled.connect(self.target.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.reverse)
        row.addWidget(self.target)
        form.addRow(pick("目标值", "Target"), row)
        return box

    def _constraint_box(self) -> QGroupBox:
        box = QGroupBox(
            pick("约束（基金规则之外）", "Constraints (besides the fund rules)"),
            objectName="optimiseConstraintBox",
        )
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.status_boxes: dict[Status, QCheckBox] = {}
        for st in _STATUSES:
            cb = QCheckBox(pick(st.zh, st.en), objectName=f"optimiseStatus_{st.value}")
            cb.setChecked(st is Status.APPROVED)
            self.status_boxes[st] = cb
            row.addWidget(cb)
        form.addRow(pick("可投状态", "Eligible"), row)
        self.lift = QCheckBox(
            pick("允许超过申请资金", "may exceed the amount requested"), objectName="optimiseLift"
        )
        form.addRow("", self.lift)
        self.ticket = _spin(0, 1e6, 0.0, 3, "optimiseTicket", pick("无", "none"))
        form.addRow(pick("最低投资额（亿元）", "Minimum ticket (100M yuan)"), self.ticket)
        self.budget = _spin(0, 1e6, 0.0, 3, "optimiseBudget", pick("不另设", "no extra limit"))
        form.addRow(pick("资金上限（亿元）", "Money at most (100M yuan)"), self.budget)
        share = self.project.fund.rules.min_return_share
        self.multiple = _spin(0, 10, (share or 0) / 100, 2, "optimiseReturn", pick("不要求", "off"))
        form.addRow(pick("返投倍数（×出资）", "Return multiple (× contribution)"), self.multiple)
        return box

    def _rules_box(self) -> QGroupBox:
        box = QGroupBox(
            pick("基金规则（当前值，均为约束）", "Fund rules (current values, all enforced)")
        )
        lay = QVBoxLayout(box)
        table = QTableWidget(objectName="optimiseRulesTable")
        rows = self._rule_rows()
        table.setRowCount(len(rows))
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels([pick("规则", "Rule"), pick("当前值", "Value")])
        for r, (k, v) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(k))
            table.setItem(r, 1, QTableWidgetItem(v))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.setMinimumHeight(190)
        table.resizeRowsToContents()
        self.rules_table = table
        lay.addWidget(table)
        return box

    def _rule_rows(self) -> list[tuple[str, str]]:
        f, r = self.project.fund, self.project.fund.rules
        none = pick("不限", "none")

        def pct(v: float | None) -> str:
            return (
                none
                if v is None
                else f"{v:g}%"
                + pick(f"（{f.size * v / 100:,.2f} 亿元）", f" ({f.size * v / 100:,.2f} 100M yuan)")
            )

        sep = pick("；", "; ")
        types = sep.join(f"{_type(k)} {v:g}%" for k, v in r.type_limits.items()) or none
        tranches = sep.join(f"{t.year}: {t.amount:g}" for t in r.tranches) or pick(
            "一次到位", "all at once"
        )
        return [
            (pick("基金规模", "Fund size"), f"{f.size:,.2f} {_yi()}"),
            (
                pick("可投资金（扣除管理费）", "Investable (after fees)"),
                f"{investable(f):,.2f} {_yi()}",
            ),
            (pick("单个项目上限", "Per-project cap"), pct(r.max_project_share)),
            (
                pick("单一被投企业持股上限", "Investee-equity cap"),
                none if r.max_investee_equity is None else f"{r.max_investee_equity:g}%",
            ),
            (pick("类型上限", "Type limits"), types),
            (pick("城市上限（默认）", "City limit (default)"), pct(r.default_city_limit)),
            (pick("分期", "Tranches"), tranches),
            (
                pick("分期投放门槛", "Tranche gate"),
                none if r.tranche_gate is None else f"{r.tranche_gate:g}%",
            ),
            (
                pick("返投比例", "Return share"),
                none if r.min_return_share is None else f"{r.min_return_share:g}%",
            ),
        ]

    def _locked_box(self) -> QGroupBox:
        box = QGroupBox(
            pick(
                "锁定的单元格（勾选者保持当前金额）",
                "Locked cells (ticked cells keep their amount)",
            )
        )
        lay = QVBoxLayout(box)
        cells = [a for a in self.scenario.allocations if a.amount > 0]
        names = {c.id: c.name for c in self.project.candidates}
        t = QTableWidget(len(cells), 4, objectName="optimiseLockedTable")
        t.setHorizontalHeaderLabels(
            [
                pick("候选", "Candidate"),
                pick("年份", "Year"),
                pick("工具", "Instrument"),
                pick("金额（亿元）", "Amount (100M yuan)"),
            ]
        )
        self.locked_keys = []
        for r, a in enumerate(cells):
            item = QTableWidgetItem(names.get(a.candidate_id, a.candidate_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            t.setItem(r, 0, item)
            t.setItem(r, 1, QTableWidgetItem(str(a.year)))
            t.setItem(r, 2, QTableWidgetItem(pick(a.instrument.zh, a.instrument.en)))
            amount = QTableWidgetItem(f"{a.amount:,.3f}")
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(r, 3, amount)
            self.locked_keys.append((a.key, a.amount))
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        t.verticalHeader().hide()
        self.locked_table = t
        lay.addWidget(t)
        return box

    # ------------------------------------------------------------------ reading
    def spec(self) -> Spec:
        key = self.objective.currentData()
        year = self.year.value()
        years = tuple(range(2026, year + 1)) if self.cumulative.isChecked() else (year,)
        objective = Objective(key, years, self.region.currentData())
        spec = Spec(objective)
        if self.reverse.isChecked():
            spec.target = Target(objective, self.target.value())
        spec.statuses = tuple(s for s, cb in self.status_boxes.items() if cb.isChecked())
        spec.lift_requests = self.lift.isChecked()
        spec.min_ticket = self.ticket.value()
        spec.budget = self.budget.value() or None
        spec.return_multiple = self.multiple.value()  # 0 = off, whatever the rules say
        spec.locked = {
            key: amount
            for r, (key, amount) in enumerate(self.locked_keys)
            if self.locked_table.item(r, 0).checkState() == Qt.CheckState.Checked
        }
        return spec


def _yi() -> str:
    """亿元 in the UI language (the English UI says 100M yuan everywhere)."""
    return pick("亿元", "100M yuan")

"""方案对比 view: pick two or more scenarios (the first ticked is the reference), then read per city
and year each metric's difference split into allocations and assumptions, money and fairness by
city, rule breaches and the per-candidate allocation cells. The tables come from
``core.comparison``, computed off the UI thread; the controls only filter them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from workbench.core.projections import vocabulary
from workbench.ui.decide.frame_model import frame_view
from workbench.ui.i18n import language, pick
from workbench.ui.worker import BackgroundTask

_MEASURES = {
    "invested": ("投资额（亿元）", "Invested (100M yuan)"),
    "benefit_gdp": ("净增加值 2026–2030（亿元）", "Net value added 2026–2030 (100M yuan)"),
    "benefit_tax": ("地方税收（亿元）", "Local tax (100M yuan)"),
    "benefit_jobs": ("就业 2030（人）", "Jobs 2030"),
    "benefit_share": ("受益占比（%）", "Benefit share (%)"),
    "fairness_ratio": ("公平系数", "Fairness ratio"),
}


class CompareDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.session = window.session
        self.setObjectName("compareDialog")
        self.setWindowTitle(pick("方案对比", "Compare scenarios"))
        self.resize(1150, 720)
        self.tables: dict[str, Any] | None = None
        self.task: BackgroundTask | None = None
        lay = QHBoxLayout(self)
        lay.addLayout(self._side(), 0)
        lay.addLayout(self._main(), 1)

    def _side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        side.addWidget(
            QLabel(pick("方案（第一个勾选者为对照）", "Scenarios (first ticked = reference)"))
        )
        self.scenarios = QListWidget(objectName="compareScenarios")
        names = [s.name for s in self.session.project.scenarios]
        current = self.session.scenario
        start = names.index(current) if current in names else 0
        for i, n in enumerate(names):
            it = QListWidgetItem(n)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = i in (start, (start + 1) % len(names)) if len(names) > 1 else True
            it.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.scenarios.addItem(it)
        side.addWidget(self.scenarios, 1)
        self.run_button = QPushButton(pick("对比", "Compare"), objectName="compareRun")
        self.run_button.clicked.connect(self.run)
        side.addWidget(self.run_button)
        return side

    def _main(self) -> QVBoxLayout:
        main = QVBoxLayout()
        row = QHBoxLayout()
        zh = language() == "zh"
        self.metric_combo = QComboBox(objectName="compareMetric")
        for m in vocabulary.METRICS:
            if m.key in ("output", "gdp", "tax", "jobs"):
                self.metric_combo.addItem(m.zh if zh else m.en, m.key)
        self.metric_combo.setCurrentIndex(1)
        self.basis_combo = QComboBox(objectName="compareBasis")
        self.component_combo = QComboBox(objectName="compareComponent")
        self.component_combo.addItem(pick("净效应（合计）", "Net (total)"), "total")
        self.component_combo.addItem(pick("总效应（未扣额外性）", "Gross"), "gross")
        self.year_combo = QComboBox(objectName="compareYear")
        for label, widget in (
            (pick("指标", "Metric"), self.metric_combo),
            (pick("口径", "Basis"), self.basis_combo),
            ("", self.component_combo),
            (pick("年份", "Year"), self.year_combo),
        ):
            if label:
                row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        main.addLayout(row)
        self.summary = QLabel(
            pick("勾选方案后按“对比”", "Tick scenarios, then Compare"), objectName="compareSummary"
        )
        self.summary.setWordWrap(True)
        main.addWidget(self.summary)
        self.tabs = QTabWidget(objectName="compareTabs")
        self.city_view, self.city_model = frame_view("compareByCity")
        self.money_view, self.money_model = frame_view("compareMoney")
        self.breach_view, self.breach_model = frame_view("compareBreaches")
        self.cell_view, self.cell_model = frame_view("compareCells")
        self.tabs.addTab(self.city_view, pick("按城市", "By city"))
        self.tabs.addTab(self.money_view, pick("资金与公平", "Money and fairness"))
        self.tabs.addTab(self.breach_view, pick("规则问题", "Rule breaches"))
        self.tabs.addTab(self.cell_view, pick("按候选分配", "Allocation cells"))
        main.addWidget(self.tabs, 1)
        self._fill_bases()
        self.metric_combo.currentIndexChanged.connect(self._fill_bases)
        for w in (self.basis_combo, self.component_combo, self.year_combo):
            w.currentIndexChanged.connect(self.refilter)
        return main

    def _fill_bases(self) -> None:
        metric = self.metric_combo.currentData()
        zh = language() == "zh"
        self.basis_combo.blockSignals(True)
        self.basis_combo.clear()
        for b in vocabulary.BASES:
            if metric in b.metrics and b.key != "baseline":
                self.basis_combo.addItem(b.zh if zh else b.en, b.key)
        self.basis_combo.blockSignals(False)
        self.refilter()

    def chosen(self) -> list[str]:
        return [
            self.scenarios.item(i).text()
            for i in range(self.scenarios.count())
            if self.scenarios.item(i).checkState() == Qt.CheckState.Checked
        ]

    # ------------------------------------------------------------------ computing
    def run(self) -> BackgroundTask | None:
        from workbench.ui.dialogs.common import snapshot

        names = self.chosen()
        if len(names) < 2:
            self.summary.setText(pick("请至少勾选两个方案", "Tick at least two scenarios"))
            return None
        project = snapshot(self.session.project)
        lang = language()

        def work(progress, cancel):
            from workbench.core import comparison as cmp

            progress(0.1, pick("计算预测与分解…", "projections and their split…"))
            out = {"diff": cmp.compare(project, names)}
            cancel.check()
            progress(0.6, pick("资金、公平与规则…", "money, fairness and rules…"))
            out["money"] = cmp.money_by_city(project, names)
            out["breaches"] = cmp.breaches(project, names, lang)
            import pandas as pd

            cells = [
                cmp.allocation_differences(project, names[0], b).assign(scenario_b=b)
                for b in names[1:]
            ]
            out["cells"] = pd.concat(cells, ignore_index=True)
            return out

        self.run_button.setEnabled(False)
        self.summary.setText(pick("正在计算…", "Computing…"))
        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(
            lambda e: self._finish(pick(f"无法对比：{e}", f"Could not compare: {e}"))
        )
        self.task.start()
        return self.task

    def _finish(self, text: str) -> None:
        self.summary.setText(text)
        self.run_button.setEnabled(True)

    def _done(self, tables: dict[str, Any]) -> None:
        self.tables = tables
        years = sorted(set(tables["diff"]["year"]))
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(len(years) - 1)
        self.year_combo.blockSignals(False)
        self._fill_static()
        self.refilter()
        self.run_button.setEnabled(True)

    # ------------------------------------------------------------------ filtering
    def refilter(self) -> None:
        if not self.tables:
            return
        df = self.tables["diff"]
        sel = df[
            (df.metric == self.metric_combo.currentData())
            & (df.basis == self.basis_combo.currentData())
            & (df.component == self.component_combo.currentData())
            & (df.year == self.year_combo.currentData())
        ]
        sel = sel.sort_values(["scenario_b", "difference"], ascending=[True, False])
        z = language() == "zh"
        unit = vocabulary.unit_text(sel["unit"].iloc[0], language()) if len(sel) else ""
        self.city_model.set_frame(
            sel,
            [
                ("scenario_b", "对比方案" if z else "Scenario"),
                ("region", "城市" if z else "City"),
                ("value_a", f"对照（{unit}）" if z else f"Reference ({unit})"),
                ("value_b", f"方案（{unit}）" if z else f"Scenario ({unit})"),
                ("difference", "差异" if z else "Difference"),
                ("due_to_allocations", "来自分配" if z else "Due to allocations"),
                ("due_to_assumptions", "来自参数" if z else "Due to assumptions"),
            ],
            signed=("difference", "due_to_allocations", "due_to_assumptions"),
        )
        self.summary.setText(self._summary_text(sel, unit, z))

    def _summary_text(self, sel, unit: str, z: bool) -> str:
        ref = self.tables["diff"]["scenario_a"].iloc[0] if len(self.tables["diff"]) else ""
        parts = []
        for b, g in sel[sel.summable].groupby("scenario_b", sort=False):
            d, a, s = (
                g["difference"].sum(),
                g["due_to_allocations"].sum(),
                g["due_to_assumptions"].sum(),
            )
            parts.append(
                f"“{b}”较“{ref}”：全域 {d:+,.3f} {unit}（分配 {a:+,.3f}，参数 {s:+,.3f}）"
                if z
                else f"{b} vs {ref}: circle {d:+,.3f} {unit} (allocations {a:+,.3f}, assumptions {s:+,.3f})"
            )
        note = (
            "分解方法：每次只切换一组（分配或参数），两种顺序取平均，两部分之和等于差异。"
            if z
            else "Split: switch one set at a time (allocations or assumptions), average both orders; the parts add up to the difference."
        )
        return "；".join(parts) + "\n" + note if parts else note

    def _fill_static(self) -> None:
        z = language() == "zh"
        money = self.tables["money"].copy()
        money["measure_label"] = [pick(*_MEASURES.get(m, (m, m))) for m in money["measure"]]
        self.money_model.set_frame(
            money,
            [
                ("scenario_b", "对比方案" if z else "Scenario"),
                ("measure_label", "指标" if z else "Measure"),
                ("region", "城市" if z else "City"),
                ("value_a", "对照" if z else "Reference"),
                ("value_b", "方案" if z else "Scenario"),
                ("difference", "差异" if z else "Difference"),
            ],
            signed=("difference",),
        )
        self.breach_model.set_frame(
            self.tables["breaches"],
            [
                ("scenario", "方案" if z else "Scenario"),
                ("severity", "级别" if z else "Severity"),
                ("where", "位置" if z else "Where"),
                ("message", "问题" if z else "Problem"),
            ],
        )
        self.cell_model.set_frame(
            self.tables["cells"],
            [
                ("scenario_b", "对比方案" if z else "Scenario"),
                ("candidate", "候选" if z else "Candidate"),
                ("region", "城市" if z else "City"),
                ("year", "年份" if z else "Year"),
                ("instrument", "工具" if z else "Instrument"),
                ("amount_a", "对照（亿元）" if z else "Reference (100M yuan)"),
                ("amount_b", "方案（亿元）" if z else "Scenario (100M yuan)"),
                ("difference", "差异" if z else "Difference"),
            ],
            signed=("difference",),
        )

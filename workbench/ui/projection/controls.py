"""The 预测 panel's control bar: metric, stacking, basis, year and the scenario to compare.

A mixin of ``ProjectionPanel`` so that the widgets stay attributes of the panel (tests, the
screenshots and the benchmark drive them by these names); it only builds and reads the controls
and keeps metric and basis a pair the engine reports (fiscal is tax only, statistical has no jobs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QComboBox, QLabel, QToolButton

from workbench.core.model import PLAN_YEARS
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.views import STACK_BY
from workbench.ui.flow_layout import FlowLayout, together
from workbench.ui.i18n import pick, tr

HORIZONS = (PLAN_YEARS[-1], 2035)  # the plan period's end, and the plan's 远景 year

if TYPE_CHECKING:
    from workbench.ui.session import ProjectSession


class ControlsMixin:
    """Needs ``session``, ``_invalidate_all()`` (redraw after a control changed) and
    ``_horizon_changed`` (the engine's last year) from the panel."""

    session: ProjectSession

    def _build_controls(self, bar: FlowLayout) -> None:
        """Controls that belong together (a label and its combo, related bases) stay on one
        line as a group; the groups wrap when the dock is narrow."""
        self.metric_combo = QComboBox(objectName="projectionMetricCombo")
        for key in voc.METRIC_MENU:
            m = voc.METRIC[key]
            self.metric_combo.addItem(pick(m.uplift_zh, m.uplift_en), key)
        self.metric_combo.setToolTip(tr("proj.metric"))
        bar.addWidget(self.metric_combo)

        self.stack_combo = QComboBox(objectName="projectionStackCombo")
        for key, (zh, en) in STACK_BY.items():
            self.stack_combo.addItem(pick(zh, en), key)
        bar.addWidget(self.stack_combo)

        self.basis_group = QButtonGroup(self)
        self.basis_group.setExclusive(True)
        self.basis_buttons: dict[str, QToolButton] = {}
        bases: dict[str, QToolButton] = {}
        for b in voc.BASES:
            btn = QToolButton(objectName=f"projectionBasis_{b.key}")
            btn.setText(pick(b.zh, b.en))
            btn.setCheckable(True)
            btn.setToolTip(tr("proj.basis.tip"))
            self.basis_group.addButton(btn)
            self.basis_buttons[b.key] = btn
            bases[b.key] = btn
        # Bases that belong together stay on one line: where the activity is counted, the two
        # tiers of fiscal revenue, then the share of the baseline; the groups wrap when narrow.
        groups = (("location", "statistical"), ("fiscal", "fiscal_province"))
        grouped = {k for g in groups for k in g}
        for g in (*groups, *((k,) for k in bases if k not in grouped)):
            bar.addWidget(together(*(bases[k] for k in g if k in bases)))
        self.basis_buttons["location"].setChecked(True)

        # Net (the default) or gross: gross hides the additionality component (``Block.as_gross``).
        self.show_group = QButtonGroup(self)
        self.show_group.setExclusive(True)
        self.show_buttons: dict[str, QToolButton] = {}
        for key in ("net", "gross"):
            btn = QToolButton(objectName=f"projectionShow_{key}")
            btn.setText(tr(f"proj.show.{key}"))
            btn.setCheckable(True)
            btn.setToolTip(tr("proj.show.tip"))
            self.show_group.addButton(btn)
            self.show_buttons[key] = btn
        self.show_buttons["net"].setChecked(True)
        bar.addWidget(together(*self.show_buttons.values()))

        self.horizon_combo = QComboBox(objectName="projectionHorizonCombo")
        for y in HORIZONS:
            self.horizon_combo.addItem(pick(f"{y} 年", str(y)), y)
        self.horizon_combo.setToolTip(tr("proj.horizon.tip"))
        bar.addWidget(together(QLabel(tr("proj.horizon")), self.horizon_combo))

        self.year_combo = QComboBox(objectName="projectionYearCombo")
        self.year_combo.setToolTip(tr("proj.year.tip"))
        bar.addWidget(together(QLabel(tr("proj.year")), self.year_combo))

        self.compare_combo = QComboBox(objectName="projectionCompareCombo")
        bar.addWidget(together(QLabel(tr("proj.compare")), self.compare_combo))

    def _connect_controls(self) -> None:
        self.metric_combo.currentIndexChanged.connect(self._metric_changed)
        self.stack_combo.currentIndexChanged.connect(self._invalidate_all)
        self.basis_group.buttonToggled.connect(self._basis_toggled)
        self.show_group.buttonToggled.connect(
            lambda _b, checked: self._invalidate_all() if checked else None
        )
        self.horizon_combo.currentIndexChanged.connect(self._horizon_changed)
        self.year_combo.currentIndexChanged.connect(self._invalidate_all)
        self.compare_combo.currentIndexChanged.connect(self._invalidate_all)

    # ------------------------------------------------------------- state
    @property
    def metric(self) -> str:
        return str(self.metric_combo.currentData())

    @property
    def stack_by(self) -> str:
        return str(self.stack_combo.currentData())

    @property
    def basis(self) -> str:
        return next((b for b, btn in self.basis_buttons.items() if btn.isChecked()), "location")

    def set_basis(self, basis: str) -> None:
        self.basis_buttons[basis].setChecked(True)

    @property
    def gross(self) -> bool:
        """True when the charts show gross figures (before additionality)."""
        return self.show_buttons["gross"].isChecked()

    def set_gross(self, gross: bool) -> None:
        self.show_buttons["gross" if gross else "net"].setChecked(True)

    @property
    def horizon(self) -> int:
        """The last projection year (2030, or 2035 the plan's 远景 year)."""
        return int(self.horizon_combo.currentData() or PLAN_YEARS[-1])

    def set_horizon(self, year: int) -> None:
        self.horizon_combo.setCurrentIndex(max(self.horizon_combo.findData(year), 0))

    @property
    def year(self) -> int | None:
        y = self.year_combo.currentData()
        return int(y) if y is not None else None

    @property
    def compare_scenario(self) -> str:
        return str(self.compare_combo.currentData() or "")

    # ------------------------------------------------------------- filling and coercion
    def _fill_years(self) -> None:
        self.year_combo.blockSignals(True)
        current = self.year
        self.year_combo.clear()
        for y in range(PLAN_YEARS[0], self.horizon + 1):
            self.year_combo.addItem(pick(f"{y} 年", str(y)), y)
        idx = self.year_combo.findData(current if current is not None else PLAN_YEARS[-1])
        if idx < 0:  # the horizon became shorter than the year shown
            idx = self.year_combo.findData(PLAN_YEARS[-1])
        self.year_combo.setCurrentIndex(max(idx, 0))
        self.year_combo.blockSignals(False)

    def _fill_compare(self) -> None:
        current = self.compare_scenario
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        self.compare_combo.addItem(tr("proj.compare.none"), "")
        for sc in self.session.project.scenarios:
            if sc.name != self.session.scenario:
                self.compare_combo.addItem(sc.name, sc.name)
        self.compare_combo.setCurrentIndex(max(self.compare_combo.findData(current), 0))
        self.compare_combo.blockSignals(False)

    def _metric_changed(self, _index: int) -> None:
        metric = self.metric
        if (self.basis, metric) not in voc.BLOCKS:
            basis = next((b.key for b in voc.BASES if metric in b.metrics), None)
            if basis is not None:
                self.basis_group.blockSignals(True)
                self.basis_buttons[basis].setChecked(True)
                self.basis_group.blockSignals(False)
        self._invalidate_all()

    def _basis_toggled(self, _button: object, checked: bool) -> None:
        if not checked:
            return
        basis = self.basis
        if (basis, self.metric) not in voc.BLOCKS:
            metric = next((m for m in voc.METRIC_MENU if m in voc.BASIS[basis].metrics), None)
            if metric is not None:
                self.metric_combo.blockSignals(True)
                self.metric_combo.setCurrentIndex(self.metric_combo.findData(metric))
                self.metric_combo.blockSignals(False)
        self._invalidate_all()

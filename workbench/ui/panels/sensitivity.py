"""敏感性 (sensitivity): the tornado of one output, and Sobol indices when asked for.

The tornado (every uncertain parameter alone at its low and its high end) is computed in the
thread pool when the panel is shown and its numbers are stale (any edit makes them stale), so
neither start-up nor editing waits for it. Sobol indices need thousands of runs: only the button
starts them, behind a progress dialog with a cancel button. Chart data and texts come from
``core.uncertainty.views``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import FieldPath
from workbench.core.edits import Changes
from workbench.core.model import PLAN_YEARS
from workbench.core.projections import vocabulary as voc
from workbench.ui.i18n import language, pick
from workbench.ui.projection.hover import Hover
from workbench.ui.projection.plots import CategoryAxis, make_plot
from workbench.ui.worker import BackgroundTask, run_with_progress

SOBOL_N = 64  # base samples: N·(P + 2) runs, a few seconds on the sample
_RUNNING: set[BackgroundTask] = set()


class SensitivityPanel(QWidget):
    """Tornado chart over a metric/basis, year and region chosen here."""

    computed = Signal()  # the tornado on screen is fresh (tests)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensitivityPanel")
        self.session = session
        self.table_df: Any = None  # the tornado DataFrame shown
        self.sobol_df: Any = None
        self.stale = True
        self.task: BackgroundTask | None = None
        self._build()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)
        session.scenarioChanged.connect(lambda _n: self._on_changed(Changes()))
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.compute)

    @staticmethod
    def owns(_path: FieldPath) -> bool:
        return False

    # ------------------------------------------------------------- widgets
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.output_combo = QComboBox(objectName="sensitivityOutputCombo")
        for basis, metric in voc.BLOCKS:
            if voc.METRIC[metric].additive:
                text = f"{voc.METRIC[metric].uplift(language())} · {voc.label(basis, language())}"
                self.output_combo.addItem(text, f"{basis}:{metric}")  # str: Qt compares it
        self.output_combo.setCurrentIndex(max(self.output_combo.findData("location:gdp"), 0))
        self.year_combo = QComboBox(objectName="sensitivityYearCombo")
        for y in PLAN_YEARS:
            self.year_combo.addItem(pick(f"{y} 年", str(y)), y)
        self.year_combo.setCurrentIndex(len(PLAN_YEARS) - 1)
        self.region_combo = QComboBox(objectName="sensitivityRegionCombo")
        self._fill_regions()
        self.sobol_button = QPushButton(pick("方差分解（Sobol）…", "Sobol indices…"))
        self.sobol_button.setObjectName("sobolButton")
        self.sobol_button.setToolTip(
            pick(
                f"按 Sobol 方法分解输出方差（约 {SOBOL_N}×(参数数+2) 次计算，可取消）",
                f"variance-based indices (about {SOBOL_N}×(parameters+2) runs; can be cancelled)",
            )
        )
        for w in (self.output_combo, self.year_combo, self.region_combo):
            bar.addWidget(w)
            w.currentIndexChanged.connect(lambda _i: self._on_changed(Changes()))
        bar.addStretch(1)
        bar.addWidget(self.sobol_button)
        lay.addLayout(bar)
        self.chart = TornadoChart("sensitivityTornadoPlot")
        self.plot, self.axis = self.chart.plot, self.chart.axis
        self.low_bars, self.high_bars = self.chart.low_bars, self.chart.high_bars
        self.hover = self.chart.hover
        lay.addWidget(self.plot, 3)
        self.sobol_table = QTableWidget(0, 3, objectName="sobolTable")
        self.sobol_table.setHorizontalHeaderLabels(
            [
                pick("参数", "Parameter"),
                pick("一阶 S1", "First-order S1"),
                pick("总效应 ST", "Total ST"),
            ]
        )
        self.sobol_table.horizontalHeader().setStretchLastSection(True)
        self.sobol_table.hide()
        lay.addWidget(self.sobol_table, 2)
        self.note = QLabel(objectName="sensitivityNote")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.sobol_button.clicked.connect(self.run_sobol)
        self.installEventFilter(self)

    def _fill_regions(self) -> None:
        self.region_combo.blockSignals(True)
        self.region_combo.clear()
        self.region_combo.addItem(pick("经济圈合计", "Circle total"), None)
        project = self.session.project
        names = {r.code: r.name for r in project.regions}
        for code in project.planning_unit_codes():
            self.region_combo.addItem(names.get(code, code), code)
        self.region_combo.blockSignals(False)

    # ------------------------------------------------------------- state
    def request(self) -> dict:
        basis, metric = str(self.output_combo.currentData()).split(":")
        return dict(
            metric=metric,
            basis=basis,
            year=int(self.year_combo.currentData()),
            region=self.region_combo.currentData(),
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self and event.type() == QEvent.Type.Show and self.stale:
            self._timer.start()
        return False

    def _on_replaced(self) -> None:
        self._fill_regions()
        self._on_changed(Changes())

    def _on_changed(self, _changes: Changes) -> None:
        self.stale = True
        for it in (self.low_bars, self.high_bars):
            it.setOpacity(0.3)
        if self.isVisible():
            self._timer.start()

    # ------------------------------------------------------------- computing
    def compute(self) -> None:
        """The tornado for the current choice, in the thread pool (a running one is replaced)."""
        if self.task is not None and not self.task.done.is_set():
            self.task.cancel()
            self._timer.start()
            return
        from workbench.ui.dialogs.common import snapshot

        project, scenario, req = (
            snapshot(self.session.project),
            self.session.scenario,
            self.request(),
        )

        def work(_progress: Any, _cancel: Any) -> tuple:
            from workbench.core.uncertainty import tornado

            with np.errstate(all="ignore"):
                return req, tornado(project, scenario, **req)

        task = BackgroundTask(work)
        _RUNNING.add(task)
        task.succeeded.connect(self._computed)
        task.failed.connect(lambda e: self.note.setText(str(e)))
        task.finished.connect(lambda: _RUNNING.discard(task))
        self.task = task
        self.note.setText(pick("正在计算…", "Computing…"))
        task.start()

    def _computed(self, result: tuple) -> None:
        req, df = result
        if req != self.request():
            self._timer.start()
            return
        self.table_df = df
        self.stale = False
        self.draw()
        self.computed.emit()

    def draw(self) -> None:
        if self.table_df is None:
            return
        v = self.chart.show(self.table_df, language())
        n = len(v.labels)
        self.note.setText(
            v.title
            + "\n"
            + pick(
                f"共 {len(self.table_df)} 个不确定参数，图中为摆幅最大的 {n} 个；每次只动一个参数，其余取本方案的值。",
                f"{len(self.table_df)} uncertain parameters; the {n} largest swings shown; one "
                "parameter moved at a time, the others at the scenario's values.",
            )
        )

    # ------------------------------------------------------------- Sobol
    def run_sobol(self) -> BackgroundTask:
        from workbench.ui.dialogs.common import snapshot

        project, scenario, req = (
            snapshot(self.session.project),
            self.session.scenario,
            self.request(),
        )
        title = pick("计算 Sobol 指数", "Computing Sobol indices")

        def work(progress: Any, cancel: Any) -> Any:
            from workbench.core.uncertainty import sobol

            with np.errstate(all="ignore"):
                return sobol(project, scenario, n=SOBOL_N, progress=progress, cancel=cancel, **req)

        return run_with_progress(self, title, work, self.show_sobol)

    def show_sobol(self, df: Any) -> None:
        from workbench.core.uncertainty.views import sobol_rows

        self.sobol_df = df
        rows = sobol_rows(df, language())
        self.sobol_table.setRowCount(len(rows))
        for r, texts in enumerate(rows):
            for col, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.sobol_table.setItem(r, col, cell)
        self.sobol_table.resizeColumnToContents(0)
        self.sobol_table.show()


class TornadoChart:
    """The tornado plot itself: the panel shows it, and the plan draft draws the same one
    offscreen (``ui.figures``), so the figure in Word is the chart on screen."""

    def __init__(self, name: str) -> None:
        self.axis = CategoryAxis()
        self.plot = make_plot(name)
        item = self.plot.getPlotItem()
        item.setAxisItems({"left": self.axis})
        item.showGrid(x=True, y=False, alpha=0.25)
        self.low_bars = pg.BarGraphItem(x0=[], width=[], y=[], height=0.7)
        self.high_bars = pg.BarGraphItem(x0=[], width=[], y=[], height=0.7)
        self.centre_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#202020", width=1.5))
        self.legend = item.addLegend(  # bottom right: where the smallest swings leave room
            offset=(-10, -10),
            labelTextSize="9pt",
            brush=pg.mkBrush(255, 255, 255, 225),
            pen=pg.mkPen("#c0c0c0"),
        )
        for it in (self.low_bars, self.high_bars, self.centre_line):
            item.addItem(it)
        self.hover = Hover(item)

    def show(self, df: Any, lang: str, label_limit: int | None = None) -> Any:
        """Draw the tornado frame ``df``; returns its ``TornadoView`` (title, labels). Names are
        cut at ``label_limit`` characters (Chinese ones are twice as wide as Latin ones)."""
        if label_limit is None:
            label_limit = 18 if lang == "zh" else 28
        from workbench.core.projections.views import with_unit
        from workbench.core.uncertainty.views import HIGH_COLOUR, LOW_COLOUR, tornado_view

        v = tornado_view(df, lang)
        n = len(v.labels)
        y = np.arange(n)[::-1].astype(float)  # rank 1 at the top
        c = v.central
        self.low_bars.setOpts(
            x0=np.full(n, c), width=v.low - c, y=y, height=0.7, brush=LOW_COLOUR, pen=None
        )
        self.high_bars.setOpts(
            x0=np.full(n, c), width=v.high - c, y=y, height=0.7, brush=HIGH_COLOUR, pen=None
        )
        for it in (self.low_bars, self.high_bars):
            it.setOpacity(1.0)
        self.centre_line.setPos(c)
        names = [_short(t, label_limit) for t in reversed(v.labels)]
        self.axis.set_names(names)
        metrics = QFontMetrics(self.axis.font())  # wide enough for every name shown
        self.axis.setWidth(
            min(320, max((metrics.horizontalAdvance(t) for t in names), default=40) + 16)
        )
        self.legend.clear()
        self.legend.addItem(self.low_bars, v.legend[0])
        self.legend.addItem(self.high_bars, v.legend[1])
        item = self.plot.getPlotItem()  # the long title goes to the note: the plot keeps its width
        item.getAxis("bottom").setLabel(
            with_unit("输出" if lang == "zh" else "Output", v.unit, lang)
        )
        rects = [
            (min(c, lo, hi), max(c, lo, hi), yy - 0.35, yy + 0.35)
            for lo, hi, yy in zip(v.low, v.high, y, strict=True)
        ]
        self.hover.set(rects, v.hovers)
        lo = float(min(c, v.low.min(initial=c), v.high.min(initial=c)))
        hi = float(max(c, v.low.max(initial=c), v.high.max(initial=c)))
        pad = (hi - lo) * 0.05 or 1.0
        item.setXRange(lo - pad, hi + pad, padding=0)
        item.setYRange(-0.6, n - 0.4, padding=0)
        return v


def _short(label: str, limit: int = 18) -> str:
    """An axis label that leaves the bars their room (the hover has the full name)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"

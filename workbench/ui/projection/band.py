"""The P10–P90 band and P50 line over the uplift chart, computed off the UI thread.

After an edit the band on screen is drawn faded (it is stale) and a refresh is scheduled a moment
later (edits in quick succession start one computation); the computation runs in the thread pool
(``ui.worker.BackgroundTask``) on a private copy, so the window never waits for it. A newer edit
cancels a running one. After an allocation edit only the allocations are copied and the draws'
parameter arrays are reused (``DrawModel.with_allocations``); any other edit rebuilds them from a
snapshot of the project. The numbers and hover texts come from ``core.uncertainty``.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor

from workbench.core.edits import Changes
from workbench.ui.i18n import language
from workbench.ui.projection.plots import Z_LINES
from workbench.ui.worker import BackgroundTask

_RUNNING: set[BackgroundTask] = set()  # held until finished: a closed panel's task ends cleanly
DELAY_MS = 120  # quiet time after the last edit before the band is recomputed
STALE_OPACITY = 0.3
# Stippled, not a flat grey: the 其他 (grouped cities) bars are flat grey and a flat band read as
# more of them in the screenshots; not hatched either: hatching marks GDP counted in full by both
# parties (全额双核算) on the same chart.
BAND_BRUSH = (32, 32, 32, 120)


def band_brush() -> QBrush:
    return QBrush(QColor(*BAND_BRUSH), Qt.BrushStyle.Dense6Pattern)


MEDIAN_COLOUR = "#202020"


class BandOverlay(QObject):
    """Draws a ``core.uncertainty.Band`` on a plot; keeps it in step with the session."""

    refreshed = Signal()  # a fresh band was drawn (tests, benchmark)

    def __init__(self, panel: Any, plot: pg.PlotItem) -> None:
        super().__init__(panel)
        self.panel, self.session = panel, panel.session
        # Curves (not PlotDataItems: a pen-less PlotDataItem holds no path to fill between).
        self.lower = pg.PlotCurveItem([], [], pen=pg.mkPen(None))
        self.upper = pg.PlotCurveItem([], [], pen=pg.mkPen(None))
        self.fill = pg.FillBetweenItem(self.lower, self.upper, brush=band_brush())
        self.median = pg.PlotDataItem(
            [], [], pen=pg.mkPen(MEDIAN_COLOUR, width=1.5, style=Qt.PenStyle.DotLine)
        )
        # The legend's swatch (a fill between curves draws none of its own); never on the plot.
        self.swatch = pg.BarGraphItem(x=[0], height=[1], width=1, brush=band_brush())
        self.fill.setZValue(Z_LINES - 1)
        self.median.setZValue(Z_LINES - 1)
        for item in (self.fill, self.median):
            plot.addItem(item)
        self.band: Any = None  # core.uncertainty.Band on screen
        self.band_key: tuple | None = None  # what it was computed for
        self.stale = True
        self.task: BackgroundTask | None = None
        self._model: Any = None  # the last DrawModel, its parameter arrays reused after edits
        self._model_key: tuple | None = None
        self._inputs_ok = False  # the model's parameter arrays still hold for the project
        self._edits = 0  # edits so far: a model computed before the last one is out of date
        self._model_edits = -1  # ``_edits`` when the last model's computation started
        self._generation = 0
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self._start)
        self.session.changed.connect(self._on_changed)
        self.session.projectReplaced.connect(self._on_replaced)
        self.session.scenarioChanged.connect(lambda _n: self.schedule())
        self._waiting_for_show = False  # a hidden chart computes no band until it is shown
        panel.installEventFilter(self)
        mine: list[BackgroundTask] = []  # not ``self``: the closure must outlive the overlay
        self._mine = mine
        panel.destroyed.connect(lambda *_: [t.cancel() for t in mine])

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._waiting_for_show:
            self._waiting_for_show = False
            self.schedule()
        return False

    # ------------------------------------------------------------- what is asked for
    def settings(self) -> tuple[int, int]:
        u = self.session.project.uncertainty
        return int(u.draws), int(u.seed)

    def key(self) -> tuple:
        p = self.panel
        return (self.session.scenario, p.basis, p.metric, p.gross, p.horizon, *self.settings())

    def _on_replaced(self) -> None:
        self._edits += 1
        self._model, self._model_key, self._inputs_ok = None, None, False
        self.band, self.band_key = None, None
        self.draw()

    def _on_changed(self, changes: Changes) -> None:
        self._edits += 1
        if set(changes.parts) - {"allocations"}:
            self._inputs_ok = False  # a parameter, park, fund… edit: the draws' arrays go
        self.stale = True
        self.draw()
        self.schedule()

    def schedule(self) -> None:
        """Recompute after a quiet moment (each new request restarts the wait)."""
        if self.settings()[0] <= 0:
            self.draw()
            return
        if not self.panel.isVisible():
            self._waiting_for_show = True
            return
        self._timer.start()

    # ------------------------------------------------------------- background work
    def _start(self) -> None:
        if self.task is not None and not self.task.done.is_set():
            self.task.cancel()  # its result is dropped; the next one starts when it ends
            self._timer.start()
            return
        key = self.key()
        scenario, basis, metric, gross, horizon, draws, seed = key
        if draws <= 0 or self.session.project.scenario(scenario) is None:
            return
        model_key = (scenario, horizon, draws, seed)
        old = self._model if (self._inputs_ok and self._model_key == model_key) else None
        if old is not None:  # only the allocations moved: copy the scenario, keep the draws
            private: Any = copy.deepcopy(self.session.project.scenario(scenario))
        else:
            from workbench.ui.dialogs.common import snapshot

            private = snapshot(self.session.project)
        self._generation += 1
        generation, edits = self._generation, self._edits

        def work(progress: Any, cancel: Any) -> tuple:
            from workbench.core.uncertainty import circle_band, draw_model

            with np.errstate(all="ignore"):
                if old is not None:
                    model = old.with_allocations(private, cancel=cancel)
                else:
                    model = draw_model(
                        private, scenario, draws=draws, seed=seed, until=horizon, cancel=cancel
                    )
                band = circle_band(model, basis, metric, net=not gross)
            return generation, key, model_key, model, band, edits

        task = BackgroundTask(work)  # no parent: it may outlive a closed panel
        task.succeeded.connect(self._finished)
        mine = self._mine
        _RUNNING.add(task)
        mine.append(task)

        def done() -> None:
            _RUNNING.discard(task)
            if task in mine:
                mine.remove(task)
            task.deleteLater()

        task.finished.connect(done)
        self.task = task
        task.start()

    def _finished(self, result: tuple) -> None:
        generation, key, model_key, model, band, edits = result
        self._model, self._model_key, self._inputs_ok = model, model_key, True
        self._model_edits = edits
        if generation != self._generation:
            return
        self.band, self.band_key = band, key
        self.stale = key != self.key()
        self.draw()
        if self.stale:
            self.schedule()
            return
        panel = self.panel  # its legend, value range and hover texts now include the band
        panel._stale.add(panel.TAB_UPLIFT)
        panel.refresh()
        self.refreshed.emit()

    def current_model(self, scenario: str, until: int, draws: int, seed: int) -> Any:
        """The draws' model of the last band when it was computed from the project as it is now
        with these settings (its effects computed), else None: an export reuses it rather than
        drawing the same draws again, which takes seconds on a large project."""
        if self._model_edits != self._edits or self._model_key != (scenario, until, draws, seed):
            return None
        return self._model

    # ------------------------------------------------------------- drawing
    def draw(self) -> None:
        """The band as it is: hidden when off or absent, faded while stale."""
        band = self.band
        off = self.settings()[0] <= 0
        if band is None or off or not _finite(band):
            for item in (self.lower, self.upper, self.median):
                item.setData([], [])
            self.fill.setVisible(False)
            self.median.setVisible(False)
            return
        x = np.asarray(band.years, dtype=float)
        self.lower.setData(x, band.p10)
        self.upper.setData(x, band.p90)
        self.median.setData(x, band.p50)
        stale = self.stale or self.band_key != self.key()
        for item in (self.fill, self.median):
            item.setVisible(True)
            item.setOpacity(STALE_OPACITY if stale else 1.0)

    def show_for_current(self) -> None:
        """Called by the panel after it redraws: a band for other settings is stale."""
        if self.band_key != self.key():
            self.stale = True
            self.schedule()
        self.draw()

    def legend_items(self) -> list[tuple[Any, str]]:
        """(item, label) for the chart's legend while a band is shown."""
        if self.band is None or self.settings()[0] <= 0:
            return []
        from workbench.ui.i18n import pick

        return [
            (self.swatch, pick("P10–P90 区间", "P10–P90 range")),
            (self.median, pick("P50 中位数", "P50 median")),
        ]

    def extent(self) -> list[np.ndarray]:
        """The band's values, for the chart's value range (never clipped)."""
        if self.band is None or self.settings()[0] <= 0 or not _finite(self.band):
            return []
        return [np.asarray(self.band.p10), np.asarray(self.band.p90)]

    def hover(self, rects: list, texts: list[str]) -> tuple[list, list[str]]:
        """Bar hover texts with the band's P10/P50/P90 of their year, and hit areas over the band
        itself (first, so a bar under the mouse keeps its own text)."""
        from workbench.core.uncertainty.bands import band_text

        band = self.band
        if band is None or self.settings()[0] <= 0 or not _finite(band):
            return rects, texts
        lang, stale = language(), self.stale or self.band_key != self.key()
        lines = {y: band_text(band, y, lang, stale) for y in band.years}
        out = []
        for (x0, x1, _y0, _y1), t in zip(rects, texts, strict=False):
            year = round(float(x0 + x1) / 2)
            out.append(f"{t}\n{lines[year]}" if year in lines else t)
        out.extend(texts[len(out) :])
        band_rects = [
            (y - 0.3, y + 0.3, float(lo), float(hi))
            for y, lo, hi in zip(band.years, band.p10, band.p90, strict=True)
        ]
        return band_rects + list(rects), [lines[y] for y in band.years] + out


def _finite(band: Any) -> bool:
    return bool(np.isfinite(band.p10).all() and np.isfinite(band.p90).all())

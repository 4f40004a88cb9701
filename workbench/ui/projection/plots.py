"""Plot pieces of the 预测 panel: a plot widget, reusable stacked bars, a category axis, and the
value range that holds still while the data still fit it."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsItem, QSizePolicy

from workbench.core.projections import vocabulary as voc
from workbench.core.projections.views import Stack
from workbench.ui.figure_menu import install_figure_menu
from workbench.ui.i18n import language

# Drawing order: bars, then the outlined non-summable part, then lines and markers, then notes.
Z_BARS, Z_EXCESS, Z_LINES, Z_NOTE = 0, 5, 10, 50


class StackedBars:
    """A reusable pool of BarGraphItems drawn as stacked bars (vertical or horizontal).

    Items are created the first time that many series are needed and then only updated; spare
    items are hidden, so the number of scene items never grows with the number of edits. A
    stack's non-summable part (``Stack.excess``) is one more item, outlined and hatched, drawn on
    top of each bar and listed as ``vocabulary.NOT_SUMMABLE``; it is in no total.
    """

    def __init__(
        self,
        plot: pg.PlotItem,
        horizontal: bool,
        thickness: float = 0.6,
        legend_offset: tuple[int, int] = (10, 10),
    ) -> None:
        self.plot = plot
        self.horizontal = horizontal
        self.thickness = thickness
        self.items: list[pg.BarGraphItem] = []
        self.legend = plot.addLegend(
            offset=legend_offset,  # where the bars are shortest
            labelTextSize="9pt",
            labelTextColor="#202020",
            brush=pg.mkBrush(255, 255, 255, 225),
            pen=pg.mkPen("#c0c0c0"),
        )
        self.extra: list[tuple[Any, str]] = []  # non-bar items listed after the bars
        self.excess_item = self._new_item()
        self.excess_item.setZValue(Z_EXCESS)
        self.excess_item.setVisible(False)
        self.empty_note = pg.TextItem(color="#606060", anchor=(0.5, 0.5))
        self.empty_note.setZValue(Z_NOTE)
        self.empty_note.hide()
        plot.addItem(self.empty_note, ignoreBounds=True)
        self._legend_labels: list[str] = []
        self._legend_shown: list[str] = []
        self._legend_colours: list[str] = []

    def _new_item(self) -> pg.BarGraphItem:
        if self.horizontal:
            item = pg.BarGraphItem(x0=[], width=[], y=[], height=self.thickness)
        else:
            item = pg.BarGraphItem(x=[], height=[], y0=[], width=self.thickness)
        item.setZValue(Z_BARS)
        self.plot.addItem(item)
        return item

    def _item(self, i: int) -> pg.BarGraphItem:
        while len(self.items) <= i:
            self.items.append(self._new_item())
        return self.items[i]

    def _set(self, item: pg.BarGraphItem, base, vals, centre, th, brush, pen) -> None:
        if self.horizontal:
            item.setOpts(x0=base, width=vals, y=centre, height=th, brush=brush, pen=pen)
        else:
            item.setOpts(x=centre, height=vals, y0=base, width=th, brush=brush, pen=pen)

    def update(
        self, stack: Stack, offsets: list[float] | None = None
    ) -> tuple[list[tuple[float, float, float, float]], np.ndarray, np.ndarray]:
        """Draw ``stack`` in its colours; return each bar's hit rectangle (series-major, then the
        non-summable bars where there are any) and the stack bounds. With ``offsets`` the series
        are drawn side by side (grouped), not stacked.
        """
        colours = stack.colours
        n, m = stack.values.shape if stack.values.ndim == 2 else (0, 0)
        pos = stack.positions
        pos_base = np.zeros(m)
        neg_base = np.zeros(m)
        rects: list[tuple[float, float, float, float]] = []
        th = self.thickness if offsets is None else self.thickness / max(n, 1)
        pen = pg.mkPen("#ffffff", width=0.5)
        for i in range(n):
            vals = stack.values[i]
            if offsets is None:
                base = np.where(vals >= 0, pos_base, neg_base)
                pos_base = pos_base + np.clip(vals, 0, None)
                neg_base = neg_base + np.clip(vals, None, 0)
                centre = pos
            else:
                base = np.zeros(m)
                centre = pos + offsets[i]
            item = self._item(i)
            self._set(item, base, vals, centre, th, pg.mkBrush(colours[i % len(colours)]), pen)
            item.setVisible(True)
            rects.extend(self._rects(base, vals, centre, th))
        for item in self.items[n:]:
            item.setVisible(False)
        extra = stack.excess_totals if n else np.zeros(0)
        has_excess = bool(np.any(extra)) and offsets is None
        if has_excess:
            self._set(
                self.excess_item,
                pos_base,
                extra,
                pos,
                th,
                QBrush(pg.mkColor(voc.NOT_SUMMABLE_COLOUR), Qt.BrushStyle.BDiagPattern),
                pg.mkPen(voc.NOT_SUMMABLE_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
            )
            hit = np.flatnonzero(extra)
            rects.extend(self._rects(pos_base[hit], extra[hit], pos[hit], th))
            pos_base = pos_base + np.clip(extra, 0, None)
        self.excess_item.setVisible(has_excess)
        self.empty_note.setVisible(False)
        labels = [*stack.labels[:n], *([voc.NOT_SUMMABLE.label(language())] if has_excess else [])]
        self._update_legend(labels, n, has_excess, list(colours[:n]))
        self._legend_labels = list(stack.labels[:n])
        return rects, neg_base, pos_base

    def _rects(self, base, vals, centre, th) -> list[tuple[float, float, float, float]]:
        lo, hi = np.minimum(base, base + vals), np.maximum(base, base + vals)
        c0, c1 = centre - th / 2, centre + th / 2
        cols = (lo, hi, c0, c1) if self.horizontal else (c0, c1, lo, hi)
        return list(zip(*(np.asarray(c, dtype=float).tolist() for c in cols), strict=True))

    def _update_legend(
        self, labels: list[str], n: int, has_excess: bool, colours: list[str]
    ) -> None:
        wanted = [*labels, *(name for _item, name in self.extra)]
        self.legend.setVisible(bool(wanted))  # an empty chart has no empty legend box
        # A city keeps its colour while the pool item under it changes with the ranking: a
        # sample whose item changed colour is repainted (only those: a repaint costs a frame).
        recoloured = [
            i
            for i, c in enumerate(colours)
            if i >= len(self._legend_colours) or self._legend_colours[i] != c
        ]
        self._legend_colours = colours
        if wanted == self._legend_shown and len(self.legend.items) == len(wanted):
            for i in recoloured:
                self.legend.items[i][0].update()
            return
        if (
            len(wanted) == len(self._legend_shown)
            and len(self.legend.items) == len(wanted)
            and wanted[n:] == self._legend_shown[n:]
        ):
            # Same number of cities, other cities or order: relabel in place and repaint the
            # samples; rebuilding the legend costs more than the rest of the redraw.
            for (_sample, text_item), text in zip(self.legend.items, wanted, strict=True):
                if text_item.text != text:
                    text_item.setText(text)
            for i in recoloured:
                self.legend.items[i][0].update()
        else:
            self.legend.clear()
            for i, text in enumerate(labels[:n]):
                self.legend.addItem(self.items[i], text)
            if has_excess:
                self.legend.addItem(self.excess_item, labels[n])
            for item, name in self.extra:
                self.legend.addItem(item, name)
        self._legend_shown = wanted

    def show_empty(self, text: str) -> None:
        """Say in the middle of the (empty) plot why there is nothing to draw."""
        vb = self.plot.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        self.empty_note.setText(text)
        self.empty_note.setPos((x0 + x1) / 2, (y0 + y1) / 2)
        self.empty_note.setVisible(True)

    def heights(self, i: int) -> np.ndarray:
        """Series ``i``'s drawn values (for tests and the benchmark)."""
        key = "width" if self.horizontal else "height"
        return np.asarray(self.items[i].opts[key], dtype=float)


class CategoryAxis(pg.AxisItem):
    """A left axis of category names that thins its labels to what fits, so none overlap."""

    def __init__(self) -> None:
        super().__init__("left")
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        self.names = names
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        lo, hi = max(0, math.ceil(minVal)), min(len(self.names) - 1, math.floor(maxVal))
        if hi < lo:
            return []
        line = self.fontMetrics().height() if hasattr(self, "fontMetrics") else 14
        line = max(line, 14)
        step = max(1, math.ceil((hi - lo + 1) * line / max(size, 1.0)))
        return [(step, list(range(lo, hi + 1, step)))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            i = round(v)
            out.append(self.names[i] if 0 <= i < len(self.names) else "")
        return out


def make_plot(object_name: str) -> pg.PlotWidget:
    w = pg.PlotWidget(background="w")
    w.setObjectName(object_name)
    w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    w.setMinimumSize(200, 150)
    item = w.getPlotItem()
    item.showGrid(x=False, y=True, alpha=0.25)
    item.setMenuEnabled(False)
    for name in ("left", "bottom"):
        ax = item.getAxis(name)
        # Replaying an axis' text costs ~2–3 ms per paint; cache it while its range holds.
        ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        ax.setPen(pg.mkPen("#606060"))
        ax.setTextPen(pg.mkPen("#303030"))
    install_figure_menu(w, object_name)  # 导出图片… / 复制图片 on right-click
    _TitleFit(w)
    return w


TITLE_MARGIN = 16  # px kept free beside a wrapped title


def set_title(item: pg.PlotItem, text: str, size: str) -> None:
    """``item.setTitle`` that keeps the title within the plot's width (see ``fit_title``)."""
    item.setTitle(text, size=size)
    fit_title(item)


def fit_title(item: pg.PlotItem, width: float | None = None) -> None:
    """Wrap a title wider than its plot and give the title row the height of its lines
    (``width``: the view's new width, when called as it is resized).

    pyqtgraph sizes the title to its text on one line and gives it a fixed 30 px row: a long
    title (an English colour key in the title of a chart that scrolls) made the chart wider than
    its dock, and the right of the chart, bars included, was cut off. A title that fits stays
    on one line, centred, as before."""
    label = item.titleLabel
    views = item.scene().views() if item.scene() is not None else []
    if not label.isVisible() or not views:
        return
    # The title sits over the plotting area: the axes beside it take their share of the width.
    beside = sum(
        item.getAxis(side).width() for side in ("left", "right") if item.getAxis(side).isVisible()
    )
    view = views[0].viewport().width() if width is None else width
    room = max(80.0, view - beside - TITLE_MARGIN)
    text = label.item
    text.setTextWidth(-1)  # its natural width, on as few lines as its own breaks make
    if text.boundingRect().width() > room:
        text.setTextWidth(room)
    label.updateMin()
    height = max(30.0, label.itemRect().height())
    label.setMaximumHeight(height)
    item.layout.setRowFixedHeight(0, height)


class _TitleFit(QObject):
    """Re-fits a plot's title when the plot is resized."""

    def __init__(self, widget: pg.PlotWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # before the view lays out its viewport
            frame = 2 * self.widget.frameWidth()
            fit_title(self.widget.getPlotItem(), event.size().width() - frame)
        return False


def nice_ceil(x: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ 1.08·x (x > 0)."""
    if x <= 0:
        return 0.0
    target = 1.08 * x
    k = math.floor(math.log10(target))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * 10**k >= target:
            return m * 10**k
    return 10 ** (k + 1)


def fit_range(
    ranges: dict[str, Any],
    item: pg.PlotItem,
    key: str,
    shown: tuple,
    values: list[np.ndarray],
    categories: np.ndarray,
    horizontal: bool,
) -> None:
    """Fit the view to the data, but keep the value range while the same data still fit it well.

    Auto-ranging on every edit moves the value axis with each keystroke: the numbers jump under
    the planner's eyes and the axis (text, the costliest thing to paint) is redrawn every frame.
    So the range is kept, but only while (a) the chart shows the same thing as when it was set
    (``shown``: metric, basis, stacking, scenario, comparison — anything else re-fits), (b) the
    view still has that range (one view shows many selections in turn: a range remembered for
    one selection says nothing about what the view shows now), and (c) the data stay inside it
    and fill at least 60 % of it. ``key`` names the view (one entry per plot).
    """
    finite = [v[np.isfinite(v)] for v in values if np.size(v)]
    lo = min([0.0, *(float(v.min()) for v in finite if v.size)])
    hi = max([0.0, *(float(v.max()) for v in finite if v.size)])
    if hi - lo <= 0:
        hi = 1.0
    pad = 0.06 * (hi - lo)
    want = (lo - (pad if lo < 0 else 0.0), hi + pad)
    vb = item.getViewBox()
    x_range, y_range = vb.viewRange()
    value_now, cat_now = (x_range, y_range) if horizontal else (y_range, x_range)
    last = ranges.get(key)
    keep = (
        last is not None
        and last["shown"] == shown
        and _same(value_now, last["value"])
        and last["value"][0] <= want[0]
        and last["value"][1] >= want[1]
        and (want[1] - want[0]) >= 0.6 * (last["value"][1] - last["value"][0])
    )
    vb.disableAutoRange()
    if keep:
        value = last["value"]
    else:
        # Round outwards to a "nice" bound so that the next few edits still fit.
        top = nice_ceil(want[1])
        # a sliver below zero keeps the "0" tick label inside the view
        value = (-nice_ceil(-want[0]) if want[0] < 0 else -0.02 * top, top)
        (vb.setXRange if horizontal else vb.setYRange)(*value, padding=0)
    cats = (
        (float(categories.min()) - 0.6, float(categories.max()) + 0.6)
        if len(categories)
        else (0.0, 1.0)
    )
    if not _same(cat_now, cats):
        (vb.setYRange if horizontal else vb.setXRange)(*cats, padding=0)
    ranges[key] = {"shown": shown, "value": value}


def _same(a: Any, b: Any) -> bool:
    return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-9))

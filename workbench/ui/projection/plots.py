"""Plot pieces of the 预测 panel: a plot widget, reusable stacked bars, a category axis, and the
value range that holds still while the data still fit it."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QSizePolicy

from workbench.core.projections.views import Stack


class StackedBars:
    """A reusable pool of BarGraphItems drawn as stacked bars (vertical or horizontal).

    Items are created the first time that many series are needed and then only updated; spare
    items are hidden, so the number of scene items never grows with the number of edits.
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
        self._legend_labels: list[str] = []
        self._legend_shown: list[str] = []

    def _item(self, i: int) -> pg.BarGraphItem:
        while len(self.items) <= i:
            if self.horizontal:
                item = pg.BarGraphItem(x0=[], width=[], y=[], height=self.thickness)
            else:
                item = pg.BarGraphItem(x=[], height=[], y0=[], width=self.thickness)
            self.plot.addItem(item)
            self.items.append(item)
        return self.items[i]

    def update(
        self, stack: Stack, offsets: list[float] | None = None
    ) -> tuple[list[tuple[float, float, float, float]], np.ndarray, np.ndarray]:
        """Draw ``stack`` in its colours; return each bar's hit rectangle (series-major) and the
        stack bounds. With ``offsets`` the series are drawn side by side (grouped), not stacked.
        """
        colours = stack.colours
        n, m = stack.values.shape if stack.values.ndim == 2 else (0, 0)
        pos = stack.positions
        pos_base = np.zeros(m)
        neg_base = np.zeros(m)
        rects: list[tuple[float, float, float, float]] = []
        th = self.thickness if offsets is None else self.thickness / max(n, 1)
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
            brush = pg.mkBrush(colours[i % len(colours)])
            pen = pg.mkPen("#ffffff", width=0.5)
            if self.horizontal:
                item.setOpts(x0=base, width=vals, y=centre, height=th, brush=brush, pen=pen)
            else:
                item.setOpts(x=centre, height=vals, y0=base, width=th, brush=brush, pen=pen)
            item.setVisible(True)
            lo, hi = np.minimum(base, base + vals), np.maximum(base, base + vals)
            for j in range(m):
                c0, c1 = centre[j] - th / 2, centre[j] + th / 2
                rects.append((lo[j], hi[j], c0, c1) if self.horizontal else (c0, c1, lo[j], hi[j]))
        for item in self.items[n:]:
            item.setVisible(False)
        wanted = [*stack.labels, *(name for _item, name in self.extra)]
        if (
            len(wanted) == len(self._legend_shown)
            and len(self.legend.items) == len(wanted)
            and [name for _i, name in self.extra] == self._legend_shown[len(stack.labels) :]
        ):
            # Same entries, other order or names (the top cities move as money moves): relabel
            # in place; rebuilding the legend costs more than the rest of the redraw.
            for (_sample, text_item), text in zip(self.legend.items, wanted, strict=True):
                if text_item.text != text:
                    text_item.setText(text)
            self._legend_shown = wanted
        elif wanted != self._legend_shown:
            self.legend.clear()
            for i, text in enumerate(stack.labels[:n]):
                self.legend.addItem(self.items[i], text)
            for item, name in self.extra:
                self.legend.addItem(item, name)
            self._legend_shown = wanted
        self._legend_labels = list(stack.labels)
        return rects, neg_base, pos_base

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
    return w


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
    ranges: dict[str, tuple[float, float]],
    item: pg.PlotItem,
    key: str,
    values: list[np.ndarray],
    categories: np.ndarray,
    horizontal: bool,
) -> None:
    """Fit the view to the data, but keep the value range while the data still fit it well.

    Auto-ranging on every edit moves the value axis with each keystroke: the numbers jump under
    the planner's eyes and the axis (text, the costliest thing to paint) is redrawn every frame.
    The range changes only when the data leave it or shrink below 60 % of it.
    """
    finite = [v[np.isfinite(v)] for v in values if np.size(v)]
    lo = min([0.0, *(float(v.min()) for v in finite if v.size)])
    hi = max([0.0, *(float(v.max()) for v in finite if v.size)])
    if hi - lo <= 0:
        hi = 1.0
    pad = 0.06 * (hi - lo)
    want = (lo - (pad if lo < 0 else 0.0), hi + pad)
    cur = ranges.get(key)
    keep = (
        cur is not None
        and cur[0] <= want[0]
        and cur[1] >= want[1]
        and (want[1] - want[0]) >= 0.6 * (cur[1] - cur[0])
    )
    vb = item.getViewBox()
    vb.disableAutoRange()
    if not keep:
        # Round outwards to a "nice" bound so that the next few edits still fit.
        top = nice_ceil(want[1])
        # a sliver below zero keeps the "0" tick label inside the view
        want = (-nice_ceil(-want[0]) if want[0] < 0 else -0.02 * top, top)
        ranges[key] = want
        (vb.setXRange if horizontal else vb.setYRange)(*want, padding=0)
    cats = (
        (float(categories.min()) - 0.6, float(categories.max()) + 0.6)
        if len(categories)
        else (0, 1)
    )
    if ranges.get(key + ".cat") != cats:
        ranges[key + ".cat"] = cats
        (vb.setYRange if horizontal else vb.setXRange)(*cats, padding=0)

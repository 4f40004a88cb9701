"""Exact value and unit under the mouse, for any bar chart of the 预测 panel."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF


class Hover:
    """Exact value and unit under the mouse: hit rectangles in data coordinates, one text each."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.rects = np.zeros((0, 4))
        self.texts: list[str] = []
        self.tip = pg.TextItem(color="#202020", fill=pg.mkBrush(255, 255, 240, 235), anchor=(0, 1))
        self.tip.setZValue(100)
        self.tip.hide()
        # In the scene, not the view box: above the legend, which sits over the data.
        plot.scene().addItem(self.tip)
        plot.scene().sigMouseMoved.connect(self._moved)

    def set(self, rects: list[tuple[float, float, float, float]], texts: list[str]) -> None:
        self.rects = np.asarray(rects, dtype=float).reshape(-1, 4)
        self.texts = texts
        self.tip.hide()

    def text_at(self, x: float, y: float) -> str | None:
        r = self.rects
        if not len(r):
            return None
        hit = np.nonzero((r[:, 0] <= x) & (x <= r[:, 1]) & (r[:, 2] <= y) & (y <= r[:, 3]))[0]
        return self.texts[int(hit[-1])] if len(hit) else None

    def _moved(self, scene_pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            self.tip.hide()
            return
        p = vb.mapSceneToView(scene_pos)
        text = self.text_at(p.x(), p.y())
        if text is None:
            self.tip.hide()
            return
        self.tip.setText(text)
        # Kept inside the plot: near its right edge the tip moves left rather than be cut off.
        frame = self.plot.sceneBoundingRect()
        x = min(scene_pos.x(), frame.right() - self.tip.boundingRect().width())
        self.tip.setPos(QPointF(max(x, frame.left()), scene_pos.y()))
        self.tip.show()

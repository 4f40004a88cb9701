"""The map's graphics scene: one path item per planning unit, created once and only recoloured.

Scene units are kilometres (``core.map_geometry.project``), y downwards. Items, bottom to top:
unit fills, province borders, circle and metropolitan outlines, park arrows, candidate points.
A recolour after an edit sets brushes only (``recolour``): no item is created or moved, so it
costs well under a frame on the sample.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from pyqtgraph.functions import arrayToQPath
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsItemGroup,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
)

from workbench.core import map_geometry as mg
from workbench.core.map_view import STATUS_COLOURS, TYPE_SYMBOLS, MapPoint, ParkArrow

Z_FILL, Z_PROVINCE, Z_OUTLINE, Z_ARROW, Z_POINT, Z_SELECTED = 0, 2, 3, 5, 6, 4
OUTLINE_PENS = {
    "cce": ("#b71c1c", 2.2, Qt.PenStyle.SolidLine),
    "chengdu_metro": ("#6a1b9a", 1.8, Qt.PenStyle.DashLine),
    "chongqing_metro": ("#e65100", 1.8, Qt.PenStyle.DashLine),
}
POINT_KM = 9.0  # a candidate marker's size in km: markers scale with the map, as in an export


def ring_path(rings: list[np.ndarray]) -> QPainterPath:
    """All rings in one path, built from numpy arrays (pyqtgraph's ``arrayToQPath`` writes the
    points in one block: a QPointF per point cost most of the first paint)."""
    if not rings:
        return QPainterPath()
    closed = [mg.project_ring(np.vstack([r, r[:1]])) for r in rings]
    xy = np.vstack(closed)
    connect = np.ones(len(xy), dtype=bool)
    ends = np.cumsum([len(c) for c in closed]) - 1
    connect[ends] = False  # no segment from one ring's last point to the next ring
    path = arrayToQPath(xy[:, 0], xy[:, 1], connect=connect)
    path.setFillRule(Qt.FillRule.OddEvenFill)
    return path


def cosmetic(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen whose width is in pixels whatever the zoom (borders stay hairlines)."""
    pen = QPen(QColor(colour), width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


class MapScene(QGraphicsScene):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.units: dict[str, QGraphicsPathItem] = {}
        self.names: dict[str, str] = {}
        self.values: dict[str, float] = {}
        self.outlines: dict[str, QGraphicsItemGroup] = {}
        self.points: list[tuple[QGraphicsItem, MapPoint]] = []
        self.arrows: list[QGraphicsItem] = []
        self.selected: str | None = None
        self._border = cosmetic("#ffffff", 0.7)
        self._selected_pen = cosmetic("#111111", 2.6)
        self.setBackgroundBrush(QColor("#f7f9fb"))

    def set_caching(self, on: bool) -> None:
        """Each item keeps its pixels (a recolour repaints only the units whose colour changed,
        a pan blits); off while an export paints at another resolution."""
        mode = (
            QGraphicsItem.CacheMode.DeviceCoordinateCache if on else QGraphicsItem.CacheMode.NoCache
        )
        for item in self.items():
            item.setCacheMode(mode)

    def scale_pens(self, factor: float) -> None:
        """Multiply every cosmetic pen's width by ``factor`` (an export at 300 DPI draws its
        borders as wide, on paper, as the screen shows them); ``scale_pens(1 / factor)`` undoes it."""
        for item in self.items():
            pen = getattr(item, "pen", None)
            if pen is None:
                continue
            p = item.pen()
            if p.isCosmetic():
                p.setWidthF(p.widthF() * factor)
                item.setPen(p)
        for pen in (self._border, self._selected_pen):
            pen.setWidthF(pen.widthF() * factor)

    # ------------------------------------------------------------- geometry (once per project)
    def set_units(self, unit_rings: dict[str, list[np.ndarray]], names: dict[str, str]) -> None:
        for item in self.units.values():
            self.removeItem(item)
        self.units = {}
        self.names = dict(names)
        for code, rings in unit_rings.items():
            item = QGraphicsPathItem(ring_path(rings))
            item.setPen(self._border)
            item.setBrush(QBrush(QColor("#e0e0e0")))
            item.setZValue(Z_FILL)
            item.setData(0, code)
            item.setAcceptHoverEvents(False)  # the view finds the unit under the mouse itself
            self.addItem(item)
            self.units[code] = item
        self.setSceneRect(self.itemsBoundingRect().adjusted(-20, -20, 20, 20))

    def set_provinces(self, rings: list[np.ndarray]) -> None:
        item = QGraphicsPathItem(ring_path(rings))
        item.setPen(cosmetic("#455a64", 1.4))
        item.setBrush(Qt.BrushStyle.NoBrush)
        item.setZValue(Z_PROVINCE)
        self.addItem(item)

    def set_outline(self, key: str, rings: list[np.ndarray]) -> None:
        old = self.outlines.pop(key, None)
        if old is not None:
            self.removeItem(old)
        colour, width, style = OUTLINE_PENS[key]
        item = QGraphicsPathItem(ring_path(rings))
        item.setPen(cosmetic(colour, width, style))
        item.setBrush(Qt.BrushStyle.NoBrush)
        item.setZValue(Z_OUTLINE)
        self.addItem(item)
        group = self.createItemGroup([item])
        group.setZValue(Z_OUTLINE)
        self.outlines[key] = group

    # ------------------------------------------------------------- colours (every edit)
    def recolour(self, colours: dict[str, str], values: dict[str, float]) -> None:
        """New fills only; a unit without a colour keeps the no-data grey."""
        self.values = values
        for code, item in self.units.items():
            colour = colours.get(code, "#e0e0e0")
            if item.brush().color().name() != colour:
                item.setBrush(QBrush(QColor(colour)))

    def select(self, code: str | None) -> None:
        if self.selected in self.units:
            item = self.units[self.selected]
            item.setPen(self._border)
            item.setZValue(Z_FILL)
        self.selected = code if code in self.units else None
        if self.selected is not None:
            item = self.units[self.selected]
            item.setPen(self._selected_pen)
            item.setZValue(Z_SELECTED)

    def unit_at(self, pos: QPointF) -> str | None:
        """The unit under ``pos`` (the scene's index narrows to the few whose bounds hold it)."""
        for item in self.items(pos):
            code = item.data(0)
            if isinstance(item, QGraphicsPathItem) and self.units.get(code) is item:
                return str(code)
        return None

    # ------------------------------------------------------------- overlays
    def set_points(self, points: list[MapPoint]) -> None:
        for item, _p in self.points:
            self.removeItem(item)
        self.points = []
        for p in points:
            item = _marker(p)
            self.addItem(item)
            self.points.append((item, p))

    def set_arrows(self, arrows: list[ParkArrow]) -> None:
        for item in self.arrows:
            self.removeItem(item)
        self.arrows = []
        for a in arrows:
            item = _arrow(a)
            self.addItem(item)
            self.arrows.append(item)

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        if layer == "points":
            for item, _p in self.points:
                item.setVisible(visible)
        elif layer == "arrows":
            for item in self.arrows:
                item.setVisible(visible)
        elif layer in self.outlines:
            self.outlines[layer].setVisible(visible)

    def map_rect(self) -> QRectF:
        """The units' extent (what an export frames)."""
        rect = QRectF()
        for item in self.units.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect


def _marker(p: MapPoint) -> QGraphicsItem:
    """A marker by unit type (circle, square, triangle, diamond), filled by status."""
    x, y = mg.project(p.lon, p.lat)
    s = POINT_KM
    symbol = TYPE_SYMBOLS.get(p.unit_type, "o")
    if symbol == "o":
        item: QGraphicsItem = QGraphicsEllipseItem(-s / 2, -s / 2, s, s)
    else:
        pts = {
            "s": [(-0.45, -0.45), (0.45, -0.45), (0.45, 0.45), (-0.45, 0.45)],
            "t": [(0, -0.6), (0.55, 0.4), (-0.55, 0.4)],
            "d": [(0, -0.6), (0.5, 0), (0, 0.6), (-0.5, 0)],
        }[symbol]
        item = QGraphicsPolygonItem(QPolygonF([QPointF(a * s, b * s) for a, b in pts]))
    item.setBrush(QBrush(QColor(STATUS_COLOURS[p.status])))
    item.setPen(cosmetic("#ffffff", 1.0))
    item.setPos(float(x), float(y))
    item.setZValue(Z_POINT)
    item.setData(0, p.cid)
    item.setToolTip(f"{p.cid} {p.name}")
    return item


def _arrow(a: ParkArrow) -> QGraphicsItem:
    """A gently curved arrow from partner to host (straight lines would hide under borders)."""
    (x0, y0), (x1, y1) = (
        tuple(map(float, mg.project(*a.start))),
        tuple(map(float, mg.project(*a.end))),
    )
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    bend = 0.18 * length
    cx, cy = (x0 + x1) / 2 - dy / length * bend, (y0 + y1) / 2 + dx / length * bend
    path = QPainterPath(QPointF(x0, y0))
    path.quadTo(QPointF(cx, cy), QPointF(x1, y1))
    # the head, along the curve's last tangent
    tx, ty = x1 - cx, y1 - cy
    tl = math.hypot(tx, ty) or 1.0
    ux, uy = tx / tl, ty / tl
    head = min(14.0, 0.25 * length)
    left = QPointF(x1 - ux * head - uy * head * 0.5, y1 - uy * head + ux * head * 0.5)
    right = QPointF(x1 - ux * head + uy * head * 0.5, y1 - uy * head - ux * head * 0.5)
    path.moveTo(left)
    path.lineTo(QPointF(x1, y1))
    path.lineTo(right)
    item = QGraphicsPathItem(path)
    item.setPen(cosmetic("#212121", 2.6))
    item.setZValue(Z_ARROW)
    item.setToolTip(f"{a.park_id} {a.name}")
    return item

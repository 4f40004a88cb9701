"""The map's view: wheel zoom about the cursor, drag to pan, hover and click on a unit.

Pan and zoom only change the view's transform; the scene's items are drawn from their cached
paths (no item is touched), which keeps both smooth on the sample's 59 units and ~40,000 points.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from workbench.ui.map.scene import MapScene

ZOOM_STEP = 1.2
ZOOM_LIMITS = (0.5, 40.0)  # relative to the fitted view


class MapView(QGraphicsView):
    hovered = Signal(str)  # planning unit code under the mouse ("" when none)
    clicked = Signal(str)  # planning unit clicked ("" for the sea around it)
    doubleClicked = Signal(str)  # planning unit double-clicked: open it in the 地区 view

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("mapView")
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setMouseTracking(True)
        # Dragging pans without them; at zoom 1 they would only take room from the map.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(200, 160)
        self._zoom = 1.0
        self._press: QPoint | None = None
        self._hover = ""

    def fit(self) -> None:
        """Show all units, at zoom 1."""
        rect = self.scene().map_rect()  # type: ignore[attr-defined]
        if not rect.isEmpty():
            self.resetTransform()
            self.fitInView(rect.adjusted(-10, -10, 10, 10), Qt.AspectRatioMode.KeepAspectRatio)
            self._zoom = 1.0

    def zoom_by(self, factor: float) -> None:
        new = min(max(self._zoom * factor, ZOOM_LIMITS[0]), ZOOM_LIMITS[1])
        if new != self._zoom:
            self.scale(new / self._zoom, new / self._zoom)
            self._zoom = new

    @property
    def zoom(self) -> float:
        return self._zoom

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._zoom == 1.0:
            self.fit()

    def _unit_at(self, pos: QPoint) -> str:
        return self.scene().unit_at(self.mapToScene(pos)) or ""  # type: ignore[attr-defined]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        code = self._unit_at(event.position().toPoint())
        if code != self._hover:
            self._hover = code
            self.hovered.emit(code)

    def leaveEvent(self, event: object) -> None:
        super().leaveEvent(event)  # type: ignore[arg-type]
        if self._hover:
            self._hover = ""
            self.hovered.emit("")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            code = self._unit_at(event.position().toPoint())
            if code:
                self.doubleClicked.emit(code)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._press is not None
            and (pos - self._press).manhattanLength() < 4  # a click, not the end of a drag
        ):
            self.clicked.emit(self._unit_at(pos))
        self._press = None

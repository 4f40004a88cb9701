"""The report's charts: the 预测 panel's own plots, built offscreen and returned as PNG bytes.

The same views (``core.projections.views``) and the same drawing pieces (``StackedBars``,
``make_plot``) as the panel, so a figure in the draft looks like the chart on screen and can
never show other numbers. Widgets are made on the UI thread, grabbed and dropped; the io writer
receives ``Figure(caption, png, unit, chapter)`` and never sees Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from workbench.core.projections import views
from workbench.core.projections import vocabulary as voc
from workbench.core.report.model import Figure, FigureSpec
from workbench.ui.i18n import language

if TYPE_CHECKING:
    import pyqtgraph as pg

    from workbench.core.projections import ProjectionEngine

# Logical pixels, drawn at SCALE× for print: 150 mm wide in the draft, so a 12 pt label here reads
# as about 8 pt on paper, and lines stay sharp at ~270 dpi.
WIDTH, HEIGHT = 800, 480
SCALE = 2.0
FONT_PT = 12
ROW_PX = 17  # per category on a horizontal bar chart


def _png(widget: pg.PlotWidget) -> bytes:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter, QRegion
    from PySide6.QtWidgets import QWidget

    size = widget.size()
    image = QImage(
        int(size.width() * SCALE), int(size.height() * SCALE), QImage.Format.Format_RGB32
    )
    image.setDevicePixelRatio(SCALE)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # QWidget's render (not QGraphicsView's): it delivers the pending resize first.
        QWidget.render(widget, painter, QPoint(0, 0), QRegion(widget.rect()))
    finally:
        painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise OSError("could not encode the chart as PNG")
    buf.close()
    return bytes(data.data())


def _font():
    from PySide6.QtGui import QFont

    font = QFont()
    font.setPointSize(FONT_PT)
    return font


def _styled(name: str) -> pg.PlotWidget:
    from workbench.ui.projection.plots import make_plot

    w = make_plot(name)
    w.resize(WIDTH, HEIGHT)
    font = _font()
    item = w.getPlotItem()
    for side in ("left", "bottom"):
        ax = item.getAxis(side)
        ax.setTickFont(font)
        ax.label.setFont(font)
    return w


def _uplift(engine: ProjectionEngine, scenario: str, spec: FigureSpec) -> pg.PlotWidget:
    from workbench.ui.projection.plots import StackedBars, nice_ceil

    lang = language()
    block = engine.block(scenario, spec.basis, spec.metric)
    once_key = voc.BASIS[spec.basis].counted_once
    once = engine.block(scenario, once_key, spec.metric) if once_key else None
    if spec.gross:
        block = block.as_gross()
        once = once.as_gross() if once is not None else None
    stack = views.uplift(block, spec.by, lang, once=once)
    w = _styled(f"reportFigure_{spec.key}")
    item = w.getPlotItem()
    bars = StackedBars(item, horizontal=False)
    bars.legend.setLabelTextSize(f"{FONT_PT - 2}pt")
    _rects, lo, hi = bars.update(stack)
    name = voc.METRIC[spec.metric].uplift(lang)
    item.getAxis("left").setLabel(views.with_unit(name, stack.unit, lang))
    years = np.asarray(block.years, dtype=float)
    item.getAxis("bottom").setTicks([[(y, f"{y:.0f}") for y in years]])
    top = nice_ceil(float(np.max(hi, initial=0.0)) or 1.0)
    bottom = min(float(np.min(lo, initial=0.0)), 0.0)
    vb = item.getViewBox()
    vb.disableAutoRange()
    vb.setYRange(bottom * 1.08 if bottom < 0 else -0.02 * top, top, padding=0)
    vb.setXRange(years[0] - 0.6, years[-1] + 0.6, padding=0)
    if stack.empty:
        bars.show_empty(views.empty_text(spec.metric, spec.basis, lang))
    return w


def _fund(engine: ProjectionEngine, scenario: str, spec: FigureSpec) -> pg.PlotWidget:
    import pyqtgraph as pg

    from workbench.ui.projection.plots import CategoryAxis, StackedBars, nice_ceil

    lang = language()
    stack = views.fund(engine.fund_view(scenario), spec.metric, lang)
    w = _styled(f"reportFigure_{spec.key}")
    axis = CategoryAxis()
    item = w.getPlotItem()
    item.setAxisItems({"left": axis})
    w.resize(WIDTH, max(HEIGHT, 90 + ROW_PX * len(stack.keys)))
    bars = StackedBars(item, horizontal=True, thickness=0.8, legend_offset=(-10, -10))
    bars.legend.setLabelTextSize(f"{FONT_PT - 2}pt")
    n = max(len(stack.labels), 1)
    th = bars.thickness / n
    bars.update(stack, [((n - 1) / 2 - i) * th for i in range(n)])
    axis.set_names(stack.keys)
    axis.setTickFont(_font())
    axis.setTextPen(pg.mkPen("#303030"))
    # The panel's axis widens itself on a later paint; one offscreen render needs it now.
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(_font())
    axis.setWidth(12 + max((metrics.horizontalAdvance(k) for k in stack.keys), default=40))
    item.getAxis("bottom").setLabel(
        views.with_unit(views._pick("金额", "Amount", lang), voc.MONEY, lang)
    )
    vb = item.getViewBox()
    vb.disableAutoRange()
    top = nice_ceil(float(np.max(stack.values, initial=0.0)) or 1.0)
    vb.setXRange(0, top, padding=0)
    positions = np.asarray(stack.positions, dtype=float)
    lo, hi = (positions.min(), positions.max()) if positions.size else (0.0, 1.0)
    vb.setYRange(lo - 0.6, hi + 0.6, padding=0)
    return w


def _tornado(df: Any) -> pg.PlotWidget:
    """The 敏感性 panel's own tornado (``TornadoChart``), labels long enough for print."""
    from workbench.ui.panels.sensitivity import TornadoChart

    chart = TornadoChart("reportFigure_tornado")
    w = chart.plot
    font = _font()
    item = w.getPlotItem()
    for side in ("left", "bottom"):
        ax = item.getAxis(side)
        ax.setTickFont(font)
        ax.label.setFont(font)
    chart.legend.setLabelTextSize(f"{FONT_PT - 2}pt")
    lang = language()
    v = chart.show(df, lang)
    # Paper has room the dock has not: names as long as a third of the width allows.
    limit = 22 if lang == "zh" else 44
    full = [r.label_zh if lang == "zh" else (r.label_en or r.label_zh) for r in df.itertuples()]
    names = [n if len(n) <= limit else n[: limit - 1] + "…" for n in full[: len(v.labels)]]
    names.reverse()  # rank 1 at the top, as ``show`` draws it
    chart.axis.set_names(names)
    w.resize(WIDTH, max(HEIGHT, 90 + 2 * ROW_PX * len(names)))
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(font)  # one offscreen render: the axis must be wide enough now
    chart.axis.setWidth(12 + max((metrics.horizontalAdvance(k) for k in names), default=40))
    return w


def _map_png(engine: ProjectionEngine, scenario: str, spec: FigureSpec) -> bytes:
    """The 地图 dock's own drawing (``ui.map.render_map_image``): same classes and legend."""
    from workbench.core import map_view as mv
    from workbench.ui.map import render_map_image

    map_spec = mv.MapSpec(metric=spec.metric, basis=spec.basis, gross=spec.gross)
    return render_map_image(
        engine.project,
        scenario,
        map_spec,
        size_px=(int(WIDTH * SCALE), int(WIDTH * SCALE * 0.75)),
        dpi=200,
        engine=engine,
        fmt="png",
    )


def render(
    engine: ProjectionEngine, scenario: str, spec: FigureSpec, data: dict | None = None
) -> Figure:
    """One figure the report asks for, as the app draws it, in the current UI language;
    ``data``: the report's frames (``Report.data``) for figures that are not engine blocks."""
    from workbench.core.report.fmt import Fmt

    if spec.key == "tornado":
        widget = _tornado((data or {})["tornado"])
        try:
            png = _png(widget)
        finally:
            widget.deleteLater()
        return Figure(spec.caption, png, Fmt(language()).unit(spec.unit), spec.chapter)
    if spec.key == "map":
        png = _map_png(engine, scenario, spec)
        return Figure(spec.caption, png, Fmt(language()).unit(spec.unit), spec.chapter)
    widget = (
        _fund(engine, scenario, spec) if spec.key == "fund" else _uplift(engine, scenario, spec)
    )
    try:
        png = _png(widget)
    finally:
        widget.deleteLater()
    return Figure(spec.caption, png, Fmt(language()).unit(spec.unit), spec.chapter)


def render_all(
    engine: ProjectionEngine, scenario: str, specs: list[FigureSpec], data: dict | None = None
) -> list[Figure]:
    """Every figure that can be drawn here; the map is left out (the draft still builds) only where
    the boundary package is missing."""
    from workbench.io.geometry_cache import GeometryUnavailable

    figures = []
    for spec in specs:
        try:
            figures.append(render(engine, scenario, spec, data))
        except GeometryUnavailable:
            if spec.key != "map":
                raise
    return figures


def render_headless(
    engine: ProjectionEngine,
    scenario: str,
    specs: list[FigureSpec],
    lang: str,
    data: dict | None = None,
) -> list[Figure]:
    """For ``workbench report``: draw without a window, on machines without a display too."""
    import os

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.ui import i18n
    from workbench.ui.app import ensure_application

    ensure_application()
    before = i18n.language()
    i18n.set_language(lang)
    try:
        return render_all(engine, scenario, specs, data)
    finally:
        i18n.set_language(before)

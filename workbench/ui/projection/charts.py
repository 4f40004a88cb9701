"""The 预测 panel's charts, built when first drawn or read (``ProjectionPanel.__getattr__``).

Kept apart from the panel so that importing the panel does not import the plotting library:
the window's first paint shows the panel's controls and a "预测计算中…" line where the chart
goes, and pyqtgraph loads with the first computation (which the chart waits for anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from workbench.ui.i18n import tr

PLACEHOLDER = "chartPlaceholder"  # object name of the line shown until the chart is built


def scroll(name: str) -> QScrollArea:
    """40+ cities do not fit a small dock: every name stays readable and the chart scrolls. The
    chart is put in when built."""
    area = QScrollArea(objectName=name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def holder(name: str, text: str) -> QWidget:
    """A tab page that says ``text`` until its chart is put in (``replace_placeholder``)."""
    page = QWidget(objectName=name)
    lay = QVBoxLayout(page)
    lay.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text, objectName=PLACEHOLDER)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: #606060; font-size: 12pt;")
    lay.addWidget(label)
    return page


def replace_placeholder(page: QWidget, chart: QWidget) -> None:
    label = page.findChild(QLabel, PLACEHOLDER)
    if label is not None:
        page.layout().removeWidget(label)
        label.deleteLater()
    page.layout().addWidget(chart)


def fit_range(*args: Any) -> None:
    """``plots.fit_range`` (a chart is drawn only once built, so the import is already done)."""
    from workbench.ui.projection.plots import fit_range as fit

    fit(*args)


def set_title(item: Any, text: str, size: str) -> None:
    """``plots.set_title`` (a chart's title is set only once it is built)."""
    from workbench.ui.projection.plots import set_title as set_

    set_(item, text, size)


def _top_axis(item: Any) -> None:
    """A chart that may scroll has its value scale on top as well, in view from the start."""
    import pyqtgraph as pg

    item.showAxis("top")
    top = item.getAxis("top")
    top.setPen(pg.mkPen("#606060"))
    top.setTextPen(pg.mkPen("#303030"))


def build_uplift(panel: Any) -> None:
    import pyqtgraph as pg

    from workbench.ui.projection.band import BandOverlay
    from workbench.ui.projection.hover import Hover
    from workbench.ui.projection.plots import Z_LINES, StackedBars, make_plot

    panel.uplift_plot = make_plot("projectionUpliftPlot")
    item = panel.uplift_plot.getPlotItem()
    panel.uplift_bars = StackedBars(item, horizontal=False)
    panel.uplift_hover = Hover(item)
    panel.compare_curve = pg.PlotDataItem(
        [],
        [],
        pen=pg.mkPen("#202020", width=2, style=Qt.PenStyle.DashLine),
        symbol="o",
        symbolSize=7,
        symbolBrush="#202020",
    )
    panel.compare_curve.setZValue(Z_LINES)  # lines above bars, on every chart
    item.addItem(panel.compare_curve)
    panel.band = BandOverlay(panel, item)  # P10–P90 and P50, computed in the background
    item.getAxis("bottom").setLabel(tr("proj.year"))
    replace_placeholder(panel.uplift_holder, panel.uplift_plot)


def _city_chart(panel: Any, name: str, plot_name: str, thickness: float) -> None:
    """A horizontal bar chart with a city per row (fund, spillover): ``panel.<name>_axis``,
    ``_plot``, ``_bars`` and ``_hover``, put in ``panel.<name>_scroll``."""
    from workbench.ui.projection.hover import Hover
    from workbench.ui.projection.plots import CategoryAxis, StackedBars, make_plot

    axis, plot = CategoryAxis(), make_plot(plot_name)
    item = plot.getPlotItem()
    item.setAxisItems({"left": axis})
    bars = StackedBars(item, horizontal=True, thickness=thickness, legend_offset=(-10, -10))
    for part, value in (("axis", axis), ("plot", plot), ("bars", bars), ("hover", Hover(item))):
        setattr(panel, f"{name}_{part}", value)
    _top_axis(item)
    getattr(panel, f"{name}_scroll").setWidget(plot)


def build_fund(panel: Any) -> None:
    _city_chart(panel, "fund", "projectionFundPlot", 0.8)


def build_spillover(panel: Any) -> None:
    _city_chart(panel, "spill", "projectionSpilloverPlot", 0.7)


BUILDERS: dict[str, Callable[[Any], None]] = {
    "uplift": build_uplift,
    "fund": build_fund,
    "spill": build_spillover,
}

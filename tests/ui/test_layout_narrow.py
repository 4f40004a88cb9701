"""At 1366×768 in both languages the chart is never in a horizontal scroll area (its control bar
wraps instead), nor the catalogue when its dock is dragged narrow (its rows wrap too), and the
problems list shows where each problem is, unelided or with a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

from workbench.ui import docks, i18n
from workbench.ui.flow_layout import FlowLayout
from workbench.ui.main_window import MainWindow
from workbench.ui.tables import cell_text_width

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _fitted_window(qtbot, settings, session, lang: str) -> MainWindow:
    i18n.set_language(lang)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.fit_to(QRect(0, 0, 1366, 768))
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(w.is_computed, timeout=10_000)
    qtbot.waitUntil(lambda: docks.all_built(w))
    return w


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def _visible_scrollbars(widget: QWidget) -> list[QWidget]:
    while widget is not None:
        if hasattr(widget, "horizontalScrollBar") and hasattr(widget, "cap"):
            bar = widget.horizontalScrollBar()
            return [bar] if bar.isVisible() else []
        widget = widget.parentWidget()
    return []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_is_wholly_visible_at_1366(qtbot, settings, session, lang) -> None:
    w = _fitted_window(qtbot, settings, session, lang)
    panel = w.projection
    plot = panel.uplift_plot
    assert plot.isVisible()
    assert _inside(plot, w), (lang, plot.mapTo(w, QPoint(0, 0)), plot.size(), w.size())
    assert panel.width() <= panel.parentWidget().width() + 1, "the panel is wider than its dock"
    assert not _visible_scrollbars(panel), lang
    for combo in (panel.metric_combo, panel.year_combo, panel.compare_combo):
        assert _inside(combo, w), combo.objectName()
        assert combo.visibleRegion().boundingRect().width() == combo.width(), combo.objectName()
    w.files.shutdown()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_catalogue_rows_wrap_in_a_narrow_dock(qtbot, settings, session, lang) -> None:
    w = _fitted_window(qtbot, settings, session, lang)
    dock, chart = w.docks["catalogueDock"], w.docks["projectionDock"]
    # As if the user dragged the splitter: the chart takes the rest of the width.
    w.resizeDocks([dock, chart], [600, w.width() - 620], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(dock.width() - 600) <= 20, timeout=5_000)
    panel = w.catalogue
    assert panel.weight_spins, "the sample project has score criteria"
    controls = [panel.city_combo, panel.type_combo, panel.sector_combo, panel.status_combo]
    controls += [panel.search, *panel.weight_spins.values(), panel.reject_button]
    qtbot.waitUntil(lambda: all(c.isVisible() for c in controls), timeout=5_000)
    qtbot.wait(50)  # the flowing rows' extra lines are laid out after the resize
    assert not _visible_scrollbars(panel), lang
    visible = panel.parentWidget().rect()  # the scroll area's viewport
    assert visible.width() <= 620, visible
    for c in controls:
        box = QRect(c.mapTo(panel.parentWidget(), QPoint(0, 0)), c.size())
        assert visible.contains(box), (lang, c.objectName(), box, visible)
    # Wrapped, not squeezed: the filters take more than one line at this width.
    assert panel.search.y() > panel.city_combo.y() or panel.search.parentWidget().height() > (
        2 * panel.search.height()
    )
    assert panel.search.width() >= 200
    w.files.shutdown()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_problem_locations_read_whole_at_1366(qtbot, settings, session, lang) -> None:
    w = _fitted_window(qtbot, settings, session, lang)
    w.docks["problemsDock"].raise_()
    qtbot.waitUntil(lambda: w.problems.model.rowCount() > 0, timeout=10_000)
    table, model = w.problems.table, w.problems.model
    where = 2
    longest = max(range(model.rowCount()), key=lambda r: cell_text_width(table, r, where))
    need = cell_text_width(table, longest, where)
    assert table.columnWidth(where) >= need, (lang, model.index(longest, where).data())
    message_width = table.columnWidth(1)
    for r in range(model.rowCount()):
        if cell_text_width(table, r, 1) > message_width:  # cut: the tooltip says it all
            idx = model.index(r, 1)
            assert idx.data(Qt.ItemDataRole.ToolTipRole) == idx.data()
    w.files.shutdown()


def test_flow_layout_wraps_when_narrow(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder)
    labels = [QLabel(f"control {i}") for i in range(6)]
    for label in labels:
        flow.addWidget(label)
    one_row = flow.sizeHint()
    assert flow.minimumSize().width() < one_row.width() / 3
    assert flow.heightForWidth(one_row.width()) == one_row.height()
    narrow = max(label.sizeHint().width() for label in labels) + 10
    assert flow.heightForWidth(narrow) >= 6 * labels[0].sizeHint().height()
    holder.resize(QSize(narrow, flow.heightForWidth(narrow)))
    holder.show()
    qtbot.waitExposed(holder)
    assert all(holder.rect().contains(label.geometry()) for label in labels)
    assert len({label.y() for label in labels}) == 6

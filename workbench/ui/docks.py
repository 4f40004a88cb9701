"""The main window's docks: one per registered panel, tabbed by group, and how they are laid out.

Kept apart from the window because these are the rules that grow: what is built before the first
paint, the default sizes, restoring a saved layout, and fitting the window on a small screen.

* A panel hidden behind another tab of its group in the default layout is built after the first
  paint, with the first computation, or earlier when its dock is shown or its attribute
  (``window.fund``…) is read: the first paint waits only for the panels a user sees.
* ``fit_to(window, available)`` keeps the window inside a screen's available geometry: when the
  tables and the charts cannot stand side by side at their minimum widths (English on 1366 px),
  the charts move below the tables instead of pushing the window past the screen's edge.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from workbench.ui.i18n import tr
from workbench.ui.panels.registry import PANELS, PanelSpec

DEFAULT_SIZE = (1400, 860)
TABLES_SHARE = 820 / 1380  # of the width beside the charts, in the default layout
PROBLEMS_HEIGHT = 130  # the problems strip stays short: extra height goes to tables and charts
LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
Window = Any  # workbench.ui.main_window.MainWindow (not imported: it imports this module)


def build_panels(window: Window) -> list[PanelSpec]:
    """Build the panels seen at first paint (the first of each group) and return their specs;
    defer the others."""
    groups: set[str] = set()
    built: list[PanelSpec] = []
    for spec in PANELS:
        if spec.group in groups:
            window._deferred[spec.attr] = spec
            continue
        groups.add(spec.group)
        panel = spec.make(window)
        setattr(window, spec.attr, panel)
        if panel is not None:
            window.panels[spec.attr] = panel
            built.append(spec)
    return built


def build_deferred(window: Window, attr: str) -> QWidget | None:
    """Build a deferred panel now (idempotent); it replaces its dock's placeholder."""
    spec: PanelSpec | None = window._deferred.pop(attr, None)
    if spec is None:
        return getattr(window, attr)
    panel = spec.make(window)
    setattr(window, attr, panel)
    if panel is not None:
        window.panels[attr] = panel
        dock = window.docks.get(spec.dock)
        if dock is not None:
            placeholder = dock.widget()
            dock.setWidget(panel)
            if placeholder is not None:
                placeholder.deleteLater()
        if spec.wire is not None:
            spec.wire(window, panel)
    return panel


def build_all_deferred(window: Window) -> None:
    for attr in list(window._deferred):
        build_deferred(window, attr)


def _dock(window: Window, spec: PanelSpec, widget: QWidget) -> QDockWidget:
    d = QDockWidget(tr(spec.title_key), window)
    d.setObjectName(spec.dock)
    d.setWidget(widget)
    d.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(spec.area, d)
    toggle = d.toggleViewAction()
    toggle.setObjectName(f"actionShow_{spec.dock}")
    window.view_menu.addAction(toggle)
    window.docks[spec.dock] = d
    return d


def build_docks(window: Window) -> None:
    """One dock per registered panel; each group's docks are tabbed, its first one raised."""
    groups: dict[str, list[QDockWidget]] = {}
    for spec in PANELS:
        if spec.attr in window.panels:
            d = _dock(window, spec, window.panels[spec.attr])
        elif spec.attr in window._deferred:
            d = _dock(window, spec, QWidget(window))
            d.visibilityChanged.connect(
                lambda visible, a=spec.attr: visible and build_deferred(window, a)
            )
        else:
            continue
        groups.setdefault(spec.group, []).append(d)
    tabbed = [docks for docks in groups.values() if len(docks) > 1]
    for first, *rest in tabbed:
        for d in rest:
            window.tabifyDockWidget(first, d)
    for first, *_rest in tabbed:
        first.raise_()
    window.resize(*DEFAULT_SIZE)
    apply_default_sizes(window)


def _beside(window: Window) -> bool:
    """Whether the charts stand to the right of the tables (the wide default)."""
    d = window.docks.get("projectionDock")
    return d is not None and window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea


def apply_default_sizes(window: Window) -> None:
    """Tables and charts share the room; the problems strip stays short. Dock sizes only take
    effect on a laid-out window, so this runs again when the window is first shown."""
    cat, problems = window.docks["catalogueDock"], window.docks["problemsDock"]
    chart = window.docks.get("projectionDock")
    width, height = window.width(), window.height()
    if chart is not None and _beside(window):
        tables = round((width - 20) * TABLES_SHARE)
        window.resizeDocks([cat, chart], [tables, width - 20 - tables], Qt.Orientation.Horizontal)
    rest = max(height - 180, 2 * PROBLEMS_HEIGHT)
    if chart is not None and not _beside(window):
        half = (rest - PROBLEMS_HEIGHT) // 2
        window.resizeDocks(
            [cat, chart, problems], [half, half, PROBLEMS_HEIGHT], Qt.Orientation.Vertical
        )
    else:
        window.resizeDocks([cat, problems], [rest, PROBLEMS_HEIGHT], Qt.Orientation.Vertical)


def restore_layout(window: Window) -> bool:
    geometry, state = window.settings.window_state()
    if geometry is not None:
        window.restoreGeometry(geometry)
    return state is not None and window.restoreState(state)


def reset_layout(window: Window) -> None:
    window.restoreState(window._default_state)
    for d in window.docks.values():
        d.setVisible(True)
    if window._available is not None:
        fit_to(window, window._available)
    else:
        apply_default_sizes(window)


def fit_to(window: Window, available: QRect) -> None:
    """Keep the window inside ``available`` (a screen's available geometry, frame included).

    The charts move below the tables when both cannot stand side by side at their minimum
    widths; the window is then shrunk and moved onto the screen. Called on a real screen by
    ``app.run`` and by the screenshots at fixed sizes; tests on the offscreen platform (an
    800×800 screen) keep the default size unless they call it.
    """
    window._available = QRect(available)
    changed = False
    chart = window.docks.get("projectionDock")
    too_wide = window.minimumSizeHint().width() > available.width()
    if chart is not None and too_wide and _beside(window):
        window.removeDockWidget(chart)
        window.addDockWidget(LEFT, chart, Qt.Orientation.Vertical)
        chart.show()
        changed = True
    frame = window.frameGeometry().size() - window.geometry().size()  # empty before shown
    room = available.size() - frame
    size = window.size().boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room))
    changed = changed or size != window.size()
    window.resize(size)
    x = min(max(window.x(), available.left()), available.right() - size.width() - frame.width())
    y = min(max(window.y(), available.top()), available.bottom() - size.height() - frame.height())
    window.move(max(x, available.left()), max(y, available.top()))
    if changed or not window._layout_restored:
        apply_default_sizes(window)

"""视图 › 导出图片… / 复制图片: act on the figure in view — the plot with focus, else the map when
its tab is raised, else the chart on the 预测 panel's current tab. The right-click menu of each
plot (``figure_menu.install_figure_menu``) does the same for the plot clicked."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from workbench.ui.i18n import pick


def _raised(window: Any, dock_name: str) -> bool:
    dock = window.docks.get(dock_name)
    return dock is not None and dock.isVisible() and not dock.visibleRegion().isEmpty()


def current_figure(window: Any) -> QWidget | None:
    """The plot or map a 视图-menu action should act on (None: no figure in view)."""
    w = QApplication.focusWidget()
    while w is not None:
        if w.property("workbenchFigure") or w.objectName() == "mapPanel":
            return w
        w = w.parentWidget()
    if _raised(window, "mapDock") and "map" in window.panels:
        return window.panels["map"]
    projection = window.panels.get("projection")
    if projection is not None and _raised(window, "projectionDock"):
        tab = projection.tabs.currentWidget()
        plots = [tab] if tab.property("workbenchFigure") else []
        plots += [c for c in tab.findChildren(QWidget) if c.property("workbenchFigure")]
        return plots[0] if plots else None
    return None


def export_current(window: Any) -> None:
    figure = current_figure(window)
    if figure is None:
        window.show_message(pick("没有可导出的图表", "No chart in view to export"))
    elif figure.objectName() == "mapPanel":
        figure.export_dialog()
    else:
        from workbench.ui.figure_export import export_widget_dialog

        export_widget_dialog(figure, figure.objectName() or "figure")


def copy_current(window: Any) -> None:
    figure = current_figure(window)
    if figure is None:
        window.show_message(pick("没有可复制的图表", "No chart in view to copy"))
    elif figure.objectName() == "mapPanel":
        figure.copy_image()
    else:
        from workbench.ui.figure_export import copy_widget_image

        copy_widget_image(figure)
    if figure is not None:
        window.show_message(pick("图片已复制到剪贴板", "Image copied to the clipboard"))


def install(window: Any) -> None:
    """Add the two actions to the 视图 menu (call once the menu exists)."""
    for name, zh, en, slot in (
        ("actionExportFigure", "导出图片…", "Export image…", export_current),
        ("actionCopyFigure", "复制图片", "Copy image", copy_current),
    ):
        action = QAction(pick(zh, en), window)
        action.setObjectName(name)
        action.triggered.connect(lambda _c=False, s=slot: s(window))
        window.actions_by_name[name] = action
        window.view_menu.addAction(action)

"""导出图片… / 复制图片 on a plot's right-click menu.

Apart from ``figure_export`` so that a plot built before the first paint costs one connection, not
the export dialog's Qt types: the export code is imported when the menu is first opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from workbench.ui.i18n import pick


def install_figure_menu(widget: QWidget, name: str) -> None:
    """导出图片… / 复制图片 on the plot's right-click menu (idempotent)."""
    if widget.property("workbenchFigure"):
        return
    widget.setProperty("workbenchFigure", True)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: Any) -> None:
        from workbench.ui.figure_export import copy_widget_image, export_widget_dialog

        menu = QMenu(widget)
        menu.addAction(
            pick("导出图片…", "Export image…"), lambda: export_widget_dialog(widget, name)
        )
        menu.addAction(pick("复制图片", "Copy image"), lambda: copy_widget_image(widget))
        menu.exec(widget.mapToGlobal(pos))

    widget.customContextMenuRequested.connect(show)

"""Opening the 地区 dock from anywhere: ``show_region(window, code)``, and a double-click on a
read-only cell that shows a region's name (or code) in any table of the window.

The double-click route is one event filter on the viewport of every item view of the window,
installed when the dock is built (after the first paint) and on each panel built later. It is not
an application-wide filter: that would send every event of the app through Python (slow) and
outlive the window's views at teardown (it crashed the test suite). It looks only at
double-clicks, leaves editable cells to their editors, and matches the cell's text against the
project's region names that are unambiguous.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView

from workbench.ui.regions.models import CODE_ROLE


def show_region(window: Any, code: str) -> bool:
    """Raise the 地区 dock (building it if deferred) and open ``code`` there."""
    from workbench.ui import docks

    panel = docks.build_deferred(window, "regions")
    if panel is None:
        return False
    dock = window.docks.get("regionsDock")
    if dock is not None:
        dock.show()
        dock.raise_()
    return bool(panel.show_region(code))


def region_at(project: Any, index: Any) -> str | None:
    """The region a cell names: its CODE_ROLE, else a unique region name or a code as its text."""
    if not index.isValid():
        return None
    code = index.data(CODE_ROLE)
    if code and project.region(str(code)) is not None:
        return str(code)
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "").strip()
    if not text:
        return None
    if project.region(text) is not None:
        return text
    hits = [r.code for r in project.regions if text in (r.name, r.short_name) and r.short_name]
    hits = hits or [r.code for r in project.regions if r.name == text]
    return hits[0] if len(hits) == 1 else None


class RegionDoubleClick(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.MouseButtonDblClick:
            return False
        view = watched.parent()
        if not isinstance(view, QAbstractItemView) or view.viewport() is not watched:
            return False
        if view.objectName() in ("compareTable", "statisticsTable"):
            return False  # the dock's own tables route their double-clicks themselves
        index = view.indexAt(event.position().toPoint())
        if not index.isValid() or index.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        code = region_at(self.window.session.project, index)
        if code is None:
            return False
        return show_region(self.window, code)


def attach(window: Any, root: QObject) -> None:
    """Watch the viewports of the item views under ``root`` (each once)."""
    watcher = getattr(window, "_region_double_click", None)
    if watcher is None:
        return
    for view in root.findChildren(QAbstractItemView):
        viewport = view.viewport()
        if not viewport.property("regionDoubleClick"):
            viewport.installEventFilter(watcher)
            viewport.setProperty("regionDoubleClick", True)


def install(window: Any, _panel: Any = None) -> None:
    """The registry's wiring for the dock: one watcher per window, on the views built so far and
    on those of every panel built later (``docks.build_deferred`` calls the window's hooks)."""
    if getattr(window, "_region_double_click", None) is None:
        window._region_double_click = RegionDoubleClick(window)
        hooks = window.__dict__.setdefault("_panel_built_hooks", [])
        hooks.append(lambda panel: attach(window, panel))
    attach(window, window)

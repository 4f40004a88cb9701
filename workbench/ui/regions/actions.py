"""Opening the 地区 dock from anywhere: ``show_region(window, code)``, and a double-click on a
read-only cell that shows a region's name (or code) in any table of the window.

The double-click route connects the ``doubleClicked`` signal of every item view of the window,
when the dock is built (after the first paint) and on each panel built later. Python event filters
were tried (application-wide, then per viewport): they see events of half-destroyed widgets at
teardown and crashed the test suite. It leaves editable cells to their editors and views that
already act on a double-click, and matches the cell's text against the project's unambiguous
region names.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import SIGNAL, QObject, Qt
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
    """Connects each item view's ``doubleClicked`` signal (no event filter: a Python event filter
    sees events of half-destroyed widgets at teardown and crashed the suite twice)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window

    def activated(self, view: QAbstractItemView, index: Any) -> None:
        if not index.isValid() or index.flags() & Qt.ItemFlag.ItemIsEditable:
            return
        code = region_at(self.window.session.project, index)
        if code is not None:
            show_region(self.window, code)


_OWN_DOUBLE_CLICK = SIGNAL("doubleClicked(QModelIndex)")


def attach(window: Any, root: QObject) -> None:
    """Route double-clicks of the item views under ``root`` (each once). Views that already act
    on a double-click (the problems list jumps, the 地区 dock's own tables) keep theirs alone."""
    watcher = getattr(window, "_region_double_click", None)
    if watcher is None:
        return
    for view in root.findChildren(QAbstractItemView):
        if view.property("regionDoubleClick") is not None:
            continue
        own = view.receivers(_OWN_DOUBLE_CLICK) > 0
        view.setProperty("regionDoubleClick", not own)
        if not own:
            view.doubleClicked.connect(lambda index, v=view: watcher.activated(v, index))


def install(window: Any, _panel: Any = None) -> None:
    """The registry's wiring for the dock: one watcher per window, on the views built so far and
    on those of every panel built later (``docks.build_deferred`` calls the window's hooks)."""
    if getattr(window, "_region_double_click", None) is None:
        window._region_double_click = RegionDoubleClick(window)
        hooks = window.__dict__.setdefault("_panel_built_hooks", [])
        hooks.append(lambda panel: attach(window, panel))
    attach(window, window)

"""The main window's docks: one per registered panel, tabbed by group, and how they are laid out.

Kept apart from the window because these are the rules that grow: what is built before the first
paint, the default sizes, restoring a saved layout, and fitting the window on a small screen.

* Only the registry's ``eager`` panels (what a user sees at first paint) are built before the
  window is shown. The others are deferred: their docks are tabbed behind an eager panel, and they
  are built once the first computation has been painted, one per event-loop turn (the window's
  ``ready`` follows the last), or earlier when their dock is shown or their attribute
  (``window.fund``…) is read. The first paint and the first computed frame wait only for what a
  user sees, and input is never blocked for the building of every hidden tab at once.
* ``fit_to(window, available)`` keeps the window inside a screen's available geometry: a dock's
  minimum width is its panel's, capped so that the tables and the charts fit side by side (English
  on 1366 px); a panel wider than that scrolls instead of pushing the window past the screen.
  Control bars wrap (``flow_layout.FlowLayout``) so that panels ask for little width: the charts
  never scroll at 1366 px, and the scroll area is a last resort for a user's narrow layout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

from workbench.ui.i18n import tr
from workbench.ui.panels.registry import PANELS, PanelSpec

DEFAULT_SIZE = (1400, 860)
TABLES_SHARE = 820 / 1380  # of the width beside the charts, in the default layout
PROBLEMS_HEIGHT = 130  # the problems strip stays short: extra height goes to tables and charts
SIDE_MARGIN = 30  # the separator between the tables and the charts, and the dock frames
CHROME_HEIGHT = 200  # menu, toolbar, status bar, the problems strip and dock title bars
LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
Window = Any  # workbench.ui.main_window.MainWindow (not imported: it imports this module)


def build_panels(window: Window) -> list[PanelSpec]:
    """Build the eager panels (those seen at first paint) and return their specs; defer the
    others."""
    built: list[PanelSpec] = []
    for spec in PANELS:
        if not spec.eager:
            window._deferred[spec.attr] = spec
            continue
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
            holder = dock.widget()
            if isinstance(holder, _Scroll):  # fitted to a screen already
                holder.takeWidget().deleteLater()
                holder.setWidget(panel)
            else:
                dock.setWidget(panel)
                if holder is not None:
                    holder.deleteLater()
        if spec.wire is not None:
            spec.wire(window, panel)
        for hook in getattr(window, "_panel_built_hooks", ()):
            hook(panel)
    return panel


def build_all_deferred(window: Window) -> None:
    for attr in list(window._deferred):
        build_deferred(window, attr)


def all_built(window: Window) -> bool:
    """Whether every deferred panel has been built (they follow the first computation)."""
    return not window._deferred


PAINT_WAIT_MS = 250  # a visible window that has nothing to repaint: build the hidden tabs anyway


class _AfterNextPaint(QObject):
    """Calls ``then`` on the event-loop turn after ``window``'s next paint (the window repaints
    its dirty children when it handles ``UpdateRequest``), or after ``PAINT_WAIT_MS``."""

    def __init__(self, window: Window, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self, self._go)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            QTimer.singleShot(0, self, self._go)  # the paint runs when this filter returns
        return False

    def _go(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            self.parent().removeEventFilter(self)
            self.deleteLater()
            then()


def follow_computation(window: Window) -> None:
    """Build the deferred panels once the window's first computation is done and painted."""
    window.session.problemsChanged.connect(lambda: build_deferred_later(window))
    if window.projection is not None:
        window.projection.ready.connect(lambda: build_deferred_later(window))
    QTimer.singleShot(0, window, lambda: build_deferred_later(window))  # computed already?


def build_deferred_later(window: Window) -> None:
    """Once the first computation is done and on screen, build the deferred panels one per
    event-loop turn, then emit ``window.ready``. Called on every sign of a finished computation;
    does that once."""
    if window._building_later or not window.is_computed():
        return
    window._building_later = True

    def next_one() -> None:
        try:  # a panel that fails to build (a bug, reported by Qt) does not hold the others back
            if window._deferred:
                build_deferred(window, next(iter(window._deferred)))
        finally:
            if window._deferred:
                QTimer.singleShot(0, window, next_one)
            elif not window._ready:
                window._ready = True
                window.ready.emit()

    if window.isVisible():
        _AfterNextPaint(window, next_one)
    else:  # never painted (tests, scripts): nothing to wait for
        QTimer.singleShot(0, window, next_one)


def wait_ready(window: Window, timeout_ms: int) -> bool:
    """Run the event loop until ``window.ready`` (False on timeout). A window never shown is
    never painted, so this starts its first computation as a paint would."""
    window.session.release_computing()
    if not window._ready:
        loop = QEventLoop()
        window.ready.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop, loop.quit)
        loop.exec()
        window.ready.disconnect(loop.quit)
    return bool(window._ready)


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
    """One dock per registered panel; each group's docks are tabbed, its eager panel's raised.

    A deferred panel is never in view at first paint: a group without an eager panel is tabbed
    behind the first eager group of its dock area (else of any area)."""
    groups: dict[str, list[QDockWidget]] = {}
    hosts: dict[Qt.DockWidgetArea, str] = {}  # per area, the first group with an eager panel
    built: set[QDockWidget] = set()
    for spec in PANELS:
        if spec.attr in window.panels:
            d = _dock(window, spec, window.panels[spec.attr])
            built.add(d)
            hosts.setdefault(spec.area, spec.group)
        elif spec.attr in window._deferred:
            d = _dock(window, spec, QWidget(window))
            d.visibilityChanged.connect(
                lambda visible, a=spec.attr: visible and build_deferred(window, a)
            )
        else:
            continue
        groups.setdefault(spec.group, []).append(d)
    for name, members in list(groups.items()):
        if hosts and not built.intersection(members):
            area = window.dockWidgetArea(members[0])
            groups[hosts.get(area, next(iter(hosts.values())))] += groups.pop(name)
    for members in groups.values():
        members.sort(key=lambda d: d not in built)  # stable: the eager panel first, raised
    tabbed = [docks for docks in groups.values() if len(docks) > 1]
    for first, *rest in tabbed:
        for d in rest:
            window.tabifyDockWidget(first, d)
    for first, *_rest in tabbed:
        first.raise_()
    window.resize(*DEFAULT_SIZE)
    apply_default_sizes(window)


def apply_default_sizes(window: Window) -> None:
    """Tables and charts share the width; the problems strip stays short. Dock sizes only take
    effect on a laid-out window, so this runs again when the window is first shown."""
    cat, problems = window.docks["catalogueDock"], window.docks["problemsDock"]
    chart = window.docks.get("projectionDock")
    width, height = window.width(), window.height()
    if chart is not None:
        tables = round((width - 20) * TABLES_SHARE)
        window.resizeDocks([cat, chart], [tables, width - 20 - tables], Qt.Orientation.Horizontal)
    rest = max(height - 180, 2 * PROBLEMS_HEIGHT)
    window.resizeDocks([cat, problems], [rest, PROBLEMS_HEIGHT], Qt.Orientation.Vertical)


def keep_strip_height(window: Window, old_height: int, new_height: int) -> None:
    """A change of window height goes to the tables and charts, not to the problems strip (with
    no central widget, Qt gives all of it to the bottom dock area)."""
    strip = window.docks.get("problemsDock")
    if strip is None or not strip.isVisible() or window.dockWidgetArea(strip) != BOTTOM:
        return
    wanted = strip.height() - (new_height - old_height)
    tables = window.docks["catalogueDock"]
    grown = tables.height() + strip.height() - wanted
    if 0 < wanted != strip.height():
        window.resizeDocks([tables, strip], [grown, wanted], Qt.Orientation.Vertical)


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


class _Scroll(QScrollArea):
    """Holds a panel in a dock that may be narrower than the panel's minimum width: the panel
    scrolls instead of being squeezed until its widgets overlap.

    The panel is sized here rather than by ``widgetResizable``, which sizes panels with wrapped
    text to their preferred height (a chart then scrolls vertically in a tall enough dock)."""

    def __init__(self, panel: QWidget, cap: QSize) -> None:
        super().__init__()
        self.setObjectName(f"{panel.objectName() or 'panel'}Scroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.cap = cap
        self.setWidget(panel)

    def setWidget(self, panel: QWidget) -> None:
        super().setWidget(panel)
        panel.installEventFilter(self)
        self._fit()

    def _fit(self) -> None:
        panel = self.widget()
        if panel is not None:
            least = panel.minimumSizeHint().expandedTo(panel.minimumSize())
            panel.resize(self.viewport().size().expandedTo(least))

    def eventFilter(self, obj: Any, event: QEvent) -> bool:
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return super().viewportEvent(event)

    def minimumSizeHint(self) -> QSize:
        return self.widget().minimumSizeHint().boundedTo(self.cap)

    def sizeHint(self) -> QSize:
        return self.widget().sizeHint()


def _caps(window: Window, available: QRect) -> dict[str, QSize]:
    """Per dock, the largest minimum size it may ask for on ``available``: the width beside each
    other is shared in proportion to what the tables and the charts ask for."""
    asked: dict[Qt.DockWidgetArea, int] = {}
    for d in window.docks.values():
        area = window.dockWidgetArea(d)
        content = d.widget().widget() if isinstance(d.widget(), _Scroll) else d.widget()
        asked[area] = max(asked.get(area, 0), content.minimumSizeHint().width())
    side = asked.get(LEFT, 0) + asked.get(RIGHT, 0) or 1
    room = available.width() - SIDE_MARGIN
    height = max(available.height() - CHROME_HEIGHT, 200)
    caps = {}
    for name, d in window.docks.items():
        area = window.dockWidgetArea(d)
        share = asked[area] / side if area in (LEFT, RIGHT) else 1.0
        caps[name] = QSize(max(int(room * share), 200), height)
    return caps


def fit_to(window: Window, available: QRect) -> None:
    """Keep the window inside ``available`` (a screen's available geometry, frame included).

    Each dock's minimum size is its panel's, capped so that the docks side by side fit the
    screen; a panel wider than its cap scrolls. The window is then shrunk and moved onto the
    screen. Called on a real screen by ``app.run`` and by the screenshots at fixed sizes; tests
    on the offscreen platform (an 800×800 screen) keep the default layout unless they call it.
    """
    window._available = QRect(available)
    for name, cap in _caps(window, available).items():
        d = window.docks[name]
        held = d.widget()
        if isinstance(held, _Scroll):
            held.cap = cap
            held.updateGeometry()
        elif held is not None:
            d.setWidget(_Scroll(held, cap))
    window.layout().invalidate()
    window.layout().activate()  # the window's minimum size follows the capped docks now
    frame = window.frameGeometry().size() - window.geometry().size()  # empty before shown
    room = available.size() - frame
    size = window.size().boundedTo(room)
    changed = size != window.size()
    window.resize(size)
    x = min(max(window.x(), available.left()), available.right() - size.width() - frame.width())
    y = min(max(window.y(), available.top()), available.bottom() - size.height() - frame.height())
    window.move(max(x, available.left()), max(y, available.top()))
    if changed or not window._layout_restored:
        apply_default_sizes(window)

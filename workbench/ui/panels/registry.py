"""The dockable panels, declared once: their dock, their place in the default layout, the field
addresses they own (so "jump to the field at fault" routes itself) and their requests to the window.

The main window builds its docks and routes jumps by walking ``PANELS``; adding a panel touches the
panel, its model, its test and this list. Order matters: it is the order docks are added (and so
the order of the 视图 menu), and within a group the first dock is the one raised by default.
``objectName``s are public (docs/ui.md lists them; saved layouts refer to them) — never rename one.

Only the panels marked ``eager`` (the catalogue, the charts and the problems list: what a user sees
at first paint) are built before the window is shown. Every other panel is DEFERRED, the default for
a new entry: its dock is tabbed behind an eager panel, and the panel is built after the first
computation is on screen (one per event-loop turn; ``MainWindow.ready`` follows the last), or
earlier when its dock is shown or its attribute is read. Make a deferred panel with
``_lazy_make(module, class)``: its module is imported only then, never before the first paint.
tests/ui/test_start_up_lazy.py checks every entry: none is built before the computed window is
painted, and the modules the first paint may load are listed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QUndoView, QWidget

from workbench.core.addresses import FieldPath, StatisticField
from workbench.ui.i18n import tr
from workbench.ui.panels.catalogue import CataloguePanel
from workbench.ui.panels.problems import ProblemsPanel

if TYPE_CHECKING:
    from workbench.ui.panels.assumptions import AssumptionsPanel

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea

# make(window) -> the panel widget, or None when the panel is unavailable (its dock is skipped).
Factory = Callable[[Any], QWidget | None]


def _owns_nothing(_path: FieldPath) -> bool:
    return False


@dataclass(frozen=True)
class PanelSpec:
    attr: str  # the window attribute that holds the panel (window.catalogue, window.fund…)
    dock: str  # the dock's objectName
    title_key: str  # i18n key of the dock title
    area: Qt.DockWidgetArea  # default dock area
    group: str  # docks of one group are tabbed together in the default layout
    make: Factory
    owns: Callable[[FieldPath], bool] = _owns_nothing  # field addresses it can jump to
    wire: Callable[[Any, Any], None] | None = None  # connect the panel's requests to the window
    eager: bool = False  # built before the first paint (start-up time is measured: keep it False)


def _module_name(module: str) -> str:
    """``"fund"`` is ``workbench.ui.panels.fund``; a dotted name is taken as it is."""
    return module if "." in module else f"workbench.ui.panels.{module}"


def _panel_class(module: str, name: str) -> Any:
    return getattr(importlib.import_module(_module_name(module)), name)


class _LazyMake:
    """Makes ``<module>.<name>(session, window)``, importing the module only then. ``module`` is
    public: the start-up tests check that it is not loaded before the first paint."""

    def __init__(self, module: str, name: str) -> None:
        self.module = _module_name(module)
        self.name = name

    def __call__(self, window: Any) -> QWidget | None:
        return _panel_class(self.module, self.name)(window.session, window)


def _lazy_make(module: str, name: str) -> Factory:
    return _LazyMake(module, name)


def _lazy_owns(module: str, name: str) -> Callable[[FieldPath], bool]:
    return lambda path: bool(_panel_class(module, name).owns(path))


def _undo_view(window: Any) -> QWidget:
    view = QUndoView(window.session.undo_stack, window)
    view.setObjectName("undoView")
    view.setEmptyLabel(tr("history.clean"))
    return view


def _wire_catalogue(window: Any, panel: CataloguePanel) -> None:
    panel.statusMessage.connect(window.show_message)


def _wire_assumptions(window: Any, panel: AssumptionsPanel) -> None:
    panel.loadMrioRequested.connect(window.load_mrio)
    panel.resetMrioRequested.connect(window.reset_mrio)
    panel.describeScenarioRequested.connect(window.scenario_actions.edit_description)


def _make_map(window: Any) -> QWidget:
    from workbench.ui.map.panel import MapPanel

    return MapPanel(window.session, window)


def _wire_map(window: Any, panel: QWidget) -> None:
    from workbench.ui.map.panel import wire

    wire(window, panel)  # type: ignore[arg-type]


def _wire_problems(window: Any, panel: ProblemsPanel) -> None:
    panel.jumpRequested.connect(window.jump_to)


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec(
        "catalogue",
        "catalogueDock",
        "dock.catalogue",
        LEFT,
        "tables",
        lambda w: CataloguePanel(w.session, w),
        CataloguePanel.owns,
        _wire_catalogue,
        eager=True,
    ),
    PanelSpec(
        "allocations",
        "allocationsDock",
        "dock.allocations",
        LEFT,
        "tables",
        _lazy_make("allocations", "AllocationsPanel"),
        _lazy_owns("allocations", "AllocationsPanel"),
    ),
    PanelSpec(
        "fund",
        "fundDock",
        "dock.fund",
        LEFT,
        "tables",
        _lazy_make("fund", "FundPanel"),
        _lazy_owns("fund", "FundPanel"),
    ),
    PanelSpec(
        "parks",
        "parksDock",
        "dock.parks",
        LEFT,
        "tables",
        _lazy_make("parks", "ParksPanel"),
        _lazy_owns("parks", "ParksPanel"),
    ),
    PanelSpec(
        "sharing",
        "sharingDock",
        "dock.sharing",
        LEFT,
        "tables",
        _lazy_make("sharing", "SharingPanel"),
        _lazy_owns("sharing", "SharingPanel"),
    ),
    PanelSpec(
        "assumptions",
        "assumptionsDock",
        "dock.assumptions",
        LEFT,
        "tables",
        _lazy_make("assumptions", "AssumptionsPanel"),
        _lazy_owns("assumptions", "AssumptionsPanel"),
        _wire_assumptions,
    ),
    PanelSpec(
        "regions",
        "regionsDock",
        "dock.regions",
        LEFT,
        "tables",
        lambda w: importlib.import_module("workbench.ui.regions.panel").RegionsPanel(w.session, w),
        lambda path: StatisticField.of(path) is not None,  # = RegionsPanel.owns, no import
        lambda w, p: importlib.import_module("workbench.ui.regions.actions").install(w, p),
    ),
    # The projection panel is built by the window (it may be absent); this entry only places it.
    PanelSpec(
        "projection",
        "projectionDock",
        "dock.projection",
        RIGHT,
        "plots",
        lambda w: w._make_projection(),
        eager=True,
    ),
    # Behind the charts' tab: built after the first paint, its boundaries read when first shown.
    PanelSpec("map", "mapDock", "dock.map", RIGHT, "plots", _make_map, wire=_wire_map),
    # Tornado and Sobol (core.uncertainty): tabbed behind 预测, computed only when shown.
    PanelSpec(
        "sensitivity",
        "sensitivityDock",
        "dock.sensitivity",
        RIGHT,
        "plots",
        _lazy_make("sensitivity", "SensitivityPanel"),
    ),
    PanelSpec(
        "problems",
        "problemsDock",
        "dock.problems",
        BOTTOM,
        "lists",
        lambda w: ProblemsPanel(w.session, w),
        wire=_wire_problems,
        eager=True,
    ),
    PanelSpec("undo_view", "historyDock", "dock.history", BOTTOM, "lists", _undo_view),
)


def owner_of(path: FieldPath) -> PanelSpec | None:
    """The panel that shows the field at ``path`` (None: no panel does)."""
    return next((spec for spec in PANELS if spec.owns(path)), None)

"""The dockable panels, declared once: their dock, their place in the default layout, the field
addresses they own (so "jump to the field at fault" routes itself) and their requests to the window.

The main window builds its docks and routes jumps by walking ``PANELS``; adding a panel touches the
panel, its model, its test and this list. Order matters: it is the order docks are added (and so
the order of the 视图 menu), and within a group the first dock is the one raised by default.
``objectName``s are public (docs/ui.md lists them; saved layouts refer to them) — never rename one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QUndoView, QWidget

from workbench.core.addresses import FieldPath
from workbench.ui.i18n import tr
from workbench.ui.panels.allocations import AllocationsPanel
from workbench.ui.panels.assumptions import AssumptionsPanel
from workbench.ui.panels.catalogue import CataloguePanel
from workbench.ui.panels.fund import FundPanel
from workbench.ui.panels.parks import ParksPanel
from workbench.ui.panels.problems import ProblemsPanel

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
    ),
    PanelSpec(
        "allocations",
        "allocationsDock",
        "dock.allocations",
        LEFT,
        "tables",
        lambda w: AllocationsPanel(w.session, w),
        AllocationsPanel.owns,
    ),
    PanelSpec(
        "fund",
        "fundDock",
        "dock.fund",
        LEFT,
        "tables",
        lambda w: FundPanel(w.session, w),
        FundPanel.owns,
    ),
    PanelSpec(
        "parks",
        "parksDock",
        "dock.parks",
        LEFT,
        "tables",
        lambda w: ParksPanel(w.session, w),
        ParksPanel.owns,
    ),
    PanelSpec(
        "assumptions",
        "assumptionsDock",
        "dock.assumptions",
        LEFT,
        "tables",
        lambda w: AssumptionsPanel(w.session, w),
        AssumptionsPanel.owns,
        _wire_assumptions,
    ),
    # The projection panel is built by the window (it may be absent); this entry only places it.
    PanelSpec(
        "projection",
        "projectionDock",
        "dock.projection",
        RIGHT,
        "plots",
        lambda w: w._make_projection(),
    ),
    PanelSpec(
        "problems",
        "problemsDock",
        "dock.problems",
        BOTTOM,
        "lists",
        lambda w: ProblemsPanel(w.session, w),
        wire=_wire_problems,
    ),
    PanelSpec("undo_view", "historyDock", "dock.history", BOTTOM, "lists", _undo_view),
)


def owner_of(path: FieldPath) -> PanelSpec | None:
    """The panel that shows the field at ``path`` (None: no panel does)."""
    return next((spec for spec in PANELS if spec.owns(path)), None)

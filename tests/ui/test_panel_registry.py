"""Panels are registered: the registry places every dock and routes "jump to the field at fault"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDockWidget

from workbench.ui.main_window import MainWindow
from workbench.ui.panels.registry import PANELS, owner_of

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SC = "基准方案"
# Every path shape validation emits, and the dock that shows it (None: no panel does).
ROUTES = [
    (("scenarios", SC, "allocations", ("MC-0001", 2027, "equity"), "amount"), "allocationsDock"),
    (("scenarios", SC, "allocations", ("MC-0001", 2027, "equity")), "allocationsDock"),
    (("scenarios", SC, "allocations", "city", "510100"), "allocationsDock"),
    (("scenarios", SC, "allocations", "year", 2028), "allocationsDock"),
    (("scenarios", SC, "allocations", "MC-0001"), "allocationsDock"),
    (("scenarios", SC, "allocations"), "allocationsDock"),
    (("scenarios", SC, "park_ids"), "parksDock"),
    (("parks", "P-01", "tax_split", 2027, "510100"), "parksDock"),
    (("parks", "P-01"), "parksDock"),
    (("agreements", "AG-P-01", "tax_split", 2027, "510100"), "sharingDock"),
    (("agreements", "AG-P-01"), "sharingDock"),
    (("fund", "size"), "fundDock"),
    (("fund", "contributions", "510100", "amount"), "fundDock"),
    (("fund", "rules", "tranches", 2027), "fundDock"),
    (("fund", "rules", "type_limits", "team"), "fundDock"),
    (("candidates", "MC-0004", "sector"), "catalogueDock"),
    (("candidates", "MC-0004", "criteria", "jobs"), "catalogueDock"),
    (("links", "L-001", "strength"), "catalogueDock"),
    (("links",), "catalogueDock"),
    (("criteria", "risk", "weight"), "catalogueDock"),
    (("assumptions", "tax.vat_central_share", "value"), "assumptionsDock"),
    (("scenarios", SC, "assumption_overrides", "network.spillover_share"), "assumptionsDock"),
    (("mrio",), "assumptionsDock"),
    (("scenarios", SC), None),
    (("regions", "510100"), None),
    (("regions", "510100", "statistics", ("gdp", 2018, "2019年鉴"), "value"), "regionsDock"),
    (("project",), None),
]


@pytest.mark.parametrize(("path", "dock"), ROUTES)
def test_each_path_has_one_owner(path, dock) -> None:
    owners = [spec.dock for spec in PANELS if spec.owns(path)]
    assert owners == ([dock] if dock else [])
    assert (owner_of(path).dock if owner_of(path) else None) == dock


def test_docks_are_built_from_the_registry_in_its_order(window: MainWindow) -> None:
    docks = [spec.dock for spec in PANELS]
    assert list(window.docks) == docks
    assert [a.objectName() for a in window.view_menu.actions() if a.objectName()][: len(docks)] == [
        f"actionShow_{d}" for d in docks
    ]
    for spec in PANELS:
        assert getattr(window, spec.attr) is window.docks[spec.dock].widget()
    tabbed = {d.objectName() for d in window.tabifiedDockWidgets(window.docks["catalogueDock"])}
    assert tabbed == {
        "allocationsDock",
        "fundDock",
        "parksDock",
        "sharingDock",
        "assumptionsDock",
        "regionsDock",
    }
    assert [d.objectName() for d in window.tabifiedDockWidgets(window.docks["problemsDock"])] == [
        "historyDock"
    ]
    assert [d.objectName() for d in window.tabifiedDockWidgets(window.docks["projectionDock"])] == [
        "mapDock"
    ]


@pytest.mark.parametrize(
    ("path", "dock"),
    [(p, d) for p, d in ROUTES if d and p not in {("links",), ("parks", "P-01")}],
)
def test_jump_shows_the_owning_dock_and_selects_there(window: MainWindow, path, dock) -> None:
    window.docks["problemsDock"].raise_()
    for d in window.findChildren(QDockWidget):
        d.hide()
    assert window.jump_to(path)
    assert window.docks[dock].isVisibleTo(window)


def test_a_path_no_panel_shows_is_reported_in_words(window: MainWindow) -> None:
    assert not window.jump_to(("regions", "510100"))
    assert window.message_label.text() == "地区 510100 成都市"

"""Menu actions of the 决策 tools (imported when first used, never at start-up)."""

from __future__ import annotations

from typing import Any


def open_compare(window: Any):
    from workbench.ui.decide.compare_dialog import CompareDialog

    dlg = CompareDialog(window)
    dlg.show()
    return dlg


def open_optimise(window: Any):
    from workbench.ui.decide.optimise_dialog import OptimiseDialog

    if window.session.current_scenario() is None:
        return None
    dlg = OptimiseDialog(window)
    dlg.show()
    return dlg

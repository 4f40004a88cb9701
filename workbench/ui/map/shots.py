"""The map's screenshots for ``python -m workbench.ui.screenshots``: the dock in the window, the
panel on fairness and on an imported statistic, and an exported figure (what a report gets)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize

from workbench.ui.i18n import pick


def shoot_map(window: Any, shoot: Callable[..., None], outdir: Path, written: list[Path]) -> None:
    dock = window.docks.get("mapDock")
    if dock is None:
        return
    shoot("40_map_in_window", window, dock.raise_)
    panel = window.map
    panel.resize(900, 680)
    shoot("41_map_gdp_uplift", panel)
    shoot("42_map_fairness", panel, lambda: panel.set_spec(source="fairness", method="natural"))
    shoot("43_map_statistic", panel, lambda: panel.set_spec(source="statistic", method="equal"))
    panel.set_spec(source="projection", method="quantile")
    path = outdir / "44_map_export.png"
    panel.export(
        path, QSize(1600, 1200), 150, note=pick("审图号：（请填写）", "Approval no.: (fill in)")
    )
    written.append(path)
    window.docks["projectionDock"].raise_()


def shoot_results(panel: Any, shoot: Callable[..., None]) -> None:
    shoot(
        "18c_projection_results_table", panel, lambda: panel.tabs.setCurrentIndex(panel.TAB_RESULTS)
    )

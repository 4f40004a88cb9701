"""What the first paint does not wait for: the validation rules and the modules of the panels behind
tabs (loaded by the first computation), and the projection charts behind their tabs (built when
first shown or read)."""

from __future__ import annotations

from pathlib import Path

import pytest
from start_up_probe import modules_at_start_up

from workbench.ui.i18n import tr
from workbench.ui.projection_panel import ProjectionPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_validation_and_tabbed_panel_modules_are_loaded_after_the_first_paint(
    tmp_path: Path,
) -> None:
    later = (
        "workbench.core.validation",
        "workbench.ui.panels.allocations",
        "workbench.ui.panels.fund",
        "workbench.ui.panels.parks",
        "workbench.ui.panels.assumptions",
        "workbench.core.gazetteer",
        "workbench.ui.map.panel",
        "workbench.io.geometry_cache",
        "shapely",
    )
    before_paint, when_ready = modules_at_start_up(tmp_path, later)
    assert before_paint == []
    assert "workbench.core.validation" in when_ready  # the problems list needs it


def test_charts_behind_tabs_are_built_when_shown(qtbot, session) -> None:
    panel = ProjectionPanel(session)
    qtbot.addWidget(panel)
    assert "fund_plot" not in panel.__dict__ and "spill_plot" not in panel.__dict__
    assert panel.fund_scroll.widget() is None
    qtbot.waitUntil(lambda: not panel.computing, timeout=10_000)
    assert "fund_plot" not in panel.__dict__  # the uplift tab is shown; the others wait

    with qtbot.waitSignal(panel.redrawn, timeout=10_000):
        panel.tabs.setCurrentIndex(panel.TAB_FUND)
    assert panel.fund_scroll.widget() is panel.__dict__["fund_plot"]
    assert panel.fund_axis.names  # drawn: one name per city
    assert panel.fund_plot.getPlotItem().titleLabel.text != tr("proj.computing")

    assert panel.spill_plot is panel.spill_scroll.widget()  # a read builds it too
    # not drawn yet (its tab is hidden): it says so, as every chart did before the first draw
    assert panel.spill_plot.getPlotItem().titleLabel.text == tr("proj.computing")

"""What the first paint does not wait for: the validation rules and the modules of the panels behind
tabs (loaded by the first computation), and the projection charts behind their tabs (built when
first shown or read)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.ui.i18n import tr
from workbench.ui.projection_panel import ProjectionPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
ROOT = Path(__file__).resolve().parents[2]


def test_validation_and_tabbed_panel_modules_are_loaded_after_the_first_paint(
    tmp_path: Path,
) -> None:
    code = f"""
import sys
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path)!r})
from workbench.ui.app import create_main_window, ensure_application
from workbench.bundled import SAMPLE_PROJECT
app = ensure_application()
w = create_main_window(str(SAMPLE_PROJECT))
later = ("workbench.core.validation", "workbench.ui.panels.allocations", "workbench.ui.panels.fund",
         "workbench.ui.panels.parks", "workbench.ui.panels.assumptions", "workbench.core.gazetteer")
print(sorted(m for m in later if m in sys.modules))
w.show()
while not w.is_computed():
    app.processEvents()
print(sorted(m for m in later[:1] if m in sys.modules))
w.files.shutdown()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    before_paint, when_ready = out.stdout.strip().splitlines()[-2:]
    assert before_paint == "[]"
    assert when_ready == "['workbench.core.validation']"  # the problems list needs it


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

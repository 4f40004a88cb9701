"""敏感性 panel: the tornado is computed in the background when shown, follows edits, and Sobol
runs only on request."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.edits import SetValue
from workbench.ui.panels.sensitivity import SensitivityPanel
from workbench.ui.session import ProjectSession

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def panel(qtbot, sample_project):
    p = SensitivityPanel(ProjectSession(sample_project))
    qtbot.addWidget(p)
    p.resize(900, 700)
    return p


def test_nothing_is_computed_until_shown(panel, qtbot):
    qtbot.wait(300)
    assert panel.table_df is None and panel.task is None
    with qtbot.waitSignal(panel.computed, timeout=30_000):
        panel.show()
    df = panel.table_df
    assert df.iloc[0]["rank"] == 1 and len(df) > 20
    x0, width = panel.low_bars.opts["x0"], panel.low_bars.opts["width"]
    assert np.allclose(x0 + width, df["output_low"].head(len(x0)))
    assert df.iloc[0]["label_zh"].startswith(panel.axis.names[-1].rstrip("…"))


def test_an_edit_makes_it_stale_and_it_recomputes(panel, qtbot):
    with qtbot.waitSignal(panel.computed, timeout=30_000):
        panel.show()
    before = panel.table_df.attrs["central"]
    with qtbot.waitSignal(panel.computed, timeout=30_000):
        panel.session.push(SetValue(("assumptions", "indirect.output_multiplier", "value"), 1.8))
        assert panel.stale and panel.low_bars.opacity() < 1
    assert panel.table_df.attrs["central"] > before
    with qtbot.waitSignal(panel.computed, timeout=30_000):
        panel.region_combo.setCurrentIndex(panel.region_combo.findData("510100"))
    assert panel.table_df.attrs["region"] == "510100"


def test_hover_names_the_parameter_and_both_outputs_with_units(panel, qtbot):
    with qtbot.waitSignal(panel.computed, timeout=30_000):
        panel.show()
    top = panel.table_df.iloc[0]
    n = len(panel.axis.names)
    text = panel.hover.text_at(float(top["output_high"]) - 1e-6, n - 1)
    assert text and top["label_zh"] in text and "亿元" in text and "第 1 位" in text


def test_sobol_runs_on_request_and_fills_the_table(panel, qtbot, monkeypatch):
    import workbench.ui.panels.sensitivity as mod

    monkeypatch.setattr(mod, "SOBOL_N", 8)
    panel.show()
    task = panel.run_sobol()
    qtbot.waitUntil(lambda: panel.sobol_df is not None, timeout=60_000)
    assert panel.sobol_table.isVisible() and panel.sobol_table.rowCount() > 0
    assert task is not None

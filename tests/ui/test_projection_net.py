"""The 预测 panel's gross/net switch, the 毛效益与净效益 table and the horizon (2030 / 2035)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QGuiApplication

from workbench.core.net_effects import ADDITIONALITY_STEPS
from workbench.core.projections import ProjectionEngine
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.net_view import COLUMNS, net_split
from workbench.core.projections.views import summable_total
from workbench.ui.projection_panel import ProjectionPanel
from workbench.ui.session import ProjectSession
from workbench.ui.tables import unreadable_cells


@pytest.fixture
def panel(qtbot, sample_project):
    session = ProjectSession(sample_project)
    p = ProjectionPanel(session)
    qtbot.addWidget(p)
    p.resize(1000, 640)
    if p.computing:
        with qtbot.waitSignal(p.ready, timeout=10_000):
            pass
    return p


def _chart_total(panel: ProjectionPanel) -> np.ndarray:
    return np.sum(list(panel.uplift_values().values()), axis=0)


def test_the_switch_moves_chart_totals_from_net_to_gross_and_back(panel):
    sc = panel.session.scenario
    block = panel.engine.block(sc, "location", "gdp")
    gross = summable_total(block.as_gross())
    net = summable_total(block)
    assert (gross > net).any()
    assert not panel.gross  # net is the default
    np.testing.assert_allclose(_chart_total(panel), net, atol=1e-9)
    panel.set_gross(True)
    np.testing.assert_allclose(_chart_total(panel), gross, atol=1e-9)
    split = net_split(panel.engine, sc, "location", "gdp")
    np.testing.assert_allclose(_chart_total(panel), split.circle["gross"], atol=1e-9)
    # By component: the additionality component is not drawn in gross mode.
    panel.stack_combo.setCurrentIndex(panel.stack_combo.findData("component"))
    labels = set(panel.uplift_values())
    assert voc.label("additionality", "zh") not in labels
    np.testing.assert_allclose(_chart_total(panel), gross, atol=1e-9)
    panel.set_gross(False)
    assert voc.label("additionality", "zh") in set(panel.uplift_values())
    np.testing.assert_allclose(_chart_total(panel), net, atol=1e-9)


def test_the_table_circle_row_is_the_core_figure_for_2030(panel, sample_project):
    panel.tabs.setCurrentIndex(panel.TAB_NET)
    model = panel.net_tab.model
    circle = next(i for i, r in enumerate(model.rows) if r[0] == "circle")
    split = net_split(ProjectionEngine(sample_project), panel.session.scenario, "location", "gdp")
    _units, expected, _excess = split.at(2030)
    for j, key in enumerate(COLUMNS, start=1):
        assert model.value(circle, j) == pytest.approx(expected[key], rel=1e-12)
    heads = [
        model.headerData(c, panel.net_tab.view.horizontalHeader().orientation(), 0)
        for c in range(model.columnCount())
    ]
    assert (
        heads[1] == "毛效益（亿元）"
        and heads[2] == "漏出（亿元）"
        and heads[-2] == "净效益（亿元）"
    )
    assert assert_readable(panel)
    assert model.data(model.index(circle, 1)) == f"{expected['gross']:,.2f}"  # unit in the header
    text = panel.net_tab.copy()
    assert QGuiApplication.clipboard().text() == text
    assert text.splitlines()[0].split("\t")[1] == "毛效益（亿元）"
    assert len(text.splitlines()) == model.rowCount() + 1
    # The statistical basis: the double-counted copies are a row of their own, not in the circle.
    panel.set_basis("statistical")
    kinds = [r[0] for r in model.rows]
    assert "excess" in kinds
    circle = model.rows[kinds.index("circle")][2]
    assert circle["gross"] == pytest.approx(expected["gross"])  # counted once, by location
    cities = [r for r in model.rows if r[0] == "city"]
    assert any(r[3] == "否" for r in cities)
    for k in ADDITIONALITY_STEPS:
        assert circle[k] < 0


def assert_readable(panel) -> bool:
    assert unreadable_cells(panel.net_tab.view) == []
    return True


def test_horizon_2035_extends_the_charts_and_the_year_menu(panel):
    panel.set_horizon(2035)
    block = panel.engine.block(panel.session.scenario, "location", "gdp")
    assert block.years[-1] == 2035
    assert len(_chart_total(panel)) == len(range(2026, 2036))
    assert panel.year_combo.findData(2035) >= 0
    panel.year_combo.setCurrentIndex(panel.year_combo.findData(2035))
    panel.tabs.setCurrentIndex(panel.TAB_NET)
    assert panel.net_tab.title.text().endswith("2035 年")
    panel.set_horizon(2030)
    panel.tabs.setCurrentIndex(panel.TAB_UPLIFT)  # hidden tabs are redrawn when shown
    assert len(_chart_total(panel)) == 5
    assert panel.year == 2030 and panel.year_combo.findData(2031) < 0

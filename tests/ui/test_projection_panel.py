"""The 预测 panel follows every edit: allocate → the plot's data changes; undo → it is restored."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.edits import SetAllocation
from workbench.core.enums import Instrument, Status
from workbench.ui.projection_panel import ProjectionPanel
from workbench.ui.session import ProjectSession


@pytest.fixture
def panel(qtbot, sample_project):
    session = ProjectSession(sample_project)
    p = ProjectionPanel(session)
    qtbot.addWidget(p)
    p.resize(900, 600)
    if p.computing:  # the engine is built on the next event-loop turn
        with qtbot.waitSignal(p.ready, timeout=10_000):
            pass
    return p


def _snapshot(panel: ProjectionPanel) -> dict[str, np.ndarray]:
    return {k: v.copy() for k, v in panel.uplift_values().items()}


def _total(values: dict[str, np.ndarray]) -> np.ndarray:
    return np.sum(list(values.values()), axis=0)


def _unallocated_candidate(project, scenario: str) -> str:
    used = {a.candidate_id for a in project.scenario(scenario).allocations}
    return next(
        c.id
        for c in project.candidates
        if c.id not in used and c.status is not Status.REJECTED and c.baseline_output > 0
    )


def test_allocate_changes_the_plot_and_undo_restores_it(panel):
    session = panel.session
    before = _snapshot(panel)
    assert before and np.all(np.isfinite(_total(before)))
    cid = _unallocated_candidate(session.project, session.scenario)
    with_signal = []
    panel.redrawn.connect(lambda: with_signal.append(1))
    session.push(SetAllocation(session.scenario, cid, 2027, Instrument.EQUITY, 5.0))
    assert with_signal, "an edit redraws the visible plot synchronously"
    after = _snapshot(panel)
    # New equity money in 2027 starts after its one-year lag: the total uplift rises from 2028
    # on, and 2026–2027 stay as they were.
    assert np.all(_total(after)[2:] > _total(before)[2:])
    np.testing.assert_allclose(_total(after)[:2], _total(before)[:2])
    session.undo_stack.undo()
    restored = _snapshot(panel)
    assert restored.keys() == before.keys()
    for k in before:
        np.testing.assert_allclose(restored[k], before[k])


def test_plot_items_are_reused_not_recreated(panel):
    session = panel.session
    plot = panel.uplift_plot.getPlotItem()
    items_before = list(plot.items)
    cid = _unallocated_candidate(session.project, session.scenario)
    for amount in (1.0, 2.0, 3.0):
        session.push(SetAllocation(session.scenario, cid, 2028, Instrument.EQUITY, amount))
    assert list(plot.items) == items_before


def test_plot_matches_engine_totals(panel):
    engine_table = panel.engine.results(panel.session.scenario)
    rows = engine_table[
        (engine_table.metric == "gdp")
        & (engine_table.basis == "location")
        & (engine_table.component == "total")
    ]
    expected = rows.groupby("year")["value"].sum().to_numpy()
    np.testing.assert_allclose(_total(panel.uplift_values()), expected)


def test_hover_shows_value_with_unit(panel):
    values = panel.uplift_values()
    first = next(iter(values))
    text = panel.uplift_hover.text_at(2030, values[first][-1] / 2)
    assert text is not None
    assert first in text and "2030 年" in text and "亿元" in text
    assert f"{values[first][-1]:,.2f} 亿元" in text
    assert panel.uplift_hover.text_at(2030, -1e9) is None


def test_basis_toggle_switches_to_a_metric_the_basis_has(panel):
    panel.set_basis("fiscal")  # fiscal basis is tax only
    assert panel.metric == "tax"
    assert "税收" in panel.uplift_plot.getPlotItem().getAxis("left").labelText
    assert panel.uplift_values()
    panel.metric_combo.setCurrentIndex(panel.metric_combo.findData("jobs"))
    assert panel.basis == "location"
    assert "人" in panel.uplift_plot.getPlotItem().getAxis("left").labelText


def test_stack_by_component_sums_to_the_same_total(panel):
    by_city = _total(panel.uplift_values())
    panel.stack_combo.setCurrentIndex(panel.stack_combo.findData("component"))
    by_component = panel.uplift_values()
    assert "直接效应" in by_component
    np.testing.assert_allclose(_total(by_component), by_city, rtol=1e-9, atol=1e-9)


def test_scenario_comparison_overlay(panel):
    session = panel.session
    other = next(s.name for s in session.project.scenarios if s.name != session.scenario)
    assert not panel.compare_curve.isVisible()
    panel.compare_combo.setCurrentIndex(panel.compare_combo.findData(other))
    assert panel.compare_curve.isVisible()
    _x, y = panel.compare_curve.getData()
    t = panel.engine.results(other)
    sel = t[(t.metric == "gdp") & (t.basis == "location") & (t.component == "total")]
    np.testing.assert_allclose(y, sel.groupby("year")["value"].sum().to_numpy())
    session.set_scenario(other)  # the compared scenario becomes current: the overlay goes
    assert panel.compare_combo.findData(other) == -1
    assert not panel.compare_curve.isVisible()


def test_hidden_tabs_redraw_when_shown(panel):
    session = panel.session
    panel.tabs.setCurrentIndex(panel.TAB_FUND)
    invested_before = panel.fund_bars.heights(1).sum()
    panel.tabs.setCurrentIndex(panel.TAB_UPLIFT)
    cid = _unallocated_candidate(session.project, session.scenario)
    session.push(SetAllocation(session.scenario, cid, 2026, Instrument.EQUITY, 4.0))
    panel.tabs.setCurrentIndex(panel.TAB_FUND)
    assert panel.fund_bars.heights(1).sum() == pytest.approx(invested_before + 4.0)
    panel.tabs.setCurrentIndex(panel.TAB_SPILLOVER)
    assert panel.spill_axis.names  # city names along the axis


def test_project_replaced_rebuilds_engine(panel, sample_project, qtbot):
    session = panel.session
    old_engine = panel.engine
    sample_project.scenarios[0].allocations.clear()  # no fund money and no parks: no uplift
    sample_project.scenarios[0].park_ids.clear()
    with qtbot.waitSignal(panel.ready, timeout=10_000):
        session.replace(sample_project, None)
        # Until the new engine exists the panel says so and greys out the old plots.
        assert panel.computing and not panel.tabs.isEnabled()
        assert "计算中" in panel.note_label.text()
    assert panel.engine is not old_engine and panel.tabs.isEnabled()
    assert not np.any(_total(panel.uplift_values()))
    assert "没有" in panel.note_label.text()  # says the chart is empty and why


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on showing a window
def test_fund_chart_names_every_city_in_a_small_dock(panel, qtbot):
    """40+ cities: the chart grows to a readable height per city and its tab scrolls, so no city
    name is dropped from the axis; hovering a bar still gives its exact amount."""
    panel.resize(600, 300)
    panel.show()
    panel.tabs.setCurrentIndex(panel.TAB_FUND)
    qtbot.waitExposed(panel)
    names = panel.fund_axis.names
    assert len(names) >= 40
    assert panel.fund_plot.minimumHeight() >= 20 * len(names)
    assert panel.fund_scroll.verticalScrollBar().maximum() > 0  # it scrolls instead of thinning
    vb = panel.fund_plot.getPlotItem().getViewBox()
    lo, hi = vb.viewRange()[1]
    height = vb.height()
    (ticks,) = panel.fund_axis.tickValues(lo, hi, height)
    assert ticks[0] == 1 and ticks[1] == list(range(len(names)))  # every city labelled
    # Hover at the middle of the top contributor's "contributed" bar: its exact value and unit.
    view = panel.engine.fund_view(panel.session.scenario)
    top = view.sort_values("contributed").iloc[-1]
    j = names.index(top["region"])
    x = float(top["contributed"]) / 2
    y = panel.fund_bars.thickness / 3 + j  # the first series (出资) is the top bar of a group
    text = panel.fund_hover.text_at(x, y)
    assert text is not None and top["region"] in text and f"{top['contributed']:,.2f} 亿元" in text


def test_english_panel_reads_the_one_language_and_the_vocabulary(qtbot, sample_project):
    """Texts follow i18n.language() (not a flag of the panel); labels are the vocabulary's."""
    from workbench.ui import i18n

    i18n.set_language("en")
    try:
        session = ProjectSession(sample_project)
        p = ProjectionPanel(session)
        qtbot.addWidget(p)
        if p.computing:
            with qtbot.waitSignal(p.ready, timeout=10_000):
                pass
        assert p.metric_combo.itemText(0) == "GDP uplift"
        assert p.basis_buttons["statistical"].text() == "Statistical"
        assert p.tabs.tabText(p.TAB_SPILLOVER) == "Direct vs spillover"
        p.stack_combo.setCurrentIndex(p.stack_combo.findData("component"))
        assert "Regional network spillover" in p.uplift_values()
        assert "(100M yuan)" in p.uplift_plot.getPlotItem().getAxis("left").labelText
    finally:
        i18n.set_language("zh")


def test_non_finite_projections_show_the_cause_instead_of_a_chart(panel):
    """A leverage of 1e308 overflows every sum: the panel says why and draws nothing."""
    from workbench.core.edits import SetValue

    session = panel.session
    session.project.fund.leverage = 1e308  # as loaded from a hostile file (edits refuse NaN only)
    session.push(SetValue(("fund", "management_fee_pct"), 2.5))  # any edit: the panel recomputes
    panel._on_replaced()
    panel.ensure_engine()
    assert not panel.uplift_plot.isVisibleTo(panel)
    text = panel.note_label.text()
    assert "无效数值" in text and "社会资本撬动倍数" in text
    assert session.push(SetValue(("fund", "leverage"), 1.0))  # fixed: the chart returns
    assert panel.uplift_plot.isVisibleTo(panel) and "无效数值" not in panel.note_label.text()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_engine_that_cannot_read_the_project_hides_the_chart_and_says_why(
    qtbot, sample_project, monkeypatch
):
    """The chart neither keeps saying 预测计算中… nor shows another project's bars while the note
    says the projections failed."""
    import workbench.core.projections as projections

    class Unreadable:
        def __init__(self, *_args, **_kwargs):
            raise ValueError("草稿缺少基准年")

    monkeypatch.setattr(projections, "ProjectionEngine", Unreadable)
    p = ProjectionPanel(ProjectSession(sample_project))
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    p.ensure_engine()
    qtbot.wait(20)  # a widget put in a shown page is shown on the next event-loop turn
    assert p.uplift_holder.isVisible()
    assert "草稿缺少基准年" in p.note_label.text()
    assert not p.uplift_plot.isVisible()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_edit_that_mends_the_project_brings_the_chart_back(qtbot, sample_project, monkeypatch):
    """After a failure the engine is tried again on the next edit, not only on reopening."""
    import workbench.core.projections as projections

    real = projections.ProjectionEngine
    broken = {"now": True}

    def engine(*args, **kwargs):
        if broken["now"]:
            raise ValueError("草稿缺少基准年")
        return real(*args, **kwargs)

    monkeypatch.setattr(projections, "ProjectionEngine", engine)
    session = ProjectSession(sample_project)
    p = ProjectionPanel(session)
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    p.ensure_engine()
    assert p.engine is None
    broken["now"] = False
    cid = _unallocated_candidate(sample_project, session.scenario)
    session.push(SetAllocation(session.scenario, cid, 2027, Instrument.EQUITY, 2.0))
    qtbot.wait(20)
    assert p.engine is not None and p.uplift_plot.isVisible()
    assert "草稿缺少基准年" not in p.note_label.text()
    assert _total(p.uplift_values()).sum() > 0

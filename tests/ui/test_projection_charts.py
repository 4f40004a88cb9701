"""The 预测 charts as a planner reads them: axes that follow the data, a colour per city that never
moves, every city labelled, lines above bars, empty charts that say so, and totals that never add
what may not be added (全额双核算)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from workbench.core.colours import region_colour
from workbench.core.edits import SetAllocation
from workbench.core.enums import Instrument, Status
from workbench.core.projections import views
from workbench.core.projections import vocabulary as voc
from workbench.ui.projection import ProjectionPanel
from workbench.ui.session import ProjectSession


def _panel(qtbot, project) -> ProjectionPanel:
    p = ProjectionPanel(ProjectSession(project))
    qtbot.addWidget(p)
    p.resize(900, 600)
    if p.computing:
        with qtbot.waitSignal(p.ready, timeout=10_000):
            pass
    return p


@pytest.fixture
def panel(qtbot, sample_project):
    return _panel(qtbot, sample_project)


def _select(panel: ProjectionPanel, basis: str, metric: str, stack_by: str) -> None:
    panel.stack_combo.setCurrentIndex(panel.stack_combo.findData(stack_by))
    panel.set_basis(basis)
    panel.metric_combo.setCurrentIndex(panel.metric_combo.findData(metric))
    assert (panel.basis, panel.metric) == (basis, metric)


def _drawn_extent(panel: ProjectionPanel) -> tuple[float, float]:
    """Lowest and highest drawn value: every bar's base and top, and the comparison line."""
    bars = panel.uplift_bars
    points = [0.0]
    for item in [*bars.items, bars.excess_item]:
        if item.isVisible():
            y0 = np.asarray(item.opts["y0"], dtype=float)
            h = np.asarray(item.opts["height"], dtype=float)
            points.extend([*y0, *(y0 + h)])
    if panel.compare_curve.isVisible():
        points.extend(np.asarray(panel.compare_curve.getData()[1], dtype=float))
    return min(points), max(points)


def test_value_axis_follows_the_data_through_every_selection_and_back(panel):
    """属地 → 统计 → 财政 → 统计 left the axis at the tax scale (0–6) while GDP reached 90."""
    other = next(
        s.name for s in panel.session.project.scenarios if s.name != panel.session.scenario
    )
    combos = [(b, m, s) for (b, m), s in itertools.product(voc.BLOCKS, ("city", "component"))]
    issue = [("location", "gdp"), ("statistical", "gdp"), ("fiscal", "tax"), ("statistical", "gdp")]
    sequence = [*combos, *reversed(combos), *((b, m, "city") for b, m in issue)]
    for compare in ("", other):
        panel.compare_combo.setCurrentIndex(panel.compare_combo.findData(compare))
        for basis, metric, stack_by in sequence:
            _select(panel, basis, metric, stack_by)
            lo, hi = _drawn_extent(panel)
            assert hi > 0, (basis, metric)
            v_lo, v_hi = panel.uplift_plot.getPlotItem().getViewBox().viewRange()[1]
            where = (compare, basis, metric, stack_by, (v_lo, v_hi), (lo, hi))
            assert v_lo <= lo and v_hi >= hi, where  # every bar top and line point in view
            assert v_hi - v_lo <= 2 * (hi - lo), where  # and the data fill at least half
            if compare:
                assert panel.compare_curve.isVisible()


def test_spillover_axis_follows_the_data_when_switching_back(panel):
    panel.tabs.setCurrentIndex(panel.TAB_SPILLOVER)
    for basis, metric in [("location", "gdp"), ("fiscal", "tax"), ("location", "gdp")]:
        _select(panel, basis, metric, "city")
        shown = [i for i in panel.spill_bars.items if i.isVisible()]
        ends = [np.asarray(i.opts["x0"]) + np.asarray(i.opts["width"]) for i in shown]
        starts = [np.asarray(i.opts["x0"]) for i in shown]
        top = float(np.max(np.concatenate(ends)))
        low = min(0.0, float(np.min(np.concatenate([*starts, *ends]))))  # additionality < 0
        x_lo, x_hi = panel.spill_plot.getPlotItem().getViewBox().viewRange()[0]
        where = (basis, metric, (x_lo, x_hi), (low, top))
        assert x_lo <= low and x_hi >= top and x_hi - x_lo <= 2 * (top - low), where


def _colours(panel: ProjectionPanel) -> dict[str, str]:
    labels = panel.uplift_bars._legend_labels
    return {
        lab: panel.uplift_bars.items[i].opts["brush"].color().name() for i, lab in enumerate(labels)
    }


def test_city_colours_stay_when_the_ranking_changes(panel):
    session, project = panel.session, panel.session.project
    before = _colours(panel)
    order_before = list(before)
    # Make the 5th city the largest by far: the ranking changes, the colours may not.
    fifth = order_before[4]
    code = next(r.code for r in project.regions if r.name == fifth)
    units = project.planning_units()
    cand = next(
        c.id
        for c in project.candidates
        if units.get(c.region_code) == code and c.status is not Status.REJECTED
    )
    session.push(SetAllocation(session.scenario, cand, 2026, Instrument.EQUITY, 80.0))
    after = _colours(panel)
    assert next(iter(after)) == fifth and list(after) != order_before
    for city in set(before) & set(after):
        assert after[city] == before[city], city
    assert after[fifth] == region_colour(code)
    legend = {t.text: s.item for s, t in panel.uplift_bars.legend.items}
    assert legend[fifth].opts["brush"].color().name() == region_colour(code)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on showing a window
def test_spillover_chart_labels_every_city_and_lines_are_above_bars(panel, qtbot):
    panel.resize(600, 300)
    panel.show()
    panel.tabs.setCurrentIndex(panel.TAB_SPILLOVER)
    qtbot.waitExposed(panel)
    names = panel.spill_axis.names
    assert len(names) >= 10
    vb = panel.spill_plot.getPlotItem().getViewBox()
    lo, hi = vb.viewRange()[1]
    (ticks,) = panel.spill_axis.tickValues(lo, hi, vb.height())
    assert ticks[0] == 1 and ticks[1] == list(range(len(names)))  # every city, none skipped
    assert panel.spill_scroll.verticalScrollBar().maximum() > 0
    bars = [*panel.uplift_bars.items, panel.uplift_bars.excess_item]
    assert all(panel.compare_curve.zValue() > b.zValue() for b in bars)


def test_an_empty_project_draws_no_series_and_says_so(qtbot, sample_project):
    for sc in sample_project.scenarios:
        sc.allocations.clear()
        sc.park_ids.clear()
    p = _panel(qtbot, sample_project)
    for stack_by in ("city", "component"):
        p.stack_combo.setCurrentIndex(p.stack_combo.findData(stack_by))
        assert p.uplift_values() == {}
        assert not any(i.isVisible() for i in p.uplift_bars.items)
        assert p.uplift_bars.legend.items == []  # no 8 arbitrary cities
        assert not p.uplift_bars.legend.isVisible()
        assert p.uplift_bars.empty_note.isVisible()
        assert "暂无预测" in p.uplift_bars.empty_note.textItem.toPlainText()
    p.tabs.setCurrentIndex(p.TAB_SPILLOVER)
    assert p.spill_bars.empty_note.isVisible()


def test_statistical_basis_never_adds_what_is_counted_in_full_twice(panel):
    """高竹 (全额双核算) is recorded in full by 渝北 and 邻水: 65.72 summed vs 60.15 once."""
    session, engine = panel.session, panel.engine
    sc = session.scenario
    other = next(s.name for s in session.project.scenarios if s.name != sc)
    stat = engine.block(sc, "statistical", "gdp")
    loc = engine.block(sc, "location", "gdp")
    expected = views.summable_total(stat, loc)
    np.testing.assert_allclose(expected, loc.total().sum(axis=0))  # every activity once
    twice = stat.total().sum(axis=0)
    assert twice[-1] - expected[-1] > 1.0  # the sample does count 高竹 twice by statistics
    panel.compare_combo.setCurrentIndex(panel.compare_combo.findData(other))
    for stack_by in ("city", "component"):
        _select(panel, "statistical", "gdp", stack_by)
        drawn = np.sum(list(panel.uplift_values().values()), axis=0)
        np.testing.assert_allclose(drawn, expected)  # the stacked bars' totals
        bars = panel.uplift_bars
        assert bars.excess_item.isVisible()
        np.testing.assert_allclose(bars.excess_item.opts["height"], twice - expected, atol=1e-9)
        legend = [t.text for _s, t in bars.legend.items]
        assert voc.NOT_SUMMABLE.zh in legend
        # the hover's 合计 over the lowest bar of 2030, and the outlined bar's own text
        first = next(iter(panel.uplift_values().values()))
        text = panel.uplift_hover.text_at(2030, first[-1] / 2)
        assert f"合计：{expected[-1]:,.2f} 亿元" in text and "不含" in text
        # the outlined bar sits on the positive stack (additionality is drawn below zero)
        y0 = np.asarray(bars.excess_item.opts["y0"], dtype=float)[-1]
        over = panel.uplift_hover.text_at(2030, y0 + (twice - expected)[-1] / 2)
        assert voc.NOT_SUMMABLE.zh in over and "不计入合计" in over
        # the comparison line: the other scenario's total, counted once as well
        _x, y = panel.compare_curve.getData()
        o_stat, o_loc = (
            engine.block(other, "statistical", "gdp"),
            engine.block(other, "location", "gdp"),
        )
        np.testing.assert_allclose(y, views.summable_total(o_stat, o_loc))
        assert voc.NOT_SUMMABLE.zh in panel.note_label.text()


def test_hovers_and_axis_titles_carry_units(panel):
    for basis, metric in voc.BLOCKS:
        _select(panel, basis, metric, "city")
        unit = voc.UNITS[metric]
        assert unit in panel.uplift_plot.getPlotItem().getAxis("left").labelText
        assert all(unit in t for t in panel.uplift_hover.texts)
    panel.tabs.setCurrentIndex(panel.TAB_SPILLOVER)
    assert voc.UNITS[panel.metric] in panel.spill_plot.getPlotItem().getAxis("bottom").labelText
    assert all(voc.UNITS[panel.metric] in t for t in panel.spill_hover.texts)


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tab", ["TAB_UPLIFT", "TAB_FUND", "TAB_SPILLOVER"])
def test_a_long_title_wraps_and_never_widens_the_chart_past_its_view(
    qtbot, sample_project, lang, tab
):
    """The colour key in the 直接与溢出 title made the English chart wider than a narrow dock, and
    its right part, bars included, was cut off."""
    from workbench.ui import i18n
    from workbench.ui.i18n import tr

    i18n.set_language(lang)
    try:
        p = ProjectionPanel(ProjectSession(sample_project))
        qtbot.addWidget(p)
        p.resize(520, 600)
        p.show()
        if p.computing:
            p.ensure_engine()
        p.tabs.setCurrentIndex(getattr(p, tab))
        plot = getattr(
            p, {"TAB_UPLIFT": "uplift_plot", "TAB_FUND": "fund_plot"}.get(tab, "spill_plot")
        )
        item = plot.getPlotItem()

        label = item.titleLabel

        def drawn() -> bool:
            return label.isVisible() and tr("proj.computing") not in label.text

        def laid_out() -> bool:  # the layout follows the title within a few event-loop turns
            title_row = item.layout.itemAt(0, 1).geometry().height()
            return (
                0 < item.geometry().width() <= plot.viewport().width() + 1
                and label.itemRect().height() <= title_row + 1  # every line of it shown
            )

        qtbot.waitUntil(drawn, timeout=3000)
        qtbot.waitUntil(laid_out, timeout=3000)
    finally:
        i18n.set_language("zh")

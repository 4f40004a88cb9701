"""Chart data of the 预测 panel, shaped without Qt from the engine's blocks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.core.edits import SetAllocation
from workbench.core.enums import Instrument
from workbench.core.projections import ProjectionEngine, views
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.parameters import YEARS
from workbench.core.projections.table import Block


def _block(totals_by_city: dict[str, float], basis: str = "location", full=None) -> Block:
    """Each city: its value in every year, all of it direct (the other parts zero)."""
    names = list(totals_by_city)
    direct = np.array([[v] * len(YEARS) for v in totals_by_city.values()], dtype=float)
    parts = [direct, *(np.zeros_like(direct) for _ in voc.PARTS[1:])]
    full = np.zeros(len(names), bool) if full is None else np.asarray(full)
    return Block(basis, "gdp", [f"c{i}" for i in range(len(names))], names, parts, full)


def test_uplift_by_city_groups_small_cities_and_keeps_units():
    block = _block({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0, "E": 5.0})
    stack = views.uplift(block, "city", "zh", top_n=2)
    assert stack.labels == ["E", "D", "其他 3 个市/区县"]
    np.testing.assert_allclose(stack.values[2], [6.0] * len(YEARS))
    assert stack.unit == "亿元" and stack.summable
    assert stack.colours == [views.PALETTE[0], views.PALETTE[1], views.OTHER_COLOUR]
    assert views.uplift(block, "city", "en", top_n=2).labels[-1] == "3 other cities"


def test_uplift_flags_not_summable_blocks():
    assert not views.uplift(_block({"A": 1.0}, "statistical", [True]), "city", "zh").summable
    assert views.uplift(_block({"A": 1.0}, "location", [True]), "city", "zh").summable


def test_stack_by_component_keeps_each_components_colour_and_the_total():
    parts = [np.full((2, len(YEARS)), float(k + 1)) for k in range(len(voc.PARTS))]
    block = Block("location", "gdp", ["a", "b"], ["A", "B"], parts, np.zeros(2, bool))
    by_comp = views.uplift(block, "component", "zh")
    by_city = views.uplift(block, "city", "zh")
    assert by_comp.keys == list(voc.PARTS)
    assert by_comp.colours == [voc.COMPONENT[k].colour for k in voc.PARTS]
    assert by_comp.labels[voc.PARTS.index("network_spillover")] == "区域网络溢出"
    np.testing.assert_allclose(by_comp.values.sum(axis=0), by_city.values.sum(axis=0))
    np.testing.assert_allclose(views.year_totals(block)[1], by_city.values.sum(axis=0))
    spill = views.spillover(block, 2030, "zh")
    assert spill.colours == by_comp.colours  # the same component, the same colour


def test_spillover_and_fund_sort_largest_on_top():
    direct = np.zeros((2, len(YEARS)))
    chain = np.zeros((2, len(YEARS)))
    direct[:, -1] = [1.0, 3.0]
    chain[:, -1] = [0.5, 0.0]
    parts = [direct, chain, np.zeros_like(direct), np.zeros_like(direct)]
    block = Block("location", "gdp", ["a", "b"], ["A", "B"], parts, np.zeros(2, bool))
    s = views.spillover(block, 2030, "en")
    assert s.keys == ["A", "B"]  # bottom to top
    assert s.labels[:2] == ["Direct", "Chain spillover"]
    assert views.spillover(block, 2026, "en").keys == []  # nothing that year: no city listed
    view = pd.DataFrame(
        {
            "region": ["X", "Y", "Z"],
            "contributed": [5.0, 1.0, 0.0],
            "invested": [1.0, 2.0, 0.0],
            "benefit_gdp": [0.5, 0.1, 0.0],
            "benefit_tax": [0.1, 0.0, 0.0],
        }
    )
    f = views.fund(view, "gdp", "zh")
    assert f.keys == ["Y", "X"]  # Z has nothing and is left out; largest contributor on top
    assert f.labels[2].startswith("效益")
    assert views.fund(view, "tax", "en").labels[2].startswith("Benefit: local tax")


def test_hover_texts_carry_value_unit_total_and_comparison():
    stack = views.uplift(_block({"A": 1.0, "B": 2.5}), "city", "zh")
    texts = views.uplift_hovers(stack, "gdp", "zh", "方案B", {2030.0: 9.0})
    assert len(texts) == 2 * len(YEARS)
    last = texts[len(YEARS) - 1]  # first series (B), 2030
    assert last == "B · 2030 年\nGDP 增量：2.50 亿元\n合计：3.50 亿元\n方案B：9.00 亿元"
    assert "2026 年" in texts[0] and "方案B" not in texts[0]
    en = views.fund_hovers(
        views.fund(
            pd.DataFrame(
                {"region": ["X"], "contributed": [5.0], "invested": [1.0], "benefit_gdp": [0.5]}
            ),
            "gdp",
            "en",
        ),
        "en",
    )
    assert en[0] == "X\nContributed: 5.00 100M yuan"
    assert views.fmt_value(1234.4, "人") == "1,234 人"


def test_notes_say_why_a_chart_is_empty_or_overstated():
    empty = views.uplift(_block({"A": 0.0}), "city", "zh")
    notes = views.chart_notes(empty, "gdp", "location", [("引擎提示", "engine note")], "zh")
    assert notes[0] == "引擎提示" and "没有GDP 增量" in notes[1]
    full = views.uplift(_block({"A": 1.0}, "statistical", [True]), "city", "en")
    assert "overstate" in views.chart_notes(full, "gdp", "statistical", [], "en")[-1]


def test_the_edit_path_reads_arrays_not_the_long_table(sample_project):
    """After an allocation edit the views match a fresh engine, and no long table was built."""
    engine = ProjectionEngine(sample_project)
    sc = sample_project.scenarios[0].name
    engine.block(sc, "location", "gdp")
    cid = next(c.id for c in sample_project.candidates)
    _inverse, changes = SetAllocation(sc, cid, 2027, Instrument.EQUITY, 7.0).apply(sample_project)
    engine.apply(changes)
    live = views.uplift(engine.block(sc, "location", "gdp"), "city", "zh")
    assert engine.state(sc).table is None  # nothing flattened on the way to the chart
    fresh = views.uplift(
        ProjectionEngine(sample_project).block(sc, "location", "gdp"), "city", "zh"
    )
    assert live.labels == fresh.labels
    np.testing.assert_allclose(live.values, fresh.values, rtol=1e-9, atol=1e-9)
    table = engine.results(sc)
    rows = table[
        (table.metric == "gdp") & (table.basis == "location") & (table.component == "total")
    ]
    expected = rows.groupby("year")["value"].sum().to_numpy()
    np.testing.assert_allclose(live.values.sum(axis=0), expected, rtol=1e-9)
    with pytest.raises(KeyError):
        engine.block(sc, "fiscal", "jobs")

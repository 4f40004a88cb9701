"""Chart data of the 预测 panel, shaped without Qt from the engine's blocks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.core.colours import region_colour
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


def _parts(**by_key: np.ndarray) -> list[np.ndarray]:
    """One array per component in ``voc.PARTS`` order: those named, zeros for the rest."""
    shape = next(iter(by_key.values())).shape
    return [by_key.get(k, np.zeros(shape)) for k in voc.PARTS]


def test_uplift_by_city_groups_small_cities_and_keeps_units():
    block = _block({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0, "E": 5.0})
    stack = views.uplift(block, "city", "zh", top_n=2)
    assert stack.labels == ["E", "D", "其他 3 个市/区县"]
    np.testing.assert_allclose(stack.values[2], [6.0] * len(YEARS))
    assert stack.unit == "亿元" and stack.summable
    # a city's colour is its region's (c4 is E, c3 is D), whatever its rank
    assert stack.colours == [region_colour("c4"), region_colour("c3"), views.OTHER_COLOUR]
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
    parts = _parts(direct=direct, chain_spillover=chain)
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


def test_notes_say_why_a_chart_is_empty_or_what_is_not_summed():
    empty = views.uplift(_block({"A": 0.0}), "city", "zh")
    notes = views.chart_notes(empty, "gdp", "location", [("引擎提示", "engine note")], "zh")
    assert notes[0] == "引擎提示" and "没有GDP 增量" in notes[1]
    # a flagged city without park figures: nothing is refused, nothing to say
    full = views.uplift(_block({"A": 1.0}, "statistical", [True]), "city", "en")
    assert views.chart_notes(full, "gdp", "statistical", [], "en") == []
    stat, loc = _park_blocks()
    stack = views.uplift(stat, "component", "en", once=loc)
    assert "left out of totals" in views.chart_notes(stack, "gdp", "statistical", [], "en")[-1]


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


def test_a_city_keeps_its_colour_when_the_ranking_changes():
    first = views.uplift(_block({"A": 1.0, "B": 2.0, "C": 3.0}), "city", "zh")
    later = views.uplift(_block({"A": 9.0, "B": 2.0, "C": 0.5}), "city", "zh")
    assert first.labels != later.labels  # the ranking did change
    assert dict(zip(first.labels, first.colours, strict=True)) == dict(
        zip(later.labels, later.colours, strict=True)
    )


def test_a_scenario_without_uplift_has_no_series():
    """No allocations: no arbitrary 8 cities with zero bars, and the notes say why."""
    block = _block(dict.fromkeys("ABCDEFGHIJ", 0.0))
    for by in ("city", "component"):
        stack = views.uplift(block, by, "zh")
        assert stack.empty and stack.labels == []
    assert views.spillover(block, 2030, "zh").keys == []
    notes = views.chart_notes(views.uplift(block, "city", "zh"), "gdp", "location", [], "zh")
    assert any("暂无预测" in n for n in notes)
    # only the cities with an uplift are drawn
    assert views.uplift(_block({"A": 0.0, "B": 2.0}), "city", "zh").labels == ["B"]


def _park_blocks() -> tuple[Block, Block]:
    """Host H and partner P of a park counted in full by both (1.0 a year), and city C (2.0)."""
    direct = np.array([[2.0] * len(YEARS), [0.0] * len(YEARS), [0.0] * len(YEARS)])
    stat_park = np.array([[0.0] * len(YEARS), [1.0] * len(YEARS), [1.0] * len(YEARS)])
    loc_park = np.array([[0.0] * len(YEARS), [1.0] * len(YEARS), [0.0] * len(YEARS)])
    full = np.array([False, True, True])
    codes, names = ["c", "h", "p"], ["C", "H", "P"]
    stat = Block(
        "statistical", "gdp", codes, names, _parts(direct=direct, park_share=stat_park), full
    )
    loc = Block("location", "gdp", codes, names, _parts(direct=direct, park_share=loc_park), full)
    return stat, loc


def test_full_both_park_is_summed_once_and_the_copy_is_shown_apart():
    stat, loc = _park_blocks()
    np.testing.assert_allclose(views.summable_total(stat, loc), [3.0] * len(YEARS))
    np.testing.assert_allclose(views.summable_total(stat, loc), loc.total().sum(axis=0))
    for by in ("city", "component"):
        s = views.uplift(stat, by, "zh", once=loc)
        np.testing.assert_allclose(s.totals, [3.0] * len(YEARS))  # not 4: H's park once
        np.testing.assert_allclose(s.excess_totals, [1.0] * len(YEARS))  # P's copy, apart
        np.testing.assert_allclose(s.values + s.excess, s.values + s.excess)
        np.testing.assert_allclose((s.values + s.excess).sum(axis=0), stat.total().sum(axis=0))
    by_city = views.uplift(stat, "city", "zh", once=loc)
    assert by_city.excess[by_city.labels.index("P")].sum() == pytest.approx(len(YEARS))
    hovers = views.uplift_hovers(by_city, "gdp", "zh")
    assert len(hovers) == by_city.values.size + len(YEARS)  # one more per outlined bar
    assert "合计：3.00 亿元" in hovers[0] and "不含" in hovers[0]
    assert voc.NOT_SUMMABLE.zh in hovers[-1] and "P：1.00 亿元" in hovers[-1]
    notes = views.chart_notes(by_city, "gdp", "statistical", [], "zh")
    assert any(voc.NOT_SUMMABLE.zh in n for n in notes)
    # without the counted-once figures nothing refused is summed (never more than allowed)
    np.testing.assert_allclose(views.summable_total(stat), [2.0] * len(YEARS))
    # by location everything may be summed: nothing apart
    assert not views.uplift(loc, "city", "zh").excess.any()


def test_share_of_baseline_stacks_each_units_contribution_to_the_circle_share():
    """Shares never add across units; contributions to the share of the units with statistics
    together do: (1 + 3) ÷ (100 + 300) = 1 %, the unit without statistics left out."""
    ones = np.ones(len(YEARS))
    base = np.array([100.0 * ones, 300.0 * ones, np.nan * ones])
    uplift = np.array([1.0 * ones, 3.0 * ones, 5.0 * ones])
    with np.errstate(invalid="ignore"):
        share = uplift * 100 / base
    full = np.zeros(3, bool)
    block = Block(
        "baseline",
        "gdp_pct_baseline",
        ["a", "b", "c"],
        ["A", "B", "C"],
        _parts(direct=share),
        full,
        YEARS,
        base,
    )
    assert not block.summable("direct").any()  # the table's rule: a ratio is never summed
    for by in ("city", "component"):
        s = views.uplift(block, by, "en")
        assert s.summable and not s.excess.any()
        np.testing.assert_allclose(s.totals, ones)
    assert views.uplift(block, "city", "en").labels == ["B", "A"]  # C has no statistics
    np.testing.assert_allclose(views.summable_total(block), ones)
    notes = views.chart_notes(
        views.uplift(block, "city", "en"), "gdp_pct_baseline", "baseline", [], "en"
    )
    assert any("contribution" in n for n in notes)

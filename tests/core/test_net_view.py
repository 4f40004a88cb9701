"""Gross and net side by side (``core.projections.net_view``): the identity per unit and for the
circle, the steps against the engine's additionality, and the steps by hand where the model is
linear in the gross-to-net factor."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.net_effects import ADDITIONALITY_STEPS, additionality_steps
from workbench.core.projections import ProjectionEngine
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.net_view import COLUMNS, column_label, net_split
from workbench.core.projections.views import summable_total

SCENARIO = "基准方案"
ADDITIVE = [(b, m) for b, m in voc.BLOCKS if voc.METRIC[m].additive]


def _steps(split) -> dict[str, np.ndarray]:
    return {k: split.values[k] for k in ADDITIONALITY_STEPS}


@pytest.mark.parametrize(("basis", "metric"), ADDITIVE)
def test_gross_plus_steps_is_net_and_steps_are_the_engines_additionality(
    sample_project, basis, metric
):
    engine = ProjectionEngine(sample_project)
    split = net_split(engine, SCENARIO, basis, metric)
    block = engine.block(SCENARIO, basis, metric)
    adjustment = block.parts[voc.PARTS.index("additionality")]
    steps = sum(_steps(split).values())
    np.testing.assert_allclose(split.values["gross"] + steps, split.values["net"], atol=1e-12)
    np.testing.assert_allclose(steps, adjustment, atol=1e-12)
    np.testing.assert_allclose(split.values["net"], block.total(), atol=0)
    for k in ADDITIONALITY_STEPS:  # each step takes something off, never adds
        assert (split.values[k] <= 1e-12).all()
    # The circle: the same identity, and net equal to the chart's summable total.
    once_key = voc.BASIS[basis].counted_once
    once = engine.block(SCENARIO, once_key, metric) if once_key else None
    circle_steps = sum(split.circle[k] for k in ADDITIONALITY_STEPS)
    np.testing.assert_allclose(split.circle["gross"] + circle_steps, split.circle["net"], atol=1e-9)
    np.testing.assert_allclose(split.circle["net"], summable_total(block, once), atol=1e-9)


def test_the_sample_has_every_step_in_2030_and_keeps_double_counting_out_of_the_circle(
    sample_project,
):
    engine = ProjectionEngine(sample_project)
    loc = net_split(engine, SCENARIO, "location", "gdp")
    _units, circle, _excess = loc.at(2030)
    assert circle["gross"] > circle["net"] > 0
    assert all(circle[k] < 0 for k in ADDITIONALITY_STEPS)
    stat = net_split(engine, SCENARIO, "statistical", "gdp")
    units, s_circle, s_excess = stat.at(2030)
    assert not stat.summable.all()  # the sample's 高竹 is counted in full by both parties
    assert s_excess["gross"] > 0
    # Stated once, the circle under the statistical basis is the circle by location.
    assert s_circle["gross"] == pytest.approx(circle["gross"])
    assert units["gross"].sum() == pytest.approx(s_circle["gross"] + s_excess["gross"])


def test_steps_follow_the_guide_by_hand_when_every_subject_has_the_same_shares(sample_project):
    """With one set of shares for every instrument and park model the factor is uniform, the
    model is homogeneous in it, and each step is ``additionality_steps`` of gross."""
    shares = {"leakage": 10.0, "displacement": 20.0, "crowding_out": 5.0, "deadweight": 30.0}
    sc = sample_project.scenario(SCENARIO)
    for key in list(sample_project.assumptions):
        if key.startswith("additionality."):
            sc.assumption_overrides[key] = shares[key.rsplit(".", 1)[1]]
    engine = ProjectionEngine(sample_project)
    split = net_split(engine, SCENARIO, "location", "gdp")
    by_hand = additionality_steps(split.values["gross"], {k: v / 100 for k, v in shares.items()})
    for k in ADDITIONALITY_STEPS:
        np.testing.assert_allclose(-split.values[k], by_hand[k], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(split.values["net"], by_hand["net"], rtol=1e-9, atol=1e-12)


def test_shares_of_baseline_enter_the_circle_as_one_share(sample_project):
    """Uplift of the units with statistics (each activity counted once) ÷ their baseline."""
    engine = ProjectionEngine(sample_project)
    split = net_split(engine, SCENARIO, "baseline", "gdp_pct_baseline")
    gdp = net_split(engine, SCENARIO, "statistical", "gdp")
    loc = net_split(engine, SCENARIO, "location", "gdp")
    base = engine.block(SCENARIO, "baseline", "gdp_pct_baseline").weights
    has = np.isfinite(base) & (base > 0)
    assert not split.summable.any()
    once = np.where(gdp.summable[:, None], gdp.values["net"], loc.values["net"])
    t = split.years.index(2030)
    expected = 100 * once[has[:, t], t].sum() / base[has[:, t], t].sum()
    assert split.circle["net"][t] == pytest.approx(expected)
    per_unit = split.values["net"][:, t]
    assert np.isnan(per_unit[~has[:, t]]).all()  # unknown, never 0 %


def test_columns_are_labelled_in_both_languages():
    assert column_label(COLUMNS[0], "zh") == "毛效益"
    assert column_label("net", "en") == "Net"
    assert column_label("deadweight", "zh").startswith("无谓")

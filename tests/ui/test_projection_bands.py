"""The uplift chart's P10–P90 band: computed in the background, faded while stale, refreshed
after an edit without blocking the window, with P10/P50/P90 and units in the hover."""

from __future__ import annotations

import time

import numpy as np
import pytest

from workbench.core.edits import SetAllocation, SetValue
from workbench.core.enums import Instrument
from workbench.ui import i18n
from workbench.ui.projection.band import STALE_OPACITY
from workbench.ui.projection_panel import ProjectionPanel
from workbench.ui.session import ProjectSession

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, on showing a widget


@pytest.fixture
def panel(qtbot, sample_project):
    sample_project.uncertainty.draws = 60  # small: the test is about the plumbing
    session = ProjectSession(sample_project)
    p = ProjectionPanel(session)
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()  # a hidden chart computes no band
    if p.computing:
        with qtbot.waitSignal(p.ready, timeout=10_000):
            pass
    qtbot.waitUntil(lambda: p.band.band is not None and not p.band.stale, timeout=30_000)
    return p


def _circle_total(panel) -> np.ndarray:
    return np.sum(list(panel.uplift_values().values()), axis=0)


def test_band_is_drawn_around_the_central_total(panel):
    band = panel.band.band
    assert band.draws == 60 and band.unit == "亿元"
    assert (band.p10 <= band.p50).all() and (band.p50 <= band.p90).all()
    x, y = panel.band.median.getData()
    assert np.allclose(x, band.years) and np.allclose(y, band.p50)
    assert panel.band.fill.isVisible() and panel.band.fill.opacity() == 1.0
    central = _circle_total(panel)
    assert (band.p90[2:] > 0).all() and (band.p10[2:] < central[2:] * 10).all()


def test_an_edit_fades_the_band_then_refreshes_it_without_blocking(panel, qtbot):
    session = panel.session
    before = panel.band.band.p50.copy()
    cid = session.project.scenario(session.scenario).allocations[0].candidate_id
    t0 = time.perf_counter()
    session.push(SetAllocation(session.scenario, cid, 2026, Instrument.EQUITY, 40.0))
    pushed = time.perf_counter() - t0
    assert panel.band.stale and panel.band.fill.opacity() == pytest.approx(STALE_OPACITY)
    assert pushed < 0.5  # the edit returns at once; the band follows
    with qtbot.waitSignal(panel.band.refreshed, timeout=30_000):
        pass
    assert not panel.band.stale and panel.band.fill.opacity() == 1.0
    assert panel.band.band.p50[-1] > before[-1]  # more money: a higher band


def test_a_parameter_edit_rebuilds_the_draws(panel, qtbot):
    session = panel.session
    old = panel.band.band.p50.copy()
    with qtbot.waitSignal(panel.band.refreshed, timeout=30_000):
        session.push(SetValue(("assumptions", "tax.profit_share", "value"), 40.0))
    assert panel.band.band is not None and panel.band.band.draws == 60
    assert np.allclose(panel.band.band.p50, old)  # GDP does not depend on the profit share
    with qtbot.waitSignal(panel.band.refreshed, timeout=30_000):
        panel.metric_combo.setCurrentIndex(panel.metric_combo.findData("tax"))
    assert panel.band.band_key[2] == "tax"


def test_hover_shows_p10_p50_p90_with_units_in_both_languages(panel):
    band = panel.band.band
    y = band.years[-1]
    text = panel.uplift_hover.text_at(y, float(band.p50[-1]))
    assert text and "P10–P90" in text and "P50" in text and "亿元" in text
    try:
        i18n.set_language("en")
        panel._invalidate_all()
        text = panel.uplift_hover.text_at(y, float(band.p50[-1]))
        assert "Range P10–P90" in text and "100M yuan" in text
    finally:
        i18n.set_language("zh")


def test_zero_draws_turn_the_band_off(panel, qtbot):
    with qtbot.waitSignal(panel.redrawn, timeout=5_000):
        panel.session.push(SetValue(("uncertainty", "draws"), 0))
    assert not panel.band.fill.isVisible()
    assert panel.band.legend_items() == []


def test_a_hidden_chart_computes_no_band_until_shown(qtbot, sample_project):
    sample_project.uncertainty.draws = 30
    p = ProjectionPanel(ProjectSession(sample_project))
    qtbot.addWidget(p)
    if p.computing:
        with qtbot.waitSignal(p.ready, timeout=10_000):
            pass
    qtbot.wait(300)
    assert p.band.band is None and p.band.task is None
    with qtbot.waitSignal(p.band.refreshed, timeout=30_000):
        p.show()
    assert p.band.band is not None


def test_export_reuses_the_panels_draws_only_while_they_hold(panel, qtbot):
    """The window's export takes the bands of the draws the panel has computed when no edit came
    since (the same rows ``run_draws`` gives), and draws again otherwise."""
    import pandas as pd

    from workbench.core.uncertainty import model_bands, run_draws

    session = panel.session
    sc, u = session.scenario, session.project.uncertainty
    horizon = panel.horizon
    model = panel.band.current_model(sc, horizon, u.draws, u.seed)
    assert model is not None
    assert panel.band.current_model(sc, horizon, u.draws, u.seed + 1) is None
    assert panel.band.current_model(sc, horizon, u.draws + 1, u.seed) is None
    got = model_bands(model)
    ref = run_draws(session.project, sc, draws=u.draws, seed=u.seed, until=horizon)
    pd.testing.assert_frame_equal(got, ref)
    assert got.attrs == ref.attrs
    cid = session.project.scenario(sc).allocations[0].candidate_id
    session.push(SetAllocation(sc, cid, 2026, Instrument.EQUITY, 40.0))
    assert panel.band.current_model(sc, horizon, u.draws, u.seed) is None  # stale until redrawn
    with qtbot.waitSignal(panel.band.refreshed, timeout=30_000):
        pass
    model = panel.band.current_model(sc, horizon, u.draws, u.seed)
    assert model is not None
    ref = run_draws(session.project, sc, draws=u.draws, seed=u.seed, until=horizon)
    pd.testing.assert_frame_equal(model_bands(model), ref)

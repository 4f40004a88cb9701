"""Rules the net-projection engine will call: taxes by sector and level, the equity-cap base,
park locations, gross-to-net steps, lags and ramps, investee attrition."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.enums import ParkModel, UnitType
from workbench.core.model import Candidate, ParkArrangement, ParkLocation, Project
from workbench.core.net_effects import (
    additionality_steps,
    net_factor,
    ramp_matrix,
    ramp_profile,
    survival,
)
from workbench.core.taxes import (
    cit_rate,
    equity_base,
    local_split,
    vat_rate,
    western_cit_applies,
)


def cand(sector: str, region: str = "510100", flag: bool | None = None) -> Candidate:
    return Candidate("C", "c", UnitType.PARK, region, sector, western_cit_rate=flag)


def test_vat_rate_by_sector_falls_back_to_the_standard_rate():
    p = Project()  # no parameters stored: the shipped defaults apply
    assert vat_rate(p, "现代农业") == 9.0
    assert vat_rate(p, "现代服务业") == 6.0
    assert vat_rate(p, "无此产业") == 13.0


def test_western_cit_only_for_qualifying_units_and_only_until_2030():
    p = Project()
    assert western_cit_applies(cand("电子信息"))
    assert not western_cit_applies(cand("现代服务业"))
    assert not western_cit_applies(cand("电子信息", region="330100"))  # 杭州: not in the west list
    assert cit_rate(p, cand("电子信息"), 2030) == 15.0
    assert cit_rate(p, cand("电子信息"), 2031) == 25.0
    assert cit_rate(p, cand("现代服务业"), 2028) == 25.0
    # The planner's finding overrides the sector default both ways.
    assert cit_rate(p, cand("现代服务业", flag=True), 2028) == 15.0
    assert cit_rate(p, cand("电子信息", flag=False), 2028) == 25.0


def test_local_split_sums_to_one_and_reads_the_province_parameter():
    p = Project()
    prov, city = local_split(p, "vat", "500112")
    assert prov == pytest.approx(0.30) and prov + city == pytest.approx(1.0)
    from workbench.core.assumptions import default_assumptions

    p.assumptions = default_assumptions()
    p.assumptions["tax.province_share.cit.510000"].value = 45.0
    assert local_split(p, "cit", "510700") == pytest.approx((0.45, 0.55))
    assert local_split(p, "cit", "330100") == (0.0, 1.0)


def test_equity_base_prefers_valuation_then_registered_capital():
    c = cand("汽车")
    assert equity_base(c) is None
    c.registered_capital = 2.0
    assert equity_base(c) == 2.0
    c.post_money_valuation = 8.0
    assert equity_base(c) == 8.0


def test_park_locations_default_to_the_host_and_shares_sum_to_100():
    park = ParkArrangement("P", "高竹", ParkModel.CO_BUILT, "500112", ["511600"])
    assert park.location_shares() == [ParkLocation("500112", 100.0)]
    park.locations = [ParkLocation("500112", 55.0), ParkLocation("511623", 45.0)]
    assert sum(x.share_pct for x in park.location_shares()) == pytest.approx(100.0)


def test_additionality_identity_gross_minus_adjustments_is_net():
    gross = np.array([[10.0, 20.0], [0.0, 5.0]])
    shares = {"deadweight": 0.3, "displacement": 0.25, "leakage": 0.1, "crowding_out": 0.15}
    steps = additionality_steps(gross, shares)
    adjustments = sum(steps[k] for k in ("leakage", "displacement", "crowding_out", "deadweight"))
    np.testing.assert_allclose(gross - adjustments, steps["net"])
    # By hand: 10 × 0.9 × 0.75 × 0.85 × 0.7
    assert steps["net"][0, 0] == pytest.approx(10 * 0.9 * 0.75 * 0.85 * 0.7)
    assert net_factor(shares) == pytest.approx(0.9 * 0.75 * 0.85 * 0.7)
    assert steps["leakage"][0, 1] == pytest.approx(2.0)


def test_no_output_before_the_lag_then_a_linear_ramp():
    prof = ramp_profile(lag=2, ramp=2, n_years=6)
    # year k averages e(s) = clip((s − 2)/2, 0, 1) over [k, k+1]: 0, 0, 1/4, 3/4, 1, 1
    np.testing.assert_allclose(prof, [0, 0, 0.25, 0.75, 1, 1])
    r = ramp_matrix(lag=1, ramp=0, years=5)
    for t in range(5):
        assert (r[t, : t + 1] == 0).all() and (r[t, t + 1 :] == 1).all()
    # A fractional lag moves output smoothly between the neighbouring integers.
    mid = ramp_profile(1.5, 2, 6)
    assert (ramp_profile(2, 2, 6) <= mid).all() and (mid <= ramp_profile(1, 2, 6)).all()
    with pytest.raises(ValueError):
        ramp_profile(-1, 2, 3)


def test_survival_compounds_the_yearly_write_off_rate():
    np.testing.assert_allclose(survival(10.0, np.array([-1, 0, 1, 3])), [0, 1, 0.9, 0.729])

"""Fields added for issue 11 (candidate tax flag and equity base, park locations, parameter
distribution) save and load unchanged."""

from __future__ import annotations

from workbench.core.enums import Distribution
from workbench.core.model import ParkLocation
from workbench.io.project_file import load, save


def test_new_model_fields_round_trip(sample_project, tmp_path):
    c = sample_project.candidates[0]
    c.western_cit_rate, c.post_money_valuation, c.origin_region = False, 12.5, "510100"
    park = sample_project.parks[0]
    park.locations = [ParkLocation("500112", 60.0), ParkLocation("511600", 40.0)]
    sample_project.assumptions["tax.profit_share"].distribution = Distribution.UNIFORM
    f = tmp_path / "p.wbp"
    save(sample_project, f)
    back = load(f)
    assert back == sample_project
    assert back.parks[0].location_shares()[1].share_pct == 40.0


def test_scenario_approach_round_trips_and_old_files_have_none(sample_project, tmp_path):
    """Scenario.approach (总体思路, issue 18) is optional: older files load with "" and are
    otherwise unchanged; a written approach saves and loads as typed."""
    import json

    from workbench.bundled import SAMPLE_PROJECT

    raw = json.loads(SAMPLE_PROJECT.read_text(encoding="utf-8"))
    assert all("approach" not in s for s in raw["project"]["scenarios"])
    assert all(s.approach == "" for s in sample_project.scenarios)
    sample_project.scenarios[0].approach = "一段。\n另一段：“引号”与 100% 。"
    f = tmp_path / "a.wbp"
    save(sample_project, f)
    back = load(f)
    assert back == sample_project
    assert back.scenarios[0].approach.endswith("100% 。")

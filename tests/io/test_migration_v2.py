"""Format v1 -> v2: a park's GDP and tax rules become its agreement, and the projection does not
move (the reference numbers were computed by the v1 engine, before agreements existed)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.core.enums import Coverage, GdpRule
from workbench.core.projections import project_effects
from workbench.io.migrations import CURRENT_VERSION, migrate
from workbench.io.project_file import load, save

DATA = Path(__file__).resolve().parents[1] / "data"


def test_v1_golden_file_moves_park_rules_into_agreements(tmp_path):
    doc = json.loads((DATA / "project_v1.wbp").read_text(encoding="utf-8"))
    assert doc["format_version"] == 1 and "gdp_rule" in doc["project"]["parks"][0]
    migrated = migrate(doc)
    assert migrated["format_version"] == CURRENT_VERSION == 2
    assert "gdp_rule" in doc["project"]["parks"][0]  # the caller's document is untouched
    for park in migrated["project"]["parks"]:
        assert not {"gdp_rule", "gdp_split", "existing_tax_base", "tax_split"} & set(park)
    p = load(DATA / "project_v1.wbp")
    enclave, cobuilt = p.agreements
    assert (enclave.id, enclave.coverage, enclave.park_id) == ("AG-P-01", Coverage.PARK, "P-01")
    assert enclave.parties == ["512002", "510100"]
    assert enclave.gdp_rule is GdpRule.SPLIT and enclave.gdp_split == {"512002": 40, "510100": 60}
    assert enclave.existing_tax_base == 0.4 and enclave.tax_split[2029]["510100"] == 50.0
    assert cobuilt.gdp_rule is GdpRule.FULL_BOTH and cobuilt.tax_split[2026]["500112"] == 50.0
    # saved again it is a v2 file that loads back equal
    out = tmp_path / "v2.wbp"
    save(p, out, backup=False)
    assert json.loads(out.read_text(encoding="utf-8"))["format_version"] == 2
    assert load(out) == p


def test_an_old_file_projects_identically():
    reference = pd.read_csv(DATA / "project_v1_park_share.csv", dtype={"region_code": str})
    df = project_effects(load(DATA / "project_v1.wbp"))
    park = df[(df.component == "park_share") & (df.value.abs() > 0)]
    park = park[park.basis.isin(reference.basis.unique())]
    keys = ["scenario", "region_code", "year", "metric", "basis"]
    got = park.set_index(keys).sort_index()
    want = reference.set_index(keys).sort_index()
    assert list(got.index) == list(want.index)
    np.testing.assert_allclose(got["value"], want["value"], rtol=1e-9, atol=1e-12)
    assert (got["summable"].astype(bool) == want["summable"].astype(bool)).all()


def test_agreement_ids_never_collide_with_existing_ones():
    doc = {
        "format_version": 1,
        "project": {
            "parks": [{"id": "P", "name": "园", "host": "510100", "partners": ["500112"]}],
            "agreements": [{"id": "AG-P"}],
        },
    }
    out = migrate(doc)["project"]["agreements"]
    assert [a["id"] for a in out] == ["AG-P", "AG-P-2"]
    assert out[1]["parties"] == ["510100", "500112"] and out[1]["coverage"] == "park"

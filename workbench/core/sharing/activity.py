"""What a covered unit produces and pays, year by year and where: the input of the settlement forms.

Gross of additionality, because a settlement divides what the tax bureau actually collects and what
the statistics office actually records, not the counterfactual net effect. A park's activity is
its output from the engine's park arithmetic (``projections.parks.park_output``), split over its
location shares; a candidate's is its direct output (``ScenarioState.d_cand``, gross half) at its
region. Tax is the local share only: VAT × (1 − central 50 %), CIT × (1 − central 60 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.core.enums import Coverage
from workbench.core.projections.parks import _western, location_shares, park_output
from workbench.core.projections.state import ROW, ScenarioState
from workbench.core.sharing.model import Agreement


@dataclass
class Activity:
    """Per location code: (years,) GDP, local VAT and local CIT collected there, 亿元."""

    years: tuple[int, ...]
    gdp: dict[str, np.ndarray] = field(default_factory=dict)
    vat: dict[str, np.ndarray] = field(default_factory=dict)
    cit: dict[str, np.ndarray] = field(default_factory=dict)
    base: dict[str, float] = field(default_factory=dict)  # 存量 tax per year by location

    def add(self, code: str, gdp: np.ndarray, vat: np.ndarray, cit: np.ndarray) -> None:
        for store, x in ((self.gdp, gdp), (self.vat, vat), (self.cit, cit)):
            store[code] = store.get(code, np.zeros(len(self.years))) + x


def activity(project, st: ScenarioState, cand_row: dict[str, int], deal: Agreement) -> Activity:
    params = st.params
    years = tuple(params.years)
    out = Activity(years)
    if deal.coverage is Coverage.PARK:
        park = project.park(deal.park_id)
        if park is None or park.id not in st.scenario.park_ids:
            return out
        o = park_output(park, params)
        k = params.sector(park.sector, _western(park))
        _, local_k, vat_k = params.tax_rows(k)
        for code, share in location_shares(park).items():
            out.add(code, o * k.gdp * share, o * vat_k * share, o * (local_k - vat_k) * share)
            out.base[code] = out.base.get(code, 0.0) + deal.existing_tax_base * share
        return out
    ny = len(years)
    western = params.western_years
    for cid in dict.fromkeys(deal.candidate_ids):
        c, i = project.candidate(cid), cand_row.get(cid, -1)
        if c is None or i < 0:
            continue
        o = st.d_cand[i, :ny]
        kc = st.k[:, i]
        cit = np.where(western, kc[ROW["cit"]], kc[ROW["cit_std"]])
        out.add(
            c.region_code,
            o * kc[ROW["gdp"]],
            o * kc[ROW["vat"]] * (1 - params.vat_central),
            o * cit * (1 - params.cit_central),
        )
    return out

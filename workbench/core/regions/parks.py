"""A region's parks: where it is host, partner or location, and what GDP and local revenue it
gives or gets under each park's sharing rules (plan period, 2026–2030, gross of additionality).

GDP given (−) or received (+) is what the region records under the park's GDP rule minus the
GDP produced on its land. Revenue given or received is the local revenue the tax split pays it
minus what it would keep if the park's local revenue followed the land. Each park is evaluated
alone (a copy of the scenario holding only that park), so the figures are that park's own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from workbench.core.model import Project, Scenario
from workbench.core.projections.parameters import read_parameters
from workbench.core.projections.parks import location_shares, park_arrays

if TYPE_CHECKING:
    from workbench.core.projections.engine import ProjectionEngine


@dataclass(frozen=True)
class ParkRole:
    park_id: str
    name: str
    model: str
    role: str  # host / partner / location
    gdp_on_land: float  # 亿元, 2026–2030
    gdp_recorded: float
    revenue_received: float
    revenue_by_land: float

    @property
    def gdp_balance(self) -> float:
        return self.gdp_recorded - self.gdp_on_land

    @property
    def revenue_balance(self) -> float:
        return self.revenue_received - self.revenue_by_land


def park_roles(
    project: Project, covered: set[str], sc: Scenario, engine: ProjectionEngine
) -> list[ParkRole]:
    s = engine.structure
    params = read_parameters(project, sc)
    rows = sorted({s.unit_index[c] for c in covered if c in s.unit_index})
    out = []
    for pid in sc.park_ids:
        park = project.park(pid)
        if park is None:
            continue
        lands = set(location_shares(park))
        if park.host in covered:
            role = "host"
        elif covered & set(park.partners):
            role = "partner"
        elif covered & lands:
            role = "location"
        else:
            continue
        arr = park_arrays(project, replace(sc, park_ids=[pid]), s, params)
        fiscal_total = float(arr.fiscal.sum())
        land_share = sum(v for c, v in location_shares(park).items() if c in covered)
        out.append(
            ParkRole(
                pid,
                park.name,
                park.model.value,
                role,
                float(arr.loc["gdp"][rows].sum()),
                float(arr.stat["gdp"][rows].sum()),
                float(arr.fiscal[rows].sum()),
                fiscal_total * land_share,
            )
        )
    return out

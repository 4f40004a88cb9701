"""Projections: GDP, tax and jobs per planning unit and year, with spillover and benefit sharing.

Pure numpy/pandas (no Qt). The formulas, parameters and limits are in docs/model.md.

``project_effects(project, scenario=None, until=2030)`` / ``ProjectionEngine(project, until)
.results(scenario)`` — long table, one row per scenario × region × year (2026..until) × metric ×
basis × component:

    scenario, region_code, region, year, metric, component, basis, value, unit, summable

* region_code/region: planning units (Sichuan prefectures, Chongqing districts and counties);
* metric: output, gdp (value added), tax (亿元), jobs (人), and the non-additive shares of the
  baseline gdp_pct_baseline / revenue_pct_baseline (%, NaN where a unit has no statistics);
* basis: location, statistical (park GDP rules), fiscal (city/district tier of local revenue),
  fiscal_province (the province tier), baseline (the % of baseline metrics);
* component: direct, chain_spillover, indirect (own-region suppliers), network_spillover (rounds
  through other units), park_share, additionality (net − gross, ≤ 0), total (their sum: net);
  gross = total − additionality (see ``blocks``);
* summable: False where the value includes a park's GDP "counted in full by both", or is a share;
  such rows must never be added across regions.

Keys, labels, units, colours and summability: ``vocabulary``. ``ProjectionEngine.block(scenario,
basis, metric)`` gives one (basis, metric) as region × year arrays per component; ``views`` shapes
them into chart data (top-N + 其他, per-component stacks, spillover and fund tables, hover texts).

``DataFrame.attrs["notes"]`` lists (zh, en) messages; ``attrs["spillover_refused"]`` is True when a
spillover matrix had spectral radius ≥ 1 and that spillover was left out (components are zero).

``fund_view(project, scenario)``: region_code, region, contributed (亿元), contribution_ratio (%),
invested (亿元), benefit_gdp (亿元, net, 2026–2030), benefit_tax (亿元, city/district tier),
benefit_jobs (人, 2030), benefit_share (%, of net value added over a fixed 10 years after each
allocation), fairness_ratio (benefit_share ÷ contribution_ratio: the year of an allocation alone
does not move it).

``deployment(project, scenario)``: year, tranche_scheduled, tranche_opened, tranche_pending,
available, allocated, cumulative_allocated, current_tranche (all 亿元),
current_tranche_invested_pct (%), gate_pct (%), gate_met (bool), over_available (bool).

``park_cashflows(project, scenario)``: park_id, park, region_code, region, year, equity_share (%),
invested (亿元 paid-in), phase (fixed_return/dividend), phase_zh, cash_flow (亿元), unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.lazy_exports import lazy_exports

if TYPE_CHECKING:
    import pandas as pd

    from workbench.core.model import Project
    from workbench.core.projections.engine import ProjectionEngine, ScenarioNotFound
    from workbench.core.projections.fund import DEPLOYMENT_COLUMNS, FUND_COLUMNS
    from workbench.core.projections.parks import CASHFLOW_COLUMNS
    from workbench.core.projections.table import BASES, COLUMNS, COMPONENTS, METRICS, UNITS

__all__ = [
    "BASES",
    "CASHFLOW_COLUMNS",
    "COLUMNS",
    "COMPONENTS",
    "DEPLOYMENT_COLUMNS",
    "FUND_COLUMNS",
    "METRICS",
    "UNITS",
    "ProjectionEngine",
    "ScenarioNotFound",
    "deployment",
    "fund_view",
    "park_cashflows",
    "project_effects",
]

# The engine pulls in pandas for its tables (and scipy for projects over
# ``matrices.DENSE_LIMIT`` candidates). The window imports ``vocabulary`` and ``views``
# before its first paint and the engine only after it, so the package names resolve on first use.
_LAZY = {
    "ProjectionEngine": "engine",
    "ScenarioNotFound": "engine",
    "DEPLOYMENT_COLUMNS": "fund",
    "FUND_COLUMNS": "fund",
    "CASHFLOW_COLUMNS": "parks",
    "BASES": "table",
    "COLUMNS": "table",
    "COMPONENTS": "table",
    "METRICS": "table",
    "UNITS": "table",
}


__getattr__ = lazy_exports(__name__, _LAZY, globals())


def project_effects(
    project: Project, scenario: str | None = None, until: int = 2030
) -> pd.DataFrame:
    """The long projection table for one scenario (or all when None), 2026..``until``."""
    from workbench.core.projections.engine import ProjectionEngine

    return ProjectionEngine(project, until).results(scenario)


def fund_view(project: Project, scenario: str) -> pd.DataFrame:
    from workbench.core.projections.engine import ProjectionEngine

    return ProjectionEngine(project).fund_view(scenario)


def deployment(project: Project, scenario: str) -> pd.DataFrame:
    from workbench.core.projections.engine import ProjectionEngine

    return ProjectionEngine(project).deployment(scenario)


def park_cashflows(project: Project, scenario: str) -> pd.DataFrame:
    from workbench.core.projections.engine import ProjectionEngine

    return ProjectionEngine(project).park_cashflows(scenario)

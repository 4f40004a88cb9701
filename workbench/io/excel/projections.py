"""Projection figures for the workbook, from the projection engine (``workbench.core.projections``).

Kept behind one function so the export works (without a 预测 sheet and benefit columns, saying so
on the cover) in a build where the engine is missing; no figure is made up here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from workbench.core.model import Project, Scenario, UncertaintySettings


@dataclass(frozen=True)
class CityBenefit:
    gdp: float  # 亿元, value added caused by the fund, 2026–2030 cumulative
    tax: float  # 亿元, local budget revenue, 2026–2030 cumulative
    jobs: float  # 人, in 2030
    share: float | None  # fraction of all units' benefit_gdp; None when nothing is invested
    fairness: float | None  # share ÷ contribution ratio; None when undefined


@dataclass
class ProjectionTables:
    effects: Any  # pandas DataFrame, the engine's long form
    city_benefits: dict[str, CityBenefit] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)
    # (basis, metric) -> core.projections.net_view.NetSplit: gross, each step, net (净效益 sheet)
    net: dict[tuple[str, str], Any] = field(default_factory=dict)
    # Monte Carlo (``core.uncertainty``), when the export asks for draws: P10/P50/P90 per row of
    # ``effects`` (+ gross rows) and the tornado of net 2030 GDP (敏感性 sheet)
    bands: Any = None
    tornado: Any = None


def _opt(x: float) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else float(x)


def projection_tables(
    project: Project,
    scenario: Scenario,
    uncertainty: UncertaintySettings | None = None,
    drawn: Any = None,
) -> ProjectionTables | None:
    """``uncertainty`` with draws > 0 adds the bands and the tornado (seconds on a large project);
    ``drawn``: a ``DrawModel`` of this project, scenario and settings already computed (the
    projection panel's), whose bands are taken instead of drawing again."""
    try:
        from workbench.core.projections import ProjectionEngine
        from workbench.core.projections.net_view import net_split
        from workbench.core.projections.vocabulary import BLOCKS
    except ImportError:
        return None
    engine = ProjectionEngine(project)  # one computation for the table, the fund and net views
    effects = engine.results(scenario.name)
    view = engine.fund_view(scenario.name)
    net = {(b, m): net_split(engine, scenario.name, b, m) for b, m in BLOCKS}
    benefits: dict[str, CityBenefit] = {}
    for row in view.itertuples(index=False):
        share = _opt(row.benefit_share)
        benefits[str(row.region_code)] = CityBenefit(
            gdp=float(row.benefit_gdp),
            tax=float(row.benefit_tax),
            jobs=float(row.benefit_jobs),
            share=None if share is None else share / 100,
            fairness=_opt(row.fairness_ratio),
        )
    notes = list(effects.attrs.get("notes", []))
    tables = ProjectionTables(effects, benefits, notes, net)
    if uncertainty is not None and uncertainty.draws > 0:
        from workbench.core.uncertainty import model_bands, run_draws, tornado

        if drawn is not None:
            tables.bands = model_bands(drawn)
        else:
            tables.bands = run_draws(
                project, scenario.name, draws=uncertainty.draws, seed=uncertainty.seed
            )
        tables.tornado = tornado(project, scenario.name)
    return tables

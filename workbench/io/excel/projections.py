"""Projection figures for the workbook, taken from the projection engine when it is available.

The engine (``workbench.core.projections``) is optional for the export: without it the workbook
simply has no 预测 sheet and no benefit columns, and the cover says so. No figure is made up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.core.model import Project, Scenario


@dataclass
class ProjectionTables:
    effects: Any  # pandas DataFrame in the engine's long form
    city_benefits: dict[str, dict[str, float]] = field(default_factory=dict)


def projection_tables(project: Project, scenario: Scenario) -> ProjectionTables | None:
    try:
        from workbench.core.projections import fund_view, project_effects  # type: ignore[attr-defined]
    except ImportError:
        return None
    effects = project_effects(project, scenario)
    view = fund_view(project, scenario)
    benefits: dict[str, dict[str, float]] = {}
    columns = {
        "benefit_gdp": "预计 GDP 效益（亿元）",
        "benefit_tax": "预计地方税收效益（亿元）",
        "benefit_jobs": "预计就业效益（人）",
        "fairness_ratio": "收益 ÷ 出资（公平性比值）",
    }
    for row in view.itertuples(index=False):
        benefits[str(row.region_code)] = {
            label: float(getattr(row, col)) for col, label in columns.items() if hasattr(row, col)
        }
    return ProjectionTables(effects, benefits)

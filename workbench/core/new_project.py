"""A new, empty project: the real gazetteer and the default assumptions, nothing invented."""

from __future__ import annotations

from workbench.core.assumptions import default_assumptions
from workbench.core.gazetteer import default_gazetteer
from workbench.core.model import Criterion, Project, Scenario

DEFAULT_CRITERIA = [
    Criterion("linkage", "产业带动", "industrial linkage", 1.0),
    Criterion("innovation", "创新能力", "innovation capacity", 1.0),
    Criterion("jobs", "就业吸纳", "job creation", 1.0),
    Criterion("synergy", "区域协同", "regional synergy", 1.0),
    Criterion("risk", "可持续性", "sustainability (low risk)", 1.0),
]


def new_project(name: str = "未命名项目") -> Project:
    g = default_gazetteer()
    return Project(
        name=name,
        regions=g.project_regions(),
        adjacency=g.adjacency("county"),
        criteria=[Criterion(**vars(c)) for c in DEFAULT_CRITERIA],
        assumptions=default_assumptions(),
        scenarios=[Scenario("基准方案")],
    )

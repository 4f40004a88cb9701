"""Rules on scenarios and assumptions: the parks a scenario uses, its overrides, parameter values."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.model import Project
from workbench.core.validation.problems import Problem, bad_number, err, warn
from workbench.core.validation.registry import rule


@rule("scenarios", "parks", "assumptions")
def _scenarios(project: Project) -> Iterator[Problem]:
    park_ids = {p.id for p in project.parks}
    if not project.scenarios:
        yield warn(("scenarios",), "scenario.none", "项目没有方案", "the project has no scenario")
    for sc in project.scenarios:
        for pid in sc.park_ids:
            if pid not in park_ids:
                yield err(
                    ("scenarios", sc.name, "park_ids"),
                    "scenario.unknown_park",
                    f"方案“{sc.name}”引用不存在的园区“{pid}”",
                    f"scenario {sc.name} uses a missing park {pid!r}",
                )
        for key, v in sc.assumption_overrides.items():
            if key not in project.assumptions:
                yield err(
                    ("scenarios", sc.name, "assumption_overrides", key),
                    "scenario.unknown_assumption",
                    f"方案“{sc.name}”覆盖了不存在的参数“{key}”",
                    f"scenario {sc.name} overrides unknown parameter {key!r}",
                )
            elif bad_number(v):
                yield err(
                    ("scenarios", sc.name, "assumption_overrides", key),
                    "assumption.value",
                    f"方案“{sc.name}”中参数“{key}”取值无效",
                    f"scenario {sc.name}: invalid value for {key!r}",
                )


@rule("assumptions")
def _assumptions(project: Project) -> Iterator[Problem]:
    for key, a in project.assumptions.items():
        path = ("assumptions", key, "value")
        if bad_number(a.value):
            yield err(
                path,
                "assumption.value",
                f"参数“{a.label_zh}”取值无效",
                f"parameter {key!r} has an invalid value",
            )
        elif a.unit == "%" and not 0 <= a.value <= 100:
            yield err(
                path,
                "assumption.percent",
                f"参数“{a.label_zh}” {a.value}% 应在 0–100% 之间",
                f"parameter {key!r} ({a.value}%) must be between 0 and 100",
            )

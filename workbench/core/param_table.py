"""The parameter table as a planner sees it, and what-if overrides that do not touch the file.

The engine reads a key from the scenario's overrides, else the project, else the shipped default
(an older file lacks the newer keys and must keep working), so the table here is that same union:
every key the engine may use, with the value it would use. ``apply_overrides`` is what the
``--set KEY=VALUE`` option of the CLI calls; the window can call it the same way.

Range rule: a value outside [low, high] is allowed — the range is a judgement, the planner may
know better — but reported as a warning; a value the model cannot use (not a number, not finite,
a share outside 0–100 %) is refused with one line in Chinese and English.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workbench.core.assumptions import default_assumption, default_assumptions
from workbench.core.baseline import INDICATORS, growth_assumption
from workbench.core.enums import Distribution
from workbench.core.model import Assumption, Project, Scenario


class OverrideError(ValueError):
    """A what-if that cannot be applied; ``zh``/``en`` is the one line to show."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def line(self) -> str:
        return f"{self.zh} | {self.en}"


@dataclass(frozen=True)
class ParameterRow:
    key: str
    label_zh: str
    label_en: str
    value: float  # what the engine uses for the scenario asked about
    unit: str
    low: float
    high: float
    distribution: Distribution
    source: str  # "" = the team's assumption (假设)
    group: str
    project_value: float  # before the scenario's override
    overridden: bool  # the scenario overrides it

    @property
    def is_assumption(self) -> bool:
        return not self.source.strip()


@dataclass
class OverrideResult:
    project: Project  # a changed copy; the input project is untouched
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)


def effective_range(a: Assumption) -> tuple[float, float]:
    """[low, high] of a parameter; missing bounds (older files) come from the shipped default,
    else the value itself (a zero-width range: the parameter is then treated as fixed)."""
    d = default_assumption(a.key)
    low = a.low if a.low is not None else (d.low if d is not None else None)
    high = a.high if a.high is not None else (d.high if d is not None else None)
    low = a.value if low is None else low
    high = a.value if high is None else high
    return float(low), float(high)


def effective_distribution(a: Assumption) -> Distribution:
    """Fixed for a zero-width range; a parameter saved before ranges existed takes the shipped
    default's distribution (its own field then only holds the dataclass default)."""
    low, high = effective_range(a)
    if low == high:
        return Distribution.FIXED
    d = default_assumption(a.key)
    if a.low is None and a.high is None and d is not None:
        return d.distribution
    return a.distribution


def missing_parameters(project: Project) -> list[Assumption]:
    """Shipped parameters the project does not hold (an older file): the engine uses their
    defaults silently, so a caller may add these to the project to show and edit them."""
    return [a for k, a in default_assumptions().items() if k not in project.assumptions]


def resolve(project: Project, key: str) -> Assumption | None:
    """The project's parameter, else the shipped default the engine would fall back to."""
    return project.assumptions.get(key) or default_assumption(key)


def parameter_rows(project: Project, scenario: Scenario | None = None) -> list[ParameterRow]:
    """Every parameter: shipped keys in their documented order, then the project's own keys."""
    keys = list(default_assumptions())
    keys += [k for k in project.assumptions if k not in set(keys)]
    rows = []
    for key in keys:
        a = resolve(project, key)
        assert a is not None
        over = scenario.assumption_overrides.get(key) if scenario is not None else None
        low, high = effective_range(a)
        rows.append(
            ParameterRow(
                key,
                a.label_zh,
                a.label_en,
                float(a.value if over is None else over),
                a.unit,
                low,
                high,
                effective_distribution(a),
                a.source,
                a.group,
                float(a.value),
                over is not None,
            )
        )
    return rows


def parse_assignments(texts: Iterable[str]) -> dict[str, float]:
    """``["KEY=VALUE", ...]`` → {key: value}; a malformed item or a non-number raises."""
    out: dict[str, float] = {}
    for text in texts:
        key, sep, raw = text.partition("=")
        key = key.strip()
        if not sep or not key:
            raise OverrideError(
                f"参数设置应写成 KEY=VALUE：{text!r}", f"a setting must read KEY=VALUE: {text!r}"
            )
        try:
            out[key] = float(raw.strip().removesuffix("%"))
        except ValueError:
            raise OverrideError(
                f"参数“{key}”的取值不是数字：{raw.strip()!r}",
                f"parameter {key!r}: value is not a number: {raw.strip()!r}",
            ) from None
    return out


def _known(project: Project, key: str) -> Assumption | None:
    a = resolve(project, key)
    if a is not None:
        return a
    parts = key.split(".")
    per_unit = len(parts) == 4 and parts[:2] == ["baseline", "growth"] and parts[2] in INDICATORS
    if per_unit and parts[3] in project.planning_unit_codes():
        return growth_assumption(project, parts[2], parts[3])
    return None


def is_known_key(project: Project, key: str) -> bool:
    """Whether the engine reads ``key``: a shipped parameter or a per-unit baseline growth key.
    Any other key in a project is carried along but used by no calculation."""
    if default_assumption(key) is not None:
        return True
    parts = key.split(".")
    per_unit = len(parts) == 4 and parts[:2] == ["baseline", "growth"] and parts[2] in INDICATORS
    return per_unit and parts[3] in project.planning_unit_codes()


def _check(a: Assumption, key: str, value: float) -> tuple[str, str] | None:
    """Refuse unusable values; return a warning for a value outside the range."""
    if not math.isfinite(value):
        raise OverrideError(
            f"参数“{key}”的取值必须是有限数：{value}", f"parameter {key!r} must be finite: {value}"
        )
    if a.unit == "%" and not 0 <= value <= 100:
        raise OverrideError(
            f"参数“{key}”（{a.label_zh}）是百分比，应在 0–100 之间：{value:g}",
            f"parameter {key!r} is a percentage and must be 0–100: {value:g}",
        )
    low, high = effective_range(a)
    if not low <= value <= high:
        return (
            f"参数“{key}”取值 {value:g} 超出参考范围 [{low:g}, {high:g}]",
            f"parameter {key!r} = {value:g} is outside its range [{low:g}, {high:g}]",
        )
    return None


def apply_overrides(
    project: Project, scenario: str | None, values: Mapping[str, float]
) -> OverrideResult:
    """A copy of ``project`` with ``values`` in force, for one scenario or (None) all of them.

    With a scenario the values become that scenario's overrides. Without one, they become the
    project's values and replace any scenario's own override of the same key, so the what-if
    holds in every scenario. A shipped key missing from an older file, or a per-unit baseline
    growth key, is first added to the copy's parameters (so validation knows it).
    """
    if scenario is not None and project.scenario(scenario) is None:
        names = "、".join(s.name for s in project.scenarios) or "（无）"
        raise OverrideError(
            f"项目中没有名为“{scenario}”的方案（现有：{names}）", f"no scenario named {scenario!r}"
        )
    checked: dict[str, Assumption] = {}
    warnings: list[tuple[str, str]] = []
    for key, value in values.items():
        a = _known(project, key)
        if a is None:
            raise OverrideError(
                f"未知参数“{key}”（用 workbench params 列出全部参数）",
                f"unknown parameter {key!r} (workbench params lists them all)",
            )
        warning = _check(a, key, float(value))
        if warning:
            warnings.append(warning)
        checked[key] = a
    out = copy.deepcopy(project)
    for key, value in values.items():
        if key not in out.assumptions:
            out.assumptions[key] = copy.deepcopy(checked[key])
        if scenario is not None:
            sc = out.scenario(scenario)
            assert sc is not None
            sc.assumption_overrides[key] = float(value)
            continue
        out.assumptions[key].value = float(value)
        for sc in out.scenarios:
            if key in sc.assumption_overrides:
                sc.assumption_overrides[key] = float(value)
    return OverrideResult(out, warnings)

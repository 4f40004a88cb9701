"""Rules on keys and references: blank keys, region codes nothing defines, unknown parameters.

A hand-edited or generated file can hold a candidate with an empty ID, a scenario named "  ", an
adjacency between codes that are not regions, a region whose code was changed while others still
point at the old one, or a parameter key with a typo — which the engine then ignores, silently
using the shipped default instead. Each is listed here with where it is, in words.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from workbench.core.assumptions import default_assumptions
from workbench.core.model import Project
from workbench.core.param_table import is_known_key
from workbench.core.validation.problems import Problem, err, region_names, warn
from workbench.core.validation.registry import rule

_KEYED = (
    ("candidates", "id", "候选编号", "candidate ID"),
    ("links", "id", "链接编号", "link ID"),
    ("parks", "id", "园区编号", "park ID"),
    ("scenarios", "name", "方案名称", "scenario name"),
    ("criteria", "key", "评分项代码", "criterion key"),
    ("regions", "code", "地区代码", "region code"),
)


@rule("candidates", "links", "parks", "scenarios", "criteria", "regions")
def _blank_keys(project: Project) -> Iterator[Problem]:
    for list_name, attr, zh, en in _KEYED:
        for i, item in enumerate(getattr(project, list_name)):
            key = getattr(item, attr)
            if isinstance(key, str) and key.strip():
                continue
            nth = i + 1
            yield err(
                (list_name, key, attr),
                f"{list_name}.blank_key",
                f"第 {nth} 个{zh}为空白，无法引用或区分；请填写",
                f"{en} no. {nth} is blank, so nothing can refer to it; fill it in",
            )


_RENAMED_ZH = "（代码已更改或已撤销？）"
_RENAMED_EN = " (code changed or abolished?)"


@rule("regions", "adjacency")
def _region_references(project: Project) -> Iterator[Problem]:
    names = region_names(project)
    for r in project.regions:
        if r.parent and r.parent not in names:
            yield err(
                ("regions", r.code, "parent"),
                "region.unknown_parent",
                f"地区“{r.name}”的上级代码“{r.parent}”不在地区表中{_RENAMED_ZH}",
                f"region {r.name}: parent code {r.parent!r} is not a region{_RENAMED_EN}",
            )
    for a in project.adjacency:
        for code in dict.fromkeys((a.code_a, a.code_b)):
            if code not in names:
                yield err(
                    ("adjacency", (a.code_a, a.code_b), "code"),
                    "adjacency.unknown_region",
                    f"相邻关系 {a.code_a}—{a.code_b} 中的地区代码“{code}”不在地区表中{_RENAMED_ZH}",
                    f"adjacency {a.code_a}–{a.code_b}: code {code!r} is not a region{_RENAMED_EN}",
                )
        if a.code_a == a.code_b:
            yield warn(
                ("adjacency", (a.code_a, a.code_b), "code"),
                "adjacency.self",
                f"相邻关系把地区 {a.code_a} 与自身相连",
                f"adjacency links region {a.code_a} with itself",
            )


@rule("candidates", "parks", "fund", "regions", "mrio")
def _other_region_references(project: Project) -> Iterator[Problem]:
    """Region codes the topic rules do not already check (hosts, partners, contributors and
    candidates' regions are checked with their topic)."""
    names = region_names(project)

    def unknown(path: tuple, code: str, zh: str, en: str) -> Problem:
        return err(
            path,
            "reference.unknown_region",
            f"{zh}的地区代码“{code}”不在地区表中{_RENAMED_ZH}",
            f"{en}: region code {code!r} is not a region{_RENAMED_EN}",
        )

    for c in project.candidates:
        if c.origin_region and c.origin_region not in names:
            yield unknown(
                ("candidates", c.id, "origin_region"),
                c.origin_region,
                f"“{c.name}”的迁出地",
                f"{c.name}: origin region",
            )
    for p in project.parks:
        for loc in p.locations:
            if loc.code not in names:
                yield unknown(
                    ("parks", p.id, "locations"), loc.code, f"园区“{p.name}”的所在地", p.name
                )
    for code in project.fund.rules.city_limits:
        if code not in names:
            yield unknown(("fund", "rules", "city_limits", code), code, "城市上限", "city limit")
    if project.mrio is not None:
        units = set(project.planning_units().values())
        for code in project.mrio.regions:
            if code not in units:
                yield unknown(("mrio", "regions"), code, "投入产出表", "input–output table")


@rule("assumptions", "scenarios")
def _parameter_keys(project: Project) -> Iterator[Problem]:
    """A key the engine does not know is never used: the engine falls back to the shipped
    default of the key that was meant. A near miss of a shipped key that the project lacks is an
    error (the planner's value is silently replaced); any other unknown key is a warning."""
    shipped = list(default_assumptions())
    for key, a in project.assumptions.items():
        if a.key != key:
            yield err(
                ("assumptions", key, "key"),
                "assumption.key_mismatch",
                f"参数“{key}”内部记录的代码是“{a.key}”，两者应一致",
                f"parameter {key!r} records its key as {a.key!r}; they must agree",
            )
        if is_known_key(project, key):
            continue
        meant = difflib.get_close_matches(key, shipped, n=1, cutoff=0.8)
        if meant and meant[0] not in project.assumptions:
            yield err(
                ("assumptions", key, "key"),
                "assumption.unknown_key",
                f"参数“{key}”不是工作台认识的参数，计算不会用到它；是否应为“{meant[0]}”？"
                f"（现在“{meant[0]}”用的是默认值）",
                f"parameter {key!r} is unknown and never used; did you mean {meant[0]!r}? "
                f"({meant[0]!r} now takes its default)",
            )
        else:
            yield warn(
                ("assumptions", key, "key"),
                "assumption.unknown_key",
                f"参数“{key}”不是工作台认识的参数，计算不会用到它",
                f"parameter {key!r} is unknown to the workbench; no calculation uses it",
            )

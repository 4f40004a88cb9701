"""``workbench info PROJECT``: what a project holds, at a glance."""

from __future__ import annotations

import argparse
from collections import Counter

from workbench.commands._common import EXIT_OK, EXIT_UNUSABLE, load_project
from workbench.core.enums import Level, Membership, Status, UnitType
from workbench.core.model import Project
from workbench.core.validation import validate

NAME = "info"
HELP = "项目摘要：地区、候选、基金、分配、园区、方案 / project summary"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")


def run(args: argparse.Namespace) -> int:
    return summarize(args.project)


def summary_lines(project: Project) -> list[str]:
    regions = Counter(r.level for r in project.regions)
    members = sum(
        1 for r in project.regions if r.cce is not Membership.NO and r.level is not Level.PROVINCE
    )
    types = Counter(c.unit_type for c in project.candidates)
    statuses = Counter(c.status for c in project.candidates)
    cities = len({project.planning_unit(c.region_code) for c in project.candidates})
    fund = project.fund
    problems = validate(project)
    lines = [
        f"项目 Project: {project.name}",
        f"地区 Regions: {len(project.regions)}（省级 {regions[Level.PROVINCE]}，地级 {regions[Level.PREFECTURE]}，"
        f"县级 {regions[Level.COUNTY]}；经济圈成员 {members}）",
        f"候选单元 Candidates: {len(project.candidates)}（"
        + "，".join(f"{t.zh} {types[t]}" for t in UnitType)
        + "；"
        + "，".join(f"{s.zh} {statuses[s]}" for s in Status)
        + f"；覆盖 {cities} 个市/区县）",
        f"链接 Chain links: {len(project.links)}",
        f"基金 Fund: {fund.name}，规模 {fund.size:,.2f} 亿元，出资方 {len(fund.contributions)} 个，"
        f"出资合计 {sum(c.amount for c in fund.contributions):,.2f} 亿元",
        f"园区 Parks: {len(project.parks)}"
        + (
            "（" + "；".join(f"{p.name}〔{p.model.zh}〕" for p in project.parks) + "）"
            if project.parks
            else ""
        ),
        f"方案 Scenarios: {len(project.scenarios)}",
    ]
    for sc in project.scenarios:
        total = sum(a.amount for a in sc.allocations)
        lines.append(
            f"  · {sc.name}: 分配 {len(sc.allocations)} 条，合计 {total:,.2f} 亿元，园区 {len(sc.park_ids)} 个"
        )
    errors = sum(1 for p in problems if p.severity.value == "error")
    lines.append(f"校验 Problems: {errors} 个错误，{len(problems) - errors} 个警告/提示")
    numbers = [p for p in problems if p.code in ("number.non_finite", "number.range")]
    if numbers:  # NaN, ∞ and impossible numbers void what is computed from them: say so here
        lines.append(f"无效数值 Invalid numbers: {len(numbers)} 个（首个：{numbers[0].zh}）")
    if project.illustrative_note:
        lines.append(project.illustrative_note)
    return lines


def summarize(path: str) -> int:
    project = load_project(path)
    if project is None:
        return EXIT_UNUSABLE
    print("\n".join(summary_lines(project)))
    return EXIT_OK

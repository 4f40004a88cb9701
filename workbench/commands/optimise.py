"""``workbench optimise PROJECT --scenario S --objective gdp_net:2030 [--target gdp_net:2030=80]
[--constraint ...] --as NEW --out NEW.wbp``: propose allocations within the fund's rules.

Exit 0 with the result summary; 1 when infeasible, naming the binding rules and by how much; 2 for
bad arguments. The input file is never written unless it is named as ``--out`` itself; without
``--out`` the proposal is only summarised.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    fail,
    load_scenario_project,
    refuse_if_open_elsewhere,
)
from workbench.core.optimise.spec import (
    CONSTRAINT_HELP,
    Spec,
    SpecError,
    apply_constraint,
    parse_objective,
    parse_target,
)

NAME = "optimise"
HELP = "在基金规则内优化分配，或求达到目标所需的最少资金 / optimise allocations within the fund's rules"
MAX_LINES = 12


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument(
        "--scenario", required=True, help="起点方案（其园区与参数沿用）/ starting scenario"
    )
    p.add_argument(
        "--objective",
        default="gdp_net:2030",
        help="目标：gdp_net|tax_local|jobs[:年|:年-年][@地区代码] 或 score / objective to maximise",
    )
    p.add_argument(
        "--target",
        default=None,
        help="反求：达到该值所需最少资金，如 gdp_net:2030=80 / reverse target: least money reaching it",
    )
    p.add_argument(
        "--constraint", action="append", default=[], help=f"附加约束（可重复）：{CONSTRAINT_HELP}"
    )
    p.add_argument(
        "--as", dest="as_name", default=None, help="新方案名称 / name of the new scenario"
    )
    p.add_argument(
        "--out", default=None, help="写入新项目文件 (.wbp) / write the project with the proposal"
    )


def _spec(args: argparse.Namespace) -> Spec:
    spec = Spec(parse_objective(args.objective))
    if args.target:
        spec.target = parse_target(args.target)
    for text in args.constraint:
        apply_constraint(spec, text)
    return spec


def run(args: argparse.Namespace) -> int:
    from workbench.core.optimise import optimise

    try:
        spec = _spec(args)
    except SpecError as e:
        return fail(f"{e.zh} | {e.en}")
    project = load_scenario_project(args.project, args.scenario)
    if isinstance(project, int):
        return project
    name = args.as_name or f"{args.scenario} 优化"
    if project.scenario(name) is not None:
        return fail(
            f"方案“{name}”已存在，请用 --as 另取名称 | scenario {name!r} exists; choose --as"
        )
    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    try:
        result = optimise(project, args.scenario, spec, name)
    except SpecError as e:
        return fail(f"{e.zh} | {e.en}")
    if not result.ok:
        return _infeasible(project, result)
    _summary(result)
    if result.errors:
        for p in result.errors[:MAX_LINES]:
            print(f"错误：{p.zh} | error: {p.en}")
        return EXIT_PROBLEMS
    if out is not None:
        held = refuse_if_open_elsewhere(out)
        if held is not None:
            return held
        from workbench.io.project_file import save

        project.scenarios.append(result.scenario)
        save(project, out, overwrite=True)
        print(f"已写入 {out}（新方案“{name}”）| wrote {out} (new scenario {name!r})")
    return EXIT_OK


def _summary(r) -> None:
    goal = r.spec.objective
    unit = goal.unit
    print(f"状态 status: {r.status}；方案 scenario: {r.scenario.name}")
    print(
        f"{goal.label('zh')}：{r.exact_value:,.4f} {unit}（原方案 {r.base_value:,.4f}；线性估计 "
        f"{r.linear_value:,.4f}）| {goal.label('en')}: {r.exact_value:,.4f} (was {r.base_value:,.4f}; "
        f"linear estimate {r.linear_value:,.4f})"
    )
    if r.spec.target is not None:
        t = r.spec.target
        print(f"目标 target: {t.objective.text()} ≥ {t.value:g}")
    funded = len({a.candidate_id for a in r.scenario.allocations})
    gap = f"{100 * r.gap:.3f}%" if r.gap is not None else "—"
    print(
        f"投资 {r.money:,.4f} 亿元（原 {r.base_money:,.4f}），{funded} 个单元；间隙 {gap}；"
        f"用时 {r.seconds:.2f} 秒 | money {r.money:,.4f} (was {r.base_money:,.4f}; 100M yuan), "
        f"{funded} units; gap {gap}; {r.seconds:.2f} s; "
        f"{r.size['variables']} variables, {r.size['integers']} integer, {r.size['rows']} rows"
    )


def _infeasible(project, r) -> int:
    from workbench.core.optimise import binding_text

    if r.status != "infeasible":
        return fail(f"求解失败：{r.status} | the solver failed: {r.status}")
    from workbench.core.optimise.words import family_label, family_totals

    print("无可行方案：以下规则约束了结果 | infeasible: these rules bind")
    for fam, rows, total in family_totals(r.binding):
        amount = f"，合计差 {total:,.4g}" if total > 0 else "（已到上限）"
        amount_en = f", short by {total:,.4g} in all" if total > 0 else " (at their limits)"
        print(
            f"{family_label(fam)}：{rows} 条{amount} | {family_label(fam, 'en')}: {rows} rows{amount_en}"
        )
    for b in r.binding[:MAX_LINES]:
        print(f"  {binding_text(b, project, 'zh')} | {binding_text(b, project, 'en')}")
    if len(r.binding) > MAX_LINES:
        print(f"  …另有 {len(r.binding) - MAX_LINES} 条 | …and {len(r.binding) - MAX_LINES} more")
    return EXIT_PROBLEMS

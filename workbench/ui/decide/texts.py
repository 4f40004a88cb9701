"""Sentences about an optimiser result, in the window's language (the CLI prints its own)."""

from __future__ import annotations

from typing import Any

from workbench.core.model import Project
from workbench.core.projections.vocabulary import unit_text


def result_summary(r: Any, project: Project, lang: str) -> str:
    from workbench.core.optimise import binding_text
    from workbench.core.optimise.words import family_label, family_totals

    zh = lang == "zh"
    if not r.ok:
        if r.status != "infeasible":
            return f"求解失败：{r.status}" if zh else f"The solver failed: {r.status}"
        heads = [
            f"{family_label(f, lang)}：{n} 条" + (f"，合计差 {t:,.4g}" if t > 0 else "")
            if zh
            else f"{family_label(f, lang)}: {n} rows" + (f", short by {t:,.4g}" if t > 0 else "")
            for f, n, t in family_totals(r.binding)
        ]
        lines = [binding_text(b, project, lang) for b in r.binding[:8]]
        more = len(r.binding) - len(lines)
        tail = [f"…另有 {more} 条" if zh else f"…and {more} more"] if more > 0 else []
        title = "无可行方案，约束结果的规则：" if zh else "Infeasible; the rules that bind:"
        return "\n".join([title, "；".join(heads) if zh else "; ".join(heads), *lines, *tail])
    goal = r.spec.objective
    gap = f"{100 * r.gap:.2f}%" if r.gap is not None else "—"
    funded = len({a.candidate_id for a in r.scenario.allocations})
    if zh:
        text = (
            f"{goal.label('zh')}：{r.exact_value:,.3f} {goal.unit}（当前 {r.base_value:,.3f}，"
            f"变化 {r.exact_value - r.base_value:+,.3f}；线性估计 {r.linear_value:,.3f}）。"
            f"资金 {r.money:,.3f} 亿元（当前 {r.base_money:,.3f}），{funded} 个单元；"
            f"最优性间隙 {gap}；用时 {r.seconds:.2f} 秒。"
        )
        if r.errors:
            text += f" 校验错误 {len(r.errors)} 个：{r.errors[0].zh}"
        return text
    text = (
        f"{goal.label('en')}: {r.exact_value:,.3f} {unit_text(goal.unit, 'en')} (now {r.base_value:,.3f}, "
        f"change {r.exact_value - r.base_value:+,.3f}; linear estimate {r.linear_value:,.3f}). "
        f"Money {r.money:,.3f} (now {r.base_money:,.3f}; 100M yuan), {funded} units; "
        f"gap {gap}; {r.seconds:.2f} s."
    )
    if r.errors:
        text += f" {len(r.errors)} validation errors: {r.errors[0].en}"
    return text

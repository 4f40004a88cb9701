"""Rules on candidates: names, regions, sectors, baseline figures, scores and the decision log."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.model import Candidate, Project
from workbench.core.validation.problems import Problem, bad_number, err, region_names, warn
from workbench.core.validation.registry import rule


@rule("candidates", "regions", "criteria", "sectors")
def _candidates(project: Project) -> Iterator[Problem]:
    names = region_names(project)
    criteria = {c.key for c in project.criteria}
    sectors = set(project.sectors)
    for c in project.candidates:
        yield from _identity(c, names, sectors)
        yield from _figures(c)
        yield from _scores(c, criteria)
        if c.decisions and c.decisions[-1].status is not c.status:
            yield warn(
                ("candidates", c.id, "status"),
                "candidate.status_log",
                f"“{c.name}”的状态与决策记录最后一条不一致（全过程留痕）",
                f"{c.name}: status differs from the last decision-log entry",
            )


def _identity(c: Candidate, names: dict[str, str], sectors: set[str]) -> Iterator[Problem]:
    base = ("candidates", c.id)
    if not c.name.strip():
        yield err(
            (*base, "name"),
            "candidate.name",
            f"候选 {c.id} 缺少名称",
            f"candidate {c.id} has no name",
        )
    if c.region_code not in names:
        yield err(
            (*base, "region_code"),
            "candidate.unknown_region",
            f"“{c.name}”的地区代码“{c.region_code}”不在地区表中",
            f"{c.name}: unknown region code {c.region_code!r}",
        )
    if sectors and c.sector not in sectors:
        yield warn(
            (*base, "sector"),
            "candidate.unknown_sector",
            f"“{c.name}”的产业“{c.sector}”不在产业列表中",
            f"{c.name}: sector {c.sector!r} is not in the project's sector list",
        )


def _figures(c: Candidate) -> Iterator[Problem]:
    for attr, zh, unit in (
        ("baseline_output", "现状产出", "亿元"),
        ("baseline_jobs", "现状就业", "人"),
        ("baseline_tax", "现状税收", "亿元"),
        ("requested_funding", "申请资金", "亿元"),
    ):
        v = getattr(c, attr)
        if bad_number(v) or v < 0:
            yield err(
                ("candidates", c.id, attr),
                "candidate.negative",
                f"“{c.name}”的{zh} {v} {unit}无效：不能为负数",
                f"{c.name}: {attr} {v} must not be negative",
            )


def _scores(c: Candidate, criteria: set[str]) -> Iterator[Problem]:
    for k, v in c.criteria.items():
        path = ("candidates", c.id, "criteria", k)
        if criteria and k not in criteria:
            yield warn(
                path,
                "candidate.unknown_criterion",
                f"“{c.name}”的评分项“{k}”未定义",
                f"{c.name}: unknown criterion {k!r}",
            )
        if bad_number(v) or not 0 <= v <= 100:
            yield err(
                path,
                "candidate.score_range",
                f"“{c.name}”的评分 {k} = {v} 应在 0–100 之间",
                f"{c.name}: score {k} = {v} must be between 0 and 100",
            )

"""Rules on the fund and its committee rules: size, contributions, limits, tranches, fees."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.model import PLAN_YEARS, CommitteeRules, Fund, Project
from workbench.core.validation.problems import (
    TOLERANCE,
    Problem,
    bad_number,
    err,
    pct_ok,
    region_names,
)
from workbench.core.validation.registry import rule


@rule("fund", "regions")
def _fund(project: Project) -> Iterator[Problem]:
    fund = project.fund
    yield from _size_and_contributions(fund, region_names(project))
    yield from _committee_rules(fund.rules)
    yield from _leverage_and_fee(fund)


def _size_and_contributions(fund: Fund, names: dict[str, str]) -> Iterator[Problem]:
    if bad_number(fund.size) or fund.size < 0:
        yield err(
            ("fund", "size"),
            "fund.size",
            f"基金规模 {fund.size} 亿元无效：不能为负数",
            f"fund size {fund.size} (100M yuan) is invalid: must not be negative",
        )
    total = 0.0
    for c in fund.contributions:
        path = ("fund", "contributions", c.region_code, "amount")
        if bad_number(c.amount) or c.amount < 0:
            yield err(
                path,
                "fund.contribution_negative",
                f"{names.get(c.region_code, c.region_code)} 的出资 {c.amount} 亿元无效：不能为负数",
                f"contribution of {c.region_code} ({c.amount}) must not be negative",
            )
        else:
            total += c.amount
        if c.region_code not in names:
            yield err(
                ("fund", "contributions", c.region_code, "region_code"),
                "fund.unknown_region",
                f"出资方地区代码“{c.region_code}”不在地区表中",
                f"unknown contributing region {c.region_code!r}",
            )
    if fund.contributions and abs(total - fund.size) > TOLERANCE:
        yield err(
            ("fund", "size"),
            "fund.contributions_sum",
            f"各市出资合计 {total:,.2f} 亿元，与基金规模 {fund.size:,.2f} 亿元不符（差 {total - fund.size:+,.2f} 亿元）",
            f"contributions total {total:,.2f} but fund size is {fund.size:,.2f} (100M yuan)",
        )


def _committee_rules(r: CommitteeRules) -> Iterator[Problem]:
    for attr, zh in (
        ("max_project_share", "单个项目上限"),
        ("max_investee_equity", "单一被投企业持股上限"),
        ("default_city_limit", "单个城市上限"),
        ("min_return_share", "返投比例下限"),
        ("tranche_gate", "分期投放门槛"),
    ):
        v = getattr(r, attr)
        if not pct_ok(v):
            yield err(
                ("fund", "rules", attr),
                "rules.percent",
                f"{zh} {v}% 无效：应在 0–100% 之间",
                f"{attr} {v}% must be between 0 and 100",
            )
    for d_name, d in (("type_limits", r.type_limits), ("city_limits", r.city_limits)):
        for k, v in d.items():
            if not pct_ok(v):
                yield err(
                    ("fund", "rules", d_name, k),
                    "rules.percent",
                    f"限额 {k} = {v}% 无效：应在 0–100% 之间",
                    f"limit {k} = {v}% must be between 0 and 100",
                )
    for t in r.tranches:
        if t.year not in PLAN_YEARS:
            yield err(
                ("fund", "rules", "tranches", t.year),
                "rules.tranche_year",
                f"分期年份 {t.year} 不在规划期 2026–2030 内",
                f"tranche year {t.year} outside 2026–2030",
            )
        if bad_number(t.amount) or t.amount < 0:
            yield err(
                ("fund", "rules", "tranches", t.year),
                "rules.tranche_negative",
                f"{t.year} 年分期金额 {t.amount} 亿元不能为负",
                f"tranche {t.year} amount must not be negative",
            )


def _leverage_and_fee(fund: Fund) -> Iterator[Problem]:
    if bad_number(fund.leverage) or fund.leverage < 0:
        yield err(
            ("fund", "leverage"),
            "fund.leverage",
            "社会资本撬动倍数不能为负",
            "leverage must not be negative",
        )
    if bad_number(fund.management_fee_pct) or not 0 <= fund.management_fee_pct <= 100:
        yield err(
            ("fund", "management_fee_pct"),
            "fund.fee",
            "管理费率应在 0–100% 之间",
            "management fee must be between 0 and 100%",
        )

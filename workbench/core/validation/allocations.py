"""Rules on each scenario's allocations: the rows themselves, then the fund's caps and tranches.

One pass over the rows both checks each row and sums what the caps need (by candidate, type, city
and year); the cap checks then read those sums, so a 5,000-candidate scenario is walked once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.core.addresses import FieldPath
from workbench.core.enums import Status, UnitType
from workbench.core.fund_money import fees_by_year, fund_parks, investable, park_draws
from workbench.core.model import PLAN_YEARS, Fund, Project, Scenario
from workbench.core.tranches import gate_schedule
from workbench.core.validation.problems import (
    TOLERANCE,
    Problem,
    bad_number,
    err,
    region_names,
    warn,
)
from workbench.core.validation.registry import rule


@dataclass
class _Sums:
    total: float = 0.0
    by_cand: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_type: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_city: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_year: dict[int, float] = field(default_factory=lambda: defaultdict(float))


@rule("allocations", "candidates", "fund", "regions", "scenarios", "parks")  # 基金+园区
def _allocations(project: Project) -> Iterator[Problem]:
    for sc in project.scenarios:
        yield from _scenario_allocations(project, sc)


def _scenario_allocations(project: Project, sc: Scenario) -> Iterator[Problem]:
    base = ("scenarios", sc.name, "allocations")
    sums = yield from _rows(project, sc, base)
    _add_fund_parks(project, sc, sums)
    yield from _caps(project, sc, base, sums)
    if project.fund.rules.tranches:
        yield from _tranches(project.fund, base, sums)


def _rows(project: Project, sc: Scenario, base: FieldPath) -> Iterator[Problem]:
    """Check every row; return the sums of the valid amounts (the generator's return value)."""
    cands = {c.id: c for c in project.candidates}
    units = project.planning_units()
    seen = set()
    sums = _Sums()
    for a in sc.allocations:
        path = (*base, a.key)
        c = cands.get(a.candidate_id)
        label = c.name if c else a.candidate_id
        if a.key in seen:
            yield err(
                path,
                "alloc.duplicate",
                f"“{label}” {a.year} 年{a.instrument.zh}分配重复",
                f"duplicate allocation for {label} {a.year} {a.instrument.value}",
            )
        seen.add(a.key)
        if c is None:
            yield err(
                (*path, "candidate_id"),
                "alloc.unknown_candidate",
                f"分配指向不存在的候选“{a.candidate_id}”",
                f"allocation to unknown candidate {a.candidate_id!r}",
            )
        if a.year not in PLAN_YEARS:
            yield err(
                (*path, "year"),
                "alloc.year",
                f"“{label}”的分配年份 {a.year} 不在规划期 2026–2030 内",
                f"{label}: year {a.year} is outside 2026–2030",
            )
        if bad_number(a.amount) or a.amount < 0:
            yield err(
                (*path, "amount"),
                "alloc.negative",
                f"“{label}” {a.year} 年分配 {a.amount} 亿元无效：不能为负数",
                f"{label} {a.year}: amount {a.amount} must not be negative",
            )
            continue
        sums.total += a.amount
        sums.by_year[a.year] += a.amount
        sums.by_cand[a.candidate_id] += a.amount
        if c is not None:
            sums.by_type[c.unit_type.value] += a.amount
            sums.by_city[units.get(c.region_code, c.region_code)] += a.amount
            if c.status is Status.REJECTED:
                yield warn(
                    path,
                    "alloc.rejected",
                    f"“{label}”已被否决，仍有分配",
                    f"{label} is rejected but funded",
                )
    return sums


def _add_fund_parks(project: Project, sc: Scenario, sums: _Sums) -> None:
    """基金+园区 parks are fund money: count them in the total, by year, as park-type money and,
    by location share, for the cities the park lies in (see core.park_models)."""
    units = project.planning_units()
    for park in fund_parks(project, sc):
        draws = park_draws(park)
        amount = sum(draws.values())
        sums.total += amount
        sums.by_type[UnitType.PARK.value] += amount
        for y, a in draws.items():
            sums.by_year[y] += a
        locs = park.location_shares()
        whole = sum(x.share_pct for x in locs if not bad_number(x.share_pct) and x.share_pct > 0)
        for x in locs:
            if whole > 0 and not bad_number(x.share_pct) and x.share_pct > 0:
                sums.by_city[units.get(x.code, x.code)] += amount * x.share_pct / whole


def _caps(project: Project, sc: Scenario, base: FieldPath, sums: _Sums) -> Iterator[Problem]:
    fund = project.fund
    rules = fund.rules
    money = investable(fund)  # the size less the management fees of the plan years
    if sums.total > money + TOLERANCE:
        fees = fund.size - money
        yield err(
            base,
            "alloc.over_fund",
            f"方案“{sc.name}”分配合计 {sums.total:,.2f} 亿元，超过基金可投资金 {money:,.2f} 亿元"
            f"（规模 {fund.size:,.2f} 亿元，扣除管理费 {fees:,.2f} 亿元）",
            f"scenario {sc.name}: allocations {sums.total:,.2f} exceed the fund's investable money "
            f"{money:,.2f} (size {fund.size:,.2f} less {fees:,.2f} management fees; 100M yuan)",
        )
    if rules.max_project_share is not None and fund.size > 0:
        cands = {c.id: c for c in project.candidates}
        cap = fund.size * rules.max_project_share / 100
        for cid, amt in sums.by_cand.items():
            if amt > cap + TOLERANCE:
                name = cands[cid].name if cid in cands else cid
                yield err(
                    (*base, cid),
                    "alloc.project_cap",
                    f"“{name}”合计 {amt:,.2f} 亿元，超过单个项目上限 {cap:,.2f} 亿元（基金的 {rules.max_project_share:g}%）",
                    f"{name}: {amt:,.2f} exceeds the per-project cap {cap:,.2f} ({rules.max_project_share:g}% of fund)",
                )
    for t, limit in rules.type_limits.items():
        if fund.size > 0 and sums.by_type.get(t, 0.0) > fund.size * limit / 100 + TOLERANCE:
            yield err(
                (*base, "type", t),
                "alloc.type_cap",
                f"{_type_label(t)}类合计 {sums.by_type[t]:,.2f} 亿元，超过上限（基金的 {limit:g}%）",
                f"type {t}: {sums.by_type[t]:,.2f} exceeds its limit ({limit:g}% of fund)",
            )
    names = region_names(project)
    for city, amt in sums.by_city.items():
        limit = rules.city_limits.get(city, rules.default_city_limit)
        if limit is not None and fund.size > 0 and amt > fund.size * limit / 100 + TOLERANCE:
            yield err(
                (*base, "city", city),
                "alloc.city_cap",
                f"{names.get(city, city)} 合计 {amt:,.2f} 亿元，超过单个城市上限（基金的 {limit:g}%）",
                f"{city}: {amt:,.2f} exceeds its city limit ({limit:g}% of fund)",
            )
    if rules.min_return_share is not None:
        for c in fund.contributions:
            need = c.amount * rules.min_return_share / 100
            got = sums.by_city.get(c.region_code, 0.0)
            if got + TOLERANCE < need:
                yield warn(
                    (*base, "city", c.region_code),
                    "alloc.min_return",
                    f"{names.get(c.region_code, c.region_code)} 返投 {got:,.2f} 亿元，低于其出资的 {rules.min_return_share:g}%（{need:,.2f} 亿元）",
                    f"{c.region_code}: invested back {got:,.2f}, below {rules.min_return_share:g}% of its contribution ({need:,.2f})",
                )


def _tranches(fund: Fund, base: FieldPath, sums: _Sums) -> Iterator[Problem]:
    rules = fund.rules
    scheduled: dict[int, float] = defaultdict(float)
    for t in rules.tranches:
        if t.year in PLAN_YEARS and not bad_number(t.amount):
            scheduled[t.year] += t.amount
    gates = gate_schedule(
        PLAN_YEARS,
        [scheduled[y] for y in PLAN_YEARS],
        [sums.by_year.get(y, 0.0) for y in PLAN_YEARS],
        rules.tranche_gate,
        fund.size,
        True,
    )
    fees_so_far = 0.0
    fees = fees_by_year(fund)
    for g in gates:
        fees_so_far += fees.get(g.year, 0.0)  # paid out of what is open, so not there to invest
        if g.cumulative_allocated <= g.available - fees_so_far + TOLERANCE:
            continue
        gated = g.pending > TOLERANCE and g.gate_pct is not None
        waiting = (
            f"；另有 {g.pending:,.2f} 亿元分期因未达到 {g.gate_pct:g}% 投放门槛尚未开放"
            if gated
            else ""
        )
        waiting_en = f"; {g.pending:,.2f} more waits for the {g.gate_pct:g}% gate" if gated else ""
        fee = f"扣除管理费 {fees_so_far:,.2f} 亿元后" if fees_so_far > TOLERANCE else ""
        fee_en = f" less {fees_so_far:,.2f} management fees" if fees_so_far > TOLERANCE else ""
        yield err(
            (*base, "year", g.year),
            "alloc.tranche",
            f"截至 {g.year} 年累计分配 {g.cumulative_allocated:,.2f} 亿元，超过已开放分期 {g.available:,.2f} 亿元{fee}{waiting}",
            f"by {g.year}, allocations {g.cumulative_allocated:,.2f} exceed the tranches opened ({g.available:,.2f}){fee_en}{waiting_en} (100M yuan)",
        )


def _type_label(value: str) -> str:
    try:
        return UnitType(value).zh
    except ValueError:
        return value

"""Rules that make settings live: the investee-equity cap, money to units not yet approved, where a
park lies, 基金+园区 parks under the per-project cap, and fixed returns a park cannot earn.

Equity cap: the fund may hold at most ``rules.max_investee_equity`` % of an investee, so a
candidate's equity allocations in a scenario may not exceed that share of its equity base
(``core.taxes.equity_base``: post-money valuation, else registered capital). Over the cap is an
error against a valuation and a warning against registered capital (a proxy for what the money
buys); with neither known the cap cannot be checked, which is said once per candidate (info).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from workbench.core.enums import Instrument, Severity, Status
from workbench.core.fund_money import fund_parks, park_draws
from workbench.core.model import Project, Scenario
from workbench.core.taxes import equity_base
from workbench.core.validation.problems import (
    TOLERANCE,
    Problem,
    bad_number,
    err,
    region_names,
    warn,
)
from workbench.core.validation.registry import rule

_NOT_YET = {Status.SHORTLISTED, Status.CANDIDATE}


@rule("allocations", "candidates", "fund", "regions", "scenarios")
def _investee_rules(project: Project) -> Iterator[Problem]:
    cands = {c.id: c for c in project.candidates}
    names = region_names(project)
    units = project.planning_units()
    unchecked: set[str] = set()
    for sc in project.scenarios:
        base = ("scenarios", sc.name, "allocations")
        total: dict[str, float] = defaultdict(float)
        equity: dict[str, float] = defaultdict(float)
        for a in sc.allocations:
            if a.candidate_id in cands and not bad_number(a.amount) and a.amount > 0:
                total[a.candidate_id] += a.amount
                if a.instrument is Instrument.EQUITY:
                    equity[a.candidate_id] += a.amount
        for cid, amount in total.items():
            c = cands[cid]
            if c.status in _NOT_YET:
                city = names.get(units.get(c.region_code, c.region_code), c.region_code)
                yield warn(
                    (*base, cid),
                    "alloc.not_approved",
                    f"{city}“{c.name}”尚未批准（{c.status.zh}），方案“{sc.name}”已向其分配 {amount:,.2f} 亿元",
                    f"{c.name} ({city}) is not approved yet ({c.status.en}) but scenario "
                    f"{sc.name} gives it {amount:,.2f} (100M yuan)",
                )
        yield from _equity_cap(project, base, equity, cands, unchecked)


def _equity_cap(project, base, equity, cands, unchecked) -> Iterator[Problem]:
    cap_pct = project.fund.rules.max_investee_equity
    if cap_pct is None or bad_number(cap_pct):
        return
    for cid, amount in equity.items():
        c = cands[cid]
        eq_base = equity_base(c)
        if eq_base is None:
            if cid not in unchecked:
                unchecked.add(cid)
                yield Problem(
                    Severity.INFO,
                    ("candidates", cid, "post_money_valuation"),
                    "alloc.equity_cap_unknown",
                    f"“{c.name}”既无投后估值也无注册资本，无法检查 {cap_pct:g}% 持股上限",
                    f"{c.name}: neither valuation nor registered capital is known; the "
                    f"{cap_pct:g}% equity cap cannot be checked",
                )
            continue
        cap = eq_base * cap_pct / 100
        if amount > cap + TOLERANCE:
            by_value = c.post_money_valuation is not None and c.post_money_valuation > 0
            what = (
                ("投后估值", "post-money valuation")
                if by_value
                else ("注册资本", "registered capital")
            )
            make = err if by_value else warn
            yield make(
                (*base, cid),
                "alloc.equity_cap",
                f"“{c.name}”股权投资 {amount:,.2f} 亿元，超过其{what[0]} {eq_base:,.2f} 亿元的 "
                f"{cap_pct:g}%（{cap:,.2f} 亿元）",
                f"{c.name}: equity {amount:,.2f} exceeds {cap_pct:g}% of its {what[1]} "
                f"{eq_base:,.2f} ({cap:,.2f}; 100M yuan)",
            )


@rule("parks", "regions")
def _park_locations(project: Project) -> Iterator[Problem]:
    """A zone may lie in several jurisdictions (高竹新区: 渝北 and 邻水); their shares sum to 100."""
    names = region_names(project)
    for p in project.parks:
        if not p.locations:
            continue
        path = ("parks", p.id, "locations")
        total = 0.0
        for loc in p.locations:
            if loc.code not in names:
                yield err(
                    path,
                    "park.location_unknown",
                    f"园区“{p.name}”所在地代码“{loc.code}”不在地区表中",
                    f"park {p.name}: unknown location {loc.code!r}",
                )
            if bad_number(loc.share_pct) or loc.share_pct < 0:
                yield err(
                    path,
                    "park.location_share",
                    f"园区“{p.name}”在 {names.get(loc.code, loc.code)} 的占比 {loc.share_pct} 无效",
                    f"park {p.name}: share in {loc.code} is invalid",
                )
            else:
                total += loc.share_pct
        if abs(total - 100) > TOLERANCE:
            yield err(
                path,
                "park.location_share_sum",
                f"园区“{p.name}”各所在地占比合计 {total:g}%，应为 100%",
                f"park {p.name}: location shares sum to {total:g}%, not 100%",
            )


@rule("parks", "scenarios", "fund")
def _fund_park_cap(project: Project) -> Iterator[Problem]:
    """A 基金+园区 park is fund money: the per-project cap applies to it as to a candidate."""
    fund = project.fund
    share = fund.rules.max_project_share
    if share is None or bad_number(fund.size) or fund.size <= 0:
        return
    cap = fund.size * share / 100
    seen: set[str] = set()
    for sc in project.scenarios:
        for park in fund_parks(project, sc):
            amount = sum(park_draws(park).values())
            if park.id in seen or amount <= cap + TOLERANCE:
                continue
            seen.add(park.id)
            yield err(
                ("parks", park.id, "investment"),
                "park.fund_project_cap",
                f"基金+园区“{park.name}”由基金出资 {amount:,.2f} 亿元，超过单个项目上限 {cap:,.2f} 亿元（基金的 {share:g}%）",
                f"fund park {park.name}: {amount:,.2f} from the fund exceeds the per-project cap "
                f"{cap:,.2f} ({share:g}% of fund; 100M yuan)",
            )


@rule("parks", "assumptions", "scenarios")
def _fixed_return_over_profit(project: Project) -> Iterator[Problem]:
    """Fixed returns are paid from the joint company's profit (land, rent and service income less
    costs); promising more than it earns means a party or the budget makes up the difference.
    Checked with the parameters of the first scenario that includes the park (the project's own
    without one)."""
    from workbench.core.projections.parks import jv_accounts  # numpy only when used

    for park in project.parks:
        if park.fixed_return is None or not park.equity:
            continue
        sc = _first_scenario_with(project, park.id)
        try:
            acc = jv_accounts(park, project, sc)
        except (KeyError, ValueError):
            continue  # a broken parameter is reported by its own rule
        short = [
            i
            for i, (f, p) in enumerate(zip(acc.fixed_due, acc.profit, strict=True))
            if f > p + TOLERANCE
        ]
        if not short:
            continue
        from workbench.core.projections.parameters import YEARS

        worst = max(short, key=lambda i: acc.fixed_due[i] - acc.profit[i])
        years = "、".join(str(YEARS[i]) for i in short)
        yield warn(
            ("parks", park.id, "fixed_return"),
            "park.fixed_return_over_profit",
            f"园区“{park.name}” {years} 年固定回报超过合资公司模拟利润（{YEARS[worst]} 年应付 "
            f"{acc.fixed_due[worst]:,.2f} 亿元，利润 {acc.profit[worst]:,.2f} 亿元），差额需股东或财政补足",
            f"park {park.name}: fixed returns exceed the joint company's modelled profit in "
            f"{', '.join(str(YEARS[i]) for i in short)} ({YEARS[worst]}: "
            f"{acc.fixed_due[worst]:,.2f} due, profit {acc.profit[worst]:,.2f})",
        )


def _first_scenario_with(project: Project, park_id: str) -> Scenario | None:
    return next((s for s in project.scenarios if park_id in s.park_ids), None)

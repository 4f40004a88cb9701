"""Checks a project and returns its problems as data; it never raises on a bad project.

A draft is allowed to be wrong while the planner works on it; the workbench's job is to say what
is wrong, where (a path the UI can jump to) and how badly. Errors block approval-grade exports and
make ``workbench validate`` exit 1; warnings are things a committee would ask about.

Rules are small functions registered with ``@rule``; each yields problems for one concern.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from workbench.core.addresses import FieldPath
from workbench.core.enums import GdpRule, Severity, Status
from workbench.core.model import PLAN_YEARS, Project, Scenario
from workbench.core.tranches import gate_schedule

TOLERANCE = 1e-6  # 亿元 or percentage points: 100 yuan is not a discrepancy worth a warning


@dataclass(frozen=True)
class Problem:
    severity: Severity
    path: FieldPath
    code: str  # stable identifier of the rule, e.g. "fund.contributions_sum"
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


Rule = Callable[[Project], Iterator[Problem]]
_RULES: list[tuple[Rule, frozenset[str]]] = []


def rule(*parts: str) -> Callable[[Rule], Rule]:
    """Register a rule and the project parts (see ``core.addresses.part_of``) its result depends on."""

    def register(fn: Rule) -> Rule:
        _RULES.append((fn, frozenset(parts)))
        return fn

    return register


def validate(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    for r, _ in _RULES:
        problems.extend(r(project))
    return problems


class Validator:
    """Re-runs only the rules an edit can affect, so the problems list keeps up with typing.

    On the 5,000-candidate benchmark project a full ``validate`` costs several display frames; an
    allocation edit re-runs the allocation rule alone. The result is always equal to a full
    ``validate`` (tested), only cheaper.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self._by_rule: list[list[Problem]] = [list(r(project)) for r, _ in _RULES]

    @property
    def problems(self) -> list[Problem]:
        return [p for found in self._by_rule for p in found]

    def update(self, parts: frozenset[str] | set[str] | None = None) -> list[Problem]:
        """Re-check after an edit touching ``parts`` (``None`` or "project": everything)."""
        for i, (r, deps) in enumerate(_RULES):
            if parts is None or "project" in parts or deps & set(parts) or not deps:
                self._by_rule[i] = list(r(self.project))
        return self.problems

    def reset(self, project: Project) -> list[Problem]:
        self.__init__(project)  # type: ignore[misc]
        return self.problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def _err(path: FieldPath, code: str, zh: str, en: str) -> Problem:
    return Problem(Severity.ERROR, path, code, zh, en)


def _warn(path: FieldPath, code: str, zh: str, en: str) -> Problem:
    return Problem(Severity.WARNING, path, code, zh, en)


def _bad_number(x: float) -> bool:
    return not isinstance(x, (int, float)) or not math.isfinite(x)


def _pct_ok(x: float | None) -> bool:
    return x is None or (not _bad_number(x) and 0 <= x <= 100)


def _region_names(project: Project) -> dict[str, str]:
    return {r.code: r.name for r in project.regions}


# ---------------------------------------------------------------------------- regions & structure
@rule("regions", "candidates", "links", "parks", "scenarios")
def _duplicates(project: Project) -> Iterator[Problem]:
    for list_name, key, label in (
        ("regions", "code", "地区代码"),
        ("candidates", "id", "候选编号"),
        ("links", "id", "链接编号"),
        ("parks", "id", "园区编号"),
        ("scenarios", "name", "方案名称"),
    ):
        seen: set[str] = set()
        for item in getattr(project, list_name):
            k = getattr(item, key)
            if k in seen:
                yield _err(
                    (list_name, k),
                    f"{list_name}.duplicate",
                    f"{label}“{k}”重复",
                    f"duplicate {list_name} key {k!r}",
                )
            seen.add(k)


# ---------------------------------------------------------------------------- fund
@rule("fund", "regions")
def _fund(project: Project) -> Iterator[Problem]:
    fund = project.fund
    names = _region_names(project)
    if _bad_number(fund.size) or fund.size < 0:
        yield _err(
            ("fund", "size"),
            "fund.size",
            f"基金规模 {fund.size} 亿元无效：不能为负数",
            f"fund size {fund.size} (100M yuan) is invalid: must not be negative",
        )
    total = 0.0
    for c in fund.contributions:
        path = ("fund", "contributions", c.region_code, "amount")
        if _bad_number(c.amount) or c.amount < 0:
            yield _err(
                path,
                "fund.contribution_negative",
                f"{names.get(c.region_code, c.region_code)} 的出资 {c.amount} 亿元无效：不能为负数",
                f"contribution of {c.region_code} ({c.amount}) must not be negative",
            )
        else:
            total += c.amount
        if c.region_code not in names:
            yield _err(
                ("fund", "contributions", c.region_code, "region_code"),
                "fund.unknown_region",
                f"出资方地区代码“{c.region_code}”不在地区表中",
                f"unknown contributing region {c.region_code!r}",
            )
    if fund.contributions and abs(total - fund.size) > TOLERANCE:
        yield _err(
            ("fund", "size"),
            "fund.contributions_sum",
            f"各市出资合计 {total:,.2f} 亿元，与基金规模 {fund.size:,.2f} 亿元不符（差 {total - fund.size:+,.2f} 亿元）",
            f"contributions total {total:,.2f} but fund size is {fund.size:,.2f} (100M yuan)",
        )
    r = fund.rules
    for attr, zh in (
        ("max_project_share", "单个项目上限"),
        ("max_investee_equity", "单一被投企业持股上限"),
        ("default_city_limit", "单个城市上限"),
        ("min_return_share", "返投比例下限"),
        ("tranche_gate", "分期投放门槛"),
    ):
        v = getattr(r, attr)
        if not _pct_ok(v):
            yield _err(
                ("fund", "rules", attr),
                "rules.percent",
                f"{zh} {v}% 无效：应在 0–100% 之间",
                f"{attr} {v}% must be between 0 and 100",
            )
    for d_name, d in (("type_limits", r.type_limits), ("city_limits", r.city_limits)):
        for k, v in d.items():
            if not _pct_ok(v):
                yield _err(
                    ("fund", "rules", d_name, k),
                    "rules.percent",
                    f"限额 {k} = {v}% 无效：应在 0–100% 之间",
                    f"limit {k} = {v}% must be between 0 and 100",
                )
    for t in r.tranches:
        if t.year not in PLAN_YEARS:
            yield _err(
                ("fund", "rules", "tranches", t.year),
                "rules.tranche_year",
                f"分期年份 {t.year} 不在规划期 2026–2030 内",
                f"tranche year {t.year} outside 2026–2030",
            )
        if _bad_number(t.amount) or t.amount < 0:
            yield _err(
                ("fund", "rules", "tranches", t.year),
                "rules.tranche_negative",
                f"{t.year} 年分期金额 {t.amount} 亿元不能为负",
                f"tranche {t.year} amount must not be negative",
            )
    if _bad_number(fund.leverage) or fund.leverage < 0:
        yield _err(
            ("fund", "leverage"),
            "fund.leverage",
            "社会资本撬动倍数不能为负",
            "leverage must not be negative",
        )
    if _bad_number(fund.management_fee_pct) or not 0 <= fund.management_fee_pct <= 100:
        yield _err(
            ("fund", "management_fee_pct"),
            "fund.fee",
            "管理费率应在 0–100% 之间",
            "management fee must be between 0 and 100%",
        )


# ---------------------------------------------------------------------------- candidates & links
@rule("candidates", "regions", "criteria", "sectors")
def _candidates(project: Project) -> Iterator[Problem]:
    names = _region_names(project)
    criteria = {c.key for c in project.criteria}
    sectors = set(project.sectors)
    for c in project.candidates:
        base = ("candidates", c.id)
        if not c.name.strip():
            yield _err(
                (*base, "name"),
                "candidate.name",
                f"候选 {c.id} 缺少名称",
                f"candidate {c.id} has no name",
            )
        if c.region_code not in names:
            yield _err(
                (*base, "region_code"),
                "candidate.unknown_region",
                f"“{c.name}”的地区代码“{c.region_code}”不在地区表中",
                f"{c.name}: unknown region code {c.region_code!r}",
            )
        if sectors and c.sector not in sectors:
            yield _warn(
                (*base, "sector"),
                "candidate.unknown_sector",
                f"“{c.name}”的产业“{c.sector}”不在产业列表中",
                f"{c.name}: sector {c.sector!r} is not in the project's sector list",
            )
        for attr, zh, unit in (
            ("baseline_output", "现状产出", "亿元"),
            ("baseline_jobs", "现状就业", "人"),
            ("baseline_tax", "现状税收", "亿元"),
            ("requested_funding", "申请资金", "亿元"),
        ):
            v = getattr(c, attr)
            if _bad_number(v) or v < 0:
                yield _err(
                    (*base, attr),
                    "candidate.negative",
                    f"“{c.name}”的{zh} {v} {unit}无效：不能为负数",
                    f"{c.name}: {attr} {v} must not be negative",
                )
        for k, v in c.criteria.items():
            if criteria and k not in criteria:
                yield _warn(
                    (*base, "criteria", k),
                    "candidate.unknown_criterion",
                    f"“{c.name}”的评分项“{k}”未定义",
                    f"{c.name}: unknown criterion {k!r}",
                )
            if _bad_number(v) or not 0 <= v <= 100:
                yield _err(
                    (*base, "criteria", k),
                    "candidate.score_range",
                    f"“{c.name}”的评分 {k} = {v} 应在 0–100 之间",
                    f"{c.name}: score {k} = {v} must be between 0 and 100",
                )
        if c.decisions and c.decisions[-1].status is not c.status:
            yield _warn(
                (*base, "status"),
                "candidate.status_log",
                f"“{c.name}”的状态与决策记录最后一条不一致（全过程留痕）",
                f"{c.name}: status differs from the last decision-log entry",
            )


@rule("links", "candidates")
def _links(project: Project) -> Iterator[Problem]:
    ids = {c.id for c in project.candidates}
    for link in project.links:
        base = ("links", link.id)
        for end in ("source", "target"):
            if getattr(link, end) not in ids:
                yield _err(
                    (*base, end),
                    "link.dangling",
                    f"链接 {link.id} 指向不存在的候选“{getattr(link, end)}”",
                    f"link {link.id} points to a missing candidate {getattr(link, end)!r}",
                )
        if link.source == link.target:
            yield _err(
                base,
                "link.self",
                f"链接 {link.id} 首尾是同一候选",
                f"link {link.id} links a candidate to itself",
            )
        if _bad_number(link.strength) or not 0 <= link.strength <= 1:
            yield _err(
                (*base, "strength"),
                "link.strength",
                f"链接 {link.id} 强度 {link.strength} 应在 0–1 之间",
                f"link {link.id} strength {link.strength} must be between 0 and 1",
            )


# ---------------------------------------------------------------------------- allocations
def _scenario_allocations(project: Project, sc: Scenario) -> Iterator[Problem]:
    cands = {c.id: c for c in project.candidates}
    fund = project.fund
    base = ("scenarios", sc.name, "allocations")
    seen = set()
    by_cand: dict[str, float] = defaultdict(float)
    by_type: dict[str, float] = defaultdict(float)
    by_city: dict[str, float] = defaultdict(float)
    by_year: dict[int, float] = defaultdict(float)
    total = 0.0
    units = project.planning_units()
    for a in sc.allocations:
        path = (*base, a.key)
        c = cands.get(a.candidate_id)
        label = c.name if c else a.candidate_id
        if a.key in seen:
            yield _err(
                path,
                "alloc.duplicate",
                f"“{label}” {a.year} 年{a.instrument.zh}分配重复",
                f"duplicate allocation for {label} {a.year} {a.instrument.value}",
            )
        seen.add(a.key)
        if c is None:
            yield _err(
                (*path, "candidate_id"),
                "alloc.unknown_candidate",
                f"分配指向不存在的候选“{a.candidate_id}”",
                f"allocation to unknown candidate {a.candidate_id!r}",
            )
        if a.year not in PLAN_YEARS:
            yield _err(
                (*path, "year"),
                "alloc.year",
                f"“{label}”的分配年份 {a.year} 不在规划期 2026–2030 内",
                f"{label}: year {a.year} is outside 2026–2030",
            )
        if _bad_number(a.amount) or a.amount < 0:
            yield _err(
                (*path, "amount"),
                "alloc.negative",
                f"“{label}” {a.year} 年分配 {a.amount} 亿元无效：不能为负数",
                f"{label} {a.year}: amount {a.amount} must not be negative",
            )
            continue
        total += a.amount
        by_year[a.year] += a.amount
        by_cand[a.candidate_id] += a.amount
        if c is not None:
            by_type[c.unit_type.value] += a.amount
            by_city[units.get(c.region_code, c.region_code)] += a.amount
            if c.status is Status.REJECTED:
                yield _warn(
                    path,
                    "alloc.rejected",
                    f"“{label}”已被否决，仍有分配",
                    f"{label} is rejected but funded",
                )
    if total > fund.size + TOLERANCE:
        yield _err(
            base,
            "alloc.over_fund",
            f"方案“{sc.name}”分配合计 {total:,.2f} 亿元，超过基金规模 {fund.size:,.2f} 亿元",
            f"scenario {sc.name}: allocations {total:,.2f} exceed the fund ({fund.size:,.2f})",
        )
    rules = fund.rules
    if rules.max_project_share is not None and fund.size > 0:
        cap = fund.size * rules.max_project_share / 100
        for cid, amt in by_cand.items():
            if amt > cap + TOLERANCE:
                name = cands[cid].name if cid in cands else cid
                yield _err(
                    (*base, cid),
                    "alloc.project_cap",
                    f"“{name}”合计 {amt:,.2f} 亿元，超过单个项目上限 {cap:,.2f} 亿元（基金的 {rules.max_project_share:g}%）",
                    f"{name}: {amt:,.2f} exceeds the per-project cap {cap:,.2f} ({rules.max_project_share:g}% of fund)",
                )
    for t, limit in rules.type_limits.items():
        if fund.size > 0 and by_type.get(t, 0.0) > fund.size * limit / 100 + TOLERANCE:
            yield _err(
                (*base, "type", t),
                "alloc.type_cap",
                f"{_type_label(t)}类合计 {by_type[t]:,.2f} 亿元，超过上限（基金的 {limit:g}%）",
                f"type {t}: {by_type[t]:,.2f} exceeds its limit ({limit:g}% of fund)",
            )
    names = _region_names(project)
    for city, amt in by_city.items():
        limit = rules.city_limits.get(city, rules.default_city_limit)
        if limit is not None and fund.size > 0 and amt > fund.size * limit / 100 + TOLERANCE:
            yield _err(
                (*base, "city", city),
                "alloc.city_cap",
                f"{names.get(city, city)} 合计 {amt:,.2f} 亿元，超过单个城市上限（基金的 {limit:g}%）",
                f"{city}: {amt:,.2f} exceeds its city limit ({limit:g}% of fund)",
            )
    if rules.min_return_share is not None:
        for c in fund.contributions:
            need = c.amount * rules.min_return_share / 100
            got = by_city.get(c.region_code, 0.0)
            if got + TOLERANCE < need:
                yield _warn(
                    (*base, "city", c.region_code),
                    "alloc.min_return",
                    f"{names.get(c.region_code, c.region_code)} 返投 {got:,.2f} 亿元，低于其出资的 {rules.min_return_share:g}%（{need:,.2f} 亿元）",
                    f"{c.region_code}: invested back {got:,.2f}, below {rules.min_return_share:g}% of its contribution ({need:,.2f})",
                )
    if rules.tranches:
        scheduled = defaultdict(float)
        for t in rules.tranches:
            if t.year in PLAN_YEARS and not _bad_number(t.amount):
                scheduled[t.year] += t.amount
        gates = gate_schedule(
            PLAN_YEARS,
            [scheduled[y] for y in PLAN_YEARS],
            [by_year.get(y, 0.0) for y in PLAN_YEARS],
            rules.tranche_gate,
            fund.size,
            True,
        )
        for g in gates:
            if g.over_available:
                waiting = (
                    f"；另有 {g.pending:,.2f} 亿元分期因未达到 {g.gate_pct:g}% 投放门槛尚未开放"
                    if g.pending > TOLERANCE and g.gate_pct is not None
                    else ""
                )
                waiting_en = (
                    f"; {g.pending:,.2f} more waits for the {g.gate_pct:g}% gate"
                    if g.pending > TOLERANCE and g.gate_pct is not None
                    else ""
                )
                yield _err(
                    (*base, "year", g.year),
                    "alloc.tranche",
                    f"截至 {g.year} 年累计分配 {g.cumulative_allocated:,.2f} 亿元，超过已开放分期 {g.available:,.2f} 亿元{waiting}",
                    f"by {g.year}, allocations {g.cumulative_allocated:,.2f} exceed the tranches opened ({g.available:,.2f}){waiting_en}",
                )


def _type_label(value: str) -> str:
    from workbench.core.enums import UnitType

    try:
        return UnitType(value).zh
    except ValueError:
        return value


@rule("allocations", "candidates", "fund", "regions", "scenarios")
def _allocations(project: Project) -> Iterator[Problem]:
    for sc in project.scenarios:
        yield from _scenario_allocations(project, sc)


# ---------------------------------------------------------------------------- parks
def _sum_check(
    path: FieldPath, shares: dict[str, float], what_zh: str, what_en: str, code: str
) -> Iterator[Problem]:
    bad = [k for k, v in shares.items() if _bad_number(v) or v < 0]
    for k in bad:
        yield _err(
            (*path, k),
            code + "_negative",
            f"{what_zh}中 {k} 的比例 {shares[k]} 无效",
            f"{what_en}: share of {k} is invalid",
        )
    s = sum(v for v in shares.values() if not _bad_number(v))
    if abs(s - 100) > TOLERANCE:
        yield _err(
            path, code, f"{what_zh}合计 {s:g}%，应为 100%", f"{what_en} sums to {s:g}%, not 100%"
        )


@rule("parks", "regions")
def _parks(project: Project) -> Iterator[Problem]:
    names = _region_names(project)
    for p in project.parks:
        base = ("parks", p.id)
        parties = set(p.parties)
        if p.host not in names:
            yield _err(
                (*base, "host"),
                "park.unknown_region",
                f"园区“{p.name}”所在地代码“{p.host}”不在地区表中",
                f"park {p.name}: unknown host region {p.host!r}",
            )
        if not p.partners:
            yield _warn(
                (*base, "partners"),
                "park.no_partner",
                f"园区“{p.name}”没有合作方",
                f"park {p.name} has no partner",
            )
        for code in p.partners:
            if code not in names:
                yield _err(
                    (*base, "partners"),
                    "park.unknown_region",
                    f"园区“{p.name}”合作方代码“{code}”不在地区表中",
                    f"park {p.name}: unknown partner region {code!r}",
                )
        if _bad_number(p.area_km2) or p.area_km2 < 0:
            yield _err(
                (*base, "area_km2"),
                "park.negative",
                f"园区“{p.name}”面积不能为负",
                f"park {p.name}: negative area",
            )
        for y, amt in p.investment.items():
            if y not in PLAN_YEARS:
                yield _err(
                    (*base, "investment", y),
                    "park.year",
                    f"园区“{p.name}”投资年份 {y} 不在 2026–2030 内",
                    f"park {p.name}: investment year {y} outside 2026–2030",
                )
            if _bad_number(amt) or amt < 0:
                yield _err(
                    (*base, "investment", y),
                    "park.negative",
                    f"园区“{p.name}” {y} 年投资 {amt} 亿元不能为负",
                    f"park {p.name}: investment in {y} must not be negative",
                )
        if p.gdp_rule is GdpRule.SPLIT:
            yield from _sum_check(
                (*base, "gdp_split"),
                p.gdp_split,
                f"园区“{p.name}”GDP 分计比例",
                f"park {p.name} GDP split",
                "park.gdp_split_sum",
            )
        for code in set(p.gdp_split) - parties:
            yield _err(
                (*base, "gdp_split", code),
                "park.split_party",
                f"园区“{p.name}”GDP 分计包含非合作方 {code}",
                f"park {p.name}: GDP split names a non-party {code}",
            )
        if _bad_number(p.existing_tax_base) or p.existing_tax_base < 0:
            yield _err(
                (*base, "existing_tax_base"),
                "park.negative",
                f"园区“{p.name}”存量税收不能为负",
                f"park {p.name}: existing tax base must not be negative",
            )
        for y, shares in p.tax_split.items():
            if y not in PLAN_YEARS:
                yield _err(
                    (*base, "tax_split", y),
                    "park.year",
                    f"园区“{p.name}”税收分成年份 {y} 不在 2026–2030 内",
                    f"park {p.name}: tax-split year {y} outside 2026–2030",
                )
            yield from _sum_check(
                (*base, "tax_split", y),
                shares,
                f"园区“{p.name}” {y} 年新增税收分成",
                f"park {p.name} {y} tax split",
                "park.tax_split_sum",
            )
            for code in set(shares) - parties:
                yield _err(
                    (*base, "tax_split", y, code),
                    "park.split_party",
                    f"园区“{p.name}”税收分成包含非合作方 {code}",
                    f"park {p.name}: tax split names a non-party {code}",
                )
        if p.equity:
            yield from _sum_check(
                (*base, "equity"),
                p.equity,
                f"园区“{p.name}”合资公司股比",
                f"park {p.name} joint-company equity",
                "park.equity_sum",
            )
        if p.fixed_return is not None:
            fr = p.fixed_return
            if _bad_number(fr.rate_pct) or fr.rate_pct < 0 or fr.years < 0:
                yield _err(
                    (*base, "fixed_return"),
                    "park.fixed_return",
                    f"园区“{p.name}”固定回报设置无效",
                    f"park {p.name}: invalid fixed-return settings",
                )


# ---------------------------------------------------------------------------- scenarios & assumptions
@rule("scenarios", "parks", "assumptions")
def _scenarios(project: Project) -> Iterator[Problem]:
    park_ids = {p.id for p in project.parks}
    if not project.scenarios:
        yield _warn(("scenarios",), "scenario.none", "项目没有方案", "the project has no scenario")
    for sc in project.scenarios:
        for pid in sc.park_ids:
            if pid not in park_ids:
                yield _err(
                    ("scenarios", sc.name, "park_ids"),
                    "scenario.unknown_park",
                    f"方案“{sc.name}”引用不存在的园区“{pid}”",
                    f"scenario {sc.name} uses a missing park {pid!r}",
                )
        for key, v in sc.assumption_overrides.items():
            if key not in project.assumptions:
                yield _err(
                    ("scenarios", sc.name, "assumption_overrides", key),
                    "scenario.unknown_assumption",
                    f"方案“{sc.name}”覆盖了不存在的参数“{key}”",
                    f"scenario {sc.name} overrides unknown parameter {key!r}",
                )
            elif _bad_number(v):
                yield _err(
                    ("scenarios", sc.name, "assumption_overrides", key),
                    "assumption.value",
                    f"方案“{sc.name}”中参数“{key}”取值无效",
                    f"scenario {sc.name}: invalid value for {key!r}",
                )


@rule("assumptions")
def _assumptions(project: Project) -> Iterator[Problem]:
    for key, a in project.assumptions.items():
        path = ("assumptions", key, "value")
        if _bad_number(a.value):
            yield _err(
                path,
                "assumption.value",
                f"参数“{a.label_zh}”取值无效",
                f"parameter {key!r} has an invalid value",
            )
        elif a.unit == "%" and not 0 <= a.value <= 100:
            yield _err(
                path,
                "assumption.percent",
                f"参数“{a.label_zh}” {a.value}% 应在 0–100% 之间",
                f"parameter {key!r} ({a.value}%) must be between 0 and 100",
            )


@rule("links", "candidates", "assumptions", "scenarios", "regions", "adjacency", "mrio")
def _spillover_radius(project: Project) -> Iterator[Problem]:
    """(I − S)⁻¹ exists only for spectral radius < 1; the projection engine leaves such spillover out."""
    from workbench.core.projections.checks import spillover_problems  # numpy/scipy only when used

    for path, code, zh, en in spillover_problems(project):
        yield _err(path, code, zh, en)

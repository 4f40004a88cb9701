"""Where a field is, in words a planner reads: 方案「基准方案」· 成都市 · MC-0007 某项目 · 2027年 · 股权投资.

A problem's path (see ``addresses``) is for jumping; people see this instead — in the problems
panel and in the exported 校验 sheet alike — so it never shows tuple syntax. Every path shape the
validation rules emit is read here (the tests hold one deliberately broken project per shape);
an unknown shape still comes out as words joined by " · ", never as a tuple.
"""

from __future__ import annotations

from typing import Any

from workbench.core.addresses import (
    AgreementField,
    AllocationCell,
    AllocationTotal,
    AssumptionField,
    CandidateField,
    CriterionField,
    FieldPath,
    FundField,
    LinkField,
    OverrideField,
    ParkField,
    RegionField,
    ScenarioItem,
    list_head,
)
from workbench.core.enums import Instrument, Labelled, UnitType
from workbench.core.model import Project
from workbench.core.sharing.model import TAX_LABELS

SEP = " · "

# Field names as the forms and tables label them (zh, en).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    # candidates
    "id": ("编号", "ID"),
    "name": ("名称", "name"),
    "unit_type": ("类型", "type"),
    "region_code": ("地区", "region"),
    "sector": ("产业", "sector"),
    "baseline_output": ("现状产出", "baseline output"),
    "baseline_jobs": ("现状就业", "baseline jobs"),
    "baseline_tax": ("现状税收", "baseline tax"),
    "requested_funding": ("申请资金", "requested funding"),
    "criteria": ("评分", "scores"),
    "status": ("状态", "status"),
    "notes": ("备注", "notes"),
    "decisions": ("决策记录", "decision log"),
    "illustrative": ("示例标记", "illustrative flag"),
    "registered_capital": ("注册资本", "registered capital"),
    "post_money_valuation": ("投后估值", "post-money valuation"),
    # links
    "source": ("起点", "source"),
    "target": ("终点", "target"),
    "kind": ("链类型", "kind"),
    "strength": ("强度", "strength"),
    # allocation rows
    "candidate_id": ("候选编号", "candidate ID"),
    "year": ("年份", "year"),
    "amount": ("金额", "amount"),
    "instrument": ("投入方式", "instrument"),
    # parks
    "model": ("模式", "model"),
    "host": ("所在地", "host"),
    "partners": ("合作方", "partners"),
    "area_km2": ("面积", "area"),
    "investment": ("分年投资", "investment by year"),
    "gdp_rule": ("GDP 统计规则", "GDP rule"),
    "gdp_split": ("GDP 分计比例", "GDP split"),
    "tax_split": ("新增税收分成", "new-tax split"),
    "tax_split_by_tax": ("分税种分成", "split by tax"),
    "parties": ("参与方", "parties"),
    "park_id": ("覆盖园区", "park covered"),
    "candidate_ids": ("覆盖项目", "units covered"),
    "coverage": ("覆盖对象", "coverage"),
    "start_year": ("起始年", "start year"),
    "sunset_year": ("截止年", "sunset year"),
    "settlement": ("结算方式", "settlement method"),
    "equity": ("合资公司股比", "joint-company equity"),
    "existing_tax_base": ("存量税收", "existing tax base"),
    "fixed_return": ("固定回报", "fixed return"),
    "locations": ("所在地及占比", "locations and shares"),
    # scenarios
    "description": ("说明", "description"),
    "approach": ("总体思路", "overall approach"),
    "park_ids": ("纳入园区", "parks included"),
    "allocations": ("分配", "allocations"),
    "assumption_overrides": ("参数覆盖", "parameter overrides"),
    # fund and committee rules
    "size": ("基金规模", "fund size"),
    "leverage": ("社会资本撬动倍数", "leverage"),
    "management_fee_pct": ("管理费率", "management fee"),
    "contributions": ("出资", "contributions"),
    "rules": ("投资决策委员会规则", "committee rules"),
    "max_project_share": ("单个项目上限", "max per project"),
    "max_investee_equity": ("单一被投企业持股上限", "max investee equity"),
    "default_city_limit": ("单个城市上限", "max per city"),
    "min_return_share": ("返投比例下限", "min return share"),
    "tranche_gate": ("分期投放门槛", "tranche gate"),
    "type_limits": ("类型上限", "type limits"),
    "city_limits": ("城市上限", "city limits"),
    "tranches": ("分期", "tranches"),
    # criteria, assumptions, regions
    "weight": ("权重", "weight"),
    "label_zh": ("中文名称", "Chinese label"),
    "label_en": ("英文名称", "English label"),
    "value": ("取值", "value"),
    "unit": ("单位", "unit"),
    "code": ("代码", "code"),
    # numbers checked against their ranges (core.ranges)
    "statistics": ("统计数据", "statistics"),
    "lon": ("经度", "longitude"),
    "lat": ("纬度", "latitude"),
    "shared_border_km": ("共同边界长度", "shared border length"),
    "parent": ("上级地区", "parent region"),
    "origin_region": ("迁出地", "origin region"),
    "rate_pct": ("回报率", "rate"),
    "years": ("年限", "years"),
    "low": ("下限", "low"),
    "high": ("上限", "high"),
    "coefficients": ("系数", "coefficients"),
    "key": ("代码", "key"),
}

# Whole top-level parts (a path of one step).
PART_WORDS: dict[str, tuple[str, str]] = {
    "project": ("整个项目", "whole project"),
    "candidates": ("候选库", "catalogue"),
    "links": ("产业链链接", "chain links"),
    "criteria": ("评分项", "scoring criteria"),
    "parks": ("园区", "parks"),
    "agreements": ("利益分享协议", "benefit-sharing agreements"),
    "scenarios": ("方案", "scenarios"),
    "fund": ("基金", "fund"),
    "assumptions": ("参数", "parameters"),
    "mrio": ("投入产出表", "input–output table"),
    "regions": ("地区表", "regions"),
    "adjacency": ("地区相邻关系", "adjacency"),
    "sectors": ("产业列表", "sector list"),
}


class Describer:
    """Describes many paths of one project (lookups built once; the problems list has hundreds)."""

    def __init__(self, project: Project, lang: str = "zh") -> None:
        self.project = project
        self.zh = lang == "zh"
        self._regions = {r.code: r.name for r in project.regions}
        self._units = project.planning_units()
        self._candidates = {c.id: c for c in project.candidates}
        self._parks = {k.id: k for k in project.parks}

    # ------------------------------------------------------------------ words for one thing
    def _pick(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.zh else pair[1]

    def field(self, name: Any) -> str:
        return self._pick(FIELD_WORDS[name]) if name in FIELD_WORDS else str(name)

    def scenario(self, name: str) -> str:
        return f"方案「{name}」" if self.zh else f"scenario “{name}”"

    def region(self, code: Any) -> str:
        return self._regions.get(str(code), str(code))

    def year(self, y: Any) -> str:
        return f"{y}年" if self.zh else str(y)

    def candidate(self, cid: str) -> str:
        c = self._candidates.get(cid)
        head = f"候选 {cid}" if self.zh else f"candidate {cid}"
        return f"{head} {c.name}" if c is not None and c.name.strip() else head

    def candidate_city(self, cid: str) -> str | None:
        c = self._candidates.get(cid)
        if c is None:
            return None
        return self.region(self._units.get(c.region_code, c.region_code))

    def label(self, enum: type[Labelled], value: Any) -> str:
        try:
            return enum(value).label("zh" if self.zh else "en")
        except ValueError:
            return str(value)

    def park(self, pid: str) -> str:
        k = self._parks.get(pid)
        name = k.name if k is not None else pid
        return f"园区「{name}」" if self.zh else f"park “{name}”"

    def agreement(self, aid: str) -> str:
        a = self.project.agreement(aid)
        name = a.name if a is not None else aid
        return f"利益分享协议「{name}」" if self.zh else f"agreement “{name}”"

    def assumption(self, key: str) -> str:
        a = self.project.assumptions.get(key)
        text = (a.label_zh if self.zh else (a.label_en or a.label_zh)) if a else key
        return f"参数「{text}」" if self.zh else f"parameter “{text}”"

    def criterion(self, key: str) -> str:
        c = next((c for c in self.project.criteria if c.key == key), None)
        text = (c.label_zh if self.zh else c.label_en) if c else key
        return f"评分项「{text}」" if self.zh else f"criterion “{text}”"

    def total(self, what: str) -> str:
        return f"{what} 合计" if self.zh else f"{what} total"

    # ------------------------------------------------------------------ whole paths
    def describe(self, path: FieldPath) -> str:
        return SEP.join(self.words(path))

    def words(self, path: FieldPath) -> list[str]:
        """The location as a list of words, broadest first."""
        if len(path) <= 1:
            head = list_head(path)
            return [self._pick(PART_WORDS[head]) if head in PART_WORDS else self.field(head)]
        special = self._special(path)
        if special is not None:
            return special
        for view, read in self._readers:
            found = view.of(path)
            if found is not None:
                return read(self, found)
        head = list_head(path)
        return [self._pick(PART_WORDS.get(head, (head, head)))] + [
            self.field(s) if isinstance(s, str) else self.year(s) for s in path[1:]
        ]

    def _special(self, path: FieldPath) -> list[str] | None:
        """Shapes no typed view reads: a region's statistic, an adjacency pair, an MRIO cell."""
        head = list_head(path)
        if head == "regions" and len(path) >= 4 and path[2] == "statistics":
            out = self._region(RegionField(path[1], "statistics"))
            key = path[3]
            if isinstance(key, tuple) and len(key) == 3:
                indicator, year, vintage = key
                out += [str(indicator), self.year(year)] + ([str(vintage)] if vintage else [])
            return out + [self.field(s) for s in path[4:5]]
        if head == "adjacency" and len(path) >= 2 and isinstance(path[1], tuple):
            pair = "—".join(self.region(c) for c in path[1])
            return [self._pick(PART_WORDS["adjacency"]), pair] + [self.field(s) for s in path[2:3]]
        if head == "mrio" and len(path) == 4 and path[1] == "coefficients" and self.project.mrio:
            regions = self.project.mrio.regions
            i, j = path[2], path[3]
            if isinstance(i, int) and isinstance(j, int) and max(i, j) < len(regions):
                flow = f"{self.region(regions[i])} → {self.region(regions[j])}"
                return [self._pick(PART_WORDS["mrio"]), self.field("coefficients"), flow]
        return None

    def _cell(self, c: AllocationCell) -> list[str]:
        out = [self.scenario(c.scenario)]
        city = self.candidate_city(c.candidate_id)
        if city:
            out.append(city)
        out += [
            self.candidate(c.candidate_id),
            self.year(c.year),
            self.label(Instrument, c.instrument),
        ]
        if c.field not in (None, "amount"):
            out.append(self.field(c.field))
        return out

    def _total(self, t: AllocationTotal) -> list[str]:
        what = {
            None: self.field("allocations"),
            "candidate": self.candidate(str(t.key)),
            "type": (
                f"{self.label(UnitType, t.key)}类" if self.zh else self.label(UnitType, t.key)
            ),
            "city": self.region(t.key),
            "year": (f"截至{self.year(t.key)}" if self.zh else f"to {t.key}"),
        }.get(t.by, str(t.key))
        return [self.scenario(t.scenario), self.total(what)]

    def _override(self, o: OverrideField) -> list[str]:
        return [self.scenario(o.scenario), self.assumption(o.key)]

    def _scenario(self, s: ScenarioItem) -> list[str]:
        out = [self.scenario(s.scenario)]
        return [*out, self.field(s.field)] if s.field is not None else out

    def _candidate(self, f: CandidateField) -> list[str]:
        out = [self.candidate(f.candidate_id)]
        if f.field == "criteria" and f.sub is not None:
            return [*out, self.criterion(str(f.sub))]
        return [*out, self.field(f.field)] if f.field is not None else out

    def _park(self, f: ParkField) -> list[str]:
        out = [self.park(f.park_id)]
        if f.field is not None:
            out.append(self.field(f.field))
        if f.year is not None:
            out.append(self.year(f.year))
        if f.party is not None:
            out.append(self.region(f.party))
        return out

    def _agreement(self, f: AgreementField) -> list[str]:
        out = [self.agreement(f.agreement_id)]
        if f.field is not None:
            out.append(self.field(f.field))
        if f.tax is not None:
            out.append(self._pick(TAX_LABELS.get(f.tax, (str(f.tax), str(f.tax)))))
        if f.year is not None:
            out.append(self.year(f.year))
        if f.party is not None:
            out.append(self.region(f.party))
        return out

    def _fund(self, f: FundField) -> list[str]:
        out = [self._pick(PART_WORDS["fund"])]
        if f.field == "contributions":
            out.append(self.field("contributions"))
            if f.key is not None:
                out.append(self.region(f.key))
            if f.sub not in (None, "amount"):
                out.append(self.field(f.sub))
            return out
        if f.field == "rules" and f.key is not None:
            out.append(self.field(f.key))
            if f.key == "type_limits" and f.sub is not None:
                out.append(self.label(UnitType, f.sub))
            elif f.key == "city_limits" and f.sub is not None:
                out.append(self.region(f.sub))
            elif f.key == "tranches" and f.sub is not None:
                out.append(self.year(f.sub))
            return out
        if f.field is None:
            return out
        word = self.field(f.field)  # "基金规模" says "fund" already
        return [word] if word.lower().startswith(out[0]) else [*out, word]

    def _link(self, f: LinkField) -> list[str]:
        out = [f"链接 {f.link_id}" if self.zh else f"link {f.link_id}"]
        return [*out, self.field(f.field)] if f.field is not None else out

    def _criterion(self, f: CriterionField) -> list[str]:
        out = [self.criterion(f.key)]
        return [*out, self.field(f.field)] if f.field is not None else out

    def _assumption(self, f: AssumptionField) -> list[str]:
        return [self.assumption(f.key)]

    def _region(self, f: RegionField) -> list[str]:
        out = [
            f"地区 {f.code} {self.region(f.code)}"
            if self.zh
            else f"region {f.code} {self.region(f.code)}"
        ]
        return [*out, self.field(f.field)] if f.field is not None else out

    # Most specific views first: a cell is also a ScenarioItem.
    _readers: tuple[tuple[Any, Any], ...] = (
        (AllocationCell, _cell),
        (AllocationTotal, _total),
        (OverrideField, _override),
        (ScenarioItem, _scenario),
        (CandidateField, _candidate),
        (ParkField, _park),
        (AgreementField, _agreement),
        (FundField, _fund),
        (LinkField, _link),
        (CriterionField, _criterion),
        (AssumptionField, _assumption),
        (RegionField, _region),
    )


def describe(project: Project, path: FieldPath, lang: str = "zh") -> str:
    """Where ``path`` is, in words (see the module docstring). For many paths use ``Describer``."""
    return Describer(project, lang).describe(path)

"""Default model parameters, each with its unit, plausible range and where it comes from.

A parameter with an empty ``source`` is the team's own assumption and the UI labels it so (假设).
Statutory rates and the central–local tax sharing rules are cited and fixed; value-added ratios are
cited where the NBS 2007 input–output table maps cleanly onto a sector; every other behavioural
coefficient (jobs per output, spillover shares, additionality, lags and ramps) is an honest
assumption with a wide range, to be calibrated by the planner. The issue-11 groups live in
``assumptions_net``. The projection engine reads values through
``workbench.core.projections.parameters``; docs/parameters.md lists every key (kept in step with
this table by a test).
"""

from __future__ import annotations

from workbench.core.assumptions_net import PCT, net_defaults, param
from workbench.core.model import Assumption, Project, Scenario
from workbench.core.sectors import sector_label
from workbench.core.sharing.defaults import sharing_defaults

# Sectors of the sample catalogue: (value-added ratio %, jobs per 亿元 of output).
# Jobs are assumptions (no public source). Value-added ratios: see SECTOR_VA_SOURCES.
SECTOR_DEFAULTS: dict[str, tuple[float, float]] = {
    "电子信息": (19.2, 40.0),
    "装备制造": (19.2, 55.0),
    "汽车": (19.2, 45.0),
    "食品饮料": (24.4, 60.0),
    "先进材料": (22.0, 40.0),
    "能源化工": (25.0, 30.0),
    "生物医药": (35.0, 50.0),
    "数字经济": (49.5, 80.0),
    "现代服务业": (50.0, 120.0),
    "文化旅游": (45.0, 200.0),
    "现代农业": (58.6, 300.0),
}
DEFAULT_SECTOR = "default"
"""Key suffix of the fallback sector parameters, used for sectors without their own entry."""

_NBS = "国家统计局《中国统计年鉴2012》表2-28（2007年投入产出表，17部门）推算：增加值率 = 1 − 中间投入合计；"
SECTOR_VA_SOURCES: dict[str, str] = {
    "电子信息": _NBS + "“机械设备”0.192（含通信设备、计算机及电子设备）",
    "装备制造": _NBS + "“机械设备”0.192",
    "汽车": _NBS + "“机械设备”0.192（含交通运输设备）",
    "食品饮料": _NBS + "“食品饮料烟草”0.244",
    "数字经济": _NBS + "“交通仓储邮政·信息软件”0.495",
    "现代农业": _NBS + "“农林牧渔”0.586",
}
"""Sectors whose NBS counterpart is clear. 先进材料 (化学 0.203 / 非金属矿物 0.275 / 金属 0.198),
能源化工 (化学 / 炼焦石油 0.179 / 电热燃水 0.286), 生物医药 (inside 化学), 现代服务业 and 文化旅游
(services 0.489–0.689) straddle several NBS sectors: they stay assumptions, ranges spanning them."""
# value-added ratio range (low, high) in % per sector
_VA_RANGE: dict[str, tuple[float, float]] = {
    "先进材料": (18.0, 30.0),
    "能源化工": (17.0, 30.0),
    "生物医药": (20.0, 45.0),
    "现代服务业": (45.0, 70.0),
    "文化旅游": (35.0, 60.0),
    DEFAULT_SECTOR: (18.0, 60.0),
}


_OUTPUT_UNIT = "亿元/年 每亿元投资"

_DEFAULTS: list[Assumption] = [
    param(
        "tax.vat_central_share",
        50.0,
        PCT,
        "增值税中央分享比例",
        "VAT: central government share",
        "tax",
        50.0,
        50.0,
        "国务院《全面推开营改增试点后调整中央与地方增值税收入划分过渡方案》（国发〔2016〕26号）：中央与地方五五分享；"
        "国发〔2019〕21号 二（一）：保持不变",
    ),
    param(
        "tax.cit_central_share",
        60.0,
        PCT,
        "企业所得税中央分享比例",
        "Corporate income tax: central share",
        "tax",
        60.0,
        60.0,
        "国务院《关于明确中央与地方所得税收入分享比例的通知》（国发〔2003〕26号）：自2004年起中央分享60%、地方40%",
    ),
    param(
        "tax.vat_rate",
        13.0,
        PCT,
        "增值税基本税率（未单列税率的产业）",
        "VAT standard rate (sectors without their own rate)",
        "tax",
        13.0,
        13.0,
        "财政部 税务总局 海关总署公告2019年第39号：原适用16%税率的调整为13%（自2019年4月1日起）",
    ),
    param(
        "tax.cit_rate",
        25.0,
        PCT,
        "企业所得税税率",
        "Corporate income tax rate",
        "tax",
        25.0,
        25.0,
        "《中华人民共和国企业所得税法》第四条：企业所得税的税率为25%",
    ),
    param(
        "tax.vat_base_share",
        50.0,
        PCT,
        "增值税有效税基占增加值比例",
        "Effective VAT base as a share of value added (after input credits, lower rates, exemptions)",
        "tax",
        30.0,
        70.0,
    ),
    param(
        "tax.profit_share",
        25.0,
        PCT,
        "应税利润占增加值比例",
        "Taxable profit as a share of value added",
        "tax",
        10.0,
        40.0,
    ),
    *[
        param(
            f"instrument.{key}.leverage_share",
            v,
            PCT,
            f"{zh}适用撬动倍数的比例",
            f"{en}: share of the fund's leverage that applies",
            "instrument",
            lo,
            hi,
        )
        for key, zh, en, v, lo, hi in (
            ("equity", "资本注入", "Equity injection", 100.0, 50.0, 100.0),
            ("technology", "技术支持", "Technology support", 50.0, 0.0, 100.0),
            ("talent", "人才培训", "Talent training", 0.0, 0.0, 30.0),
        )
    ],
    *[
        param(
            f"instrument.{key}.output_per_investment",
            v,
            _OUTPUT_UNIT,
            f"{zh}：每亿元投资的年产出（达产后）",
            f"{en}: yearly output per 亿元 invested, at full effect",
            "instrument",
            lo,
            hi,
        )
        for key, zh, en, v, lo, hi in (
            ("equity", "资本注入", "Equity injection", 0.8, 0.4, 1.6),
            ("technology", "技术支持", "Technology support", 1.0, 0.4, 2.0),
            ("talent", "人才培训", "Talent training", 1.2, 0.3, 2.5),
        )
    ],
    param(
        "chain.strength_scale",
        100.0,
        PCT,
        "产业链链接强度系数",
        "Chain links: scale applied to every link strength",
        "spillover",
        50.0,
        100.0,
    ),
    param(
        "network.spillover_share",
        10.0,
        PCT,
        "区域网络外溢比例（相邻地区，距离为零时）",
        "Region network: share of a unit's activity induced in its neighbours (before distance decay)",
        "spillover",
        2.0,
        20.0,
    ),
    param(
        "network.decay_km",
        100.0,
        "km",
        "距离衰减尺度",
        "Region network: distance-decay length (exp(−d/L))",
        "spillover",
        50.0,
        200.0,
    ),
    param(
        "park.output_per_investment",
        0.6,
        _OUTPUT_UNIT,
        "园区：每亿元累计投资的年产出（达产后）",
        "Parks: yearly output per 亿元 of investment, at full effect",
        "park",
        0.3,
        1.2,
    ),
    param(
        "park.dividend_payout",
        50.0,
        PCT,
        "园区合资公司利润分红比例",
        "Parks: share of the joint company's profit paid as dividends",
        "park",
        20.0,
        80.0,
    ),
]

for _sector, (_va, _jobs) in {**SECTOR_DEFAULTS, DEFAULT_SECTOR: (30.0, 80.0)}.items():
    _zh = "其他产业（默认）" if _sector == DEFAULT_SECTOR else _sector
    _en = "other sectors (default)" if _sector == DEFAULT_SECTOR else sector_label(_sector, "en")
    _va_low, _va_high = _VA_RANGE.get(_sector, (round(_va * 0.75, 1), round(_va * 1.25, 1)))
    _DEFAULTS.append(
        param(
            f"sector.va_ratio.{_sector}",
            _va,
            PCT,
            f"{_zh}：增加值率",
            f"{_en}: value-added ratio",
            "sector",
            _va_low,
            _va_high,
            SECTOR_VA_SOURCES.get(_sector, ""),
        )
    )
    _DEFAULTS.append(
        param(
            f"sector.jobs_per_output.{_sector}",
            _jobs,
            "人/亿元",
            f"{_zh}：每亿元产出就业人数",
            f"{_en}: jobs per 亿元 of output",
            "sector",
            _jobs * 0.5,
            _jobs * 1.5,
        )
    )
_DEFAULTS.extend(net_defaults())
_DEFAULTS.extend(sharing_defaults())


def default_assumptions() -> dict[str, Assumption]:
    """A fresh copy of the defaults, keyed by parameter key."""
    return {a.key: Assumption(**vars(a)) for a in _DEFAULTS}


def default_assumption(key: str) -> Assumption | None:
    """The shipped default of one key (a copy), or None for a key the defaults do not know."""
    a = _BY_KEY.get(key)
    return None if a is None else Assumption(**vars(a))


_BY_KEY: dict[str, Assumption] = {a.key: a for a in _DEFAULTS}


def parameter_value(project: Project, key: str, scenario: Scenario | None = None) -> float | None:
    """What the engine uses: the scenario's override, else the project's value, else the shipped
    default (older files lack newer keys); None for a key nobody knows."""
    if scenario is not None and key in scenario.assumption_overrides:
        return float(scenario.assumption_overrides[key])
    if key in project.assumptions:
        return float(project.assumptions[key].value)
    a = _BY_KEY.get(key)
    return None if a is None else float(a.value)

"""Default model parameters, each with its unit and where it comes from.

A parameter with an empty ``source`` is the team's own assumption and the UI labels it so. Only
statutory rates and the central–local tax sharing rules have a public source here; every
behavioural coefficient (value-added ratios, jobs per output, ramp-up, spillover shares) is an
honest assumption to be calibrated by the planner. The projection engine reads them through
``workbench.core.projections.parameters``; docs/model.md explains each one.
"""

from __future__ import annotations

from workbench.core.model import Assumption

# Sectors of the sample catalogue: (value-added ratio %, jobs per 亿元 of output).
# Assumptions (no public source): rough orders of magnitude, meant to be replaced by the planner.
SECTOR_DEFAULTS: dict[str, tuple[float, float]] = {
    "电子信息": (20.0, 40.0),
    "装备制造": (24.0, 55.0),
    "汽车": (20.0, 45.0),
    "食品饮料": (25.0, 60.0),
    "先进材料": (22.0, 40.0),
    "能源化工": (25.0, 30.0),
    "生物医药": (35.0, 50.0),
    "数字经济": (45.0, 80.0),
    "现代服务业": (50.0, 120.0),
    "文化旅游": (45.0, 200.0),
    "现代农业": (55.0, 300.0),
}
DEFAULT_SECTOR = "default"
"""Key suffix of the fallback sector parameters, used for sectors without their own entry."""

_DEFAULTS: list[Assumption] = [
    Assumption(
        "tax.vat_central_share",
        50.0,
        "%",
        "增值税中央分享比例",
        "VAT: central government share",
        source="国务院《全面推开营改增试点后调整中央与地方增值税收入划分过渡方案》（国发〔2016〕26号）：中央与地方五五分享",
        group="tax",
    ),
    Assumption(
        "tax.cit_central_share",
        60.0,
        "%",
        "企业所得税中央分享比例",
        "Corporate income tax: central share",
        source="国务院《所得税收入分享改革方案》（国发〔2001〕37号）：自2003年起中央分享60%、地方40%",
        group="tax",
    ),
    Assumption(
        "tax.vat_rate",
        13.0,
        "%",
        "增值税基本税率",
        "VAT standard rate",
        source="财政部 税务总局 海关总署公告2019年第39号：原适用16%税率的调整为13%（自2019年4月1日起）",
        group="tax",
    ),
    Assumption(
        "tax.cit_rate",
        25.0,
        "%",
        "企业所得税税率",
        "Corporate income tax rate",
        source="《中华人民共和国企业所得税法》第四条：企业所得税的税率为25%",
        group="tax",
    ),
    Assumption(
        "tax.vat_base_share",
        50.0,
        "%",
        "增值税有效税基占增加值比例",
        "Effective VAT base as a share of value added (after input credits, lower rates, exemptions)",
        group="tax",
    ),
    Assumption(
        "tax.profit_share",
        25.0,
        "%",
        "应税利润占增加值比例",
        "Taxable profit as a share of value added",
        group="tax",
    ),
    Assumption(
        "instrument.equity.leverage_share",
        100.0,
        "%",
        "资本注入适用撬动倍数的比例",
        "Equity injection: share of the fund's leverage that applies",
        group="instrument",
    ),
    Assumption(
        "instrument.technology.leverage_share",
        50.0,
        "%",
        "技术支持适用撬动倍数的比例",
        "Technology support: share of the fund's leverage that applies",
        group="instrument",
    ),
    Assumption(
        "instrument.talent.leverage_share",
        0.0,
        "%",
        "人才培训适用撬动倍数的比例",
        "Talent training: share of the fund's leverage that applies",
        group="instrument",
    ),
    Assumption(
        "instrument.equity.output_per_investment",
        0.8,
        "亿元/年 每亿元投资",
        "资本注入：每亿元投资的年产出（达产后）",
        "Equity injection: yearly output per 亿元 invested, at full effect",
        group="instrument",
    ),
    Assumption(
        "instrument.technology.output_per_investment",
        1.0,
        "亿元/年 每亿元投资",
        "技术支持：每亿元投资的年产出（达产后）",
        "Technology support: yearly output per 亿元 invested, at full effect",
        group="instrument",
    ),
    Assumption(
        "instrument.talent.output_per_investment",
        1.2,
        "亿元/年 每亿元投资",
        "人才培训：每亿元投资的年产出（达产后）",
        "Talent training: yearly output per 亿元 invested, at full effect",
        group="instrument",
    ),
    Assumption(
        "ramp.year0",
        30.0,
        "%",
        "投入当年达产比例",
        "Ramp-up: share of full effect in the year the money goes in",
        group="ramp",
    ),
    Assumption(
        "ramp.year1",
        70.0,
        "%",
        "投入次年达产比例",
        "Ramp-up: share of full effect in the following year",
        group="ramp",
    ),
    Assumption(
        "ramp.year2",
        100.0,
        "%",
        "投入第三年及以后达产比例",
        "Ramp-up: share of full effect from the third year on",
        group="ramp",
    ),
    Assumption(
        "chain.strength_scale",
        100.0,
        "%",
        "产业链链接强度系数",
        "Chain links: scale applied to every link strength",
        group="spillover",
    ),
    Assumption(
        "network.spillover_share",
        10.0,
        "%",
        "区域网络外溢比例（相邻地区，距离为零时）",
        "Region network: share of a unit's activity induced in its neighbours (before distance decay)",
        group="spillover",
    ),
    Assumption(
        "network.decay_km",
        100.0,
        "km",
        "距离衰减尺度",
        "Region network: distance-decay length (exp(−d/L))",
        group="spillover",
    ),
    Assumption(
        "park.output_per_investment",
        0.6,
        "亿元/年 每亿元投资",
        "园区：每亿元累计投资的年产出（达产后）",
        "Parks: yearly output per 亿元 of investment, at full effect",
        group="park",
    ),
    Assumption(
        "park.dividend_payout",
        50.0,
        "%",
        "园区合资公司利润分红比例",
        "Parks: share of the joint company's profit paid as dividends",
        group="park",
    ),
]

for _sector, (_va, _jobs) in {**SECTOR_DEFAULTS, DEFAULT_SECTOR: (30.0, 80.0)}.items():
    _zh = "其他产业（默认）" if _sector == DEFAULT_SECTOR else _sector
    _en = "other sectors (default)" if _sector == DEFAULT_SECTOR else _sector
    _DEFAULTS.append(
        Assumption(
            f"sector.va_ratio.{_sector}",
            _va,
            "%",
            f"{_zh}：增加值率",
            f"{_en}: value-added ratio",
            group="sector",
        )
    )
    _DEFAULTS.append(
        Assumption(
            f"sector.jobs_per_output.{_sector}",
            _jobs,
            "人/亿元",
            f"{_zh}：每亿元产出就业人数",
            f"{_en}: jobs per 亿元 of output",
            group="sector",
        )
    )


def default_assumptions() -> dict[str, Assumption]:
    """A fresh copy of the defaults, keyed by parameter key."""
    return {a.key: Assumption(**vars(a)) for a in _DEFAULTS}

"""Default parameters for net projections: additionality, timing, taxes by sector and level, park
company income and the baseline growth fallback (issue 11), plus the ``param`` builder.

Published values are cited with their vintage (see ``../shared/data/model_sources.md``, copied into
docs/parameters.md). Where that survey found no usable value, the default is the team's assumption:
its ``source`` is empty, so the UI and ``workbench params`` label it 假设, and its range is wide on
purpose so that uncertainty analysis shows how much it matters.
"""

from __future__ import annotations

from workbench.core.enums import ChainKind, Distribution, Instrument, ParkModel
from workbench.core.model import Assumption
from workbench.core.sectors import sector_label

PCT, YEARS_UNIT, PCT_YR, TIMES = "%", "年", "%/年", "倍"


def param(
    key: str,
    value: float,
    unit: str,
    zh: str,
    en: str,
    group: str,
    low: float,
    high: float,
    source: str = "",
    distribution: Distribution | None = None,
) -> Assumption:
    """One default parameter; zero width (low == high == value) means fixed, else triangular."""
    if distribution is None:
        fixed = low == high == value
        distribution = Distribution.FIXED if fixed else Distribution.TRIANGULAR
    return Assumption(key, value, unit, zh, en, source, group, low, high, distribution)


# --------------------------------------------------------------------------- additionality
ADDITIONALITY_COMPONENTS: dict[str, tuple[str, str]] = {
    "deadweight": ("无谓效应（本来就会发生）", "deadweight (would have happened anyway)"),
    "displacement": ("替代效应（圈内转移）", "displacement (moved from elsewhere in the circle)"),
    "leakage": ("漏出（流出经济圈）", "leakage (benefits leaving the circle)"),
    "crowding_out": ("挤出社会资本", "crowding out of private capital"),
}
# (value, low, high) in % for each subject and component: assumptions, see module doc.
_ADDITIONALITY: dict[str, dict[str, tuple[float, float, float]]] = {
    Instrument.EQUITY.value: {
        "deadweight": (30, 10, 60),
        "displacement": (25, 5, 60),
        "leakage": (10, 0, 30),
        "crowding_out": (15, 0, 50),
    },
    Instrument.TECHNOLOGY.value: {
        "deadweight": (20, 5, 50),
        "displacement": (10, 0, 40),
        "leakage": (10, 0, 30),
        "crowding_out": (5, 0, 30),
    },
    Instrument.TALENT.value: {
        "deadweight": (20, 5, 50),
        "displacement": (10, 0, 40),
        "leakage": (20, 5, 50),
        "crowding_out": (5, 0, 30),
    },
    ParkModel.ENCLAVE.value: {
        "deadweight": (20, 5, 50),
        "displacement": (40, 10, 80),
        "leakage": (10, 0, 30),
        "crowding_out": (5, 0, 30),
    },
    ParkModel.CO_BUILT.value: {
        "deadweight": (25, 5, 55),
        "displacement": (30, 10, 70),
        "leakage": (10, 0, 30),
        "crowding_out": (5, 0, 30),
    },
    ParkModel.FUND_PARK.value: {
        "deadweight": (30, 10, 60),
        "displacement": (25, 5, 60),
        "leakage": (10, 0, 30),
        "crowding_out": (15, 0, 50),
    },
}

# --------------------------------------------------------------------------- timing
# (lag years, low, high), (ramp years, low, high)
_TIMING: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    Instrument.EQUITY.value: ((1, 0, 3), (3, 1, 5)),
    Instrument.TECHNOLOGY.value: ((1, 0, 2), (2, 1, 4)),
    Instrument.TALENT.value: ((1, 0, 2), (2, 1, 4)),
    ParkModel.ENCLAVE.value: ((2, 1, 4), (3, 2, 6)),
    ParkModel.CO_BUILT.value: ((2, 1, 4), (3, 2, 6)),
    ParkModel.FUND_PARK.value: ((2, 1, 4), (3, 2, 6)),
}
PARK_LAG_SOURCE = (
    "推算（仅作参照）：《福建统计年鉴2022》表4-4，2021年施工项目22,601个÷全部投产项目12,185个"
    "≈1.9年（国家统计局“建设周期”口径；福建数据，川渝未见公开值）"
)

# --------------------------------------------------------------------------- taxes
VAT_13 = "财政部 税务总局 海关总署公告2019年第39号 第一条：自2019年4月1日起原适用16%税率的调整为13%"
VAT_9 = "财政部 税务总局 海关总署公告2019年第39号 第一条：自2019年4月1日起原适用10%税率的调整为9%（农产品等）"
VAT_6 = "财税〔2016〕36号（营改增）：现代服务、生活服务等适用6%（本表未重新核对原文）"
# Sector -> (rate %, source). The rate is statutory; which rate a sector's sales mostly bear is
# the workbench's mapping (数字经济 as software and IT services, 文化旅游 as 生活服务).
SECTOR_VAT: dict[str, tuple[float, str]] = {
    "电子信息": (13.0, VAT_13),
    "装备制造": (13.0, VAT_13),
    "汽车": (13.0, VAT_13),
    "食品饮料": (13.0, VAT_13),
    "先进材料": (13.0, VAT_13),
    "能源化工": (13.0, VAT_13),
    "生物医药": (13.0, VAT_13),
    "数字经济": (6.0, VAT_6),
    "现代服务业": (6.0, VAT_6),
    "文化旅游": (6.0, VAT_6),
    "现代农业": (9.0, VAT_9),
}
WESTERN_CIT_SOURCE = (
    "财政部 税务总局 国家发展改革委公告2020年第23号 一、三：2021年1月1日至2030年12月31日，"
    "设在西部地区的鼓励类产业企业减按15%征收企业所得税（鼓励类主营业务收入占收入总额60%以上）"
)
PROVINCES: dict[str, tuple[str, str]] = {
    "510000": ("四川", "Sichuan"),
    "500000": ("重庆", "Chongqing"),
}
_TAX_NAMES = {"vat": ("增值税", "VAT"), "cit": ("企业所得税", "CIT")}


def _taxes() -> list[Assumption]:
    out = [
        param(
            "tax.cit_rate_western",
            15.0,
            PCT,
            "企业所得税税率（西部大开发鼓励类企业）",
            "CIT rate for encouraged industries in the west (西部大开发)",
            "tax",
            15.0,
            15.0,
            WESTERN_CIT_SOURCE,
        ),
        param(
            "tax.cit_western_until",
            2030.0,
            YEARS_UNIT,
            "西部大开发企业所得税优惠截止年份",
            "Last year of the 西部大开发 CIT rate (25% applies after it)",
            "tax",
            2030.0,
            2030.0,
            WESTERN_CIT_SOURCE,
        ),
    ]
    for sector, (rate, source) in SECTOR_VAT.items():
        out.append(
            param(
                f"tax.vat_rate.{sector}",
                rate,
                PCT,
                f"增值税税率：{sector}",
                f"VAT rate: {sector_label(sector, 'en')}",
                "tax",
                rate,
                rate,
                source,
            )
        )
    for code, (zh, en) in PROVINCES.items():
        level_zh = "市级" if code == "500000" else "省级"
        below_zh = "区县" if code == "500000" else "市（州）及县"
        for tax, (tzh, ten) in _TAX_NAMES.items():
            out.append(
                param(
                    f"tax.province_share.{tax}.{code}",
                    30.0,
                    PCT,
                    f"{zh}：地方{tzh}中{level_zh}分享比例（其余归{below_zh}；未找到公开规定）",
                    f"{en}: provincial-level share of the local {ten} (rest to cities/districts; "
                    "rule not found)",
                    "tax",
                    0.0,
                    60.0,
                )
            )
    return out


# --------------------------------------------------------------------------- assembly
def _subject_label(subject: str) -> tuple[str, str]:
    for enum in (Instrument, ParkModel):
        try:
            m = enum(subject)
        except ValueError:
            continue
        return m.zh, m.en
    raise KeyError(subject)


def _subject_prefix(subject: str) -> str:
    return "instrument" if subject in {i.value for i in Instrument} else "park"


def _additionality() -> list[Assumption]:
    out = []
    for subject, comps in _ADDITIONALITY.items():
        szh, sen = _subject_label(subject)
        for comp, (v, lo, hi) in comps.items():
            czh, cen = ADDITIONALITY_COMPONENTS[comp]
            out.append(
                param(
                    f"additionality.{_subject_prefix(subject)}.{subject}.{comp}",
                    float(v),
                    PCT,
                    f"{szh}：{czh}",
                    f"{sen}: {cen}",
                    "additionality",
                    float(lo),
                    float(hi),
                )
            )
    return out


def _timing() -> list[Assumption]:
    out = []
    for subject, ((lag, llo, lhi), (ramp, rlo, rhi)) in _TIMING.items():
        szh, sen = _subject_label(subject)
        prefix = f"timing.{_subject_prefix(subject)}.{subject}"
        park = prefix.startswith("timing.park")
        out.append(
            param(
                f"{prefix}.lag",
                float(lag),
                YEARS_UNIT,
                f"{szh}：投入后开始产出前的年数（时滞）",
                f"{sen}: years from the money to the first output (lag)",
                "timing",
                float(llo),
                float(lhi),
                PARK_LAG_SOURCE if park else "",
            )
        )
        out.append(
            param(
                f"{prefix}.ramp",
                float(ramp),
                YEARS_UNIT,
                f"{szh}：开始产出后达产所需年数（爬坡）",
                f"{sen}: years from first output to full effect (ramp)",
                "timing",
                float(rlo),
                float(rhi),
            )
        )
    out.append(
        param(
            "instrument.equity.write_off_rate",
            5.0,
            PCT_YR,
            "资本注入：被投企业每年失败或核销比例",
            "Equity injection: share of investees failing or written off per year",
            "timing",
            0.0,
            15.0,
        )
    )
    return out


def _park_income() -> list[Assumption]:
    rows = [
        ("land_yield", 2.0, 0.0, 6.0, "土地收益", "land income"),
        ("rent_yield", 4.0, 2.0, 8.0, "租金收入", "rent income"),
        ("service_fee_yield", 1.0, 0.0, 3.0, "服务费收入", "service-fee income"),
    ]
    out = [
        param(
            f"park.{key}",
            v,
            PCT_YR,
            f"园区合资公司{zh}（占累计投资，每年）",
            f"Parks: joint company's {en} per year, % of cumulative investment",
            "park",
            lo,
            hi,
        )
        for key, v, lo, hi, zh, en in rows
    ]
    out.append(
        param(
            "park.jv_cost_ratio",
            40.0,
            PCT,
            "园区合资公司成本费用占收入比例（含利息）",
            "Parks: joint company's operating and interest costs, % of its income",
            "park",
            20.0,
            70.0,
        )
    )
    return out


BASELINE_INDICATORS: dict[str, tuple[str, str, float, float, float]] = {
    # indicator key -> zh, en, fallback growth %/yr (value, low, high)
    "gdp": ("地区生产总值", "GDP", 5.0, 2.0, 8.0),
    "fiscal_revenue": ("一般公共预算收入", "general budget revenue", 4.0, 0.0, 8.0),
    "population": ("常住人口", "resident population", 0.0, -1.5, 1.5),
}


def _baseline() -> list[Assumption]:
    return [
        param(
            f"baseline.growth.{ind}.default",
            v,
            PCT_YR,
            f"基线{zh}年增长率（无两年以上统计时使用）",
            f"Baseline {en} growth per year (used where fewer than 2 years are imported)",
            "baseline",
            lo,
            hi,
        )
        for ind, (zh, en, v, lo, hi) in BASELINE_INDICATORS.items()
    ]


def _multiplier() -> list[Assumption]:
    return [
        param(
            "indirect.output_multiplier",
            1.3,
            TIMES,
            "本地区间接效应（供应商）产出乘数（I型，无投入产出表时使用）",
            "Own-region type-I output multiplier (supplier effects; used without an MRIO table)",
            "spillover",
            1.0,
            2.0,
        )
    ]


# Chain-link kinds (``projections.link_kinds``): multiplier on the stated strength and lag in years,
# each (value, low, high); all assumptions. Innovation links carry knowledge, not purchases.
CHAIN_KIND_DEFAULTS: dict[str, tuple[tuple[float, float, float], tuple[int, int, int]]] = {
    "value": ((0.8, 0.5, 1.0), (0, 0, 1)),
    "supply": ((1.0, 0.8, 1.0), (0, 0, 1)),
    "innovation": ((0.5, 0.2, 1.0), (2, 1, 4)),
}


def _chain_kinds() -> list[Assumption]:
    out = []
    for kind, ((m, mlo, mhi), (lag, llo, lhi)) in CHAIN_KIND_DEFAULTS.items():
        k = ChainKind(kind)
        out.append(
            param(
                f"chain.kind.{kind}.multiplier",
                m,
                TIMES,
                f"{k.zh}链接：计入的强度倍数",
                f"{k.en[:1].upper()}{k.en[1:]} links: multiplier on the stated strength",
                "spillover",
                mlo,
                mhi,
            )
        )
        out.append(
            param(
                f"chain.kind.{kind}.lag",
                float(lag),
                YEARS_UNIT,
                f"{k.zh}链接：来源产出到目标效应的年数（时滞）",
                f"{k.en[:1].upper()}{k.en[1:]} links: years from the source's output to the target's effect (lag)",
                "spillover",
                float(llo),
                float(lhi),
            )
        )
    return out


def net_defaults() -> list[Assumption]:
    """The issue-11 parameters, in display order."""
    return [
        *_additionality(),
        *_timing(),
        *_taxes(),
        *_park_income(),
        *_multiplier(),
        *_chain_kinds(),
        *_baseline(),
    ]

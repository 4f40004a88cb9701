"""Build the bundled sample project (sample_projects/chengyu_15th_fyp_sample.wbp).

    python tools/build_sample_project.py

Real: the gazetteer (codes, membership, adjacency, seats), the statistics in
resources/statistics (each with source and vintage) and the sourced default assumptions.
Illustrative (示例, flagged ``illustrative`` in the file and shown as such in the UI): the candidate
catalogue, chain links, fund contributions, committee rules, park arrangements and allocations.
Deterministic: the same code builds the same file.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from workbench.bundled import RESOURCES, SAMPLE_PROJECT
from workbench.core.enums import (
    ChainKind,
    Coverage,
    GdpRule,
    Instrument,
    Membership,
    ParkModel,
    SettlementMethod,
    Status,
    UnitType,
)
from workbench.core.model import (
    PLAN_YEARS,
    Allocation,
    Candidate,
    ChainLink,
    CommitteeRules,
    Contribution,
    Decision,
    FixedReturn,
    Fund,
    ParkArrangement,
    ParkLocation,
    Project,
    Scenario,
    StatValue,
    Tranche,
)
from workbench.core.new_project import new_project
from workbench.core.sharing.model import Agreement
from workbench.io.project_file import save

SECTORS = [
    "电子信息",
    "装备制造",
    "汽车",
    "食品饮料",
    "先进材料",
    "能源化工",
    "生物医药",
    "数字经济",
    "现代服务业",
    "文化旅游",
    "现代农业",
]

# (region code, unit type, name stem, sector) — illustrative candidates in 28 real districts.
CATALOGUE: list[tuple[str, UnitType, str, str]] = [
    ("510107", UnitType.BUILDING, "武侯 软件服务楼宇", "数字经济"),
    ("510107", UnitType.STREET, "武侯 音乐文创街区", "文化旅游"),
    ("510116", UnitType.PARK, "双流 航空配套小微园", "装备制造"),
    ("510116", UnitType.TEAM, "双流 无人机飞控创业团队", "装备制造"),
    ("510112", UnitType.PARK, "龙泉驿 新能源汽车零部件园", "汽车"),
    ("510112", UnitType.TEAM, "龙泉驿 车载软件团队", "汽车"),
    ("510104", UnitType.STREET, "锦江 夜间消费街区", "现代服务业"),
    ("510105", UnitType.BUILDING, "青羊 工业设计楼宇", "现代服务业"),
    ("510603", UnitType.PARK, "旌阳 清洁能源装备园", "装备制造"),
    ("510603", UnitType.TEAM, "旌阳 氢能电堆研发团队", "能源化工"),
    ("510703", UnitType.BUILDING, "涪城 科技成果转化楼宇", "电子信息"),
    ("510703", UnitType.TEAM, "涪城 传感器创业团队", "电子信息"),
    ("510703", UnitType.PARK, "涪城 智能终端小微园", "电子信息"),
    ("511402", UnitType.PARK, "东坡 泡菜食品产业园", "食品饮料"),
    ("511402", UnitType.STREET, "东坡 三苏文旅街区", "文化旅游"),
    ("512002", UnitType.PARK, "雁江 口腔装备小微园", "生物医药"),
    ("512002", UnitType.TEAM, "雁江 临空物流团队", "现代服务业"),
    ("510903", UnitType.PARK, "船山 锂电材料小微园", "先进材料"),
    ("510903", UnitType.BUILDING, "船山 电商直播楼宇", "数字经济"),
    ("511502", UnitType.PARK, "翠屏 智能终端配套园", "电子信息"),
    ("511502", UnitType.TEAM, "翠屏 动力电池回收团队", "先进材料"),
    ("511502", UnitType.STREET, "翠屏 酒文化街区", "食品饮料"),
    ("510504", UnitType.PARK, "龙马潭 白酒包材园", "食品饮料"),
    ("510504", UnitType.BUILDING, "龙马潭 港航服务楼宇", "现代服务业"),
    ("511302", UnitType.PARK, "顺庆 丝纺服装小微园", "现代服务业"),
    ("511302", UnitType.TEAM, "顺庆 汽车电子团队", "汽车"),
    ("510302", UnitType.STREET, "自流井 灯会文旅街区", "文化旅游"),
    ("510302", UnitType.PARK, "自流井 新材料小微园", "先进材料"),
    ("511102", UnitType.PARK, "乐山市中 晶硅光伏配套园", "先进材料"),
    ("511002", UnitType.BUILDING, "内江市中 数字服务楼宇", "数字经济"),
    ("511602", UnitType.PARK, "广安区 精细化工小微园", "能源化工"),
    ("511702", UnitType.TEAM, "通川 天然气化工团队", "能源化工"),
    ("511802", UnitType.STREET, "雨城 茶文旅街区", "文化旅游"),
    ("500112", UnitType.BUILDING, "渝北 仙桃数据谷楼宇", "数字经济"),
    ("500112", UnitType.PARK, "渝北 智能网联汽车配套园", "汽车"),
    ("500112", UnitType.TEAM, "渝北 车规芯片设计团队", "电子信息"),
    ("500107", UnitType.PARK, "九龙坡 铝材深加工园", "先进材料"),
    ("500107", UnitType.STREET, "九龙坡 美术公园街区", "文化旅游"),
    ("500106", UnitType.BUILDING, "沙坪坝 高校科创楼宇", "电子信息"),
    ("500106", UnitType.TEAM, "沙坪坝 工业软件团队", "数字经济"),
    ("500105", UnitType.BUILDING, "江北 金融科技楼宇", "现代服务业"),
    ("500105", UnitType.STREET, "江北 观音桥数字消费街区", "现代服务业"),
    ("500103", UnitType.BUILDING, "渝中 总部服务楼宇", "现代服务业"),
    ("500103", UnitType.STREET, "渝中 山城巷文旅街区", "文化旅游"),
    ("500108", UnitType.TEAM, "南岸 生物医药研发团队", "生物医药"),
    ("500109", UnitType.PARK, "北碚 仪器仪表小微园", "装备制造"),
    ("500118", UnitType.PARK, "永川 数控机床配套园", "装备制造"),
    ("500118", UnitType.TEAM, "永川 自动驾驶测试团队", "汽车"),
    ("500102", UnitType.PARK, "涪陵 榨菜食品园", "食品饮料"),
    ("500120", UnitType.TEAM, "璧山 新能源电池团队", "汽车"),
    ("500117", UnitType.PARK, "合川 节能环保小微园", "装备制造"),
    ("500101", UnitType.STREET, "万州 三峡文旅街区", "文化旅游"),
    ("500101", UnitType.PARK, "万州 绿色食品小微园", "食品饮料"),
    ("500153", UnitType.PARK, "荣昌 兽药与生物制品园", "生物医药"),
    ("500153", UnitType.TEAM, "荣昌 生猪数字养殖团队", "现代农业"),
    ("500116", UnitType.PARK, "江津 粮油食品小微园", "食品饮料"),
    ("500111", UnitType.TEAM, "大足 五金智造团队", "装备制造"),
    ("500152", UnitType.PARK, "潼南 柠檬深加工园", "现代农业"),
    ("500151", UnitType.BUILDING, "铜梁 龙灯文创楼宇", "文化旅游"),
    ("500113", UnitType.TEAM, "巴南 生物医药中试团队", "生物医药"),
]

# Illustrative contributions (亿元). Not any government's commitment.
CONTRIB_MAJOR = {
    "510100": 40.0,
    "510600": 6.0,
    "510700": 6.0,
    "511500": 6.0,
    "510500": 6.0,
    "511300": 6.0,
}
CONTRIB_SC_OTHER = 3.0
CONTRIB_CQ_CENTRAL = 5.0
CONTRIB_CQ_OTHER = 2.9

# Illustrative tranche schedule (亿元), ramping up as the pipeline fills; sums to the fund size.
TRANCHES = (20.0, 45.0, 35.0, 50.0, 50.0)  # 2027 covers the 2 % fee besides 双核加力's money

ILLUSTRATIVE = "示例（illustrative）：本项目的候选单元、链接、基金出资、委员会规则、园区安排与分配方案均为虚构示例；地区代码、成员范围、相邻关系与统计数据为真实资料（见各数值来源）。"


def statistics_by_code() -> dict[str, list[StatValue]]:
    out: dict[str, list[StatValue]] = {}
    with (RESOURCES / "statistics" / "region_statistics.csv").open(
        encoding="utf-8", newline=""
    ) as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["code"], []).append(
                StatValue(
                    r["indicator"],
                    int(r["year"]),
                    float(r["value"]),
                    r["unit"],
                    f"{r['source']}（可信度 {r['trust']}）",
                    r["vintage"],
                )
            )
    return out


def build() -> Project:
    rng = random.Random(2026)
    # What every new project starts with (gazetteer, adjacency, criteria, assumptions), then the
    # sample's real statistics and illustrative content on top.
    project = new_project("成渝地区双城经济圈 十五五 微核规划（示例草案）")
    project.description = (
        "基于真实区划、成员范围与公开统计数据的十五五微核规划示例草案，用于演示与培训。"
    )
    project.sectors = SECTORS
    project.illustrative_note = ILLUSTRATIVE
    regions = project.regions
    stats = statistics_by_code()
    for r in regions:
        r.statistics = stats.get(r.code, [])
    size_by_type = {
        UnitType.PARK: ((5, 40), (60, 120), (1.0, 5.0)),
        UnitType.STREET: ((1, 8), (200, 400), (0.3, 1.5)),
        UnitType.BUILDING: ((2, 15), (100, 200), (0.5, 2.0)),
        UnitType.TEAM: ((0.05, 0.8), (40, 120), (0.05, 0.3)),
    }
    for i, (code, utype, stem, sector) in enumerate(CATALOGUE, start=1):
        (olo, ohi), (jlo, jhi), (rlo, rhi) = size_by_type[utype]
        output = round(rng.uniform(olo, ohi), 2)
        jobs = (
            float(round(output * rng.uniform(jlo, jhi)))
            if utype is not UnitType.TEAM
            else float(rng.randint(8, 60))
        )
        project.candidates.append(
            Candidate(
                id=f"MC-{i:04d}",
                name=f"示例·{stem.replace(' ', '')}",
                unit_type=utype,
                region_code=code,
                sector=sector,
                baseline_output=output,
                baseline_jobs=jobs,
                baseline_tax=round(output * rng.uniform(0.05, 0.1), 3),
                requested_funding=round(rng.uniform(rlo, rhi), 2),
                criteria={c.key: float(rng.randint(45, 95)) for c in project.criteria},
                notes="示例数据（虚构），用于演示。",
                illustrative=True,
            )
        )
    # Committee decisions, with their record.
    for c in project.candidates:
        score = sum(c.criteria.values()) / len(c.criteria)
        if score >= 76:
            steps = [
                (Status.SHORTLISTED, "2026-03-18", "初审通过：评分较高"),
                (Status.APPROVED, "2026-05-20", "投委会第2次会议审议通过"),
            ]
        elif score >= 66:
            steps = [(Status.SHORTLISTED, "2026-03-18", "初审通过，待尽调")]
        elif score < 58:
            steps = [(Status.REJECTED, "2026-03-18", "评分偏低，与区域产业方向匹配度不足")]
        else:
            steps = []
        for status, day, reason in steps:
            c.decisions.append(Decision(day, status, reason, "投资决策委员会（示例）"))
            c.status = status
    # Chain links within sectors and along a few cross-sector chains.
    by_sector: dict[str, list[Candidate]] = {}
    for c in project.candidates:
        by_sector.setdefault(c.sector, []).append(c)
    n = 0
    for members in by_sector.values():
        for a, b in itertools.pairwise(members):
            n += 1
            kind = (
                ChainKind.SUPPLY
                if a.unit_type is UnitType.PARK or b.unit_type is UnitType.PARK
                else ChainKind.VALUE
            )
            project.links.append(
                ChainLink(f"L-{n:03d}", a.id, b.id, kind, round(rng.uniform(0.05, 0.25), 2))
            )
    teams = [c for c in project.candidates if c.unit_type is UnitType.TEAM]
    parks = [c for c in project.candidates if c.unit_type is UnitType.PARK]
    for t in teams:
        p = rng.choice(parks)
        n += 1
        project.links.append(
            ChainLink(
                f"L-{n:03d}", t.id, p.id, ChainKind.INNOVATION, round(rng.uniform(0.05, 0.2), 2)
            )
        )
    # Fund: every member planning unit contributes.
    contributions = []
    for r in regions:
        if r.cce is Membership.NO:
            continue
        if r.code.startswith("51") and r.level.value == "prefecture":
            amt = CONTRIB_MAJOR.get(r.code, CONTRIB_SC_OTHER)
        elif r.code.startswith("50") and r.level.value == "county":
            amt = CONTRIB_CQ_CENTRAL if r.cq_grouping.endswith("中心城区") else CONTRIB_CQ_OTHER
        else:
            continue
        contributions.append(Contribution(r.code, amt))
    size = round(sum(c.amount for c in contributions), 6)
    project.fund = Fund(
        name="成渝微核股权基金（示例）",
        size=size,
        contributions=contributions,
        rules=CommitteeRules(
            max_project_share=5.0,
            max_investee_equity=30.0,
            type_limits={UnitType.TEAM.value: 15.0, UnitType.STREET.value: 25.0},
            default_city_limit=25.0,
            min_return_share=None,  # see docs: enable per fund agreement
            tranche_gate=60.0,
            tranches=[Tranche(y, amt) for y, amt in zip(PLAN_YEARS, TRANCHES, strict=True)],
        ),
        management_fee_pct=2.0,
        leverage=1.5,
    )
    project.parks = [
        ParkArrangement(
            id="P-01",
            name="示例·成都—资阳飞地产业园",
            model=ParkModel.ENCLAVE,
            host="512002",
            partners=["510100"],
            area_km2=12.0,
            sector="装备制造",
            investment={2026: 6.0, 2027: 10.0, 2028: 8.0, 2029: 5.0, 2030: 3.0},
            equity={"510100": 51.0, "512002": 49.0},
            fixed_return=FixedReturn(rate_pct=6.0, years=3),
            notes="示例：飞出地成都负责开发运营，飞入地资阳提供土地；前三年固定回报，之后按股比分红。",
            illustrative=True,
        ),
        ParkArrangement(
            id="P-02",
            name="示例·川渝高竹新区共建园（参数为示例）",
            model=ParkModel.CO_BUILT,
            host="511623",
            partners=["500112"],
            area_km2=20.0,
            sector="汽车",
            investment={2026: 12.0, 2027: 15.0, 2028: 12.0, 2029: 8.0, 2030: 6.0},
            equity={"511623": 50.0, "500112": 50.0},
            locations=[ParkLocation("511623", 60.0), ParkLocation("500112", 40.0)],
            notes="示例：园区横跨邻水与渝北（用地占比 60/40 为示例）；存量收入归属地，新增收入五五分成；"
            "GDP 双方全额计入（不可加总）。",
            illustrative=True,
        ),
    ]
    project.agreements = [
        Agreement(
            id="AG-P-01",
            name="示例·成都—资阳飞地产业园利益分享",
            coverage=Coverage.PARK,
            parties=["512002", "510100"],
            park_id="P-01",
            gdp_rule=GdpRule.SPLIT,
            gdp_split={"512002": 40.0, "510100": 60.0},
            existing_tax_base=0.4,
            tax_split={
                2026: {"510100": 60.0, "512002": 40.0},
                2027: {"510100": 60.0, "512002": 40.0},
                2028: {"510100": 60.0, "512002": 40.0},
                2029: {"510100": 50.0, "512002": 50.0},
                2030: {"510100": 50.0, "512002": 50.0},
            },
            illustrative=True,
        ),
        Agreement(
            id="AG-P-02",
            name="示例·川渝高竹新区共建园利益分享",
            coverage=Coverage.PARK,
            parties=["511623", "500112"],
            park_id="P-02",
            gdp_rule=GdpRule.FULL_BOTH,
            existing_tax_base=3.0,
            tax_split={y: {"511623": 50.0, "500112": 50.0} for y in (2026, 2027, 2028, 2029, 2030)},
            settlement=SettlementMethod.TRANSFER,
            notes="示例：「存量收益由原行政辖区各自分享、增量收益五五分成」（《瞭望》2022-01-18 报道的"
            "高竹新区方案）；GDP 双方全额计入，只用于考核，不计入经济圈合计。",
            illustrative=True,
        ),
    ]
    cap = size * project.fund.rules.max_project_share / 100
    instrument_of = {
        UnitType.PARK: Instrument.EQUITY,
        UnitType.BUILDING: Instrument.EQUITY,
        UnitType.STREET: Instrument.TECHNOLOGY,
        UnitType.TEAM: Instrument.TALENT,
    }
    base, core = [], []
    cores = {"510100"} | {r.code for r in regions if r.cq_grouping.endswith("中心城区")}
    units = project.planning_units()
    for c in project.candidates:
        if c.status not in (Status.APPROVED, Status.SHORTLISTED):
            continue
        amount = min(c.requested_funding, cap)
        years = (2026, 2027) if c.status is Status.APPROVED else (2027, 2028)
        for y in years:
            base.append(
                Allocation(c.id, y, round(amount / len(years), 4), instrument_of[c.unit_type])
            )
        boost = 1.6 if units[c.region_code] in cores else 0.8
        a2 = min(amount * boost, cap)
        # A core unit asked for the larger amount the tilted scenario gives it (validation warns
        # when a unit gets more than it requested); the baseline funds part of that request.
        c.requested_funding = max(c.requested_funding, round(a2, 4))
        for y in years:
            core.append(Allocation(c.id, y, round(a2 / len(years), 4), instrument_of[c.unit_type]))
    project.scenarios = [
        Scenario(
            "基准方案",
            "示例：入围与批准单元按申请额度分年投放，含两个共建园区。",
            base,
            ["P-01", "P-02"],
        ),
        Scenario(
            "双核加力",
            "示例：向成都与重庆中心城区单元倾斜，仅含川渝高竹新区共建园；假设双核配套更成熟，"
            "资本注入时滞 0.5 年（基准 1 年），区域外溢比例 12%（基准 10%）——均为示例假设。",
            core,
            ["P-02"],
            {"timing.instrument.equity.lag": 0.5, "network.spillover_share": 12.0},
        ),
    ]
    return project


if __name__ == "__main__":
    p = build()
    SAMPLE_PROJECT.parent.mkdir(parents=True, exist_ok=True)
    save(p, SAMPLE_PROJECT, backup=False)
    from workbench.core.validation import validate

    probs = validate(p)
    print(
        f"wrote {SAMPLE_PROJECT}: {len(p.candidates)} candidates, {len(p.links)} links, fund {p.fund.size} 亿元, "
        f"{len(probs)} problems"
    )
    for pr in probs:
        print(" ", pr.severity.value, pr.zh)

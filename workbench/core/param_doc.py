"""docs/parameters.md, rendered from the shipped parameter table so the two cannot drift apart.

``tools/build_parameter_docs.py`` writes the file; a test fails when the file and this rendering
differ. The prose that explains the groups lives here, beside the table it explains.
"""

from __future__ import annotations

from workbench.core.assumptions import default_assumptions
from workbench.core.model import Assumption

GROUPS: tuple[tuple[str, str, str], ...] = (
    (
        "tax",
        "税收 Tax",
        "法定税率与中央—地方分享比例有出处，固定不变（`fixed`）；各产业增值税税率为法定"
        "税率，但某产业主要适用哪一档是本工作台的对应（数字经济按软件和信息技术服务 6%，文化旅游按生活服务 6%，"
        "现代农业按农产品 9%）。四川、重庆省（市）与市县（区县）之间如何分享地方部分，**未找到公开规定**，"
        "`tax.province_share.*` 是假设，范围 0–60%。",
    ),
    ("instrument", "投资工具 Instruments", "每亿元投资的年产出、撬动比例：均为假设。"),
    (
        "timing",
        "时滞与爬坡 Timing",
        "投入后 `lag` 年开始产出，再经 `ramp` 年线性达到全效；每年取该年平均（"
        "`core/net_effects.ramp_profile`），整数时滞下 t + lag 年之前产出为零。园区时滞参照福建2021年“建设周期”"
        "推算值1.9年（非川渝）；其余为假设。被投企业年失败/核销比例：未找到中国数据（美国经验值不适用），假设。",
    ),
    (
        "additionality",
        "额外性 Additionality",
        "按 English Partnerships / HCA《Additionality Guide》"
        "（第3版2008，第4版2014）的毛—净步骤：先减漏出（流出经济圈），再减替代（圈内转移），再减挤出社会资本"
        "（代替原方法的 substitution，国办发〔2025〕1号要求避免挤出），最后减无谓效应（参照情形），"
        "净效应 = 毛效应 × Π(1 − 比例)（`core/net_effects.additionality_steps`）。该指南的 none/low/medium/high "
        "速查比例在可读副本中**未找到**，故全部默认值为假设，范围有意放宽。",
    ),
    (
        "spillover",
        "外溢与间接效应 Spillover",
        "I 型产出乘数（本地区供应商效应，无投入产出表时使用）："
        "未找到川渝或全国的公开值，假设 1.3（1.0–2.0）；导入国家统计局投入产出表后应以列和计算。",
    ),
    (
        "park",
        "园区 Parks",
        "合资公司收入按土地、租金、服务费占累计投资的年收益率计，而非入驻企业增加值；"
        "均为假设。固定回报参照：浙江山海协作飞地每年10%（新华社等报道），存于园区设置而非本表。",
    ),
    (
        "sharing",
        "利益分享 Benefit sharing",
        "招商引资项目异地流转没有可引用的通行分成比例（高竹/遂潼方案「存量各自分享、增量五五分成」针对共建园区），"
        "故没有自己协议的异地流转项目按假设的默认协议：迁出地在前若干年分享新增地方税收的一部分，到期后全部归属地；"
        "GDP 按在地原则（桂统函〔2025〕29号引述国家统计制度）。见 docs/sharing.md。",
    ),
    (
        "fund_returns",
        "基金回报 Fund returns",
        "股权投资的持有期分红、退出年限与退出倍数（按单元类型）均为假设：未找到中国政府投资基金的退出统计；"
        "清科 PEII 2023Q4 的 3.44 倍仅为 IPO 退出的账面回报，不能作为全部项目（含失败）的期望值。"
        "技术支持、人才培训为无偿投入，不产生回报。",
    ),
    (
        "sector",
        "产业系数 Sectors",
        "增加值率：能与国家统计局2007年17部门投入产出表清楚对应的产业引用其推算值"
        "（1 − 中间投入合计），其余为假设，范围覆盖可能对应的各部门；就业系数均为假设（±50%）。",
    ),
    (
        "baseline",
        "基线 Baseline",
        "基线 = 最后导入年份数值 × (1 + g)^(年份 − 该年)。g 依次取：规划人员为该单元"
        "设定的 `baseline.growth.<指标>.<单元代码>`；该单元导入历史（≥2年）的年均复合增长率；下表的默认值（假设）。"
        "没有统计数据的单元不给基线并说明原因（`core/baseline.py`）。",
    ),
)

HEADER = """# 模型参数 Model parameters

本页由 `tools/build_parameter_docs.py` 依据 `workbench/core/assumptions.py` 与
`assumptions_net.py` 生成，`tests/core/test_param_table.py` 检查两者一致；请改表后重新生成，勿手改。
This page is generated from the shipped parameter table; a test fails when they disagree.

- **来源**：有出处者注明文件与年份（依据 `shared/data/model_sources.md` 的核实结果）；为空者为
  **假设**（团队估计），界面与 `workbench params` 标注“假设”，范围有意放宽。
- **范围与分布**：每个参数有 低/高（`low`/`high`）与分布：`triangular` 三角分布（众数 = 取值）、
  `uniform` 均匀分布、`fixed` 固定（法定税率等）。取值超出范围允许，但 `--set` 会提示；
  非有限数、百分比超出 0–100 被拒绝。旧项目文件没有范围时，用本表同键的范围。
- **键的约定**：`<组>.<对象>.<项目>`；逐产业的键以产业名结尾（无自己条目的产业用 `.default`
  或 `tax.vat_rate`）；逐省的键以省级代码结尾（510000 四川、500000 重庆）；逐规划单元的基线增长率
  `baseline.growth.<gdp|fiscal_revenue|population>.<单元代码>` 可按需添加。
- **临时修改**：`workbench params|projections|export PROJECT --set KEY=VALUE`（可重复，不改文件）。
- 基金管理费是基金设置（`fund.management_fee_pct`，%/年），不在本表。
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(a: Assumption) -> str:
    source = _cell(a.source) if a.source.strip() else "**假设**"
    rng = f"{a.low:g} – {a.high:g}"
    return (
        f"| `{a.key}` | {_cell(a.label_zh)}<br>{_cell(a.label_en)} | {a.value:g} | {a.unit} | "
        f"{rng} | {a.distribution.value} | {source} |"
    )


def render_markdown() -> str:
    params = list(default_assumptions().values())
    parts = [HEADER]
    known = {g for g, _, _ in GROUPS}
    for group, title, prose in GROUPS:
        rows = [a for a in params if a.group == group]
        parts.append(f"\n## {title}\n\n{prose}\n")
        parts.append("| 键 key | 名称 label | 默认 | 单位 | 范围 | 分布 | 来源 source |")
        parts.append("|---|---|---|---|---|---|---|")
        parts.extend(_row(a) for a in rows)
    orphans = [a.key for a in params if a.group not in known]
    if orphans:
        raise ValueError(f"parameters in no documented group: {orphans}")
    return "\n".join(parts) + "\n"

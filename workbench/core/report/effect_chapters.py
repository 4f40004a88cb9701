"""Chapters 五 and 六, the annex tables and the notes: what the engine projects, and on what.

Numbers are the engine's own blocks (``ProjectionEngine.block``): the by-location basis, which
counts every activity once, so each table's 合计 row is the sum of its rows and equals the sum of
the same rows of ``workbench projections`` output. Gross = net total less the additionality
component (``Block.as_gross``), as everywhere else in the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from workbench.core.model import Project, Scenario
from workbench.core.param_table import ParameterRow, parameter_rows
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.views import summable_total
from workbench.core.report.fmt import Fmt
from workbench.core.report.model import FigureSlot, FigureSpec, Paragraph, Section, Table

if TYPE_CHECKING:
    from workbench.core.projections import ProjectionEngine
    from workbench.core.projections.table import Block

TOP_ROWS = 12  # cities listed in the chapter's tables; the annex lists every unit
MAIN_ASSUMPTIONS = 10  # parameters named in chapter 六 (widest ranges relative to the value)
SHARE_DIGITS = 3  # an uplift is a small share of a unit's GDP: 0.024 %, not 0.02 %


def _digits(unit: str) -> int:
    return SHARE_DIGITS if unit == voc.PERCENT else 2


def city_year_table(
    block: Block, f: Fmt, title: str, top: int | None = None, gross: bool = False
) -> Table:
    """Planning unit × year of a block's total (net, or gross), with a 合计 row of all units."""
    values = (block.as_gross() if gross else block).total()
    unit = block.unit
    order = np.argsort(-values[:, -1], kind="stable")
    rows = [
        [block.names[i], *(f.number(v, unit) for v in values[i])]
        for i in (order if top is None else order[:top])
    ]
    note = ""
    if top is not None and len(order) > top:
        rest = values[order[top:]].sum(axis=0)
        rows.append(
            [
                f.pick(f"其他 {len(order) - top} 个市/区县", f"{len(order) - top} others"),
                *(f.number(v, unit) for v in rest),
            ]
        )
        note = f.pick("完整分城市数据见附表。", "Every unit is listed in the annex.")
    return Table(
        title,
        [f.pick("城市（区县）", "City / district"), *(str(y) for y in block.years)],
        rows,
        unit,
        total=[f.total, *(f.number(v, unit) for v in values.sum(axis=0))],
        note=note,
    )


def headline(project: Project, sc: Scenario, engine: ProjectionEngine, f: Fmt) -> str:
    """The scenario in one sentence of the engine's numbers (used in 一 and 五)."""
    gdp = engine.block(sc.name, "location", "gdp")
    last = gdp.years[-1]
    net = float(gdp.total()[:, -1].sum())
    gross = float(gdp.as_gross().total()[:, -1].sum())
    tax = float(engine.block(sc.name, "fiscal", "tax").total()[:, -1].sum())
    jobs = float(engine.block(sc.name, "location", "jobs").total()[:, -1].sum())
    share = float(summable_total(engine.block(sc.name, "baseline", "gdp_pct_baseline"))[-1])
    return f.pick(
        f"按属地口径测算，到 {last} 年本方案带动 GDP 增加 {f.value(net)}（净效益；毛效益 "
        f"{f.value(gross)}），占有统计数据地区基线 GDP 的 {f.value(share, voc.PERCENT, SHARE_DIGITS)}；"
        f"地方（市县）税收增加 {f.value(tax)}，就业增加 {f.value(jobs, voc.PEOPLE)}。",
        f"By location, in {last} the scenario adds {f.value(net)} of GDP (net; gross "
        f"{f.value(gross)}), {f.value(share, voc.PERCENT, SHARE_DIGITS)} of the baseline GDP of the units with "
        f"statistics; local (city/district) tax revenue rises by {f.value(tax)} and jobs by "
        f"{f.value(jobs, voc.PEOPLE)}.",
    )


def _circle_table(sc: Scenario, engine: ProjectionEngine, f: Fmt) -> Table:
    gdp = engine.block(sc.name, "location", "gdp")
    tax = engine.block(sc.name, "fiscal", "tax")
    jobs = engine.block(sc.name, "location", "jobs")
    share = summable_total(engine.block(sc.name, "baseline", "gdp_pct_baseline"))
    cols = [
        (f.pick("GDP 毛效益", "GDP, gross"), gdp.as_gross().total().sum(axis=0), voc.MONEY),
        (f.pick("GDP 净效益", "GDP, net"), gdp.total().sum(axis=0), voc.MONEY),
        (f.pick("占基线 GDP", "% of baseline GDP"), share, voc.PERCENT),
        (f.pick("地方税收", "Local tax"), tax.total().sum(axis=0), voc.MONEY),
        (f.pick("就业", "Jobs"), jobs.total().sum(axis=0), voc.PEOPLE),
    ]
    return Table(
        f.pick("经济圈合计：毛效益与净效益", "The circle: gross and net uplift"),
        [f.pick("年份", "Year"), *(f.header(name, unit) for name, _v, unit in cols)],
        [
            [str(y), *(f.number(v[j], unit, _digits(unit)) for _n, v, unit in cols)]
            for j, y in enumerate(gdp.years)
        ],
        "",  # mixed units: each header says its own
        note=f.pick(
            "属地口径；净效益 = 毛效益 − 额外性扣减（无谓、替代、漏出、挤出）。",
            "By location; net = gross − additionality (deadweight, displacement, leakage, "
            "crowding out).",
        ),
    )


def _share_table(sc: Scenario, engine: ProjectionEngine, f: Fmt) -> Table:
    block = engine.block(sc.name, "baseline", "gdp_pct_baseline")
    values = block.total()[:, -1]
    gdp = engine.block(sc.name, "location", "gdp").total()[:, -1]
    order = [i for i in np.argsort(-np.nan_to_num(values, nan=-1.0), kind="stable")]
    rows = [
        [block.names[i], f.number(gdp[i]), f.number(values[i], voc.PERCENT, SHARE_DIGITS)]
        for i in order[:TOP_ROWS]
    ]
    return Table(
        f.pick(
            f"GDP 增量占基线比重（{block.years[-1]} 年，前 {TOP_ROWS} 位）",
            f"GDP uplift as % of baseline ({block.years[-1]}, top {TOP_ROWS})",
        ),
        [
            f.pick("城市（区县）", "City / district"),
            f.header(f.pick("GDP 净增量", "Net GDP uplift"), voc.MONEY),
            f.header(f.pick("占基线 GDP", "% of baseline GDP"), voc.PERCENT),
        ],
        rows,
        "",  # mixed units: each header says its own
        note=f.pick("无基线统计的地区记为“—”。", "— : no baseline statistics for the unit."),
    )


def figure_specs(f: Fmt) -> list[FigureSpec]:
    """The app's own charts the draft shows (drawn by ``workbench.ui.figures``)."""
    gdp = voc.METRIC["gdp"]
    tax = voc.METRIC["tax"]
    return [
        FigureSpec(
            "uplift_city",
            "effects",
            f.pick("GDP 净增量（按城市，属地口径）", "Net GDP uplift by city (by location)"),
            voc.MONEY,
        ),
        FigureSpec(
            "uplift_component",
            "effects",
            f.pick("GDP 净增量构成（属地口径）", "Net GDP uplift by component (by location)"),
            voc.MONEY,
            by="component",
        ),
        FigureSpec(
            "uplift_gross",
            "effects",
            f.pick("GDP 毛效益构成（属地口径）", "Gross GDP uplift by component (by location)"),
            voc.MONEY,
            by="component",
            gross=True,
        ),
        FigureSpec(
            "tax_city",
            "effects",
            f.pick(f"{tax.uplift_zh}（按城市，财政口径）", f"{tax.uplift_en} by city (fiscal)"),
            voc.MONEY,
            metric="tax",
            basis="fiscal",
        ),
        FigureSpec(
            "map",
            "effects",
            f.pick(
                "GDP 净增量分布图（规划期合计，属地口径）",
                "Map of net GDP uplift (plan-period sum, by location)",
            ),
            voc.MONEY,
            by="region",
        ),
        FigureSpec(
            "fund",
            "fund",
            f.pick(
                "各出资方：出资、投资与 GDP 效益",
                "Each party: contributed, invested and GDP benefit",
            ),
            voc.MONEY,
            metric=gdp.key,
        ),
    ]


def effects(
    project: Project, sc: Scenario, engine: ProjectionEngine, f: Fmt, ranges: str | None
) -> Section:
    """五、预期成效: net and gross uplift by city and year, % of baseline, charts."""
    s = Section("effects", f.pick("五、预期成效", "5. Expected effects"))
    s.add(Paragraph(headline(project, sc, engine, f)))
    s.add(
        Paragraph(
            ranges
            or f.pick(
                "区间：本稿为单点测算，尚未进行不确定性分析，未给出 P10–P90 区间。",
                "Ranges: this draft is a point estimate; no uncertainty analysis has been run, "
                "so no P10–P90 ranges are given.",
            ),
            "note",
        )
    )
    s.add(_circle_table(sc, engine, f))
    gdp = engine.block(sc.name, "location", "gdp")
    s.add(
        city_year_table(gdp, f, f.pick("GDP 净增量（按城市）", "Net GDP uplift by city"), TOP_ROWS)
    )
    s.add(
        city_year_table(
            gdp, f, f.pick("GDP 毛效益（按城市）", "Gross GDP uplift by city"), TOP_ROWS, gross=True
        )
    )
    s.add(_share_table(sc, engine, f))
    s.add(FigureSlot("effects"))
    for zh, en in engine.notes(sc.name):
        s.add(Paragraph(f.pick(zh, en), "note"))
    return s


def _relative_width(r: ParameterRow) -> float:
    scale = abs(r.value) or max(abs(r.low), abs(r.high), 1.0)
    return (r.high - r.low) / scale


def _param_cells(r: ParameterRow, f: Fmt) -> list[str]:
    label = r.label_zh if f.lang == "zh" or not r.label_en else r.label_en
    unit = f" {r.unit}" if r.unit and r.unit != "%" else r.unit
    return [
        label,
        f"{f.number(r.value, '', 4).rstrip('0').rstrip('.')}{unit}",
        f"{f.number(r.low, '', 4).rstrip('0').rstrip('.')}–{f.number(r.high, '', 4).rstrip('0').rstrip('.')}{unit}",
        r.source.strip() or f.pick("假设", "Assumption"),
    ]


def _param_table(rows: list[ParameterRow], f: Fmt, title: str) -> Table:
    return Table(
        title,
        [
            f.pick("参数", "Parameter"),
            f.pick("取值", "Value"),
            f.pick("区间", "Range"),
            f.pick("来源", "Source"),
        ],
        [_param_cells(r, f) for r in rows],
    )


def risks(project: Project, sc: Scenario, f: Fmt, problems: tuple[int, int]) -> Section:
    """六、风险与不确定性: the main assumptions with sources; room for the tornado."""
    s = Section("risks", f.pick("六、风险与不确定性", "6. Risks and uncertainty"))
    rows = parameter_rows(project, sc)
    main = sorted((r for r in rows if r.high > r.low), key=_relative_width, reverse=True)
    errors, warnings = problems
    s.add(
        Paragraph(
            f.pick(
                f"测算结果取决于以下取值区间最宽的 {min(len(main), MAIN_ASSUMPTIONS)} 个参数；"
                f"全部 {len(rows)} 个参数及来源见附注。未注明来源者为规划团队假设。",
                f"The results depend most on the {min(len(main), MAIN_ASSUMPTIONS)} parameters "
                f"with the widest ranges below; all {len(rows)} parameters and their sources are in "
                f"the notes. Those without a source are the team's assumptions.",
            )
        )
    )
    s.add(_param_table(main[:MAIN_ASSUMPTIONS], f, f.pick("主要假设", "Main assumptions")))
    s.add(
        Paragraph(
            f.pick(
                f"方案校验：{errors} 个错误、{warnings} 个警告（见“问题”面板）。",
                f"Checks: {errors} errors and {warnings} warnings (see the Problems panel).",
            )
        )
    )
    if project.illustrative_note.strip():
        s.add(Paragraph(project.illustrative_note.strip(), "note"))
    s.add(FigureSlot("risks"))
    return s


def annex(
    project: Project, sc: Scenario, engine: ProjectionEngine, f: Fmt, units: Table
) -> Section:
    """附表: every unit's money and every unit's projected uplift."""
    s = Section("annex", f.pick("附表", "Annex tables"))
    s.add(units)
    for basis, metric, gross in (
        ("location", "gdp", False),
        ("location", "gdp", True),
        ("fiscal", "tax", False),
        ("location", "jobs", False),
    ):
        block = engine.block(sc.name, basis, metric)
        m = voc.METRIC[metric]
        kind = f.pick("毛效益" if gross else "净效益", "gross" if gross else "net")
        title = f.pick(
            f"{m.uplift_zh}（{kind}，{voc.BASIS[basis].zh}，全部地区）",
            f"{m.uplift_en} ({kind}, {voc.BASIS[basis].en.lower()}, every unit)",
        )
        s.add(city_year_table(block, f, title, gross=gross))
    return s


def notes(project: Project, sc: Scenario, f: Fmt) -> Section:
    """附注: every parameter with its source or 假设; units (the writer adds each figure's)."""
    s = Section("notes", f.pick("附注", "Notes"))
    s.add(
        Paragraph(
            f.pick(
                "单位：金额为亿元（人民币），就业为万人，比重为 %；年份为日历年；"
                "除注明外为属地口径、净效益。数字保留两位小数，合计先加总后取整。",
                "Units: money in 100M yuan (RMB), jobs in 10k persons, shares in %; calendar "
                "years; by location and net unless stated. Two decimals; totals are added before "
                "rounding.",
            )
        )
    )
    s.add(
        _param_table(
            parameter_rows(project, sc),
            f,
            f.pick("全部参数及来源", "Every parameter and its source"),
        )
    )
    return s

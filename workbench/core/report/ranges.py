"""P10–P90 ranges and the tornado in the plan draft (chapters 五 and 六).

A planner should be able to write "between X and Y, most likely Z" rather than one number: when
draws are asked for, ``draft`` runs ``core.uncertainty`` once (one batched model gives both the
circle's band and every city's band, so the headline and the table come from the same draws) and
the one-at-a-time tornado, and writes their numbers into the draft unchanged. Without draws the
draft is the plain ``build_report`` and says it is a point estimate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.core.projections import vocabulary as voc
from workbench.core.report.fmt import Fmt
from workbench.core.report.model import FigureSpec, Paragraph, Report, Table

if TYPE_CHECKING:
    import pandas as pd

    from workbench.core.model import Project
    from workbench.core.projections import ProjectionEngine
    from workbench.core.uncertainty import Band

YEAR = 2030  # the plan's last year: the year a plan's targets are stated for
TOP_CITIES = 12
TOP_PARAMETERS = 10


@dataclass(frozen=True)
class Ranges:
    """What the draft says about uncertainty, as the uncertainty package computed it."""

    circle: Band  # net GDP of the circle (by location), per year
    bands: pd.DataFrame  # ``run_draws`` rows of the scenario
    tornado: pd.DataFrame  # ``tornado`` of net GDP in YEAR, circle total
    draws: int
    seed: int


def compute(
    project: Project,
    scenario: str,
    *,
    draws: int,
    seed: int,
    progress: Callable | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Ranges:
    from workbench.core.uncertainty import circle_band, draw_model, tornado
    from workbench.core.uncertainty.bands import band_table

    with np.errstate(all="ignore"):
        model = draw_model(
            project, scenario, draws=draws, seed=seed, progress=progress, cancel=cancel
        )
        bands = band_table(model)
        circle = circle_band(model, "location", "gdp", net=True)
        swings = tornado(project, scenario, metric="gdp", year=YEAR, basis="location", net=True)
    return Ranges(circle, bands, swings, int(draws), int(seed))


def sentence(r: Ranges, f: Fmt) -> str:
    """The headline range: between P10 and P90, most likely P50, with the draws and seed."""
    got = r.circle.at(YEAR)
    if got is None:
        return ""
    lo, mid, hi = (f.value(v) for v in got)
    central = float(r.tornado.attrs.get("central", np.nan))
    return f.pick(
        f"区间：考虑参数不确定性（{r.draws} 次拉丁超立方抽样，随机种子 {r.seed}），到 {YEAR} 年"
        f"本方案带动的 GDP 净增量（属地口径）在 {lo}至 {hi}之间（P10–P90），最可能为 {mid}（P50）；"
        f"各参数取本方案值的中心测算为 {f.value(central)}，与 P50 不同是因为参数区间不对称、"
        "模型并非处处线性。",
        f"Ranges: allowing for parameter uncertainty ({r.draws} Latin-hypercube draws, seed "
        f"{r.seed}), in {YEAR} the scenario's net GDP uplift (by location) is between {lo} and "
        f"{hi} (P10–P90), most likely {mid} (P50); the central estimate, every parameter at the "
        f"scenario's value, is {f.value(central)}: it differs from the P50 because ranges are "
        "not symmetric and the model is not linear everywhere.",
    )


def city_band_table(r: Ranges, f: Fmt) -> Table:
    """Net GDP uplift by city in YEAR with P10/P50/P90, widest P50 first, and the circle's band."""
    b = r.bands
    rows = b[
        (b["basis"] == "location")
        & (b["metric"] == "gdp")
        & (b["component"] == voc.TOTAL)
        & (b["year"] == YEAR)
    ].sort_values("p50", ascending=False, kind="stable")
    shown = rows.head(TOP_CITIES)
    note = f.pick(
        "P10、P90 为第 10、90 百分位数，P50 为中位数；合计行为逐次抽样加总后的分位数，"
        "不等于各行分位数之和。",
        "P10 and P90 are the 10th and 90th percentiles, P50 the median; the total row is the "
        "percentile of each draw's sum, not the sum of the rows' percentiles.",
    )
    if len(rows) > TOP_CITIES:
        note += f.pick(
            f"表中为 P50 最大的 {TOP_CITIES} 个市/区县。",
            f" The {TOP_CITIES} units with the largest P50 are listed.",
        )
    circle = r.circle.at(YEAR) or (np.nan, np.nan, np.nan)
    return Table(
        f.pick(
            f"GDP 净增量区间（按城市，{YEAR} 年，属地口径）",
            f"Range of net GDP uplift by city ({YEAR}, by location)",
        ),
        [f.pick("城市（区县）", "City / district"), "P10", "P50", "P90"],
        [[x.region, *(f.number(v) for v in (x.p10, x.p50, x.p90))] for x in shown.itertuples()],
        voc.MONEY,
        total=[f.total, *(f.number(v) for v in circle)],
        note=note,
    )


def tornado_blocks(r: Ranges, f: Fmt) -> list[Paragraph | Table]:
    """The largest one-at-a-time swings of net GDP in YEAR, with each parameter's low and high."""
    t = r.tornado
    central = float(t.attrs.get("central", np.nan))
    shown = t.head(TOP_PARAMETERS)
    names = [_label(x, f) for x in shown.head(3).itertuples()]
    top = f.pick(  # quoted: English names carry commas of their own
        "、".join(f"“{n}”" for n in names), "; ".join(f'"{n}"' for n in names)
    )
    intro = Paragraph(
        f.pick(
            f"敏感性：每次只把一个参数从低值调到高值、其余取本方案的值，{YEAR} 年经济圈 GDP 净增量"
            f"（中心值 {f.value(central)}）变动最大的是{top}。下表按摆幅从大到小列出前 "
            f"{len(shown)} 个参数（共 {len(t)} 个不确定参数）。",
            f"Sensitivity: moving one parameter at a time from its low to its high value, the "
            f"others at the scenario's values, the circle's net GDP uplift in {YEAR} (central "
            f"{f.value(central)}) moves most with {top}. The table lists the {len(shown)} largest "
            f"swings, largest first ({len(t)} uncertain parameters in all).",
        )
    )

    def name(x: Any) -> str:  # the parameter's unit once, here, so low/high stay narrow
        label = _label(x, f)
        if not x.unit:
            return label
        unit = x.unit if f.lang == "zh" else UNIT_EN.get(x.unit, x.unit)
        return f"{label}（{unit}）" if f.lang == "zh" else f"{label} ({unit})"

    rows = [  # rank 1 first: the order is the rank
        [
            name(x),
            f"{x.low_value:.4g}–{x.high_value:.4g}",  # one column: narrow ones wrap "Low"
            f.number(x.output_low),
            f.number(x.output_high),
            f.number(x.swing),
        ]
        for x in shown.itertuples()
    ]
    money = f.unit(voc.MONEY)
    paren = (lambda s: f"（{s}）") if f.lang == "zh" else (lambda s: f" ({s})")
    table = Table(
        f.pick(
            f"龙卷风图数据：{YEAR} 年 GDP 净增量（经济圈合计）",
            f"Tornado: net GDP uplift in {YEAR} (circle total)",
        ),
        [
            f.pick("参数（单位）", "Parameter (unit)"),
            f.pick("低值–高值", "Low–high"),
            f.pick("低值产出", "Output, low") + paren(money),
            f.pick("高值产出", "Output, high") + paren(money),
            f.pick("摆幅", "Swing") + paren(money),
        ],
        rows,
        "",  # mixed units: parameters carry their own, outputs say theirs in the header
        note=f.pick(
            "低值产出、高值产出：该参数取低值、高值（其余参数取本方案的值）时的 GDP 净增量；"
            "摆幅 = |高值产出 − 低值产出|。",
            "Output, low / high: net GDP uplift with the parameter at its low / high value (the "
            "others at the scenario's); swing = |output, high − output, low|.",
        ),
    )
    return [intro, table]


# English for the units of the shipped parameters (as the 参数 panel shows them).
UNIT_EN = {
    "亿元/年 每亿元投资": "yuan/yr per yuan invested",
    "人/亿元": "persons per 100M yuan",
    "亿元": "100M yuan",
    "人": "persons",
    "年": "years",
    "倍": "×",
    "%/年": "%/yr",
}


def _label(x: Any, f: Fmt) -> str:
    return x.label_zh if f.lang == "zh" else (x.label_en or x.label_zh)


def tornado_spec(f: Fmt) -> FigureSpec:
    return FigureSpec(
        "tornado",
        "risks",
        f.pick(
            f"龙卷风图：{YEAR} 年 GDP 净增量对各参数的敏感性（经济圈合计，属地口径）",
            f"Tornado: sensitivity of net GDP uplift in {YEAR} to each parameter (circle total, "
            "by location)",
        ),
        voc.MONEY,
    )


def draft(
    project: Project,
    scenario: str,
    lang: str = "zh",
    *,
    engine: ProjectionEngine | None = None,
    draws: int | None = None,
    seed: int | None = None,
    progress: Callable | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Report:
    """The plan draft, with ranges and the tornado when ``draws`` is given (``seed``: the
    project's when None). ``report.data["tornado"]`` is the frame the tornado figure draws."""
    from workbench.core.report import build_report

    if not draws:
        return build_report(project, scenario, lang, engine=engine)
    f = Fmt(lang)
    seed = project.uncertainty.seed if seed is None else seed
    r = compute(project, scenario, draws=draws, seed=seed, progress=progress, cancel=cancel)
    report = build_report(project, scenario, lang, engine=engine, ranges=sentence(r, f))
    report.extend("effects", city_band_table(r, f))
    report.extend("risks", *tornado_blocks(r, f))
    report.figures.append(tornado_spec(f))
    report.data["tornado"] = r.tornado
    return report

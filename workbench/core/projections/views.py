"""Chart data for the 预测 panel, shaped without Qt: the UI only draws what these return.

Views read the engine's ``Block`` arrays (region × year per component) directly, so a redraw after
an edit costs a few small array sums, never a flatten-to-long-table-and-pivot-back. Labels and
colours come from ``vocabulary``; texts are built for the language passed in (the UI passes its
one current language).

* ``uplift(block, by, lang, once=...)``: by year, one series per city (largest ``TOP_CITIES`` +
  其他) or per component; ``year_totals``/``summable_total``: the circle's total per year (the
  comparison overlay, the hover's 合计);
* ``spillover(block, year, lang)``: per city in one year, direct vs each spillover component;
* ``fund(view, metric, lang)``: per city, contributed vs invested vs benefit;
* ``*_hovers``: the text under the mouse for each bar, in the order the bars are drawn;
* ``chart_notes``/``empty_text``: what the note line under a chart and an empty plot say.

Nothing that ``vocabulary.summable`` refuses is ever stacked into a total: ``counted_parts`` splits
each component by ``vocabulary.split_summable`` (``once`` is the block of the basis that counts the
activity once), and the non-summable rest travels as ``Stack.excess``, drawn apart. Cities are
coloured by region (``core.colours``), never by rank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from workbench.core import colours
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.table import Block

if TYPE_CHECKING:
    import pandas as pd  # the fund view's table; the charts themselves need numpy only

# Cities keep their colour whatever their rank (``core.colours``); 其他 is grey.
PALETTE = colours.PALETTE
OTHER_COLOUR = colours.OTHER_COLOUR
TOP_CITIES = 8  # cities drawn separately when stacking by city; the rest are grouped as 其他
STACK_BY = {
    "city": ("按城市堆叠", "Stack by city"),
    "component": ("按构成堆叠", "Stack by component"),
}
# The fund chart's three bars per city: (key, zh, en, colour).
FUND_SERIES = {
    "contributed": ("出资", "Contributed", "#9c9c9c"),
    "invested": ("投资", "Invested", "#4e79a7"),
    "benefit_gdp": ("效益：GDP 增量 2026–2030 累计", "Benefit: GDP uplift 2026–2030", "#59a14f"),
    "benefit_tax": ("效益：地方税收 2026–2030 累计", "Benefit: local tax 2026–2030", "#59a14f"),
}


def _pick(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def with_unit(text: str, unit: str, lang: str) -> str:
    """An axis title with its unit: 「GDP 增量（亿元）」 / "GDP uplift (100M yuan)"."""
    return f"{text}（{unit}）" if lang == "zh" else f"{text} ({voc.unit_text(unit, lang)})"


def fmt_value(value: float, unit: str, lang: str = "zh") -> str:
    """A number with its unit, precise enough to read off a hover (亿元 to 0.01 = 100 万元)."""
    if unit == voc.PEOPLE:
        return f"{value:,.0f} {voc.unit_text(unit, lang)}"
    return f"{value:,.2f} {voc.unit_text(unit, lang)}"


def year_text(year: float, lang: str) -> str:
    return _pick(f"{year:.0f} 年", f"{year:.0f}", lang)


@dataclass
class Stack:
    """Bars to draw: ``values[i, j]`` is series ``labels[i]`` (colour ``colours[i]``) at
    ``positions[j]``; ``keys`` name the series, or the categories along the axis where noted.

    ``values`` hold only what may be summed; ``excess[i, j]`` is the part of series ``i`` at
    ``j`` that may not (``vocabulary.NOT_SUMMABLE``), drawn apart and left out of every total.
    """

    positions: np.ndarray
    labels: list[str]
    values: np.ndarray
    unit: str
    summable: bool = True
    keys: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    excess: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.excess is None:
            self.excess = np.zeros_like(self.values, dtype=float)

    @property
    def empty(self) -> bool:
        return self.values.size == 0

    @property
    def totals(self) -> np.ndarray:
        """Per position: the sum of what may be summed (the hover's 合计, the chart's total)."""
        return self.values.sum(axis=0) if not self.empty else np.zeros(0)

    @property
    def excess_totals(self) -> np.ndarray:
        """Per position: the non-summable part, drawn as one outlined bar above the stack."""
        assert self.excess is not None
        return self.excess.sum(axis=0) if self.excess.size else np.zeros(len(self.positions))


def _empty(block: Block) -> Stack:
    return Stack(np.zeros(0), [], np.zeros((0, 0)), block.unit, _summable(block))


def _group(
    names: list[str], *tables: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Rows summed per region name, names sorted (two units may share a name); also the first
    row of each name (whose code gives the city its colour)."""
    keys, first, idx = np.unique(
        np.asarray(names, dtype=str), return_index=True, return_inverse=True
    )
    out = []
    for table in tables:
        acc = np.zeros((len(keys), *table.shape[1:]))
        np.add.at(acc, idx, table)
        out.append(acc)
    return keys, first, out


def _summable(block: Block) -> bool:
    if block.weights is not None:
        return True  # drawn as contributions to the circle's share, which do add up
    return all(bool(block.summable(c.key).all()) for c in voc.COMPONENTS)


def _contributions(block: Block) -> list[np.ndarray]:
    """A share of the baseline never adds across units; each unit's contribution to the share of
    the units with statistics together (its uplift ÷ their summed baseline) does, and those add
    up to that circle-wide share. Units without statistics contribute nothing (a note says so)."""
    assert block.weights is not None
    w = np.where(np.isfinite(block.weights), block.weights, 0.0)
    total = w.sum(axis=0)
    share = np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    return [np.where(np.isfinite(p), p, 0.0) * share for p in block.parts]


def counted_parts(block: Block, once: Block | None) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per component (``vocabulary.PARTS``): the part that may be summed and the rest, by
    ``vocabulary.split_summable``; ``once`` is the block of the basis's ``counted_once``.
    A share of the baseline is split into each unit's contribution (``_contributions``)."""
    if block.weights is not None:
        summed = _contributions(block)
        return summed, [np.zeros_like(p) for p in summed]
    summed, rest = [], []
    for k, key in enumerate(voc.PARTS):
        once_values = once.parts[k] if once is not None else None
        a, b = voc.split_summable(
            block.basis, key, block.counted_in_full, block.parts[k], once_values
        )
        summed.append(a)
        rest.append(b)
    return summed, rest


def summable_total(block: Block, once: Block | None = None) -> np.ndarray:
    """(years,) the circle-wide total that may be stated: every activity counted once."""
    if not block.codes:
        return np.zeros(len(block.years))
    summed, _rest = counted_parts(block, once)
    return np.sum([p.sum(axis=0) for p in summed], axis=0)


def uplift(
    block: Block, by: str, lang: str, top_n: int = TOP_CITIES, once: Block | None = None
) -> Stack:
    """Uplift by year, one series per city (largest ``top_n`` + 其他) or per component.

    Only what may be summed is stacked; the rest goes to ``Stack.excess``. Series that are zero
    in every year are left out, so a scenario without allocations has no series at all.
    """
    if not block.codes:
        return _empty(block)
    summed, rest = counted_parts(block, once)
    if by == "city":
        names, first, (table, excess) = _group(block.names, sum(summed), sum(rest))
        weight = np.abs(table).sum(axis=1) + np.abs(excess).sum(axis=1)
        order = np.argsort(-weight, kind="stable")
        order = order[weight[order] > 0]
        keys, table, excess = [str(k) for k in names[order]], table[order], excess[order]
        series_colours = [colours.region_colour(block.codes[i]) for i in first[order]]
        if len(keys) > top_n + 1:
            n_rest = len(keys) - top_n
            table = np.vstack([table[:top_n], table[top_n:].sum(axis=0)])
            excess = np.vstack([excess[:top_n], excess[top_n:].sum(axis=0)])
            keys = [
                *keys[:top_n],
                _pick(f"其他 {n_rest} 个市/区县", f"{n_rest} other cities", lang),
            ]
            series_colours = [*series_colours[:top_n], OTHER_COLOUR]
        labels = keys
    else:
        shown = block.shown_parts()  # gross: the adjustment components are not drawn
        keys = [voc.PARTS[i] for i in shown]
        table = np.array([summed[i].sum(axis=0) for i in shown])
        excess = np.array([rest[i].sum(axis=0) for i in shown])
        if not (table.any() or excess.any()):
            return _empty(block)
        labels = [voc.label(k, lang) for k in keys]
        series_colours = [voc.COMPONENT[k].colour for k in keys]
    if not keys:
        return _empty(block)
    return Stack(
        positions=np.asarray(block.years, dtype=float),
        labels=labels,
        values=table,
        unit=block.unit,
        summable=_summable(block),
        keys=keys,
        colours=series_colours,
        excess=excess,
    )


def year_totals(block: Block, once: Block | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The circle's total uplift per year that may be stated (the comparison overlay)."""
    if not block.codes:
        return np.zeros(0), np.zeros(0)
    return np.asarray(block.years, dtype=float), summable_total(block, once)


def spillover(block: Block, year: int, lang: str, once: Block | None = None) -> Stack:
    """Per city in one year: direct vs each spillover component (horizontal stacked bars)."""
    if not block.codes or year not in block.years:
        return _empty(block)
    t = block.years.index(year)
    summed, rest = counted_parts(block, once)
    shown = block.shown_parts()
    summed, rest = [summed[i] for i in shown], [rest[i] for i in shown]
    keys = [voc.PARTS[i] for i in shown]
    cities, _first, (table, excess) = _group(
        block.names,
        np.stack([p[:, t] for p in summed], axis=1),
        np.stack([p[:, t] for p in rest], axis=1),
    )
    keep = (table != 0).any(axis=1) | (excess != 0).any(axis=1)
    cities, table, excess = cities[keep], table[keep], excess[keep]
    order = np.argsort(table.sum(axis=1) + excess.sum(axis=1), kind="stable")  # largest on top
    n = len(keys)
    return Stack(
        positions=np.arange(len(cities), dtype=float),
        labels=[voc.label(k, lang) for k in keys],
        values=table[order].T if len(cities) else np.zeros((n, 0)),
        unit=block.unit,
        summable=_summable(block),
        keys=[str(c) for c in cities[order]],  # here keys are the city names along the axis
        colours=[voc.COMPONENT[k].colour for k in keys],
        excess=excess[order].T if len(cities) else np.zeros((n, 0)),
    )


def fund(view: pd.DataFrame, metric: str, lang: str) -> Stack:
    """Per city: contributed vs invested vs benefit (亿元); largest contributor at the top."""
    cols = ["contributed", "invested", "benefit_tax" if metric == "tax" else "benefit_gdp"]
    view = view.sort_values("contributed")
    view = view[(view[cols] != 0).any(axis=1)]
    return Stack(
        positions=np.arange(len(view), dtype=float),
        labels=[_pick(*FUND_SERIES[c][:2], lang) for c in cols],
        values=view[cols].to_numpy(dtype=float).T,
        unit=voc.MONEY,
        keys=[str(r) for r in view["region"]],
        colours=[FUND_SERIES[c][2] for c in cols],
    )


# --------------------------------------------------------------------------- hover texts
def _shape(stack: Stack) -> tuple[int, int]:
    return stack.values.shape if stack.values.ndim == 2 else (0, 0)


def _excess_line(value: float, unit: str, lang: str) -> str:
    c = colon(lang)
    return _pick(
        f"另按考核口径全额计入{c}{fmt_value(value, unit, lang)}（不可加总）",
        f"Also recorded in full{c}{fmt_value(value, unit, lang)} (not summable)",
        lang,
    )


def uplift_hovers(
    stack: Stack,
    metric: str,
    lang: str,
    compare: str = "",
    compare_totals: dict[float, float] | None = None,
) -> list[str]:
    """Per bar (series-major): series and year, its value, the year's total, the compared total;
    then one text per outlined non-summable bar (``excess_hovers``), as ``StackedBars`` draws."""
    n, m = _shape(stack)
    assert stack.excess is not None
    totals, extra = stack.totals, stack.excess_totals
    c, unit, cmp_vals = colon(lang), stack.unit, compare_totals or {}
    name, total = voc.METRIC[metric].uplift(lang), voc.label(voc.TOTAL, lang)
    texts = []
    for i in range(n):
        for j in range(m):
            y = stack.positions[j]
            t = f"{stack.labels[i]} · {year_text(y, lang)}\n{name}{c}{fmt_value(stack.values[i, j], unit, lang)}"
            if stack.excess[i, j]:
                t += "\n" + _excess_line(stack.excess[i, j], unit, lang)
            t += f"\n{total}{c}{fmt_value(totals[j], unit, lang)}"
            if extra[j]:
                t += _pick(
                    "（不含考核口径重复计入部分）", " (without figures recorded twice)", lang
                )
            if y in cmp_vals:
                t += f"\n{compare}{c}{fmt_value(cmp_vals[y], unit, lang)}"
            texts.append(t)
    return texts + excess_hovers(stack, lang, [year_text(y, lang) for y in stack.positions])


def excess_hovers(stack: Stack, lang: str, where: list[str]) -> list[str]:
    """One text per position with a non-summable part (``where[j]`` names the position): how
    much, who records it, and that it is in no total."""
    assert stack.excess is not None
    c, unit = colon(lang), stack.unit
    texts = []
    for j in np.flatnonzero(stack.excess_totals):
        who = [
            f"{stack.labels[i]}{c}{fmt_value(stack.excess[i, j], unit, lang)}"
            for i in np.flatnonzero(stack.excess[:, j])
        ]
        texts.append(
            f"{voc.NOT_SUMMABLE.label(lang)} · {where[j]}\n"
            + _pick("园区 GDP 由各方全额计入的部分", "Park GDP each party records in full", lang)
            + f"{c}{fmt_value(stack.excess_totals[j], unit, lang)}\n"
            + "\n".join(who)
            + "\n"
            + _pick(
                "不计入合计与对比线（按属地只计一次）",
                "Not in any total or the comparison line (counted once, by location)",
                lang,
            )
        )
    return texts


def fund_hovers(stack: Stack, lang: str) -> list[str]:
    n, m = _shape(stack)
    c = colon(lang)
    return [
        f"{stack.keys[j]}\n{stack.labels[i]}{c}{fmt_value(stack.values[i, j], stack.unit, lang)}"
        for i in range(n)
        for j in range(m)
    ]


def spillover_hovers(stack: Stack, year: int | None, lang: str) -> list[str]:
    n, m = _shape(stack)
    c, when = colon(lang), _pick(f"{year} 年", str(year), lang)
    texts = [
        f"{stack.keys[j]} · {when}\n"
        f"{stack.labels[i]}{c}{fmt_value(stack.values[i, j], stack.unit, lang)}"
        for i in range(n)
        for j in range(m)
    ]
    return texts + excess_hovers(stack, lang, [f"{k} · {when}" for k in stack.keys])


def empty_text(metric: str, basis: str, lang: str) -> str:
    """What an empty chart says, in the plot and under it."""
    name, where = voc.METRIC[metric].uplift(lang), voc.label(basis, lang)
    return _pick(
        f"暂无预测：本方案在{where}下没有{name}（尚无分配或园区）",
        f"Nothing to project: no {name} {where.lower()} (no allocations or parks yet)",
        lang,
    )


def chart_notes(
    stack: Stack, metric: str, basis: str, notes: list[tuple[str, str]], lang: str
) -> list[str]:
    """The engine's notes, then why a chart is empty or what in it may not be summed."""
    out = [_pick(zh, en, lang) for zh, en in notes]
    if stack.empty or not (np.any(stack.values) or np.any(stack.excess)):
        out.append(empty_text(metric, basis, lang) + _pick("。", ".", lang))
    elif not voc.METRIC[metric].additive:
        out.append(
            _pick(
                "注：各段为各地（或各构成）对有统计地区合计比重的贡献（增量 ÷ 这些地区基线之和），"
                "合计即其整体比重；无统计的地区不计入。",
                "Note: each bar part is a city's (or component's) contribution to the share of the"
                " regions with statistics together (uplift ÷ their summed baseline); the total is"
                " that share. Regions without statistics are left out.",
                lang,
            )
        )
    elif np.any(stack.excess):
        out.append(
            _pick(
                f"注：部分园区 GDP 由各方全额计入（全额双核算），重复部分单列为“{voc.NOT_SUMMABLE.zh}”"
                "（斜线虚框），不计入合计与对比线。",
                "Note: some parks' GDP is recorded in full by each party; the part recorded twice is"
                f' drawn apart as "{voc.NOT_SUMMABLE.en}" (hatched) and left out of totals and the'
                " comparison line.",
                lang,
            )
        )
    return out

"""Chart data for the 预测 panel, shaped without Qt: the UI only draws what these return.

Views read the engine's ``Block`` arrays (region × year per component) directly, so a redraw after
an edit costs a few small array sums, never a flatten-to-long-table-and-pivot-back. Labels and
colours come from ``vocabulary``; texts are built for the language passed in (the UI passes its
one current language).

* ``uplift(block, by, lang)``: by year, one series per city (largest ``TOP_CITIES`` + 其他) or
  per component; ``year_totals(block)``: all cities' total per year (the comparison overlay);
* ``spillover(block, year, lang)``: per city in one year, direct vs each spillover component;
* ``fund(view, metric, lang)``: per city, contributed vs invested vs benefit;
* ``*_hovers``: the text under the mouse for each bar, in the order the bars are drawn;
* ``chart_notes``: what the note line under a chart says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.projections import vocabulary as voc
from workbench.core.projections.parameters import YEARS
from workbench.core.projections.table import Block

if TYPE_CHECKING:
    import pandas as pd  # the fund view's table; the charts themselves need numpy only

# Tableau 10: distinguishable, and the same order on every chart so a city keeps its colour.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
OTHER_COLOUR = "#c8c8c8"
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
    ``positions[j]``; ``keys`` name the series, or the categories along the axis where noted."""

    positions: np.ndarray
    labels: list[str]
    values: np.ndarray
    unit: str
    summable: bool = True
    keys: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.values.size == 0


def _by_name(names: list[str], table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows summed per region name, names sorted (two units may share a name)."""
    keys, idx = np.unique(np.asarray(names, dtype=str), return_inverse=True)
    if len(keys) == len(names):
        out = np.empty_like(table)
        out[idx] = table
        return keys, out
    out = np.zeros((len(keys), *table.shape[1:]))
    np.add.at(out, idx, table)
    return keys, out


def _summable(block: Block) -> bool:
    return all(bool(block.summable(c.key).all()) for c in voc.COMPONENTS)


def uplift(block: Block, by: str, lang: str, top_n: int = TOP_CITIES) -> Stack:
    """Uplift by year, one series per city (largest ``top_n`` + 其他) or per component."""
    if not block.codes:
        return Stack(np.zeros(0), [], np.zeros((0, 0)), block.unit, _summable(block))
    if by == "city":
        names, table = _by_name(block.names, block.total())
        order = np.argsort(-np.abs(table).sum(axis=1), kind="stable")
        keys, table = [str(k) for k in names[order]], table[order]
        colours = [PALETTE[i % len(PALETTE)] for i in range(len(keys))]
        if len(keys) > top_n + 1:
            rest = len(keys) - top_n
            table = np.vstack([table[:top_n], table[top_n:].sum(axis=0)])
            keys = [*keys[:top_n], _pick(f"其他 {rest} 个市/区县", f"{rest} other cities", lang)]
            colours = [*colours[:top_n], OTHER_COLOUR]
        labels = keys
    else:
        keys = list(voc.PARTS)
        table = np.array([part.sum(axis=0) for part in block.parts])
        labels = [voc.label(k, lang) for k in keys]
        colours = [voc.COMPONENT[k].colour for k in keys]
    return Stack(
        positions=np.asarray(YEARS, dtype=float),
        labels=labels,
        values=table,
        unit=block.unit,
        summable=_summable(block),
        keys=keys,
        colours=colours,
    )


def year_totals(block: Block) -> tuple[np.ndarray, np.ndarray]:
    """All cities' total uplift per year (the comparison overlay)."""
    if not block.codes:
        return np.zeros(0), np.zeros(0)
    return np.asarray(YEARS, dtype=float), block.total().sum(axis=0)


def spillover(block: Block, year: int, lang: str) -> Stack:
    """Per city in one year: direct vs each spillover component (horizontal stacked bars)."""
    if not block.codes or year not in YEARS:
        return Stack(np.zeros(0), [], np.zeros((0, 0)), block.unit, _summable(block))
    t = YEARS.index(year)
    cities, table = _by_name(block.names, np.stack([p[:, t] for p in block.parts], axis=1))
    keep = (table != 0).any(axis=1)
    cities, table = cities[keep], table[keep]
    order = np.argsort(table.sum(axis=1), kind="stable")  # largest at the top
    return Stack(
        positions=np.arange(len(cities), dtype=float),
        labels=[voc.label(k, lang) for k in voc.PARTS],
        values=table[order].T if len(cities) else np.zeros((len(voc.PARTS), 0)),
        unit=block.unit,
        summable=_summable(block),
        keys=[str(c) for c in cities[order]],  # here keys are the city names along the axis
        colours=[voc.COMPONENT[k].colour for k in voc.PARTS],
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


def uplift_hovers(
    stack: Stack,
    metric: str,
    lang: str,
    compare: str = "",
    compare_totals: dict[float, float] | None = None,
) -> list[str]:
    """Per bar (series-major): series and year, its value, the year's total, the compared total."""
    n, m = _shape(stack)
    totals = stack.values.sum(axis=0) if not stack.empty else np.zeros(0)
    c, unit, cmp_vals = colon(lang), stack.unit, compare_totals or {}
    name, total = voc.METRIC[metric].uplift(lang), voc.label(voc.TOTAL, lang)
    texts = []
    for i in range(n):
        for j in range(m):
            y = stack.positions[j]
            t = (
                f"{stack.labels[i]} · {year_text(y, lang)}\n"
                f"{name}{c}{fmt_value(stack.values[i, j], unit, lang)}\n"
                f"{total}{c}{fmt_value(totals[j], unit, lang)}"
            )
            if y in cmp_vals:
                t += f"\n{compare}{c}{fmt_value(cmp_vals[y], unit, lang)}"
            texts.append(t)
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
    return [
        f"{stack.keys[j]} · {when}\n"
        f"{stack.labels[i]}{c}{fmt_value(stack.values[i, j], stack.unit, lang)}"
        for i in range(n)
        for j in range(m)
    ]


def chart_notes(
    stack: Stack, metric: str, basis: str, notes: list[tuple[str, str]], lang: str
) -> list[str]:
    """The engine's notes, then why a chart is empty or why its stacks overstate the total."""
    out = [_pick(zh, en, lang) for zh, en in notes]
    name, where = voc.METRIC[metric].uplift(lang), voc.label(basis, lang)
    if stack.empty or not np.any(stack.values):
        out.append(
            _pick(
                f"本方案在{where}下没有{name}（尚无分配或该口径无数据）。",
                f"No {name} {where.lower()} for this scenario.",
                lang,
            )
        )
    if not stack.summable:
        out.append(
            _pick(
                "注：部分园区按“双方全额计入”统计，数值不可加总，堆叠高度大于实际合计。",
                "Note: some parks count GDP in full for both parties; stacked heights"
                " overstate the true total.",
                lang,
            )
        )
    return out

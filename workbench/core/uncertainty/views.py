"""Chart data for the tornado and the Sobol table, shaped without Qt (the UI only draws these).

Labels come in the language passed in; numbers are formatted with ``projections.views.fmt_value``
so that a swing reads like every other figure of the 预测 panel (亿元 with two decimals, 人 whole).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.projections import vocabulary as voc
from workbench.core.projections.views import colon, fmt_value

if TYPE_CHECKING:
    import pandas as pd

TOP = 15  # parameters drawn; the table and the CSV list them all
LOW_COLOUR, HIGH_COLOUR = "#4e79a7", "#e15759"


def _pick(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class TornadoView:
    """Bars from the central output to the output at each parameter's low and high (rank 1 first)."""

    labels: list[str]
    low: np.ndarray  # output with the parameter at its low end
    high: np.ndarray
    central: float
    unit: str
    hovers: list[str]  # one per parameter
    title: str
    legend: tuple[str, str]  # (low, high)


def output_title(attrs: dict, lang: str) -> str:
    metric, basis = attrs.get("metric", "gdp"), attrs.get("basis", "location")
    where = attrs.get("region") or _pick("经济圈合计", "circle total", lang)
    net = _pick("净效益", "net", lang) if attrs.get("net", True) else _pick("毛效益", "gross", lang)
    year = attrs.get("year", 2030)
    name = voc.METRIC[metric].uplift(lang)
    return f"{name} · {voc.label(basis, lang)} · {net} · {_pick(f'{year} 年', str(year), lang)} · {where}"


def tornado_view(df: pd.DataFrame, lang: str, top: int = TOP) -> TornadoView:
    a = df.attrs
    unit = voc.UNITS.get(a.get("metric", "gdp"), voc.MONEY)
    shown = df.head(top)
    c = colon(lang)
    labels, hovers = [], []
    for row in shown.itertuples(index=False):
        name = row.label_zh if lang == "zh" else (row.label_en or row.label_zh)
        labels.append(name if len(name) <= 28 else name[:27] + "…")
        p_unit = f" {row.unit}" if row.unit else ""
        hovers.append(
            f"{name}\n"
            + _pick("低值", "Low", lang)
            + f"{c}{row.low_value:g}{p_unit} → {fmt_value(row.output_low, unit, lang)}\n"
            + _pick("高值", "High", lang)
            + f"{c}{row.high_value:g}{p_unit} → {fmt_value(row.output_high, unit, lang)}\n"
            + _pick("摆幅", "Swing", lang)
            + f"{c}{fmt_value(row.swing, unit, lang)}"
            + _pick(f"（第 {row.rank} 位）", f" (rank {row.rank})", lang)
        )
    central = float(a.get("central", 0.0))
    title = _pick("龙卷风图：", "Tornado: ", lang) + output_title(a, lang)
    title += _pick("；中心值", "; central", lang) + f"{c}{fmt_value(central, unit, lang)}"
    legend = (
        _pick("参数取低值", "parameter at low", lang),
        _pick("参数取高值", "parameter at high", lang),
    )
    return TornadoView(
        labels,
        shown["output_low"].to_numpy(dtype=float),
        shown["output_high"].to_numpy(dtype=float),
        central,
        unit,
        hovers,
        title,
        legend,
    )


def sobol_rows(df: pd.DataFrame, lang: str, top: int = TOP) -> list[tuple[str, str, str]]:
    """(parameter, S1 ± conf, ST ± conf) texts for the largest total indices."""
    out = []
    for row in df.head(top).itertuples(index=False):
        name = row.label_zh if lang == "zh" else (row.label_en or row.label_zh)
        out.append((name, f"{row.S1:.2f} ± {row.S1_conf:.2f}", f"{row.ST:.2f} ± {row.ST_conf:.2f}"))
    return out

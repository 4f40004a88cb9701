"""Projection results that are not finite numbers, and the input most likely to blame.

An absurd input (a leverage of 1e308, an infinite parameter) overflows the engine's sums into
±Infinity or NaN. Written to a CSV those are blank or ``inf`` cells nobody notices; drawn they are
bars off the chart. The command line refuses to write such a table and the 预测 panel shows this
message instead of a chart; both name where the first bad value is and the input at fault.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.addresses import CandidateField, list_head
from workbench.core.enums import Severity
from workbench.core.locations import describe
from workbench.core.model import Project
from workbench.core.projections.vocabulary import METRIC, label

if TYPE_CHECKING:
    import pandas as pd  # the table's type only: the 预测 panel's check must not load pandas

# Problems about a number an input field holds (validation codes), most specific first.
NUMBER_CODES = (
    "number.non_finite",
    "number.range",
    "assumption.value",
    "assumption.percent",
    "fund.leverage",
    "fund.size",
    "fund.fee",
    "alloc.negative",
    "candidate.negative",
    "park.negative",
    "link.strength",
    "number.implausible",
)


def _bad_rows(table: pd.DataFrame) -> np.ndarray:
    """NaN or ±Infinity, except NaN in a share of the baseline (a ratio metric), which means the
    region has no statistics to divide by and is reported as such, not as an overflow."""
    values = table["value"].to_numpy(dtype=float)
    ratio = np.array([not METRIC[m].additive for m in table["metric"]], dtype=bool)
    return np.where(ratio, np.isinf(values), ~np.isfinite(values))


def first_nonfinite(table: pd.DataFrame) -> pd.Series | None:
    """The first row of a projection table whose value is not a number it may hold, else None."""
    if table.empty:
        return None
    bad = _bad_rows(table)
    if not bad.any():
        return None
    return table.iloc[int(np.argmax(bad))]


def any_nonfinite(arrays: Iterable[np.ndarray], ratio: bool = False) -> bool:
    """``ratio``: the arrays hold a share of the baseline, where NaN means no statistics."""
    test = np.isinf if ratio else (lambda a: ~np.isfinite(a))
    return any(test(np.asarray(a, dtype=float)).any() for a in arrays)


def cause(project: Project) -> tuple[str, str]:
    """(zh, en): the input a non-finite result most likely comes from, in words."""
    from workbench.core.validation import validate  # the engine's users need not load rules

    problems = [
        p
        for p in validate(project)
        if p.code in NUMBER_CODES and p.severity is not Severity.INFO and _read_by_engine(p.path)
    ]
    if not problems:
        return (
            "未找到明显无效的输入，请检查参数与金额是否过大",
            "no input is plainly invalid; check parameters and amounts for huge values",
        )
    best = min(problems, key=lambda p: NUMBER_CODES.index(p.code))
    if best.code.startswith("number."):  # these messages begin with the location already
        return best.zh, best.en
    return (
        f"{describe(project, best.path, 'zh')}：{best.zh}",
        f"{describe(project, best.path, 'en')}: {best.en}",
    )


def _read_by_engine(path: tuple) -> bool:
    """Scores and criteria weights rank candidates; no projection reads them."""
    if list_head(path) in ("criteria", "sectors"):
        return False
    f = CandidateField.of(path)
    return f is None or f.field != "criteria"


def nonfinite_message(project: Project, table: pd.DataFrame) -> tuple[str, str] | None:
    """One line (zh, en) when ``table`` holds a non-finite value, else None."""
    row = first_nonfinite(table)
    if row is None:
        return None
    count = int(_bad_rows(table).sum())
    where = [str(row["scenario"]), str(row["region"]), str(int(row["year"]))]
    metric = str(row["metric"])
    zh_where = " · ".join([*where, label(metric, "zh")])
    en_where = " · ".join([*where, label(metric, "en")])
    why_zh, why_en = cause(project)
    return (
        f"预测结果含 {count} 个无效数值（NaN 或无穷大），首个在 {zh_where}；原因：{why_zh}；未写出",
        f"the projections hold {count} values that are not finite numbers (NaN or infinity), "
        f"the first at {en_where}; cause: {why_en}; nothing written",
    )

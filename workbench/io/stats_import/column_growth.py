"""Value columns named by their neighbours: a bare growth column (增速, 增长%) beside an indicator,
a bare previous-period column (上年同期) beside its current one, and growth columns of a table
whose title names its one indicator (地区生产总值及增速).

A bureau prints the indicator once over a group of columns or only in the title; these columns
carry a period or a rate word alone. Each inference is said in the report (``Layout.notes``).
"""

from __future__ import annotations

from workbench.io.stats_import import indicators
from workbench.io.stats_import.axes import Axis
from workbench.io.stats_import.periods import period_of
from workbench.io.stats_import.table_model import Column, Layout


def note_once(lay: Layout, zh: str, en: str) -> None:
    """A note for the report, once: a forced orientation reads the columns again."""
    if (zh, en) not in lay.notes:
        lay.notes.append((zh, en))


def _growth_only(path: list[str]) -> bool:
    parts = [t for t in path if not indicators.is_generic(t)]
    return bool(parts) and all(indicators.is_growth(t) for t in parts)


def _as_growth(lay: Layout, col: Column, base: list[str], where: tuple[str, str]) -> None:
    """``col`` (a bare 增速 column) is the growth of the indicator ``base``; growth is in %."""
    col.indicator_path = [*base, *col.indicator_path]
    note = "" if col.unit_text else "，单位按 %"
    note_en = "" if col.unit_text else ", in %"
    col.unit_text = col.unit_text or "%"
    lay.notes.append(
        (
            f"列“{col.label}”视为{where[0]}“{'/'.join(base)}”的增速{note}",
            f"column '{col.label}' read as the growth of {where[1]} '{'/'.join(base)}'{note_en}",
        )
    )


def _same_period(a: Column, b: Column) -> bool:
    return a.year == b.year and a.year_offset == b.year_offset and not a.part_year


def _is_previous(col: Column) -> bool:
    return any(period_of(t) == "previous" for t in col.path)


def previous_beside(lay: Layout) -> None:
    """A bare previous-period column (地区生产总值 | 上年同期) holds the previous year's figure of
    the nearest indicator column on its left, a year later than itself."""
    values = lay.value_columns
    for k, col in enumerate(values):
        if not _is_previous(col) or col.part_year:
            continue
        if any(not indicators.is_generic(t) for t in col.indicator_path):
            continue
        left = next((c for c in reversed(values[:k]) if not _is_previous(c)), None)
        if left is None or left.part_year or _growth_only(left.indicator_path):
            continue
        if (left.year is None) != (col.year is None) or (
            left.year is not None and col.year is not None and left.year != col.year + 1
        ):
            continue
        named = [t for t in left.indicator_path if not indicators.is_generic(t)]
        if named:
            col.indicator_path = list(left.indicator_path)
            col.unit_text = col.unit_text or left.unit_text
            note_once(
                lay,
                f"列“{col.label}”视为左侧“{'/'.join(named)}”的上年同期数",
                f"column '{col.label}' read as the previous year's '{'/'.join(named)}' "
                "(the column on its left)",
            )


def growth_beside(lay: Layout) -> None:
    """A bare growth column (增速, 增长%) is the growth of the nearest indicator column on its
    left with the same year: "2021年" over 地区生产总值 | 增速, or 地区生产总值 over 2021年 | 2022年
    followed by 增速 over 2021年 | 2022年. A generic left neighbour (绝对值) names nothing."""
    values = lay.value_columns
    for k, col in enumerate(values):
        if not _growth_only(col.indicator_path) or col.part_year:
            continue
        left = next((c for c in reversed(values[:k]) if _same_period(c, col)), None)
        if left is None or _growth_only(left.indicator_path):
            continue
        named = [t for t in left.indicator_path if not indicators.is_generic(t)]
        if named:
            _as_growth(lay, col, list(left.indicator_path), ("左侧", "the column on its left"))
        elif any(c.axis is Axis.INDICATOR for c in lay.key_columns) and any(
            period_of(t) == "current" for t in left.path
        ):
            note_once(  # 本期 | 上年同期 | 增长: the rows name the indicator, this is its growth
                lay,
                f"列“{col.label}”视为本期（“{left.label}”列）的增速",
                f"column '{col.label}' read as the growth of the current period (column "
                f"'{left.label}')",
            )


def growth_of_title(lay: Layout, indicator: str) -> None:
    """Bare growth columns of a table whose title names one indicator (地区生产总值及增速)."""
    key = indicators.match(indicator) or ""
    if key.endswith("_growth") or indicators.is_growth(indicator):
        return
    for col in lay.value_columns:
        if _growth_only(col.indicator_path):
            _as_growth(lay, col, [indicator], ("标题中", "the title's"))

"""Which indicator, year and unit a value column holds for rows of one signature (the row's
indicator path, year and unit), or why none of its cells can be used.

Decided once per (row signature, column), never per cell: a 100,000-cell yearbook has a few
dozen decisions. A unit is taken from a unit column, then a unit printed in the labels, then the
table's statement; several candidate units (``单位：亿元、%``) are resolved only where the
indicator or a rate word in the label makes the choice clear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from workbench.io.stats_import import indicators, units
from workbench.io.stats_import.table_context import TableContext
from workbench.io.stats_import.table_model import Column
from workbench.io.stats_import.values import PART_YEAR

_RATE = re.compile(r"增长|增速|增幅|比重|占比|率|%|％|百分")


@dataclass(frozen=True)
class Decision:
    """Everything a value column (for rows of one signature) needs besides the region."""

    indicator: str = ""
    label: str = ""
    year: int = 0
    unit: str = ""
    original_unit: str = ""
    factor: float = 1.0
    kind: units.Kind | None = None
    skip: str = ""  # a values.REASONS key when every cell here is skipped
    percent_ok: bool = False  # a "12%" cell fits here
    additive: bool = False


def decide(
    ctx: TableContext,
    only_year: int | None,
    row_path: tuple[str, ...],
    row_year: int | None,
    row_unit: str,
    col: Column | None,
) -> Decision:
    """``only_year``: the user asked for one year; other years are skipped as ``other_year``."""
    key, label, col_path = _indicator(ctx, row_path, col)
    if not key:
        return Decision(skip="no_indicator", label=label)
    if (col is not None and col.part_year) or row_year == PART_YEAR:
        return Decision(skip="part_year", label=label, indicator=key)
    shift = col.year_offset if col is not None else 0  # -1: 上年同期
    y = row_year + shift if row_year is not None else (col.year if col else None)
    if y is None:
        y = ctx.year + shift if ctx.year is not None else None
    elif only_year is not None and y != only_year:
        return Decision(skip="other_year", label=label, indicator=key)
    if y is None:
        return Decision(skip="no_year", label=label, indicator=key)
    tokens = _unit_tokens(ctx, row_path, row_unit, col, col_path)
    ind = indicators.BY_KEY.get(key)
    rate = bool(_RATE.search(label)) and not (
        ind and ind.kinds and units.Kind.PERCENT not in ind.kinds
    )
    if len(tokens) > 1:
        fits = _fitting_units(tokens, ind, rate)
        if len(fits) != 1:
            return Decision(skip="unit_ambiguous", label=label, indicator=key, year=y)
        tokens = fits
    per_capita = key == "gdp_per_capita" or "人均" in label
    printed = tokens[0] if tokens else ""
    u = units.resolve(printed, per_capita=per_capita) if printed else None
    if ind is not None and ind.kinds:
        if u is None:
            return Decision(skip="unit_ambiguous", label=label, indicator=key, year=y)
        if u.kind not in ind.kinds:
            return Decision(
                skip="unit_mismatch", label=label, indicator=key, year=y, original_unit=printed
            )
    if u is None:
        return Decision(
            key,
            label,
            y,
            printed,
            printed,
            1.0,
            None,
            percent_ok=not printed or rate,
            additive=False,
        )
    additive = u.kind in (units.Kind.MONEY, units.Kind.USD, units.Kind.PEOPLE) and (
        ind.additive if ind is not None else not rate
    )
    return Decision(
        key,
        label,
        y,
        u.canonical,
        printed,
        u.factor,
        u.kind,
        percent_ok=u.kind is units.Kind.PERCENT,
        additive=additive,
    )


def _indicator(
    ctx: TableContext, row_path: tuple[str, ...], col: Column | None
) -> tuple[str | None, str, list[str]]:
    """The indicator key (a known one, else the label without its unit when it reads as one,
    else empty), the label it was read from, and the column's part of that label."""
    col_path = list(col.indicator_path) if col else []
    if col_path and all(indicators.is_generic(t) for t in col_path):
        col_path = []
    path = [*row_path, *col_path] or list(ctx.indicator)
    path = [p for p in path if p]
    key = indicators.match_path(path) if path else None
    label = "/".join(path)
    if not key and col and row_path and col.indicator_path and not col_path:
        key = indicators.match_path(list(row_path))
    if not key:
        key = indicators.normalize_label(label) and indicators.unknown_name(tuple(path))
    return key, label, col_path


def _unit_tokens(
    ctx: TableContext,
    row_path: tuple[str, ...],
    row_unit: str,
    col: Column | None,
    col_path: list[str],
) -> list[str]:
    """Unit candidates: a unit column, then a unit printed in the labels, then the table's.
    A growth column's own unit comes first: the unit column gives the amounts', not their
    growth's (指标 | 单位 | 本期 | 上年同期 | 增长(%))."""
    text = _growth_unit(col, col_path) or row_unit
    if not text:
        for t in reversed(row_path):
            text = indicators.inline_unit(t) or ""
            if text:
                break
    if not text and col is not None:
        text = col.unit_text
    if not text and ctx.unit and not row_path and not col_path:
        text = ctx.unit
    tokens = units.unit_tokens(text) if text else list(ctx.table_units)
    if not tokens and text:
        tokens = [text]
    return tokens


def _fitting_units(tokens: list[str], ind: indicators.Indicator | None, rate: bool) -> list[str]:
    """Of several printed units, those that fit the indicator (or, unknown, the rate-ness)."""
    fits = [
        t
        for t in tokens
        if (u := units.resolve(t)) is not None
        and (
            (ind is not None and u.kind in ind.kinds)
            or (ind is None and (u.kind is units.Kind.PERCENT) == rate)
        )
    ]
    if ind is not None and units.Kind.PER_CAPITA in ind.kinds:
        fits = [t for t in tokens if t in ("元", "元/人", "万元")][:1]
    return fits


def _growth_unit(col: Column | None, col_path: list[str]) -> str:
    """The unit of a growth column: the one it prints, else % for a rate (增速, 增长); a change
    (增减, ±) may be an amount, so it has none of its own."""
    if col is None or not col_path or not indicators.is_growth(col_path[-1]):
        return ""
    if col.unit_text:
        return col.unit_text
    return "" if "增减" in col_path[-1] or "±" in col_path[-1] else "%"


def units_apart(read: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Keys for unknown indicators a table prints in several units (``实际利用外资（万美元）`` and
    ``实际利用外资（亿元）``), from the (key, unit) pairs of its imported values: (key, unit) →
    the key naming its unit. An unknown indicator is kept under its name without the unit, so two
    columns that differ only by their unit would otherwise hold one indicator with two values
    for a region and year. A name read in one unit (or in none) keeps its plain key."""
    seen: dict[str, set[str]] = {}
    for key, unit in read:
        if unit and key not in indicators.BY_KEY:
            seen.setdefault(key, set()).add(unit)
    return {(k, u): f"{k}（{u}）" for k, us in seen.items() if len(us) > 1 for u in sorted(us)}


def rename(d: Decision, keys: dict[tuple[str, str], str]) -> Decision:
    key = keys.get((d.indicator, d.unit)) if keys and not d.skip else None
    return replace(d, indicator=key) if key else d

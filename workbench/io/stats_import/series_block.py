"""Database-terminal exports (Wind, EPS, CEIC, iFinD): one column per series, described by a
block of rows under the names, and one row per period.

::

    指标名称    | 地区生产总值:四川 | 地区生产总值:重庆 | GDP:成都
    频率        | 年                | 年                | 年
    单位        | 亿元              | 亿元              | 亿元
    指标ID      | M0001             | M0002             | M0003
    来源        | 国家统计局        | 国家统计局        | 成都市统计局
    2023-12-31  | 60132.9           | 30145.8           | 22074.7

Read as an ordinary header, the description rows would be joined into every indicator name
(``地区生产总值:四川/年/亿元/M0001/…``) and an update date (``2024-03-01``) taken for a part of a
year. Here they are recognised by their first cell, taken out of the header and read for what
they say: the unit of each series, its frequency (a series that is not annual is less than a
year's figures, never a year's), and its region, written into the name after or before a colon.
The first column holds the periods: a year-end date (or a bare year) is that year.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from workbench.io.stats_import.axes import Axis, orientation_of
from workbench.io.stats_import.regions import aggregate_kind
from workbench.io.stats_import.table_model import Layout
from workbench.io.stats_import.units import is_unit_text
from workbench.io.stats_import.values import cell_text

_NAME = frozenset({"指标名称", "指标名", "指标", "名称", "序列名称", "序列"})
_FREQ = frozenset({"频率", "频度", "数据频率", "frequency"})
_UNIT = frozenset({"单位", "计量单位", "unit"})
_REGION = frozenset({"地区", "区域", "国家/地区", "省份"})
_OTHER = frozenset(
    {
        "指标id",
        "指标代码",
        "指标编码",
        "序列号",
        "序列id",
        "sr代码",
        "id",
        "来源",
        "数据来源",
        "资料来源",
        "更新时间",
        "最后更新时间",
        "更新日期",
        "开始日期",
        "结束日期",
        "起始日期",
        "首次观测日期",
        "最后观测日期",
        "状态",
        "功能信息",
        "备注",
        "注释",
        "描述",
        "时间区间",
        "数据状态",
        "source",
        "seriesid",
        "lastupdate",
    }
)
_DESCRIBING = _FREQ | _UNIT | _REGION | _OTHER
# Frequencies of a year's figures; any other (季, 月, 日, 周, 旬, 半年) is part of a year.
_ANNUAL = frozenset({"年", "年度", "annual", "yearly", "a", "y"})
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_COLON = re.compile(r"[:：]")


def _label(v: Any) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", cell_text(v))).rstrip(":").lower()


def is_description(v: Any) -> bool:
    """Whether a row starting with ``v`` describes series (频率, 单位, 指标ID, 来源, 更新时间 …):
    such a row is no data row, even when its codes are numbers."""
    return type(v) is str and _label(v) in _DESCRIBING


def read_block(lay: Layout, rows: list[list[Any]]) -> dict[int, dict[str, str]]:
    """Take the description rows out of ``lay.header_rows`` (noted as skipped rows) and return
    per column what they say (``unit``, ``freq``, ``region``); {} when the header is not such a
    block. A block needs a row only databases write (频率, 指标ID, 来源, 更新时间 …) and two
    description rows, or one under a ``指标名称`` row."""
    labels = {r: _label(rows[r][0]) if rows[r] else "" for r in lay.header_rows}
    described = [r for r in lay.header_rows if labels[r] in _DESCRIBING]
    named = any(labels[r] in _NAME for r in lay.header_rows)
    # 单位 or 地区 alone also heads a yearbook's header rows: a frequency, a code, a source or
    # an update date is what only a database writes under its series names
    own = any(labels[r] in _FREQ or labels[r] in _OTHER for r in described)
    if not own or (len(described) < 2 and not named):
        return {}
    if not [r for r in lay.header_rows if r not in described]:
        return {}  # no row of names left: not this layout
    meta: dict[int, dict[str, str]] = {}
    for r in described:
        kind = (
            "freq"
            if labels[r] in _FREQ
            else "unit"
            if labels[r] in _UNIT
            else "region"
            if labels[r] in _REGION
            else ""
        )
        if kind:
            for c, v in enumerate(rows[r][1:], start=1):
                t = cell_text(v).strip()
                if t:
                    meta.setdefault(c, {})[kind] = t
    lay.header_rows = [r for r in lay.header_rows if r not in described]
    first, last = described[0] + 1, described[-1] + 1
    where = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
    where_en = f"row {first}" if first == last else f"rows {first}–{last}"
    words = "、".join(cell_text(rows[r][0]).strip() for r in described)
    lay.notes.append(
        (
            f"{where}为数据库导出的序列说明（{words}）：按各列读取频率、单位和地区，未作为数据导入",
            f"{where_en} describe the series of a database export ({words}): each column's "
            "frequency, unit and region are read from them; not imported as data",
        )
    )
    return meta


def apply(lay: Layout, meta: dict[int, dict[str, str]]) -> None:
    """Each series column's unit, frequency and region from the description rows and its name;
    the first column holds the periods (a year-end date or a year: that year)."""
    from workbench.core.gazetteer import default_gazetteer

    g = default_gazetteer()
    period = next((c for c in lay.columns if c.col == 0), None)
    if period is not None:
        period.axis, period.is_value = Axis.YEAR, False
    values = lay.value_columns
    if not values:
        return
    from_name: list[str] = []
    part: dict[str, list[str]] = {}
    for col in values:
        m = meta.get(col.col, {})
        name = "/".join(col.path)
        unit = m.get("unit", "")
        if unit:
            col.unit_text = unit if is_unit_text(unit) or not col.unit_text else col.unit_text
        freq = m.get("freq", "")
        if freq and _label(freq) not in _ANNUAL:
            col.part_year = f"频率：{freq}"
            part.setdefault(freq, []).append(name)
        region = m.get("region", "")
        indicator = name
        if not region:
            pieces = [p.strip() for p in _COLON.split(name) if p.strip()]
            places = [p for p in pieces if _is_place(g, p)]
            if len(pieces) > 1 and len(places) == 1:
                region = places[0]
                indicator = ":".join(p for p in pieces if p != region)
                from_name.append(f"{name} → {region} / {indicator}")
        col.region_label = region
        col.indicator_path = [indicator] if indicator else []
        col.year = None
    if any(c.region_label for c in values):
        lay.col_axis = Axis.REGION
    elif lay.col_axis is Axis.REGION:
        lay.col_axis = Axis.INDICATOR
    lay.row_axes = [c.axis for c in lay.key_columns]
    lay.orientation = orientation_of(lay.row_axes, lay.col_axis)
    if from_name:
        eg = "；".join(from_name[:3])
        lay.notes.append(
            (
                f"{len(from_name)} 个序列的地区取自序列名称（冒号前后的地名），其余为指标（如 {eg}）",
                f"the region of {len(from_name)} series is taken from the series name (the place "
                f"before or after a colon), the rest is the indicator (e.g. {eg})",
            )
        )
    for freq, names in part.items():
        eg = "、".join(names[:3])
        lay.notes.append(
            (
                f"{len(names)} 个序列的频率为“{freq}”（如 {eg}）：不足一年的数据，不作为全年数值导入",
                f"{len(names)} series have the frequency '{freq}' (e.g. {eg}): less than a "
                "year's figures, not imported as a year's",
            )
        )


def _is_place(g: Any, text: str) -> bool:
    if aggregate_kind(text):
        return True
    r = g.lookup(text)
    return bool(r.code or r.candidates)

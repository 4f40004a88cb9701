"""What a key column's cells name (``Axis``), the table orientations, the header words that name
a key column, and the orientation a set of axes makes.

Kept apart from the row and column readers so the report, the wizard and the user's overrides
share one vocabulary.
"""

from __future__ import annotations

from enum import StrEnum


class Axis(StrEnum):
    REGION = "region"
    INDICATOR = "indicator"
    YEAR = "year"
    UNIT = "unit"
    CODE = "code"
    SKIP = "skip"


AXIS_LABELS = {
    Axis.REGION: ("地区", "regions"),
    Axis.INDICATOR: ("指标", "indicators"),
    Axis.YEAR: ("年份", "years"),
    Axis.UNIT: ("单位", "units"),
    Axis.CODE: ("区划代码", "division codes"),
    Axis.SKIP: ("忽略", "ignored"),
}

ORIENTATIONS = (
    "regions_by_indicators",
    "regions_by_years",
    "indicators_by_years",
    "indicators_by_regions",
    "years_by_regions",
    "years_by_indicators",
    "long",
)

KEY_NAMES: dict[str, Axis] = {}
for _n in (
    "地区",
    "地区名称",
    "地名",
    "城市",
    "市州",
    "市(州)",
    "区县",
    "区(县)",
    "县(市、区)",
    "县(市,区)",
    "区县(市)",
    "行政区划",
    "行政区",
    "地区名",
    "区域",
    "市、县",
    "市县",
    "region",
    "area",
    "city",
    "district",
    "省份",
    "省",
    "各地区",
    "各市",
    "各区县",
):
    KEY_NAMES[_n] = Axis.REGION
for _n in ("指标", "指标名称", "项目", "主要指标", "指标名", "item", "indicator", "项 目", "类别"):
    KEY_NAMES[_n] = Axis.INDICATOR
for _n in ("年份", "年度", "年", "时间", "统计年度", "year", "报告期"):
    KEY_NAMES[_n] = Axis.YEAR
for _n in ("单位", "计量单位", "unit"):
    KEY_NAMES[_n] = Axis.UNIT
for _n in ("代码", "区划代码", "行政区划代码", "统计用区划代码", "地区代码", "code"):
    KEY_NAMES[_n] = Axis.CODE
for _n in ("序号", "编号", "no", "no.", "排名", "位次", "行次", "栏次"):
    KEY_NAMES[_n] = Axis.SKIP


def orientation_of(row_axes: list[Axis], col_axis: Axis | None) -> str:
    dims = {a for a in row_axes if a in (Axis.REGION, Axis.INDICATOR, Axis.YEAR, Axis.CODE)}
    dims = {Axis.REGION if a is Axis.CODE else a for a in dims}
    if len(dims) >= 2:
        return "long"
    row = next(iter(dims), None)
    name = {Axis.REGION: "regions", Axis.INDICATOR: "indicators", Axis.YEAR: "years"}
    if row is None:
        return f"values_by_{name.get(col_axis, 'indicators') if col_axis else 'indicators'}"
    if col_axis is None or col_axis is row:
        return f"{name[row]}_by_indicators" if row is not Axis.INDICATOR else "indicators_by_years"
    return f"{name[row]}_by_{name[col_axis]}"

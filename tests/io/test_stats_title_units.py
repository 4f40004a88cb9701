"""The table's unit printed at the end of its title (``各市地区生产总值（亿元）``), and unknown
indicators named without the unit printed in their label. Each layout is written as a bureau's
file would be and read value by value against the truth table it was written from."""

from __future__ import annotations

from typing import Any

import pytest
from stats_helpers import report_texts, rows_book, truth

from workbench.core.stats_merge import plan_merge
from workbench.io.stats_import import ImportOverrides, read_table

CD, DY, MY = "510100", "510600", "510700"  # 成都市, 德阳市, 绵阳市
FROM_TITLE = ("取自标题", "from the title")
NO_UNIT = ("单位：（表中未统一说明）", "Unit: (no table-wide statement)")

# Printed figures of a regions × years table (亿元 unless a test says otherwise)
GDP = {
    ("成都市", 2021): 19917.0,
    ("成都市", 2022): 20817.5,
    ("成都市", 2023): 22074.7,
    ("德阳市", 2021): 2656.6,
    ("德阳市", 2022): 2816.9,
    ("德阳市", 2023): 2916.9,
}
CODES = {"成都市": CD, "德阳市": DY, "绵阳市": MY}


def _regions_by_years(title_rows: list[str], scale: float = 1.0) -> list[list[Any]]:
    """``scale``: the figures printed in 万元 (1e4) rather than 亿元."""
    years = (2021, 2022, 2023)
    rows: list[list[Any]] = [[t] for t in title_rows]
    rows.append(["地区", *(f"{y}年" for y in years)])
    for name in ("成都市", "德阳市"):
        rows.append([name, *(GDP[(name, y)] * scale for y in years)])
    return rows


def _gdp_truth(factor: float, printed: str, years=(2021, 2022, 2023)) -> dict:
    return {
        (CODES[n], "gdp", y): (GDP[(n, y)] * factor, "亿元", printed)
        for n in ("成都市", "德阳市")
        for y in years
    }


# --- the unit in the title's bracket ------------------------------------------------------


def test_title_with_unit_label_in_brackets_regions_by_years(tmp_path):
    path = rows_book(
        tmp_path / "gdp.xlsx",
        _regions_by_years(["各市地区生产总值（单位：亿元）"]),
        merges=("A1:D1",),
    )
    res = read_table(path)
    rep = res.report
    assert truth(res, "unit", "original_unit", approx=1e-12) == _gdp_truth(1.0, "亿元")
    assert rep.title == "各市地区生产总值"
    assert rep.unit_source == FROM_TITLE
    zh, en = report_texts(rep)
    assert "标题：各市地区生产总值\n" in zh and "Title: 各市地区生产总值\n" in en
    assert "单位：亿元（取自标题）" in zh.splitlines()
    assert "Unit: 亿元 (from the title)" in en.splitlines()
    assert not rep.warnings and not rep.skipped_counts


def test_title_unit_is_the_only_unit_years_down_regions_across(tmp_path):
    rows = [
        ["成都市、德阳市地区生产总值（亿元）"],
        ["年份", "成都市", "德阳市"],
        ["2022年", 20817.5, 2816.9],
        ["2023年", 22074.7, 2916.9],
    ]
    res = read_table(rows_book(tmp_path / "two_cities.xlsx", rows))
    rep = res.report
    assert rep.orientation == "years_by_regions"
    assert truth(res, "unit", "original_unit", approx=1e-12) == _gdp_truth(
        1.0, "亿元", (2022, 2023)
    )
    assert rep.title == "成都市、德阳市地区生产总值"
    assert rep.unit == "亿元" and rep.unit_source == FROM_TITLE
    assert rep.imported == 4 and not rep.skipped_counts and not rep.warnings
    zh, en = report_texts(rep)
    assert "单位不明确" not in zh and "no clear unit" not in en


@pytest.mark.parametrize(
    ("title", "shown", "factor", "printed"),
    [
        # half-width brackets, 万元 converted to 亿元
        ("各市地区生产总值(万元)", "各市地区生产总值", 1e-4, "万元"),
        ("各市地区生产总值【亿元】", "各市地区生产总值", 1.0, "亿元"),
        # other words in the bracket stay in the title
        (
            "各市地区生产总值（当年价格，亿元）",
            "各市地区生产总值（当年价格）",
            1.0,
            "亿元",
        ),
        (
            "各市地区生产总值 (单位: 万元 Unit: 10,000 yuan)",
            "各市地区生产总值",
            1e-4,
            "万元",
        ),
    ],
)
def test_title_unit_bracket_forms(tmp_path, title, shown, factor, printed):
    res = read_table(rows_book(tmp_path / "t.xlsx", _regions_by_years([title])))
    rep = res.report
    assert truth(res, "unit", "original_unit", approx=1e-12) == _gdp_truth(factor, printed)
    assert rep.title == shown
    assert rep.unit_source == FROM_TITLE and rep.year_source == "columns"
    assert not rep.warnings


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("2023年各市地区生产总值（万元）", "2023年各市地区生产总值"),
        ("各市地区生产总值（2023年，万元）", "各市地区生产总值（2023年）"),
        ("各市地区生产总值（万元）（2023年）", "各市地区生产总值（2023年）"),
        ("表2-3 各市地区生产总值(2023年)(万元)", "各市地区生产总值(2023年)"),
    ],
)
def test_title_year_is_still_found_beside_the_unit(tmp_path, title, shown):
    rows = [[title], ["地区", "地区生产总值"], ["成都市", 220747000.0], ["德阳市", 29169000.0]]
    res = read_table(rows_book(tmp_path / "one_year.xlsx", rows))
    rep = res.report
    assert rep.year == 2023 and rep.year_source == "title"
    assert rep.title == shown
    assert rep.unit == "万元" and rep.unit_source == FROM_TITLE
    assert truth(res, "unit", "original_unit", approx=1e-12) == {
        (CD, "gdp", 2023): (22074.7, "亿元", "万元"),
        (DY, "gdp", 2023): (2916.9, "亿元", "万元"),
    }


def test_title_with_two_units_each_column_takes_the_fitting_one(tmp_path):
    rows = [
        ["2023年各市主要经济指标（单位：万元、%）"],
        ["地区", "地区生产总值", "地区生产总值增速", "一般公共预算收入"],
        ["成都市", 220747000.0, 6.0, 19290000.0],
        ["德阳市", 29169000.0, 6.5, 1699000.0],
    ]
    res = read_table(rows_book(tmp_path / "two_units.xlsx", rows))
    rep = res.report
    assert truth(res, "unit", "original_unit", approx=1e-12) == {
        (CD, "gdp", 2023): (22074.7, "亿元", "万元"),
        (DY, "gdp", 2023): (2916.9, "亿元", "万元"),
        (CD, "gdp_growth", 2023): (6.0, "%", "%"),
        (DY, "gdp_growth", 2023): (6.5, "%", "%"),
        (CD, "fiscal_revenue", 2023): (1929.0, "亿元", "万元"),
        (DY, "fiscal_revenue", 2023): (169.9, "亿元", "万元"),
    }
    assert rep.title == "2023年各市主要经济指标"
    zh, en = report_texts(rep)
    assert "单位：万元、%（取自标题）" in zh.splitlines()
    assert "Unit: 万元、% (from the title)" in en.splitlines()


def test_gbk_csv_title_unit_and_a_column_that_prints_its_own(tmp_path):
    # the column's own unit (万元) wins over the title's (亿元), as over a 单位 line
    body = "\r\n".join(
        [
            "2022年各市主要指标（亿元）,,",
            "地区,地区生产总值,一般公共预算收入（万元）",
            "成都市,20817.5,17224000",
            "德阳市,2816.9,1551000",
            "绵阳市,3626.9,1720000",
            "注：数据为初步核算数。,,",
        ]
    )
    path = tmp_path / "cities_gbk.csv"
    path.write_bytes(body.encode("gbk"))
    res = read_table(path)
    rep = res.report
    assert rep.encoding == "GB18030/GBK"
    assert truth(res, "unit", "original_unit", approx=1e-12) == {
        (CD, "gdp", 2022): (20817.5, "亿元", "亿元"),
        (DY, "gdp", 2022): (2816.9, "亿元", "亿元"),
        (MY, "gdp", 2022): (3626.9, "亿元", "亿元"),
        (CD, "fiscal_revenue", 2022): (1722.4, "亿元", "万元"),
        (DY, "fiscal_revenue", 2022): (155.1, "亿元", "万元"),
        (MY, "fiscal_revenue", 2022): (172.0, "亿元", "万元"),
    }
    assert rep.title == "2022年各市主要指标"
    assert rep.year == 2022 and rep.year_source == "title"
    zh, en = report_texts(rep)
    assert "单位：亿元（取自标题）" in zh and "Unit: 亿元 (from the title)" in en
    assert rep.footer == ["注：数据为初步核算数。"]


# --- where the title's unit must not count -----------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "2023年各市地区生产总值（2023年）",
        "2023年重庆市各区县地区生产总值（含万盛）",
        "2023年各市地区生产总值（按当年价格计算）",
        "2023年各市地区生产总值（按常住人口计算）",
        "2023年各区县地区生产总值（含农户）",
    ],
)
def test_bracket_that_is_no_unit_stays_in_the_title(tmp_path, title):
    rows = [[title], ["地区", "地区生产总值（亿元）"], ["成都市", 22074.7], ["德阳市", 2916.9]]
    res = read_table(rows_book(tmp_path / "no_unit.xlsx", rows))
    rep = res.report
    assert rep.title == title
    assert rep.unit == "" and rep.unit_source == ("", "")
    zh, en = report_texts(rep)
    assert NO_UNIT[0] in zh.splitlines() and NO_UNIT[1] in en.splitlines()
    assert truth(res, "unit", "original_unit", approx=1e-12) == {
        (CD, "gdp", 2023): (22074.7, "亿元", "亿元"),
        (DY, "gdp", 2023): (2916.9, "亿元", "亿元"),
    }


def test_bracket_that_is_no_unit_gives_no_unit_to_unlabelled_columns(tmp_path):
    # 含农户 names 户 and 按常住人口计算 names 人 as words, not as the figures' unit
    for title in ("2023年各区县住户数（含农户）", "2023年各区县人数（按常住人口计算）"):
        rows = [[title], ["地区", "地区生产总值"], ["成都市", 22074.7], ["德阳市", 2916.9]]
        res = read_table(rows_book(tmp_path / "no_unit2.xlsx", rows))
        rep = res.report
        assert rep.title == title and rep.unit == ""
        assert res.tidy.empty and rep.skipped_counts["unit_ambiguous"] == 2
        zh, en = report_texts(rep)
        assert "部分数值单位不明确" in zh and "no clear unit" in en


def test_unit_line_wins_over_the_title_and_the_difference_is_pointed_out(tmp_path):
    # the figures are in 万元, as the 单位 line says
    rows = _regions_by_years(["各市地区生产总值（亿元）", "单位：万元"], scale=1e4)
    res = read_table(rows_book(tmp_path / "line_wins.xlsx", rows))
    rep = res.report
    assert truth(res, "unit", "original_unit", approx=1e-12) == _gdp_truth(1.0, "万元")
    assert rep.title == "各市地区生产总值"
    assert rep.unit == "单位：万元" and rep.unit_source == ("", "")
    zh, en = report_texts(rep)
    assert "单位：万元" in zh.splitlines() and "Unit: 万元" in en.splitlines()
    assert "注意：标题中的单位（亿元）与单位说明（万元）不一致，按单位说明读取" in zh
    assert (
        "Warning: the title's unit (亿元) differs from the unit statement (万元); "
        "read in the statement's" in en
    )


def test_unit_line_saying_the_same_as_the_title_is_no_warning(tmp_path):
    rows = _regions_by_years(["各市地区生产总值（亿元）", "单位：亿元"])
    res = read_table(rows_book(tmp_path / "same.xlsx", rows))
    rep = res.report
    assert truth(res, "unit", "original_unit", approx=1e-12) == _gdp_truth(1.0, "亿元")
    assert rep.unit == "单位：亿元" and rep.unit_source == ("", "") and not rep.warnings


def test_user_unit_wins_over_the_title(tmp_path):
    res = read_table(
        rows_book(tmp_path / "user.xlsx", _regions_by_years(["各市地区生产总值（万元）"])),
        overrides=ImportOverrides(unit="亿元"),
    )
    assert truth(res, "unit", "original_unit", approx=1e-12) == _gdp_truth(1.0, "亿元")
    assert res.report.unit_source == ("用户指定", "given by the user")


@pytest.mark.parametrize("unit_row", ["（单位：万元）", "（万元）", "单位：（万元）"])
def test_a_bracketed_unit_on_its_own_row_is_a_unit_line_not_a_title(tmp_path, unit_row):
    rows = _regions_by_years(["各市地区生产总值", unit_row], scale=1e4)
    res = read_table(rows_book(tmp_path / "own_row.xlsx", rows))
    rep = res.report
    assert truth(res, "unit", "original_unit", approx=1e-12) == _gdp_truth(1.0, "万元")
    assert rep.title == "各市地区生产总值"
    assert rep.unit_source == ("", "")
    zh, en = report_texts(rep)
    assert "单位：万元" in zh.splitlines() and "Unit: 万元" in en.splitlines()


# --- unknown indicators are named without their unit --------------------------------------

GROWTH = "规模以上工业增加值增速"


@pytest.mark.parametrize(
    ("header", "unit_row"),
    [
        (f"{GROWTH}（%）", None),
        (f"{GROWTH}(%)", None),
        (f"{GROWTH}%", None),
        (GROWTH, "单位：%"),
    ],
)
def test_unknown_indicator_is_one_indicator_however_its_unit_is_printed(tmp_path, header, unit_row):
    rows: list[list[Any]] = [["2023年各市工业"]]
    if unit_row:
        rows.append([unit_row])
    rows += [["地区", header], ["成都市", 5.1], ["德阳市", 6.2]]
    res = read_table(rows_book(tmp_path / "growth.xlsx", rows))
    assert truth(res, "unit", "original_unit", approx=1e-12) == {
        (CD, GROWTH, 2023): (5.1, "%", "%"),
        (DY, GROWTH, 2023): (6.2, "%", "%"),
    }
    assert set(res.tidy.indicator_label) == {header}  # as printed, for provenance
    zh, en = report_texts(res.report)
    assert f"  B{len(rows) - 2} {header} → {GROWTH}, 2023, %" in zh.splitlines()
    assert f"  B{len(rows) - 2} {header} → {GROWTH}, 2023, %" in en.splitlines()


def test_unknown_indicator_keeps_a_bracket_that_is_no_unit(tmp_path):
    rows = [
        ["2023年各市工业"],
        ["地区", "规模以上工业企业数（含国家级新区）（个）"],
        ["成都市", 4100.0],
    ]
    res = read_table(rows_book(tmp_path / "kept.xlsx", rows))
    assert truth(res, "unit", "original_unit", approx=1e-12) == {
        (CD, "规模以上工业企业数（含国家级新区）", 2023): (4100.0, "个", "个")
    }


def test_unknown_indicator_merges_into_the_same_statistic_from_either_print(
    tmp_path, sample_project
):
    p = sample_project
    tidies = []
    for name, header in (("a.xlsx", f"{GROWTH}（%）"), ("b.xlsx", f"{GROWTH}(%)")):
        rows = [["2023年各市工业"], ["地区", header], ["成都市", 5.1], ["德阳市", 6.2]]
        tidies.append(read_table(rows_book(tmp_path / name, rows)).tidy)
    first = plan_merge(p, tidies[0], vintage="甲")
    assert {(i.region_code, i.indicator, i.year) for i in first.new} == {
        (CD, GROWTH, 2023),
        (DY, GROWTH, 2023),
    }
    first.to_edit().apply(p)
    again = plan_merge(p, tidies[1], vintage="乙")
    assert not again.new and not again.conflicts and len(again.unchanged) == 2


def test_one_name_in_two_units_in_one_table_is_kept_apart(tmp_path):
    rows = [
        ["各市对外经济（2023年）"],
        ["地区", "实际利用外资（万美元）", "实际利用外资（亿元）"],
        ["成都市", 5000.0, 3.5],
        ["德阳市", 300.0, 0.2],
    ]
    res = read_table(rows_book(tmp_path / "apart.xlsx", rows))
    rep = res.report
    assert truth(res, "unit", "original_unit", approx=1e-12) == {
        (CD, "实际利用外资（亿美元）", 2023): (0.5, "亿美元", "万美元"),
        (DY, "实际利用外资（亿美元）", 2023): (0.03, "亿美元", "万美元"),
        (CD, "实际利用外资（亿元）", 2023): (3.5, "亿元", "亿元"),
        (DY, "实际利用外资（亿元）", 2023): (0.2, "亿元", "亿元"),
    }
    assert not rep.warnings  # no "same region, indicator and year, different values"
    zh, en = report_texts(rep)
    note = "实际利用外资 → 实际利用外资（亿元）、实际利用外资（亿美元）"
    assert f"推断：同一指标名称在本表中有多种单位，按单位分为不同指标：{note}" in zh
    assert (
        f"Inferred: one indicator name appears in several units in this table; kept apart by unit: {note}"
        in en
    )

"""Years written into value columns' headers: an indicator's own year (``2022年末常住人口``,
``地区生产总值(2023年)``) and the periods of monthly reports (``本期 | 上年同期 | 增长(%)``),
each layout built as a bureau's file would be and read value by value against its truth table,
with what the report says in both languages. A year that is not the data's (a base price, a
comparison, a range, part of a year) must never be taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from stats_helpers import report_text, report_texts, rows_book, truth

from workbench.cli import main
from workbench.io.stats_import import ImportOverrides, ImportResult, read_table
from workbench.io.stats_import.periods import period_of, year_in_label
from workbench.io.stats_import.values import REASONS, partial_period

CITIES = [("成都市", "510100"), ("自贡市", "510300"), ("德阳市", "510600")]


def _read(path: Path, **overrides: Any) -> ImportResult:
    return read_table(path, overrides=ImportOverrides(**overrides))


# --- 1. a year inside an indicator's header -------------------------------------------------


def test_year_end_population_headers_give_each_column_its_year(tmp_path):
    rows = [
        ["主要指标"],
        ["单位：万人"],
        ["地区", "2022年末常住人口", "2023年末常住人口"],
        ["成都市", 2126.8, 2140.3],
        ["自贡市", 244.0, 243.1],
        ["德阳市", 345.6, 344.8],
    ]
    res = _read(rows_book(tmp_path / "pop.xlsx", rows))
    values = {"510100": (2126.8, 2140.3), "510300": (244.0, 243.1), "510600": (345.6, 344.8)}
    want = {
        (code, "population", year): (v[k], "万人")
        for code, v in values.items()
        for k, year in enumerate((2022, 2023))
    }
    assert truth(res, "unit", approx=True) == want
    assert set(res.tidy["indicator_label"]) == {"常住人口"}
    zh, en = report_texts(res)
    for y in (2022, 2023):
        assert f"列“{y}年末常住人口”：年份 {y} 取自列名，指标为“常住人口”" in zh
        assert (
            f"column '{y}年末常住人口': year {y} taken from its header, indicator '常住人口'" in en
        )
    assert "年份未知" not in zh and "year unknown" not in en
    assert not res.report.warnings


@pytest.mark.parametrize(
    ("header", "unit", "year", "key", "label"),
    [
        ("2022年末常住人口", "万人", 2022, "population", "常住人口"),
        ("2022年底常住人口", "万人", 2022, "population", "常住人口"),
        ("2023年地区生产总值", "亿元", 2023, "gdp", "地区生产总值"),
        ("2021年度一般公共预算收入", "亿元", 2021, "fiscal_revenue", "一般公共预算收入"),
        ("2023年全年地区生产总值", "亿元", 2023, "gdp", "地区生产总值"),
        ("2023年1-12月地区生产总值", "亿元", 2023, "gdp", "地区生产总值"),
        ("常住人口（2022年末）", "万人", 2022, "population", "常住人口"),
        ("地区生产总值(2023年)", "亿元", 2023, "gdp", "地区生产总值"),
        ("年末常住人口（2022年）", "万人", 2022, "population", "常住人口"),
        ("地区生产总值2023年", "亿元", 2023, "gdp", "地区生产总值"),
    ],
)
def test_header_forms_naming_the_data_year(tmp_path, header, unit, year, key, label):
    rows = [
        ["各市主要指标"],
        [f"单位：{unit}"],
        ["地区", header],
        ["成都市", 100.5],
        ["德阳市", 20.25],
    ]
    res = _read(rows_book(tmp_path / "t.xlsx", rows))
    assert truth(res, "unit") == {
        ("510100", key, year): (100.5, unit),
        ("510600", key, year): (20.25, unit),
    }
    assert set(res.tidy["indicator_label"]) == {label}
    assert f"列“{header}”：年份 {year} 取自列名，指标为“{label}”" in report_text(res, "zh")
    assert f"column '{header}': year {year} taken from its header" in report_text(res, "en")


def test_different_indicators_each_with_their_own_year_and_inline_unit(tmp_path):
    rows = [
        ["2024年各市主要指标"],  # the columns' own years win over the title's
        [
            "地区",
            "常住人口（2022年末，万人）",
            "地区生产总值(2023年)(亿元)",
            "2021年度一般公共预算收入（亿元）",
        ],
        ["成都市", 2126.8, 22074.7, 1697.9],
        ["自贡市", 244.0, 1601.3, 66.7],
    ]
    res = _read(rows_book(tmp_path / "mixed.xlsx", rows))
    assert truth(res, "unit", approx=True) == {
        ("510100", "population", 2022): (2126.8, "万人"),
        ("510100", "gdp", 2023): (22074.7, "亿元"),
        ("510100", "fiscal_revenue", 2021): (1697.9, "亿元"),
        ("510300", "population", 2022): (244.0, "万人"),
        ("510300", "gdp", 2023): (1601.3, "亿元"),
        ("510300", "fiscal_revenue", 2021): (66.7, "亿元"),
    }
    zh = report_text(res, "zh")
    # the year is cut out of the printed label; the unit stays with the indicator
    assert "列“常住人口（2022年末，万人）”：年份 2022 取自列名，指标为“常住人口（万人）”" in zh


def test_regions_as_columns_with_the_year_in_brackets(tmp_path):
    rows = [
        ["单位：亿元"],
        ["指标", "成都市（2023年）", "德阳市（2023年）"],
        ["地区生产总值", 22074.7, 3014.1],
        ["一般公共预算收入", 1929.3, 170.4],
    ]
    res = _read(rows_book(tmp_path / "cols.xlsx", rows))
    assert res.report.orientation == "indicators_by_regions"
    assert truth(res, "unit", approx=True) == {
        ("510100", "gdp", 2023): (22074.7, "亿元"),
        ("510600", "gdp", 2023): (3014.1, "亿元"),
        ("510100", "fiscal_revenue", 2023): (1929.3, "亿元"),
        ("510600", "fiscal_revenue", 2023): (170.4, "亿元"),
    }
    assert "列“成都市（2023年）”：年份 2023 取自列名，地区为“成都市”" in report_text(res, "zh")
    assert "column '成都市（2023年）': year 2023 taken from its header, region '成都市'" in (
        report_text(res, "en")
    )


def test_a_year_elsewhere_in_the_column_path_wins_over_the_label(tmp_path):
    rows = [
        ["单位：万人"],
        ["地区", "2023年"],
        ["", "常住人口（2022年末）"],
        ["成都市", 2140.3],
        ["德阳市", 344.8],
    ]
    res = _read(rows_book(tmp_path / "group.xlsx", rows))
    assert set(res.tidy["year"]) == {2023}
    assert "取自列名" not in report_text(res, "zh")


NOT_THE_DATA_YEAR = [
    "2020年不变价地区生产总值",
    "按2020年价格计算的地区生产总值",
    "以2020年为基期的地区生产总值指数",
    "地区生产总值比2020年增长",
    "地区生产总值较2019年增长",
    "2021—2023年均增长",
    "2021-2023年地区生产总值",
    "2023年比2022年增长",
]


@pytest.mark.parametrize("header", NOT_THE_DATA_YEAR)
def test_a_year_that_is_not_the_data_year_is_never_taken(tmp_path, header):
    rows = [["主要指标"], ["单位：亿元"], ["地区", header], ["成都市", 5.5], ["德阳市", 6.5]]
    res = _read(rows_book(tmp_path / "no.xlsx", rows))
    assert res.tidy.empty
    assert res.report.skipped_counts == {"no_year": 2}
    assert "取自列名" not in report_text(res, "zh")
    assert "taken from its header" not in report_text(res, "en")
    # with the table's year the column is that year's, under its label as printed
    rows[0] = ["2023年各市主要指标"]
    res = _read(rows_book(tmp_path / "yes.xlsx", rows))
    assert set(res.tidy["year"]) == {2023}
    assert set(res.tidy["indicator_label"]) == {header}


@pytest.mark.parametrize(
    ("header", "part"),
    [
        ("2023年1-6月地区生产总值", "1-6月"),
        ("2023年一季度地区生产总值", "一季度"),
        ("2023年一至六月地区生产总值", "一至六月"),
        ("上半年地区生产总值", "上半年"),
    ],
)
def test_part_year_columns_never_get_a_year(tmp_path, header, part):
    rows = [
        ["2023年各市主要指标"],
        ["单位：亿元"],
        ["地区", header, "地区生产总值"],
        ["成都市", 10568.4, 22074.7],
        ["德阳市", 1410.9, 3014.1],
    ]
    path = rows_book(tmp_path / "part.xlsx", rows)
    for ov in ({}, {"year": 2023}):  # not even with the planner's year
        res = _read(path, **ov)
        assert truth(res, "unit", approx=True) == {
            ("510100", "gdp", 2023): (22074.7, "亿元"),
            ("510600", "gdp", 2023): (3014.1, "亿元"),
        }
        assert res.report.skipped_counts["part_year"] == 2
        zh, en = report_texts(res)
        assert f"列“{header}”为不足一年的数据（{part}），不作为全年数值导入" in zh
        assert f"column '{header}' holds less than a year's figures ({part})" in en
        assert REASONS["part_year"][0] in zh and REASONS["part_year"][1] in en


# --- 2. monthly and annual statistical reports ---------------------------------------------

REPORT_ROWS = [
    ["地区生产总值", "亿元", 22074.7, 20817.5, 6.0],
    ["一般公共预算收入", "亿元", 1929.3, 1722.4, 12.0],
    ["社会消费品零售总额", "亿元", 10001.6, 9096.5, 10.0],
]
REPORT_TRUTH = {
    ("510100", "gdp", 2023): (22074.7, "亿元"),
    ("510100", "gdp", 2022): (20817.5, "亿元"),
    ("510100", "gdp_growth", 2023): (6.0, "%"),
    ("510100", "fiscal_revenue", 2023): (1929.3, "亿元"),
    ("510100", "fiscal_revenue", 2022): (1722.4, "亿元"),
    ("510100", "fiscal_revenue_growth", 2023): (12.0, "%"),
    ("510100", "retail_sales", 2023): (10001.6, "亿元"),
    ("510100", "retail_sales", 2022): (9096.5, "亿元"),
    ("510100", "retail_sales_growth", 2023): (10.0, "%"),
}


def _gbk_report(path: Path, title: str) -> Path:
    lines = [title, "指标,单位,本期,上年同期,增长(%)"]
    lines += [",".join(str(x) for x in r) for r in REPORT_ROWS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def test_monthly_report_gbk_csv_previous_year_column_and_growth_of_the_current(tmp_path):
    path = _gbk_report(tmp_path / "月报.csv", "2023年1-12月全市主要经济指标")
    res = _read(path, region="510100")
    rep = res.report
    assert rep.encoding == "GB18030/GBK"
    assert (rep.year, rep.year_source) == (2023, "title")  # 1-12月 is the whole year
    assert truth(res, "unit", approx=True) == REPORT_TRUTH
    years = {c.label: c.year for c in rep.columns}
    assert years == {"本期": 2023, "上年同期": 2022, "增长(%)": 2023}
    zh, en = report_texts(res)
    assert "列“上年同期”为上年同期数，年份取本表年份的上一年" in zh
    assert "column '上年同期' holds the previous year's figures: the year before the table's" in en
    assert "列“增长(%)”视为本期（“本期”列）的增速" in zh
    assert "column '增长(%)' read as the growth of the current period (column '本期')" in en
    assert "上年同期”的增速" not in zh
    assert "整表地区：成都市（510100，用户指定）" in zh
    assert not rep.warnings


def test_monthly_report_without_its_region_says_to_name_it(tmp_path):
    path = _gbk_report(tmp_path / "月报.csv", "2023年1-12月全市主要经济指标")
    res = _read(path)
    rep = res.report
    assert res.tidy.empty
    assert rep.skipped_counts == {"no_table_region": 9}
    zh, en = report_texts(res)
    assert "表中没有地区（请指定本表的地区）" in zh
    assert "the table names no region (give the table's region)" in en
    assert "请在导入时指定本表的地区（--region 代码）" in zh
    assert "give the table's region (--region CODE)" in en


def test_monthly_report_cli_region_option(tmp_path, capsys):
    path = _gbk_report(tmp_path / "月报.csv", "2023年1-12月全市主要经济指标")
    out = tmp_path / "tidy.csv"
    assert main(["stats", str(path), "--out", str(out)]) == 1
    assert "请在导入时指定本表的地区" in capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["stats", str(path), "--region", "成都市", "--out", str(out)]) == 0
    assert main(["stats", str(path), "--region", "510100", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["stats", str(path), "--region", "市中区"]) == 2  # two places: never a guess
    said = capsys.readouterr()
    assert "市中区（四川省·内江市）" in said.out + said.err and "区划代码" in said.out + said.err


def test_part_year_report_gives_no_year_even_to_its_previous_year_column(tmp_path):
    rows = [["2023年1-6月全市主要经济指标"], ["指标", "单位", "本期", "上年同期", "增长(%)"]]
    res = _read(
        rows_book(tmp_path / "h1.xlsx", rows + [list(r) for r in REPORT_ROWS]), region="510100"
    )
    assert res.tidy.empty
    assert res.report.skipped_counts == {"no_year": 9}
    assert any("1-6月" in w[0] for w in res.report.warnings)


def test_cumulative_report_month_column_skipped_previous_growth_in_its_year(tmp_path):
    rows = [
        ["2023年1—12月全市主要经济指标"],
        ["指标", "计量单位", "本月", "本年累计", "上年同期累计", "累计增长(%)", "上年同期增长(%)"],
        ["地区生产总值", "亿元", 2001.0, 22074.7, 20817.5, 6.0, 2.8],
        ["规模以上工业增加值", "亿元", 610.2, 6852.3, 6421.0, 6.7, 5.6],
    ]
    res = _read(rows_book(tmp_path / "cum.xlsx", rows), region="510100")
    assert truth(res, "unit", approx=True) == {
        ("510100", "gdp", 2023): (22074.7, "亿元"),
        ("510100", "gdp", 2022): (20817.5, "亿元"),
        ("510100", "gdp_growth", 2023): (6.0, "%"),
        ("510100", "gdp_growth", 2022): (2.8, "%"),
        ("510100", "规模以上工业增加值", 2023): (6852.3, "亿元"),
        ("510100", "规模以上工业增加值", 2022): (6421.0, "亿元"),
        ("510100", "规模以上工业增加值增速", 2023): (6.7, "%"),
        ("510100", "规模以上工业增加值增速", 2022): (5.6, "%"),
    }
    assert res.report.skipped_counts == {"part_year": 2}  # 本月: December alone
    zh, en = report_texts(res)
    assert "列“本月”为不足一年的数据（本月），不作为全年数值导入" in zh
    assert "column '本月' holds less than a year's figures (本月)" in en
    assert "列“上年同期累计”为上年同期数，年份取本表年份的上一年" in zh


def test_year_group_over_current_previous_and_growth(tmp_path):
    rows = [
        ["各市地区生产总值"],
        ["单位：亿元"],
        ["地区", "2023年", "", ""],
        ["", "本期", "上年同期", "增长(%)"],
        ["成都市", 22074.7, 20817.5, 6.0],
        ["德阳市", 3014.1, 2816.9, 6.4],
    ]
    res = _read(rows_book(tmp_path / "grp.xlsx", rows, merges=("B3:D3",)))
    assert truth(res, "unit", approx=True) == {
        ("510100", "gdp", 2023): (22074.7, "亿元"),
        ("510100", "gdp", 2022): (20817.5, "亿元"),
        ("510100", "gdp_growth", 2023): (6.0, "%"),
        ("510600", "gdp", 2023): (3014.1, "亿元"),
        ("510600", "gdp", 2022): (2816.9, "亿元"),
        ("510600", "gdp_growth", 2023): (6.4, "%"),
    }
    assert "列“2023年/上年同期”为上年同期数，年份 2022" in report_text(res, "zh")
    assert "column '2023年/上年同期' holds the previous year's figures: year 2022" in (
        report_text(res, "en")
    )


def test_previous_year_column_beside_an_indicator_column(tmp_path):
    rows = [
        ["2023年各市主要指标"],
        ["单位：亿元"],
        ["地区", "地区生产总值", "上年同期", "增长(%)"],
        ["成都市", 22074.7, 20817.5, 6.0],
        ["德阳市", 3014.1, 2816.9, 6.4],
    ]
    res = _read(rows_book(tmp_path / "beside.xlsx", rows))
    assert truth(res, "unit", approx=True) == {
        ("510100", "gdp", 2023): (22074.7, "亿元"),
        ("510100", "gdp", 2022): (20817.5, "亿元"),
        ("510100", "gdp_growth", 2023): (6.0, "%"),
        ("510600", "gdp", 2023): (3014.1, "亿元"),
        ("510600", "gdp", 2022): (2816.9, "亿元"),
        ("510600", "gdp_growth", 2023): (6.4, "%"),
    }
    zh, en = report_texts(res)
    assert "列“上年同期”视为左侧“地区生产总值”的上年同期数" in zh
    assert "列“增长(%)”视为左侧“地区生产总值”的增速" in zh
    assert "column '上年同期' read as the previous year's '地区生产总值'" in en


# --- the readings themselves ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("2023年1-12月全市主要经济指标", ""),
        ("2023年1—12月", ""),
        ("2023年一至十二月", ""),
        ("2023年12月末", ""),
        ("截至2023年12月31日", ""),
        ("2023年1-6月", "1-6月"),
        ("2023年一至六月", "一至六月"),
        ("2023年一季度", "一季度"),
        ("2023年前三季度", "前三季度"),
        ("2023年6月", "6月"),
        ("2023年3月31日", "3月"),
    ],
)
def test_partial_period(text, part):
    assert partial_period(text) == part


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2022年末常住人口", (2022, "常住人口")),
        ("人均地区生产总值（2023年，元）", (2023, "人均地区生产总值（元）")),
        ("人均地区生产总值（元，2023年）", (2023, "人均地区生产总值（元）")),
        ("2022年同期", (2022, "")),
        ("2023年居民消费价格指数", (2023, "居民消费价格指数")),
        ("2023年规模以上工业增加值", (2023, "规模以上工业增加值")),
        ("２０２２年末常住人口", (2022, "常住人口")),
        *((h, None) for h in NOT_THE_DATA_YEAR),
        ("2020年=100", None),
        ("地区生产总值（2020年价）", None),
        ("2023年1-6月地区生产总值", None),
        ("海拔2000米以上人口（2022年）", None),  # two four-digit numbers: not sure
        ("主要指标", None),
    ],
)
def test_year_in_label(text, want):
    assert year_in_label(text) == want


@pytest.mark.parametrize(
    ("text", "period"),
    [
        *((t, "previous") for t in ("上年同期", "去年同期", "上年", "上年累计", "上年同期累计")),
        *((t, "current") for t in ("本期", "本年", "本年累计", "本月累计", "1-12月累计", "累计")),
        *((t, "part") for t in ("本月", "当月", "1-6月", "一季度")),
        *((t, "") for t in ("增长(%)", "地区生产总值", "上年=100", "全年用电量", "当年价")),
        ("上年同期（亿元）", "previous"),
    ],
)
def test_period_of(text, period):
    assert period_of(text) == period


@pytest.mark.parametrize(
    "title",
    [
        "2023年1-12月成都市主要经济指标",
        "2023年1—12月成都市主要经济指标",
        "成都市2023年1-12月主要经济指标",
    ],
)
def test_monthly_report_whose_title_names_its_city(tmp_path, title):
    path = _gbk_report(tmp_path / "月报.csv", title)
    res = read_table(path)
    assert set(res.tidy["region_code"]) == {"510100"}
    assert {int(y) for y in res.tidy["year"]} == {2022, 2023}
    zh = report_text(res, "zh")
    assert "整表地区：成都市（510100）" in zh

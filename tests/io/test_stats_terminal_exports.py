"""Files as database terminals and older systems write them: Wind/EPS/CEIC/iFinD series exports
(a block of series descriptions under the names, one row per period), numbers printed with a
magnitude word or in accounting brackets, European decimal commas, and text tables aligned with
spaces. Each file is built as the system writes it; each test pins what is imported (region,
indicator, year → value, unit) and what the report says in Chinese and English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from stats_helpers import report_text, report_texts, truth

from workbench.cli import main
from workbench.io.stats_import import ImportOverrides, StatsImportError, read_table

# --- Wind / EPS / CEIC / iFinD series exports ---------------------------------------------------

WIND_CSV = (
    "指标名称,地区生产总值:四川,地区生产总值:重庆,GDP:成都\n"
    "频率,年,年,年\n"
    "单位,亿元,亿元,亿元\n"
    "指标ID,M0001,M0002,M0003\n"
    "来源,国家统计局,国家统计局,成都市统计局\n"
    "更新时间,2024-03-01,2024-03-01,2024-03-01\n"
    "2023-12-31,60132.9,30145.8,22074.7\n"
    "2022-12-31,56749.8,29129.0,20817.5\n"
    "\n"
    "数据来源：Wind\n"
)


def test_wind_csv_series_block_gives_region_unit_and_year(tmp_path: Path) -> None:
    path = tmp_path / "地区生产总值.csv"
    path.write_bytes(WIND_CSV.replace("\n", "\r\n").encode("gbk"))
    res = read_table(path)
    assert truth(res, "unit") == {
        ("510000", "gdp", 2023): (pytest.approx(60132.9), "亿元"),
        ("500000", "gdp", 2023): (pytest.approx(30145.8), "亿元"),
        ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
        ("510000", "gdp", 2022): (pytest.approx(56749.8), "亿元"),
        ("500000", "gdp", 2022): (pytest.approx(29129.0), "亿元"),
        ("510100", "gdp", 2022): (pytest.approx(20817.5), "亿元"),
    }
    zh, en = report_texts(res)
    # the description rows are recognised, not joined into the names, and not imported
    assert "第 2–6 行为数据库导出的序列说明（频率、单位、指标ID、来源、更新时间）" in zh
    assert "rows 2–6 describe the series of a database export" in en
    assert "M0001" not in zh and "2024-03-01" not in zh
    assert "地区生产总值:四川 → 四川 / 地区生产总值" in zh
    assert "the region of 3 series is taken from the series name" in en
    assert "数据来源：Wind" in zh
    assert not res.report.skipped_counts


def test_wind_xlsx_dates_codes_and_a_quarterly_series(tmp_path: Path) -> None:
    """Excel export: dates are date cells, oldest first; the IDs are numbers (no data row); the
    region comes before the colon in one name; a series in 万元 is read in its own unit; a
    quarterly series is skipped even on its year-end rows; a quarter's end date of an annual
    series is part of a year, even when the planner gives the year."""
    path = tmp_path / "wind.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["指标名称", "地区生产总值:四川", "重庆:地区生产总值", "GDP:成都", "GDP:累计值:成都"])
    ws.append(["频率", "年", "年", "年", "季"])
    ws.append(["单位", "亿元", "亿元", "万元", "亿元"])
    ws.append(["指标ID", 2110001, 2110002, 2110003, 2110004])
    ws.append(["来源", "国家统计局", "国家统计局", "成都市统计局", "成都市统计局"])
    ws.append(["更新时间", *[dt.datetime(2024, 3, 1)] * 4])
    ws.append([dt.datetime(2022, 12, 31), 56749.8, 29129.0, 208175000.0, 20817.5])
    ws.append([dt.datetime(2023, 9, 30), 44000.0, None, None, 16000.0])
    ws.append([dt.datetime(2023, 12, 31), 60132.9, 30145.8, 220747000.0, 22074.7])
    ws.append([])
    ws.append(["数据来源：Wind"])
    wb.save(path)
    res = read_table(path)
    assert truth(res, "unit") == {
        ("510000", "gdp", 2022): (pytest.approx(56749.8), "亿元"),
        ("500000", "gdp", 2022): (pytest.approx(29129.0), "亿元"),
        ("510100", "gdp", 2022): (pytest.approx(20817.5), "亿元"),
        ("510000", "gdp", 2023): (pytest.approx(60132.9), "亿元"),
        ("500000", "gdp", 2023): (pytest.approx(30145.8), "亿元"),
        ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
    }
    assert set(res.tidy.original_unit) == {"亿元", "万元"}
    # the quarterly series: 3 figures, and the annual series' 2023-09-30 figure
    assert res.report.skipped_counts["part_year"] == 4
    skipped = {s.cell: s.reason for s in res.report.skipped}
    assert skipped["E9"] == skipped["E7"] == skipped["B8"] == "part_year"
    zh, en = report_texts(res)
    assert "1 个序列的频率为“季”（如 GDP:累计值:成都）：不足一年的数据，不作为全年数值导入" in zh
    assert "1 series have the frequency '季'" in en
    assert "重庆:地区生产总值 → 重庆 / 地区生产总值" in zh
    given = read_table(path, year=2023)
    assert {k[2] for k in truth(given, "unit")} == {2023}
    assert {s.cell for s in given.report.skipped if s.reason == "part_year"} >= {"B8"}


def test_quarterly_wind_csv_is_never_a_year(tmp_path: Path) -> None:
    path = tmp_path / "季度.csv"
    path.write_text(
        "指标名称,四川:地区生产总值,重庆:地区生产总值\n频率,季,季\n单位,亿元,亿元\n"
        "2023-09-30,44000,22000\n2023-06-30,28000,14000\n数据来源：Wind\n",
        encoding="utf-8",
    )
    for res in (read_table(path), read_table(path, year=2023)):
        assert res.tidy.empty
        assert res.report.skipped_counts == {"part_year": 4}
        zh, en = report_texts(res)
        assert "2 个序列的频率为“季”" in zh and "2 series have the frequency '季'" in en


def test_a_series_naming_no_place_takes_the_table_region(tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    path.write_text(
        "指标名称,GDP:累计值,地区生产总值:绵阳\n频率,年,年\n单位,亿元,亿元\n"
        "来源,成都市统计局,绵阳市统计局\n2023-12-31,22074.7,4038.7\n",
        encoding="utf-8",
    )
    res = read_table(path)
    assert truth(res, "unit") == {("510700", "gdp", 2023): (pytest.approx(4038.7), "亿元")}
    assert res.report.skipped_counts == {"no_table_region": 1}
    given = read_table(path, overrides=ImportOverrides(region="510100"))
    assert truth(given, "unit") == {
        ("510100", "GDP:累计值", 2023): (pytest.approx(22074.7), "亿元"),
        ("510700", "gdp", 2023): (pytest.approx(4038.7), "亿元"),
    }


def test_a_yearbook_header_starting_with_unit_or_region_is_no_series_block(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.csv"
    path.write_text(
        "地区,地区生产总值\n单位,亿元\n成都市,22074.7\n绵阳市,4038.7\n", encoding="utf-8"
    )
    res = read_table(path, year=2023)
    zh, _en = report_texts(res)
    assert "序列说明" not in zh


# --- numbers with a magnitude word, accounting brackets ----------------------------------------


def test_magnitude_words_scale_to_the_column_unit_or_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mag.csv"
    path.write_text(
        "地区,地区生产总值（亿元）,一般公共预算收入（万元）,常住人口（万人）,城镇化率（%）\n"
        '成都市,"2,207.47亿",1.2亿,2140.3,80.5\n'
        '绵阳市,"4,038.7",3626.9万,498.6万人,3.2万\n'
        "德阳市,3014.4,1520.3,345.7,61.2\n",
        encoding="utf-8",
    )
    res = read_table(path, year=2023)
    assert truth(res, "unit") == {
        ("510100", "gdp", 2023): (pytest.approx(2207.47), "亿元"),
        ("510100", "fiscal_revenue", 2023): (pytest.approx(1.2), "亿元"),
        ("510100", "population", 2023): (pytest.approx(2140.3), "万人"),
        ("510100", "urbanization_rate", 2023): (pytest.approx(80.5), "%"),
        ("510700", "gdp", 2023): (pytest.approx(4038.7), "亿元"),
        ("510700", "fiscal_revenue", 2023): (pytest.approx(0.36269), "亿元"),
        ("510600", "gdp", 2023): (pytest.approx(3014.4), "亿元"),
        ("510600", "fiscal_revenue", 2023): (pytest.approx(0.15203), "亿元"),
        ("510600", "population", 2023): (pytest.approx(345.7), "万人"),
        ("510600", "urbanization_rate", 2023): (pytest.approx(61.2), "%"),
    }
    skipped = {s.cell: (s.reason, s.text) for s in res.report.skipped}
    assert skipped["E3"] == ("magnitude_unit", "3.2万")  # a rate has no magnitude
    assert skipped["D3"] == ("text", "498.6万人")  # a unit in the cell: not guessed
    zh, en = report_texts(res)
    assert "“3.2万”：数字带数量级（万、亿），但该列没有可按数量级换算的单位" in zh
    assert "“3.2万”：a number with a magnitude (万, 亿) but the column has no unit" in en
    # the figures converted are named (B2, C2 and C3; E3 and D3 were skipped): the number
    # stored is not the one printed
    assert "3 个数值带数量级文字（如 B2“2,207.47亿”），已换算为所在列的单位" in zh
    assert "3 values printed with a magnitude word (e.g. B2 '2,207.47亿')" in en


def test_accounting_brackets_are_negatives_but_a_bracketed_integer_is_not(
    tmp_path: Path,
) -> None:
    path = tmp_path / "acc.csv"
    path.write_text(
        "地区,一般公共预算收入（亿元）,一般公共预算支出（亿元）\n"
        '成都市,"(1,234.5)",（234.5）\n绵阳市,(12),80.1\n'
        "德阳市,210.6,312.9\n",
        encoding="utf-8",
    )
    res = read_table(path, year=2023)
    assert truth(res, "unit") == {
        ("510100", "fiscal_revenue", 2023): (pytest.approx(-1234.5), "亿元"),
        ("510100", "fiscal_expenditure", 2023): (pytest.approx(-234.5), "亿元"),
        ("510700", "fiscal_expenditure", 2023): (pytest.approx(80.1), "亿元"),
        ("510600", "fiscal_revenue", 2023): (pytest.approx(210.6), "亿元"),
        ("510600", "fiscal_expenditure", 2023): (pytest.approx(312.9), "亿元"),
    }
    zh, en = report_texts(res)
    assert "“(12)”：括号中的整数（会计负数还是编号？），未作为数值" in zh
    assert "“(12)”：an integer in brackets (an accounting negative or a number label?)" in en
    assert "2 个数值按会计格式的括号读作负数（如 B2“(1,234.5)”）" in zh
    assert "2 values in accounting brackets were read as negatives (e.g. B2 '(1,234.5)')" in en


def test_plain_figures_and_signed_negatives_are_not_named_as_printed_forms(
    tmp_path: Path,
) -> None:
    """A workbook of numbers (and a text '-12.5', a minus sign as printed) says nothing of
    magnitude words or accounting brackets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区", "地区生产总值（亿元）", "一般公共预算收入（亿元）"])
    ws.append(["成都市", 22074.7, "-12.5"])
    ws.append(["德阳市", 3014.4, 210.6])
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    res = read_table(path, year=2023)
    zh, en = report_texts(res)
    assert res.report.imported == 4
    assert "数量级文字" not in zh and "会计格式" not in zh
    assert "magnitude word" not in en and "accounting" not in en


# --- European decimal commas -------------------------------------------------------------------


def test_semicolon_csv_with_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "地区生产总值（亿元）.csv"
    path.write_text(
        "地区生产总值（亿元）\n地区;2022年;2023年\n成都市;20817,5;22074,7\n"
        "德阳市;2816,9;2957,7\n绵阳市;3.350,3;3.626,9\n",
        encoding="utf-8-sig",
    )
    res = read_table(path)
    assert truth(res, "unit") == {
        ("510100", "gdp", 2022): (pytest.approx(20817.5), "亿元"),
        ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
        ("510600", "gdp", 2022): (pytest.approx(2816.9), "亿元"),
        ("510600", "gdp", 2023): (pytest.approx(2957.7), "亿元"),
        ("510700", "gdp", 2022): (pytest.approx(3350.3), "亿元"),
        ("510700", "gdp", 2023): (pytest.approx(3626.9), "亿元"),
    }
    zh, en = report_texts(res)
    assert "数字以逗号为小数点（欧洲区域格式，如 B3“20817,5”读作 20817.5），6 个数字按此读取" in zh
    assert "figures use a decimal comma (European locale, e.g. B3 '20817,5' read as 20817.5)" in en


def test_semicolon_csv_whose_commas_read_either_way_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "gdp.csv"
    path.write_text(
        "地区生产总值（亿元）\n地区;2023年\n成都市;22,074\n德阳市;2,957\n", encoding="utf-8"
    )
    res = read_table(path)
    assert truth(res, "unit")[("510100", "gdp", 2023)] == (pytest.approx(22074.0), "亿元")
    zh, en = report_texts(res)
    assert "数字中的逗号（如 B3“22,074”）可能是小数点，按千位分隔符读取，请核对" in zh
    assert "may be a decimal comma; read as a thousands separator — please check" in en


def test_comma_csv_thousands_are_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "gdp.csv"
    path.write_text('地区生产总值（亿元）\n地区,2023年\n成都市,"22,074.7"\n', encoding="utf-8")
    res = read_table(path)
    assert truth(res, "unit") == {("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元")}
    assert "小数点" not in report_text(res, "zh")


# --- text tables aligned with spaces -----------------------------------------------------------

OLD_SYSTEM_TXT = """              表3-2  2023年各市（州）主要经济指标

                                                  单位：亿元、万人
  地    区      地区生产总值      第一产业      常住人口
                  (亿元)          (亿元)        (万人)
 ──────────────────────────────────────────────
  全    省        60132.9          6056.6        8368.0
  成 都 市        22074.7           594.9        2140.3
  自　　贡         1751.6           195.5         243.0
  德 阳 市         2957.7           325.6         345.6

  注：本表按当年价格计算。
"""


def test_space_aligned_gbk_txt_is_split_by_display_width(tmp_path: Path) -> None:
    path = tmp_path / "主要经济指标.txt"
    path.write_bytes(OLD_SYSTEM_TXT.replace("\n", "\r\n").encode("gbk"))
    res = read_table(path)
    got = truth(res, "unit")
    assert {k: v for k, v in got.items() if k[0]} == {
        ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
        ("510100", "gdp_primary", 2023): (pytest.approx(594.9), "亿元"),
        ("510100", "population", 2023): (pytest.approx(2140.3), "万人"),
        ("510300", "gdp", 2023): (pytest.approx(1751.6), "亿元"),
        ("510300", "gdp_primary", 2023): (pytest.approx(195.5), "亿元"),
        ("510300", "population", 2023): (pytest.approx(243.0), "万人"),
        ("510600", "gdp", 2023): (pytest.approx(2957.7), "亿元"),
        ("510600", "gdp_primary", 2023): (pytest.approx(325.6), "亿元"),
        ("510600", "population", 2023): (pytest.approx(345.6), "万人"),
    }
    assert res.report.aggregate_values == 3  # 全省
    zh, en = report_texts(res)
    assert "以空格对齐的文本表格：按各数据行共同的空白列分列（汉字按两个字符宽计）" in zh
    assert "a text table aligned with spaces" in en
    assert "注：本表按当年价格计算。" in zh


def test_ragged_space_aligned_txt_is_refused_with_how_to_resave(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gdp.txt"
    path.write_text(
        "2023年各市地区生产总值\n地区      地区生产总值   常住人口\n成都市    22074.7   2140.3\n"
        "德阳市  2957.7        345.6\n绵阳市3350.3  489.1\n",
        encoding="utf-8",
    )
    with pytest.raises(StatsImportError) as e:
        read_table(path)
    assert "以空格对齐的文本表格" in str(e.value) and "固定宽度" in str(e.value)
    assert "Text to Columns → Fixed width" in str(e.value)
    assert main(["stats", str(path), "--out", str(tmp_path / "o.csv")]) == 2
    assert "aligned with spaces" in capsys.readouterr().err

"""Three yearbook and bureau layouts, each written as the office prints it (typed in Excel: a
merged header cell keeps its text in its top-left cell only, as Excel saves it and calamine
reads it; the workbooks here are written the same way with openpyxl) and read value by value
against the truth table it was written from, with the report's lines in both languages and the
cases that must not be taken for the layout:

- a second table's bare header right under the first table's last data row, no blank row
  between (``地区 | 常住人口 | 城镇化率``, or the first header's very texts over the same places
  again), told from the header repeated at a page break (the list goes on below it);
- a running-number column (``序号 | 地区 | 2022年 | 2023年`` with 1, 2, 3 … down column A), on a
  table of its own and on a second table of the sheet;
- regions across the top under a city merged over its districts (``成都市`` over ``小计 | 锦江区
  | 青羊区 …``) or ``全市`` over ``合计 | 市辖区 | 县``: the merged parent is the columns' parent
  region, not part of the indicator, and the districts are checked against its 小计.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from workbench.core.gazetteer import default_gazetteer
from workbench.io.stats_import import read_table
from workbench.io.stats_import.report import ImportReport

Truth = dict[tuple[str, str, int], tuple[object, str]]

# 2022 and 2023 GDP (亿元) and 2023 population (万人) and urbanisation rate (%) of six cities,
# as the provincial yearbook prints them (rounded as printed)
CITIES = [
    ("成都市", "510100", 20817.5, 22074.7, 2140.3, 80.5),
    ("自贡市", "510300", 1601.3, 1750.6, 243.2, 57.0),
    ("攀枝花市", "510400", 1220.5, 1322.0, 122.4, 70.6),
    ("泸州市", "510500", 2601.5, 2656.0, 425.4, 52.6),
    ("德阳市", "510600", 2816.9, 3014.5, 345.1, 57.5),
    ("绵阳市", "510700", 3626.9, 4038.7, 491.1, 56.3),
]


def _table(tidy: pd.DataFrame) -> Truth:
    """{(region code, indicator, year): (value, unit)} of the rows matched to a place."""
    return {
        (r.region_code, r.indicator, int(r.year)): (pytest.approx(r.value), r.unit)
        for r in tidy.itertuples()
        if r.region_code
    }


def _text(rep: ImportReport, lang: str) -> str:
    return "\n".join(rep.lines(lang))


def _gdp(cities=CITIES) -> Truth:
    out: Truth = {}
    for _n, code, g22, g23, _p, _u in cities:
        out[(code, "gdp", 2022)] = (pytest.approx(g22), "亿元")
        out[(code, "gdp", 2023)] = (pytest.approx(g23), "亿元")
    return out


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


# ------------------------------ a second table's bare header right under the first's data


def _stacked(path: Path, second: list[list[object]], *, numbered: bool = False) -> Path:
    """2-1 各市地区生产总值 (title, unit line, ``地区 | 2022年 | 2023年``, three cities), and right
    under its last row, with no blank row, the rows ``second`` (a further table's bare header
    and its rows, or the header repeated at a page break and the list going on)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-1"
    lead = ["序号"] if numbered else []
    ws.append(["2-1 各市地区生产总值"])
    ws.append(["单位：亿元"])
    ws.append([*lead, "地区", "2022年", "2023年"])
    for i, (name, _c, g22, g23, _p, _u) in enumerate(CITIES[:3]):
        ws.append([*([i + 1] if numbered else []), name, g22, g23])
    for row in second:
        ws.append(row)
    return _save(wb, path)


def test_a_bare_header_with_other_texts_under_the_data_opens_a_second_table(tmp_path):
    path = _stacked(
        tmp_path / "stacked.xlsx",
        [["地区", "常住人口（万人）", "城镇化率（%）"]]
        + [[n, p, u] for n, _c, _g, _g2, p, u in CITIES[:3]],
    )
    res = read_table(path)
    rep = res.report
    assert len(rep.parts) == 2
    # the first table keeps its own figures; the header is no region, its texts no figures,
    # and the second table's figures are no second GDP
    assert _table(res.tidy) == _gdp(CITIES[:3])
    zh, en = _text(rep, "zh"), _text(rep, "en")
    assert "工作表“2-1”中有 2 张表，分别读取：第 3–6 行；第 7–10 行" in zh
    assert "sheet '2-1' holds 2 tables, each read on its own: rows 3–6; rows 7–10" in en
    assert "不是数字" not in zh and "not a number" not in en
    assert "多个不同数值" not in zh
    assert rep.parts[1].skipped_counts["no_year"] == 6
    # what was inferred is said: the header right under the data opened a table
    assert (
        "第 7 行的表头（地区、常住人口（万人）、城镇化率（%））与上表表头不同，视为另一张表的表头"
        in zh
    )
    assert (
        "the header on row 7 (地区, 常住人口（万人）, 城镇化率（%）) differs from the table's "
        "above: read as a further table's header"
    ) in en
    # the second table names no year: it waits for the planner's
    got = read_table(path, year=2023)
    want = {k: v for k, v in _gdp(CITIES[:3]).items() if k[2] == 2023}
    for _n, code, _g, _g2, p, u in CITIES[:3]:
        want[(code, "population", 2023)] = (pytest.approx(p), "万人")
        want[(code, "urbanization_rate", 2023)] = (pytest.approx(u), "%")
    assert _table(got.tidy) == want
    assert set(got.tidy[got.tidy.indicator == "population"].cell) == {"B8", "B9", "B10"}


def test_the_same_header_over_the_same_places_again_is_a_second_table(tmp_path):
    """2-1's header printed again over the same cities: no page break continues a list with
    the places already listed, so the figures below are another table's (here one naming no
    indicator of its own), never a second GDP of the same cities."""
    path = _stacked(
        tmp_path / "again.xlsx",
        [["地区", "2022年", "2023年"]] + [[n, p - 1, p] for n, _c, _g, _g2, p, _u in CITIES[:3]],
    )
    res = read_table(path)
    rep = res.report
    assert len(rep.parts) == 2
    assert _table(res.tidy) == _gdp(CITIES[:3])
    # no "same region, indicator and year with two values": the second table names no
    # indicator of its own, and its figures wait for one
    assert rep.warnings == [
        (
            "第 7–10 行：部分列没有指标名称，未导入",
            "rows 7–10: some columns have no indicator name; not imported",
        )
    ]
    zh, en = _text(rep, "zh"), _text(rep, "en")
    assert (
        "第 7 行重复上表表头，但其下各行（成都市、自贡市、攀枝花市）上表已列出，视为另一张表" in zh
    )
    assert (
        "row 7 repeats the header above, but the rows below it (成都市, 自贡市, 攀枝花市) are "
        "listed above already: read as a further table"
    ) in en


def test_the_header_repeated_at_a_page_break_is_still_skipped(tmp_path):
    """The negative: the header printed again with the list going on below it."""
    path = _stacked(
        tmp_path / "page.xlsx",
        [["地区", "2022年", "2023年"]] + [[n, a, b] for n, _c, a, b, _p, _u in CITIES[3:]],
    )
    res = read_table(path)
    assert not res.report.parts
    assert _table(res.tidy) == _gdp()
    assert "第 7 行：重复的表头行，已跳过" in _text(res.report, "zh")


@pytest.mark.parametrize(
    "row",
    [
        ["地区", "…", "…"],  # a place called so, its figures not available
        ["指标", 12.0, 13.0],  # a label that happens to be the word, with figures
    ],
)
def test_a_data_row_labelled_with_a_key_word_opens_no_table(tmp_path, row):
    path = _stacked(
        tmp_path / "label.xlsx", [row] + [[n, a, b] for n, _c, a, b, _p, _u in CITIES[3:]]
    )
    res = read_table(path)
    assert not res.report.parts
    assert _table(res.tidy) == _gdp()


def test_a_header_over_no_figures_opens_no_table(tmp_path):
    """Text rows under a header-like row (a notes table) are no table: the first table's data
    end is unchanged and nothing below is imported as figures."""
    path = _stacked(
        tmp_path / "notes.xlsx", [["地区", "说明"], ["成都市", "含天府新区"], ["自贡市", "—"]]
    )
    res = read_table(path)
    assert not res.report.parts
    assert _table(res.tidy) == _gdp(CITIES[:3])


# ------------------------------------------------------- a running-number column (序号)


def test_a_running_number_column_is_neither_figures_nor_regions(tmp_path):
    path = _stacked(tmp_path / "seq.xlsx", [], numbered=True)
    res = read_table(path)
    assert _table(res.tidy) == _gdp(CITIES[:3])
    assert set(res.tidy.cell.str[0]) == {"C", "D"}  # nothing from column A
    assert not res.report.unmatched
    zh = _text(res.report, "zh")
    assert "A3 序号" not in zh and "不是数字" not in zh


@pytest.mark.parametrize("blank", [True, False])
def test_a_second_table_headed_by_a_running_number_column(tmp_path, blank):
    second = [
        ["序号", "地区", "常住人口（万人）"],
        *([k + 1, n, p] for k, (n, _c, _g, _g2, p, _u) in enumerate(CITIES[:3])),
    ]
    path = _stacked(tmp_path / "seq2.xlsx", ([[]] if blank else []) + second, numbered=True)
    res = read_table(path, year=2023)
    rep = res.report
    assert len(rep.parts) == 2
    want = {k: v for k, v in _gdp(CITIES[:3]).items() if k[2] == 2023}
    for _n, code, _g, _g2, p, _u in CITIES[:3]:
        want[(code, "population", 2023)] = (pytest.approx(p), "万人")
    assert _table(res.tidy) == want
    top = 8 if blank else 7
    pop = res.tidy[res.tidy.indicator == "population"]
    assert set(pop.cell) == {f"C{top + 1}", f"C{top + 2}", f"C{top + 3}"}
    assert not rep.warnings
    assert f"第 {top}–{top + 3} 行" in _text(rep, "zh")


def test_running_numbers_starting_again_under_the_same_header_open_a_table(tmp_path):
    """序号 | 地区 | 2022年 | 2023年 again, numbered from 1 again over other places: a page
    break would go on counting (4, 5, 6), a new table counts from 1."""
    path = _stacked(
        tmp_path / "restart.xlsx",
        [["序号", "地区", "2022年", "2023年"]]
        + [[k + 1, n, a, b] for k, (n, _c, a, b, _p, _u) in enumerate(CITIES[3:])],
        numbered=True,
    )
    res = read_table(path)
    assert len(res.report.parts) == 2
    assert "第 7 行重复上表表头，其下序号从 1 重新开始，视为另一张表" in _text(res.report, "zh")
    assert "the running numbers start again at 1" in _text(res.report, "en")
    # the second table names no indicator: its figures are not a second GDP, nor guessed
    assert _table(res.tidy) == _gdp(CITIES[:3])
    assert res.report.parts[1].skipped_counts["no_indicator"] == 6


def test_running_numbers_going_on_under_the_repeated_header_are_a_page_break(tmp_path):
    path = _stacked(
        tmp_path / "goes_on.xlsx",
        [["序号", "地区", "2022年", "2023年"]]
        + [[k + 4, n, a, b] for k, (n, _c, a, b, _p, _u) in enumerate(CITIES[3:])],
        numbered=True,
    )
    res = read_table(path)
    assert not res.report.parts
    assert _table(res.tidy) == _gdp()


def test_a_numbered_second_table_in_a_bureau_csv_export(tmp_path):
    """The same two tables as a bureau's csv export: Excel's "CSV" save on a Chinese Windows
    writes the ANSI code page (GBK) and the running numbers as bare digits, with no blank row
    between the tables."""
    lines = ["2-1 各市地区生产总值", "单位：亿元", "序号,地区,2022年,2023年"]
    lines += [f"{k + 1},{n},{a},{b}" for k, (n, _c, a, b, _p, _u) in enumerate(CITIES[:3])]
    lines += ["序号,地区,常住人口（万人）,城镇化率（%）"]
    lines += [f"{k + 1},{n},{p},{u}" for k, (n, _c, _a, _b, p, u) in enumerate(CITIES[:3])]
    path = tmp_path / "2-1.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    res = read_table(path, year=2023)
    want = {k: v for k, v in _gdp(CITIES[:3]).items() if k[2] == 2023}
    for _n, code, _g, _g2, p, u in CITIES[:3]:
        want[(code, "population", 2023)] = (pytest.approx(p), "万人")
        want[(code, "urbanization_rate", 2023)] = (pytest.approx(u), "%")
    assert _table(res.tidy) == want
    assert len(res.report.parts) == 2
    assert "A" not in set(res.tidy.cell.str[0])
    assert "第 7 行的表头（序号、地区、常住人口（万人）、城镇化率（%））与上表表头不同" in _text(
        res.report, "zh"
    )


# ------------------------------------ regions across the top under a merged parent region


def _zigong() -> list[str]:
    g = default_gazetteer()
    return [d.name for c, d in g.divisions.items() if d.parent == "510300"]


ZIGONG = [480.1, 260.4, 230.0, 190.2, 300.5, 289.4]  # 2023 GDP of its 6 county-level units
CHENGDU = [("锦江区", "510104", 1500.0), ("青羊区", "510105", 1600.0), ("金牛区", "510106", 1700.0)]


def _city_over_districts(path: Path, chengdu_total: float, zigong_total: float) -> Path:
    """自贡市 and 成都市 each merged over ``小计`` and districts, indicators down the rows."""
    counties = _zigong()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3-2"
    ws.append(["3-2 分区县地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["指标", "自贡市", *[None] * 6, "成都市", *[None] * 3])
    ws.append([None, "小计", *counties, "小计", *(n for n, _c, _v in CHENGDU)])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:H3")
    ws.merge_cells("I3:L3")
    ws.append(["地区生产总值", zigong_total, *ZIGONG, chengdu_total, *(v for *_x, v in CHENGDU)])
    return _save(wb, path)


def _district_truth(chengdu_total: float, zigong_total: float) -> Truth:
    g = default_gazetteer()
    want: Truth = {
        ("510300", "gdp", 2023): (pytest.approx(zigong_total), "亿元"),
        ("510100", "gdp", 2023): (pytest.approx(chengdu_total), "亿元"),
    }
    kids = [c for c, d in g.divisions.items() if d.parent == "510300"]
    for code, v in zip(kids, ZIGONG, strict=True):
        want[(code, "gdp", 2023)] = (pytest.approx(v), "亿元")
    for _n, code, v in CHENGDU:
        want[(code, "gdp", 2023)] = (pytest.approx(v), "亿元")
    return want


def test_a_city_merged_over_its_districts_is_their_parent_and_its_subtotal(tmp_path):
    path = _city_over_districts(tmp_path / "ok.xlsx", 22074.7, 1750.6)
    res = read_table(path)
    rep = res.report
    # the 小计 under a city is the city's figure; the city is no part of the indicator
    assert _table(res.tidy) == _district_truth(22074.7, 1750.6)
    assert set(res.tidy.indicator_label) == {"地区生产总值"}
    assert not rep.unmatched and not rep.warnings
    zh, en = _text(rep, "zh"), _text(rep, "en")
    assert "地区列上方的“自贡市”“成都市”为其下各列地区的上级，其下“小计”列为该地区本身的数值" in zh
    assert (
        "the headings over region columns (自贡市, 成都市) are the parents of the regions "
        "below them; the 小计 column under each is that region's own figure"
    ) in en
    # 自贡市 over all six of its units adds up; 成都市 over 3 of its districts is partial
    assert rep.checks_passed == 1 and not rep.checks_failed
    assert (
        "“成都市”列的下级合计不等于印刷值，未作为校验失败：表中只列出成都市（四川省）的 3/20 个下级地区"
        in zh
    )
    assert "'成都市': its parts do not add up to it, not counted as a failed check" in en


def test_a_wrong_subtotal_under_a_merged_city_fails_naming_its_cell(tmp_path):
    path = _city_over_districts(tmp_path / "bad.xlsx", 22074.7, 1850.6)  # 100 too high
    rep = read_table(path).report
    assert rep.checks_passed == 0 and len(rep.checks_failed) == 1
    f = rep.checks_failed[0]
    assert (f.total_cell, f.total_label, f.indicator, f.year, f.children) == (
        "B5",
        "自贡市",
        "gdp",
        2023,
        6,
    )
    assert (f.printed, f.children_sum) == (pytest.approx(1850.6), pytest.approx(1750.6))
    assert "  B5 自贡市 GDP 2023: printed 1850.6 亿元, 6 parts sum to 1750.6 亿元, off by -100" in (
        _text(rep, "en")
    )
    # the partial city stays a note, never a failure
    assert "“成都市”列的下级合计不等于印刷值，未作为校验失败" in _text(rep, "zh")


@pytest.mark.parametrize(("total", "failed"), [(3014.5, 0), (3114.5, 1)])
def test_whole_city_merged_over_its_total_urban_districts_and_counties(tmp_path, total, failed):
    """德阳市's table: ``全市`` merged over ``合计 | 市辖区 | 县``: the 合计 is 全市's figure, the
    two subtotals its parts."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["德阳市主要经济指标（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["指标", "全市", None, None])
    ws.append([None, "合计", "市辖区", "县"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:D3")
    ws.append(["地区生产总值", total, 1210.3, 1804.2])
    ws.append(["第一产业", 323.6, 100.0, 223.6])
    res = read_table(_save(wb, tmp_path / "deyang.xlsx"))
    rep = res.report
    assert set(res.tidy.indicator) == {"gdp", "gdp_primary"}
    assert set(res.tidy.region) == {"全市", "市辖区", "县"}
    assert (rep.checks_passed, len(rep.checks_failed)) == (2 - failed, failed)
    if failed:
        assert rep.checks_failed[0].total_cell == "B5"
        assert rep.checks_failed[0].total_label == "全市"


def test_a_whole_merged_over_parts_without_its_own_column_is_not_the_indicator(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["德阳市主要经济指标（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["指标", "全市", None])
    ws.append([None, "市辖区", "县"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:C3")
    ws.append(["地区生产总值", 1210.3, 1804.2])
    res = read_table(_save(wb, tmp_path / "noown.xlsx"))
    assert list(res.tidy.indicator) == ["gdp", "gdp"]
    assert list(res.tidy.region) == ["市辖区", "县"]
    assert not res.report.checks_failed and res.report.checks_passed == 0


def _deyang_two_levels(path: Path, urban_total: float) -> Path:
    """``全市`` merged down its two header rows, ``市辖区`` and ``县`` each merged over their
    ``小计`` and units: two levels, each checked against the level above (德阳's 市辖区 are
    旌阳区 and 罗江区; the county-level cities are left out of this bureau sheet's 县 block)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["德阳市分区县主要指标（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["指标", "全市", "市辖区", None, None, "县", None])
    ws.append([None, None, "小计", "旌阳区", "罗江区", "小计", "中江县"])
    for rng in ("A3:A4", "B3:B4", "C3:E3", "F3:G3"):
        ws.merge_cells(rng)
    ws.append(["地区生产总值", 1500.0, urban_total, 700.0, 200.0, 600.0, 600.0])
    return _save(wb, path)


def test_two_levels_of_merged_regions_are_checked_level_by_level(tmp_path):
    res = read_table(_deyang_two_levels(tmp_path / "two.xlsx", 900.0))
    rep = res.report
    # 全市 = 市辖区 + 县 and 市辖区 = 旌阳区 + 罗江区 (县 over one unit adds nothing up)
    assert (rep.checks_passed, len(rep.checks_failed)) == (2, 0)
    assert _table(res.tidy) == {
        ("510603", "gdp", 2023): (pytest.approx(700.0), "亿元"),
        ("510604", "gdp", 2023): (pytest.approx(200.0), "亿元"),
        ("510623", "gdp", 2023): (pytest.approx(600.0), "亿元"),
    }
    agg = res.tidy[res.tidy.level == "aggregate"]
    assert dict(zip(agg.region, agg.value, strict=True)) == {
        "全市": 1500.0,
        "市辖区": 900.0,
        "县": 600.0,
    }
    bad = read_table(_deyang_two_levels(tmp_path / "two_bad.xlsx", 950.0)).report
    # 市辖区's 小计 printed 50 too high: it fails against its districts, and 全市 against it
    assert sorted((f.total_cell, f.total_label) for f in bad.checks_failed) == [
        ("B5", "全市"),
        ("C5", "市辖区"),
    ]


def test_a_district_is_looked_up_inside_the_city_merged_over_it(tmp_path):
    """市中区 under 内江市 and under 乐山市: two places, each found inside its printed city."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["市中区主要指标（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["指标", "内江市", None, "乐山市", None])
    ws.append([None, "小计", "市中区", "小计", "市中区"])
    for rng in ("A3:A4", "B3:C3", "D3:E3"):
        ws.merge_cells(rng)
    ws.append(["地区生产总值", 1725.3, 400.0, 2422.0, 600.0])
    res = read_table(_save(wb, tmp_path / "shizhong.xlsx"))
    assert _table(res.tidy) == {
        ("511000", "gdp", 2023): (pytest.approx(1725.3), "亿元"),
        ("511002", "gdp", 2023): (pytest.approx(400.0), "亿元"),
        ("511100", "gdp", 2023): (pytest.approx(2422.0), "亿元"),
        ("511102", "gdp", 2023): (pytest.approx(600.0), "亿元"),
    }
    assert not res.report.unmatched
    zh, en = _text(res.report, "zh"), _text(res.report, "en")
    assert "2 列的地区名称按其上方合并的地区匹配（如 “市中区”按上方“内江市”匹配为" in zh
    assert "2 columns' region names matched within the region printed over them" in en
    assert "左侧" not in zh

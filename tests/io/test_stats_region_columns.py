"""Region labels as yearbooks and statistics databases print them: with footnote marks
(德阳市①, 自贡市*, 内江市[1]), and in two or three region columns (市 | 县（市、区）, 省份 |
城市 | 区县) where the left column says which same-name county is meant. Each layout is written
as a real file would be and read value by value against the truth table it was written from."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from stats_helpers import report_text, report_texts, truth

from workbench.core.enums import Level
from workbench.core.gazetteer import _PLACEHOLDERS, default_gazetteer
from workbench.io.stats_import import ImportOverrides, read_table

Truth = dict[tuple[str, str, int], float]
Row = tuple[str | None, str | None, str, float, float]  # city, county, code, GDP, population


def _book(path: Path, title: str, header: list[str], rows: list[list[object]]) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2022"
    ws.append([title])
    ws.append(["单位：亿元"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return wb


# ---------------------------------------------------------------- footnote marks

# printed label, code, GDP 2022 (亿元)
MARKED = [
    ("成都市①", "510100", 20817.5),
    ("自贡市(1)", "510300", 1601.3),
    ("攀枝花市*", "510400", 1220.5),
    ("泸州市＊", "510500", 2601.5),
    ("德阳市※", "510600", 2816.9),
    ("绵阳市△", "510700", 3626.9),
    ("广元市▲", "510800", 1208.7),
    ("遂宁市†", "510900", 1614.5),
    ("内江市¹", "511000", 1657.5),
    ("乐山市[1]", "511100", 2332.4),
    ("南充市注1", "511300", 2685.6),
    ("眉山市2", "511400", 1637.4),
    ("宜宾市２", "511500", 3427.2),
    ("广安市⑴", "511600", 1425.3),
    ("达州市", "511700", 2502.7),  # no mark: the plain path
]


def test_footnote_marks_on_region_and_aggregate_labels_are_ignored_for_matching(tmp_path):
    total = round(sum(v for _, _, v in MARKED), 1)
    rows: list[list[object]] = [["全省①", total]]
    rows += [[label, v] for label, _, v in MARKED]
    rows += [["#其中：成都平原经济区*", 31000.0], ["合计※", total]]
    path = tmp_path / "marked.xlsx"
    _book(path, "表3-5 各市地区生产总值（2022年）", ["地区", "地区生产总值"], rows)

    res = read_table(path)
    rep, tidy = res.report, res.tidy
    assert truth(tidy, matched_only=True) == pytest.approx(
        {(c, "gdp", 2022): v for _, c, v in MARKED}
    )
    assert not rep.unmatched and not rep.warnings
    # aggregates stay aggregates, kept as printed in the report, never a place (全省① ≠ 天全县)
    assert [(a.label, a.kind) for a in rep.aggregates] == [
        ("全省①", "total"),
        ("#其中：成都平原经济区*", "group"),
        ("合计※", "total"),
    ]
    agg = tidy[tidy["level"] == "aggregate"]
    assert list(agg["region"]) == ["全省", "成都平原经济区", "合计"]
    assert not rep.checks_failed and rep.checks_passed >= 1
    # the tidy table names the place; the cell says where the printed label was
    deyang = tidy[tidy["region_code"] == "510600"].iloc[0]
    assert (deyang["region"], deyang["cell"]) == ("德阳市", "B9")
    zh, en = report_texts(rep)
    assert "推断：17 个地区名称带脚注标记（如 全省①、成都市①、自贡市(1)），匹配时不计标记" in zh
    assert (
        "Inferred: 17 region labels carry a footnote mark (e.g. 全省①, 成都市①, 自贡市(1)); "
        "the mark is ignored for matching"
    ) in en.replace("、", ", ")


def test_a_table_without_marks_says_nothing_about_them(tmp_path):
    path = tmp_path / "plain.xlsx"
    _book(
        path,
        "各市地区生产总值（2022年）",
        ["地区", "地区生产总值"],
        [["德阳市", 1.0], ["绵阳市", 2.0]],
    )
    rep = read_table(path).report
    assert "脚注" not in report_text(rep, "zh") and "footnote" not in report_text(rep, "en")


# ------------------------------------------------------------ city | county columns

# (city cell, county cell, code, GDP, population); None: blank or inside a merged city cell
CITY_COUNTY: list[Row] = [
    ("全省", None, "", 9353.6, 1156.5),  # its cities, and 成都's districts (no 成都 row)
    ("德阳市", None, "510600", 2816.9, 345.6),  # the city's own row: its county cell blank
    (None, "旌阳区", "510603", 800.1, 80.1),
    (None, "中江县", "510623", 500.2, 100.2),
    (None, "广汉市", "510681", 1516.6, 165.3),
    ("内江市", None, "511000", 1657.5, 310.0),
    ("内江市", "市中区", "511002", 301.5, 50.1),  # A10:A12 merged
    (None, "东兴区", "511011", 450.0, 80.0),
    (None, "隆昌市", "511083", 906.0, 179.9),
    ("乐山市", None, "511100", 2332.4, 315.2),
    ("乐山市", "市中区", "511102", 700.2, 60.2),  # A14:A16 merged
    (None, "五通桥区", "511112", 200.1, 30.0),
    (None, "峨眉山市", "511181", 1432.1, 225.0),
    ("成都市", "锦江区", "510104", 1104.3, 90.3),  # no city row; A15:A16 merged
    (None, "青羊区", "510105", 1442.5, 95.4),
]


def _city_county_book(path: Path, rows: list[Row]) -> None:
    wb = _book(
        path,
        "表 各县（市、区）主要经济指标（2022年）",
        ["市", "县（市、区）", "地区生产总值", "常住人口（万人）"],
        [[a, b, g, p] for a, b, _, g, p in rows],
    )
    ws = wb.active
    first = 4  # the sheet row of rows[0]
    k = 0
    while k < len(rows):  # merge each city printed over several county rows, as yearbooks do
        end = k + 1
        while end < len(rows) and rows[end][0] is None and rows[end][1] is not None:
            end += 1
        if rows[k][0] is not None and rows[k][1] is not None and end - k > 1:
            ws.merge_cells(f"A{first + k}:A{first + end - 1}")
        k = end
    wb.save(path)


def _city_county_truth(rows: list[Row]) -> Truth:
    """GDP and population of the rows that name a place (a code), as truth() gives them."""
    want: Truth = {}
    for _, _, code, gdp, pop in rows:
        if code:
            want[(code, "gdp", 2022)] = gdp
            want[(code, "population", 2022)] = pop
    return want


def test_city_column_tells_same_name_districts_apart(tmp_path):
    path = tmp_path / "city_county.xlsx"
    _city_county_book(path, CITY_COUNTY)
    wb = openpyxl.load_workbook(path)
    assert {str(r) for r in wb.active.merged_cells.ranges} == {"A10:A12", "A14:A16", "A17:A18"}

    res = read_table(path)
    rep = res.report
    want = _city_county_truth(CITY_COUNTY)
    assert truth(res, matched_only=True) == pytest.approx(want)
    assert not rep.unmatched and not rep.warnings
    assert [(a.label, a.cell) for a in rep.aggregates] == [("全省", "A4")]
    # 全省 is the sum of its cities, not of the cities and their counties printed beside them
    assert not rep.checks_failed and rep.checks_passed >= 1
    zh, en = report_texts(rep)
    assert (
        "推断：2 行的地区名称按左侧地区列的上级匹配（如 “市中区”按左列“内江市”匹配为 "
        "市中区（四川省·内江市）；“市中区”按左列“乐山市”匹配为 市中区（四川省·乐山市）"
    ) in zh
    assert (
        "Inferred: 2 rows' region names matched within the region printed in the column to their "
        "left (e.g. '市中区' within '内江市' → 市中区（四川省·内江市）; '市中区' within '乐山市' → "
        "市中区（四川省·乐山市）"
    ) in en
    assert "“市中区”匹配为" not in zh  # summarised, not a line per row


def test_a_county_printed_under_the_wrong_city_is_not_matched_elsewhere(tmp_path):
    rows: list[Row] = [
        ("德阳市", "旌阳区", "510603", 800.1, 80.1),
        ("内江市", "旌阳区", "", 11.1, 1.1),  # unique nationwide, but not a part of 内江
        ("德阳市", "市中区", "", 22.2, 2.2),  # four 市中区, none in 德阳
        ("资阳市", "简阳市", "", 33.3, 3.3),  # 成都's since 2016: an old table, or a slip
        ("乐山市", "市中区", "511102", 700.2, 60.2),
        ("资阳市", "安岳县", "512021", 500.5, 120.5),
        ("德阳市", "城区", "", 44.4, 4.4),  # 德阳 has no district 城区: a grouping row
        ("阳泉市", "城区", "140302", 150.3, 30.1),  # 阳泉's district of that name
    ]
    path = tmp_path / "wrong_city.xlsx"
    _city_county_book(path, rows)

    res = read_table(path)
    rep = res.report
    want = _city_county_truth(rows)
    got = truth(res, matched_only=True)
    assert got == pytest.approx(want)
    assert "510603" in {c for c, _, _ in got} and "510185" not in {c for c, _, _ in got}
    assert rep.skipped_counts["no_region"] == 6
    un = {u.label: u for u in rep.unmatched}
    assert set(un) == {"旌阳区", "市中区", "简阳市"}
    assert (un["旌阳区"].cells, un["旌阳区"].suggestions) == (["B5"], ["旌阳区（四川省·德阳市）"])
    assert un["简阳市"].suggestions == ["简阳市（四川省·成都市）"]
    assert un["市中区"].cells == ["B6"] and "市中区（四川省·内江市）" in un["市中区"].suggestions
    zh, en = report_texts(rep)
    assert (
        "  旌阳区（B5，2 个数值）：左侧地区列为“内江市”，其下没有此地区（区划调整前的表，或印错？）"
        "；是否指 旌阳区（四川省·德阳市）？"
    ) in zh
    assert (
        "  旌阳区（B5，2 values）: the region column to its left says '内江市', which has no such "
        "unit (a table from before a boundary change, or a slip?); did you mean "
        "旌阳区（四川省·德阳市）?"
    ) in en
    assert "左侧地区列为“资阳市”" in zh and "左侧地区列为“德阳市”" in zh
    assert [(a.label, a.kind, a.cell) for a in rep.aggregates] == [("城区", "group", "B10")]


def test_the_planners_choice_stands_where_the_left_column_finds_nothing(tmp_path):
    rows: list[Row] = [
        ("资阳市", "简阳市", "", 33.3, 3.3),
        ("内江市", "市中区", "", 301.5, 50.1),
        ("乐山市", "市中区", "", 700.2, 60.2),
        ("德阳市", "市中区", "", 22.2, 2.2),
    ]
    path = tmp_path / "chosen.xlsx"
    _city_county_book(path, rows)
    # chosen by label in the wizard, for the rows it listed as unmatched
    ov = ImportOverrides(region_matches={"简阳市": "510185", "市中区": "511002"})
    res = read_table(path, overrides=ov)
    by_cell = {r.cell: r.region_code for r in res.tidy.itertuples()}
    assert by_cell["C4"] == "510185"  # the planner's choice over the printed 资阳市
    assert by_cell["C5"] == "511002"
    assert by_cell["C6"] == "511102"  # the printed 乐山市 still decides this row
    assert by_cell["C7"] == "511002"  # no 市中区 in 德阳: the planner's choice
    assert not res.report.unmatched


# ------------------------------------------------- database export: 省份 | 城市 | 区县

# province, city, county, code, {year: GDP 亿元}
DB_ROWS = [
    ("四川省", "", "", "510000", {2022: 56749.8, 2021: 53850.8}),
    ("四川省", "德阳市", "", "510600", {2022: 2816.9, 2021: 2656.6}),
    ("四川省", "德阳市", "旌阳区", "510603", {2022: 800.1, 2021: 760.2}),
    ("四川省", "内江市", "市中区", "511002", {2022: 301.5, 2021: 290.1}),
    ("四川省", "乐山市", "市中区", "511102", {2022: 512.3, 2021: 480.2}),
    ("山东省", "济南市", "市中区", "370103", {2022: 1200.5, 2021: 1150.4}),
    ("山东省", "枣庄市", "市中区", "370402", {2022: 400.2, 2021: 390.1}),
    ("重庆市", "", "江北区", "500105", {2022: 1600.3, 2021: 1500.2}),
    ("浙江省", "宁波市", "江北区", "330205", {2022: 900.4, 2021: 850.3}),  # not 重庆's
    ("重庆市", "", "渝北区", "500112", {2022: 2300.1, 2021: 2200.2}),
    ("四川省", "内江市", "旌阳区", "", {2022: 1.0, 2021: 1.0}),  # a slip: 旌阳区 is 德阳's
    ("重庆市", "德阳市", "", "", {2022: 2.0, 2021: 2.0}),  # a city under the wrong province
]


def test_database_export_gbk_with_province_city_county_columns(tmp_path):
    lines = [
        "数据库：分县年度数据（合成数据 / SYNTHETIC）",
        "指标：地区生产总值(亿元)",
        "时间：最近2年",
        "省份,城市,区县,2022年,2021年",
    ]
    for prov, city, county, _, vals in DB_ROWS:
        lines.append(",".join([prov, city, county, str(vals[2022]), str(vals[2021])]))
    lines.append("数据来源：合成测试数据")
    path = tmp_path / "db_counties_gbk.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))

    res = read_table(path)
    rep = res.report
    want = {(c, "gdp", y): v for *_, c, vals in DB_ROWS if c for y, v in vals.items()}
    assert truth(res) == pytest.approx(want)
    assert rep.encoding == "GB18030/GBK" and not rep.warnings
    un = {u.label: (u.cells, u.values) for u in rep.unmatched}
    assert un == {"旌阳区": (["C15"], 2), "德阳市": (["B16"], 2)}
    zh, en = report_texts(rep)
    assert "左侧地区列为“内江市”，其下没有此地区" in zh
    assert "德阳市（B16，2 个数值）：左侧地区列为“重庆市”，其下没有此地区" in zh
    assert "the region column to its left says '内江市', which has no such unit" in en
    # 市中区 ×4 and 江北区 ×2, each told apart by the columns to its left, in one line
    (line,) = [x for x in zh.splitlines() if "按左侧地区列的上级匹配" in x]
    assert line.startswith("推断：6 行的地区名称按左侧地区列的上级匹配（如 “市中区”按左列“内江市”")
    assert "匹配为 江北区（重庆市）（本省/市优先）" not in zh  # the printed 重庆市 decided it


# ------------------------------------------- every same-name county of the country


def _same_name_counties() -> list[tuple[str, str, str, str]]:
    """(province, city, county, code) of every county whose name another county shares."""
    g = default_gazetteer()
    counties = [d for d in g.divisions.values() if d.level is Level.COUNTY]
    shared = Counter(d.name for d in counties)
    out = []
    for d in counties:
        city = g.divisions[d.parent]
        if shared[d.name] < 2 or city.name in _PLACEHOLDERS or city.level is not Level.PREFECTURE:
            continue
        out.append((g.divisions[city.parent].name, city.name, d.name, d.code))
    return sorted(out)


def test_every_same_name_county_resolved_by_its_printed_province_and_city(tmp_path):
    rows = _same_name_counties()
    assert len(rows) >= 40
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["全国同名县（市、区）地区生产总值（2022年）"])
    ws.append(["单位：亿元"])
    ws.append(["省份", "城市", "区县", "地区生产总值"])
    want: Truth = {}
    last_prov, last_city, prov_start = "", "", 4
    for i, (prov, city, county, code) in enumerate(rows):
        r = 4 + i
        if prov != last_prov:  # each province merged over its rows
            if r - 1 > prov_start:
                ws.merge_cells(f"A{prov_start}:A{r - 1}")
            prov_start, last_prov, last_city = r, prov, ""
        value = 100.0 + i
        ws.append([prov if r == prov_start else None, city if city != last_city else None])
        ws.cell(r, 3, county)
        ws.cell(r, 4, value)
        last_city = city
        want[(code, "gdp", 2022)] = value
    path = tmp_path / "same_names.xlsx"
    wb.save(path)

    res = read_table(path)
    rep = res.report
    assert truth(res) == pytest.approx(want)
    assert not rep.unmatched and not rep.warnings
    zh = report_text(rep, "zh")
    (line,) = [x for x in zh.splitlines() if "匹配为" in x]  # one line for all of them
    assert line.startswith(f"推断：{len(rows)} 行的地区名称按左侧地区列的上级匹配")


def test_a_left_column_of_the_same_level_is_no_parent():
    from workbench.io.stats_import.regions import RegionMatcher

    ms = RegionMatcher().match_all(
        ["德阳市", "旌阳区", "渝北区"], parents=[("成都市",), ("四川省", "成都市"), ("四川省",)]
    )
    # 德阳市 beside 成都市 (出发地 | 目的地): kept; 旌阳区 under 成都市 and 渝北区 under 四川省: not
    assert [(m.code, m.how.split(":")[0]) for m in ms] == [
        ("510600", "name"),
        ("", "outside"),
        ("", "outside"),
    ]
    assert [m.context for m in ms] == ["", "成都市", "四川省"]


def test_a_total_over_cities_and_their_counties_listed_alike_checks_the_cities(tmp_path):
    rows: list[list[object]] = [
        ["全省", 4474.4],
        ["德阳市", 2816.9],
        ["旌阳区", 800.1],
        ["中江县", 500.2],
        ["内江市", 1657.5],
        ["东兴区", 450.0],
    ]
    path = tmp_path / "flat.xlsx"
    _book(path, "各市县地区生产总值（2022年）", ["地区", "地区生产总值"], rows)
    rep = read_table(path).report
    assert rep.checks_passed == 1 and not rep.checks_failed


def test_a_typed_code_the_gazetteer_does_not_know_is_left_as_chosen():
    from workbench.io.stats_import.regions import RegionMatcher

    ms = RegionMatcher(manual={"旌阳区": "519999"}).match_all(["旌阳区"], parents=[("内江市",)])
    assert (ms[0].code, ms[0].how) == ("519999", "manual")


def test_bilingual_yearbook_names_with_an_english_gloss_in_the_same_cell(tmp_path):
    """四川统计年鉴-style rows: the Chinese name padded with spaces and its English name in one
    cell (成 都 市 Chengdu), or on a second line; the total row too (全省 Sichuan)."""
    path = tmp_path / "bilingual.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["3-5 各市（州）地区生产总值（2023年）"],
        ["Gross Regional Product by City (2023)"],
        ["单位：亿元"],
        ["地  区\nRegion", "地区生产总值\nGRP"],
        ["全  省 Sichuan", 5280.0],
        ["成 都 市 Chengdu", 3000.0],
        ["自贡市\nZigong", 1000.0],
        ["攀枝花市 Panzhihua City", 800.0],
        ["德阳市① Deyang", 480.0],
        ["Unknown Place", 1.0],
    ]:
        ws.append(row)
    wb.save(path)
    res = read_table(path)
    assert truth(res, matched_only=True) == {
        ("510100", "gdp", 2023): 3000.0,
        ("510300", "gdp", 2023): 1000.0,
        ("510400", "gdp", 2023): 800.0,
        ("510600", "gdp", 2023): 480.0,
    }
    total = res.tidy[res.tidy["level"] == "aggregate"]
    assert list(total["value"]) == [5280.0]  # a total row, not a place
    assert [u.label for u in res.report.unmatched] == ["Unknown Place"]  # never guessed


def test_functional_areas_are_unmatched_with_the_reason_not_look_alike_suggestions(tmp_path):
    """天府新区, 两江新区 and development zones are printed among districts but are no division;
    浦东新区, a real district named …新区, still matches its code."""
    path = tmp_path / "zones.xlsx"
    _book(
        path,
        "2022年各区县（功能区）地区生产总值",
        ["地区", "地区生产总值（亿元）"],
        [["浦东新区", 16013.4], ["天府新区", 4500.0], ["两江新区", 4000.0], ["成都高新区", 3000.0]],
    )
    res = read_table(path)
    assert truth(res) == {("310115", "gdp", 2022): 16013.4}
    unmatched = {u.label: u for u in res.report.unmatched}
    assert set(unmatched) == {"天府新区", "两江新区", "成都高新区"}
    assert all(u.suggestions == [] for u in unmatched.values())
    zh, en = report_texts(res.report)
    assert "天府新区（A5，1 个数值）：功能区" in zh and "是否指" not in zh
    assert "functional area" in en


def test_a_code_printed_beside_the_name_is_checked_against_it(tmp_path):
    """Database exports print the division code in the name's cell (510100 成都市, [510700]绵阳市,
    the 12-digit statistical code); a code and a name that disagree match neither."""
    path = tmp_path / "codes.csv"
    path.write_text(
        "地区,地区生产总值(亿元)\n510100 成都市,20817.5\n德阳市(510600),2816.9\n"
        "[510700]绵阳市,3626.9\n510300000000 自贡市,1601.3\n510100 德阳市,1.0\n",
        encoding="utf-8",
    )
    res = read_table(path, year=2022)
    assert truth(res) == {
        ("510100", "gdp", 2022): 20817.5,
        ("510600", "gdp", 2022): 2816.9,
        ("510700", "gdp", 2022): 3626.9,
        ("510300", "gdp", 2022): 1601.3,
    }
    (bad,) = res.report.unmatched
    assert bad.label == "510100 德阳市"
    assert "代码 510100（成都市）与名称“德阳市”不符" in report_text(res.report, "zh")
    assert "code 510100 (成都市) does not fit the name '德阳市'" in report_text(res.report, "en")


def test_code_beside_name_in_the_gazetteer():
    g = default_gazetteer()
    assert g.lookup("510100 成都市").code == "510100"
    assert g.lookup("成都市 510100000000").code == "510100"
    assert g.lookup("510100 德阳市").code is None
    assert g.lookup("510122 双流区").code == "510116"  # a retired code: the name decides

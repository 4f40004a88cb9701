"""Issue 16: the layouts bureaus and statistics databases really send, each read value by value
against the truth table it was written from (tests/data/stats/make_fixtures_round2.py)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import openpyxl
import pytest
from stats_helpers import report_text, truth

from workbench.core.gazetteer import default_gazetteer
from workbench.io.stats_import import (
    ReadCancelled,
    StatsImportError,
    read_table,
    read_workbook,
)
from workbench.io.stats_import import reader as reader_mod

DATA = Path(__file__).parents[1] / "data" / "stats"
_spec = importlib.util.spec_from_file_location("round2", DATA / "make_fixtures_round2.py")
SRC = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(SRC)


# each value with its unit, the unit printed and the cell it was read from
PROVENANCE = ("unit", "original_unit", "sheet", "cell")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("四川省德阳市", "510600"),
        ("重庆市渝北区", "500112"),
        ("四川德阳", "510600"),
        ("四川省乐山市市中区", "511102"),
        ("四川省内江市市中区", "511002"),
        ("乐山市市中区", "511102"),
        ("江苏省南京市玄武区", "320102"),
        ("重庆市", "500000"),  # the province itself, named alone
    ],
)
def test_prefixed_names_resolve_to_the_most_specific_unit(name, code):
    got = default_gazetteer().lookup(name)
    assert (got.code, got.matched_by in ("prefix", "name")) == (code, True)


def test_prefix_never_guesses_and_never_suggests_the_province():
    g = default_gazetteer()
    both = g.lookup("四川省市中区")  # two 市中区 in Sichuan: candidates, no guess
    assert both.code is None and set(both.candidates) == {"511002", "511102"}
    typo = g.lookup("四川省德杨市")
    assert typo.code is None and "四川省" not in typo.suggestions
    assert "德阳市" in typo.suggestions
    merged = g.lookup("重庆市万盛区")  # a unit merged into another stays a former unit
    assert merged.matched_by.endswith("former_unit")


def test_database_csv_gbk_regions_by_years_with_prefixed_names_and_gaps():
    res = read_table(DATA / "db_regions_gbk.csv")
    rep = res.report
    got = truth(res, *PROVENANCE)
    want = {
        (code, "gdp", y): v
        for _name, code, vals in SRC.DB_REGIONS
        for y, v in vals.items()
        if v is not None
    }
    assert {k: v[0] for k, v in got.items()} == pytest.approx(want)
    assert {v[1] for v in got.values()} == {"亿元"}
    assert rep.encoding == "GB18030/GBK" and not rep.unmatched and not rep.warnings
    assert rep.skipped_counts["missing"] == 3  # NA, —, …
    text = report_text(rep, "zh")
    assert "5 个地区名称带省/市前缀" in text and "四川省德阳市 → 德阳市（四川省）" in text
    assert "region names carry their province/city" in report_text(rep, "en")


def test_database_csv_indicator_names_carry_their_own_unit_per_row():
    res = read_table(DATA / "db_indicators_gbk.csv")
    got = truth(res, *PROVENANCE)
    factor = {"亿元": 1.0, "万元": 1e-4, "万人": 1.0, "%": 1.0}
    canon = {"亿元": "亿元", "万元": "亿元", "万人": "万人", "%": "%"}
    want = {
        ("510600", key, y): (v * factor[unit], canon[unit], unit)
        for _label, key, unit, vals in SRC.DB_INDICATORS
        for y, v in vals.items()
    }
    assert set(got) == set(want)
    for k, (v, unit, orig) in want.items():
        assert got[k][:3] == (pytest.approx(v, rel=1e-12), unit, orig), k
    assert res.report.skipped_counts["missing"] == 1  # the NA of 2020's revenue
    assert "4 个指标名称自带单位" in report_text(res.report, "zh")
    assert "indicator names carry their own unit" in report_text(res.report, "en")
    assert list(res.report.columns[0].label) and res.report.columns[0].year == 2022  # newest first


def test_one_sheet_per_year_year_from_the_sheet_name_and_percent_format():
    res = read_workbook(DATA / "sheets_per_year.xlsx")
    got = truth(res, *PROVENANCE)
    want = {}
    for year, rows in SRC.PER_YEAR.items():
        for _name, code, gdp, urban in rows:
            want[(code, "gdp", year)] = (gdp, "亿元", f"{year}年")
            want[(code, "urbanization_rate", year)] = (urban * 100, "%", f"{year}年")
    assert set(got) == set(want)
    for k, (v, unit, sheet) in want.items():
        assert (got[k][0], got[k][1], got[k][3]) == (pytest.approx(v, rel=1e-12), unit, sheet)
    rep = res.report
    assert [p.sheet for p in rep.parts] == ["2022年", "2021年"]
    assert all(p.year_source == "sheet" for p in rep.parts)
    skipped = {name: zh for name, zh, _en in rep.sheets_skipped}
    assert skipped["说明"] == "说明页" and "版式" in skipped["附表"]
    text = report_text(rep, "zh")
    assert "年份：2022（取自工作表名）" in text and "按 ×100 以 % 导入" in text
    assert "from the sheet's name" in report_text(rep, "en")


def test_single_sheet_read_takes_the_year_from_the_sheet_name():
    res = read_table(DATA / "sheets_per_year.xlsx", sheet="2021年")
    assert set(res.tidy.year) == {2021} and res.report.year_source == "sheet"


def test_year_from_the_file_name_but_not_a_yearbook_edition(tmp_path):
    body = "地区,地区生产总值（亿元）\r\n成都市,20817.5\r\n德阳市,2816.9\r\n"
    plain = tmp_path / "主要城市2022年.csv"
    plain.write_bytes(body.encode("gbk"))
    res = read_table(plain)
    assert set(res.tidy.year) == {2022} and res.report.year_source == "file"
    edition = tmp_path / "四川统计年鉴2023.csv"  # an edition year: its data are of 2022
    edition.write_bytes(body.encode("gbk"))
    res = read_table(edition)
    assert res.tidy.empty and res.report.skipped_counts["no_year"] == 2
    assert "年鉴版次" in report_text(res.report, "zh")


def test_year_grouped_header_growth_beside_gdp():
    res = read_table(DATA / "year_groups_growth.xlsx")
    got = truth(res, *PROVENANCE)
    want = {}
    for _name, code, vals in SRC.GROUPED:
        for y, (gdp, growth) in vals.items():
            want[(code, "gdp", y)] = (gdp, "亿元")
            want[(code, "gdp_growth", y)] = (growth, "%")
    assert set(got) == set(want)
    for k, (v, unit) in want.items():
        assert got[k][:2] == (v, unit), k  # 0.028 shown as 2.8% is stored as exactly 2.8
    text = report_text(res.report, "zh")
    assert "列“2021年/增速”视为左侧“地区生产总值（亿元）”的增速" in text
    assert "read as the growth of the column on its left" in report_text(res.report, "en")


def test_growth_named_after_the_title_indicator(tmp_path):
    path = tmp_path / "growth_title.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年各市地区生产总值及增速"])
    ws.append(["地区", "总量（亿元）", "增速（%）"])
    ws.append(["成都", 22074.7, 6.0])
    ws.append(["德阳", 2991.1, 6.3])
    wb.save(path)
    got = truth(read_table(path), *PROVENANCE)
    assert got[("510100", "gdp", 2023)][:2] == (22074.7, "亿元")
    assert got[("510600", "gdp_growth", 2023)][:2] == (6.3, "%")


def test_growth_row_under_an_indicator_row(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        "地区：成都市\n指标,2022年,2021年\n地区生产总值（亿元）,20817.5,19917.0\n增速（%）,2.8,8.6\n",
        encoding="utf-8",
    )
    res = read_table(path)
    got = truth(res, *PROVENANCE)
    assert got[("510100", "gdp_growth", 2021)][:2] == (8.6, "%")
    assert "视为上一行“地区生产总值（亿元）”的增速" in report_text(res.report, "zh")


def test_excel_indent_format_is_hierarchy():
    res = read_table(DATA / "indent_format.xlsx")
    got = truth(res, *PROVENANCE)
    want = {(code, "gdp", 2022): gdp for _n, _i, code, gdp in SRC.INDENTED}
    assert {k: v[0] for k, v in got.items()} == want
    assert res.report.checks_passed == 2 and not res.report.checks_failed
    assert not res.report.warnings and not res.report.unmatched


def test_percent_format_in_an_amount_column_is_skipped_not_scaled(tmp_path):
    path = tmp_path / "pct.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2022年各市地区生产总值"])
    ws.append(["地区", "地区生产总值（亿元）"])
    ws.append(["成都", 20817.5])
    ws.append(["德阳", 0.5])
    ws["B4"].number_format = "0%"
    ws.append(["绵阳", 3626.9])
    ws["B5"].number_format = '0.0"%"'  # a quoted % sign: shown as typed, not ×100
    wb.save(path)
    res = read_table(path)
    got = truth(res, *PROVENANCE)
    assert ("510600", "gdp", 2022) not in got
    assert got[("510700", "gdp", 2022)][0] == 3626.9
    assert res.report.skipped_counts["percent_mismatch"] == 1


def test_cancel_stops_between_sheets(monkeypatch):
    seen: list[str] = []
    real = reader_mod.read_sheet

    def spy(p, kind, sheets, *a, **k):
        seen.append(sheets[0].name)
        return real(p, kind, sheets, *a, **k)

    monkeypatch.setattr("workbench.io.stats_import.workbook.read_sheet", spy)
    with pytest.raises(ReadCancelled):
        read_workbook(DATA / "sheets_per_year.xlsx", cancel=lambda: len(seen) >= 1)
    assert seen == ["2022年"]  # stopped partway: the other sheets were never read


def test_cancel_inside_one_read():
    calls = iter(range(100))
    with pytest.raises(ReadCancelled):
        read_table(DATA / "year_groups_growth.xlsx", cancel=lambda: next(calls) >= 2)


def test_hostile_file_in_all_sheets_mode_keeps_its_message(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(StatsImportError) as e:
        read_workbook(bad)
    assert "bad.xlsx" in str(e.value)


def test_no_numbers_in_any_sheet_names_every_sheet(tmp_path):
    path = tmp_path / "empty.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "甲"
    wb.active["A1"] = "只有文字"
    wb.create_sheet("乙")["A1"] = "也没有数字"
    wb.save(path)
    with pytest.raises(StatsImportError) as e:
        read_workbook(path)
    assert "甲" in e.value.zh and "乙" in e.value.zh


def test_values_are_finite_everywhere():
    for name in ("db_regions_gbk.csv", "sheets_per_year.xlsx", "year_groups_growth.xlsx"):
        res = read_workbook(DATA / name)
        assert all(math.isfinite(v) for v in res.tidy.value)


@pytest.mark.parametrize("name", ["四川省·德阳市", "四川省 德阳市", "四川/德阳", "四川省-德阳市"])
def test_prefix_with_a_joiner(name):
    assert default_gazetteer().lookup(name).code == "510600"


def test_half_year_title_is_not_taken_as_the_year(tmp_path):
    path = tmp_path / "h1.csv"
    path.write_text(
        "2023年1-6月各市地区生产总值\n地区,地区生产总值（亿元）\n成都,10442.4\n德阳,1349.0\n",
        encoding="utf-8",
    )
    res = read_table(path)
    assert res.tidy.empty and res.report.skipped_counts["no_year"] == 2
    assert any("1-6月" in zh for zh, _en in res.report.warnings)
    full = tmp_path / "full.csv"
    full.write_text(
        "2023年1-12月各市地区生产总值\n地区,地区生产总值（亿元）\n成都,22074.7\n",
        encoding="utf-8",
    )
    assert set(read_table(full).tidy.year) == {2023}


def test_sheets_printing_different_values_for_one_key_are_warned(tmp_path):
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, gdp in (("初步核算", 2816.9), ("最终核实", 2830.2)):
        ws = wb.create_sheet(title)
        ws.append(["2022年各市地区生产总值"])
        ws.append(["地区", "地区生产总值（亿元）"])
        ws.append(["德阳市", gdp])
        ws.append(["绵阳市", 3626.9])
    wb.save(path)
    res = read_workbook(path)
    assert len(res.tidy) == 4  # both kept, with their sheets; the planner chooses
    assert any("不同工作表" in zh and "德阳市" in zh for zh, _en in res.report.warnings)
    assert not any("绵阳" in zh for zh, _en in res.report.warnings)


def test_a_hostile_styles_part_is_read_in_linear_time_and_never_raises(tmp_path):
    import time
    import zipfile

    from workbench.io.stats_import.cell_formats import sheet_formats

    src, path = DATA / "year_groups_growth.xlsx", tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/styles.xml":  # 50,000 unclosed elements
                data = b'<styleSheet><cellXfs><xf numFmtId="10"' + b"<xf " * 50_000
            zout.writestr(item, data)
    t = time.perf_counter()
    fmts = sheet_formats(path, "表3")
    assert time.perf_counter() - t < 2.0
    assert not fmts.indent  # whatever it found, it found without an exception
    with pytest.raises(StatsImportError) as e:  # calamine refuses the part: one clear line
        read_table(path)
    assert "damaged.xlsx" in str(e.value)


def test_year_groups_with_a_generic_amount_and_growth_named_by_the_title(tmp_path):
    path = tmp_path / "groups.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["各市地区生产总值"])
    ws.append(["地区", "2022年", None, "2023年", None])
    ws.append([None, "绝对值（亿元）", "比上年增长（%）", "绝对值（亿元）", "比上年增长（%）"])
    ws.merge_cells("B2:C2")
    ws.merge_cells("D2:E2")
    ws.append(["成都", 20817.5, 2.8, 22074.7, 6.0])
    ws.append(["德阳", 2816.9, 3.4, 2991.1, 6.3])
    wb.save(path)
    got = truth(read_table(path), *PROVENANCE)
    assert got[("510600", "gdp", 2023)][:2] == (2991.1, "亿元")
    assert got[("510600", "gdp_growth", 2022)][:2] == (3.4, "%")
    assert len(got) == 8


def test_growth_group_after_the_indicator_group(tmp_path):
    path = tmp_path / "ind_over_years.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区", "地区生产总值（亿元）", None, "增速（%）", None])
    ws.append([None, "2021年", "2022年", "2021年", "2022年"])
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    ws.append(["成都", 19917.0, 20817.5, 8.6, 2.8])
    ws.append(["德阳", 2656.6, 2816.9, 8.8, 3.4])
    wb.save(path)
    res = read_table(path)
    got = truth(res, *PROVENANCE)
    assert got[("510600", "gdp_growth", 2021)][:2] == (8.8, "%")
    assert got[("510100", "gdp_growth", 2022)][:2] == (2.8, "%")
    assert got[("510100", "gdp", 2022)][:2] == (20817.5, "亿元")


def test_long_database_export_region_and_indicator_columns(tmp_path):
    path = tmp_path / "long.csv"
    lines = [
        "数据库：分市县年度数据",
        "地区,指标,2022年,2021年",
        "四川省德阳市,地区生产总值(亿元),2816.9,2656.6",
        "四川省德阳市,地方一般公共预算收入(万元),1523400,NA",
        "重庆市渝北区,地区生产总值(亿元),2300.1,2200.2",
        "重庆市渝北区,地方一般公共预算收入(万元),1000000,980000",
    ]
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    res = read_table(path)
    got = truth(res, *PROVENANCE)
    assert got[("510600", "fiscal_revenue", 2022)][:3] == (pytest.approx(152.34), "亿元", "万元")
    assert got[("500112", "gdp", 2021)][:2] == (2200.2, "亿元")
    assert len(got) == 7 and not res.report.unmatched


def test_a_file_name_year_does_not_override_year_columns(tmp_path):
    path = tmp_path / "export_2023.csv"
    path.write_text(
        "指标：地区生产总值(亿元)\n地区,2021年,2022年\n成都市,19917.0,20817.5\n", encoding="utf-8"
    )
    res = read_table(path)
    assert res.report.year_source == "columns" and set(res.tidy.year) == {2021, 2022}
    assert "取自文件名" not in report_text(res, "zh")


def test_progress_names_each_sheet_before_reading_it():
    calls = []
    read_workbook(DATA / "sheets_per_year.xlsx", progress=lambda *a: calls.append(a))
    assert calls == [(0, 3, "2022年"), (1, 3, "2021年"), (2, 3, "附表")]


def test_full_names_resolve_to_their_own_place():
    """A suggestion is written with its parents (市中区（四川省·内江市）) so that choosing it in
    the wizard resolves to that place, even against the Sichuan/Chongqing preference."""
    g = default_gazetteer()
    assert g.lookup("江北区（浙江省·宁波市）").code == "330205"
    assert g.lookup("江北区").code == "500105"  # alone: the local one, as before
    wrong = [c for c in g.divisions if (got := g.lookup(g.full_name(c)).code) and got != c]
    assert wrong == []
    assert g.full_name("441900") == "东莞市"  # its own parent: no endless climb
    sugg = g.lookup("四川省乐山市市钟区").suggestions
    assert sugg == ["市中区（四川省·乐山市）"] and g.lookup(sugg[0]).code == "511102"


def test_default_gazetteer_is_one_instance_whichever_thread_loads_it(monkeypatch):
    import threading

    from workbench.core import gazetteer

    monkeypatch.setattr(gazetteer, "_DEFAULT", None)
    got = []
    threads = [
        threading.Thread(target=lambda: got.append(gazetteer.default_gazetteer())) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(g is got[0] for g in got)
    assert gazetteer.default_gazetteer() is got[0]


def test_a_years_sheet_adding_an_indicator_is_still_read_with_the_others(tmp_path):
    path = tmp_path / "years.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for year, extra in ((2022, True), (2021, False)):
        ws = wb.create_sheet(f"{year}年")
        header = ["地区", "地区生产总值（亿元）", "常住人口（万人）"]
        ws.append([*header, "一般公共预算收入（亿元）"] if extra else header)
        ws.append(["成都市", 20817.5 - (2022 - year), 2126.8, *([1722.4] if extra else [])])
    other = wb.create_sheet("各县指标")  # indicators × years: another table
    other.append(["指标", "2022年", "2021年"])
    other.append(["地区生产总值（亿元）", 1.0, 2.0])
    wb.save(path)
    res = read_workbook(path)
    got = truth(res, *PROVENANCE)
    assert got[("510100", "fiscal_revenue", 2022)][0] == 1722.4
    assert got[("510100", "population", 2021)][0] == 2126.8
    assert [p.sheet for p in res.report.parts] == ["2022年", "2021年"]
    assert [name for name, *_ in res.report.sheets_skipped] == ["各县指标"]

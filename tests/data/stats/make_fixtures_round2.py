"""Fixtures for issue 16 (layouts bureaus and statistics databases send), built the way the real
files are: database CSV exports in GBK with metadata lines above the header, a workbook with one
sheet per year, percent-formatted fractions, year-grouped two-row headers, Excel indent format.

    python tests/data/stats/make_fixtures_round2.py

All numbers are SYNTHETIC (made up for the tests, said in each file). The lists below are the
truth tables the tests check every imported value against.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent

# db_regions_gbk.csv: printed name, code, {year: GDP 亿元 or None for a gap}
DB_REGIONS = [
    ("四川省德阳市", "510600", {2022: 2816.9, 2021: 2656.6, 2020: 2404.1}),
    ("四川省乐山市市中区", "511102", {2022: 512.3, 2021: 480.2, 2020: None}),  # NA
    ("四川省内江市市中区", "511002", {2022: 301.5, 2021: None, 2020: 280.3}),  # —
    ("重庆市渝北区", "500112", {2022: 2300.1, 2021: 2200.2, 2020: None}),  # …
    ("四川绵阳", "510700", {2022: 3626.9, 2021: 3350.3, 2020: 3010.1}),
]
GAP_TEXT = {("四川省乐山市市中区", 2020): "NA", ("四川省内江市市中区", 2021): "—"}
GAP_TEXT[("重庆市渝北区", 2020)] = "…"

# db_indicators_gbk.csv (地区：四川省德阳市): label as printed, key, unit printed, values
DB_INDICATORS = [
    ("地区生产总值(亿元)", "gdp", "亿元", {2022: 2816.9, 2021: 2656.6, 2020: 2404.1}),
    ("地方一般公共预算收入(万元)", "fiscal_revenue", "万元", {2022: 1523400, 2021: 1452300}),
    ("年末常住人口(万人)", "population", "万人", {2022: 345.6, 2021: 346.1, 2020: 346.0}),
    ("常住人口城镇化率(%)", "urbanization_rate", "%", {2022: 56.2, 2021: 55.4, 2020: 54.0}),
]

# sheets_per_year.xlsx: one sheet per year; GDP 亿元, urbanisation as a fraction shown in %
PER_YEAR = {
    2022: [("成都市", "510100", 20817.5, 0.7954), ("德阳市", "510600", 2816.9, 0.5620)],
    2021: [("成都市", "510100", 19917.0, 0.7948), ("德阳市", "510600", 2656.6, 0.5540)],
}

# year_groups_growth.xlsx: name, code, {year: (GDP 亿元, growth % as shown)}; 2022's growth is a
# fraction formatted as a percent (0.085 → 8.5%), 2021's is typed as 8.6 under "增速"
GROUPED = [
    ("成都", "510100", {2021: (19917.0, 8.6), 2022: (20817.5, 2.8)}),
    ("绵阳", "510700", {2021: (3350.3, 8.7), 2022: (3626.9, 3.5)}),
    ("宜宾", "511500", {2021: (3148.1, 8.8), 2022: (3427.8, 4.0)}),
]

# indent_format.xlsx (sheet "2022"): name, Excel indent, code, GDP 亿元; parents sum their parts
INDENTED = [
    ("乐山市", 0, "511100", 1000.0),
    ("市中区", 1, "511102", 400.0),
    ("沙湾区", 1, "511111", 600.0),
    ("内江市", 0, "511000", 800.0),
    ("市中区", 1, "511002", 300.0),
    ("东兴区", 1, "511011", 500.0),
]


def _cell(v: float | None, gap: str) -> str:
    return gap if v is None else f"{v:g}"


def db_regions() -> None:
    lines = [
        "数据库：分市县年度数据（合成数据 / SYNTHETIC）",
        "指标：地区生产总值(亿元)",
        "时间：最近3年",
        "地区,2022年,2021年,2020年",
    ]
    for name, _code, vals in DB_REGIONS:
        cells = [_cell(vals[y], GAP_TEXT.get((name, y), "")) for y in (2022, 2021, 2020)]
        lines.append(",".join([name, *cells]))
    lines += ["注：2022年为初步核算数。", "数据来源：合成测试数据"]
    (HERE / "db_regions_gbk.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))


def db_indicators() -> None:
    lines = [
        "数据库：分市县年度数据（合成数据 / SYNTHETIC）",
        "地区：四川省德阳市",
        "时间：最近3年",
        "指标,2022年,2021年,2020年",
    ]
    for label, _key, _unit, vals in DB_INDICATORS:
        lines.append(",".join([label, *(_cell(vals.get(y), "NA") for y in (2022, 2021, 2020))]))
    lines.append("数据来源：合成测试数据")
    (HERE / "db_indicators_gbk.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))


def sheets_per_year() -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本文件为合成测试数据（SYNTHETIC），每年一张表。"])
    for year, rows in PER_YEAR.items():
        ws = wb.create_sheet(f"{year}年")
        ws.append(["主要城市经济指标"])
        ws.append(["地区", "地区生产总值（亿元）", "常住人口城镇化率（%）"])
        for name, _code, gdp, urban in rows:
            ws.append([name, gdp, urban])
            ws.cell(ws.max_row, 3).number_format = "0.00%"
    other = wb.create_sheet("附表")
    other.append(["指标", "2022年", "2021年"])
    other.append(["地区生产总值（亿元）", 1.0, 2.0])
    wb.save(HERE / "sheets_per_year.xlsx")


def year_groups_growth() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表3"
    ws.append(["各市地区生产总值（合成数据 / SYNTHETIC）"])
    ws.append(["地区", "2021年", None, "2022年", None])
    ws.append([None, "地区生产总值（亿元）", "增速", "地区生产总值（亿元）", "增速"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:C2")
    ws.merge_cells("D2:E2")
    for name, _code, vals in GROUPED:
        (g21, r21), (g22, r22) = vals[2021], vals[2022]
        ws.append([name, g21, r21, g22, r22 / 100])
        ws.cell(ws.max_row, 5).number_format = "0.0%"
    wb.save(HERE / "year_groups_growth.xlsx")


def indent_format() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2022"
    ws.append(["各区县地区生产总值（合成数据 / SYNTHETIC）"])
    ws.append(["地区", "地区生产总值（亿元）"])
    for name, indent, _code, gdp in INDENTED:
        ws.append([name, gdp])
        ws.cell(ws.max_row, 1).alignment = Alignment(indent=indent)
    wb.save(HERE / "indent_format.xlsx")


if __name__ == "__main__":
    db_regions()
    db_indicators()
    sheets_per_year()
    year_groups_growth()
    indent_format()

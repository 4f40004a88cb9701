"""Generate the importer's test fixtures (run from the repository root; commit the output).

    python tests/data/stats/make_fixtures.py

Each fixture imitates one yearbook layout named in issue 4. Where real published numbers were
available in /work/shared/data/raw/transcribed they are used (and README.md says so); the rest
are synthetic numbers, marked as such in the files themselves. The .xls copy of the merged-header
fixture needs LibreOffice (``soffice``); it is skipped with a message when soffice is missing.
"""

from __future__ import annotations

import csv
import io
import shutil
import struct
import subprocess
import tempfile
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"

# 四川统计年鉴2019 tables 02-10/02-11/08-03/08-04 as transcribed in shared data (trust B).
SC_2018 = [
    # printed name, gdp 亿元, index 上年=100, revenue 万元, expenditure 万元
    ("成都", 15342.77, 108.0, 14241550, 18374238),
    ("自　贡", 1406.71, 108.7, 604091, 2422700),
    ("攀枝花", 1173.52, 110.7, 615026, 1379392),
    ("泸　州", 1694.97, 107.6, 1500905, 4121544),
    ("德　阳", 2213.87, 109.0, 1175813, 2719508),
    ("绵　阳", 2303.82, 109.0, 1245419, 4081641),
    ("广　元", 801.85, 108.4, 476907, 2770144),
    ("遂　宁", 1221.39, 108.8, 638447, 2522120),
    ("内　江", 1411.75, 107.8, 616958, 2433876),
    ("乐　山", 1615.09, 108.7, 1099199, 3028632),
    ("南　充", 2006.03, 109.0, 1138963, 4952197),
    ("眉　山", 1256.02, 107.5, 1031974, 2351578),
    ("宜　宾", 2026.37, 109.2, 1608883, 4160183),
    ("广　安", 1250.24, 108.0, 800524, 2890322),
    ("达　州", 1690.17, 108.3, 1010246, 4186791),
    ("雅　安", 646.10, 108.1, 400289, 1305375),
    ("巴　中", 645.88, 108.0, 454580, 3138866),
    ("资　阳", 1066.53, 107.8, 528490, 1917986),
    ("阿坝州", 306.67, 104.7, 246610, 2950767),
    ("甘孜州", 291.20, 109.3, 300342, 4205713),
    ("凉山州", 1533.19, 104.0, 1462031, 6817064),
]


def _r2(x: float) -> float:
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def sc_2018_yearbook() -> None:
    """Regions × indicators; table number, year and English title; 单位 statement in the corner;
    a two-row header with a merged group; numbers as text in several printed forms; notes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-10"
    ws.append(["2-10  各市（州）地区生产总值及一般公共预算收支（2018年）"])
    ws.merge_cells("A1:E1")
    ws.append(["Gross Regional Product and General Public Budget by City (2018)"])
    ws.append([None, None, None, None, "单位：万元"])
    ws.append(["地　区", "地区生产总值（亿元）", "地区生产总值指数（上年=100）", "一般公共预算", None])
    ws.append([None, None, None, "收入", "支出"])
    ws.merge_cells("D4:E4")
    for c in "ABC":
        ws.merge_cells(f"{c}4:{c}5")
    ws.append(["Region", "GRP (100 million yuan)", "Index (preceding year = 100)", "Revenue", "Expenditure"])
    total_gdp = _r2(sum(r[1] for r in SC_2018))
    ws.append(["合　计", total_gdp, "…", sum(r[3] for r in SC_2018), sum(r[4] for r in SC_2018)])
    for name, gdp, idx, rev, exp in SC_2018:
        row: list[object] = [name, gdp, idx, rev, exp]
        if name == "成都":
            row[3] = "14,241,550"  # thousands separators, as text
        if name == "自　贡":
            row[1] = "１４０６．７１"  # full-width digits
        if name == "德　阳":
            row[1] = "2213.87①"  # footnote mark
        if name == "雅　安":
            row[2] = "108.1*"
        ws.append(row)
    ws.append(["注：①、* 为脚注标记示例（本测试表附加）。"])
    ws.append(["资料来源：四川统计年鉴2019 表02-10、02-11、08-03、08-04（第三方转录）。"])
    wb.save(HERE / "sc_2018_yearbook.xlsx")


# Synthetic Chongqing-style table (numbers invented for the test; groups add up exactly).
CQ_GROUPS = [
    ("主城都市区", [("渝中区", 1650.12, 4.1, 0.0, 150.33, 20.11, 1499.79, 58.9),
                  ("江北区", 1620.45, 5.2, 2.31, 380.2, 250.64, 1237.94, 93.1),
                  ("渝北区", 2360.8, 6.3, 45.6, 900.55, 700.33, 1414.65, 221.4)]),
    ("渝东北三峡库区城镇群", [("万州区", 1150.3, 6.1, 95.7, 370.4, 260.12, 684.2, 156.4),
                           ("开州区", 700.21, 6.8, 120.5, 230.11, "…", 349.6, 120.8)]),
    ("渝东南武陵山区城镇群", [("黔江区", 300.44, 7.0, 30.2, 100.12, 80.5, 170.12, 48.7),
                           ("石柱县", 200.3, 5.5, "—", 60.9, 40.2, 110.1, 38.6)]),
]


def _cq_sheet(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    ws.append(["3—12　重庆市各区县主要经济指标（2023年）（测试用虚构数据）"])
    ws.merge_cells("A1:H1")
    ws.append(["Main Economic Indicators by District and County (2023)"])
    ws.merge_cells("A2:H2")
    ws.append(["单位:亿元 (100 million yuan)"])
    ws.append(["地区", "地区生产总值", None, "第一产业", "第二产业", None, "第三产业", "常住人口（万人）"])
    ws.append([None, "总量", "增长（%）", None, "合计", "#工业", None, None])
    ws.merge_cells("B4:C4")
    ws.merge_cells("E4:F4")
    for c in "ADGH":
        ws.merge_cells(f"{c}4:{c}5")
    ws.append(["Region", "GRP", "Growth (%)", "Primary", "Secondary", "Industry", "Tertiary",
               "Resident population (10 000)"])
    rows = []
    group_rows = []
    for gname, members in CQ_GROUPS:
        sums = []
        for k in (1, 3, 4, 5, 6, 7):
            vals = [m[k] for m in members]
            sums.append(_r2(sum(vals)) if all(isinstance(v, float) for v in vals) else "…")
        group_rows.append((gname, sums))
        rows.append([gname, sums[0], None, sums[1], sums[2], sums[3], sums[4], sums[5]])
        for m in members:
            rows.append(["　　" + m[0], *m[1:]])
        if gname == "主城都市区":
            rows.append(["　　#中心城区", 3271.0, None, 2.31, 530.53, 270.75, 2737.73, 152.0])
    tot = []
    for i in range(6):
        vals = [g[1][i] for g in group_rows]
        tot.append(_r2(sum(vals)) if all(isinstance(v, float) for v in vals) else "…")
    ws.append(["全　市", tot[0], "6.1%", tot[1], tot[2], tot[3], tot[4], tot[5]])
    for r in rows:
        ws.append(r)
    ws.append(["注：本表数值为测试用虚构数据，不代表真实统计。"])
    ws.append(["数据来源：无（测试样例）"])


def cq_merged_header() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3-12"
    _cq_sheet(ws)
    out = HERE / "cq_2023_merged_header.xlsx"
    wb.save(out)
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: cq_2023_merged_header.xls not regenerated")
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", tmp, str(out)],
                       check=True, capture_output=True)
        shutil.copy(Path(tmp) / "cq_2023_merged_header.xls", HERE / "cq_2023_merged_header.xls")
        subprocess.run([soffice, "--headless", "--convert-to", "xlsm:Calc MS Excel 2007 VBA XML",
                        "--outdir", tmp, str(out)], check=True, capture_output=True)
        shutil.copy(Path(tmp) / "cq_2023_merged_header.xlsm", HERE / "cq_2023_merged_header.xlsm")
        subprocess.run([soffice, "--headless", "--convert-to", "ods", "--outdir", tmp, str(out)],
                       check=True, capture_output=True)
        shutil.copy(Path(tmp) / "cq_2023_merged_header.ods", HERE / "cq_2023_merged_header.ods")


def chengdu_indicators_by_years() -> None:
    """Indicators as rows, years as columns (newest last, latest year empty), a unit column,
    the region only in the title; GBK-encoded csv. Synthetic numbers."""
    rows = [
        ["成都市主要经济指标（测试用虚构数据）"],
        ["指标", "单位", "2019年", "2020年", "2021年", "2022年", "2023年"],
        ["地区生产总值", "亿元", "17012.65", "17716.67", "19916.98", "20817.5", ""],
        ["常住人口", "万人", "1658.1", "2094.7", "2119.2", "2126.8", ""],
        ["户籍人口", "人", "15000000", "15190000", "15300000", "15400000", ""],
        ["常住人口城镇化率", "%", "74.4", "78.8", "79.5", "80.0", ""],
        ["一般公共预算收入", "万元", "14829600", "15209500", "16976000", "17226000", ""],
        ["人均地区生产总值", "元", "103386", "85679", "94622", "98149", ""],
        ["规模以上工业企业数", "个", "3800", "3905", "4100", "—", ""],
        ["进出口总额", "亿美元", "850.5", "1040.2", "1270.9", "1253.1", ""],
        ["数据来源：测试样例，非真实统计数据。"],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (HERE / "chengdu_indicators_by_years_gbk.csv").write_bytes(buf.getvalue().encode("gbk"))


def long_table() -> None:
    """Long layout (region, year, indicator, value, unit), UTF-8 with BOM. Synthetic numbers."""
    rows = [
        ["地区", "年份", "指标", "数值", "单位"],
        ["成都市", "2022", "地区生产总值", "20,817.50", "亿元"],
        ["郫县", "2015", "常住人口", "76.2", "万人"],
        ["自　贡", "2022", "常住人口城镇化率", "56.3%", "%"],
        ["绵阳", "2022", "地区生产总值", "—", "亿元"],
        ["德阳", "2022", "固定资产投资", "12345678", "万元"],
        ["攀枝花", "2022", "地区生产总值", "1220.5*", "亿元"],
        ["宜宾", "2021", "社会消费品零售总额", "1２34.6", "亿元"],
        ["天府新城", "2022", "地区生产总值", "100.0", "亿元"],
        ["遂宁", "2022", "地区生产总值", "1600", "人"],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (HERE / "long_table_utf8bom.csv").write_bytes(buf.getvalue().encode("utf-8-sig"))


def cq_census_2010() -> None:
    """Indentation, 合计/市辖区/县 subtotals, pre-2011 names, 单位：人; real numbers (partial)."""
    src = Path("/work/shared/data/raw/transcribed/chongqing_2010_census_table1-6_partial__cq_stats_bureau.csv")
    with src.open(encoding="utf-8") as fh:
        data = list(csv.reader(fh))[1:]
    rows = [["1-6　各区县人口（2010年）"], ["单位：人"], ["地区", "人口数", "", ""],
            ["", "合计", "男", "女"]]
    for r in data:
        label = r[0]
        if label.startswith("(label lost"):
            label = "县"  # the label was lost in the transcription; a county subtotal (see README)
        rows.append([label, r[1], r[2], r[3]])
    rows.append(["资料来源：重庆市统计局 人口普查资料 表1-6（部分转录，至忠县为止）"])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (HERE / "cq_2010_census_indent.csv").write_text(buf.getvalue(), encoding="utf-8")


def cq_gdp_with_notes_sheet() -> None:
    """A 说明 sheet first; regions × years, newest first; a province-level row over a partial
    list of districts. Real numbers (maigoo transcription, trust C)."""
    src = Path("/work/shared/data/raw/transcribed/chongqing_district_gdp_2018_2022_partial__maigoo.csv")
    with src.open(encoding="utf-8") as fh:
        data = list(csv.reader(fh))
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本工作簿第二张表为重庆市部分区县地区生产总值（修订后数据，第三方转录，可信度 C）。"])
    notes.append(["来源：https://maigoo.com/news/661116.html"])
    ws = wb.create_sheet("数据")
    ws.append(["重庆市部分区县地区生产总值"])
    ws.append(["单位：亿元"])
    ws.append(["地区", "2022年", "2021年", "2020年", "2019年", "2018年"])
    for r in data[1:]:
        ws.append([r[0], *[float(x) for x in r[1:]]])
    ws.append(["数据来源：maigoo.com 转录（部分区县）"])
    wb.save(HERE / "cq_gdp_notes_sheet.xlsx")


def _cfb_encrypted(path: Path) -> None:
    """A minimal OLE2 compound file holding EncryptionInfo and EncryptedPackage streams: the
    container Excel writes for a password-protected xlsx (contents are placeholders)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)
    struct.pack_into("<I", header, 76, 0)  # FAT at sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = [0xFFFFFFFD, 0xFFFFFFFE, *range(3, 2 + 8), 0xFFFFFFFE, *range(11, 11 + 8), 0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    fat_bytes = struct.pack("<128I", *fat)

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF,
              right: int = 0xFFFFFFFF) -> bytes:
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<II", e, 116, start, size)
        return bytes(e)

    directory = (entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
                 + entry("EncryptionInfo", 2, 2, 4096, right=2)
                 + entry("EncryptedPackage", 2, 10, 4096)
                 + bytes(128))
    body = bytes(header) + fat_bytes + directory + bytes(sector * 16)
    path.write_bytes(body)


def bad_files() -> None:
    BAD.mkdir(exist_ok=True)
    (BAD / "empty.xlsx").write_bytes(b"")
    (BAD / "image_named.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (BAD / "pdf_named.xls").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (BAD / "web_page_named.xls").write_text(
        "<html><body><table><tr><td>地区</td><td>2022年</td></tr></table></body></html>", encoding="utf-8")
    good = (HERE / "cq_2023_merged_header.xlsx").read_bytes()
    (BAD / "truncated.xlsx").write_bytes(good[: len(good) * 3 // 5])
    xls = HERE / "cq_2023_merged_header.xls"
    if xls.exists():
        b = xls.read_bytes()
        (BAD / "truncated.xls").write_bytes(b[: len(b) // 3])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    (BAD / "zip_not_workbook.xlsx").write_bytes(buf.getvalue())
    wb = openpyxl.Workbook()
    wb.active.append(["地区", "说明"])
    wb.active.append(["成都", "无数据"])
    wb.save(BAD / "no_table.xlsx")
    (BAD / "binary_junk.csv").write_bytes(bytes((i * 37) % 256 for i in range(3000)))
    _cfb_encrypted(BAD / "encrypted.xlsx")


if __name__ == "__main__":
    sc_2018_yearbook()
    cq_merged_header()
    chengdu_indicators_by_years()
    long_table()
    cq_census_2010()
    cq_gdp_with_notes_sheet()
    bad_files()
    print("fixtures written to", HERE)

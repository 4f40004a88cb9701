"""Text and markup files as real systems export them: each file is built the way the system
writes it (encoding, byte-order mark, line ends, delimiters, HTML of Excel's "save as web page",
Excel 2003 XML), and each test pins what is imported (region, indicator, year → value, unit) and
what the report says in Chinese and English."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from stats_helpers import report_text, report_texts, truth

from workbench.cli import main
from workbench.io.stats_import import StatsImportError, list_sheets, read_table

GDP = {
    ("510100", "gdp", 2022): (20817.5, "亿元"),
    ("510100", "gdp", 2021): (19917.0, "亿元"),
    ("510700", "gdp", 2022): (3626.9, "亿元"),
    ("510700", "gdp", 2021): (3350.3, "亿元"),
}
GDP_TEXT = (
    "地区生产总值（亿元）\n地区\t2022年\t2021年\n成都市\t20817.5\t19917.0\n绵阳市\t3626.9\t3350.3\n"
)


# --- HTML saved as .xls -------------------------------------------------------------------

EXCEL_WEB_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Excel.Sheet></head>
<body>
<table><tr><td><a href="/">首页</a></td><td>返回</td></tr></table>
<table border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse'>
 <tr><td colspan=4>2022年各市（州）主要经济指标</td></tr>
 <tr><td colspan=4 align=right>单位：亿元、万人</td></tr>
 <tr><td rowspan=2>地 区</td><td colspan=2>地区生产总值</td>
  <td rowspan=2>城镇化率<br>（%）</td></tr>
 <tr><td>总量<br>（亿元）</td><td>增速<br>（%）</td></tr>
 <tr><td>&nbsp;&nbsp;成都市</td><td class=xl65 x:num="20817.5">20,817.5</td><td x:num>2.8</td>
  <td x:num="0.7989">79.89%</td></tr>
 <tr><td>&nbsp;&nbsp;自贡市</td><td x:num>1601.3</td><td x:num>4.2</td><td>—</td></tr>
 <tr><td colspan=4>注：地区生产总值增速按可比价格计算。</td></tr>
</table></body></html>"""


def test_excel_web_page_saved_as_xls_gbk_with_spans_is_read(tmp_path: Path) -> None:
    path = tmp_path / "主要指标.xls"
    path.write_bytes(EXCEL_WEB_PAGE.encode("gb18030"))
    res = read_table(path)
    assert truth(res, "unit") == {
        ("510100", "gdp", 2022): (20817.5, "亿元"),
        ("510100", "gdp_growth", 2022): (2.8, "%"),
        ("510100", "urbanization_rate", 2022): (79.89, "%"),
        ("510300", "gdp", 2022): (1601.3, "亿元"),
        ("510300", "gdp_growth", 2022): (4.2, "%"),
    }
    zh, en = report_texts(res)
    assert "（html, GB18030/GBK）" in zh and "表2" in zh  # the navigation table is skipped
    assert "网页表格（HTML" in zh and "a web page's table (HTML" in en
    assert "注：地区生产总值增速按可比价格计算。" in zh
    assert list_sheets(path) == ["表1", "表2"]
    assert read_table(path, sheet="表2").tidy.shape == res.tidy.shape


@pytest.mark.parametrize(
    ("page", "zh", "en"),
    [
        (
            "<!DOCTYPE html><html><head><title>登录</title></head><body>请先登录</body></html>",
            "其中没有表格",
            "without any table",
        ),
        (
            "<html><body><table><tr><td>地区</td><td>2022年</td></tr></table></body></html>",
            "这是网页文件（HTML），其中的表格都没有数字",
            "none of its tables holds numbers",
        ),
        (
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n",
            "单个文件网页",
            "single-file web page",
        ),
        ('<?xml version="1.0"?><rss><channel/></rss>', "不是 Excel 2003 XML", "not an Excel"),
    ],
)
def test_web_pages_without_a_table_say_what_they_are(
    tmp_path: Path, page: str, zh: str, en: str
) -> None:
    path = tmp_path / "download.xls"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(StatsImportError) as info:
        read_table(path)
    assert zh in info.value.zh and en in info.value.en


# --- SpreadsheetML 2003 ---------------------------------------------------------------

SPREADSHEETML = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="说明"><Table><Row><Cell><Data ss:Type="String">系统导出</Data></Cell></Row>
 </Table></Worksheet>
 <Worksheet ss:Name="分县数据"><Table>
  <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">成都市各区（市）县地区生产总值</Data></Cell></Row>
  <Row ss:Index="3"><Cell ss:Index="4"><Data ss:Type="String">单位：万元</Data></Cell></Row>
  <Row><Cell ss:MergeDown="1"><Data ss:Type="String">地区</Data></Cell>
   <Cell ss:MergeAcross="2"><Data ss:Type="String">地区生产总值</Data></Cell></Row>
  <Row><Cell ss:Index="2"><Data ss:Type="DateTime">2023-12-31T00:00:00.000</Data></Cell>
   <Cell><Data ss:Type="String">2022年</Data></Cell><Cell><Data ss:Type="Number">2021</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">锦江区</Data></Cell><Cell><Data ss:Type="Number">13500000</Data></Cell>
   <Cell><Data ss:Type="Number">13100000</Data></Cell><Cell><Data ss:Type="Number">12500000</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">郫都区</Data></Cell><Cell><Data ss:Type="Number">7000000</Data></Cell>
   <Cell><Data ss:Type="Error">#N/A</Data></Cell><Cell ss:Index="4"><Data ss:Type="Number">6500000</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>"""


def test_excel_2003_xml_workbook_is_read_with_merges_gaps_and_error_cells(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(SPREADSHEETML, encoding="utf-8")
    res = read_table(path)
    assert truth(res, "unit") == {
        ("510104", "gdp", 2023): (1350.0, "亿元"),
        ("510104", "gdp", 2022): (1310.0, "亿元"),
        ("510104", "gdp", 2021): (1250.0, "亿元"),
        ("510117", "gdp", 2023): (700.0, "亿元"),
        ("510117", "gdp", 2021): (650.0, "亿元"),
    }
    zh, en = report_texts(res)
    assert "xml (Excel 2003)" in zh and "说明页" in zh
    assert "1 个错误单元格（如 C7：#N/A）" in zh and "1 error cells (e.g. C7: #N/A)" in en
    assert list_sheets(path) == ["说明", "分县数据"]


def test_excel_2003_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S">'
        '<Table><Row><Cell><Data ss:Type="String">&c;</Data></Cell></Row></Table>'
        "</Worksheet></Workbook>"
    )
    path = tmp_path / "bomb.xls"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(StatsImportError, match="没有找到含数字的数据表"):
        read_table(path)


# --- encodings, line ends, delimiters --------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF16_LE + GDP_TEXT.replace("\n", "\r\n").encode("utf-16-le"), "UTF-16"),
        (GDP_TEXT.replace("\n", "\r\n").encode("utf-16-le"), "UTF-16-LE (no BOM)"),
        (GDP_TEXT.encode("utf-16-be"), "UTF-16-BE (no BOM)"),
        (codecs.BOM_UTF8 + ("\r\n\r\n" + GDP_TEXT.replace("\t", ",")).encode(), "UTF-8 (BOM)"),
        (GDP_TEXT.replace("\n", "\r").encode("gb18030"), "GB18030/GBK"),
    ],
)
def test_excel_unicode_text_and_other_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "gdp.txt"
    path.write_bytes(data)
    res = read_table(path)
    assert truth(res, "unit") == GDP
    assert f"csv, {encoding}" in report_text(res, "zh")


def test_text_padded_with_zero_bytes_is_refused_as_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes(GDP_TEXT.encode() + b"\x00" * 4096)
    with pytest.raises(StatsImportError) as info:
        read_table(path)
    assert "文件不完整" in info.value.zh and "incomplete" in info.value.en


def test_utf8_file_with_gbk_lines_says_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(GDP_TEXT.encode() + "德阳市\t2816.9\t2656.6\n".encode("gbk"))
    with pytest.raises(StatsImportError) as info:
        read_table(path)
    assert "第 5 行" in info.value.zh and "line 5" in info.value.en


# --- shapes of exported rows -----------------------------------------------------------


def test_rows_longer_than_the_header_hold_row_notes_not_indicators(tmp_path: Path) -> None:
    path = tmp_path / "gdp.csv"
    path.write_text(
        "地区生产总值（亿元）\n地区,2022年,2021年\n成都市,20817.5,19917.0,初步核算数\n"
        "绵阳市,3626.9,3350.3\n德阳市,2816.9,2656.6,,,,\n",
        encoding="utf-8",
    )
    res = read_table(path)
    assert truth(res, "unit") == {
        **GDP,
        ("510600", "gdp", 2022): (2816.9, "亿元"),
        ("510600", "gdp", 2021): (2656.6, "亿元"),
    }
    zh, en = report_texts(res)
    assert "第 D 列没有表头，其中的文字（如“初步核算数”）视为行注" in zh
    assert "column D has no header; its words (e.g. '初步核算数')" in en


def test_a_second_table_below_is_read_as_a_table_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text(
        "表1 地区生产总值（亿元）\n地区,2022年,2021年\n成都市,20817.5,19917.0\n"
        "表1（续）\n地区,2022年,2021年\n绵阳市,3626.9,3350.3\n\n"
        "表2 常住人口（万人）\n地区,2022年,2021年\n成都市,2126.8,2119.2\n",
        encoding="utf-8",
    )
    res = read_table(path)
    # the continued table is the first one's; 表2's people are people, never GDP
    assert truth(res, "unit") == {
        **GDP,
        ("510100", "population", 2022): (2126.8, "万人"),
        ("510100", "population", 2021): (2119.2, "万人"),
    }
    zh, en = report_texts(res)
    assert "中有 2 张表，分别读取：第 2–6 行；第 8–10 行" in zh
    assert "holds 2 tables, each read on its own" in en
    assert "续表标题" in zh


def test_header_cell_with_the_unit_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "rate.csv"
    path.write_text(
        '2022年各市主要指标\n单位：亿元、万人\n地区,地区生产总值,"城镇化率\n（%）"\n'
        "成都市,20817.5,79.89%\n绵阳市,3626.9,53.2%\n",
        encoding="utf-8",
    )
    res = read_table(path)
    assert truth(res, "unit") == {
        ("510100", "gdp", 2022): (20817.5, "亿元"),
        ("510100", "urbanization_rate", 2022): (79.89, "%"),
        ("510700", "gdp", 2022): (3626.9, "亿元"),
        ("510700", "urbanization_rate", 2022): (53.2, "%"),
    }


def test_database_csv_gbk_crlf_newest_first_with_blank_gaps(tmp_path: Path) -> None:
    path = tmp_path / "分省年度数据.csv"
    text = (
        "数据库：分省年度数据\n指标：地区生产总值(亿元)\n时间：最近3年\n\n"
        "地区,2023年,2022年,2021年\n四川省,60132.9,56749.8,54088.0\n"
        "重庆市,30145.8,29129.0,27894.0\n西藏自治区,,2132.6,2080.2\n\n"
        "注：2023年为初步核算数。\n数据来源：国家统计局\n"
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    res = read_table(path)
    got = truth(res, "unit")
    assert got[("510000", "gdp", 2023)] == (60132.9, "亿元")
    assert got[("540000", "gdp", 2022)] == (2132.6, "亿元")
    assert ("540000", "gdp", 2023) not in got and len(got) == 8
    assert res.report.skipped_counts.get("empty") == 1
    assert "数据来源：国家统计局" in report_text(res, "zh")


def test_no_key_column_is_said_in_words(tmp_path: Path) -> None:
    # (a Wind export with its 频率/单位 rows is read as such: tests/io/test_stats_terminal_exports)
    path = tmp_path / "series.csv"
    path.write_text(
        "地区生产总值:成都,地区生产总值:绵阳\n22074.7,3626.9\n20817.5,3350.3\n", encoding="utf-8"
    )
    res = read_table(path)
    zh, en = report_texts(res)
    assert "values_by" not in zh + en
    assert "未找到地区、指标或年份列" in zh and "no region, indicator or year column" in en


def test_cli_reads_an_html_xls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.xls"
    path.write_text(
        "<html><body><table><tr><td>地区生产总值（亿元）</td></tr>"
        "<tr><td>地区</td><td>2022年</td><td>2021年</td></tr>"
        "<tr><td>成都市</td><td>20817.5</td><td>19917.0</td></tr>"
        "<tr><td>绵阳市</td><td>3626.9</td><td>3350.3</td></tr></table></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "tidy.csv"
    assert main(["stats", str(path), "--out", str(out)]) == 0
    assert "已导入数值：4 个" in capsys.readouterr().out

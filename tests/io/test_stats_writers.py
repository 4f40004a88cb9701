"""Workbooks as WPS Office, LibreOffice, old Excel and streaming writers write them: the importer
reads the values the writer's program shows, or says clearly why it cannot (never a crash,
never a wrong figure)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from stats_helpers import report_text, report_texts, truth

from workbench.io.stats_import import StatsImportError, read_table

Truth = dict[tuple[str, str, int], tuple[object, str]]

GDP_TRUTH: Truth = {
    ("510100", "gdp", 2022): (pytest.approx(20817.5), "亿元"),
    ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
    ("510300", "gdp", 2022): (pytest.approx(1601.3), "亿元"),
    ("510300", "gdp", 2023): (pytest.approx(1650.9), "亿元"),
}


# ---------------------------------------------------------------- xlsx as other writers write it

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


class _NoSeek(io.RawIOBase):
    """A pipe-like sink: zipfile then writes each part with a data descriptor, as streaming
    writers (web exports, Java/Go libraries writing to a response) do."""

    def __init__(self, fh: io.BufferedWriter) -> None:
        self.fh = fh

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[no-untyped-def, override]
        return self.fh.write(b)


def _xlsx(
    path: Path,
    sheet_data: str,
    *,
    sst: str | None = None,
    part: str = "xl/worksheets/sheet1.xml",
    dimension: str = "",
    workbook_pr: str = "",
    styles: str | None = None,
    custom: bool = False,
    stream: bool = False,
    strict: bool = False,
) -> Path:
    """A one-sheet xlsx written part by part, as a writer other than Excel may."""
    ct = [
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
        f'<Override PartName="/{part}" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    ]
    root_rels = [
        f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    ]
    book_rels = [
        f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="{part.removeprefix("xl/")}"/>'
    ]
    files: dict[str, str] = {}
    if sst is not None:
        files["xl/sharedStrings.xml"] = f'<sst xmlns="{_MAIN}">{sst}</sst>'
        book_rels.append(
            f'<Relationship Id="rId2" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if styles is not None:
        files["xl/styles.xml"] = f'<styleSheet xmlns="{_MAIN}">{styles}</styleSheet>'
        book_rels.append(f'<Relationship Id="rId3" Type="{_RELS}/styles" Target="styles.xml"/>')
    if custom:  # WPS Office writes its build number here
        files["docProps/custom.xml"] = (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
            'pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.14309</vt:lpwstr>'
            "</property></Properties>"
        )
        root_rels.append(
            f'<Relationship Id="rId3" Type="{_RELS}/custom-properties" '
            'Target="docProps/custom.xml"/>'
        )
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(ct) + "</Types>"
    )
    files["_rels/.rels"] = f'<Relationships xmlns="{_PKG}">{"".join(root_rels)}</Relationships>'
    files["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{_PKG}">{"".join(book_rels)}</Relationships>'
    )
    files["xl/workbook.xml"] = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}">{workbook_pr}'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    files[part] = (
        f'<worksheet xmlns="{_MAIN}">{dimension}<sheetData>{sheet_data}</sheetData></worksheet>'
    )
    if strict:  # ISO 29500 Strict: the same parts under purl.oclc.org namespaces
        for name, text in files.items():
            text = text.replace(_MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main")
            text = text.replace(_RELS, "http://purl.oclc.org/ooxml/officeDocument/relationships")
            files[name] = text
    with path.open("wb") as raw:
        sink = _NoSeek(raw) if stream else raw
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in files.items():
                zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text.encode())
    return path


def _inline(ref: str | None, text: str) -> str:
    r = f' r="{ref}"' if ref else ""
    return f'<c{r} t="inlineStr"><is><t>{text}</t></is></c>'


def _num(ref: str | None, value: float, extra: str = "") -> str:
    r = f' r="{ref}"' if ref else ""
    return f"<c{r}{extra}><v>{value}</v></c>"


_ROWS = [
    ["各市地区生产总值"],
    ["单位：亿元"],
    ["地区", "2022年", "2023年"],
    ["成都市", 20817.5, 22074.7],
    ["自贡市", 1601.3, 1650.9],
]


def _inline_rows(cell_refs: bool = True, row_refs: bool = True) -> str:
    out = []
    for i, row in enumerate(_ROWS, 1):
        cells = []
        for j, v in enumerate(row):
            ref = f"{'ABC'[j]}{i}" if cell_refs else None
            cells.append(_inline(ref, v) if isinstance(v, str) else _num(ref, v))
        r = f' r="{i}"' if row_refs else ""
        out.append(f"<row{r}>{''.join(cells)}</row>")
    return "".join(out)


_PLAIN = {
    "inline strings (WPS, streaming writers)": {},
    "cells without r": {"sheet_data": _inline_rows(cell_refs=False)},
    "rows and cells without r": {"sheet_data": _inline_rows(cell_refs=False, row_refs=False)},
    "a dimension smaller than the cells": {"dimension": '<dimension ref="A1:B2"/>'},
    "a sheet part named by its relationship": {"part": "xl/worksheets/data/s01.xml"},
    "docProps/custom.xml (WPS)": {"custom": True},
    "data descriptors (streamed zip)": {"stream": True},
    "strict OOXML namespaces": {"strict": True},
}


@pytest.mark.parametrize("form", sorted(_PLAIN))
def test_xlsx_forms_of_other_writers_read_as_excel_shows_them(tmp_path, form):
    kw = {"sheet_data": _inline_rows(), **_PLAIN[form]}
    res = read_table(_xlsx(tmp_path / "wps.xlsx", **kw))
    assert truth(res, "unit", approx=True) == GDP_TRUTH
    assert not res.report.warnings
    assert "各市地区生产总值" in report_text(res.report, "zh")


def test_rich_text_and_phonetic_shared_strings_are_their_runs_joined(tmp_path):
    """Rich text (a bold word in a title) is stored as runs; Japanese-locale writers add
    phonetic guides (``<rPh>``), which Excel does not show in the cell."""
    sst = (
        "<si><r><rPr><b/></rPr><t>各市</t></r><r><t>地区生产总值</t></r></si>"
        "<si><t>单位：亿元</t></si>"
        '<si><r><t xml:space="preserve">地</t></r><r><t>区</t></r></si>'
        "<si><t>2022年</t></si><si><t>2023年</t></si>"
        '<si><t>成都市</t><rPh sb="0" eb="3"><t>チェンドゥ</t></rPh></si>'
        '<si><r><t>自贡</t></r><r><rPr><i/></rPr><t>市</t></r><rPh sb="0" eb="1"><t>ジ</t></rPh></si>'
    )

    def s(ref: str, i: int) -> str:
        return f'<c r="{ref}" t="s"><v>{i}</v></c>'

    data = (
        f'<row r="1">{s("A1", 0)}</row><row r="2">{s("A2", 1)}</row>'
        f'<row r="3">{s("A3", 2)}{s("B3", 3)}{s("C3", 4)}</row>'
        f'<row r="4">{s("A4", 5)}{_num("B4", 20817.5)}{_num("C4", 22074.7)}</row>'
        f'<row r="5">{s("A5", 6)}{_num("B5", 1601.3)}{_num("C5", 1650.9)}</row>'
    )
    res = read_table(_xlsx(tmp_path / "rich.xlsx", data, sst=sst))
    assert truth(res, "unit", approx=True) == GDP_TRUTH
    assert set(res.tidy.region) == {"成都市", "自贡市"}  # no phonetic text in the labels


def test_formula_strings_shared_formulas_and_booleans_take_their_cached_values(tmp_path):
    data = (
        f'<row r="1">{_inline("A1", "各市地区生产总值")}</row>'
        f'<row r="2">{_inline("A2", "单位：亿元")}</row>'
        f'<row r="3">{_inline("A3", "地区")}'
        '<c r="B3" t="str"><f>"2022"&amp;"年"</f><v>2022年</v></c>'
        '<c r="C3" t="str"><f>"2023"&amp;"年"</f><v>2023年</v></c>'
        f"{_inline('D3', '是否达标')}</row>"
        f'<row r="4">{_inline("A4", "成都市")}'
        '<c r="B4"><f t="shared" ref="B4:B5" si="0">F4*1</f><v>20817.5</v></c>'
        '<c r="C4"><f t="shared" ref="C4:C5" si="1">G4*1</f><v>22074.7</v></c>'
        '<c r="D4" t="b"><v>1</v></c></row>'
        f'<row r="5">{_inline("A5", "自贡市")}'
        '<c r="B5"><f t="shared" si="0"/><v>1601.3</v></c>'
        '<c r="C5"><f t="shared" si="1"/><v>1650.9</v></c>'
        '<c r="D5" t="b"><v>0</v></c></row>'
    )
    res = read_table(_xlsx(tmp_path / "formulas.xlsx", data))
    assert truth(res, "unit", approx=True) == GDP_TRUTH  # a TRUE/FALSE column is no figure


@pytest.mark.parametrize("pr", ['<workbookPr date1904="1"/>', '<workbookPr date1904="true"/>'])
def test_year_headers_as_dates_in_the_1904_date_system(tmp_path, pr):
    """Old Mac Excel (and workbooks copied from it) count dates from 1904: the serial of
    2022-12-31 is 1,462 lower, and read as 1900-based it would be a 2018 header."""
    styles = (
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;"/></numFmts>'
        '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
    )
    dated = ' s="1"'  # the year format
    data = (
        f'<row r="1">{_inline("A1", "各市地区生产总值")}</row>'
        f'<row r="2">{_inline("A2", "单位：亿元")}</row>'
        f'<row r="3">{_inline("A3", "地区")}'
        + _num("B3", 44926 - 1462, dated)
        + _num("C3", 45291 - 1462, dated)
        + "</row>"
        f'<row r="4">{_inline("A4", "成都市")}{_num("B4", 20817.5)}{_num("C4", 22074.7)}</row>'
        f'<row r="5">{_inline("A5", "自贡市")}{_num("B5", 1601.3)}{_num("C5", 1650.9)}</row>'
    )
    res = read_table(_xlsx(tmp_path / "mac.xlsx", data, workbook_pr=pr, styles=styles))
    assert truth(res, "unit", approx=True) == GDP_TRUTH


# ------------------------------------------------------------------ .ods as LibreOffice writes it

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)


def _ods(path: Path, table: str) -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f"<office:body><office:spreadsheet>{table}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _s(text: str, extra: str = "") -> str:
    return (
        f'<table:table-cell office:value-type="string"{extra}><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def _f(value: float, kind: str = "float", shown: str = "", extra: str = "") -> str:
    return (
        f'<table:table-cell office:value-type="{kind}" office:value="{value}"{extra}>'
        f"<text:p>{shown or value}</text:p></table:table-cell>"
    )


_PAD = '<table:table-cell table:number-columns-repeated="16379"/>'


def _row(*cells: str, extra: str = "") -> str:
    return f"<table:table-row{extra}>{''.join(cells)}{_PAD}</table:table-row>"


def _lo_table() -> str:
    """A LibreOffice sheet: the grid padded with repeated empty columns and rows, a merged
    header over covered cells, percentages typed as such, a note on a figure, a hidden row
    and a hidden column."""
    note = (
        "<office:annotation><dc:date>2024-03-01T00:00:00</dc:date>"
        "<text:p>快报数，年鉴修订</text:p></office:annotation>"
    )
    return (
        '<table:table table:name="2-1">'
        '<table:table-column table:number-columns-repeated="3"/>'
        '<table:table-column table:visibility="collapse"/>'
        '<table:table-column table:number-columns-repeated="16380"/>'
        + _row(_s("2-1 各市主要经济指标（2023年）"))
        + _row(_s("单位：亿元"))
        + _row(
            _s("地区", ' table:number-rows-spanned="2"'),
            _s("地区生产总值", ' table:number-columns-spanned="2"'),
            "<table:covered-table-cell/>",
            _s("辅助列"),
            _s("城镇化率"),
        )
        + _row("<table:covered-table-cell/>", _s("总量"), _s("第一产业"), _s(""), _s("%"))
        + _row(
            _s("成都市"),
            f'<table:table-cell office:value-type="float" office:value="22074.7">{note}'
            "<text:p>22074.7</text:p></table:table-cell>",
            _f(594.9),
            _f(1.0),
            _f(0.8048, "percentage", "80.48%"),
        )
        + _row(_s("自贡市"), _f(1650.9), _f(200.1), _f(1.0), _f(0.5705, "percentage", "57.05%"))
        + _row(
            _s("自贡市"),
            _f(1601.3),
            _f(190.0),
            _f(1.0),
            _f(0.56, "percentage", "56.00%"),
            extra=' table:visibility="collapse"',
        )
        + _row(
            _s("泸州市"),
            '<table:table-cell office:value-type="float" office:value="2775.7" '
            'table:number-columns-repeated="1"><text:p>2775.7</text:p></table:table-cell>',
            _f(300.2),
            _f(1.0),
            _f(0.539, "percentage", "53.90%"),
        )
        + '<table:table-row table:number-rows-repeated="1048568">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table>"
    )


LO_TRUTH: Truth = {
    ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
    ("510100", "gdp_primary", 2023): (pytest.approx(594.9), "亿元"),
    ("510100", "urbanization_rate", 2023): (pytest.approx(80.48), "%"),
    ("510300", "gdp", 2023): (pytest.approx(1650.9), "亿元"),
    ("510300", "gdp_primary", 2023): (pytest.approx(200.1), "亿元"),
    ("510300", "urbanization_rate", 2023): (pytest.approx(57.05), "%"),
    ("510500", "gdp", 2023): (pytest.approx(2775.7), "亿元"),
    ("510500", "gdp_primary", 2023): (pytest.approx(300.2), "亿元"),
    ("510500", "urbanization_rate", 2023): (pytest.approx(53.9), "%"),
}


def test_ods_percentages_hidden_lines_and_merges_read_as_libreoffice_shows_them(tmp_path):
    """``office:value-type="percentage"`` holds 0.8048 for 80.48%: without its type the rate
    was read as 0.8048 and skipped ("unit does not fit"); a collapsed row (a superseded
    自贡市) and column (a helper) were imported although LibreOffice does not show them."""
    res = read_table(_ods(tmp_path / "lo.ods", _lo_table()))
    assert truth(res, "unit", approx=True) == LO_TRUTH
    assert not any(c.startswith("D") or c.endswith("7") for c in res.tidy.cell)
    assert not res.report.warnings
    zh, en = report_texts(res.report)
    assert "隐藏的第 7 行、D 列在 LibreOffice 中不显示，其中的内容未导入" in zh
    assert "hidden row 7 and column D (not shown by LibreOffice) were not imported" in en
    assert "3 个单元格按百分比格式显示（如 E5：0.8048 显示为 80.48%），按 ×100 以 % 导入" in zh
    assert "3 cells are formatted as percentages (e.g. E5: 0.8048 shown as 80.48%)" in en


def _soffice(src: Path, to: str) -> Path:
    """``src`` saved as ``to`` (ods, xls, doc) by LibreOffice itself, beside it; the path made."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", to, "--outdir", str(src.parent), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return src.with_suffix(f".{to}")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converted_ods_reads_like_the_xlsx_it_came_from(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-1"
    ws.append(["2-1 各市城镇化率"])
    ws.append(["地区", "2022年", "2023年"])
    for name, a, b in (("成都市", 0.7998, 0.8048), ("自贡市", 0.5601, 0.5705)):
        ws.append([name, a, b])
    for row in ws.iter_rows(min_row=3, min_col=2):
        for c in row:
            c.number_format = "0.00%"
    ws.append(["泸州市", 0.5, 0.5])
    ws.row_dimensions[5].hidden = True
    src = tmp_path / "rate.xlsx"
    wb.save(src)
    via_xlsx, via_ods = read_table(src), read_table(_soffice(src, "ods"))
    assert (
        truth(via_ods, "unit", approx=True)
        == truth(via_xlsx, "unit", approx=True)
        == {
            ("510100", "urbanization_rate", 2022): (pytest.approx(79.98), "%"),
            ("510100", "urbanization_rate", 2023): (pytest.approx(80.48), "%"),
            ("510300", "urbanization_rate", 2022): (pytest.approx(56.01), "%"),
            ("510300", "urbanization_rate", 2023): (pytest.approx(57.05), "%"),
        }
    )
    assert "隐藏的第 5 行在 LibreOffice 中不显示" in report_text(via_ods.report, "zh")


# ------------------------------------------------- documents that are no spreadsheet, renamed


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


@pytest.mark.parametrize(
    ("name", "parts", "zh", "en"),
    [
        (
            "报表.xlsx",
            {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"},
            "Word 或 WPS 文字文档（.docx）",
            "a Word or WPS Writer document (.docx)",
        ),
        (
            "报表.et",
            {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"},
            "Word 或 WPS 文字文档（.docx）",
            "a Word or WPS Writer document (.docx)",
        ),
        (
            "报表.ods",
            {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
            "OpenDocument 文字文档（.odt）",
            "an OpenDocument text document (.odt)",
        ),
    ],
)
def test_a_renamed_text_document_is_named_not_called_damaged(tmp_path, name, parts, zh, en):
    with pytest.raises(StatsImportError) as info:
        read_table(_zip(tmp_path / name, parts))
    e = info.value
    assert zh in e.zh and "不是电子表格" in e.zh and "另存为 .xlsx" in e.zh
    assert en in e.en and "not a spreadsheet" in e.en and "save it as .xlsx" in e.en


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_wps_writer_file_is_named_not_called_damaged(tmp_path):
    """WPS Writer's ``.wps`` is a Word binary document (OLE2 with a WordDocument stream)."""
    txt = tmp_path / "note.txt"
    txt.write_text("各市地区生产总值\n成都市\t20817.5\n", encoding="utf-8")
    wps = _soffice(txt, "doc").rename(tmp_path / "统计表.wps")
    with pytest.raises(StatsImportError) as info:
        read_table(wps)
    assert "Word 或 WPS 文字文档（.doc/.wps）" in info.value.zh
    assert "a Word or WPS Writer document (.doc/.wps)" in info.value.en


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_wps_spreadsheet_saved_as_biff_et_reads_as_xls(tmp_path):
    """WPS 表格's ``.et`` is a BIFF8 workbook (as .xls): it is read by its bytes, not its name."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in _ROWS:
        ws.append(row)
    src = tmp_path / "gdp.xlsx"
    wb.save(src)
    et = _soffice(src, "xls").rename(tmp_path / "gdp.et")
    assert truth(read_table(et), "unit", approx=True) == GDP_TRUTH


def test_a_hidden_row_without_its_number_is_left_out_where_it_stands(tmp_path):
    """Streaming writers leave rows unnumbered; a hidden one is the row after the one before it,
    as calamine places it, and is left out like any hidden row."""
    rows = [*_ROWS, ["泸州市", 9999.0, 9999.0]]
    out = []
    for row in rows:
        cells = "".join(_inline(None, v) if isinstance(v, str) else _num(None, v) for v in row)
        hidden = ' hidden="1"' if row[0] == "泸州市" else ""
        out.append(f"<row{hidden}>{cells}</row>")
    res = read_table(_xlsx(tmp_path / "stream.xlsx", "".join(out)))
    assert truth(res, "unit", approx=True) == GDP_TRUTH  # 泸州市's hidden figures are not imported
    assert "隐藏的第 6 行在 Excel 中不显示" in report_text(res.report, "zh")

"""Legacy .xls (BIFF8, and BIFF5 where cheap) read with the cell formats an .xlsx is read with:
percent number formats (stored ×100 in %), Excel's indent (hierarchy), hidden rows and columns
(left out and said). Each fixture is checked value by value against the truth table it was
written from (tests/data/stats/make_fixtures_xls.py)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

from workbench.io import sheet_guard_xls
from workbench.io.stats_import import cell_formats, read_table, read_workbook, xls_formats
from workbench.io.stats_import.cell_formats import sheet_formats

DATA = Path(__file__).parents[1] / "data" / "stats"
_spec = importlib.util.spec_from_file_location("xls_fixtures", DATA / "make_fixtures_xls.py")
SRC = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(SRC)

LO_XLS = DATA / "xls_formats.xls"  # LibreOffice's BIFF8 of SRC.book()
HAND8 = DATA / "xls_hand_biff8.xls"
HAND5 = DATA / "xls_hand_biff5.xls"


@pytest.fixture(autouse=True)
def _fresh():
    xls_formats.clear_cache()
    cell_formats.clear_cache()
    yield
    xls_formats.clear_cache()
    cell_formats.clear_cache()


def _table(tidy):  # {(code, indicator, year): (value, unit)}
    return {(r.region_code, r.indicator, r.year): (r.value, r.unit) for r in tidy.itertuples()}


def _text(rep, lang="zh"):
    return "\n".join(rep.lines(lang))


def _truth_2022():
    want = {}
    for _name, _indent, code, gdp, growth, urban in SRC.ROWS_2022:
        want[(code, "gdp", 2022)] = (gdp, "亿元")
        want[(code, "gdp_growth", 2022)] = (pytest.approx(growth * 100, rel=1e-12), "%")
        want[(code, "urbanization_rate", 2022)] = (pytest.approx(urban * 100, rel=1e-12), "%")
    return want


def test_libreoffice_xls_percent_indent_and_hidden_lines_read_as_excel_shows_them():
    """The table starts at B2: percent cells, indents and hidden lines must land on the cells
    calamine places there (0.061 shown as 6.1 % → 6.1; 乐山 市中区 and 内江 市中区 told apart
    by their indent under their city; the hidden superseded 自贡市 line and helper column out)."""
    res = read_table(LO_XLS, sheet="2022")
    assert _table(res.tidy) == _truth_2022()
    assert res.tidy.value.max() < 9999  # nothing of the hidden row
    assert not any(c.startswith("E") or c[1:] == "8" for c in res.tidy.cell)
    assert "辅助列" not in _text(res.report)
    rep = res.report
    assert rep.checks_passed == 2 and not rep.checks_failed  # 乐山市, 内江市 = their districts
    assert not rep.warnings and not rep.unmatched
    zh, en = _text(rep), _text(rep, "en")
    assert (
        "隐藏的第 8 行、E 列在 Excel 中不显示，其中的内容未导入（如需导入，请先在 Excel 中取消隐藏）"
        in zh
    )
    assert "hidden row 8 and column E (not shown by Excel) were not imported; unhide them" in en
    assert "14 个单元格按百分比格式显示（如 D4：0.058 显示为 5.8%），按 ×100 以 % 导入" in zh
    assert "14 cells are formatted as percentages (e.g. D4: 0.058 shown as 5.8%)" in en
    assert "4 个地区名称按单元格的缩进格式（而非空格）视为上一级地区的下级" in zh
    assert "4 region names read as parts of the region above by their cells' indent format" in en
    assert res.hidden_rows == [7] and res.hidden_cols == [4]  # 0-based, for the preview


def test_the_xls_reads_exactly_like_the_xlsx_it_was_saved_from(tmp_path):
    src = tmp_path / "xls_formats.xlsx"
    SRC.book().save(src)
    for sheet in ("2022", "2021"):
        a, b = read_table(src, sheet=sheet), read_table(LO_XLS, sheet=sheet)
        cols = ["region_code", "indicator", "year", "value", "unit", "cell"]
        assert a.tidy[cols].to_dict("records") == b.tidy[cols].to_dict("records")
        assert a.report.inferred == b.report.inferred


def test_plain_fractions_and_quoted_or_escaped_percent_signs_stay_as_printed():
    """Sheet 2021: 0.061 typed under 增速（%） without a percent format is 0.061 %, and GDP
    shown with a literal % (LibreOffice writes 0.0"%" as 0.0\\%) is not scaled."""
    res = read_table(LO_XLS, sheet="2021")
    want = {}
    for _name, code, gdp, growth in SRC.ROWS_2021:
        want[(code, "gdp", 2021)] = (gdp, "亿元")
        want[(code, "gdp_growth", 2021)] = (growth, "%")
    assert _table(res.tidy) == want
    assert ("511100", "gdp_growth", 2021) in want and want[("511100", "gdp_growth", 2021)][
        0
    ] == 0.061
    assert "百分比格式" not in _text(res.report) and "隐藏" not in _text(res.report)


def test_hand_built_biff8_quoted_percent_continue_record_and_indent_level_two():
    res = read_table(HAND8)
    want = {}
    for _name, _indent, code, gdp, growth, kind, urban in SRC.HAND_ROWS:
        shown = growth if kind == "quoted" else growth * 100  # 0.0"%" shows 5.6 as 5.6%
        want[(code, "gdp", 2022)] = (gdp, "亿元")
        want[(code, "gdp_growth", 2022)] = (pytest.approx(shown, rel=1e-12), "%")
        want[(code, "urbanization_rate", 2022)] = (pytest.approx(urban * 100, rel=1e-12), "%")
    assert _table(res.tidy) == want
    assert res.report.checks_passed == 1 and not res.report.checks_failed  # 德阳市 = its two
    zh, en = _text(res.report), _text(res.report, "en")
    assert "隐藏的第 6 行、D 列在 Excel 中不显示" in zh
    assert "hidden row 6 and column D (not shown by Excel) were not imported" in en
    assert "7 个单元格按百分比格式显示（如 C3：0.058 显示为 5.8%）" in zh
    assert "2 个地区名称按单元格的缩进格式" in zh


def test_biff5_formats_and_hidden_lines_from_8bit_records():
    """Excel 95: FORMAT strings are 8-bit (GBK here), XFs have no indent; percent cells and
    hidden lines are known all the same."""
    facts = xls_formats.xls_sheet_facts(HAND5, "2022")
    assert facts is not None
    assert facts.percent == {(r, c) for r in range(2, 7) for c in (2, 4)} - {(6, 2)}
    assert facts.indent == {}
    assert facts.hidden_rows == {SRC.HAND_HIDDEN_ROW} and facts.hidden_cols == {4}
    assert sheet_formats(HAND5, "2022").percent == facts.percent


def test_formats_tie_to_calamine_cells_wherever_the_table_starts():
    facts = xls_formats.xls_sheet_facts(LO_XLS, "2022")
    rows = 3 + len(SRC.ROWS_2022) + 1  # header on sheet row 3, the hidden line among the data
    assert facts.percent == {(r, c) for r in range(3, rows) for c in (3, 5)}
    indented = [i for i, (*_x, indent, _c, _g, _p, _u) in enumerate(SRC.ROWS_2022) if indent]
    assert len(facts.indent) == len(indented) == 4
    assert all(c == 1 and level == 1 for (_r, c), level in facts.indent.items())


def test_hidden_lines_from_index_pointers_match_a_walk_of_every_record():
    """Excel writes INDEX and DBCELL records: without formats to look for, the ROW records are
    found through them instead of walking every cell; both ways must agree."""
    for path in (HAND8, HAND5, DATA / "20_Major_GDP.xls"):
        book = xls_formats._read_book(path)
        for start in book.sheets.values():
            fast = xls_formats._hidden_by_index(book.stream, start, book.version == 0x0600)
            slow = xls_formats._walk(book.stream, start, frozenset(), {})
            assert fast is not None, path
            assert (fast.hidden_rows, fast.hidden_cols) == (slow.hidden_rows, slow.hidden_cols)
    book = xls_formats._read_book(HAND8)
    fast = xls_formats._hidden_by_index(book.stream, book.sheets["2022"], True)
    assert fast.hidden_rows == {6} and fast.hidden_cols == {4}


def test_an_xls_without_formats_reads_exactly_as_before(monkeypatch):
    """A real NBS export: no percent or indented XF, nothing hidden; the read is the one made
    without looking at formats at all."""
    path = DATA / "20_Major_GDP.xls"
    facts = xls_formats.xls_sheet_facts(path, "主要城市年度数据")
    assert facts is not None and not (facts.percent or facts.indent or facts.hidden_rows)
    now = read_table(path)
    xls_formats.clear_cache()
    cell_formats.clear_cache()
    monkeypatch.setattr(xls_formats, "is_ole", lambda p: False)
    monkeypatch.setattr("workbench.io.stats_import.cells.is_ole", lambda p: False)
    before = read_table(path)
    assert now.tidy.to_dict("records") == before.tidy.to_dict("records")
    assert now.report.lines("zh") == before.report.lines("zh")


def test_a_damaged_stream_means_no_formats_known_never_an_error(monkeypatch):
    """Records running past the stream's end: the values are read as calamine reads them, the
    report says formats were not read, nothing is raised."""
    real = sheet_guard_xls.workbook_stream

    def cut(data: bytes) -> bytes | None:
        stream = real(data)
        return stream[: xls_formats._globals(stream).sheets["2022"] + 300]

    monkeypatch.setattr(xls_formats, "workbook_stream", cut)
    assert xls_formats.xls_sheet_facts(LO_XLS, "2022") is None
    res = read_table(LO_XLS, sheet="2022")
    assert "无法读取单元格格式（百分比、缩进），按数值本身导入" in _text(res.report)
    assert "cell formats (percent, indent) could not be read" in _text(res.report, "en")
    got = _table(res.tidy)
    assert got[("511100", "gdp", 2022)] == (1000, "亿元")  # values still read


@pytest.mark.parametrize(
    ("damage", "sheet"),
    [
        (lambda s: s[:-3], "2021"),  # the last sheet's EOF cut short
        (lambda s: s[:-4], "2021"),  # the last sheet without its EOF
        # an XF shorter than its layout: every XF after it would be misnumbered
        (
            lambda s: s.replace(struct.pack("<HH", 0x00E0, 20), struct.pack("<HH", 0x00E0, 12), 1),
            "2022",
        ),
        # a workbook BOF of a BIFF version not read here
        (lambda s: s.replace(b"\x09\x08\x10\x00\x00\x06", b"\x09\x08\x10\x00\x00\x04", 1), "2022"),
    ],
)
def test_unexpected_records_give_none(damage, sheet, monkeypatch):
    real = sheet_guard_xls.workbook_stream
    assert xls_formats.xls_sheet_facts(LO_XLS, sheet) is not None
    xls_formats.clear_cache()
    monkeypatch.setattr(xls_formats, "workbook_stream", lambda data: damage(real(data)))
    assert xls_formats.xls_sheet_facts(LO_XLS, sheet) is None


def test_every_sheet_of_a_workbook_read_with_its_own_formats():
    res = read_workbook(LO_XLS)
    got = _table(res.tidy)
    assert got[("511102", "gdp_growth", 2022)] == (pytest.approx(5.5, rel=1e-12), "%")
    assert got[("511100", "gdp_growth", 2021)] == (0.061, "%")
    assert ("510300", "gdp", 2022) in got and got[("510300", "gdp", 2022)] == (1680.0, "亿元")


def test_runs_of_cells_crossed_in_c_still_yield_every_formatted_cell(tmp_path):
    """Long runs of NUMBER, RK, LABELSST and BLANK records (crossed by one regex match unless
    formatted) and MULRK records, their XFs mixed: every percent and indented cell is found,
    and no BLANK is (it shows nothing)."""
    rec = SRC._rec
    g = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 6))
    for ifmt, indent in ((0, 0), (9, 0), (0, 1)):  # XF 0 General, 1 built-in 0%, 2 indented
        g += rec(0x00E0, struct.pack("<HHHBBBB", 0, ifmt, 1, 0x20, 0, indent, 0) + bytes(10))
    at = len(g)
    g += rec(0x0085, struct.pack("<IBBBB", 0, 0, 0, 1, 0) + b"S") + rec(0x000A, b"")
    s = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 6))
    percent, indent = set(), {}
    for r in range(60):
        s += rec(0x0208, struct.pack("<HHHHHHI", r, 0, 12, 300, 0, 0, 0x0100 | (0x20 * (r == 7))))
    for r in range(60):
        xf = 2 if r % 4 == 0 else 0
        s += rec(0x00FD, struct.pack("<HHHI", r, 0, xf, 0))  # LABELSST
        if xf:
            indent[(r, 0)] = 1
        for c in range(1, 6):
            xf = 1 if (r * 7 + c) % 5 == 0 else 0
            if c % 2:
                s += rec(0x0203, struct.pack("<HHHd", r, c, xf, 0.5))
            else:
                s += rec(0x027E, struct.pack("<HHHI", r, c, xf, (3 << 2) | 2))
            if xf:
                percent.add((r, c))
        s += rec(0x0201, struct.pack("<HHH", r, 6, 1))  # a BLANK under a percent format
        pairs = [(1 if (r + c) % 3 == 0 else 0, c) for c in range(7, 11)]
        body = b"".join(struct.pack("<HI", xf, (1 << 2) | 2) for xf, _c in pairs)
        s += rec(0x00BD, struct.pack("<HH", r, 7) + body + struct.pack("<H", 10))
        percent.update((r, c) for xf, c in pairs if xf)
    s += rec(0x000A, b"")
    g = bytearray(g)
    struct.pack_into("<I", g, at + 4, len(g))
    path = tmp_path / "runs.xls"
    path.write_bytes(SRC._compound("Workbook", bytes(g) + s))
    facts = xls_formats.xls_sheet_facts(path, "S")
    assert facts.percent == percent and facts.indent == indent
    assert facts.hidden_rows == {8} and not facts.hidden_cols

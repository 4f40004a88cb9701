"""The 导入统计数据 wizard on fixture files: detect, highlight, correct, report, merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from workbench.io.stats_import import read_table
from workbench.ui.dialogs import actions
from workbench.ui.dialogs.preview_model import (
    HEADER,
    REGION_MISSING,
    REGION_OK,
    PreviewModel,
    parse_cell,
)
from workbench.ui.dialogs.stats_wizard import parse_rows

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

DATA = Path(__file__).parents[1] / "data" / "stats"
MERGED = DATA / "cq_2023_merged_header.xlsx"
CHENGDU = DATA / "chengdu_indicators_by_years_gbk.csv"  # 成都 2020 population differs from sample
CENSUS = DATA / "cq_2010_census_indent.csv"  # 万盛区 and 双桥区 no longer exist (merged 2011)


def _to_preview(qtbot, wizard) -> None:
    assert wizard.file_page.sheet is not None
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=20000)


def test_preview_highlights_what_was_detected(qtbot, win):
    wizard = actions.import_statistics(win, MERGED)
    assert isinstance(wizard, QWizard)
    assert [wizard.file_page.sheet_list.item(i).text() for i in range(1)] == ["3-12"]
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    text = page.detected_label.text()
    assert "表头第 4,5,6 行" in text and "2023" in text and "亿元" in text
    model = page.model
    assert model.cell_kind(3, 1) == HEADER  # row 4 is a header row
    assert page.header_edit.text() == "4,5,6"
    kinds = {model.cell_kind(r, 0) for r in range(model.rowCount())}
    assert REGION_OK in kinds
    assert model.headerData(1, Qt.Orientation.Horizontal) == "B"
    assert model.headerData(6, Qt.Orientation.Vertical) == "7"


def test_correcting_a_region_match_and_rereading(qtbot, win):
    wizard = actions.import_statistics(win, CENSUS)
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    labels = [page.region_table.item(r, 0).text() for r in range(page.region_table.rowCount())]
    assert sorted(labels) == ["万盛区", "双桥区"]
    row = labels.index("万盛区")
    cells = [
        (r, c)
        for r in range(page.model.rowCount())
        for c in range(page.model.columnCount())
        if page.model.cell_kind(r, c) == REGION_MISSING
    ]
    assert cells, "unmatched region labels are highlighted"
    imported_before = wizard.result.report.imported
    combo = page.region_table.cellWidget(row, 2)
    combo.setEditText("綦江区")  # typed by the planner: the district 万盛 merged into
    page.reread()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=20000)
    rep = wizard.result.report
    assert [u.label for u in rep.unmatched] == ["双桥区"]
    assert rep.imported > imported_before
    assert wizard.overrides.region_matches["万盛区"] == "500110"
    tidy = wizard.result.tidy
    assert "500110" in set(tidy["region_code"])


def test_unknown_region_typed_is_refused_with_a_message(qtbot, win):
    wizard = actions.import_statistics(win, CENSUS)
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    page.region_table.cellWidget(0, 2).setEditText("不存在县")
    before = wizard.result
    page.reread()
    assert "不存在县" in page.error_label.text()
    assert wizard.result is before  # nothing re-read, nothing lost


def test_header_rows_correction_is_passed_to_the_reader(qtbot, win):
    wizard = actions.import_statistics(win, MERGED)
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    page.header_edit.setText("4-5")
    page.unit_edit.setText("万元")
    page.reread()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=20000)
    assert wizard.overrides.header_rows == [3, 4]
    assert wizard.overrides.unit == "万元"
    assert wizard.result.report.header_rows == [3, 4]
    page.header_edit.setText("四到六")
    page.reread()
    assert "表头行" in page.error_label.text()


def test_report_page_lists_the_report(qtbot, win):
    wizard = actions.import_statistics(win, MERGED)
    _to_preview(qtbot, wizard)
    wizard.next()
    text = wizard.report_page.text.toPlainText()
    assert "已导入数值：74 个" in text and "合计校验" in text


def test_broken_file_says_why_on_the_first_page(qtbot, win, tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    wizard = actions.import_statistics(win, bad)
    assert "坏文件.xlsx" in wizard.file_page.error_label.text()
    assert not wizard.file_page.isComplete()


def _stat(project, code, indicator, year):
    region = project.region(code)
    return next(
        (s.value for s in region.statistics if (s.indicator, s.year) == (indicator, year)), None
    )


def test_merge_lists_conflicts_and_applies_the_choice_as_one_undo_step(qtbot, win):
    session = win.session
    project = session.project
    before = _stat(project, "510100", "population", 2020)
    wizard = actions.import_statistics(win, CHENGDU)
    _to_preview(qtbot, wizard)
    wizard.next()
    wizard.next()
    page = wizard.merge_page
    assert wizard.currentPage() is page and page.isComplete()
    assert "冲突 1 个" in page.summary.text()
    row = [page.conflict_table.item(0, j).text() for j in range(4)]
    assert row[0] == "成都市（510100）" and row[2] == "2020"
    assert row[3] == "2,093.78 万人 → 2,094.7 万人"  # both values, exact, with units
    assert _stat(project, "510100", "population", 2020) == before  # nothing before 完成
    page.vintage_edit.setText("测试年鉴")
    combo = page.conflict_table.cellWidget(0, 4)
    combo.setCurrentIndex(combo.findData("import"))
    count = session.undo_stack.count()
    wizard.accept()
    assert session.undo_stack.count() == count + 1
    assert "导入统计数据" in session.undo_stack.undoText()
    assert _stat(project, "510100", "population", 2020) == pytest.approx(2094.7)
    session.undo_stack.undo()
    assert _stat(project, "510100", "population", 2020) == before


def test_merge_keeps_the_project_value_unless_chosen(qtbot, win):
    session = win.session
    before = _stat(session.project, "510100", "population", 2020)
    wizard = actions.import_statistics(win, CHENGDU)
    _to_preview(qtbot, wizard)
    wizard.next()
    wizard.next()
    wizard.accept()  # default choice: keep
    assert _stat(session.project, "510100", "population", 2020) == before
    assert session.undo_stack.count() == 1  # the new values were still added, as one step


def test_parse_rows():
    assert parse_rows("4-6") == [3, 4, 5]
    assert parse_rows("4，6") == [3, 5]
    assert parse_rows("") is None
    with pytest.raises(ValueError):
        parse_rows("0")
    assert parse_cell("C7") == (6, 2) and parse_cell("AA10") == (9, 26)


def test_preview_model_passes_qtmodeltester(qtmodeltester):
    model = PreviewModel()
    model.set_result(read_table(MERGED))
    qtmodeltester.check(model)
    model.set_result(None)
    qtmodeltester.check(model)


def _monthly_report(path: Path) -> Path:
    """A 统计月报 as bureaus send it: indicators down the rows, no region but 全市 in the title."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["2023年1-12月全市主要经济指标"],
        ["指标", "单位", "本期", "上年同期", "增长(%)"],
        ["规模以上工业增加值", "亿元", 1000.0, 950.0, 5.3],
        ["社会消费品零售总额", "亿元", 2000.0, 1900.0, 5.2],
    ]:
        ws.append(row)
    wb.save(path)
    return path


def test_table_region_typed_in_the_wizard_imports_a_report_naming_none(qtbot, win, tmp_path):
    wizard = actions.import_statistics(win, _monthly_report(tmp_path / "月报.xlsx"))
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    assert wizard.result.report.imported == 0
    page.region_edit.setText("市中区")  # 内江 and 乐山 (and others) have one: never a guess
    before = wizard.result
    page.reread()
    assert "市中区" in page.error_label.text() and "代码" in page.error_label.text()
    assert wizard.result is before
    page.region_edit.setText("成都市")
    page.reread()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=20000)
    assert page.error_label.text() == ""
    assert wizard.overrides.region == "510100"
    tidy = wizard.result.tidy
    assert set(tidy["region_code"]) == {"510100"}
    got = {(r.indicator_label, r.year): r.value for r in tidy.itertuples()}
    assert got[("规模以上工业增加值", 2023)] == 1000.0
    assert got[("规模以上工业增加值", 2022)] == 950.0
    page.region_edit.setText("510100")  # a code is taken as given
    assert page.table_region() == "510100"


def test_unmatched_region_says_why_in_its_tooltip(qtbot, win, tmp_path):
    import openpyxl

    path = tmp_path / "zones.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["2023年各区（功能区）地区生产总值（亿元）"], ["地区", "地区生产总值"]]:
        ws.append(row)
    for row in [["锦江区", 1300.0], ["天府新区", 4500.0]]:
        ws.append(row)
    wb.save(path)
    wizard = actions.import_statistics(win, path)
    _to_preview(qtbot, wizard)
    table = wizard.preview_page.region_table
    assert table.rowCount() == 1 and table.item(0, 0).text() == "天府新区"
    assert "功能区" in table.item(0, 0).toolTip()


def _hidden_book(path: Path) -> Path:
    """A yearbook sheet with a superseded 自贡 row and a helper column hidden, as Excel saves
    them (``<row hidden="1">``, ``<col hidden="1">``)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["2-1 各市地区生产总值（2023年）"],
        ["单位：亿元"],
        ["地区", "地区生产总值", "上年数（辅助）", "第一产业"],
        ["成都市", 22074.7, 20817.5, 594.9],
        ["自贡市", 1750.6, 1601.3, 201.6],
        ["自贡市", 1700.0, 1601.3, 199.0],  # the superseded figures, hidden
        ["泸州市", 2656.0, 2601.5, 301.4],
    ]:
        ws.append(row)
    ws.row_dimensions[6].hidden = True
    ws.column_dimensions["C"].hidden = True
    wb.save(path)
    return path


def test_preview_marks_hidden_rows_and_columns(qtbot, win, tmp_path):
    from workbench.ui.dialogs.preview_model import COLOURS, HIDDEN, LEGEND, VALUE

    wizard = actions.import_statistics(win, _hidden_book(tmp_path / "hidden.xlsx"))
    _to_preview(qtbot, wizard)
    assert (wizard.result.hidden_rows, wizard.result.hidden_cols) == ([5], [2])
    page = wizard.preview_page
    model = page.model
    assert all(model.cell_kind(5, c) == HIDDEN for c in range(model.columnCount()))
    assert all(model.cell_kind(r, 2) == HIDDEN for r in range(model.rowCount()))
    assert model.cell_kind(4, 1) == VALUE and model.cell_kind(6, 3) == VALUE
    idx = model.index(5, 1)
    assert model.data(idx) == ""  # blanked, as imported: marked, not filled back in
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole).color() == COLOURS[HIDDEN]
    tip = model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert "隐藏" in tip and "未导入" in tip
    assert "列" in model.data(model.index(3, 2), Qt.ItemDataRole.ToolTipRole)
    assert "隐藏" in model.headerData(5, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "隐藏" in model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(4, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) is None
    assert LEGEND[HIDDEN] == ("隐藏（未导入）", "hidden (not imported)")
    legend = page.findChild(type(page.detected_label), "statsLegend")
    assert "隐藏（未导入）" in legend.text() and COLOURS[HIDDEN].name() in legend.text()
    # the values of the hidden row and column are not in the tidy table
    assert set(wizard.result.tidy["cell"]) == {"B4", "B5", "B7", "D4", "D5", "D7"}


def test_preview_model_with_hidden_lines_passes_qtmodeltester(qtmodeltester, tmp_path):
    model = PreviewModel()
    model.set_result(read_table(_hidden_book(tmp_path / "hidden.xlsx")))
    assert (model.hidden_rows, model.hidden_cols) == ({5}, {2})
    qtmodeltester.check(model)
    model.set_result(read_table(MERGED))
    assert not model.hidden_rows and not model.hidden_cols
    qtmodeltester.check(model)


def test_merge_page_says_when_an_earlier_indicator_name_is_kept(qtbot, win, tmp_path):
    """A project filled by an earlier version holds an uncatalogued indicator under its printed
    label with the unit; the merge page meets it there and says so, in the planner's language."""
    import openpyxl

    from workbench.core.model import StatValue

    old = "研究与试验发展经费（亿元）"
    win.session.project.region("510100").statistics.append(
        StatValue(old, 2023, 1020.5, "亿元", "旧导入")
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年各市（州）研究与试验发展经费"])
    ws.append(["地区", old])
    ws.append(["成都市", 1020.5])
    ws.append(["德阳市", 98.3])
    path = tmp_path / "rd.xlsx"
    wb.save(path)
    wizard = actions.import_statistics(win, path)
    _to_preview(qtbot, wizard)
    wizard.next()
    wizard.next()
    page = wizard.merge_page
    text = page.summary.text()
    assert "与项目相同 1 个" in text and "新增 1 个" in text
    assert f"“{old}”沿用项目中已有的指标名" in text

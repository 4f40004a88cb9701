"""The statistics wizard with one sheet per year: ticked sheets imported together, each value
keeping its sheet; cancelling stops the read itself."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from workbench.ui import i18n
from workbench.ui.dialogs import actions

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

DATA = Path(__file__).parents[1] / "data" / "stats"
PER_YEAR = DATA / "sheets_per_year.xlsx"


def _tick(wizard, *names: str) -> None:
    lst = wizard.file_page.sheet_list
    for i in range(lst.count()):
        item = lst.item(i)
        if item.text() in names:
            item.setCheckState(Qt.CheckState.Checked)


def _to_preview(qtbot, wizard, sheet: str) -> None:
    lst = wizard.file_page.sheet_list
    lst.setCurrentRow(next(i for i in range(lst.count()) if lst.item(i).text() == sheet))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=20000)


def test_ticked_sheets_are_imported_together(qtbot, win):
    wizard = actions.import_statistics(win, PER_YEAR)
    _tick(wizard, "2021年", "附表")
    _to_preview(qtbot, wizard, "2022年")
    assert wizard.sheets == ["2022年", "2021年", "附表"]
    tidy = wizard.result.tidy
    assert sorted(set(zip(tidy.sheet, tidy.year, strict=True))) == [
        ("2021年", 2021),
        ("2022年", 2022),
    ]
    wizard.next()
    text = wizard.report_page.text.toPlainText()
    assert "共读取 2 个同版式工作表" in text and "跳过工作表“附表”" in text
    assert "取自工作表名" in text and "按 ×100 以 % 导入" in text


def test_only_the_previewed_sheet_without_ticks(qtbot, win):
    wizard = actions.import_statistics(win, PER_YEAR)
    _to_preview(qtbot, wizard, "2021年")
    assert set(wizard.result.tidy.sheet) == {"2021年"}


def test_tick_all(qtbot, win):
    wizard = actions.import_statistics(win, PER_YEAR)
    wizard.file_page.tick_all(True)
    wizard.file_page.sheet_list.setCurrentRow(1)
    assert wizard.file_page.sheets == ["2022年", "说明", "2021年", "附表"]


def _many_sheets(path: Path, n: int) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k in range(n):
        ws = wb.create_sheet(f"{2000 + k}年")
        ws.append(["地区", "地区生产总值（亿元）"])
        for name in ("成都", "德阳", "绵阳"):
            ws.append([name, 100.0 + k])
    wb.save(path)


def test_cancel_stops_the_read_partway(qtbot, win, tmp_path, monkeypatch):
    path = tmp_path / "many.xlsx"
    _many_sheets(path, 12)
    read: list[str] = []
    from workbench.io.stats_import import workbook

    real = workbook.read_sheet

    def slow(p, kind, sheets, *a, **k):  # the third sheet's read is where the planner cancels
        read.append(sheets[0].name)
        if len(read) == 3:
            wizard.task.cancel()
        return real(p, kind, sheets, *a, **k)

    monkeypatch.setattr(workbook, "read_sheet", slow)
    wizard = actions.import_statistics(win, path)
    wizard.file_page.tick_all(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=20000)
    assert wizard.result is None  # nothing half-read is shown
    assert len(read) == 3  # the other nine sheets were never read


def test_report_page_screenshots(qtbot, win, tmp_path):
    """The report page renders in both languages (a person looks at these screenshots)."""
    for lang in ("zh", "en"):
        i18n.set_language(lang)
        try:
            wizard = actions.import_statistics(win, PER_YEAR)
            _tick(wizard, "2021年", "附表")
            _to_preview(qtbot, wizard, "2022年")
            wizard.next()
            text = wizard.report_page.text.toPlainText()
            assert ("共读取" if lang == "zh" else "sheets laid out alike") in text
            shot = wizard.grab()
            assert not shot.isNull()
            shot.save(str(tmp_path / f"report_{lang}.png"))
            wizard.reject()
        finally:
            i18n.set_language("zh")


def test_preview_describes_the_previewed_sheet_of_several(qtbot, win):
    wizard = actions.import_statistics(win, PER_YEAR)
    _tick(wizard, "2021年")
    _to_preview(qtbot, wizard, "2022年")
    text = wizard.preview_page.detected_label.text()
    assert "表头第 2 行" in text and "年份 2022" in text and "导入 8 个数值（2 个工作表）" in text
    assert wizard.preview_page.header_edit.text() == "2"

"""Export, re-import with the diff shown first, template and candidate import — from the window."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from workbench.core.enums import Instrument
from workbench.io.excel import export_workbook, write_submission_template
from workbench.io.excel.layout import (
    ALLOC_COL,
    ALLOC_FIRST_ROW,
    ALLOCATIONS,
    TEMPLATE_FIRST_ROW,
    TEMPLATE_SHEET,
    YEAR_COL,
)
from workbench.ui.dialogs import actions

# Opening a dialog on the offscreen platform logs this harmless notice.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _amount(session, cid, year, instrument=Instrument.EQUITY) -> float:
    sc = session.project.scenario(session.scenario)
    return sum(a.amount for a in sc.allocations if a.key == (cid, year, instrument.value))


def test_export_writes_the_workbook_in_the_background(qtbot, win, dialogs, tmp_path):
    dialog = actions.export_allocations(win)
    assert dialog.scenario == win.session.scenario
    assert dialog.path_edit.text().endswith(".xlsx")  # a suggested name, editable
    target = tmp_path / "导出 分配"
    dialog.path_edit.setText(str(target))
    _ok(dialog)
    qtbot.waitUntil(lambda: bool(dialogs.texts("information")), timeout=20000)
    written = target.with_suffix(".xlsx")
    assert str(written) in dialogs.texts("information")[0]
    assert ALLOCATIONS in openpyxl.load_workbook(written, read_only=True).sheetnames
    assert not win.session.modified  # exporting changes nothing


def test_export_without_a_path_cannot_be_confirmed(win):
    dialog = actions.export_allocations(win)
    dialog.path_edit.clear()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_cancelled_export_writes_no_file(qtbot, win, dialogs, tmp_path, monkeypatch):
    started = threading.Event()
    real = actions.export_workbook

    def slow_export(project, scenario, path, *, progress, cancel, **_settings):
        started.set()
        while not cancel():  # stands for a long export; the real one checks cancel per sheet
            threading.Event().wait(0.002)
        real(project, scenario, path, progress=progress, cancel=cancel)

    monkeypatch.setattr(actions, "export_workbook", slow_export)
    dialog = actions.export_allocations(win)
    target = tmp_path / "x.xlsx"
    dialog.path_edit.setText(str(target))
    _ok(dialog)
    assert started.wait(10)
    dialog.task.cancel()
    qtbot.waitUntil(lambda: bool(dialogs.texts("information")), timeout=10000)
    assert "已取消" in dialogs.texts("information")[0]
    assert not target.exists()


def test_export_error_is_shown_not_raised(qtbot, win, dialogs, tmp_path, monkeypatch):
    def refused(project, scenario, path, *, progress, cancel, **_settings):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(actions, "export_workbook", refused)
    dialog = actions.export_allocations(win)
    dialog.path_edit.setText(str(tmp_path / "locked.xlsx"))
    _ok(dialog)
    qtbot.waitUntil(lambda: bool(dialogs.texts("critical")), timeout=20000)
    assert "locked.xlsx" in dialogs.texts("critical")[0]


def _edited_workbook(session, path: Path) -> tuple[str, float]:
    export_workbook(session.project, session.scenario, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[ALLOCATIONS]
    r = ALLOC_FIRST_ROW
    while ws.cell(r, ALLOC_COL["投资方式"]).value != Instrument.EQUITY.zh:
        r += 1
    cid = ws.cell(r, 1).value
    ws.cell(r, YEAR_COL[2029]).value = 7.5
    wb.save(path)
    return cid, _amount(session, cid, 2029)


def test_import_allocations_shows_the_diff_then_applies_as_one_undo_step(
    qtbot, win, dialogs, tmp_path
):
    session = win.session
    path = tmp_path / "edited.xlsx"
    cid, old = _edited_workbook(session, path)
    task = actions.import_allocations(win, path)
    qtbot.waitUntil(lambda: hasattr(task, "report_dialog"), timeout=20000)
    dialog = task.report_dialog
    text = dialog.text.toPlainText()
    assert cid in text and "2029" in text and "7.50 亿元" in text
    assert _amount(session, cid, 2029) == old  # nothing applied before the user confirms
    count = session.undo_stack.count()
    dialog.apply_button.click()
    assert _amount(session, cid, 2029) == 7.5
    assert session.undo_stack.count() == count + 1
    assert "导入分配" in session.undo_stack.undoText()
    session.undo_stack.undo()
    assert _amount(session, cid, 2029) == old


def test_import_allocations_cancel_leaves_project_untouched(qtbot, win, tmp_path):
    session = win.session
    path = tmp_path / "edited.xlsx"
    cid, old = _edited_workbook(session, path)
    task = actions.import_allocations(win, path)
    qtbot.waitUntil(lambda: hasattr(task, "report_dialog"), timeout=20000)
    task.report_dialog.reject()
    assert _amount(session, cid, 2029) == old and session.undo_stack.count() == 0


def test_scenario_deleted_while_reading_offers_nothing(qtbot, win, dialogs, tmp_path):
    """The project may change while the file is read: a result that no longer fits is refused
    with a warning, and no report dialog offers to apply it."""
    from workbench.core.edits import RemoveItem

    session = win.session
    path = tmp_path / "edited.xlsx"
    _edited_workbook(session, path)
    task = actions.import_allocations(win, path)
    # The read's result reaches the UI thread only on a later event-loop turn: delete it first.
    assert session.push(RemoveItem(("scenarios",), session.scenario))
    count = session.undo_stack.count()
    qtbot.waitUntil(lambda: bool(dialogs.texts("warning")), timeout=20000)
    assert "已不存在" in dialogs.texts("warning")[0]
    assert not hasattr(task, "report_dialog") and session.undo_stack.count() == count


def test_unchanged_workbook_has_nothing_to_apply(qtbot, win, tmp_path):
    path = tmp_path / "same.xlsx"
    export_workbook(win.session.project, win.session.scenario, path)
    task = actions.import_allocations(win, path)
    qtbot.waitUntil(lambda: hasattr(task, "report_dialog"), timeout=20000)
    assert "没有修改" in task.report_dialog.text.toPlainText()
    assert not task.report_dialog.apply_button.isEnabled()


def test_broken_workbook_is_a_clear_message(qtbot, win, dialogs, tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip file")
    actions.import_allocations(win, bad)
    qtbot.waitUntil(lambda: bool(dialogs.texts("critical")), timeout=10000)
    assert "broken.xlsx" in dialogs.texts("critical")[0]
    assert win.session.undo_stack.count() == 0


def test_file_picker_cancel_does_nothing(win, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert actions.import_allocations(win) is None
    assert actions.import_candidates(win) is None
    assert actions.export_template(win) is None


def test_template_export_then_candidate_import_lists_row_errors(
    qtbot, win, dialogs, tmp_path, monkeypatch
):
    form = tmp_path / "申报模板.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(form), ""))
    )
    actions.export_template(win)
    qtbot.waitUntil(lambda: bool(dialogs.texts("information")), timeout=20000)
    assert form.exists()
    wb = openpyxl.load_workbook(form)
    ws = wb[TEMPLATE_SHEET]
    rows = [
        ("锦江数字文创街区", "街区", "锦江区（510104）", "数字经济", 1.2, 300, 0.1, 2.5, ""),
        ("负数楼宇", "楼宇", "武侯区", "电子信息", -1, 10, 0, 0, ""),
    ]
    for i, values in enumerate(rows):
        for j, v in enumerate(values, start=1):
            ws.cell(TEMPLATE_FIRST_ROW + i, j).value = v
    wb.save(form)
    session = win.session
    n = len(session.project.candidates)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(form), ""))
    )
    task = actions.import_candidates(win)
    qtbot.waitUntil(lambda: hasattr(task, "report_dialog"), timeout=20000)
    text = task.report_dialog.text.toPlainText()
    assert "锦江数字文创街区" in text
    assert f"第 {TEMPLATE_FIRST_ROW + 1} 行" in text  # the negative amount, with its row
    assert len(session.project.candidates) == n
    task.report_dialog.apply_button.click()
    assert len(session.project.candidates) == n + 1
    session.undo_stack.undo()
    assert len(session.project.candidates) == n


def test_english_ui(win, sample_project, tmp_path):
    from workbench.ui import i18n

    i18n.set_language("en")  # the one place the language is held
    try:
        path = tmp_path / "t.xlsx"
        write_submission_template(sample_project, path)
        dialog = actions.export_allocations(win)
        assert dialog.windowTitle() == "Export allocation workbook"
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Export"
    finally:
        i18n.set_language("zh")


def test_main_window_menu_actions_open_the_dialogs(qtbot, window, tmp_path):
    """The part-1 window calls these actions from its menus and from drag and drop."""
    from PySide6.QtWidgets import QDialog

    window.actions_by_name["actionExportAllocations"].trigger()
    dialog = window.findChild(QDialog, "exportAllocationsDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    path = tmp_path / "edited.xlsx"
    export_workbook(window.session.project, window.session.scenario, path)
    task = window.run_dialog_action("import_allocations", str(path))
    qtbot.waitUntil(lambda: hasattr(task, "report_dialog"), timeout=20000)
    assert task.report_dialog.isVisible()

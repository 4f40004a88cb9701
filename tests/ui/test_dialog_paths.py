"""Path fields in dialogs: checked as typed, OK disabled with the reason shown, never a traceback;
the last export and import folders are remembered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from workbench.ui.dialogs import actions
from workbench.ui.dialogs.common import (
    EXPORT_FOLDER,
    IMPORT_FOLDER,
    check_open_path,
    check_save_path,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

MERGED = Path(__file__).parents[1] / "data" / "stats" / "cq_2023_merged_header.xlsx"


@pytest.fixture
def host(win, settings):
    win.settings = settings  # the dialogs remember folders in the window's settings
    return win


def _ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "请填写"),
        ("/", "文件名"),
        ("{tmp}/", "文件名"),
        ("{tmp}/..", "文件名"),
        ("{tmp}/nope/a.xlsx", "文件夹不存在"),
        ("{tmp}/a.csv", ".xlsx"),
        ("{tmp}/sub.xlsx", "文件夹："),  # an existing folder named like a workbook
        ("{tmp}/a\0b.xlsx", "路径无效"),
    ],
)
def test_unusable_save_paths_say_why(tmp_path, typed, reason):
    (tmp_path / "sub.xlsx").mkdir()
    check = check_save_path(typed.format(tmp=tmp_path))
    assert check.path is None and reason in check.reason


def test_save_path_gets_the_suffix_and_a_relative_name_the_base_folder(tmp_path):
    assert check_save_path(str(tmp_path / "分配")).path == tmp_path / "分配.xlsx"
    assert check_save_path("a.XLSX", base=tmp_path).path == tmp_path / "a.XLSX"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder_is_refused(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert "权限" in check_save_path(str(ro / "a.xlsx")).reason
    finally:
        ro.chmod(0o700)


def test_open_path_must_be_an_existing_file(tmp_path):
    assert "不存在" in check_open_path(str(tmp_path / "x.xlsx")).reason
    assert "文件夹" in check_open_path(str(tmp_path)).reason
    assert check_open_path(str(MERGED)).path == MERGED
    assert "不支持" in check_open_path(str(MERGED), (".csv",)).reason


def test_typing_a_bare_slash_disables_export_with_the_reason(qtbot, host, dialogs):
    dialog = actions.export_allocations(host)
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, "/")  # raised ValueError on every keystroke before
    assert not _ok_button(dialog).isEnabled()
    assert "文件名" in dialog.path_error.text()
    dialog.accept()  # Enter before the button is refreshed: the dialog stays open
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.path is None
    assert not dialogs.calls  # no silent close, no error box


def test_missing_folder_is_shown_before_export(host, tmp_path):
    dialog = actions.export_allocations(host)
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "a.xlsx"))
    assert not _ok_button(dialog).isEnabled()
    assert "no such folder" in dialog.path_error.text()
    dialog.path_edit.setText(str(tmp_path / "a.xlsx"))
    assert _ok_button(dialog).isEnabled() and dialog.path_error.text() == ""


def test_last_export_folder_is_suggested_next_time(qtbot, host, dialogs, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog = actions.export_allocations(host)
    dialog.path_edit.setText(str(folder / "a.xlsx"))
    _ok_button(dialog).click()
    qtbot.waitUntil(lambda: bool(dialogs.texts("information")), timeout=20000)
    assert host.settings.last_folder(EXPORT_FOLDER) == str(folder)
    again = actions.export_allocations(host)
    assert Path(again.path_edit.text()).parent == folder


def test_last_import_folder_is_where_the_picker_opens(host, monkeypatch, tmp_path):
    seen: list[str] = []

    def picker(parent, title, start, flt):
        seen.append(start)
        return str(MERGED), flt

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(picker))
    wizard = actions.import_statistics(host)
    wizard.file_page.browse()
    assert host.settings.last_folder(IMPORT_FOLDER) == str(MERGED.parent)
    wizard.file_page.browse()
    assert seen[-1] == str(MERGED.parent)


def test_enter_in_the_wizard_path_loads_sheets_and_stays(qtbot, host):
    wizard = actions.import_statistics(host)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.path_edit.setFocus()
    page.path_edit.setText(str(MERGED))
    qtbot.keyClick(page.path_edit, Qt.Key.Key_Return)
    assert page.sheet_list.count() == 1  # Enter loaded the sheet list
    assert wizard.currentPage() is page  # … and did not press Next


def test_wizard_path_typed_wrong_says_so_and_blocks_next(qtbot, host, tmp_path):
    wizard = actions.import_statistics(host)
    page = wizard.file_page
    qtbot.keyClicks(page.path_edit, str(tmp_path / "missing.xlsx"))  # keyClicks: ASCII only
    assert "不存在" in page.error_label.text()
    assert not page.isComplete()


def test_report_names_indicators_and_shows_the_unit_once(qtbot, host):
    wizard = actions.import_statistics(host, MERGED)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=20000)
    assert "单位 单位" not in wizard.preview_page.detected_label.text()
    wizard.next()
    text = wizard.report_page.text.toPlainText()
    assert "单位：单位" not in text and "单位：亿元" in text
    assert "→ 地区生产总值, 2023" in text and "→ gdp," not in text

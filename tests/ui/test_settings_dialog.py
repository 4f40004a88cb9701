"""设置: the language choice is stored on OK, untouched on cancel, and the window says when it applies."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from workbench.ui.dialogs.settings_dialog import SettingsDialog


def test_ok_stores_the_language_and_cancel_does_not(qtbot, settings) -> None:
    assert settings.language == "zh"
    dlg = SettingsDialog(None, settings)
    qtbot.addWidget(dlg)
    assert dlg.language_combo.currentData() == "zh"
    dlg.language_combo.setCurrentIndex(dlg.language_combo.findData("en"))
    dlg.reject()
    assert settings.language == "zh"
    dlg.accept()
    assert settings.language == "en"


def test_window_action_opens_it_and_reports_the_restart(window, monkeypatch) -> None:
    def choose_english(self: SettingsDialog) -> int:
        self.language_combo.setCurrentIndex(self.language_combo.findData("en"))
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose_english)
    window.actions_by_name["actionSettings"].trigger()
    assert window.settings.language == "en"
    assert "重新启动" in window.message_label.text()

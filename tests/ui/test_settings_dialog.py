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


def test_draws_and_seed_are_one_undoable_project_edit(window) -> None:
    from workbench.ui.dialogs.settings_dialog import SettingsDialog

    project = window.session.project
    assert (project.uncertainty.draws, project.uncertainty.seed) == (500, 20260101)
    dlg = SettingsDialog(window, window.settings)
    dlg.uncertainty.draws.setValue(800)
    dlg.uncertainty.seed.setValue(7)
    dlg.accept()
    assert (project.uncertainty.draws, project.uncertainty.seed) == (800, 7)
    assert window.session.undo_stack.undoText()
    window.session.undo_stack.undo()
    assert (project.uncertainty.draws, project.uncertainty.seed) == (500, 20260101)
    dlg2 = SettingsDialog(window, window.settings)
    dlg2.uncertainty.draws.setValue(0)
    dlg2.reject()
    assert project.uncertainty.draws == 500

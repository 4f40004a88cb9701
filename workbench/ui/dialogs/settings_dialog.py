"""设置: the interface language (applied at the next start, see ``ui.i18n``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from workbench.ui.i18n import tr
from workbench.ui.qt_translations import button_texts
from workbench.ui.settings import Settings


class SettingsDialog(QDialog):
    """Stores the chosen language in ``settings`` when accepted; nothing changes on cancel."""

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("settings.title"))
        form = QFormLayout(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem("中文", "zh")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(settings.language), 0))
        form.addRow(tr("settings.language"), self.language_combo)
        form.addRow("", QLabel(tr("settings.restart"), self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        button_texts(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(self._store)

    def _store(self) -> None:
        self.settings.language = self.language_combo.currentData()


def open_settings(window: Any) -> SettingsDialog:
    """Show the dialog (modal); after OK, the window's status bar says when the change applies."""
    dlg = SettingsDialog(window, window.settings)
    from workbench.ui.regions.level_setting import add_level_row  # a project setting (issue 17)

    add_level_row(dlg, window)
    if dlg.exec() == QDialog.DialogCode.Accepted:
        window.show_message(tr("settings.restart"))
    return dlg

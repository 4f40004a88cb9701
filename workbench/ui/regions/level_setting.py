"""The planning level row of the 设置 dialog: Sichuan by prefecture or by county (a project
setting, applied as one undoable edit when the dialog is accepted; Chongqing has one level)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout

from workbench.core.enums import Level
from workbench.core.regions.levels import SICHUAN, level_of, set_levels_edit
from workbench.ui.regions.texts import t


def add_level_row(dialog: QDialog, window: Any) -> QComboBox | None:
    """Add the combo above the dialog's buttons; on accept, push the change if there is one."""
    session = getattr(window, "session", None)
    form = dialog.layout()
    if session is None or not isinstance(form, QFormLayout):
        return None
    combo = QComboBox(dialog)
    combo.setObjectName("planningLevelCombo")
    combo.addItem(t("level.prefecture"), Level.PREFECTURE.value)
    combo.addItem(t("level.county"), Level.COUNTY.value)
    combo.setToolTip(t("level.tip"))
    combo.setCurrentIndex(max(combo.findData(level_of(session.project, SICHUAN).value), 0))
    form.insertRow(max(form.rowCount() - 1, 0), t("level"), combo)

    def apply() -> None:
        chosen = Level(combo.currentData())
        if chosen is level_of(session.project, SICHUAN):
            return
        from workbench.core.gazetteer import default_gazetteer  # only when the level changes

        borders = default_gazetteer().adjacency("county") if chosen is Level.COUNTY else None
        session.push(set_levels_edit(session.project, {SICHUAN: chosen}, borders))

    dialog.accepted.connect(apply)
    return combo

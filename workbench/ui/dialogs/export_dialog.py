"""导出分配表: choose the scenario and the file, then the workbook is written in the background."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from workbench.ui.dialogs.common import (
    ERROR_STYLE,
    EXCEL_FILTER,
    EXPORT_FOLDER,
    PathCheck,
    ask_save,
    check_save_path,
    start_dir,
)
from workbench.ui.i18n import pick


def suggested_name(project_name: str, scenario: str, what: str) -> str:
    """A file name from the project and scenario, without characters Windows refuses."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{project_name}_{scenario}_{what}").strip("_")
    return f"{stem}.xlsx"


class ExportDialog(QDialog):
    """Scenario and destination for the allocation workbook.

    The path is checked as typed (``check_save_path``): OK is enabled only for a path that can be
    written, and the reason is shown under the field otherwise; ``accept`` checks again."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        session = window.session
        self.setObjectName("exportAllocationsDialog")
        self.setWindowTitle(pick("导出分配表", "Export allocation workbook"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(640)  # long Chinese project names: the path stays readable
        form = QFormLayout(self)
        self.scenario_combo = QComboBox(objectName="exportScenarioCombo")
        for sc in session.project.scenarios:
            self.scenario_combo.addItem(sc.name, sc.name)
        self.scenario_combo.setCurrentIndex(max(self.scenario_combo.findData(session.scenario), 0))
        form.addRow(pick("方案", "Scenario"), self.scenario_combo)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(objectName="exportPathEdit")
        self.path_edit.setPlaceholderText(pick("保存为 .xlsx 文件", "save as an .xlsx file"))
        browse = QPushButton(pick("浏览…", "Browse…"), objectName="exportBrowseButton")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(pick("文件", "File"), holder)
        self.path_error = QLabel(objectName="exportPathError")
        self.path_error.setWordWrap(True)
        self.path_error.setStyleSheet(ERROR_STYLE)
        form.addRow("", self.path_error)
        note = QLabel(
            pick(
                "工作簿含资金来源、分配（含规则校验公式）、城市收支、园区、预测与校验各表；"
                "金额单位：亿元。",
                "The workbook has sources, allocations (with rule-check formulas), by-city, parks,"
                " projections and checks sheets; amounts in 亿元 (100M yuan).",
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            objectName="exportButtons",
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(pick("导出", "Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(pick("取消", "Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.path_edit.textChanged.connect(self._update_ok)
        self.scenario_combo.currentIndexChanged.connect(self._suggest)
        self._suggest()

    @property
    def scenario(self) -> str:
        return str(self.scenario_combo.currentData() or "")

    def check(self) -> PathCheck:
        return check_save_path(
            self.path_edit.text(), ".xlsx", start_dir(self.window_, EXPORT_FOLDER)
        )

    @property
    def path(self) -> Path | None:
        """The file to write, or None while the typed path cannot be written."""
        return self.check().path

    def _suggest(self) -> None:
        if not self.path_edit.isModified():
            name = suggested_name(self.window_.session.project.name, self.scenario, "分配表")
            self.path_edit.setText(str(Path(start_dir(self.window_, EXPORT_FOLDER)) / name))
        self._update_ok()

    def _update_ok(self) -> None:
        check = self.check()
        self.path_error.setText(check.reason)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.scenario) and check.ok)
        ok.setToolTip(check.reason)

    def accept(self) -> None:
        """Closes only on a writable path (Enter may arrive before the button is refreshed)."""
        self._update_ok()
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            super().accept()

    def browse(self) -> None:
        path = ask_save(self, self.windowTitle(), self.path_edit.text(), pick(*EXCEL_FILTER))
        if path is not None:
            self.path_edit.setText(str(path))
            self.path_edit.setModified(True)

"""Page 1: the file and the sheet; the sheet list is read as soon as a path is given."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.ui.dialogs.stats_wizard.wizard import StatsImportWizard

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from workbench.io.stats_import import StatsImportError, list_sheets
from workbench.ui.dialogs.common import TABLE_FILTER, ask_open, error_text
from workbench.ui.dialogs.stats_wizard.rows import ERROR_STYLE
from workbench.ui.i18n import language, pick


class FilePage(QWizardPage):
    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setObjectName("statsPageFile")
        self.setTitle(pick("选择文件和工作表", "Choose the file and sheet"))
        self.setSubTitle(
            pick(
                "支持 xlsx、xlsm、xls、ods 和 csv（含 GBK 编码）。",
                "xlsx, xlsm, xls, ods and csv (GBK too) are supported.",
            )
        )
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(objectName="statsPathEdit")
        browse = QPushButton(pick("浏览…", "Browse…"), objectName="statsBrowseButton")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        lay.addLayout(row)
        lay.addWidget(QLabel(pick("工作表：", "Sheet:")))
        self.sheet_list = QListWidget(objectName="statsSheetList")
        lay.addWidget(self.sheet_list, 1)
        self.error_label = QLabel(objectName="statsFileError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        lay.addWidget(self.error_label)
        self.path_edit.editingFinished.connect(self.load_sheets)
        self.sheet_list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())

    def browse(self) -> None:
        path = ask_open(self.wiz.parent(), self.title(), pick(*TABLE_FILTER))
        if path is not None:
            self.path_edit.setText(str(path))
            self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet_list.clear()
        self.error_label.clear()
        text = self.path_edit.text().strip()
        if text:
            try:
                names = list_sheets(text)
            except StatsImportError as exc:
                self.error_label.setText(exc.message(language()))
            except OSError as exc:
                self.error_label.setText(error_text(exc))
            else:
                self.sheet_list.addItems(names)
                if names:
                    self.sheet_list.setCurrentRow(0)
        self.completeChanged.emit()

    @property
    def sheet(self) -> str | None:
        item = self.sheet_list.currentItem()
        return item.text() if item is not None else None

    def isComplete(self) -> bool:
        return self.sheet is not None

    def validatePage(self) -> bool:
        path, sheet = Path(self.path_edit.text().strip()), self.sheet
        if (path, sheet) != (self.wiz.path, self.wiz.sheet):
            self.wiz.path, self.wiz.sheet = path, sheet
            self.wiz.reset_result()
        return True

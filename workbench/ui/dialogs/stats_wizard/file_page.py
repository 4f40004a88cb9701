"""Page 1: the file and the sheet; the sheet list is read as soon as a path is given."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.ui.dialogs.stats_wizard.wizard import StatsImportWizard

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
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
from workbench.ui.dialogs.common import TABLE_FILTER, ask_open, check_open_path, error_text
from workbench.ui.dialogs.stats_wizard.rows import ERROR_STYLE
from workbench.ui.i18n import language, pick


class _PathEdit(QLineEdit):
    """A line edit that keeps Enter: in a wizard an ignored Enter presses Next, skipping ahead
    before the planner has seen the sheet list that Enter loads."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


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
        self.path_edit = _PathEdit(objectName="statsPathEdit")
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
        # Enter in the path field loads the sheet list; it must not press the wizard's Next (a
        # QWizard's default button), so the field swallows the key (see ``_PathEdit``).
        self.path_edit.returnPressed.connect(self.load_sheets)
        self.path_edit.editingFinished.connect(self._load_if_changed)
        self.path_edit.textEdited.connect(self._check_typed)
        self.sheet_list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())
        self._loaded_text: str | None = None

    def browse(self) -> None:
        path = ask_open(self.wiz.parent(), self.title(), pick(*TABLE_FILTER))
        if path is not None:
            self.path_edit.setText(str(path))
            self.load_sheets()

    def _check_typed(self, text: str) -> None:
        """While typing: the sheets of another file no longer apply; say what is wrong so far."""
        if text.strip() != self._loaded_text:
            self.sheet_list.clear()
            self._loaded_text = None
        self.error_label.setText(check_open_path(text).reason if text.strip() else "")
        self.completeChanged.emit()

    def _load_if_changed(self) -> None:
        if self.path_edit.text().strip() != self._loaded_text:
            self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet_list.clear()
        self.error_label.clear()
        text = self.path_edit.text().strip()
        self._loaded_text = text
        check = check_open_path(text)
        if text and not check.ok:
            self.error_label.setText(check.reason)
        elif text:
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

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
    QListWidgetItem,
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
        lay.addWidget(
            QLabel(
                pick(
                    "工作表（选中的用于预览；勾选的一并导入，须与其版式相同，如每年一张表）：",
                    "Sheets (the selected one is previewed; ticked ones are imported with it if"
                    " laid out alike, e.g. one sheet per year):",
                )
            )
        )
        self.sheet_list = QListWidget(objectName="statsSheetList")
        lay.addWidget(self.sheet_list, 1)
        tick_all = QPushButton(pick("全部勾选", "Tick all"), objectName="statsTickAllButton")
        tick_all.clicked.connect(lambda: self.tick_all(True))
        row2 = QHBoxLayout()
        row2.addWidget(tick_all)
        row2.addStretch(1)
        lay.addLayout(row2)
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
        self.sheet_list.currentItemChanged.connect(self._tick_current)
        self._loaded_text: str | None = None
        self._auto: QListWidgetItem | None = None  # ticked by being selected, not by hand

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
        self._auto = None
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
                for name in names:
                    item = QListWidgetItem(name)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.sheet_list.addItem(item)
                if names:
                    self.sheet_list.setCurrentRow(0)
        self.completeChanged.emit()

    def _tick_current(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        """The previewed sheet is always imported: its box shows it. A box ticked only because
        its sheet was selected is cleared when another is selected; the planner's own stay."""
        if previous is not None and previous is self._auto:
            previous.setCheckState(Qt.CheckState.Unchecked)
        self._auto = None
        if item is not None and item.checkState() != Qt.CheckState.Checked:
            item.setCheckState(Qt.CheckState.Checked)
            self._auto = item

    def tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self._auto = None  # every box is now the planner's choice
        for i in range(self.sheet_list.count()):
            self.sheet_list.item(i).setCheckState(state)

    @property
    def sheets(self) -> list[str]:
        """The previewed sheet first, then the other ticked ones in the workbook's order."""
        current = self.sheet
        ticked = [
            it.text()
            for i in range(self.sheet_list.count())
            if (it := self.sheet_list.item(i)).checkState() == Qt.CheckState.Checked
        ]
        return [current, *(t for t in ticked if t != current)] if current else []

    @property
    def sheet(self) -> str | None:
        item = self.sheet_list.currentItem()
        return item.text() if item is not None else None

    def isComplete(self) -> bool:
        return self.sheet is not None

    def validatePage(self) -> bool:
        path, sheets = Path(self.path_edit.text().strip()), self.sheets
        if (path, sheets) != (self.wiz.path, self.wiz.sheets):
            self.wiz.path, self.wiz.sheets = path, sheets
            self.wiz.sheet = sheets[0] if sheets else None
            self.wiz.reset_result()
        return True

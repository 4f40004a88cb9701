"""Pieces the import/export dialogs share: file pickers, error messages, a report dialog.

Actions never block: dialogs are opened window-modal with ``open()`` and act on their signals, so
the window keeps painting and tests drive them without a nested event loop.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.core.model import Project
from workbench.ui.i18n import language, pick

EXCEL_FILTER = ("Excel 工作簿 (*.xlsx)", "Excel workbook (*.xlsx)")
TABLE_FILTER = (
    "统计表 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)",
    "Tables (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)",
)


def start_dir(window: Any) -> str:
    path = getattr(window.session, "path", None)
    return str(Path(path).parent) if path else str(Path.home())


def ask_open(window: QWidget, title: str, file_filter: str) -> Path | None:
    name, _sel = QFileDialog.getOpenFileName(window, title, start_dir(window), file_filter)
    return Path(name) if name else None


def ask_save(parent: QWidget, title: str, default: str, file_filter: str) -> Path | None:
    """A save path (``default`` is the suggested full path); ``.xlsx`` is added when missing."""
    name, _sel = QFileDialog.getSaveFileName(parent, title, default, file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(path.suffix + ".xlsx")


def error_text(exc: BaseException) -> str:
    """The user-facing text of an error: io errors carry their own bilingual message."""
    message = getattr(exc, "message", None)
    if callable(message):
        try:
            return str(message(language()))
        except TypeError:
            return str(message())
    if isinstance(exc, OSError):
        where = f"{exc.filename}：" if exc.filename else ""
        return pick(f"{where}文件读写失败（{exc.strerror}）", f"{where}file error ({exc.strerror})")
    return str(exc) or type(exc).__name__


def show_error(window: QWidget, title: str, exc: BaseException) -> None:
    QMessageBox.critical(window, title, error_text(exc))


def snapshot(project: Project) -> Project:
    """A private copy for a background thread: the user may keep editing the original."""
    return copy.deepcopy(project)


def mono_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class ReportDialog(QDialog):
    """Shows what an import would do (one line per change or row error) before it is applied.

    ``apply`` runs only when the user presses the apply button, which is disabled when there is
    nothing to apply; row errors are listed either way.
    """

    def __init__(
        self,
        parent: QWidget,
        object_name: str,
        title: str,
        lines: list[str],
        apply_text: str | None,
        apply: Callable[[], None] | None,
        summary: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(720, 480)
        lay = QVBoxLayout(self)
        if summary:
            head = QLabel(summary, objectName=f"{object_name}Summary")
            head.setWordWrap(True)
            lay.addWidget(head)
        self.text = QPlainTextEdit(objectName=f"{object_name}Text")
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(lines))
        lay.addWidget(self.text, 1)
        self.buttons = QDialogButtonBox(objectName=f"{object_name}Buttons")
        self.apply_button = None
        if apply is not None and apply_text:
            self.apply_button = self.buttons.addButton(
                apply_text, QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.apply_button.setObjectName(f"{object_name}Apply")
            self.buttons.accepted.connect(self.accept)
            self.accepted.connect(apply)
        close = self.buttons.addButton(
            pick("取消", "Cancel") if apply is not None else pick("关闭", "Close"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        close.setObjectName(f"{object_name}Close")
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def set_apply_enabled(self, enabled: bool) -> None:
        if self.apply_button is not None:
            self.apply_button.setEnabled(enabled)

"""Pieces the import/export dialogs share: file pickers, error messages, a report dialog.

Actions never block: dialogs are opened window-modal with ``open()`` and act on their signals, so
the window keeps painting and tests drive them without a nested event loop.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import dataclass
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

ERROR_STYLE = "color: #b00020;"  # the reason a field is refused, under the field
EXCEL_FILTER = ("Excel 工作簿 (*.xlsx)", "Excel workbook (*.xlsx)")
TABLE_FILTER = (
    "统计表 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)",
    "Tables (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)",
)


# Settings keys of the remembered folders (``Settings.last_folder``): one for files written, one
# for files read, so an export does not move the import picker's folder and vice versa.
EXPORT_FOLDER = "export"
IMPORT_FOLDER = "import"


def start_dir(window: Any, kind: str | None = None) -> str:
    """Where a file picker starts: the folder last used for ``kind`` if it still exists, else the
    project's folder, else home."""
    settings = getattr(window, "settings", None)
    if kind is not None and settings is not None:
        folder = settings.last_folder(kind)
        if folder and Path(folder).is_dir():
            return folder
    path = getattr(window.session, "path", None)
    return str(Path(path).parent) if path else str(Path.home())


def remember_folder(window: Any, kind: str, path: Path) -> None:
    settings = getattr(window, "settings", None)
    if settings is not None:
        settings.set_last_folder(kind, str(path.parent))


# Characters Windows refuses in a file name (the files travel between planners' machines).
_BAD_NAME_CHARS = set('<>:"|?*')


@dataclass(frozen=True)
class PathCheck:
    """A typed save path as understood: ``path`` when it can be written, else ``reason`` why not."""

    path: Path | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.path is not None


def check_save_path(text: str, suffix: str = ".xlsx", base: str | Path | None = None) -> PathCheck:
    """Whether ``text`` names a file we can create: a file name, the right suffix (added when
    none is typed), an existing writable folder. Never raises: the dialog calls it on every
    keystroke, and half-typed paths ("/", "C:", "a/") are normal there."""
    text = text.strip()
    if not text:
        return PathCheck(None, pick("请填写要保存的文件。", "Enter the file to save."))
    try:
        p = Path(text).expanduser()
        if not p.is_absolute() and base is not None:
            p = Path(base) / p
        if text.endswith(("/", os.sep)) or not p.name or p.name in (".", ".."):
            return PathCheck(
                None, pick("请在文件夹后写出文件名。", "Add a file name after the folder.")
            )
        bad = sorted({ch for ch in p.name if ch in _BAD_NAME_CHARS or ord(ch) < 32})
        if bad:
            shown = " ".join(repr(ch)[1:-1] for ch in bad)
            return PathCheck(
                None,
                pick(f"路径无效：文件名含 {shown}", f"Invalid path: the name contains {shown}"),
            )
        if not p.suffix:
            p = p.with_name(p.name + suffix)
        if p.suffix.lower() != suffix:
            return PathCheck(
                None, pick(f"文件须以 {suffix} 结尾。", f"The file name must end in {suffix}.")
            )
        folder = p.parent
        if not folder.is_dir():
            return PathCheck(None, pick(f"文件夹不存在：{folder}", f"No such folder: {folder}"))
        if p.is_dir():
            return PathCheck(None, pick(f"这是一个文件夹：{p}", f"This is a folder: {p}"))
        if not os.access(folder, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
            return PathCheck(
                None, pick(f"没有写入权限：{folder}", f"No permission to write in {folder}")
            )
    except (ValueError, OSError) as exc:  # a NUL byte, a name too long for the system…
        return PathCheck(None, pick(f"路径无效：{exc}", f"Invalid path: {exc}"))
    return PathCheck(p)


def check_open_path(text: str, suffixes: tuple[str, ...] = ()) -> PathCheck:
    """Whether ``text`` names an existing file (of one of ``suffixes``, when given); never raises."""
    text = text.strip()
    if not text:
        return PathCheck(None, pick("请选择要读取的文件。", "Choose the file to read."))
    try:
        p = Path(text).expanduser()
        if p.is_dir():
            return PathCheck(None, pick(f"这是一个文件夹：{p}", f"This is a folder: {p}"))
        if not p.is_file():
            return PathCheck(None, pick(f"文件不存在：{p}", f"No such file: {p}"))
        if suffixes and p.suffix.lower() not in suffixes:
            kinds = "、".join(suffixes) if language() == "zh" else ", ".join(suffixes)
            return PathCheck(
                None,
                pick(
                    f"不支持此文件类型（可用 {kinds}）。", f"Unsupported file type (use {kinds})."
                ),
            )
    except (ValueError, OSError) as exc:
        return PathCheck(None, pick(f"路径无效：{exc}", f"Invalid path: {exc}"))
    return PathCheck(p)


def ask_open(window: QWidget, title: str, file_filter: str) -> Path | None:
    name, _sel = QFileDialog.getOpenFileName(
        window, title, start_dir(window, IMPORT_FOLDER), file_filter
    )
    if not name:
        return None
    remember_folder(window, IMPORT_FOLDER, Path(name))
    return Path(name)


def ask_save(parent: QWidget, title: str, default: str, file_filter: str) -> Path | None:
    """A save path (``default`` is the suggested full path); ``.xlsx`` is added when missing."""
    name, _sel = QFileDialog.getSaveFileName(parent, title, default, file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


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

"""Qt's own texts (standard buttons, the file dialog, message boxes) in the UI language.

Qt ships its translations (``qtbase_zh_CN.qm`` in ``QLibraryInfo``'s translations folder; PySide6
includes them); without them a Chinese window shows OK/Cancel, Save/Discard and an English file
dialog. Where they are missing, ``button_texts`` sets our dialogs' buttons directly.
"""

from __future__ import annotations

from typing import Any

from workbench.ui.i18n import language, pick

_qt_translators: list[Any] = []  # kept alive while installed (Qt does not own them)


def install_qt_translations(app: Any) -> bool:
    """Translate Qt's own texts (OK/Cancel, Save/Discard, the file dialog) into the UI language.

    Loads ``qtbase_zh_CN`` from Qt's translations folder (PySide6 ships it); replaces what an
    earlier call installed, so switching language in tests does not stack translators. Returns
    whether Qt's texts are now in the UI language — where not, our dialogs set their button texts
    themselves (see ``button_texts``)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    remove_qt_translations(app)
    if language() != "zh":
        return True  # Qt's built-in texts are English
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load("qtbase_zh_CN", folder):
        return False
    app.installTranslator(translator)
    _qt_translators.append(translator)
    return True


def remove_qt_translations(app: Any) -> None:
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())


def button_texts(box: Any) -> None:
    """Set the standard buttons of a QDialogButtonBox or QMessageBox to our words, so they read
    right even where Qt's translations are missing."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    enum = QMessageBox.StandardButton if isinstance(box, QMessageBox) else None
    enum = enum or QDialogButtonBox.StandardButton
    for name, (zh, en) in _BUTTONS.items():
        button = box.button(getattr(enum, name))
        if button is not None:
            button.setText(pick(zh, en))


_BUTTONS: dict[str, tuple[str, str]] = {
    "Ok": ("确定", "OK"),
    "Cancel": ("取消", "Cancel"),
    "Yes": ("是", "Yes"),
    "No": ("否", "No"),
    "Save": ("保存", "Save"),
    "Discard": ("不保存", "Discard"),
    "Close": ("关闭", "Close"),
    "Apply": ("应用", "Apply"),
}

"""Qt's own texts (standard buttons, the file dialog) follow the UI language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from workbench.ui import i18n
from workbench.ui.app import create_main_window
from workbench.ui.qt_translations import button_texts, install_qt_translations

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

Std = QDialogButtonBox.StandardButton


def _texts(box: QDialogButtonBox) -> list[str]:
    return [box.button(b).text().replace("&", "") for b in (Std.Ok, Std.Cancel)]


def test_chinese_window_translates_qt_standard_buttons(qtbot, qapp, settings, sample_copy):
    w = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(w)
    try:
        box = QDialogButtonBox(Std.Ok | Std.Cancel)
        qtbot.addWidget(box)
        assert _texts(box) == ["确定", "取消"]
        assert "打开" in QCoreApplication.translate("QFileDialog", "Open")
        save = QMessageBox(QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Save)
        qtbot.addWidget(save)
        assert save.button(QMessageBox.StandardButton.Save).text().replace("&", "") == "保存"
    finally:
        w.files.shutdown()


def test_english_removes_the_translation(qtbot, qapp, settings):
    i18n.set_language("zh")
    assert install_qt_translations(qapp)
    i18n.set_language("en")
    assert install_qt_translations(qapp)
    box = QDialogButtonBox(Std.Ok | Std.Cancel)
    qtbot.addWidget(box)
    assert _texts(box) == ["OK", "Cancel"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_our_button_texts_need_no_qt_translation(qtbot, settings, lang):
    """Where Qt's translation files are missing, dialogs still read right (``button_texts``)."""
    i18n.set_language(lang)
    box = QDialogButtonBox(Std.Ok | Std.Cancel)
    qtbot.addWidget(box)
    button_texts(box)
    assert _texts(box) == (["确定", "取消"] if lang == "zh" else ["OK", "Cancel"])

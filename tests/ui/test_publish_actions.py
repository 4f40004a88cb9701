"""文件 › 生成规划草案, 编辑 › 方案 › 编辑总体思路… and 帮助 › 使用指南 in the window."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QMenu

from workbench.bundled import GUIDE_DIR
from workbench.ui.publish_actions import ApproachDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def test_actions_sit_in_their_menus(window) -> None:
    a = window.actions_by_name
    menus = {
        name: window.findChild(QMenu, name).actions()
        for name in ("menuFile", "menuScenario", "menuHelp")
    }
    assert a["actionReport"] in menus["menuFile"]
    assert menus["menuFile"].index(a["actionReport"]) < menus["menuFile"].index(a["actionQuit"])
    describe = menus["menuScenario"].index(a["actionScenarioDescribe"])
    assert menus["menuScenario"][describe + 1] is a["actionScenarioApproach"]
    assert (
        menus["menuHelp"][0] is a["actionGuide"] and a["actionGuide"].shortcut().toString() == "F1"
    )


def test_approach_is_one_undoable_edit(window, session, monkeypatch) -> None:
    def accept(dialog: ApproachDialog) -> QDialog.DialogCode:
        dialog.editor.setPlainText("  以微核为抓手。\n两期园区。  ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ApproachDialog, "exec", accept)
    window.actions_by_name["actionScenarioApproach"].trigger()
    sc = session.current_scenario()
    assert sc.approach == "以微核为抓手。\n两期园区。"
    assert "总体思路" in session.undo_stack.undoText()
    session.undo_stack.undo()
    assert session.current_scenario().approach == ""
    session.undo_stack.redo()
    assert session.current_scenario().approach.startswith("以微核")
    assert not window.publish_actions.set_approach(
        "以微核为抓手。\n两期园区。"
    )  # unchanged: no step


def test_report_is_written_off_the_ui_thread(window, session, qtbot, tmp_path: Path) -> None:
    session.current_scenario().approach = "本方案的总体思路。"
    session.project.uncertainty.draws, session.project.uncertainty.seed = 40, 321
    target = tmp_path / "规划草案.docx"
    with qtbot.waitSignal(window.publish_actions.reportWritten, timeout=60_000) as done:
        task = window.publish_actions.generate_report(target)
        assert task is not None
    assert done.args == [str(target)]
    doc = docx.Document(str(target))
    assert "本方案的总体思路。" in [p.text for p in doc.paragraphs]
    assert len(doc.inline_shapes) >= 4  # the tornado too
    # ranges from the project's own uncertainty settings (draws and seed)
    assert any("40 次拉丁超立方抽样，随机种子 321" in p.text for p in doc.paragraphs)
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["城市（区县）", "P10", "P50", "P90"] in headers
    assert any(h[0] == "参数（单位）" and h[-1] == "摆幅（亿元）" for h in headers)
    assert str(target) in window.message_label.text()


def test_report_failure_is_said(window, qtbot, tmp_path: Path, dialogs) -> None:
    blocked = tmp_path / "folder.docx"
    blocked.mkdir()  # a folder where the file should go: the write fails
    with qtbot.waitSignal(window.publish_actions.reportFailed, timeout=60_000):
        window.publish_actions.generate_report(blocked)
    assert dialogs.texts("warning") and "未能生成规划草案" in dialogs.texts("warning")[0]


def _image_names(document: QTextDocument) -> list[str]:
    names = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guide_opens_with_its_pictures(window, qtbot, lang: str) -> None:
    from workbench.ui import i18n

    i18n.set_language(lang)
    window.publish_actions.guide = None
    dialog = window.publish_actions.show_guide()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert ("新建项目" if lang == "zh" else "Start a project") in text
    names = _image_names(dialog.browser.document())
    assert len(names) >= 10
    for name in names:  # each picture resolves next to the guide and loads
        url = dialog.browser.source().resolved(QUrl(name))
        image = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, url)
        assert image is not None and not image.isNull(), name
    dialog.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guide_files_ship_every_picture_small(lang: str) -> None:
    guide = (GUIDE_DIR / f"{lang}.md").read_text(encoding="utf-8")
    for heading in ("1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "8 ", "9 "):
        assert f"\n## {heading}" in guide
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide)
    assert len(pictures) >= 10
    for rel in pictures:
        path = GUIDE_DIR / rel
        assert path.is_file(), rel
        assert path.stat().st_size <= 200_000, rel

"""Saving over a file another window changed since we loaded it asks first: reload, save as or
overwrite — never a silent overwrite (issue 10, point 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workbench.core.edits import SetValue
from workbench.io import project_file
from workbench.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def choose(monkeypatch: pytest.MonkeyPatch):
    """Answer the changed-on-disk box by clicking the named button (or cancel with "")."""
    asked: list[str] = []

    def answer(name: str) -> None:
        def exec_(box: QMessageBox) -> int:
            asked.append(box.text())
            for b in box.buttons():
                if b.objectName() == name or (
                    not name and box.buttonRole(b) == box.ButtonRole.RejectRole
                ):
                    b.click()
                    break
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)

    answer.asked = asked  # type: ignore[attr-defined]
    return answer


def _other_window_saves(path: Path, name: str) -> None:
    other = project_file.load(path)
    other.name = name
    project_file.save(other, path)


def _edit(window: MainWindow, name: str) -> None:
    assert window.session.push(SetValue(("name",), name))


def test_unchanged_file_saves_without_asking(window: MainWindow, choose) -> None:
    choose("overwrite")
    _edit(window, "我的修改")
    assert window.files.save()
    assert choose.asked == []
    assert project_file.load(window.session.path).name == "我的修改"
    _edit(window, "再改一次")  # our own save is what we now stand on
    assert window.files.save() and choose.asked == []


def test_cancel_keeps_the_other_windows_work(window: MainWindow, choose) -> None:
    path = window.session.path
    _other_window_saves(path, "另一个窗口的修改")
    _edit(window, "我的修改")
    choose("")
    assert not window.files.save()
    assert len(choose.asked) == 1 and str(path) in choose.asked[0]
    assert project_file.load(path).name == "另一个窗口的修改"
    assert window.session.modified


def test_overwrite_replaces_it_when_the_user_says_so(window: MainWindow, choose) -> None:
    path = window.session.path
    _other_window_saves(path, "另一个窗口的修改")
    _edit(window, "我的修改")
    choose("overwrite")
    assert window.files.save()
    assert project_file.load(path).name == "我的修改" and not window.session.modified


def test_reload_shows_the_file_as_it_is_now(window: MainWindow, choose) -> None:
    path = window.session.path
    _other_window_saves(path, "另一个窗口的修改")
    _edit(window, "我的修改")
    choose("reload")
    window.files.save()
    assert window.session.project.name == "另一个窗口的修改" and not window.session.modified
    assert project_file.load(path).name == "另一个窗口的修改"
    assert window.files.locked == path  # still ours after the reload


def test_save_as_writes_elsewhere_and_leaves_the_file(
    window: MainWindow, choose, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = window.session.path
    _other_window_saves(path, "另一个窗口的修改")
    _edit(window, "我的修改")
    target = tmp_path / "mine.wbp"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    choose("save_as")
    assert window.files.save()
    assert project_file.load(target).name == "我的修改"
    assert project_file.load(path).name == "另一个窗口的修改"
    assert window.session.path == target


def test_a_file_with_nan_and_absurd_numbers_opens_and_lists_them(
    window: MainWindow, tmp_path: Path, dialogs, qtbot
) -> None:
    """Issue 10, point 7 in the window: the file loads (the planner can fix it) and the problems
    list names each bad number in words."""
    import json
    import math

    from workbench.bundled import SAMPLE_PROJECT

    doc = json.loads(SAMPLE_PROJECT.read_text("utf-8"))
    doc["project"]["criteria"][0]["weight"] = math.nan
    doc["project"]["fund"]["leverage"] = 1e308
    hostile = tmp_path / "hostile.wbp"
    hostile.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    assert window.files.open(hostile, ask_unsaved=False)
    assert dialogs.texts("critical") == []
    window.session.flush_problems()
    model = window.problems.model
    where = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert any("权重" in w for w in where) and any("社会资本撬动倍数" in w for w in where)
    window.files.shutdown()

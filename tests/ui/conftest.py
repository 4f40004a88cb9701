"""UI fixtures: settings isolated in a temporary folder, a session on a copy of the sample, and
message boxes that answer from a script instead of blocking."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from workbench.bundled import SAMPLE_PROJECT
from workbench.io.project_file import load
from workbench.ui import i18n
from workbench.ui.qt_translations import remove_qt_translations
from workbench.ui.settings import Settings


@pytest.fixture
def settings(qapp: QApplication, tmp_path: Path) -> Iterator[Settings]:
    """A Settings object whose INI file (and recovery folder) live in this test's tmp dir."""
    cfg = tmp_path / "config"
    cfg.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(cfg))
    QStandardPaths.setTestModeEnabled(True)  # Qt's folders: not the user's
    i18n.set_language("zh")
    yield Settings()
    i18n.set_language("zh")
    remove_qt_translations(qapp)  # create_main_window installs Qt's own; no test inherits them


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "proj" / "sample.wbp"
    dst.parent.mkdir()
    shutil.copy(SAMPLE_PROJECT, dst)
    return dst


@pytest.fixture
def session(qapp: QApplication, sample_copy: Path):  # -> ProjectSession
    from workbench.ui.session import ProjectSession

    return ProjectSession(load(sample_copy), sample_copy)


class Dialogs:
    """Records message boxes and answers them: ``answers[kind]`` is the button to return."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answers: dict[str, Any] = {}

    def _make(self, kind: str, default: Any):
        def box(parent: Any, title: str, text: str, *args: Any, **kw: Any) -> Any:
            self.calls.append((kind, title, text))
            return self.answers.get(kind, default)

        return box

    def texts(self, kind: str) -> list[str]:
        return [t for k, _title, t in self.calls if k == kind]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    d = Dialogs()
    b = QMessageBox.StandardButton
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(d._make("critical", b.Ok)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(d._make("warning", b.No)))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(d._make("information", b.Ok)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(d._make("question", b.No)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(d._make("about", None)))
    return d


@pytest.fixture
def window(qtbot, settings: Settings, session):  # -> MainWindow
    from workbench.ui.main_window import MainWindow

    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    # Unshown windows are never painted: start the first computation as a paint would. Ready:
    # computed, and the panels behind tabs (built after the computation) are all there.
    w.session.release_computing()
    qtbot.waitUntil(w.is_ready, timeout=10_000)
    yield w
    w.files.shutdown()


class ActionHost(QMainWindow):
    """What the dialog actions need from the main window: its ``.session``."""

    def __init__(self, session: Any) -> None:
        super().__init__()
        self.session = session


@pytest.fixture
def win(qtbot, sample_project):  # -> ActionHost
    """A bare window holding a session on the sample, for dialog tests without the main window."""
    from workbench.ui.session import ProjectSession

    w = ActionHost(ProjectSession(sample_project))
    qtbot.addWidget(w)
    return w

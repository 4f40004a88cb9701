"""文件 › 生成规划草案, 方案 › 编辑总体思路… and 帮助 › 使用指南: the window's publishing actions.

Installed by one call from the main window (``install``), which adds the actions to the menus it
finds by object name, so the window itself knows nothing of reports. The draft is built in three
steps: the chapters and the engine's numbers on a worker thread from a copy of the project (the
planner may keep working), the charts on the UI thread (Qt widgets live there; a few tenths of a
second), and the Word file on a worker thread again.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.core.edits import SetValue
from workbench.ui.i18n import language, pick
from workbench.ui.session import ProjectSession
from workbench.ui.worker import BackgroundTask, run_with_progress


class ApproachDialog(QDialog):
    """A small text box for the scenario's 总体思路 (chapter 一 of the draft)."""

    def __init__(self, parent: QWidget | None, scenario: str, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("approachDialog")
        self.setWindowTitle(pick("总体思路", "Overall approach"))
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                pick(
                    f"方案“{scenario}”的总体思路（写入规划草案第一章；每行一段）：",
                    f"Overall approach of {scenario} (chapter 1 of the plan draft; one paragraph a line):",
                )
            )
        )
        self.editor = QPlainTextEdit(text)
        self.editor.setObjectName("approachEdit")
        self.editor.setMinimumSize(520, 220)
        lay.addWidget(self.editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def text(self) -> str:
        return self.editor.toPlainText().strip()


class PublishActions(QObject):
    reportWritten = Signal(str)  # the .docx path
    reportFailed = Signal(str)  # one line for the user

    def __init__(self, window: Any, session: ProjectSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.task: BackgroundTask | None = None
        self.guide: QDialog | None = None

    # ------------------------------------------------------------------ 总体思路
    def set_approach(self, text: str) -> bool:
        """Store the current scenario's approach through the one edit path (undoable)."""
        sc = self.session.current_scenario()
        if sc is None or text.strip() == sc.approach.strip():
            return False
        edit = SetValue(("scenarios", sc.name, "approach"), text.strip())
        edit.text_zh = f"修改方案“{sc.name}”的总体思路"
        edit.text_en = f"Change the overall approach of {sc.name}"
        return self.session.push(edit)

    def edit_approach(self) -> bool:
        sc = self.session.current_scenario()
        if sc is None:
            return False
        dialog = ApproachDialog(self.window, sc.name, sc.approach)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.set_approach(dialog.text())

    # ------------------------------------------------------------------ 规划草案
    def _ask_path(self) -> Path | None:
        folder = self.session.path.parent if self.session.path else Path.home()
        name = pick(
            f"规划草案-{self.session.scenario}.docx", f"plan-draft-{self.session.scenario}.docx"
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            pick("生成规划草案", "Write plan draft"),
            str(folder / name),
            pick("Word 文档 (*.docx)", "Word document (*.docx)"),
        )
        if not path:
            return None
        out = Path(path)
        return out if out.suffix.lower() == ".docx" else out.with_suffix(".docx")

    def generate_report(self, path: str | Path | None = None) -> BackgroundTask | None:
        """Build the draft of the current scenario in the UI language and write it to ``path``
        (asked for when None). ``reportWritten``/``reportFailed`` say how it ended."""
        out = Path(path) if path is not None else self._ask_path()
        scenario = self.session.scenario
        if out is None or not scenario:
            return None
        project = copy.deepcopy(self.session.project)  # the planner may keep editing
        lang = language()

        def build(progress, cancel):
            from workbench.core.projections import ProjectionEngine
            from workbench.core.report.ranges import draft

            progress(0.1, pick("计算预测…", "Computing projections…"))
            engine = ProjectionEngine(project)
            progress(0.3, pick("计算 P10–P90 区间与敏感性…", "Computing ranges and sensitivity…"))
            settings = project.uncertainty  # the project's draws and seed, as the bands use
            report = draft(
                project, scenario, lang, engine=engine, draws=settings.draws, cancel=cancel
            )
            cancel.check()
            return engine, report

        self.task = run_with_progress(
            self.window,
            pick("生成规划草案", "Writing the plan draft"),
            build,
            lambda result: self._draw_and_write(result, scenario, out),
            self._failed,
        )
        return self.task

    def _draw_and_write(self, result: tuple, scenario: str, out: Path) -> None:
        from workbench.ui.figures import render_all

        engine, report = result
        try:
            figures = render_all(engine, scenario, report.figures, report.data)
        except Exception as e:  # a chart that cannot be drawn must not lose the draft
            self.window.status.show_message(
                pick(f"图表未能绘制：{e}", f"Charts not drawn: {e}"), True
            )
            figures = []

        def write(progress, _cancel):
            from workbench.io.report_docx import write_report

            progress(0.8, pick("写入 Word 文件…", "Writing the Word file…"))
            return write_report(report, out, figures)

        self.task = run_with_progress(
            self.window,
            pick("生成规划草案", "Writing the plan draft"),
            write,
            self._written,
            self._failed,
        )

    def _written(self, path: Path) -> None:
        self.window.status.show_message(
            pick(f"已生成规划草案：{path}", f"Plan draft written: {path}")
        )
        self.reportWritten.emit(str(path))

    def _failed(self, error: BaseException) -> None:
        text = getattr(error, "strerror", None) or str(error)
        line = pick(f"未能生成规划草案：{text}", f"Could not write the plan draft: {text}")
        self.window.status.show_message(line, True)
        self.reportFailed.emit(line)
        QMessageBox.warning(self.window, pick("生成规划草案", "Plan draft"), line)

    # ------------------------------------------------------------------ 使用指南
    def show_guide(self) -> QDialog:
        from workbench.ui.guide import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self.window, language())
        self.guide.show()
        self.guide.raise_()
        return self.guide


def _action(window: Any, name: str, text: str, slot, shortcut: str | None = None) -> QAction:
    a = QAction(text, window)
    a.setObjectName(name)
    if shortcut:
        a.setShortcut(QKeySequence(shortcut))
    a.triggered.connect(lambda _checked=False: slot())
    window.actions_by_name[name] = a
    return a


def install(window: Any) -> PublishActions:
    """Create the actions and put them in 文件, 编辑 › 方案 and 帮助 (menus found by name)."""
    pa = PublishActions(window, window.session)
    a = window.actions_by_name
    report = _action(
        window, "actionReport", pick("生成规划草案…", "Write plan draft…"), pa.generate_report
    )
    approach = _action(
        window,
        "actionScenarioApproach",
        pick("编辑总体思路…", "Edit overall approach…"),
        pa.edit_approach,
    )
    guide = _action(window, "actionGuide", pick("使用指南", "User guide"), pa.show_guide, "F1")
    file_menu = window.findChild(QMenu, "menuFile")
    if file_menu is not None:
        file_menu.insertAction(a["actionQuit"], report)
        file_menu.insertSeparator(a["actionQuit"])
    scenario_menu = window.findChild(QMenu, "menuScenario")
    if scenario_menu is not None:
        actions = scenario_menu.actions()
        describe = a.get("actionScenarioDescribe")
        at = actions.index(describe) + 1 if describe in actions else len(actions)
        if at < len(actions):
            scenario_menu.insertAction(actions[at], approach)
        else:
            scenario_menu.addAction(approach)
    help_menu = window.findChild(QMenu, "menuHelp")
    if help_menu is not None:
        if help_menu.actions():
            help_menu.insertAction(help_menu.actions()[0], guide)
        else:
            help_menu.addAction(guide)
    return pa

"""优化 dialog: ask (``OptimiseForm``), solve off the UI thread with progress and cancel, show the
proposal as a diff against the current scenario, then take it as a new scenario or as one
undoable edit of the current one (``core.optimise.proposal``, through ``session.push``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.projections.vocabulary import unit_text
from workbench.ui.decide.frame_model import frame_view
from workbench.ui.decide.optimise_form import OptimiseForm
from workbench.ui.i18n import language, pick
from workbench.ui.worker import BackgroundTask

_STAGES = {
    "responses": ("计算单位响应…", "per-unit responses…"),
    "model": ("建立模型…", "building the model…"),
    "solve": ("求解（HiGHS）…", "solving (HiGHS)…"),
    "projection": ("用预测引擎复核…", "projecting the proposal…"),
    "polish": ("按产业链实际效应再求解…", "polishing for the chain effects…"),
    "done": ("完成", "done"),
}


class OptimiseDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.session = window.session
        self.setObjectName("optimiseDialog")
        self.setWindowTitle(pick("优化分配", "Optimise allocations"))
        self.resize(1100, 760)
        self.current = self.session.current_scenario()
        self.task: BackgroundTask | None = None
        self.outcome: Any = None
        lay = QVBoxLayout(self)
        head = QLabel(
            pick(
                f"起点方案：“{self.current.name}”（其园区与参数沿用）。所有基金规则均为约束；"
                "结果以预测引擎的精确计算为准。",
                f"Starting scenario: {self.current.name} (its parks and parameters are kept). "
                "Every fund rule is enforced; results are the engine's exact projection.",
            ),
            objectName="optimiseHeader",
        )
        head.setWordWrap(True)
        lay.addWidget(head)
        split = QSplitter(Qt.Orientation.Vertical)
        self.form = OptimiseForm(self.session.project, self.current, self)
        split.addWidget(self.form)
        split.addWidget(self._result_area())
        lay.addWidget(split, 1)
        lay.addLayout(self._buttons())
        self._set_running(False)

    def _result_area(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.progress = QProgressBar(objectName="optimiseProgress")
        self.progress.setRange(0, 1000)
        self.stage = QLabel("", objectName="optimiseStage")
        row.addWidget(self.progress, 1)
        row.addWidget(self.stage)
        lay.addLayout(row)
        self.summary = QLabel(pick("尚未求解", "Not solved yet"), objectName="optimiseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.summary)
        self.tabs = QTabWidget(objectName="optimiseTabs")
        self.cand_view, self.cand_model = frame_view("optimiseByCandidate")
        self.city_view, self.city_model = frame_view("optimiseByCity")
        self.tabs.addTab(self.cand_view, pick("按候选", "By candidate"))
        self.tabs.addTab(
            self.city_view, pick("按城市（含预测变化）", "By city (with projection change)")
        )
        lay.addWidget(self.tabs, 1)
        return w

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.run_button = QPushButton(pick("求解", "Solve"), objectName="optimiseRun")
        self.cancel_button = QPushButton(pick("取消求解", "Cancel"), objectName="optimiseCancel")
        self.name_edit = QLineEdit(objectName="optimiseName")
        self.name_edit.setText(self._unused(f"{self.current.name} 优化"))
        self.new_button = QPushButton(
            pick("作为新方案", "Add as new scenario"), objectName="optimiseAsNew"
        )
        self.apply_button = QPushButton(
            pick("应用到当前方案", "Apply to current scenario"), objectName="optimiseApply"
        )
        close = QPushButton(pick("关闭", "Close"), objectName="optimiseClose")
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.new_button.clicked.connect(self.accept_as_new)
        self.apply_button.clicked.connect(self.apply_to_current)
        close.clicked.connect(self.reject)
        for b in (self.run_button, self.cancel_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(QLabel(pick("新方案名称", "New scenario name")))
        row.addWidget(self.name_edit)
        for b in (self.new_button, self.apply_button, close):
            row.addWidget(b)
        return row

    def _unused(self, base: str) -> str:
        names = {s.name for s in self.session.project.scenarios}
        n, name = 1, base
        while name in names:
            n += 1
            name = f"{base} {n}"
        return name

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.form.setEnabled(not running)
        ok = (
            not running and self.outcome is not None and self.outcome.ok and not self.outcome.errors
        )
        self.new_button.setEnabled(ok)
        self.apply_button.setEnabled(ok)

    # ------------------------------------------------------------------ solving
    def run(self) -> BackgroundTask:
        from workbench.ui.dialogs.common import snapshot

        spec = self.form.spec()
        project = snapshot(self.session.project)
        name = self.current.name

        def work(progress, cancel):
            from workbench.core.optimise import optimise
            from workbench.core.optimise.proposal import by_candidate, by_city

            def say(stage: str, fraction: float) -> None:
                progress(fraction, pick(*_STAGES.get(stage, (stage, stage))))

            r = optimise(project, name, spec, progress=say, cancelled=cancel)
            if r.ok:
                cur = project.scenario(name)
                r.by_candidate = by_candidate(project, cur, r.scenario)
                r.by_city = by_city(project, cur, r.scenario, spec.objective)
            return r

        self.outcome = None
        self.task = BackgroundTask(work, self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self._set_running(True)
        self.progress.setValue(0)
        self.task.start()
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.stage.setText(
                pick("正在取消（当前步骤结束后停止）…", "cancelling after this step…")
            )

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        self.stage.setText(message)

    def _cancelled(self) -> None:
        self.summary.setText(pick("已取消，未作任何修改", "Cancelled; nothing was changed"))
        self._set_running(False)

    def _failed(self, exc: BaseException) -> None:
        zh = getattr(exc, "zh", None) or str(exc)
        en = getattr(exc, "en", None) or str(exc)
        self.summary.setText(pick(f"无法求解：{zh}", f"Could not solve: {en}"))
        self._set_running(False)

    def _done(self, r: Any) -> None:
        from workbench.ui.decide.texts import result_summary

        self.outcome = r
        self.summary.setText(result_summary(r, self.session.project, language()))
        if r.ok:
            self._fill(r)
        self._set_running(False)

    def _fill(self, r: Any) -> None:
        from workbench.core.enums import Status

        z = language() == "zh"
        cands = r.by_candidate.copy()
        cands["status"] = [pick(Status(v).zh, Status(v).en) if v else "" for v in cands["status"]]
        self.cand_model.set_frame(
            cands,
            [
                ("candidate", "候选" if z else "Candidate"),
                ("region", "城市" if z else "City"),
                ("status", "状态" if z else "Status"),
                ("current", "当前（亿元）" if z else "Current (100M yuan)"),
                ("proposed", "建议（亿元）" if z else "Proposed (100M yuan)"),
                ("difference", "变化（亿元）" if z else "Change (100M yuan)"),
            ],
            signed=("difference",),
        )
        unit = unit_text(r.spec.objective.unit, language())
        self.city_model.set_frame(
            r.by_city,
            [
                ("region", "城市" if z else "City"),
                ("money_current", "当前资金（亿元）" if z else "Money now (100M yuan)"),
                ("money_proposed", "建议资金（亿元）" if z else "Money proposed (100M yuan)"),
                ("money_difference", "资金变化（亿元）" if z else "Money change (100M yuan)"),
                ("objective_current", f"当前目标值（{unit}）" if z else f"Objective now ({unit})"),
                (
                    "objective_proposed",
                    f"建议目标值（{unit}）" if z else f"Objective proposed ({unit})",
                ),
                ("objective_difference", "目标变化" if z else "Objective change"),
            ],
            signed=("money_difference", "objective_difference"),
        )

    # ------------------------------------------------------------------ taking it
    def accept_as_new(self) -> bool:
        from workbench.core.optimise.proposal import as_new_scenario

        name = self.name_edit.text().strip()
        if not name or self.session.project.scenario(name) is not None:
            self.summary.setText(
                pick(f"方案名称“{name}”为空或已存在", f"Scenario name {name!r} is empty or taken")
            )
            return False
        if not self.session.push(
            as_new_scenario(self.session.project, self.outcome.scenario, name)
        ):
            return False
        self.session.set_scenario(name)
        self.accept()
        return True

    def apply_to_current(self) -> bool:
        from workbench.core.optimise.proposal import as_edit

        current = self.session.project.scenario(self.current.name)
        if current is None or not self.session.push(as_edit(current, self.outcome.scenario)):
            return False
        self.accept()
        return True

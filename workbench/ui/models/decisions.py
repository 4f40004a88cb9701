"""The decision record of one candidate (决策记录): when, who, from → to, why.

Reasons were asked for on every 入围/批准/否决 and saved, but shown nowhere; this table reads them
from ``core.decisions.decision_rows`` (which also says when the "from" was not recorded) and
follows the selected candidate, every decision and every undo.
"""

from __future__ import annotations

from typing import Any

from workbench.core.decisions import decision_rows
from workbench.core.edits import Changes
from workbench.ui.i18n import label, pick
from workbench.ui.models.common import SmallTableModel
from workbench.ui.session import ProjectSession


class DecisionLogModel(SmallTableModel):
    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.candidate_id = ""
        self.headers = [
            pick("日期", "Date"),
            pick("决策人", "By"),
            pick("原状态", "From"),
            pick("新状态", "To"),
            pick("理由", "Reason"),
        ]
        self.refresh()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(lambda: self.set_candidate(""))

    def set_candidate(self, candidate_id: str) -> None:
        self.candidate_id = candidate_id
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.candidate_id and changes.touches("candidates"):
            if self.session.project.candidate(self.candidate_id) is None:
                self.candidate_id = ""
            self.refresh()

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        if not self.candidate_id:
            return [], []
        unknown = pick("（未记录）", "(not recorded)")
        rows = [
            [
                d.date,
                d.by or unknown,
                label(d.previous) if d.previous is not None else unknown,
                label(d.status),
                d.reason or pick("（未填写）", "(none given)"),
            ]
            for d in decision_rows(self.session.project, self.candidate_id)
        ]
        return rows, [list(r) for r in rows]

"""The problems list: severity, message, where (in words; the path stays for the double-click jump)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from workbench.core.addresses import FieldPath
from workbench.core.enums import Severity
from workbench.core.locations import Describer
from workbench.ui.i18n import label, language, tr
from workbench.ui.models.common import SmallTableModel
from workbench.ui.session import ProjectSession

SEVERITY_FG = {Severity.ERROR: QColor("#b00020"), Severity.WARNING: QColor("#8a5a00")}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class ProblemsModel(SmallTableModel):
    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [tr("col.severity"), tr("col.message"), tr("col.where")]
        self.paths: list[FieldPath] = []
        self._severities: list[Severity] = []
        self.refresh()
        session.problemsChanged.connect(self.refresh)
        session.projectReplaced.connect(self.refresh)

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        problems = self.session.problems() if self.session.problems_ready else []
        lang = language()
        self.paths = [p.path for p in problems]
        self._severities = [p.severity for p in problems]
        where = Describer(self.session.project, lang)
        places = [where.describe(p.path) for p in problems]
        rows = [
            [label(p.severity), p.message(lang), place]
            for p, place in zip(problems, places, strict=True)
        ]
        sort = [
            [SEVERITY_ORDER[p.severity], p.message(lang), place]
            for p, place in zip(problems, places, strict=True)
        ]
        return rows, sort

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            c = SEVERITY_FG.get(self._severities[row])
            return QBrush(c) if c is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and col in (1, 2):
            return self._rows[row][col]
        return None

    def empty_text(self) -> str:
        return tr("problems.none" if self.session.problems_ready else "problems.computing")

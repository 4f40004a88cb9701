"""问题: the validation list; double-click asks the window to jump to the field at fault.

The list holds the problems of every scenario. A jump to a field of another scenario switches
the window to that scenario, so the panel asks first — a planner must never find the scenario
changed under them without having said yes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import FieldPath, ScenarioItem
from workbench.ui.i18n import pick
from workbench.ui.models.problems import ProblemsModel
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table

COL_MESSAGE, COL_WHERE = 1, 2
WHERE_CAP = 480  # px: longer locations (rare) are cut, with the full text as tooltip


class ProblemsPanel(QWidget):
    jumpRequested = Signal(object)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.session = session
        self.model = ProblemsModel(session, self)
        self.table = QTableView(self)
        self.table.setObjectName("problemsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Where is as wide as its longest text (up to a cap); the message takes the rest and is
        # cut with its full text as tooltip: a cut message still reads, a cut location does not.
        self.fitter = fit_table(
            self.table, elastic=COL_MESSAGE, elastic_min=240, caps={COL_WHERE: WHERE_CAP}
        )
        self.table.doubleClicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        self.empty = QLabel(self.model.empty_text(), self)
        self.empty.setObjectName("problemsEmptyLabel")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.empty)
        lay.addWidget(self.table, 1)
        self.model.modelReset.connect(self._update_empty)
        self.model.rowsInserted.connect(self._update_empty)
        self.model.rowsRemoved.connect(self._update_empty)
        session.problemsChanged.connect(self._update_empty)
        session.projectReplaced.connect(self._update_empty)
        self._update_empty()

    def _update_empty(self, *_args: object) -> None:
        self.empty.setText(self.model.empty_text())
        self.empty.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        path = self.model.paths[index.row()]
        if self.confirm_switch(path):
            self.jumpRequested.emit(path)

    def confirm_switch(self, path: FieldPath) -> bool:
        """Whether the jump to ``path`` may go ahead: yes within the current scenario; for a field
        of another scenario only when the planner agrees to switch to it."""
        item = ScenarioItem.of(path)
        other = item.scenario if item is not None else None
        if (
            other is None
            or other == self.session.scenario
            or self.session.project.scenario(other) is None
        ):
            return True
        answer = QMessageBox.question(
            self,
            pick("切换方案", "Switch scenario"),
            pick(
                f"该问题属于方案「{other}」，切换到该方案？",
                f"This problem belongs to scenario “{other}”. Switch to it?",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def activate_row(self, row: int) -> None:
        self._activate(self.model.index(row, 0))

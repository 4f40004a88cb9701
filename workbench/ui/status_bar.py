"""The window's status bar: the last message, fund figures, the problem count and the
"illustrative data" mark.

The figures come from ``fund_summary.status_numbers``; this class only formats them. The problem
count never says "0 problems" before the first validation ran ("computing" instead).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from workbench.core.fund_summary import status_numbers
from workbench.ui.dialogs.common import ERROR_STYLE  # one red for refused input everywhere
from workbench.ui.i18n import tr
from workbench.ui.session import ProjectSession

MESSAGE_MS = 15_000


class StatusBar(QObject):
    """Labels in ``window.statusBar()``; the window exposes them as ``message_label``…"""

    def __init__(self, window: QMainWindow, session: ProjectSession) -> None:
        super().__init__(window)
        self.session = session
        sb = window.statusBar()
        sb.setObjectName("statusBar")
        self.message_label = QLabel(window)
        self.message_label.setObjectName("messageLabel")
        self.fund_label = QLabel(window)
        self.fund_label.setObjectName("fundStatusLabel")
        self.problems_label = QLabel(window)
        self.problems_label.setObjectName("problemsStatusLabel")
        self.illustrative_label = QLabel(tr("status.illustrative"), window)
        self.illustrative_label.setObjectName("illustrativeStatusLabel")
        self.illustrative_label.setStyleSheet("color: #8a5a00;")
        sb.addWidget(self.message_label, 1)
        sb.addPermanentWidget(self.illustrative_label)
        sb.addPermanentWidget(self.fund_label)
        sb.addPermanentWidget(self.problems_label)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.message_label.setText(""))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message_label.setProperty("error", error)
        self.message_label.setStyleSheet(ERROR_STYLE if error else "")
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        self._message_timer.start(MESSAGE_MS)

    def update_fund(self) -> None:
        p = self.session.project
        n = status_numbers(p, self.session.current_scenario(), [])
        self.fund_label.setText(
            tr("status.fund", used=n.allocated, left=n.remaining, size=n.fund_size)
        )
        self.illustrative_label.setVisible(
            bool(p.illustrative_note)
            or any(c.illustrative for c in p.candidates)
            or any(k.illustrative for k in p.parks)
        )

    def update_problems(self) -> None:
        if not self.session.problems_ready:  # never "0 problems" before validation ran
            self.problems_label.setText(tr("status.problems.computing"))
            self.problems_label.setStyleSheet("")
            return
        n = status_numbers(
            self.session.project, self.session.current_scenario(), self.session.problems()
        )
        self.problems_label.setText(tr("status.problems", errors=n.errors, warnings=n.warnings))
        self.problems_label.setStyleSheet(ERROR_STYLE if n.errors else "")

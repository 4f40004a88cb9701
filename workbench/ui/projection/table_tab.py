"""A 预测 tab that shows numbers as a table: a title and a copy button over a read-only table,
a note under it (the 毛效益与净效益 and 结果表 tabs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.flow_layout import flow_row
from workbench.ui.tables import fit_table


class TableTab(QWidget):
    """``name`` makes the object names (``projection<name>Tab``, ``…Title``, ``…Copy``,
    ``…Table``, ``…Note``); ``model(tab)`` gives what the table shows; the copy button calls
    ``copy()``, which each tab defines."""

    def __init__(
        self,
        name: str,
        copy_label: str,
        model: Callable[[QWidget], QAbstractItemModel],
        selection: QAbstractItemView.SelectionBehavior,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        prefix = f"projection{name}"
        self.setObjectName(f"{prefix}Tab")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        head, row = flow_row(self, f"{prefix}Head")
        self.title = QLabel(objectName=f"{prefix}Title")
        self.title.setStyleSheet("font-weight: bold;")
        self.copy_button = QPushButton(copy_label, objectName=f"{prefix}Copy")
        self.copy_button.clicked.connect(lambda _c=False: self.copy())
        row.addWidget(self.title)
        row.addWidget(self.copy_button)
        lay.addWidget(head)
        self.view = QTableView(objectName=f"{prefix}Table")
        self.view.setModel(model(self))
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(selection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_table(self.view, elastic=0, elastic_min=90)
        lay.addWidget(self.view, 1)
        self.note = QLabel(objectName=f"{prefix}Note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #505050;")
        lay.addWidget(self.note)

    def copy(self) -> str:
        raise NotImplementedError

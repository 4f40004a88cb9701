"""Cell editors: a combo box where the model offers choices (``CHOICES_ROLE``); numbers are typed as
text, so the value is shown with all its digits (Qt's default spin box rounds to 2 decimals and
would silently change 0.895 亿元 to 0.90) and bad input reaches the model's clear message."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workbench.ui.models.common import CHOICES_ROLE

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if not choices:
            value = index.data(Qt.ItemDataRole.EditRole)
            if isinstance(value, (int, float)) or value is None:
                line = QLineEdit(parent)
                line.setObjectName("cellNumberEditor")
                return line
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setObjectName("cellChoiceEditor")
        for text, value in choices:
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(i, 0))
            return
        if isinstance(editor, QLineEdit) and editor.objectName() == "cellNumberEditor":
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if value is None else f"{value:.12g}")
            editor.selectAll()
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value: Any = editor.currentData()
            if value != index.data(Qt.ItemDataRole.EditRole):
                model.setData(index, value, Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QLineEdit) and editor.objectName() == "cellNumberEditor":
            old = index.data(Qt.ItemDataRole.EditRole)
            if editor.text().strip() != ("" if old is None else f"{old:.12g}"):
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

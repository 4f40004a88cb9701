"""Form fields bound to a project path: they show the value and push a ``SetValue`` when edited.

Spin boxes emit only when editing is finished (no keyboard tracking), and repeated edits of one
field merge into one undo step. ``None`` (无限制) is the spin box's minimum, shown as text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from workbench.core.addresses import FieldPath, exists, resolve
from workbench.core.edits import DELETE, SetValue
from workbench.core.numbers import NumberInputError, parse_number_text
from workbench.ui.i18n import language, tr
from workbench.ui.session import ProjectSession


class NumberSpin(QDoubleSpinBox):
    """A spin box that reads typed numbers like every table does (``core.numbers``).

    Qt's own reading (C locale) takes "1,5" as 15, the very slip that turned 1.5 亿元 into 15; a
    comma that is not an unambiguous thousands separator keeps the input unfinished, and leaving
    the field then restores the previous value and says why (``refused``).
    """

    refused = Signal(str)

    def _number_text(self, text: str) -> str:
        t = text
        if self.prefix() and t.startswith(self.prefix()):
            t = t[len(self.prefix()) :]
        if self.suffix() and t.endswith(self.suffix()):
            t = t[: -len(self.suffix())]
        return t.strip()

    def _ambiguous(self, text: str) -> NumberInputError | None:
        t = self._number_text(text)
        if "," not in t and "，" not in t:
            return None
        try:
            parse_number_text(t)
        except NumberInputError as e:
            return e
        return None

    def validate(self, text: str, pos: int) -> object:
        if self._ambiguous(text) is not None:
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:
        error = self._ambiguous(text)
        if error is None:
            return super().fixup(text)
        # Qt's fixup would drop the comma (15): put the value back instead, and say why.
        self.refused.emit(error.text(language()))
        return f"{self.prefix()}{self.textFromValue(self.value())}{self.suffix()}"

    def valueFromText(self, text: str) -> float:
        return self.value() if self._ambiguous(text) is not None else super().valueFromText(text)


class BoundSpin(NumberSpin):
    """A number at ``path`` with its unit as suffix; optional fields map the minimum to None."""

    def __init__(
        self,
        session: ProjectSession,
        path: FieldPath,
        what: str,
        *,
        unit: str = "",
        lo: float = 0.0,
        hi: float = 1e6,
        decimals: int = 2,
        optional: bool = False,
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.what = what
        self.optional = optional
        if name:
            self.setObjectName(name)
        self.setKeyboardTracking(False)
        self.setDecimals(decimals)
        self.setRange(lo - (1 if optional else 0), hi)
        if optional:
            self.setSpecialValueText(tr("unlimited"))
        if unit:
            self.setSuffix(f" {unit}" if not unit.startswith(" ") else unit)
        self.load()
        self.valueChanged.connect(self._push)
        self.refused.connect(lambda why: session.editFailed.emit(tr("edit.rejected", reason=why)))

    def current(self) -> Any:
        if not exists(self.session.project, self.path):
            return None
        return resolve(self.session.project, self.path)

    def load(self) -> None:
        v = self.current()
        self.blockSignals(True)
        self.setValue(self.minimum() if v is None else float(v))
        self.blockSignals(False)

    def _push(self, value: float) -> None:
        new: float | None = None if (self.optional and value == self.minimum()) else float(value)
        if new == self.current():
            return
        value: Any = new
        if new is None and isinstance(resolve(self.session.project, self.path[:-1]), dict):
            value = DELETE  # "no limit" in a limits table is the absence of an entry
        edit = SetValue(self.path, value, merge_id=("field", *self.path))
        edit.text_zh = edit.text_en = tr("fund.edit_text", field=self.what)
        self.session.push(edit)

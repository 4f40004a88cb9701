"""The 设置 dialog's Monte Carlo rows: draws (0 turns the bands off) and the seed.

Both belong to the project (``Project.uncertainty``, saved with it so a file always gives the same
bands) and change through one undoable edit when the dialog is accepted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from workbench.core.edits import Compound, SetValue
from workbench.ui.i18n import pick

MAX_UI_DRAWS = 20_000  # a few seconds on a large project; the CLI allows more


class UncertaintyRows:
    """Two spin boxes on ``form``; ``store()`` pushes what changed onto the session's undo stack."""

    def __init__(self, form: QFormLayout, parent: QWidget, session: Any) -> None:
        self.session = session
        u = session.project.uncertainty
        self.draws = QSpinBox(parent, objectName="drawsSpin")
        self.draws.setRange(0, MAX_UI_DRAWS)
        self.draws.setSingleStep(100)
        self.draws.setSpecialValueText(pick("关闭", "off"))
        self.draws.setValue(int(u.draws))
        self.seed = QSpinBox(parent, objectName="seedSpin")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(int(u.seed))
        form.addRow(pick("蒙特卡洛抽样次数", "Monte Carlo draws"), self.draws)
        form.addRow(pick("随机种子", "Random seed"), self.seed)
        note = QLabel(
            pick(
                "预测图的 P10–P90 区间由此计算，随项目保存；0 = 不计算区间",
                "The projection chart's P10–P90 band uses these; saved with the project; 0 = no band",
            ),
            parent,
        )
        note.setWordWrap(True)
        form.addRow("", note)

    def store(self) -> None:
        u = self.session.project.uncertainty
        edits = [
            SetValue(("uncertainty", name), value)
            for name, value in (("draws", self.draws.value()), ("seed", self.seed.value()))
            if getattr(u, name) != value
        ]
        if edits:
            self.session.push(
                Compound(edits, text_zh="修改蒙特卡洛设置", text_en="Change Monte Carlo settings")
            )

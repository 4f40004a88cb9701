"""基金收益分配: how the fund's dividends, exits and recycled capital are distributed to the
cities — by contribution ratio, or by an agreed key per city (``Fund.distribution_key``).

Every change is one ``SetValue`` through the session (undoable): a cell sets one city's key,
the switch sets the whole key (the contribution ratios to start from, or empty for "by ratio").
The checks are the validation rules ``fund.key_*``; the box shows the sum beside the table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QTableView, QVBoxLayout, QWidget

from workbench.core.edits import Changes, SetValue
from workbench.core.sharing.keys import key_from_ratios, key_rows
from workbench.core.validation import TOLERANCE
from workbench.ui.i18n import tr
from workbench.ui.models.common import SmallTableModel, fmt, parse_number
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table

KEY_COLUMN = 2


class DistributionKeyModel(SmallTableModel):
    """City, contribution ratio (%), agreed key (%, editable while an agreed key is in use)."""

    numeric_columns = frozenset({1, 2})

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [tr("col.region_name"), tr("col.ratio"), tr("fundkey.col.key")]
        self.codes: list[str] = []
        self.refresh()
        self.follow(session, "fund", "regions")

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        rows = key_rows(self.session.project)
        self.codes = [r.code for r in rows]
        shown = [
            [r.name, fmt(r.ratio), tr("fundkey.by_ratio") if r.key is None else fmt(r.key)]
            for r in rows
        ]
        sort = [[r.name, r.ratio, r.ratio if r.key is None else r.key] for r in rows]
        return shown, sort

    def cell_flags(self, row: int, col: int) -> bool:
        return col == KEY_COLUMN and bool(self.session.project.fund.distribution_key)

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        code, name = self.codes[row], self._rows[row][0]
        try:
            pct = parse_number(value, f"{name} {tr('fundkey.col.key')}", 0)
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        edit = SetValue(("fund", "distribution_key", code), pct, merge_id=("fund_key", code))
        edit.text_zh = edit.text_en = tr("fundkey.edit_text", name=name)
        return self.session.push(edit)


class DistributionKeyBox(QGroupBox):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(tr("fundkey.title"), parent)
        self.setObjectName("fundKeyBox")
        self.session = session
        self.agreed = QCheckBox(tr("fundkey.agreed"), self)
        self.agreed.setObjectName("fundKeyAgreed")
        self.agreed.toggled.connect(self.set_agreed)
        self.model = DistributionKeyModel(session, self)
        self.table = QTableView(self)
        self.table.setObjectName("fundKeyTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        fit_table(self.table, elastic=0, elastic_min=80)
        self.sum_label = QLabel(self)
        self.sum_label.setObjectName("fundKeySumLabel")
        self.sum_label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.agreed)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.sum_label)
        self.refresh()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.refresh)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("fund", "regions"):
            self.refresh()

    def refresh(self) -> None:
        key = self.session.project.fund.distribution_key
        self.agreed.blockSignals(True)
        self.agreed.setChecked(bool(key))
        self.agreed.blockSignals(False)
        if not key:
            self.sum_label.setText(tr("fundkey.ratio_note"))
            self.sum_label.setStyleSheet("")
            return
        total = sum(v for v in key.values() if isinstance(v, (int, float)))
        ok = abs(total - 100) <= TOLERANCE and all(v >= 0 for v in key.values())
        self.sum_label.setText(tr("fundkey.sum_ok" if ok else "fundkey.sum_bad", total=total))
        self.sum_label.setStyleSheet(
            "color: #1b5e20;" if ok else "color: #b00020; font-weight: bold;"
        )

    def set_agreed(self, on: bool) -> bool:
        """Switch between the contribution ratios and an agreed key (started from the ratios)."""
        p = self.session.project
        value = key_from_ratios(p) if on else {}
        if value == p.fund.distribution_key:
            return False
        edit = SetValue(("fund", "distribution_key"), value)
        edit.text_zh = edit.text_en = tr("fundkey.agreed_text" if on else "fundkey.ratio_text")
        pushed = self.session.push(edit)
        self.refresh()
        return pushed

"""Park arrangements: the list, and the per-park grids (investment by year, joint-company equity).
The GDP and tax splits are the park's agreement: ``models.agreements.ShareGridModel``. Share grids
end with a sum row so the 100 % check is in view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.core.edits import Changes, SetValue
from workbench.core.model import PLAN_YEARS, ParkArrangement
from workbench.core.validation import TOLERANCE
from workbench.ui.i18n import label, tr
from workbench.ui.models.common import SmallTableModel, fmt, parse_number
from workbench.ui.session import ProjectSession

BAD_SUM = QColor("#b00020")


class ParksListModel(SmallTableModel):
    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [tr("col.park"), tr("col.model"), tr("col.host"), tr("park.in_scenario")]
        self.ids: list[str] = []
        self.refresh()
        self.follow(session, "parks", "regions", "scenarios")
        session.scenarioChanged.connect(lambda _n: self.refresh())

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        p = self.session.project
        names = {r.code: r.name for r in p.regions}
        sc = self.session.current_scenario()
        used = set(sc.park_ids) if sc else set()
        self.ids = [k.id for k in p.parks]
        self._illustrative = [k.illustrative for k in p.parks]
        rows = [
            [k.name, label(k.model), names.get(k.host, k.host), "✓" if k.id in used else ""]
            for k in p.parks
        ]
        return rows, [list(r) for r in rows]

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if col == 0 and self._illustrative[row]:
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("illustrative.tip")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#8a5a00"))
        return None


class ParkGridModel(SmallTableModel):
    """One park's numbers of one ``kind``: investment | equity."""

    def __init__(self, session: ProjectSession, kind: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.park_id = ""
        self.parties: list[str] = []
        years = [str(y) for y in PLAN_YEARS]
        if kind == "investment":
            self.headers = ["", *years]
            self.numeric_columns = frozenset(range(1, 6))
        else:
            self.headers = [tr("col.party"), tr("col.share")]
            self.numeric_columns = frozenset({1})
        self.refresh()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)

    def _on_replaced(self) -> None:
        self.park_id = ""
        self.refresh()

    def set_park(self, park_id: str) -> None:
        self.park_id = park_id
        self.refresh()

    def _park(self) -> ParkArrangement | None:
        return self.session.project.park(self.park_id) if self.park_id else None

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("parks", "regions"):
            if self.park_id and self._park() is None:
                self.park_id = ""
            self.refresh()

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        park = self._park()
        if park is None:
            self.parties = []
            return [], []
        names = {r.code: r.name for r in self.session.project.regions}
        if self.kind == "investment":
            vals = [park.investment.get(y, 0.0) for y in PLAN_YEARS]
            self.parties = []
            return [[tr("park.investment_row"), *[fmt(v) for v in vals]]], [[None, *vals]]
        parties = list(park.parties)
        shares: dict[str, float] = getattr(park, self.kind)
        parties += sorted(set(shares) - set(parties))
        self.parties = parties
        vals = [shares.get(c, 0.0) for c in parties]
        rows = [[names.get(c, c), fmt(v, 1)] for c, v in zip(parties, vals, strict=True)]
        rows.append([tr("park.sum"), fmt(sum(vals), 1)])
        return rows, [[c, v] for c, v in zip(parties, vals, strict=True)] + [[None, sum(vals)]]

    def _is_sum_row(self, row: int) -> bool:
        return self.kind != "investment" and row == len(self._rows) - 1

    def cell_flags(self, row: int, col: int) -> bool:
        return col >= 1 and not self._is_sum_row(row)

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if not self._is_sum_row(row) or col == 0:
            return None
        if role == Qt.ItemDataRole.FontRole:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and abs(self._sort[row][col] - 100.0) > TOLERANCE:
            if self.kind == "equity" and not self.parties:
                return None
            return QBrush(BAD_SUM)
        return None

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        park = self._park()
        if park is None:
            return False
        what = self.headers[col] if self.kind != "investment" else tr("park.investment")
        try:
            if self.kind == "investment":
                x = parse_number(value, what, 0)
            else:
                x = parse_number(value, what, 0, 100)
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        field_zh, field_en = {
            "investment": ("投资", "investment"),
            "equity": ("股比", "equity"),
        }[self.kind]
        names = {r.code: r.name for r in self.session.project.regions}
        party = names.get(self.parties[row], self.parties[row]) if self.parties else ""
        if self.kind == "investment":
            year: int | None = PLAN_YEARS[col - 1]
            path: tuple[Any, ...] = ("parks", park.id, "investment", year)
            new: Any = x
        else:
            year = None
            path = ("parks", park.id, self.kind, self.parties[row])
            new = x
        edit = SetValue(
            path, new, merge_id=("park", path, self.parties[row] if self.parties else "")
        )
        # The undo list names the cell: 修改 P-01 2028年 成都市 税收分成.
        when_zh = f" {year}年" if year is not None else ""
        when_en = f" {year}" if year is not None else ""
        who = f" {party}" if party else ""
        edit.text_zh = f"修改 {park.id}{when_zh}{who} {field_zh}"
        edit.text_en = f"Change {park.id}{when_en}{who} {field_en}"
        return self.session.push(edit)

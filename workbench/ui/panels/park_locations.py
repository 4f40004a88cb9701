"""所在地及占比: the jurisdictions a park's land lies in and each one's share (高竹新区: 邻水 and
渝北). The engine splits the park's location-based figures by these shares; an empty list means the
whole park is at its host, which the table shows as an implied row rather than leaving it blank.

Every change replaces the park's whole ``locations`` list in one ``SetValue``: one undoable step
whose text names the park and the jurisdiction, and a list a planner never sees half-edited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.edits import Changes, SetValue
from workbench.core.model import ParkArrangement, ParkLocation
from workbench.core.validation import TOLERANCE
from workbench.ui.flow_layout import flow_row, together
from workbench.ui.i18n import pick, tr
from workbench.ui.models.common import SmallTableModel, fmt, parse_number
from workbench.ui.models.parks import BAD_SUM
from workbench.ui.panels.park_widgets import HostPicker
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table

BAD_SUM_TINT = QColor("#fde7ea")
IMPLIED = QColor("#777777")
ROW_HEIGHT = 22  # as the park editor's other grids


class ParkLocationsModel(SmallTableModel):
    """Rows: each stored location (region, share %), then a 合计 row. With no stored locations one
    implied, read-only row shows the host at 100 %."""

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.park_id = ""
        self.codes: list[str] = []
        self.implied = False
        self.headers = [pick("所在地", "Jurisdiction"), pick("占比（%）", "Share (%)")]
        self.numeric_columns = frozenset({1})
        self.refresh()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(lambda: self.set_park(""))

    def set_park(self, park_id: str) -> None:
        self.park_id = park_id
        self.refresh()

    def park(self) -> ParkArrangement | None:
        return self.session.project.park(self.park_id) if self.park_id else None

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("parks", "regions"):
            if self.park_id and self.park() is None:
                self.park_id = ""
            self.refresh()

    def total(self) -> float:
        park = self.park()
        return 0.0 if park is None else sum(loc.share_pct for loc in park.location_shares())

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        park = self.park()
        if park is None:
            self.codes, self.implied = [], False
            return [], []
        names = {r.code: r.name for r in self.session.project.regions}
        self.implied = not park.locations
        shown = park.location_shares()
        self.codes = [loc.code for loc in shown]
        rows = [[names.get(loc.code, loc.code), fmt(loc.share_pct, 1)] for loc in shown]
        sort: list[list[Any]] = [[loc.code, loc.share_pct] for loc in shown]
        total = sum(loc.share_pct for loc in shown)
        rows.append([tr("park.sum"), fmt(total, 1)])
        sort.append([None, total])
        return rows, sort

    def is_sum_row(self, row: int) -> bool:
        return row == len(self._rows) - 1

    def sum_is_off(self) -> bool:
        return self.park() is not None and abs(self.total() - 100.0) > TOLERANCE

    def cell_flags(self, row: int, col: int) -> bool:
        return col == 1 and not self.implied and not self.is_sum_row(row)

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if self.is_sum_row(row):
            return self._sum_data(role)
        if self.implied and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(IMPLIED)
        if self.implied and role == Qt.ItemDataRole.ToolTipRole:
            return pick(
                "未单独设置所在地：整个园区按所在地（飞入地）100% 计",
                "No locations set: the whole park counts at its host, 100%",
            )
        return None

    def _sum_data(self, role: int) -> Any:
        off = self.sum_is_off()
        if role == Qt.ItemDataRole.FontRole:
            f = QFont()
            f.setBold(True)
            return f
        if off and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(BAD_SUM)
        if off and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(BAD_SUM_TINT)
        if off and role == Qt.ItemDataRole.ToolTipRole:
            total = f"{self.total():g}"
            return pick(
                f"各所在地占比合计 {total}%，应为 100%", f"Shares sum to {total}%, not 100%"
            )
        return None

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        park = self.park()
        if park is None or not self.cell_flags(row, col):
            return False
        try:
            x = parse_number(value, self.headers[1], 0, 100)
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        code = self.codes[row]
        if park.locations[row].share_pct == x:
            return False
        new = [ParkLocation(loc.code, loc.share_pct) for loc in park.locations]
        new[row].share_pct = x
        return push_locations(self.session, park, new, "share", code)


def push_locations(
    session: ProjectSession, park: ParkArrangement, new: list[ParkLocation], verb: str, code: str
) -> bool:
    """Replace ``park``'s locations with ``new`` as one undoable step named after the park and the
    jurisdiction (``verb``: add | share | remove)."""
    names = {r.code: r.name for r in session.project.regions}
    where = names.get(code, code)
    edit = SetValue(("parks", park.id, "locations"), new)
    edit.text_zh = {
        "add": f"添加园区“{park.name}”的所在地 {where}",
        "share": f"修改园区“{park.name}”在 {where} 的占比",
        "remove": f"移除园区“{park.name}”的所在地 {where}",
    }[verb]
    edit.text_en = {
        "add": f"Add location {where} to park {park.name}",
        "share": f"Change share of park {park.name} in {where}",
        "remove": f"Remove location {where} from park {park.name}",
    }[verb]
    return session.push(edit)


class ParkLocationsEditor(QGroupBox):
    """The 所在地及占比 box: the table, a searchable picker (grouped by city) to add a jurisdiction,
    and a button to remove the selected one."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(pick("所在地及占比", "Locations and shares"), parent)
        self.setObjectName("parkLocationsBox")
        self.session = session
        self.model = ParkLocationsModel(session, self)
        self.view = QTableView(self)
        self.view.setObjectName("parkLocationsTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fit_table(self.view)
        self.note = QLabel(self)
        self.note.setObjectName("parkLocationsNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.picker = HostPicker(self)
        self.picker.setObjectName("parkLocationPicker")
        self.picker.setMinimumContentsLength(14)
        add = QPushButton(pick("添加所在地", "Add jurisdiction"), self)
        add.setObjectName("parkLocationAdd")
        add.clicked.connect(lambda _c=False: self.add_location(self.picker.currentData()))
        self.remove_button = QPushButton(pick("移除所选", "Remove selected"), self)
        self.remove_button.setObjectName("parkLocationRemove")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected())
        row, flow = flow_row(self, "parkLocationsControls")
        flow.addWidget(together(self.picker, add))
        flow.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.note)
        lay.addWidget(row)
        self.model.modelReset.connect(self._update_note)
        self.model.dataChanged.connect(lambda *_a: self._update_note())
        session.projectReplaced.connect(lambda: self.picker.fill(session.project))
        self.picker.fill(session.project)

    def set_park(self, park_id: str) -> None:
        if park_id != self.model.park_id:
            self.model.set_park(park_id)
        self._update_note()

    def _update_note(self) -> None:
        park = self.model.park()
        if park is None:
            self.note.setText("")
        elif not park.locations:
            names = {r.code: r.name for r in self.session.project.regions}
            host = names.get(park.host, park.host)
            self.note.setText(
                pick(
                    f"未单独设置：整个园区位于所在地 {host}（100%）。添加所在地即可分到多个辖区。",
                    f"None set: the whole park is at its host {host} (100%). "
                    "Add a jurisdiction to split it.",
                )
            )
        elif self.model.sum_is_off():
            self.note.setText(
                pick(
                    f"占比合计 {self.model.total():g}%，应为 100%",
                    f"Shares sum to {self.model.total():g}%, not 100%",
                )
            )
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        self.remove_button.setEnabled(park is not None and bool(park.locations))

    def add_location(self, code: object) -> bool:
        """Add ``code`` with the share still missing from 100 %. From the implied state the host
        becomes an explicit 100 % row first, so adding 渝北 to a 邻水 park keeps 邻水 in the list."""
        park = self.model.park()
        if park is None or not isinstance(code, str) or not code:
            return False
        if any(loc.code == code for loc in park.locations):
            return False
        current = [ParkLocation(loc.code, loc.share_pct) for loc in park.location_shares()]
        if not park.locations and code == park.host:
            new = current  # the implied row made explicit
        else:
            rest = max(0.0, 100.0 - sum(loc.share_pct for loc in current))
            new = [*current, ParkLocation(code, round(rest, 6))]
        return push_locations(self.session, park, new, "add", code)

    def remove_location(self, code: str) -> bool:
        park = self.model.park()
        if park is None or not any(loc.code == code for loc in park.locations):
            return False
        new = [ParkLocation(loc.code, loc.share_pct) for loc in park.locations if loc.code != code]
        return push_locations(self.session, park, new, "remove", code)

    def remove_selected(self) -> bool:
        row = self.view.currentIndex().row()
        if self.model.implied or not 0 <= row < len(self.model.codes):
            return False
        return self.remove_location(self.model.codes[row])

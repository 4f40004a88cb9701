"""The 参数 tree: every model parameter grouped by ``group``, with the current scenario's overrides.

Top-level rows are groups (税收, 投资工具, …); their children are parameters. The project value,
the scenario override and the source text are editable; each edit is one core ``SetValue`` pushed
through the session, so undo, projections and problems follow the usual path. A parameter without
a source is shown as an assumption, highlighted, because a planner must see which numbers are
nobody's published figure.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.core.edits import DELETE, Changes, SetValue
from workbench.core.model import Assumption
from workbench.ui.i18n import language, tr
from workbench.ui.models.common import RIGHT, parse_number
from workbench.ui.session import ProjectSession

Index = QModelIndex | QPersistentModelIndex

# The key is last: planners read the label, value and source; the key is for cross-reference.
COL_LABEL, COL_VALUE, COL_OVERRIDE, COL_UNIT, COL_SOURCE, COL_KEY = range(6)
KEY_ROLE = Qt.ItemDataRole.UserRole + 10  # the parameter key of a row (None on group rows)

GROUP_ORDER = ("tax", "instrument", "ramp", "spillover", "park", "sector")
# Parameters the engine ignores while an input–output table replaces the region network.
NETWORK_KEYS = frozenset({"network.spillover_share", "network.decay_km"})
# English renderings of the units the shipped parameters use; others are shown as stored.
UNIT_EN = {
    "亿元/年 每亿元投资": "yuan/yr per yuan invested",
    "人/亿元": "persons per 100M yuan",
    "亿元": "100M yuan",
    "人": "persons",
}
_NO_PARENT = 0  # internalId of group rows; a child's internalId is its group's row + 1

ASSUMPTION_BG = QColor("#fff1c7")
ASSUMPTION_FG = QColor("#8a5a00")
OVERRIDE_BG = QColor("#e3efff")
MUTED_FG = QColor("#808080")


def number_text(x: float) -> str:
    """All significant digits a planner typed (0.895 stays 0.895), thousands separated."""
    return f"{x:,.10g}"


def unit_text(unit: str) -> str:
    return UNIT_EN.get(unit, unit) if language() == "en" else unit


def param_label(a: Assumption) -> str:
    if language() == "en":
        return a.label_en or a.label_zh or a.key
    return a.label_zh or a.label_en or a.key


def group_label(group: str) -> str:
    key = f"assumption.group.{group or 'other'}"
    try:
        return tr(key)
    except KeyError:  # a group the shipped defaults do not know: show its name
        return group


class AssumptionsModel(QAbstractItemModel):
    """Groups → parameters; columns: label, value, override, unit, source, key."""

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._groups: list[str] = []
        self._keys: list[list[str]] = []
        self._cells: list[list[list[str]]] = []  # display text per group, row, column
        self._scenario = session.scenario
        self._build()
        session.changed.connect(self._on_changed)
        session.scenarioChanged.connect(self._on_scenario)
        session.projectReplaced.connect(self.reset)

    # ------------------------------------------------------------------ contents
    def _structure(self) -> tuple[list[str], list[list[str]]]:
        by_group: dict[str, list[str]] = {}
        for key, a in self.session.project.assumptions.items():
            by_group.setdefault(a.group, []).append(key)
        rank = {g: i for i, g in enumerate(GROUP_ORDER)}
        groups = sorted(by_group, key=lambda g: (rank.get(g, len(rank)), g == "", g))
        return groups, [by_group[g] for g in groups]

    def _row_cells(self, key: str) -> list[str]:
        a = self.session.project.assumptions[key]
        sc = self.session.current_scenario()
        over = sc.assumption_overrides.get(key) if sc is not None else None
        cells = [""] * 6
        cells[COL_LABEL] = param_label(a)
        cells[COL_VALUE] = number_text(a.value)
        cells[COL_OVERRIDE] = "" if over is None else number_text(float(over))
        cells[COL_UNIT] = unit_text(a.unit)
        cells[COL_SOURCE] = a.source if a.source.strip() else tr("assumption.none")
        cells[COL_KEY] = a.key
        return cells

    def _build(self) -> None:
        self._groups, self._keys = self._structure()
        self._cells = [[self._row_cells(k) for k in keys] for keys in self._keys]

    def reset(self) -> None:
        self.beginResetModel()
        self._scenario = self.session.scenario
        self._build()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the parameters; repaint only the cells that changed (reset if rows moved)."""
        groups, keys = self._structure()
        if groups != self._groups or keys != self._keys:
            self.reset()
            return
        for g, group_keys in enumerate(keys):
            for r, key in enumerate(group_keys):
                new = self._row_cells(key)
                old = self._cells[g][r]
                diff = [c for c, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
                self._cells[g][r] = new
                if diff:
                    self.dataChanged.emit(
                        self.index(r, min(diff), self.index(g, 0)),
                        self.index(r, max(diff), self.index(g, 0)),
                    )

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("assumptions", "scenarios", "mrio"):
            if self.session.scenario != self._scenario:
                self._on_scenario(self.session.scenario)
            else:
                self.refresh()

    def _on_scenario(self, name: str) -> None:
        self._scenario = name
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_OVERRIDE, COL_OVERRIDE)
        self.refresh()

    # ------------------------------------------------------------------ lookups
    def key_of(self, index: Index) -> str | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._keys[index.internalId() - 1][index.row()]

    def index_of_key(self, key: str, column: int = COL_LABEL) -> QModelIndex:
        for g, keys in enumerate(self._keys):
            if key in keys:
                return self.index(keys.index(key), column, self.index(g, 0))
        return QModelIndex()

    # ------------------------------------------------------------------ Qt structure
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= self.columnCount() or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, _NO_PARENT)
                if row < len(self._groups)
                else QModelIndex()
            )
        if parent.internalId() != _NO_PARENT or parent.column() != 0:
            return QModelIndex()
        g = parent.row()
        if row >= len(self._keys[g]):
            return QModelIndex()
        return self.createIndex(row, column, g + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._keys[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == COL_OVERRIDE:
                return tr("assumption.col.override", scenario=self.session.scenario or "—")
            return tr(
                {
                    COL_LABEL: "assumption.col.label",
                    COL_VALUE: "assumption.col.value",
                    COL_UNIT: "assumption.col.unit",
                    COL_SOURCE: "assumption.col.source",
                    COL_KEY: "assumption.col.key",
                }[section]
            )
        if role == Qt.ItemDataRole.ToolTipRole and section in (COL_VALUE, COL_OVERRIDE, COL_SOURCE):
            return tr("assumption.tip.edit")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _NO_PARENT and index.column() in (
            COL_VALUE,
            COL_OVERRIDE,
            COL_SOURCE,
        ):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    # ------------------------------------------------------------------ Qt data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if index.internalId() == _NO_PARENT:
            return self._group_data(index.row(), col, role)
        key = self._keys[index.internalId() - 1][index.row()]
        a = self.session.project.assumptions[key]
        sc = self.session.current_scenario()
        over = sc.assumption_overrides.get(key) if sc is not None else None
        unused = key in NETWORK_KEYS and self.session.project.mrio is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.internalId() - 1][index.row()][col]
        if role == Qt.ItemDataRole.EditRole:
            if col == COL_VALUE:
                return float(a.value)
            if col == COL_OVERRIDE:
                return None if over is None else float(over)
            if col == COL_SOURCE:
                return a.source
            return self._cells[index.internalId() - 1][index.row()][col]
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col in (COL_VALUE, COL_OVERRIDE) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(a, over, unused)
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == COL_SOURCE and a.is_assumption:
                return QBrush(ASSUMPTION_BG)
            if col == COL_OVERRIDE and over is not None:
                return QBrush(OVERRIDE_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_SOURCE and a.is_assumption:
                return QBrush(ASSUMPTION_FG)
            if unused or (col == COL_VALUE and over is not None):
                return QBrush(MUTED_FG)  # not the number the projections use
            return None
        if role == Qt.ItemDataRole.FontRole and col == COL_OVERRIDE and over is not None:
            f = QFont()
            f.setBold(True)
            return f
        return None

    def _group_data(self, row: int, col: int, role: int) -> Any:
        if col != COL_LABEL:
            return None
        group = self._groups[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr("assumption.group.count", group=group_label(group), n=len(self._keys[row]))
        if role == Qt.ItemDataRole.FontRole:
            f = QFont()
            f.setBold(True)
            return f
        return None

    def _tooltip(self, a: Assumption, over: float | None, unused: bool) -> str:
        lines = [a.label_zh, a.label_en] if language() == "zh" else [a.label_en, a.label_zh]
        lines = [x for x in lines if x]
        lines.append(a.key)
        lines.append(tr("assumption.tip.unit", unit=unit_text(a.unit)))
        if a.is_assumption:
            lines.append(tr("assumption.tip.assumption"))
        else:
            lines.append(tr("assumption.tip.source", source=a.source))
        if over is not None:
            lines.append(
                tr(
                    "assumption.tip.override",
                    scenario=self.session.scenario,
                    value=number_text(float(over)),
                    unit=unit_text(a.unit),
                )
            )
        if unused:
            lines.append(tr("assumption.tip.unused_with_mrio"))
        return "\n".join(lines)

    # ------------------------------------------------------------------ editing
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.key_of(index)
        if key is None or role != Qt.ItemDataRole.EditRole:
            return False
        col = index.column()
        if col == COL_VALUE:
            return self.set_value(key, value)
        if col == COL_OVERRIDE:
            return self.set_override(key, value)
        if col == COL_SOURCE:
            return self.set_source(key, value)
        return False

    def _parse(self, a: Assumption, value: Any) -> float:
        what = param_label(a)
        if a.unit == "%":
            return parse_number(value, what, 0, 100)
        x = parse_number(value, what, 0)
        if a.unit == "km" and x == 0:
            raise ValueError(tr("assumption.positive", what=what, value=value))
        return x

    def _refuse(self, e: Exception) -> bool:
        self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
        return False

    def set_value(self, key: str, value: Any) -> bool:
        a = self.session.project.assumptions[key]
        try:
            x = self._parse(a, value)
        except ValueError as e:
            return self._refuse(e)
        if x == a.value:
            return True
        edit = SetValue(("assumptions", key, "value"), x, merge_id=("assumption", key))
        edit.text_zh = edit.text_en = tr("assumption.value_text", label=param_label(a))
        return self.session.push(edit)

    def set_override(self, key: str, value: Any) -> bool:
        a = self.session.project.assumptions[key]
        sc = self.session.current_scenario()
        if sc is None:
            return self._refuse(ValueError(tr("assumption.no_scenario")))
        path = ("scenarios", sc.name, "assumption_overrides", key)
        names = {"scenario": sc.name, "label": param_label(a)}
        if value is None or (isinstance(value, str) and not value.strip()):
            if key not in sc.assumption_overrides:
                return True
            edit = SetValue(path, DELETE)
            edit.text_zh = edit.text_en = tr("assumption.clear_override_text", **names)
            return self.session.push(edit)
        try:
            x = self._parse(a, value)
        except ValueError as e:
            return self._refuse(e)
        if sc.assumption_overrides.get(key) == x:
            return True
        edit = SetValue(path, x, merge_id=("override", sc.name, key))
        edit.text_zh = edit.text_en = tr("assumption.override_text", **names)
        return self.session.push(edit)

    def set_source(self, key: str, value: Any) -> bool:
        a = self.session.project.assumptions[key]
        text = "" if value is None else str(value).strip()
        if text == a.source.strip():
            return True
        edit = SetValue(("assumptions", key, "source"), text, merge_id=("source", key))
        edit.text_zh = edit.text_en = tr("assumption.source_text", label=param_label(a))
        return self.session.push(edit)

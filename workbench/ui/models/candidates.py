"""The catalogue table: one row per candidate, columns read from per-column caches.

Caches are lists/arrays built once per reset and patched per edited row, so ``data`` is a list
lookup (5,000 candidates stay smooth). Edits become ``SetValue`` edits pushed through the session;
the status column is not edited here: status changes go through ``change_status`` with a reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.core.addresses import CandidateField, CriterionField, list_head
from workbench.core.edits import Changes, SetValue
from workbench.core.enums import Status, UnitType
from workbench.core.model import Candidate
from workbench.core.scoring import criteria_matrix, weighted_scores
from workbench.ui.i18n import label, language, sector_name, tr
from workbench.ui.models.common import (
    CHOICES_ROLE,
    RIGHT,
    SORT_ROLE,
    Index,
    fmt,
    parse_number,
    stack_unit,
    with_full_text,
)
from workbench.ui.session import ProjectSession

ILLUSTRATIVE_FG = QColor("#8a5a00")


@dataclass(frozen=True)
class Column:
    key: str  # candidate field, "criteria:<key>", or a derived name
    header: str
    editable: bool = False
    numeric: bool = False
    digits: int = 2


class CandidateTableModel(QAbstractTableModel):
    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.columns: list[Column] = []
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._cells: list[list[Any]] = []  # per column, per row: the raw value
        self._scores = np.zeros(0)
        self.city: list[str] = []  # planning-unit code per row, for the filter proxy
        self.haystack: list[str] = []  # lower-case text searched by the filter
        self._rebuild()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.reset)

    # ------------------------------------------------------------------ caches
    def _make_columns(self) -> list[Column]:
        cols = [
            Column("id", tr("col.id")),
            Column("name", tr("col.name"), editable=True),
            Column("illustrative", tr("col.illustrative")),
            Column("unit_type", tr("col.type"), editable=True),
            Column("city", tr("col.city")),
            Column("region_code", tr("col.region"), editable=True),
            Column("sector", tr("col.sector"), editable=True),
            Column("status", tr("col.status")),
            Column("score", tr("col.score"), numeric=True, digits=1),
            Column("requested_funding", tr("col.requested"), editable=True, numeric=True),
            Column("baseline_output", tr("col.output"), editable=True, numeric=True),
            Column("baseline_jobs", tr("col.jobs"), editable=True, numeric=True, digits=0),
            Column("baseline_tax", tr("col.tax"), editable=True, numeric=True, digits=3),
        ]
        lang = language()
        for c in self.session.project.criteria:
            name = c.label_zh if lang == "zh" else (c.label_en or c.key)
            cols.append(
                Column(
                    f"criteria:{c.key}",
                    tr("col.criterion", label=name),
                    editable=True,
                    numeric=True,
                    digits=0,
                )
            )
        cols.append(Column("notes", tr("col.notes"), editable=True))
        return cols

    def _rebuild(self) -> None:
        p = self.session.project
        self.columns = self._make_columns()
        self._col_of = {c.key: i for i, c in enumerate(self.columns)}
        self._ids = [c.id for c in p.candidates]
        self._row_of = {cid: i for i, cid in enumerate(self._ids)}
        self._region_names = {r.code: r.name for r in p.regions}
        self._units = p.planning_units()
        self._matrix = criteria_matrix(p)
        self._scores = weighted_scores(p, self._matrix)
        self._cells = [[None] * len(self._ids) for _ in self.columns]
        self.city = [""] * len(self._ids)
        self.haystack = [""] * len(self._ids)
        for i, cand in enumerate(p.candidates):
            self._fill_row(i, cand)

    def _fill_row(self, i: int, cand: Candidate) -> None:
        for j, col in enumerate(self.columns):
            k = col.key
            if k.startswith("criteria:"):
                v = cand.criteria.get(k[9:])
                self._cells[j][i] = math.nan if v is None else v
            elif k == "city":
                self._cells[j][i] = self._units.get(cand.region_code, cand.region_code)
            elif k == "score":
                self._cells[j][i] = float(self._scores[i])
            else:
                self._cells[j][i] = getattr(cand, k)
        self.city[i] = self._units.get(cand.region_code, cand.region_code)
        self.haystack[i] = " ".join(
            (
                cand.id,
                cand.name,
                cand.notes,
                cand.sector,
                self._region_names.get(cand.region_code, ""),
            )
        ).lower()

    def reset(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    # ------------------------------------------------------------------ change notices
    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches("candidates", "criteria", "regions"):
            return
        if "project" in changes.parts or "regions" in changes.parts:
            self.reset()
            return
        p = self.session.project
        rescore_all = False
        touched_rows: dict[int, set[int]] = {}
        for path in changes.paths:
            head = list_head(path)
            if head == "criteria":
                crit = CriterionField.of(path)
                if crit is not None and crit.field == "weight":
                    rescore_all = True
                else:  # criteria added/removed/renamed: columns change
                    self.reset()
                    return
            elif head == "candidates":
                cf = CandidateField.of(path)
                if cf is None or cf.field is None or cf.candidate_id not in self._row_of:
                    self.reset()  # inserted or removed
                    return
                row = self._row_of[cf.candidate_id]
                cand = p.candidate(cf.candidate_id)
                if cand is None or p.candidates[row] is not cand:
                    self.reset()
                    return
                field = cf.field
                cols = touched_rows.setdefault(row, set())
                if field == "criteria":
                    self._matrix[row] = criteria_matrix_row(p, cand)
                    self._scores[row] = weighted_scores(p, self._matrix[row : row + 1])[0]
                    cols.add(self._col_of["score"])
                    cols.update(
                        j for j, c in enumerate(self.columns) if c.key.startswith("criteria:")
                    )
                elif field in self._col_of:
                    cols.add(self._col_of[field])
                    if field == "region_code":
                        cols.add(self._col_of["city"])
                self._fill_row(row, cand)
        for row, cols in touched_rows.items():
            if cols:
                self.dataChanged.emit(self.index(row, min(cols)), self.index(row, max(cols)))
        if rescore_all:
            self._scores = weighted_scores(p, self._matrix)
            j = self._col_of["score"]
            self._cells[j] = [float(s) for s in self._scores]
            if self._ids:
                self.dataChanged.emit(self.index(0, j), self.index(len(self._ids) - 1, j))

    # ------------------------------------------------------------------ lookups
    def candidate_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, cid: str) -> int:
        return self._row_of.get(cid, -1)

    def column_of(self, key: str) -> int:
        return self._col_of.get(key, -1)

    def value(self, row: int, key: str) -> Any:
        return self._cells[self._col_of[key]][row]

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return stack_unit(self.columns[section].header)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header
        return None

    def _display(self, col: Column, v: Any) -> str:
        k = col.key
        if k == "illustrative":
            return tr("illustrative") if v else ""
        if k in ("unit_type", "status"):
            return label(v)
        if k in ("region_code", "city"):
            return self._region_names.get(v, v)
        if k == "sector":
            return sector_name(v)
        if col.numeric:
            return fmt(v, col.digits)
        return str(v)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        col = self.columns[c]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(col, self._cells[c][r])
        if role == Qt.ItemDataRole.EditRole:
            v = self._cells[c][r]
            if col.numeric:
                return None if isinstance(v, float) and math.isnan(v) else v
            return v.value if hasattr(v, "value") else v
        if role == SORT_ROLE:
            v = self._cells[c][r]
            if col.numeric:
                return -math.inf if isinstance(v, float) and math.isnan(v) else float(v)
            return self._display(col, v)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col.numeric else None
        illustrative = self._cells[self._col_of["illustrative"]][r]
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and illustrative
            and col.key in ("name", "illustrative")
        ):
            return QBrush(ILLUSTRATIVE_FG)
        if role == Qt.ItemDataRole.FontRole and illustrative and col.key == "illustrative":
            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = (
                tr("illustrative.tip")
                if illustrative and col.key in ("name", "illustrative")
                else None
            )
            return with_full_text(self._display(col, self._cells[c][r]), tip)
        if role == CHOICES_ROLE:
            return self.choices(col.key)
        return None

    def display_cells(self, col: int, rows: int) -> Iterator[tuple[str, Any]]:
        """(display text, font role) of column ``col``'s first ``rows`` cells, as ``data`` gives
        them: the column fitter's fast path (``ui.tables.column_need``), at start-up too."""
        column, cells = self.columns[col], self._cells[col]
        styled = column.key == "illustrative"  # the only column with a font of its own
        for r in range(min(rows, len(self._ids))):
            font = self.data(self.index(r, col), Qt.ItemDataRole.FontRole) if styled else None
            yield self._display(column, cells[r]), font

    def choices(self, key: str) -> list[tuple[str, str]] | None:
        p = self.session.project
        if key == "unit_type":
            return [(label(t), t.value) for t in UnitType]
        if key == "sector":
            return [(sector_name(s), s) for s in p.sectors] or None
        if key == "region_code":
            return [
                (f"{r.name}（{r.code}）", r.code) for r in p.regions if r.level.value != "province"
            ]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        col = self.columns[index.column()]
        if not col.editable:
            return False
        cid = self._ids[index.row()]
        cand = self.session.project.candidate(cid)
        if cand is None:
            return False
        try:
            path, new = self._parse(cid, col, value)
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        edit = SetValue(path, new, merge_id=("candidate", path))
        edit.text_zh = edit.text_en = tr("cat.edit_text", name=cand.name, field=col.header)
        return self.session.push(edit)

    def _parse(self, cid: str, col: Column, value: Any) -> tuple[tuple[Any, ...], Any]:
        k = col.key
        if k.startswith("criteria:"):
            return ("candidates", cid, "criteria", k[9:]), parse_number(value, col.header, 0, 100)
        if col.numeric:
            return ("candidates", cid, k), parse_number(
                value, col.header, 0, field=("Candidate", k)
            )
        if k == "unit_type":
            return ("candidates", cid, k), UnitType.parse(str(value))
        if k == "region_code":
            code = str(value).strip()
            if self.session.project.region(code) is None:
                raise ValueError(f"{col.header}：{value}")
            return ("candidates", cid, k), code
        if k == "name" and not str(value).strip():
            raise ValueError(f"{col.header}：∅")
        return ("candidates", cid, k), str(value)


def criteria_matrix_row(project: Any, cand: Candidate) -> np.ndarray:
    return np.array([cand.criteria.get(c.key, math.nan) for c in project.criteria], dtype=float)


class CandidateFilterProxy(QSortFilterProxyModel):
    """Filters by city, unit type, sector, status and text, reading the model's cached columns."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.city = ""
        self.unit_type = ""
        self.sector = ""
        self.status = ""
        self.text = ""

    def set_filters(self, **kw: str) -> None:
        for k, v in kw.items():
            if not hasattr(self, k):
                raise AttributeError(k)
            setattr(self, k, v or "")
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        m = self.sourceModel()
        if not isinstance(m, CandidateTableModel):
            return True
        if self.city and m.city[row] != self.city:
            return False
        if self.unit_type and m.value(row, "unit_type") != self.unit_type:
            return False
        if self.sector and m.value(row, "sector") != self.sector:
            return False
        if self.status and m.value(row, "status") != Status(self.status):
            return False
        return not (self.text and self.text.lower() not in m.haystack[row])

"""Qt models of the regions dock: thin shells over ``core.regions`` (rows computed in core,
formatted here). The statistics model edits through the one command path: a typed-in value is a
``correct_edit``, never a direct write."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt

from workbench.core.regions.stats import ImportRecord, StatRow, correct_edit, import_history
from workbench.ui.i18n import language, pick, tr
from workbench.ui.models.common import SmallTableModel, fmt, parse_number
from workbench.ui.regions.texts import t
from workbench.ui.session import ProjectSession

CODE_ROLE = Qt.ItemDataRole.UserRole + 10  # the region code of a row, for double-click routing


def indicator_name(key: str) -> str:
    from workbench.io.stats_import.indicators import BY_KEY  # only once the dock is built

    ind = BY_KEY.get(key)
    return key if ind is None else pick(ind.zh, ind.en)


def _year(x: float) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(int(x))


class CompareModel(SmallTableModel):
    """The comparison table (``core.regions.compare_regions``), one row per region."""

    numeric_columns = frozenset({0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            t("col.rank"),
            t("col.region"),
            t("col.parent"),
            t("col.metro"),
            t("col.year"),
            t("col.gdp"),
            t("col.growth"),
            t("col.revenue"),
            t("col.per_capita"),
            t("col.uplift"),
            t("col.uplift_pct"),
            t("col.qianyi"),
            t("col.q_base"),
            t("col.q_draft"),
        ]
        self.frame = None
        self.codes: list[str] = []

    def set_frame(self, frame: Any) -> None:
        self.frame = frame
        self.refresh()

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        if self.frame is None:
            return [], []
        f = self.frame
        self.codes = [str(c) for c in f["region_code"]]
        rows, sort = [], []
        for rec in f.itertuples(index=False):
            show = [
                _year(rec.rank),
                rec.region,
                rec.parent,
                rec.metro if language() == "zh" or not rec.metro else _metro_en(rec.metro),
                _year(rec.gdp_year),
                fmt(rec.gdp),
                fmt(rec.growth_pct),
                fmt(rec.fiscal_revenue),
                fmt(rec.gdp_per_capita),
                fmt(rec.uplift, 3),
                fmt(rec.uplift_pct, 3),
                t("qianyi.yes") if rec.qianyi else "",
                _year(rec.qianyi_year_baseline),
                _year(rec.qianyi_year_draft),
            ]
            rows.append(show)
            sort.append([rec.rank, rec.region, rec.parent, rec.metro, rec.gdp_year, rec.gdp,
                         rec.growth_pct, rec.fiscal_revenue, rec.gdp_per_capita, rec.uplift,
                         rec.uplift_pct, rec.qianyi, rec.qianyi_year_baseline,
                         rec.qianyi_year_draft])  # fmt: skip
        return rows, sort

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if role == CODE_ROLE:
            return self.codes[row]
        if role == Qt.ItemDataRole.FontRole and col == 11 and self._rows[row][11]:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None

    def as_text(self) -> str:
        """Tab-separated, headers first: pastes into a spreadsheet as a table."""
        lines = ["\t".join(self.headers)]
        lines += ["\t".join(r) for r in self._rows]
        return "\n".join(lines)


def _metro_en(zh: str) -> str:
    if zh.startswith("成都"):
        return "Chengdu (core)" if "核心" in zh else "Chengdu (extended)"
    return "Chongqing"


class StatisticsModel(SmallTableModel):
    """Region × indicator × year, one figure per row with its provenance; the value is editable."""

    numeric_columns = frozenset({2, 3})
    VALUE = 3

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [
            t("col.region"),
            t("col.indicator"),
            t("col.year"),
            t("col.value"),
            t("col.unit"),
            t("col.vintage"),
            t("col.provenance"),
            t("col.used"),
        ]
        self.source_rows: list[StatRow] = []

    def set_rows(self, rows: list[StatRow]) -> None:
        self.source_rows = rows
        self.refresh()

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        rows, sort = [], []
        for r in self.source_rows:
            s = r.stat
            used = t("yes") if r.used else (t("conflict") if r.conflict else "")
            rows.append(
                [r.region, indicator_name(s.indicator), str(s.year), fmt(s.value, 4).rstrip("0")
                 .rstrip("."), s.unit, s.vintage, r.provenance, used]
            )  # fmt: skip
            sort.append([r.region, s.indicator, s.year, s.value, s.unit, s.vintage,
                         r.provenance, r.used])  # fmt: skip
        return rows, sort

    def cell_flags(self, row: int, col: int) -> bool:
        return col == self.VALUE

    def extra_data(self, row: int, col: int, role: int) -> Any:
        r = self.source_rows[row]
        if role == CODE_ROLE:
            return r.code
        if role == Qt.ItemDataRole.ForegroundRole and r.conflict and not r.used:
            from PySide6.QtGui import QColor

            return QColor("#b35900")
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            s = r.stat
            return "\n".join(x for x in (s.source, s.file, s.sheet, s.cell, s.imported) if x)
        return None

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        r = self.source_rows[row]
        try:
            x = parse_number(value, t("col.value"), field=("StatValue", "value"))
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        return self.session.push(correct_edit(r.address, x))


class HistoryModel(SmallTableModel):
    """Which files were imported when (``core.regions.stats.import_history``)."""

    numeric_columns = frozenset({2, 3})

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [t("col.file"), t("col.imported"), t("col.values"), t("col.regions")]
        self.records: list[ImportRecord] = []

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        self.records = import_history(self.session.project)
        rows = [[r.file, r.imported, str(r.values), str(r.regions)] for r in self.records]
        sort = [[r.file, r.imported, r.values, r.regions] for r in self.records]
        return rows, sort

"""Column fitting stays off the per-edit path without measuring differently.

Before: the allocation table's filter proxy re-filtered after each edit and every such layout
change re-measured all columns, and the problems list (reset after each edit that added or removed
a problem) measured ~450 cells through ``QModelIndex``: together more than half a frame per edit.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from workbench.ui.models.common import SmallTableModel
from workbench.ui.tables import cell_text_width, column_need, fit_table, header_width

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class _Words(SmallTableModel):
    """Some bold rows, some multi-line, some empty: everything ``cell_text_width`` handles."""

    headers = ("名称", "Amount")
    numeric_columns = frozenset({1})

    def __init__(self, rows: list[list[str]]) -> None:
        super().__init__()
        self.source_rows = rows
        self.refresh()

    def compute_rows(self):  # type: ignore[no-untyped-def]
        return [list(r) for r in self.source_rows], [list(r) for r in self.source_rows]

    def extra_data(self, row: int, col: int, role: int):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import Qt

        if role == Qt.ItemDataRole.FontRole and row % 3 == 0:
            font = QFont()
            font.setBold(True)
            font.setPointSize(15)
            return font
        return None


def _rows(n: int) -> list[list[str]]:
    return [
        [("很长的名称 " * (i % 7)).strip() + ("\n第二行" if i % 5 == 0 else ""), f"{i * 1.5:.2f}"]
        for i in range(n)
    ]


def test_fast_path_measures_like_the_index_path(qtbot) -> None:
    model = _Words(_rows(40))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    cache: dict = {}
    for col in range(model.columnCount()):
        expected = max(
            [header_width(view, col)] + [cell_text_width(view, r, col) for r in range(40)]
        )
        assert column_need(view, col, cache=cache)[0] == expected
        assert column_need(view, col, cache=cache)[0] == expected  # from the cache
    assert column_need(view, 1)[1] and not column_need(view, 0)[1]


def test_a_reset_still_refits_and_a_longer_text_still_widens(qtbot) -> None:
    short = [["短名", "1.00"] for _ in range(10)]
    model = _Words(short)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_table(view)
    narrow = view.columnWidth(0)
    model.source_rows = [*short, ["比较长一些的名称", "1.00"]]
    model.refresh()  # one more row: a reset
    wider = view.columnWidth(0)
    assert wider > narrow
    model.source_rows = short
    model.refresh()
    assert view.columnWidth(0) == narrow  # a reset measures anew (it may narrow)


def test_proxy_refiltering_does_not_remeasure(qtbot, session) -> None:
    from workbench.core.edits import SetAllocation
    from workbench.core.enums import Instrument
    from workbench.ui.panels.allocations import AllocationsPanel

    panel = AllocationsPanel(session)
    qtbot.addWidget(panel)
    calls: list[int] = []
    from workbench.ui import tables

    original = tables.ColumnFitter.fit

    def counting(self) -> None:  # type: ignore[no-untyped-def]
        if self.view is panel.table:
            calls.append(1)
        original(self)

    tables.ColumnFitter.fit = counting  # type: ignore[method-assign]
    try:
        empty = [
            c.id
            for c in session.project.candidates
            if not any(a.candidate_id == c.id for a in session.current_scenario().allocations)
        ]
        assert empty, "the sample has candidates without money"
        before = panel.proxy.rowCount()
        session.push(SetAllocation(session.scenario, empty[0], 2027, Instrument.EQUITY, 1.5))
        qtbot.wait(5)
        assert panel.proxy.rowCount() == before + 1  # the proxy let a row in
        assert calls == []  # and nothing was measured again for it
    finally:
        tables.ColumnFitter.fit = original  # type: ignore[method-assign]

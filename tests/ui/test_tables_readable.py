"""Every table of the data panels fits its content or elides with a tooltip, in Chinese and English.

Before: park grids stretched to a third of the editor showed "…" in every cell after a partner
was added (the sum row "10…"), English headers were cut everywhere, and the allocation table
needed scrolling to reach 2029, 2030 and the total in a 1400 px window.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableView

from workbench.core.enums import Status
from workbench.ui import i18n
from workbench.ui.tables import unreadable_cells

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, shown widgets


@pytest.fixture(params=["zh", "en"])
def lang(request, settings) -> str:
    i18n.set_language(request.param)
    return request.param


def _show(qtbot, widget, w: int, h: int) -> None:
    qtbot.addWidget(widget)
    widget.resize(w, h)
    widget.show()
    qtbot.waitExposed(widget)


def _check(view: QTableView) -> None:
    assert view.model().rowCount() > 0, view.objectName()
    assert unreadable_cells(view) == [], view.objectName()


def test_catalogue_tables(qtbot, lang, session) -> None:
    from workbench.ui.panels.catalogue import CataloguePanel

    panel = CataloguePanel(session)
    _show(qtbot, panel, 760, 700)
    panel.select_ids([session.project.candidates[0].id])
    assert panel.set_status(Status.SHORTLISTED, "初审通过")
    panel.details.setCurrentIndex(1)
    _check(panel.table)
    _check(panel.details.decisions_table)
    panel.details.setCurrentIndex(0)
    _check(panel.links_table)
    assert panel.count_label.width() >= panel.count_label.sizeHint().width()


def test_allocation_table_shows_every_year_and_the_total(qtbot, lang, session) -> None:
    from workbench.ui.panels.allocations import AllocationsPanel

    panel = AllocationsPanel(session)
    _show(qtbot, panel, 760, 600)  # the dock's width in a 1400 px window
    _check(panel.table)
    last = panel.model.columnCount() - 1
    right = panel.table.columnViewportPosition(last) + panel.table.columnWidth(last)
    assert right <= panel.table.viewport().width()


def test_fund_tables(qtbot, lang, session) -> None:
    from workbench.ui.panels.fund import FundPanel

    panel = FundPanel(session)
    _show(qtbot, panel, 760, 700)
    _check(panel.contrib_table)
    _check(panel.year_table)


def test_park_tables_after_adding_a_partner(qtbot, lang, session) -> None:
    from workbench.ui.panels.parks import ParksPanel

    panel = ParksPanel(session)
    _show(qtbot, panel, 760, 700)
    park = session.project.parks[0]
    assert panel.set_partners([*park.partners, "511000"])  # 内江市
    qtbot.wait(1)
    _check(panel.list)
    for view in panel.grid_views:
        _check(view)

"""复制 on every table (tab-separated, headers with units, numbers that read back), the
projection results table, and 导出图片 / 复制图片 of the plots."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage

from workbench.ui.projection_panel import ProjectionPanel
from workbench.ui.table_copy import number_text, parse_tsv, table_tsv

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def projection(qtbot, session) -> ProjectionPanel:
    panel = ProjectionPanel(session)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    qtbot.waitUntil(lambda: not panel.computing, timeout=20_000)
    return panel


def test_number_text_is_plain_digits_that_read_back() -> None:
    assert number_text(1234567.891) == "1234567.891"
    assert number_text(6.081438696455011e-07) == "0.000001"
    assert number_text(-0.0000001) == "0"
    assert number_text(float("nan")) == ""
    assert number_text(12.0) == "12"


def test_results_table_copy_parses_back_to_the_engine_numbers(projection, qtbot) -> None:
    with qtbot.waitSignal(projection.redrawn, timeout=10_000):
        projection.tabs.setCurrentIndex(projection.TAB_RESULTS)
    tab = projection.results_tab
    text = tab.copy()
    assert QGuiApplication.clipboard().text() == text
    rows = parse_tsv(text)
    header, body = rows[0], rows[1:]
    assert header[0] == "规划单元" and header[1] == "2026 年（亿元）"
    assert header[-1] == "2026–2030 年合计（亿元）"
    block = projection.engine.block(projection.session.scenario, "location", "gdp")
    total = block.total()
    assert len(body) == len(block.codes) + 1  # and the circle row
    for r, name in enumerate(block.names):
        row = body[r]
        assert row[0] == name
        got = np.array([float(x) for x in row[1:]])
        want = np.append(total[r], total[r].sum())
        np.testing.assert_allclose(got, want, atol=5e-7)
    circle = np.array([float(x) for x in body[-1][1:]])
    np.testing.assert_allclose(circle[:-1], total.sum(axis=0), atol=5e-6)
    assert not any("," in cell for row in body for cell in row[1:])


def test_results_table_sorts_by_number_and_keeps_the_circle_last(projection, qtbot) -> None:
    with qtbot.waitSignal(projection.redrawn, timeout=10_000):
        projection.tabs.setCurrentIndex(projection.TAB_RESULTS)
    view = projection.results_tab.view
    last = view.model().columnCount() - 1
    view.sortByColumn(last, Qt.SortOrder.DescendingOrder)
    rows = parse_tsv(projection.results_tab.copy())[1:]
    values = [float(r[-1]) for r in rows[:-1]]
    assert values == sorted(values, reverse=True)
    assert rows[-1][0].startswith("经济圈合计")


def test_ctrl_c_copies_the_selection_of_a_data_table(qtbot, session) -> None:
    from workbench.ui.panels.catalogue import CataloguePanel

    panel = CataloguePanel(session)
    qtbot.addWidget(panel)
    panel.show()
    view = panel.table
    model = view.model()
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = next(c for c, h in enumerate(heads) if "申请资金" in str(h))
    sel = view.selectionModel()
    sel.clearSelection()
    for r in (0, 2):
        for c in (1, col):
            sel.select(model.index(r, c), QItemSelectionModel.SelectionFlag.Select)
    QGuiApplication.clipboard().clear()
    panel.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    rows = parse_tsv(QGuiApplication.clipboard().text())
    assert rows[0] == ["名称", "申请资金（亿元）"]  # one line, with the unit
    project = session.project
    by_name = {c.name: c for c in project.candidates}
    for row in rows[1:]:
        assert float(row[1]) == pytest.approx(by_name[row[0]].requested_funding)
    assert len(rows) == 3
    all_rows = parse_tsv(table_tsv(view, selection_only=False))
    assert len(all_rows) == model.rowCount() + 1 and len(all_rows[0]) == model.columnCount()


def test_every_fitted_table_has_copy_in_its_menu(qtbot, session) -> None:
    from workbench.ui.panels.fund import FundPanel

    panel = FundPanel(session)
    qtbot.addWidget(panel)
    names = {a.objectName() for a in panel.contrib_table.actions()}
    assert {"actionCopyTable", "actionCopyTableAll"} <= names
    assert panel.contrib_table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_a_plot_exports_at_the_requested_size(projection, tmp_path: Path, suffix: str) -> None:
    from workbench.ui.figure_export import save_widget

    plot = projection.uplift_plot
    assert plot.property("workbenchFigure")  # the right-click menu is installed
    path = save_widget(plot, tmp_path / f"uplift{suffix}", QSize(1800, 1200), 300)
    assert path.stat().st_size > 5_000
    if suffix == ".png":
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1800, 1200)
        small = image.scaled(60, 40)
        assert len({small.pixel(x, y) for x in range(60) for y in range(40)}) > 8
    else:
        from PySide6.QtSvg import QSvgRenderer

        assert QSvgRenderer(str(path)).isValid()


def test_copy_image_puts_the_plot_on_the_clipboard(projection) -> None:
    from workbench.ui.figure_export import copy_widget_image

    image = copy_widget_image(projection.uplift_plot)
    assert image.width() == 2 * projection.uplift_plot.width()
    assert not QGuiApplication.clipboard().image().isNull()


def test_a_table_that_states_its_unit_once_still_copies_it(qtbot, session) -> None:
    from workbench.ui.panels.allocations import AllocationsPanel

    panel = AllocationsPanel(session)
    qtbot.addWidget(panel)
    rows = parse_tsv(table_tsv(panel.table, selection_only=False))
    assert rows[0][3:] == [f"{y} 年（亿元）" for y in range(2026, 2031)] + ["合计（亿元）"]
    for row in rows[1:]:
        years = [float(x) if x else 0.0 for x in row[3:8]]
        assert sum(years) == pytest.approx(float(row[8]), abs=1e-6)  # pasted rows re-add


def test_results_table_shows_and_copies_the_units_bands(projection, qtbot) -> None:
    from workbench.core.uncertainty import draw_model
    from workbench.core.uncertainty.units import unit_bands
    from workbench.ui.projection.unit_bands import service_for

    session = projection.session
    session.project.uncertainty.draws, session.project.uncertainty.seed = 48, 11
    service = service_for(session)
    with qtbot.waitSignal(service.updated, timeout=30_000):
        projection.tabs.setCurrentIndex(projection.TAB_RESULTS)
    rows = parse_tsv(projection.results_tab.copy())
    header, body = rows[0], rows[1:]
    assert header[1:4] == ["2026 年 P10（亿元）", "2026 年 P50（亿元）", "2026 年 P90（亿元）"]
    col = header.index("2030 年 P50（亿元）")
    model = draw_model(session.project, session.scenario, draws=48, seed=11)
    want = unit_bands(model, "location", "gdp")
    j = want.years.index(2030)
    for row in body:
        i = want.names.index(row[0])
        got = [float(row[col - 1]), float(row[col]), float(row[col + 1])]
        np.testing.assert_allclose(got, want.p[:, i, j], atol=5e-6)
        assert got[0] <= got[1] <= got[2]

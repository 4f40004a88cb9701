"""What the first paint does not wait for.

Before the first paint a fresh process loads only the modules of the window shell and of the panels
a user sees (the registry's eager ones), never validation, the projection engine, the panels behind
tabs or any new panel; those behind tabs are built only once the first computation is on screen
(``MainWindow.ready`` follows the last). The projection charts are built when first drawn or read:
the plotting library loads with the first computation, not before the window is on screen.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from start_up_probe import loaded, modules_at_start_up

from workbench.ui.i18n import tr
from workbench.ui.panels.registry import PANELS, RIGHT, PanelSpec
from workbench.ui.projection_panel import ProjectionPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

EAGER = ["catalogue", "projection", "problems"]  # what a user sees at first paint
# Every workbench module the first paint may wait for. A module new to this list costs start-up
# time (bench_ui.py): import it where it is used, or build its panel deferred, before adding it.
AT_FIRST_PAINT = {
    "workbench",
    "workbench.bundled",
    "workbench.core",
    "workbench.core.addresses",
    "workbench.core.allocation_sums",  # the status bar's fund line
    "workbench.core.assumptions",
    "workbench.core.assumptions_net",
    "workbench.core.colours",
    "workbench.core.decisions",
    "workbench.core.edits",
    "workbench.core.enums",
    "workbench.core.fund_money",
    "workbench.core.fund_summary",
    "workbench.core.locations",
    "workbench.core.model",
    "workbench.core.net_effects",
    "workbench.core.numbers",
    "workbench.core.park_models",
    "workbench.core.projections",
    "workbench.core.projections.link_kinds",
    "workbench.core.projections.parameters",
    "workbench.core.projections.table",
    "workbench.core.projections.views",
    "workbench.core.projections.vocabulary",
    "workbench.core.ranges",
    "workbench.core.scoring",
    "workbench.core.sectors",
    "workbench.core.sharing",
    "workbench.core.sharing.defaults",
    "workbench.core.sharing.model",  # agreements are part of the project (format v2)
    "workbench.core.taxes",
    "workbench.derived_cache",  # the cache folder the decoded project is read from
    "workbench.lazy_exports",  # the packages' names imported on first use
    "workbench.io",
    "workbench.io.codec",
    "workbench.io.edit_codec",
    "workbench.io.json_locate",
    "workbench.io.locks",
    "workbench.io.migrations",
    "workbench.io.project_cache",
    "workbench.io.project_file",
    "workbench.io.recovery",
    "workbench.ui",
    "workbench.ui.app",
    "workbench.ui.dialogs",
    "workbench.ui.dialogs.common",
    "workbench.ui.docks",
    "workbench.ui.drops",
    "workbench.ui.figure_actions",  # 视图 › 导出图片 (the export code loads on use)
    "workbench.ui.figure_menu",
    "workbench.ui.files",
    "workbench.ui.flow_layout",
    "workbench.ui.i18n",
    "workbench.ui.main_window",
    "workbench.ui.models",
    "workbench.ui.models.candidates",
    "workbench.ui.models.common",
    "workbench.ui.models.decisions",
    "workbench.ui.models.links",
    "workbench.ui.models.problems",
    "workbench.ui.mrio_actions",
    "workbench.ui.panels",
    "workbench.ui.panels.catalogue",
    "workbench.ui.panels.catalogue_details",
    "workbench.ui.panels.delegates",
    "workbench.ui.panels.forms",
    "workbench.ui.panels.problems",
    "workbench.ui.panels.registry",
    "workbench.ui.projection",
    "workbench.ui.projection.controls",
    "workbench.ui.projection.net_table",
    "workbench.ui.projection.charts",
    "workbench.ui.projection.panel",
    "workbench.ui.projection.table_tab",
    "workbench.ui.projection.results_table",
    "workbench.ui.projection_panel",
    "workbench.ui.publish_actions",
    "workbench.ui.qt_translations",
    "workbench.ui.scenario_actions",
    "workbench.ui.session",
    "workbench.ui.settings",
    "workbench.ui.status_bar",
    "workbench.ui.strings",
    "workbench.ui.strings.assumptions",
    "workbench.ui.strings.catalogue",
    "workbench.ui.strings.fund",
    "workbench.ui.strings.projection",
    "workbench.ui.strings.sharing",
    "workbench.ui.strings.window",
    "workbench.ui.table_copy",
    "workbench.ui.tables",
    "workbench.ui.worker",
}


def _deferred() -> list[PanelSpec]:
    return [spec for spec in PANELS if not spec.eager]


def test_only_the_panels_seen_at_first_paint_are_eager() -> None:
    """A new panel is deferred: its module must not load before the first paint either (the
    next test lists what may)."""
    assert [spec.attr for spec in PANELS if spec.eager] == EAGER


def test_the_first_paint_loads_only_the_window_shell_and_the_panels_in_view() -> None:
    ours = {m for m in loaded("first_paint") if m.startswith("workbench")}
    new = sorted(ours - AT_FIRST_PAINT)
    assert not new, f"{new} loaded before the first paint: see AT_FIRST_PAINT"
    heavy = ("pandas", "scipy", "openpyxl", "python_calamine", "workbench.io.excel")
    assert not set(heavy) & loaded("first_paint")


def test_the_plotting_library_loads_with_the_first_computation() -> None:
    """pyqtgraph (with every Qt type it copies) is a third of a bare window's start: the chart
    says "预测计算中…" in words until the computation it waits for anyway."""
    before_paint, when_computed = modules_at_start_up(
        ("pyqtgraph", "workbench.ui.projection.plots")
    )
    assert before_paint == []
    assert when_computed == ["pyqtgraph", "workbench.ui.projection.plots"]


def test_validation_and_deferred_panel_modules_are_loaded_after_the_first_paint() -> None:
    panels = [spec.make.module for spec in _deferred() if hasattr(spec.make, "module")]
    assert "workbench.ui.panels.fund" in panels
    later = (
        "workbench.core.validation",
        "workbench.core.gazetteer",
        "workbench.ui.map.panel",
        "workbench.io.geometry_cache",
        "shapely",
        *panels,
    )
    before_paint, when_computed = modules_at_start_up(later)
    assert before_paint == []
    assert "workbench.core.validation" in when_computed  # the problems list needs it
    assert set(panels) <= loaded("ready")  # built once the computation is on screen


def _computed(window) -> bool:  # type: ignore[no-untyped-def]
    return "projection" in window.__dict__ and window.is_computed()  # not while it is built


class _Events(QObject):
    """Records, in order, paints of ``window`` (and whether it was computed then) and panel
    builds."""

    def __init__(self) -> None:
        super().__init__()
        self.window: QWidget | None = None
        self.log: list[tuple[str, str, bool]] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        w = self.window
        if (
            w is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is w
        ):
            self.log.append(("paint", obj.objectName(), _computed(w)))
        return False

    def spy(self, spec: PanelSpec) -> PanelSpec:
        def make(window):  # type: ignore[no-untyped-def]
            self.log.append(("make", spec.attr, _computed(window)))
            return spec.make(window)

        return dataclasses.replace(spec, make=make)


def test_deferred_panels_and_a_new_one_are_built_after_the_computed_window_is_painted(
    qtbot, qapp: QApplication, settings, session, monkeypatch
) -> None:
    """Each panel's factory is spied on, a new panel is registered in a group of its own: none
    but the eager ones is made before the window has painted its computed plots and problems."""
    from workbench.ui import docks
    from workbench.ui.main_window import MainWindow

    events = _Events()
    extra = PanelSpec("extra", "extraDock", "dock.history", RIGHT, "newGroup", QLabel)
    monkeypatch.setattr(docks, "PANELS", tuple(events.spy(s) for s in (*PANELS, extra)))
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    events.window = w
    qapp.installEventFilter(events)
    try:
        assert [e[1] for e in events.log] == EAGER
        # the new panel is tabbed behind the charts, not an empty dock in view
        assert w.docks["projectionDock"] in w.tabifiedDockWidgets(w.docks["extraDock"])
        w.show()
        with qtbot.waitSignal(w.ready, timeout=10_000):
            pass
        assert w.is_ready() and w.wait_ready(timeout_ms=1)
    finally:
        qapp.removeEventFilter(events)
    makes = [e for e in events.log if e[0] == "make"]
    assert sorted(e[1] for e in makes) == sorted(spec.attr for spec in (*PANELS, extra))
    first_computed_paint = next(i for i, e in enumerate(events.log) if e[0] == "paint" and e[2])
    for i, (kind, attr, _computed) in enumerate(events.log):
        if kind == "make" and attr not in EAGER:
            assert i > first_computed_paint, f"{attr} was built before the computed paint"
    assert isinstance(w.extra, QLabel) and w.docks["extraDock"].widget() is w.extra
    assert w.docks["extraDock"].visibleRegion().isEmpty()  # still behind the raised charts
    assert not w.docks["projectionDock"].visibleRegion().isEmpty()
    w.files.shutdown()


def test_wait_ready_starts_a_window_never_shown(qtbot, settings, session) -> None:
    from workbench.ui.main_window import MainWindow

    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    assert not w.is_ready() and "fund" not in w.panels
    with qtbot.waitSignal(w.ready, timeout=10_000):
        assert w.wait_ready()
    assert w.is_computed() and {spec.attr for spec in PANELS} <= set(w.panels)
    w.files.shutdown()


def test_a_second_start_reads_the_project_decoded_by_the_first(
    qtbot, settings, sample_copy, monkeypatch
) -> None:
    from workbench.io import project_file
    from workbench.ui.app import create_main_window, project_cache_dir

    first = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(first)
    first.files.shutdown()
    assert list(project_cache_dir().glob("*.pickle"))

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("decoded again")

    monkeypatch.setattr(project_file, "loads", refuse)
    second = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(second)
    assert second.session.project == first.session.project
    assert second.session.project is not first.session.project
    second.files.shutdown()


def test_the_window_is_built_with_the_collector_paused(qtbot, settings, monkeypatch) -> None:
    import gc

    from workbench.io import project_file
    from workbench.ui.app import create_main_window

    seen = []
    load = project_file.load
    monkeypatch.setattr(
        project_file, "load", lambda *a, **k: seen.append(gc.isenabled()) or load(*a, **k)
    )
    assert gc.isenabled()
    w = create_main_window(None, settings)
    qtbot.addWidget(w)
    assert seen == [False] and gc.isenabled()
    w.files.shutdown()


def test_charts_behind_tabs_are_built_when_shown(qtbot, session) -> None:
    panel = ProjectionPanel(session)
    qtbot.addWidget(panel)
    assert "fund_plot" not in panel.__dict__ and "spill_plot" not in panel.__dict__
    assert panel.fund_scroll.widget() is None
    qtbot.waitUntil(lambda: not panel.computing, timeout=10_000)
    assert "fund_plot" not in panel.__dict__  # the uplift tab is shown; the others wait

    with qtbot.waitSignal(panel.redrawn, timeout=10_000):
        panel.tabs.setCurrentIndex(panel.TAB_FUND)
    assert panel.fund_scroll.widget() is panel.__dict__["fund_plot"]
    assert panel.fund_axis.names  # drawn: one name per city
    assert panel.fund_plot.getPlotItem().titleLabel.text != tr("proj.computing")

    assert panel.spill_plot is panel.spill_scroll.widget()  # a read builds it too
    # not drawn yet (its tab is hidden): it says so, as every chart did before the first draw
    assert panel.spill_plot.getPlotItem().titleLabel.text == tr("proj.computing")

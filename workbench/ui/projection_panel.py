"""The 预测 (projections) dock: live pyqtgraph plots over the core ``ProjectionEngine``.

The panel owns one engine and keeps it in step with the session (``engine.apply(changes)`` on each
edit), so an edit in any table redraws the plots within a frame. Plot items are created once and
only ever updated (``setOpts``/``setData``): ``clear()`` + ``plot()`` per edit leaks items and is
slow. Only the visible tab is redrawn; the others are marked stale and redrawn when shown.

The module-level ``*_table`` functions only reshape the engine's long table for display (pick the
rows a chart shows, pivot them, group small cities into 其他); every number comes from the engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.edits import Changes
from workbench.core.model import MONEY_UNIT, PEOPLE_UNIT, PLAN_YEARS
from workbench.ui.session import ProjectSession

if TYPE_CHECKING:  # pandas/scipy load with the engine, after the window is shown
    import pandas as pd

# Tableau 10: distinguishable, and the same order on every chart so a city keeps its colour.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
OTHER_COLOUR = "#c8c8c8"
# Fund chart: three bars per city; below this height per city the names would have to be thinned,
# so the chart grows instead and its tab scrolls (title, legend room and the amount axis: CHROME).
FUND_ROW_PX = 26
FUND_CHROME_PX = 96
TOP_CITIES = 8  # cities drawn separately when stacking by city; the rest are grouped as 其他

METRICS = ("gdp", "tax", "jobs", "output")
BASES = ("location", "statistical", "fiscal")
COMPONENTS = ("direct", "chain_spillover", "network_spillover", "park_share")

_LABELS: dict[str, tuple[str, str]] = {
    "gdp": ("GDP 增量", "GDP uplift"),
    "tax": ("税收增量", "Tax uplift"),
    "jobs": ("就业增量", "Jobs uplift"),
    "output": ("产出增量", "Output uplift"),
    "location": ("属地口径", "By location"),
    "statistical": ("统计口径", "Statistical"),
    "fiscal": ("财政口径", "Fiscal"),
    "direct": ("直接效应", "Direct"),
    "chain_spillover": ("产业链溢出", "Chain spillover"),
    "network_spillover": ("邻近溢出", "Neighbour spillover"),
    "park_share": ("园区分成", "Park sharing"),
    "total": ("合计", "Total"),
    "city": ("按城市堆叠", "Stack by city"),
    "component": ("按构成堆叠", "Stack by component"),
    "contributed": ("出资", "Contributed"),
    "invested": ("投资", "Invested"),
    "benefit": ("效益", "Benefit"),
    "benefit_gdp": ("效益：GDP 增量 2026–2030 累计", "Benefit: GDP uplift 2026–2030"),
    "benefit_tax": ("效益：地方税收 2026–2030 累计", "Benefit: local tax 2026–2030"),
    "spillover": ("溢出", "Spillover"),
}


def label(key: str, lang: str) -> str:
    zh, en = _LABELS.get(key, (key, key))
    return zh if lang == "zh" else en


def tr(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


_UNIT_EN = {MONEY_UNIT: "100M yuan", PEOPLE_UNIT: "persons"}


def unit_text(unit: str, lang: str) -> str:
    return _UNIT_EN.get(unit, unit) if lang == "en" else unit


def with_unit(text: str, unit: str, lang: str) -> str:
    """An axis title with its unit: 「GDP 增量（亿元）」 / "GDP uplift (100M yuan)"."""
    return f"{text}（{unit}）" if lang == "zh" else f"{text} ({unit_text(unit, lang)})"


def fmt_value(value: float, unit: str, lang: str = "zh") -> str:
    """A number with its unit, precise enough to read off a hover (亿元 to 0.01 = 100 万元)."""
    if unit == PEOPLE_UNIT:
        return f"{value:,.0f} {unit_text(unit, lang)}"
    return f"{value:,.2f} {unit_text(unit, lang)}"


# --------------------------------------------------------------------------- display tables
@dataclass
class Stack:
    """Bars to draw: ``values[i, j]`` is series ``labels[i]`` at ``positions[j]``."""

    positions: np.ndarray
    labels: list[str]
    values: np.ndarray
    unit: str
    summable: bool = True
    keys: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.values.size == 0


class _Rows:
    """The engine rows one chart shows, as numpy arrays (boolean masks, no per-row pandas)."""

    def __init__(self, results: pd.DataFrame, metric: str, basis: str) -> None:
        col = results.__getitem__
        sel = (col("metric").to_numpy() == metric) & (col("basis").to_numpy() == basis)
        self.component = col("component").to_numpy()[sel]
        self.region = col("region").to_numpy()[sel]
        self.year = col("year").to_numpy()[sel]
        self.value = col("value").to_numpy(dtype=float)[sel]
        units = col("unit").to_numpy()[sel] if "unit" in results else []
        self.unit = (
            str(units[0]) if len(units) else (PEOPLE_UNIT if metric == "jobs" else MONEY_UNIT)
        )
        self.summable = (
            bool(col("summable").to_numpy()[sel].all()) if "summable" in results else True
        )

    def where(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return self.component[mask], self.region[mask], self.year[mask], self.value[mask]


def _pivot(rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> tuple[Any, Any, np.ndarray]:
    """Sum ``values`` into a (unique rows) × (unique cols) table; labels sorted."""
    r_keys, r_idx = np.unique(rows.astype(str), return_inverse=True)
    c_keys, c_idx = np.unique(cols, return_inverse=True)
    table = np.zeros((len(r_keys), len(c_keys)))
    np.add.at(table, (r_idx, c_idx), values)
    return r_keys, c_keys, table


def uplift_table(
    results: pd.DataFrame, metric: str, basis: str, by: str, lang: str, top_n: int = TOP_CITIES
) -> Stack:
    """Uplift by year, one series per city (largest ``top_n`` + 其他) or per component."""
    rows = _Rows(results, metric, basis)
    if by == "city":
        _c, region, year, value = rows.where(rows.component == "total")
        keys, years, table = _pivot(region, year, value)
        order = np.argsort(-np.abs(table).sum(axis=1), kind="stable")
        keys, table = [str(k) for k in keys[order]], table[order]
        if len(keys) > top_n + 1:
            rest = len(keys) - top_n
            other = tr(f"其他 {rest} 个市/区县", f"{rest} other cities", lang)
            table = np.vstack([table[:top_n], table[top_n:].sum(axis=0)])
            keys = [*keys[:top_n], other]
        labels = keys
    else:
        comp, _r, year, value = rows.where(rows.component != "total")
        comps, years, table = _pivot(comp, year, value)
        order = sorted(
            range(len(comps)),
            key=lambda i: COMPONENTS.index(comps[i]) if comps[i] in COMPONENTS else 99,
        )
        keys, table = [str(comps[i]) for i in order], table[order]
        labels = [label(k, lang) for k in keys]
    return Stack(
        positions=np.asarray(years, dtype=float),
        labels=labels,
        values=table,
        unit=rows.unit,
        summable=rows.summable,
        keys=keys,
    )


def totals_by_year(results: pd.DataFrame, metric: str, basis: str) -> tuple[np.ndarray, np.ndarray]:
    """All cities' total uplift per year (the comparison overlay)."""
    rows = _Rows(results, metric, basis)
    _c, _r, year, value = rows.where(rows.component == "total")
    years, idx = np.unique(year, return_inverse=True)
    totals = np.zeros(len(years))
    np.add.at(totals, idx, value)
    return years.astype(float), totals


def spillover_table(results: pd.DataFrame, metric: str, basis: str, year: int, lang: str) -> Stack:
    """Per city in one year: direct vs each spillover component (horizontal stacked bars)."""
    rows = _Rows(results, metric, basis)
    comp, region, _y, value = rows.where((rows.year == year) & (rows.component != "total"))
    cities, comps, table = _pivot(region, comp, value)
    cols = [c for c in COMPONENTS if c in set(comps)]
    table = table[:, [list(comps).index(c) for c in cols]] if len(cities) else table
    keep = (table != 0).any(axis=1)
    cities, table = cities[keep], table[keep]
    order = np.argsort(table.sum(axis=1), kind="stable")  # largest at the top
    return Stack(
        positions=np.arange(len(cities), dtype=float),
        labels=[label(c, lang) for c in cols],
        values=table[order].T if len(cities) else np.zeros((len(cols), 0)),
        unit=rows.unit,
        summable=rows.summable,
        keys=[str(c) for c in cities[order]],  # here keys are the city names along the axis
    )


def fund_table(fund_view: pd.DataFrame, metric: str, lang: str) -> Stack:
    """Per city: contributed vs invested vs benefit (亿元); largest contributor at the top."""
    benefit_col = "benefit_tax" if metric == "tax" else "benefit_gdp"
    view = fund_view.sort_values("contributed")
    view = view[(view[["contributed", "invested", benefit_col]] != 0).any(axis=1)]
    names = [
        label("contributed", lang),
        label("invested", lang),
        label(benefit_col, lang),
    ]
    return Stack(
        positions=np.arange(len(view), dtype=float),
        labels=names,
        values=view[["contributed", "invested", benefit_col]].to_numpy(dtype=float).T,
        unit=MONEY_UNIT,
        keys=[str(r) for r in view["region"]],
    )


# --------------------------------------------------------------------------- plot helpers
class _Hover:
    """Exact value and unit under the mouse: hit rectangles in data coordinates, one text each."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.rects = np.zeros((0, 4))
        self.texts: list[str] = []
        self.tip = pg.TextItem(color="#202020", fill=pg.mkBrush(255, 255, 240, 235), anchor=(0, 1))
        self.tip.setZValue(100)
        self.tip.hide()
        plot.addItem(self.tip, ignoreBounds=True)
        plot.scene().sigMouseMoved.connect(self._moved)

    def set(self, rects: list[tuple[float, float, float, float]], texts: list[str]) -> None:
        self.rects = np.asarray(rects, dtype=float).reshape(-1, 4)
        self.texts = texts
        self.tip.hide()

    def text_at(self, x: float, y: float) -> str | None:
        r = self.rects
        if not len(r):
            return None
        hit = np.nonzero((r[:, 0] <= x) & (x <= r[:, 1]) & (r[:, 2] <= y) & (y <= r[:, 3]))[0]
        return self.texts[int(hit[-1])] if len(hit) else None

    def _moved(self, scene_pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            self.tip.hide()
            return
        p = vb.mapSceneToView(scene_pos)
        text = self.text_at(p.x(), p.y())
        if text is None:
            self.tip.hide()
            return
        self.tip.setText(text)
        self.tip.setPos(p)
        self.tip.show()


class _StackedBars:
    """A reusable pool of BarGraphItems drawn as stacked bars (vertical or horizontal).

    Items are created the first time that many series are needed and then only updated; spare
    items are hidden, so the number of scene items never grows with the number of edits.
    """

    def __init__(
        self,
        plot: pg.PlotItem,
        horizontal: bool,
        thickness: float = 0.6,
        legend_offset: tuple[int, int] = (10, 10),
    ) -> None:
        self.plot = plot
        self.horizontal = horizontal
        self.thickness = thickness
        self.items: list[pg.BarGraphItem] = []
        self.legend = plot.addLegend(
            offset=legend_offset,  # where the bars are shortest
            labelTextSize="9pt",
            labelTextColor="#202020",
            brush=pg.mkBrush(255, 255, 255, 225),
            pen=pg.mkPen("#c0c0c0"),
        )
        self.extra: list[tuple[Any, str]] = []  # non-bar items listed after the bars
        self._legend_labels: list[str] = []
        self._legend_shown: list[str] = []

    def _item(self, i: int) -> pg.BarGraphItem:
        while len(self.items) <= i:
            if self.horizontal:
                item = pg.BarGraphItem(x0=[], width=[], y=[], height=self.thickness)
            else:
                item = pg.BarGraphItem(x=[], height=[], y0=[], width=self.thickness)
            self.plot.addItem(item)
            self.items.append(item)
        return self.items[i]

    def update(
        self, stack: Stack, colours: list[str], offsets: list[float] | None = None
    ) -> tuple[list[tuple[float, float, float, float]], np.ndarray, np.ndarray]:
        """Draw ``stack``; return each bar's hit rectangle (series-major) and the stack bounds.

        With ``offsets`` the series are drawn side by side (grouped) instead of stacked.
        """
        n, m = stack.values.shape if stack.values.ndim == 2 else (0, 0)
        pos = stack.positions
        pos_base = np.zeros(m)
        neg_base = np.zeros(m)
        rects: list[tuple[float, float, float, float]] = []
        th = self.thickness if offsets is None else self.thickness / max(n, 1)
        for i in range(n):
            vals = stack.values[i]
            if offsets is None:
                base = np.where(vals >= 0, pos_base, neg_base)
                pos_base = pos_base + np.clip(vals, 0, None)
                neg_base = neg_base + np.clip(vals, None, 0)
                centre = pos
            else:
                base = np.zeros(m)
                centre = pos + offsets[i]
            item = self._item(i)
            brush = pg.mkBrush(colours[i % len(colours)])
            pen = pg.mkPen("#ffffff", width=0.5)
            if self.horizontal:
                item.setOpts(x0=base, width=vals, y=centre, height=th, brush=brush, pen=pen)
            else:
                item.setOpts(x=centre, height=vals, y0=base, width=th, brush=brush, pen=pen)
            item.setVisible(True)
            lo, hi = np.minimum(base, base + vals), np.maximum(base, base + vals)
            for j in range(m):
                c0, c1 = centre[j] - th / 2, centre[j] + th / 2
                rects.append((lo[j], hi[j], c0, c1) if self.horizontal else (c0, c1, lo[j], hi[j]))
        for item in self.items[n:]:
            item.setVisible(False)
        wanted = [*stack.labels, *(name for _item, name in self.extra)]
        if (
            len(wanted) == len(self._legend_shown)
            and len(self.legend.items) == len(wanted)
            and [name for _i, name in self.extra] == self._legend_shown[len(stack.labels) :]
        ):
            # Same entries, other order or names (the top cities move as money moves): relabel
            # in place; rebuilding the legend costs more than the rest of the redraw.
            for (_sample, text_item), text in zip(self.legend.items, wanted, strict=True):
                if text_item.text != text:
                    text_item.setText(text)
            self._legend_shown = wanted
        elif wanted != self._legend_shown:
            self.legend.clear()
            for i, text in enumerate(stack.labels[:n]):
                self.legend.addItem(self.items[i], text)
            for item, name in self.extra:
                self.legend.addItem(item, name)
            self._legend_shown = wanted
        self._legend_labels = list(stack.labels)
        return rects, neg_base, pos_base

    def heights(self, i: int) -> np.ndarray:
        """Series ``i``'s drawn values (for tests and the benchmark)."""
        key = "width" if self.horizontal else "height"
        return np.asarray(self.items[i].opts[key], dtype=float)


class _CategoryAxis(pg.AxisItem):
    """A left axis of category names that thins its labels to what fits, so none overlap."""

    def __init__(self) -> None:
        super().__init__("left")
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        self.names = names
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        lo, hi = max(0, math.ceil(minVal)), min(len(self.names) - 1, math.floor(maxVal))
        if hi < lo:
            return []
        line = self.fontMetrics().height() if hasattr(self, "fontMetrics") else 14
        line = max(line, 14)
        step = max(1, math.ceil((hi - lo + 1) * line / max(size, 1.0)))
        return [(step, list(range(lo, hi + 1, step)))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            i = round(v)
            out.append(self.names[i] if 0 <= i < len(self.names) else "")
        return out


def _make_plot(object_name: str) -> pg.PlotWidget:
    w = pg.PlotWidget(background="w")
    w.setObjectName(object_name)
    w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    w.setMinimumSize(200, 150)
    item = w.getPlotItem()
    item.showGrid(x=False, y=True, alpha=0.25)
    item.setMenuEnabled(False)
    for name in ("left", "bottom"):
        ax = item.getAxis(name)
        # Replaying an axis' text costs ~2–3 ms per paint; cache it while its range holds.
        ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        ax.setPen(pg.mkPen("#606060"))
        ax.setTextPen(pg.mkPen("#303030"))
    return w


def _nice_ceil(x: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ 1.08·x (x > 0)."""
    if x <= 0:
        return 0.0
    target = 1.08 * x
    k = math.floor(math.log10(target))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * 10**k >= target:
            return m * 10**k
    return 10 ** (k + 1)


# --------------------------------------------------------------------------- the panel
class ProjectionPanel(QWidget):
    """GDP / tax / jobs uplift by year, fund fairness per city, and direct vs spillover."""

    redrawn = Signal()  # emitted after the visible plots were updated (tests and the benchmark)
    ready = Signal()  # the engine for the current project exists (or failed with a message)

    TAB_UPLIFT, TAB_FUND, TAB_SPILLOVER = range(3)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectionPanel")
        self.session = session
        self.lang = getattr(session, "lang", "zh")
        self.engine: Any = None
        self.error: str = ""
        self.computing = False  # True until the session's first computation builds the engine
        self._stale = {self.TAB_UPLIFT, self.TAB_FUND, self.TAB_SPILLOVER}
        self._applied: dict[str, Any] = {}
        self._ranges: dict[str, tuple[float, float]] = {}  # see _fit
        self._colon = "：" if self.lang == "zh" else ": "
        self._build()
        session.changed.connect(self._on_changed)
        session.scenarioChanged.connect(self._on_scenario)
        session.projectReplaced.connect(self._on_replaced)
        session.computeStarted.connect(self.ensure_engine)
        self._on_replaced()
        if session.compute_started:  # a panel added to a session that is already computing
            QTimer.singleShot(0, self, self.ensure_engine)

    # ------------------------------------------------------------- widgets
    def _build(self) -> None:
        lang = self.lang
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        lay.addLayout(bar)

        self.metric_combo = QComboBox(objectName="projectionMetricCombo")
        for m in METRICS:
            self.metric_combo.addItem(label(m, lang), m)
        self.metric_combo.setToolTip(tr("指标", "Metric", lang))
        bar.addWidget(self.metric_combo)

        self.stack_combo = QComboBox(objectName="projectionStackCombo")
        for k in ("city", "component"):
            self.stack_combo.addItem(label(k, lang), k)
        bar.addWidget(self.stack_combo)

        self.basis_group = QButtonGroup(self)
        self.basis_group.setExclusive(True)
        self.basis_buttons: dict[str, QToolButton] = {}
        for b in BASES:
            btn = QToolButton(objectName=f"projectionBasis_{b}")
            btn.setText(label(b, lang))
            btn.setCheckable(True)
            btn.setToolTip(
                tr(
                    "属地：计入所在地；统计：按园区 GDP 分计规则；财政：按税收分成",
                    "Location: where it happens; statistical: park GDP rules; fiscal: tax sharing",
                    lang,
                )
            )
            self.basis_group.addButton(btn)
            self.basis_buttons[b] = btn
            bar.addWidget(btn)
        self.basis_buttons["location"].setChecked(True)

        bar.addWidget(QLabel(tr("年份", "Year", lang)))
        self.year_combo = QComboBox(objectName="projectionYearCombo")
        self.year_combo.setToolTip(tr("按城市图表所示年份", "Year shown in per-city charts", lang))
        bar.addWidget(self.year_combo)

        bar.addWidget(QLabel(tr("对比", "Compare", lang)))
        self.compare_combo = QComboBox(objectName="projectionCompareCombo")
        bar.addWidget(self.compare_combo)
        bar.addStretch(1)

        self.tabs = QTabWidget(objectName="projectionTabs")
        lay.addWidget(self.tabs, 1)

        self.uplift_plot = _make_plot("projectionUpliftPlot")
        self.uplift_bars = _StackedBars(self.uplift_plot.getPlotItem(), horizontal=False)
        self.uplift_hover = _Hover(self.uplift_plot.getPlotItem())
        self.compare_curve = pg.PlotDataItem(
            [],
            [],
            pen=pg.mkPen("#202020", width=2, style=Qt.PenStyle.DashLine),
            symbol="o",
            symbolSize=7,
            symbolBrush="#202020",
        )
        self.uplift_plot.getPlotItem().addItem(self.compare_curve)
        self.uplift_plot.getPlotItem().getAxis("bottom").setLabel(tr("年份", "Year", lang))
        self.tabs.addTab(self.uplift_plot, tr("逐年增量", "Uplift by year", lang))

        self.fund_axis = _CategoryAxis()
        self.fund_plot = _make_plot("projectionFundPlot")
        self.fund_plot.getPlotItem().setAxisItems({"left": self.fund_axis})
        self.fund_bars = _StackedBars(
            self.fund_plot.getPlotItem(), horizontal=True, thickness=0.8, legend_offset=(-10, -10)
        )
        self.fund_hover = _Hover(self.fund_plot.getPlotItem())
        self.fund_plot.getPlotItem().showAxis("top")
        top = self.fund_plot.getPlotItem().getAxis("top")
        top.setPen(pg.mkPen("#606060"))
        top.setTextPen(pg.mkPen("#303030"))
        # 40+ cities do not fit a small dock: every name stays readable and the chart scrolls.
        self.fund_scroll = QScrollArea(objectName="projectionFundScroll")
        self.fund_scroll.setWidgetResizable(True)
        self.fund_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fund_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fund_scroll.setWidget(self.fund_plot)
        self.tabs.addTab(
            self.fund_scroll, tr("出资·投资·效益", "Contributed · invested · benefit", lang)
        )

        self.spill_axis = _CategoryAxis()
        self.spill_plot = _make_plot("projectionSpilloverPlot")
        self.spill_plot.getPlotItem().setAxisItems({"left": self.spill_axis})
        self.spill_bars = _StackedBars(
            self.spill_plot.getPlotItem(), horizontal=True, thickness=0.7, legend_offset=(-10, -10)
        )
        self.spill_hover = _Hover(self.spill_plot.getPlotItem())
        self.tabs.addTab(self.spill_plot, tr("直接与溢出", "Direct vs spillover", lang))

        self.note_label = QLabel(objectName="projectionNoteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #8a5a00;")
        lay.addWidget(self.note_label)

        self.metric_combo.currentIndexChanged.connect(self._metric_changed)
        self.stack_combo.currentIndexChanged.connect(self._invalidate_all)
        self.basis_group.buttonToggled.connect(self._basis_toggled)
        self.year_combo.currentIndexChanged.connect(self._invalidate_all)
        self.compare_combo.currentIndexChanged.connect(self._invalidate_all)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    # ------------------------------------------------------------- state
    @property
    def metric(self) -> str:
        return str(self.metric_combo.currentData())

    @property
    def stack_by(self) -> str:
        return str(self.stack_combo.currentData())

    @property
    def basis(self) -> str:
        return next((b for b, btn in self.basis_buttons.items() if btn.isChecked()), "location")

    def set_basis(self, basis: str) -> None:
        self.basis_buttons[basis].setChecked(True)

    @property
    def year(self) -> int | None:
        y = self.year_combo.currentData()
        return int(y) if y is not None else None

    @property
    def compare_scenario(self) -> str:
        return str(self.compare_combo.currentData() or "")

    # ------------------------------------------------------------- session sync
    def _on_replaced(self) -> None:
        """Show "computing" now; build the engine on the next event-loop turn.

        Importing the engine (pandas, scipy) and the first full computation take most of a
        second: the window is shown first, the plots follow.
        """
        self.error = ""
        self._pairs = None
        self.engine = None
        self.computing = True
        self.tabs.setEnabled(False)  # what is drawn belongs to the previous project, if any
        busy = tr("预测计算中…", "Computing projections…", self.lang)
        for key, plot in (
            ("uplift.title", self.uplift_plot),
            ("fund.title", self.fund_plot),
            ("spill.title", self.spill_plot),
        ):
            self._applied.pop(key, None)  # the next draw sets the real title again
            plot.getPlotItem().setTitle(busy, size="12pt")
        self._fill_years()
        self._fill_compare()
        self._invalidate_all()

    def ensure_engine(self) -> None:
        """Build the engine if it is pending (on ``computeStarted``, or when numbers are needed)."""
        if not self.computing:
            return
        from workbench.core.projections import ProjectionEngine

        try:
            self.engine = ProjectionEngine(self.session.project)
        except Exception as exc:  # a draft the engine cannot read: say so, keep the window
            self.engine = None
            self.error = tr(f"无法计算预测：{exc}", f"Cannot compute projections: {exc}", self.lang)
        self.computing = False
        self.tabs.setEnabled(True)
        self._invalidate_all()
        self.ready.emit()

    def _on_changed(self, changes: Changes) -> None:
        if self.computing:  # the engine will be built from the project as it is then
            if changes.touches("scenarios"):
                self._fill_compare()
            self._invalidate_all()
            return
        if self.engine is not None:
            try:
                self.engine.apply(changes)
            except Exception:  # fall back to a fresh engine rather than show stale numbers
                self._on_replaced()
                self.ensure_engine()
                return
        if changes.touches("scenarios"):
            self._fill_compare()
        self._invalidate_all()

    def _on_scenario(self, _name: str) -> None:
        self._fill_compare()
        self._invalidate_all()

    def _fill_years(self) -> None:
        self.year_combo.blockSignals(True)
        current = self.year
        self.year_combo.clear()
        for y in PLAN_YEARS:
            self.year_combo.addItem(tr(f"{y} 年", str(y), self.lang), y)
        idx = self.year_combo.findData(current if current is not None else PLAN_YEARS[-1])
        self.year_combo.setCurrentIndex(max(idx, 0))
        self.year_combo.blockSignals(False)

    def _fill_compare(self) -> None:
        current = self.compare_scenario
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        self.compare_combo.addItem(tr("（不对比）", "(none)", self.lang), "")
        for sc in self.session.project.scenarios:
            if sc.name != self.session.scenario:
                self.compare_combo.addItem(sc.name, sc.name)
        self.compare_combo.setCurrentIndex(max(self.compare_combo.findData(current), 0))
        self.compare_combo.blockSignals(False)

    def _available(self) -> set[tuple[str, str]]:
        """(metric, basis) pairs the engine reports (fiscal is tax only, statistical has no jobs)."""
        if self._pairs is None and self.engine is not None:
            try:
                t = self._results(self.session.scenario)
                self._pairs = set(t.groupby(["metric", "basis"]).size().index)
            except Exception:  # reported by refresh(); no pairs means no coercion
                return set()
        return self._pairs or set()

    def _metric_changed(self, _index: int) -> None:
        pairs, metric = self._available(), self.metric
        if pairs and (metric, self.basis) not in pairs:
            basis = next((b for b in BASES if (metric, b) in pairs), None)
            if basis is not None:
                self.basis_group.blockSignals(True)
                self.basis_buttons[basis].setChecked(True)
                self.basis_group.blockSignals(False)
        self._invalidate_all()

    def _basis_toggled(self, _button: object, checked: bool) -> None:
        if not checked:
            return
        pairs, basis = self._available(), self.basis
        if pairs and (self.metric, basis) not in pairs:
            metric = next((m for m in METRICS if (m, basis) in pairs), None)
            if metric is not None:
                self.metric_combo.blockSignals(True)
                self.metric_combo.setCurrentIndex(self.metric_combo.findData(metric))
                self.metric_combo.blockSignals(False)
        self._invalidate_all()

    def _invalidate_all(self, *_args: object) -> None:
        self._stale = {self.TAB_UPLIFT, self.TAB_FUND, self.TAB_SPILLOVER}
        self.refresh()

    # ------------------------------------------------------------- drawing
    def _once(self, key: str, value: Any, apply: Any) -> None:
        """Call ``apply(value)`` only when ``value`` changed: titles and axis labels relayout."""
        if self._applied.get(key) != value:
            self._applied[key] = value
            apply(value)

    def refresh(self) -> None:
        """Redraw the visible tab if it is stale (hidden tabs wait until shown)."""
        tab = self.tabs.currentIndex()
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        notes: list[str] = []
        if self.engine is None:
            if self.computing:
                self._stale.add(tab)  # drawn once the engine exists
                self.note_label.setText(tr("预测计算中…", "Computing projections…", self.lang))
                return
            self.note_label.setText(self.error)
            self.redrawn.emit()
            return
        try:
            if tab == self.TAB_UPLIFT:
                notes = self._draw_uplift()
            elif tab == self.TAB_FUND:
                notes = self._draw_fund()
            else:
                notes = self._draw_spillover()
        except Exception as exc:  # the draft may be incomplete; the panel reports, never crashes
            notes = [tr(f"无法计算预测：{exc}", f"Cannot compute projections: {exc}", self.lang)]
        self.note_label.setText("\n".join(notes))
        self.redrawn.emit()

    def _results(self, scenario: str) -> pd.DataFrame:
        return self.engine.results(scenario)

    def _draw_uplift(self) -> list[str]:
        lang, metric, basis = self.lang, self.metric, self.basis
        results = self._results(self.session.scenario)
        stack = uplift_table(results, metric, basis, self.stack_by, lang)
        colours = list(PALETTE)
        if self.stack_by == "city" and len(stack.labels) > TOP_CITIES:
            colours = [*PALETTE[: len(stack.labels) - 1], OTHER_COLOUR]
        cmp_name = self.compare_scenario
        cmp_vals: dict[float, float] = {}
        self.uplift_bars.extra = (
            [(self.compare_curve, tr(f"对比：{cmp_name} 合计", f"{cmp_name} total", lang))]
            if cmp_name
            else []
        )
        rects, lo, hi = self.uplift_bars.update(stack, colours)
        totals = stack.values.sum(axis=0) if not stack.empty else np.zeros(0)
        if cmp_name:
            cx, cy = totals_by_year(self._results(cmp_name), metric, basis)
            self.compare_curve.setData(cx, cy, name=cmp_name)
            cmp_vals = dict(zip(cx.tolist(), cy.tolist(), strict=True))
            self.compare_curve.setVisible(True)
        else:
            self.compare_curve.setData([], [])
            self.compare_curve.setVisible(False)
        texts = []
        n, m = stack.values.shape if stack.values.ndim == 2 else (0, 0)
        for i in range(n):
            for j in range(m):
                y = stack.positions[j]
                t = (
                    f"{stack.labels[i]} · {tr(f'{y:.0f} 年', f'{y:.0f}', lang)}\n"
                    f"{label(metric, lang)}{self._colon}{fmt_value(stack.values[i, j], stack.unit, lang)}\n"
                    f"{label('total', lang)}{self._colon}{fmt_value(totals[j], stack.unit, lang)}"
                )
                if y in cmp_vals:
                    t += f"\n{cmp_name}{self._colon}{fmt_value(cmp_vals[y], stack.unit, lang)}"
                texts.append(t)
        self.uplift_hover.set(rects, texts)
        item = self.uplift_plot.getPlotItem()
        self._once(
            "uplift.left",
            with_unit(label(metric, lang), stack.unit, lang),
            item.getAxis("left").setLabel,
        )
        self._once(
            "uplift.title",
            f"{label(metric, lang)} · {label(basis, lang)} · {self.session.scenario}"
            + (f" {tr('对比', 'vs', lang)} {cmp_name}" if cmp_name else ""),
            lambda t, item=item: item.setTitle(t, size="10pt"),
        )
        if len(stack.positions):
            ticks = [[(y, f"{y:.0f}") for y in stack.positions]]
            self._once("uplift.ticks", ticks, item.getAxis("bottom").setTicks)
        extent = [lo, hi, np.asarray(list(cmp_vals.values()), dtype=float)]
        self._fit(item, f"uplift.{metric}.{basis}", extent, np.asarray(stack.positions), False)
        return self._notes(stack, metric, basis, results)

    def _fit(
        self,
        item: pg.PlotItem,
        key: str,
        values: list[np.ndarray],
        categories: np.ndarray,
        horizontal: bool,
    ) -> None:
        """Fit the view to the data, but keep the value range while the data still fit it well.

        Auto-ranging on every edit moves the value axis with each keystroke: the numbers jump under
        the planner's eyes and the axis (text, the costliest thing to paint) is redrawn every frame.
        The range changes only when the data leave it or shrink below 60 % of it.
        """
        finite = [v[np.isfinite(v)] for v in values if np.size(v)]
        lo = min([0.0, *(float(v.min()) for v in finite if v.size)])
        hi = max([0.0, *(float(v.max()) for v in finite if v.size)])
        if hi - lo <= 0:
            hi = 1.0
        pad = 0.06 * (hi - lo)
        want = (lo - (pad if lo < 0 else 0.0), hi + pad)
        cur = self._ranges.get(key)
        keep = (
            cur is not None
            and cur[0] <= want[0]
            and cur[1] >= want[1]
            and (want[1] - want[0]) >= 0.6 * (cur[1] - cur[0])
        )
        vb = item.getViewBox()
        vb.disableAutoRange()
        if not keep:
            # Round outwards to a "nice" bound so that the next few edits still fit.
            top = _nice_ceil(want[1])
            # a sliver below zero keeps the "0" tick label inside the view
            want = (-_nice_ceil(-want[0]) if want[0] < 0 else -0.02 * top, top)
            self._ranges[key] = want
            (vb.setXRange if horizontal else vb.setYRange)(*want, padding=0)
        cats = (
            (float(categories.min()) - 0.6, float(categories.max()) + 0.6)
            if len(categories)
            else (0, 1)
        )
        if self._ranges.get(key + ".cat") != cats:
            self._ranges[key + ".cat"] = cats
            (vb.setYRange if horizontal else vb.setXRange)(*cats, padding=0)

    def _notes(self, stack: Stack, metric: str, basis: str, results: pd.DataFrame) -> list[str]:
        lang = self.lang
        notes = [zh if lang == "zh" else en for zh, en in results.attrs.get("notes", [])]
        if stack.empty or not np.any(stack.values):
            notes.append(
                tr(
                    f"本方案在{label(basis, lang)}下没有{label(metric, lang)}"
                    "（尚无分配或该口径无数据）。",
                    f"No {label(metric, lang)} {label(basis, lang).lower()} for this scenario.",
                    lang,
                )
            )
        if not stack.summable:
            notes.append(
                tr(
                    "注：部分园区按“双方全额计入”统计，数值不可加总，堆叠高度大于实际合计。",
                    "Note: some parks count GDP in full for both parties; stacked heights"
                    " overstate the true total.",
                    lang,
                )
            )
        return notes

    def _draw_fund(self) -> list[str]:
        lang, metric = self.lang, self.metric
        view = self.engine.fund_view(self.session.scenario)
        stack = fund_table(view, metric, lang)
        n = len(stack.labels)
        th = self.fund_bars.thickness / n
        offsets = [((n - 1) / 2 - i) * th for i in range(n)]  # first series on top
        colours = ["#9c9c9c", "#4e79a7", "#59a14f"]
        rects, _lo, _hi = self.fund_bars.update(stack, colours, offsets)
        self.fund_axis.set_names(stack.keys)
        height = FUND_CHROME_PX + FUND_ROW_PX * max(len(stack.keys), 1)
        self._once("fund.height", height, self.fund_plot.setMinimumHeight)
        texts = [
            f"{stack.keys[j]}\n{stack.labels[i]}{self._colon}{fmt_value(stack.values[i, j], stack.unit, lang)}"
            for i in range(n)
            for j in range(len(stack.keys))
        ]
        self.fund_hover.set(rects, texts)
        item = self.fund_plot.getPlotItem()
        amount = with_unit(tr("金额", "Amount", lang), MONEY_UNIT, lang)
        self._once("fund.bottom", amount, item.getAxis("bottom").setLabel)
        # The chart may scroll: the amount scale is on top as well, in view from the start.
        self._once("fund.top", amount, lambda t, item=item: item.getAxis("top").setLabel(t))
        self._once(
            "fund.title",
            tr(
                f"各市出资、投资与效益 · {self.session.scenario}",
                f"Contributed, invested and benefit per city · {self.session.scenario}",
                lang,
            )
            # the legend scrolls with the bars; the colour key in the title stays in view
            + "&nbsp;&nbsp;&nbsp;"
            + "&nbsp;&nbsp;".join(
                f'<span style="color:{c}">■</span>&nbsp;{name}'
                for c, name in zip(colours, stack.labels, strict=False)
            ),
            lambda t, item=item: item.setTitle(t, size="10pt"),
        )
        # grouped bars: the extent is the values themselves, not a stack
        self._fit(
            item, f"fund.{metric}", [np.ravel(stack.values)], np.asarray(stack.positions), True
        )
        if not stack.keys:
            return [tr("没有出资或投资数据。", "No contributions or investments.", lang)]
        return []

    def _draw_spillover(self) -> list[str]:
        lang, metric, basis, year = self.lang, self.metric, self.basis, self.year
        results = self._results(self.session.scenario)
        stack = spillover_table(results, metric, basis, year or 0, lang)
        colours = ["#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1"]
        rects, lo, hi = self.spill_bars.update(stack, colours)
        self.spill_axis.set_names(stack.keys)
        n, m = stack.values.shape if stack.values.ndim == 2 else (0, 0)
        texts = [
            f"{stack.keys[j]} · {tr(f'{year} 年', str(year), lang)}\n"
            f"{stack.labels[i]}{self._colon}{fmt_value(stack.values[i, j], stack.unit, lang)}"
            for i in range(n)
            for j in range(m)
        ]
        self.spill_hover.set(rects, texts)
        item = self.spill_plot.getPlotItem()
        self._once(
            "spill.bottom",
            with_unit(label(metric, lang), stack.unit, lang),
            item.getAxis("bottom").setLabel,
        )
        self._once(
            "spill.title",
            f"{tr('直接与溢出', 'Direct vs spillover', lang)} · {label(basis, lang)} · "
            f"{tr(f'{year} 年', str(year), lang)}",
            lambda t, item=item: item.setTitle(t, size="10pt"),
        )
        self._fit(item, f"spill.{metric}.{basis}", [lo, hi], np.asarray(stack.positions), True)
        return self._notes(stack, metric, basis, results)

    # ------------------------------------------------------------- for tests and the benchmark
    def uplift_values(self) -> dict[str, np.ndarray]:
        """What the uplift plot currently draws: series label -> values per year."""
        labels = self.uplift_bars._legend_labels
        return {lab: self.uplift_bars.heights(i) for i, lab in enumerate(labels)}

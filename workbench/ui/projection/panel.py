"""The 预测 (projections) dock: live pyqtgraph plots over the core ``ProjectionEngine``.

The panel owns one engine and keeps it in step with the session (``engine.apply(changes)`` on each
edit), so an edit in any table redraws the plots within a frame. Plot items are created once and
only ever updated (``setOpts``/``setData``): ``clear()`` + ``plot()`` per edit leaks items and is
slow. Only the visible tab is redrawn; the others are marked stale and redrawn when shown. Every
chart is built when first drawn or read (``panel.uplift_plot``, ``panel.fund_plot``…), not before
the window's first paint: until the first computation the 逐年增量 tab says "预测计算中…" in words
(the chart could show nothing else yet), so the plotting library (pyqtgraph and every Qt
type it copies) loads with the computation and the window appears without waiting for it.

Every number, label, colour and hover text comes from ``core.projections.views`` (which read the
engine's arrays); this module only draws them and sets titles.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from workbench.core.edits import Changes
from workbench.core.model import PLAN_YEARS
from workbench.core.projections import views
from workbench.core.projections import vocabulary as voc
from workbench.ui.flow_layout import flow_row
from workbench.ui.i18n import language, pick, tr
from workbench.ui.projection import charts
from workbench.ui.projection.controls import ControlsMixin
from workbench.ui.projection.net_table import NetTable
from workbench.ui.session import ProjectSession

# Fund chart: three bars per city; below this height per city the names would have to be thinned,
# so the chart grows instead and its tab scrolls (title, legend room and the amount axis: CHROME).
FUND_ROW_PX = 26
FUND_CHROME_PX = 96
SPILL_ROW_PX = 22  # the same for the 直接与溢出 chart: every city labelled, the tab scrolls
# The charts built on first use, by the attributes that hold their parts.
_LAZY_CHARTS = {
    "uplift": ("uplift_plot", "uplift_bars", "uplift_hover", "compare_curve", "band"),
    "fund": ("fund_plot", "fund_axis", "fund_bars", "fund_hover"),
    "spill": ("spill_plot", "spill_axis", "spill_bars", "spill_hover"),
}
_TAB_CHARTS = ("uplift_plot", "fund_plot", "spill_plot", "net_tab", "results_tab")  # by tab index


class ProjectionPanel(ControlsMixin, QWidget):
    """GDP / tax / jobs uplift by year, fund fairness per city, and direct vs spillover."""

    redrawn = Signal()  # emitted after the visible plots were updated (tests and the benchmark)
    ready = Signal()  # the engine for the current project exists (or failed with a message)

    TAB_UPLIFT, TAB_FUND, TAB_SPILLOVER, TAB_NET, TAB_RESULTS = range(5)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectionPanel")
        self.session = session
        self.engine: Any = None
        self.error: str = ""
        self.computing = False  # True until the session's first computation builds the engine
        self._stale = set(range(4))
        self._applied: dict[str, Any] = {}
        self._ranges: dict[str, tuple[float, float]] = {}  # see plots.fit_range
        self._bands_hooked = False  # listening to the units' bands (``unit_bands``)
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
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        controls, bar = flow_row(self, "projectionControls")
        lay.addWidget(controls)
        self._build_controls(bar)
        self.tabs = QTabWidget(objectName="projectionTabs")
        lay.addWidget(self.tabs, 1)
        self.uplift_holder = charts.holder("projectionUpliftHolder", tr("proj.computing"))
        self.tabs.addTab(self.uplift_holder, tr("proj.tab.uplift"))
        self.fund_scroll = charts.scroll("projectionFundScroll")
        self.tabs.addTab(self.fund_scroll, tr("proj.tab.fund"))
        self.spill_scroll = charts.scroll("projectionSpilloverScroll")
        self.tabs.addTab(self.spill_scroll, tr("proj.tab.spillover"))
        self.net_tab = NetTable()
        self.tabs.addTab(self.net_tab, tr("proj.tab.net"))
        self.results_holder = QWidget(objectName="projectionResultsHolder")  # see __getattr__
        QVBoxLayout(self.results_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.results_holder, tr("proj.tab.results"))
        self.note_label = QLabel(objectName="projectionNoteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #8a5a00;")
        lay.addWidget(self.note_label)
        self._connect_controls()
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    def __getattr__(self, name: str) -> Any:
        """A chart behind a tab (``panel.fund_plot``…) and the results table are built on first
        read (drawing a tab reads it), not before the window's first paint."""
        if name == "results_tab":
            from workbench.ui.projection.results_table import ResultsTab

            tab = self.__dict__["results_tab"] = ResultsTab()
            self.results_holder.layout().addWidget(tab)
            return tab
        for chart, attrs in _LAZY_CHARTS.items():
            if name in attrs:
                self._build_chart(chart)
                return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build_chart(self, chart: str) -> None:
        if _LAZY_CHARTS[chart][0] in self.__dict__:
            return
        charts.BUILDERS[chart](self)
        # What _on_replaced showed on every chart until it is drawn.
        plot = self.__dict__[_LAZY_CHARTS[chart][0]]
        charts.set_title(plot.getPlotItem(), tr("proj.computing"), "12pt")

    # ------------------------------------------------------------- session sync
    def _on_replaced(self) -> None:
        """Show "computing" now; build the engine on the next event-loop turn.

        Importing the engine (pandas, scipy) and the first full computation take most of a
        second: the window is shown first, the plots follow.
        """
        self.error = ""
        self.engine = None
        self.computing = True
        self.tabs.setEnabled(False)  # what is drawn belongs to the previous project, if any
        busy = tr("proj.computing")
        for key, attr in (
            ("uplift.title", "uplift_plot"),
            ("fund.title", "fund_plot"),
            ("spill.title", "spill_plot"),
        ):
            self._applied.pop(key, None)  # the next draw sets the real title again
            plot = self.__dict__.get(attr)  # a chart not built yet shows "computing" when built
            if plot is not None:
                charts.set_title(plot.getPlotItem(), busy, "12pt")
        self._fill_years()
        self._fill_compare()
        self._invalidate_all()

    def ensure_engine(self) -> None:
        """Build the engine if it is pending (on ``computeStarted``, or when numbers are needed)."""
        if not self.computing:
            return
        from workbench.core.projections import ProjectionEngine

        self._build_chart("uplift")  # the chart is what this computation is shown in

        try:
            with np.errstate(all="ignore"):
                self.engine = ProjectionEngine(self.session.project, self.horizon)
        except Exception as exc:  # a draft the engine cannot read: say so, keep the window
            self.engine = None
            self.error = tr("proj.failed", error=exc)
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
        if self.engine is None:  # the engine could not read the project: an edit may mend it
            self._on_replaced()
            self.ensure_engine()
            return
        try:
            with np.errstate(all="ignore"):
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

    def _invalidate_all(self, *_args: object) -> None:
        self._stale = set(range(self.tabs.count()))
        self.refresh()

    def _horizon_changed(self, _index: int) -> None:
        """A new last year: the engine recomputes with it; the year menu follows."""
        if self.engine is not None:
            self.engine.until = self.horizon
            self.engine.invalidate(structural=True)
        self._fill_years()
        self._invalidate_all()

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
                self.note_label.setText(tr("proj.computing"))
                return
            # No engine: what a built chart drew belongs to another project (or says "computing");
            # it is hidden, as for numbers that are not finite, and the note says why.
            chart = self.__dict__.get(_TAB_CHARTS[tab])
            if chart is not None:
                chart.setVisible(False)
            self.note_label.setText(self.error)
            self.redrawn.emit()
            return
        # by name: reading a chart behind a tab builds it (see __getattr__)
        plot = getattr(self, _TAB_CHARTS[tab])
        try:
            with np.errstate(all="ignore"):  # overflow shows as the message below, not a warning
                invalid = self._nonfinite_text(tab)
                plot.setVisible(not invalid)  # never draw NaN or infinite bars
                if invalid:
                    notes = [invalid]
                elif tab == self.TAB_UPLIFT:
                    notes = self._draw_uplift()
                elif tab == self.TAB_FUND:
                    notes = self._draw_fund()
                elif tab == self.TAB_NET:
                    notes = self._draw_net()
                elif tab == self.TAB_RESULTS:
                    notes = self._draw_results()
                else:
                    notes = self._draw_spillover()
        except Exception as exc:  # the draft may be incomplete; the panel reports, never crashes
            notes = [tr("proj.failed", error=exc)]
        self.note_label.setText("\n".join(notes))
        self.redrawn.emit()

    def _nonfinite_text(self, tab: int) -> str:
        """The message to show instead of the chart when its numbers are not all finite."""
        from workbench.core.projections.finite import any_nonfinite, cause

        scenario = self.session.scenario
        ratio = False
        if tab == self.TAB_FUND:
            df = self.engine.fund_view(scenario)
            arrays = [df[c].to_numpy() for c in df.columns if df[c].dtype.kind == "f"]
        else:
            arrays = list(self._block(scenario).parts)
            if tab == self.TAB_UPLIFT and self.compare_scenario:
                arrays += self._block(self.compare_scenario).parts
            ratio = not voc.METRIC[self.metric].additive  # NaN: a region without statistics
        if not any_nonfinite(arrays, ratio):
            return ""
        return tr("proj.nonfinite", cause=pick(*cause(self.session.project)))

    def _block(self, scenario: str, basis: str | None = None) -> Any:
        """The engine's block, before additionality when the switch says 毛效益."""
        block = self.engine.block(scenario, basis or self.basis, self.metric)
        return block.as_gross() if self.gross else block

    def _blocks(self, scenario: str) -> tuple[Any, Any]:
        """The block shown and, for a basis that counts some figures in full, the block of the
        basis that counts them once (what ``views`` sum in their place)."""
        once = voc.BASIS[self.basis].counted_once
        block = self._block(scenario)
        return block, (self._block(scenario, once) if once else None)

    def _notes(self, stack: views.Stack) -> list[str]:
        engine_notes = self.engine.notes(self.session.scenario)
        return views.chart_notes(stack, self.metric, self.basis, engine_notes, language())

    def _shown(self, *more: object) -> tuple:
        """What a chart shows, beyond its numbers: a change of any of these re-fits its axes."""
        return (self.metric, self.basis, self.session.scenario, language(), self.gross, *more)

    def _draw_uplift(self) -> list[str]:
        lang, metric, basis = language(), self.metric, self.basis
        block, once = self._blocks(self.session.scenario)
        stack = views.uplift(block, self.stack_by, lang, once=once)
        cmp_name = self.compare_scenario
        cmp_vals: dict[float, float] = {}
        legend = tr("proj.compare.legend", name=cmp_name)
        self.uplift_bars.extra = [(self.compare_curve, legend)] if cmp_name else []
        self.uplift_bars.extra += self.band.legend_items()
        rects, lo, hi = self.uplift_bars.update(stack)
        if cmp_name:
            cx, cy = views.year_totals(*self._blocks(cmp_name))
            self.compare_curve.setData(cx, cy, name=cmp_name)
            cmp_vals = dict(zip(cx.tolist(), cy.tolist(), strict=True))
            self.compare_curve.setVisible(True)
        else:
            self.compare_curve.setData([], [])
            self.compare_curve.setVisible(False)
        hovers = views.uplift_hovers(stack, metric, lang, cmp_name, cmp_vals)
        self.uplift_hover.set(*self.band.hover(rects, hovers))
        item = self.uplift_plot.getPlotItem()
        name = voc.METRIC[metric].uplift(lang)
        self._once(
            "uplift.left", views.with_unit(name, stack.unit, lang), item.getAxis("left").setLabel
        )
        self._once(
            "uplift.title",
            f"{name} · {voc.label(basis, lang)} · {tr('proj.show.' + ('gross' if self.gross else 'net'))}"
            f" · {self.session.scenario}"
            + (f" {tr('proj.compare.vs')} {cmp_name}" if cmp_name else ""),
            lambda t, item=item: charts.set_title(item, t, "10pt"),
        )
        years = np.asarray(stack.positions if len(stack.positions) else PLAN_YEARS, dtype=float)
        ticks = [[(y, f"{y:.0f}") for y in years]]
        self._once("uplift.ticks", ticks, item.getAxis("bottom").setTicks)
        extent = [lo, hi, np.asarray(list(cmp_vals.values()), dtype=float), *self.band.extent()]
        shown = self._shown(self.stack_by, cmp_name)
        charts.fit_range(self._ranges, item, "uplift", shown, extent, years, False)
        if stack.empty and not cmp_vals:
            self.uplift_bars.show_empty(views.empty_text(metric, basis, lang))
        self.band.show_for_current()
        return self._notes(stack)

    def _draw_fund(self) -> list[str]:
        lang, metric = language(), self.metric
        stack = views.fund(self.engine.fund_view(self.session.scenario), metric, lang)
        n = len(stack.labels)
        th = self.fund_bars.thickness / n
        offsets = [((n - 1) / 2 - i) * th for i in range(n)]  # first series on top
        rects, _lo, _hi = self.fund_bars.update(stack, offsets)
        self.fund_axis.set_names(stack.keys)
        height = FUND_CHROME_PX + FUND_ROW_PX * max(len(stack.keys), 1)
        self._once("fund.height", height, self.fund_plot.setMinimumHeight)
        self.fund_hover.set(rects, views.fund_hovers(stack, lang))
        item = self.fund_plot.getPlotItem()
        amount = views.with_unit(tr("proj.amount"), voc.MONEY, lang)
        self._once("fund.bottom", amount, item.getAxis("bottom").setLabel)
        # The chart may scroll: the amount scale is on top as well, in view from the start.
        self._once("fund.top", amount, lambda t, item=item: item.getAxis("top").setLabel(t))
        self._once(
            "fund.title",
            tr("proj.fund.title", scenario=self.session.scenario) + _key(stack),
            lambda t, item=item: charts.set_title(item, t, "10pt"),
        )
        # grouped bars: the extent is the values themselves, not a stack
        positions = np.asarray(stack.positions)
        shown = (metric, self.session.scenario, language())
        charts.fit_range(
            self._ranges, item, "fund", shown, [np.ravel(stack.values)], positions, True
        )
        if not stack.keys:
            self.fund_bars.show_empty(tr("proj.fund.none"))
            return [tr("proj.fund.none")]
        return []

    def _draw_spillover(self) -> list[str]:
        lang, metric, basis, year = language(), self.metric, self.basis, self.year
        block, once = self._blocks(self.session.scenario)
        stack = views.spillover(block, year or 0, lang, once=once)
        rects, lo, hi = self.spill_bars.update(stack)
        self.spill_axis.set_names(stack.keys)
        height = FUND_CHROME_PX + SPILL_ROW_PX * max(len(stack.keys), 1)
        self._once("spill.height", height, self.spill_plot.setMinimumHeight)
        self.spill_hover.set(rects, views.spillover_hovers(stack, year, lang))
        item = self.spill_plot.getPlotItem()
        name = voc.METRIC[metric].uplift(lang)
        axis_title = views.with_unit(name, stack.unit, lang)
        self._once("spill.bottom", axis_title, item.getAxis("bottom").setLabel)
        self._once("spill.top", axis_title, lambda t, item=item: item.getAxis("top").setLabel(t))
        when = pick(f"{year} 年", str(year))
        self._once(
            "spill.title",
            tr("proj.spill.title", basis=voc.label(basis, lang), year=when) + _key(stack),
            lambda t, item=item: charts.set_title(item, t, "10pt"),
        )
        shown = self._shown(year)
        charts.fit_range(
            self._ranges, item, "spill", shown, [lo, hi], np.asarray(stack.positions), True
        )
        if not stack.keys:
            self.spill_bars.show_empty(views.empty_text(metric, basis, lang))
        return self._notes(stack)

    def _draw_net(self) -> list[str]:
        """Gross | each adjustment | net per city and for the circle (``core...net_view``)."""
        from workbench.core.projections.net_view import net_split

        lang, year = language(), self.year or PLAN_YEARS[-1]
        split = net_split(self.engine, self.session.scenario, self.basis, self.metric)
        title = tr(
            "proj.net.title",
            metric=voc.METRIC[self.metric].uplift(lang),
            basis=voc.label(self.basis, lang),
            year=pick(f"{year} 年", str(year)),
        )
        self.net_tab.show_split(split, year, title)
        return [pick(zh, en) for zh, en in self.engine.notes(self.session.scenario)]

    def _draw_results(self) -> list[str]:
        """Unit × year totals of the chart's metric, basis and net/gross (``results_view``)."""
        from workbench.core.projections.results_view import results_table

        lang, (block, once) = language(), self._blocks(self.session.scenario)
        name = voc.METRIC[self.metric].uplift(lang)
        shown = tr("proj.show." + ("gross" if self.gross else "net"))
        title = f"{name} · {voc.label(self.basis, lang)} · {shown} · {self.session.scenario}"
        bands, note = self._unit_bands(block)
        self.results_tab.show_table(results_table(block, lang, once, bands=bands), title)
        return [*self._notes(views.uplift(block, "city", lang, once=once)), *note]

    def _unit_bands(self, block: Any) -> tuple[Any, list[str]]:
        from workbench.ui.projection.unit_bands import results_bands, service_for

        if not self._bands_hooked:
            self._bands_hooked = True
            service_for(self.session).updated.connect(self._bands_updated)
        return results_bands(self.session, block, self.basis, self.metric, self.gross)

    def _bands_updated(self) -> None:
        self._stale.add(self.TAB_RESULTS)
        self.refresh()

    # ------------------------------------------------------------- for tests and the benchmark
    def uplift_values(self) -> dict[str, np.ndarray]:
        """What the uplift plot currently draws: series label -> values per year."""
        labels = self.uplift_bars._legend_labels
        return {lab: self.uplift_bars.heights(i) for i, lab in enumerate(labels)}


def _key(stack: views.Stack) -> str:
    """The colour key in a scrolling chart's title (its legend scrolls away with the bars)."""
    entries = list(zip(stack.colours, stack.labels, strict=False))
    if stack.excess is not None and stack.excess.any():
        entries.append((voc.NOT_SUMMABLE_COLOUR, voc.NOT_SUMMABLE.label(language())))
    # A narrow chart wraps its title (``plots.fit_title``), at any space: a long entry too.
    return "<br>" + "&nbsp; ".join(
        f'<span style="color:{c}">■</span>&nbsp;{name}' for c, name in entries
    )
